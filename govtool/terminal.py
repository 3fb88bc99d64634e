"""Register text on its way to a terminal or a text file: control characters made inert.

A register is untrusted, and YAML's double-quoted strings can hold any character
(``"\\e[2J"`` clears the screen, ``"\\e]0;...\\a"`` retitles the window, ``"\\x9b"`` is a one-byte
CSI on some terminals, ``"\\b"`` and ``"\\r"`` overwrite what was printed before). Every
human-readable output (show, list, lint's text formats, Markdown, CSV, error messages) passes
register text through :func:`printable`; JSON keeps the data exactly, escaped by
:func:`dumps_json`.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: C0 controls except tab and newline, DEL, and the C1 controls.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: What json.dumps(ensure_ascii=False) leaves raw: DEL and the C1 controls (C0 it escapes).
_JSON_RAW = re.compile(r"[\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline shown as U+FFFD."""
    return _UNSAFE.sub(REPLACEMENT, text)


def dumps_json(value: Any, **options: Any) -> str:
    """``json.dumps`` keeping non-ASCII text readable, with DEL and C1 controls escaped too."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
