"""Whether a reason (for a cancellation, a re-date, a reopening) says anything at all.

The rule ``cancelled-without-reason`` reports a cancellation whose reason says nothing, and the
commands that record a reason refuse one before writing it: a reason is the only account an
inspector gets of why a due date moved or an action was dropped.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"^\W*(n/?a|none|nil|no reason|tbc|tbd|cancel+ed|not needed|no longer needed|not required|"
    r"duplicate|done|x|\?+|-+|\.+|"
    # a word that names a kind of reason without giving it: what delayed it, what was wrong?
    r"ok(ay)?|delay(ed)?|slipp(ed|age)|wrong|error|mistake|changed?|as discussed|see above|various|other)?\W*$",
    re.IGNORECASE,
)


def says_nothing(reason: str) -> bool:
    """True for an empty reason, a placeholder ("n/a", "not needed", "duplicate", "x", "...") or a
    word that names a kind of reason without giving it ("delay", "wrong", "as discussed")."""
    return _PLACEHOLDER.match(reason) is not None
