"""Register text on its way to a terminal or a text file: control characters made inert.

A register is untrusted, and YAML's double-quoted strings can hold any character
(``"\\e[2J"`` clears the screen, ``"\\e]0;...\\a"`` retitles the window, ``"\\x9b"`` is a one-byte
CSI on some terminals, ``"\\b"`` and ``"\\r"`` overwrite what was printed before), and the
bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) make a line
display in another order than it reads ("Trojan Source"): a title could seem to say what it
does not. Right-to-left text itself needs none of them and is kept. Every
human-readable output (show, list, lint's text formats, Markdown, CSV, error messages) passes
register text through :func:`printable`; JSON keeps the data exactly, escaped by
:func:`dumps_json`.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: DEL, the C1 controls, and the bidirectional overrides, embeddings and isolates.
_DEL_C1_BIDI = r"\x7f-\x9f\u202a-\u202e\u2066-\u2069"
#: C0 controls except tab and newline, and the above.
_UNSAFE = re.compile(rf"[\x00-\x08\x0b-\x1f{_DEL_C1_BIDI}]")
#: What json.dumps(ensure_ascii=False) leaves raw (it escapes C0).
_JSON_RAW = re.compile(rf"[{_DEL_C1_BIDI}]")
REPLACEMENT = "\ufffd"


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline shown as U+FFFD."""
    return _UNSAFE.sub(REPLACEMENT, text)


def dumps_json(value: Any, **options: Any) -> str:
    """``json.dumps`` keeping non-ASCII text readable, with DEL, C1 and bidirectional controls
    escaped too (as ``\\u202e``: the data is unchanged, the terminal shows it inert)."""
    # json.dumps builds a new encoder for every call given an option; JSON lint output calls
    # this once per problem (thousands on a register with standing problems), so the plain
    # case shares one.
    text = _PLAIN.encode(value) if not options else json.dumps(value, ensure_ascii=False, **options)
    return _JSON_RAW.sub(_escaped, text) if _JSON_RAW.search(text) else text


_PLAIN = json.JSONEncoder(ensure_ascii=False)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


#: Characters that make a shell read one argument as several, or as something else: a path
#: or text holding any of them is put in double quotes when a hint shows it as typed.
_SHELL_SPECIAL = re.compile(r"""[\s"'&|<>()^%!;$`*?\[\]{}~#,=]""")


def as_typed(argument: str) -> str:
    """``argument`` as a user should type it in a command a hint shows: in double quotes when
    it holds a space or a character a shell treats specially. Double quotes, unlike single
    ones, work the same in Windows cmd, PowerShell and POSIX shells for ordinary names."""
    if argument and not _SHELL_SPECIAL.search(argument):
        return argument
    return '"' + argument.replace('"', '\\"') + '"'


#: Git's own words for telling it who you are, as a command to type: double quotes, which work
#: in Windows cmd as well as PowerShell and POSIX shells (single quotes do not in cmd).
GIT_IDENTITY_COMMANDS = ('git config --global user.name "Your Name" and '
                         "git config --global user.email you@example.org")
