"""Markdown escaping: register text shows as typed and can never become markup.

Every register string printed into a Markdown report goes through :func:`escape` (the
Markdown environment applies it to every ``{{ }}`` output, the way HTML autoescaping
works). Whitespace, newlines included, collapses to single spaces so a note cannot break a
table row or start a heading, and every character that could open markup is
backslash-escaped: emphasis, code, links and images, raw HTML (``<``), table pipes,
entities (``&``), and the GitHub autolink triggers (``://``, ``www.``, ``@``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

from govtool.support.terminal import printable

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$@])")
_LINE_START = re.compile(r"^([#=+-]|\d+[.)])")
_WWW = re.compile(r"(?i)\b(www)\.")


def escape(value: object) -> Markup:
    """``value`` as inert Markdown text (Markup marks it as already escaped)."""
    if isinstance(value, Markup):
        return value
    text = " ".join(printable(str(value)).split())
    text = text.replace("&", "&amp;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = text.replace("://", "\\://")
    text = _WWW.sub(r"\1\\.", text)
    text = _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)
    return Markup(text)


def link(label: object, href: str | None) -> Markup:
    """``[label](<href>)`` with the label escaped; plain escaped text when there is no href."""
    if not href:
        return escape(label)
    destination = quote(href, safe="/:?#=&%;+,@!$'*~.-_")
    destination = destination.replace("(", "%28").replace(")", "%29")
    return Markup(f"[{escape(label)}](<{destination}>)")


def finalize(value: object) -> object:
    """The Markdown environment's ``finalize``: escape everything not already Markup."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape(value)
