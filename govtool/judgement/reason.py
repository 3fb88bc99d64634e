"""Whether a reason (for a cancellation, a re-date, a reopening) says anything at all.

The rule ``cancelled-without-reason`` reports a cancellation whose reason says nothing, and the
commands that record a reason refuse one before writing it: a reason is the only account an
inspector gets of why a due date moved or an action was dropped.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"^\W*(n/?a|none|nil|no reason|t\.?b\.?[cd]\.?|cancel+ed|not needed|no longer needed|not required|"
    r"duplicate|done|x|\?+|-+|\.+|"
    # a word that names a kind of reason without giving it: what delayed it, what was wrong?
    r"ok(ay)?|delay(ed|s)?|slipp(ed|age)|wrong|error|mistake|changed?|various|other|unknown|"
    # a state instead of a cause: waiting for what, busy with what, pending what?
    r"(still\s+)?(waiting|awaiting|pending|busy|on\s+hold|ongoing|in\s+progress|not\s+(done|started|finished)|"
    r"not\s+yet)|"
    # ... on what? "waiting on it", "pending review", "not done yet", "ran out of time"
    r"(still\s+)?(waiting|awaiting|pending)(\s+(on|for))?\s+(it|this|that|them|review|approval|sign[\s-]?off|"
    r"update|confirmation|feedback|response)|"
    r"not\s+(done|started|finished|completed)\s+yet|not\s+yet\s+(done|started|finished|completed)|"
    r"(ran|run|running)\s+out\s+of\s+time|out\s+of\s+time|no\s+time|"
    r"(need(s|ed)?\s+)?more\s+time(\s+needed)?|time|capacity|workload|resched?uled|moved|extended|extension|"
    # a pointer to somewhere else: the reason must be here, in the trail, where an inspector reads it
    r"(as\s+)?(discussed|agreed)|(as\s+)?per\s+(the\s+)?(notes?|above|below|comments?|updates?|email|meeting|discussion)|"
    r"see\s+(the\s+)?(notes?|above|below|comments?|updates?|email|minutes))?\W*$",
    re.IGNORECASE,
)


def says_nothing(reason: str) -> bool:
    """True for an empty reason, a placeholder ("n/a", "not needed", "duplicate", "x", "..."), a
    word that names a kind of reason without giving it ("delay", "wrong"), a state instead of its
    cause ("waiting", "pending", "busy") or a pointer to somewhere else ("see notes", "as per
    notes", "as discussed"). A short reason that names its cause ("staff sickness", "awaiting
    contractor", "waiting for the electrician") says something, and is accepted."""
    return _PLACEHOLDER.match(reason) is not None
