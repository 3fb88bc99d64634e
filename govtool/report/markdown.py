"""Markdown escaping: register text shows as typed and can never become markup.

Every register string printed into a Markdown report goes through :func:`escape` (the
Markdown environment applies it to every ``{{ }}`` output, the way HTML autoescaping
works). Whitespace, newlines included, collapses to single spaces so a note cannot break a
table row or start a heading, and every character that could open markup is
backslash-escaped: emphasis, code, links and images, raw HTML (``<``), table pipes,
entities (an ``&`` that opens one), and the GitHub autolink triggers (``://``, ``www.``, ``@``). A character
that is markup only at the start of a line ('#', '-', '+', '=', '1.') is escaped there, and
only when what follows makes it a block: a figure such as 91.5 or -3 is printed as it is.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from markupsafe import Markup

from govtool.support.terminal import printable

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$@])")
#: What makes a line a block when it starts one (CommonMark, as GitHub renders it): a heading
#: (1 to 6 '#' then a space or the end), a bullet ('-' or '+' then a space or the end), a
#: numbered item (1 to 9 digits, '.' or ')', then a space or the end), a setext underline (only
#: '=') or a rule (only '-' and spaces). '*', '_', '>', '`', '~', '<' and '|' are escaped
#: wherever they stand. Nothing else at the start of a line is markup: '91.5', '-3', '+44',
#: '#3' and '2026-12-03' are left as they are.
_BLOCK_START = re.compile(r"^(?:#{1,6}|[-+]|\d{1,9}[.)])(?=\s|$)|^(?:=+|-[-\s]*)$")
_WWW = re.compile(r"(?i)\b(www)\.")
#: An '&' is markup only where it opens an entity reference ("&lt;", "&#60;", "&#x3C;"):
#: there it is written "&amp;" so that the text shows as typed; "A&E" and "rota & cover" stay
#: as they are, readable in a text editor (a registered manager opens the .md in Notepad).
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def escape(value: object) -> Markup:
    """``value`` as inert Markdown text (Markup marks it as already escaped)."""
    if isinstance(value, Markup):
        return value
    text = " ".join(printable(str(value)).split())
    text = _ENTITY.sub("&amp;", text)
    text = _SPECIAL.sub(r"\\\1", text)
    text = text.replace("://", "\\://")
    text = _WWW.sub(r"\1\\.", text)
    return Markup(_inert_start(text))


def _inert_start(text: str) -> str:
    """``text`` with a backslash before the character that would make it start a block:
    '1\\. Done', '\\# Heading', '\\- item', '\\---'; anything else unchanged."""
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    marker = match.group(0)
    at = len(marker) - 1 if marker[0].isdigit() else 0
    return text[:at] + "\\" + text[at:]


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
