"""Record IDs: short, speakable, and merge-safe (random, so two branches never collide)."""

from __future__ import annotations

import re
from collections.abc import Container

from govtool.support.errors import GovtoolError

PREFIXES = {"action": "ACT", "source": "SRC", "risk": "RSK"}
ID_PATTERN = re.compile(r"^(ACT|SRC|RSK)-[A-Za-z0-9-]{1,32}$")
# No 0/O, 1/I/L or U: IDs are read aloud in meetings and copied from printouts.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6  # 30**6 = 729 million: a collision between branches is vanishingly rare


def new_id(kind: str, taken: Container[str] = ()) -> str:
    """A fresh ID for a record of ``kind`` that is not in ``taken``."""
    import secrets  # only a new record needs it (with hashlib and hmac): an edit never does

    prefix = PREFIXES[kind]
    while True:
        candidate = prefix + "-" + "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if candidate not in taken:
            return candidate


def kind_of(record_id: str) -> str | None:
    """'action', 'source' or 'risk' for a well-formed ID, else None."""
    match = ID_PATTERN.match(record_id)
    if not match:
        return None
    return {v: k for k, v in PREFIXES.items()}[match.group(1)]


#: A finding's or a control's ID inside its record ("F7", "C2").
PART_ID_PATTERN = re.compile(r"^[FC]\d{1,4}$")
_SAY_THE_ACTION = "say what will be done (e.g. 'Audit 10 MAR charts every week and report the results to governance')"


def action_title(text: str, option: str = "--title") -> str:
    """``text`` unchanged, unless it is a record ID alone, or a finding's or control's: answers
    typed in the wrong order (the source's ID, or "F7", where the action goes) are no action,
    and are refused."""
    typed = text.strip().upper()
    if ID_PATTERN.match(typed):
        raise GovtoolError(f"{option} {text.strip()!r} is a record ID, not the action: {_SAY_THE_ACTION}")
    if PART_ID_PATTERN.match(typed):
        what = "a finding's" if typed.startswith("F") else "a control's"
        raise GovtoolError(f"{option} {text.strip()!r} is {what} ID, not the action: {_SAY_THE_ACTION}")
    return text
