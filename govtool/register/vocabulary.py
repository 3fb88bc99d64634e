"""The register's words: the one place that knows the statuses, source types and other values
a field accepts, which of them count as active, done or pending, and how reports print them.

The values come from the JSON Schemas (govtool/schemas/), the single source of truth for the
file format; this module adds what the schemas cannot say (which statuses are still being
worked on, a label for each value) and reads a value as people type it (:func:`choice`).
tests/register/test_vocabulary.py checks that every value the schema accepts has a label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from govtool.register.schema import schema_for
from govtool.support.errors import GovtoolError


def allowed(kind: str, *path: str) -> tuple[str, ...]:
    """The values a record field accepts, read from its JSON Schema (the single source of truth)."""
    node = schema_for(kind)
    for key in path:
        node = node["properties"][key]
        node = node.get("items", node)
    return tuple(node["enum"])


SOURCE_TYPES = allowed("source", "type")
PRIORITIES = allowed("action", "priority")
STATUSES = allowed("action", "status")
EFFECTIVENESS = allowed("risk", "controls", "effectiveness")
KEY_QUESTIONS = allowed("source", "findings", "key_question")
LEVELS = allowed("source", "findings", "level")
#: The service's current overall CQC rating (govtool.yaml ``rating``).
RATINGS = allowed("settings", "rating")
# The schema also accepts bare YAML integers (regulation: 12); the CLI writes the text form.
REGULATIONS = tuple(r for r in allowed("source", "findings", "regulation") if isinstance(r, str))


@dataclass(frozen=True)
class CitedRegulation:
    """A regulation as a finding cites it: its ``number`` (one of :data:`REGULATIONS`, the form
    a finding stores) and the ``paragraph`` written after it ('(2)(a)'; '' when none), which the
    schema has no place for."""

    number: str
    paragraph: str = ""


_REG_WORD = r"reg(?:ulation)?s?\.?"
_REG_NUMBER = r"(\d{1,2}[aA]?)\b"
_REG_PARAGRAPH = r"((?:\s*\(\s*\w{1,4}\s*\))*)"
_REG_ANYWHERE = re.compile(rf"\b{_REG_WORD}\s*{_REG_NUMBER}{_REG_PARAGRAPH}", re.IGNORECASE)
_REG_LEADING = re.compile(rf"^{_REG_NUMBER}{_REG_PARAGRAPH}")
#: The whole of an answer or option: 'Regulation 17(2)(a)', 'Reg. 17', '17(2)(a)',
#: 'regulation 9a', 'Regulation 12: Safe care and treatment'.
_REG_WHOLE = re.compile(rf"\s*(?:{_REG_WORD}\s*)?{_REG_NUMBER}{_REG_PARAGRAPH}\s*(?:[:\u2013\u2014-]\s*[a-z][a-z ,&'\u2019-]{{0,60}})?",
                        re.IGNORECASE)


def cited_regulation(text: str, *, whole: bool = False) -> CitedRegulation | None:
    """The regulation of the 2014 Regulations that ``text`` names, as CQC and providers write
    it ('Regulation 17(2)(a)', 'Reg 17(2)(b)', '17(2)(a)', 'regulation 9a'); None when it names
    none. ``whole``: the text must be that and nothing more (a regulation's title after a colon
    or dash allowed), as an option's value or a prompt's answer is; else the first one found
    in it, as a spreadsheet's cell ('HSCA 2008 (RA) Regulations 2014 Regulation 9a') is read.
    One reader for the command line and ``govtool import``."""
    if whole:
        match = _REG_WHOLE.fullmatch(text)
    else:
        match = _REG_ANYWHERE.search(text) or _REG_LEADING.match(text)
    if match is None or match.group(1).upper() not in REGULATIONS:
        return None
    return CitedRegulation(match.group(1).upper(), re.sub(r"\s+", "", match.group(2)))

#: An action still being worked on: on the backlog, expected to move.
ACTIVE_STATUSES = ("open", "in_progress")
#: An action whose work is done (awaiting sign-off, or signed off).
DONE_STATUSES = ("completed", "closed")
#: Statuses in which an action linked to a risk's control is a control change still on its way.
PENDING_STATUSES = ("open", "in_progress", "completed")

#: The source types that always have findings (an inspection, real or mock, finds things):
#: lint's source-without-findings reports one recorded with none.
FINDING_SOURCE_TYPES = ("inspection_report", "mock_inspection")

#: How reports name each source type, in the order reports and ``--source-type`` list them.
SOURCE_TYPE_LABELS: dict[str, str] = {
    "inspection_report": "CQC inspection report",
    "mock_inspection": "Mock inspection",
    "audit": "Audit",
    "safeguarding": "Safeguarding",
    "complaint": "Complaint",
    "incident": "Incident",
}

#: Statuses of an action finished with: nothing more is owed on it.
FINISHED_STATUSES = ("closed", "cancelled")

#: How reports name each action status, in lifecycle order.
STATUS_LABELS: dict[str, str] = {
    "open": "Open",
    "in_progress": "In progress",
    "completed": "Completed",
    "closed": "Closed",
    "cancelled": "Cancelled",
}


def choice(value: str, option: str, options: Sequence[str]) -> str:
    """``value`` as one of ``options`` (case and ``-``/``_``/space insensitive)."""
    def fold(text: str) -> str:
        return re.sub(r"[\s_-]+", "_", text.strip().casefold())

    for option_value in options:
        if fold(option_value) == fold(value):
            return option_value
    raise GovtoolError(f"{option} {value!r} is not one of: {', '.join(options)}")
