"""Which row holds the headings, and which field each column holds.

The headings are those UK providers, NHS trusts and CQC's own action-plan template use
("Action required", "Lead", "By when", "RAG", "How the regulation was not being met", ...),
compared without case, punctuation or a trailing explanation in brackets. ``--map`` names
the rest: ``--map "Who's doing it=owner"`` (a heading or a column letter, then a field).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from govtool.services.importing.sheet import Sheet, column_letter
from govtool.services.importing.values import text_of
from govtool.support.errors import GovtoolError

#: field -> what it is, for --help and for the error that lists the fields.
FIELDS: dict[str, str] = {
    "id": "an action ID written by govtool export (the row updates that action)",
    "ref": "the plan's own number for the action (1.1, R3, Must do 2): kept as the action's reference",
    "title": "the action",
    "description": "more detail about the action",
    "source_id": "the ID of the source the action answers",
    "source": "the source's title (one new source per different title)",
    "source_type": "the source's type (inspection report, complaint, audit, ...)",
    "source_date": "the source's date",
    "finding_id": "the finding's ID inside the source (F1, F2, ...)",
    "finding": "the finding, as the report or audit wrote it",
    "regulation": "the regulation of the 2014 Regulations the finding concerns",
    "key_question": "safe, effective, caring, responsive or well-led",
    "level": "must or should",
    "owner": "one named person",
    "owner_name": "the owner's name, when a separate column holds the people-directory ID",
    "priority": "high, medium or low",
    "created": "when the action was raised",
    "due": "when it is due",
    "status": "not started, in progress, complete, closed, cancelled",
    "rag": "Red, Amber, Green or Blue",
    "measure_target": "the result that means it worked",
    "measure_baseline": "where things stood before",
    "measure_method": "how the improvement is monitored and sustained",
    "progress": "the latest progress update",
    "progress_date": "when the progress update was written (default: the day of the import)",
    "next_milestone": "the next milestone",
    "milestone_due": "when the next milestone is due",
    "change": "what is now different (for a completed action)",
    "evidence": "evidence of completion: web addresses or files in the register",
    "new_note": "a new progress note (the export's 'New progress note' column)",
    "redate_reason": "why the due date moved (the export's 'Re-date reason' column)",
    "ignore": "a column not to import",
}

_HEADINGS: dict[str, tuple[str, ...]] = {
    "id": ("id", "action id"),
    "ref": ("ref", "ref no", "ref number", "ref #", "reference", "reference no", "reference number", "no", "number",
            "item", "item no", "item number", "action no", "action number", "action ref", "action reference",
            "action #", "#", "s no", "line", "requirement no", "finding no", "finding ref"),
    "title": ("action", "actions", "action required", "actions required", "action to be taken",
              "actions to be taken", "action planned", "actions planned", "planned action", "planned actions",
              "action s", "improvement action", "improvement actions", "action point", "action points",
              "what action will be taken", "what actions will be taken", "what we will do", "what will we do",
              "what are we going to do", "action agreed", "agreed action", "agreed actions", "actions agreed",
              "action plan", "actions to address", "action to address", "actions to achieve compliance",
              "action to be taken to meet the regulation", "what needs to be done", "what we are doing",
              "action description", "task", "tasks", "mitigating action", "mitigating actions"),
    "description": ("description", "details", "detail", "action detail", "action details", "further detail",
                    "further details", "how", "how will this be achieved", "how we will do it"),
    "source_id": ("source id",),
    "source": ("source", "source of action", "source of finding", "where identified", "identified by",
               "identified through", "identified from", "origin", "raised from", "raised by", "source title"),
    "source_type": ("source type", "type of source"),
    "source_date": ("source date", "date of inspection", "inspection date", "report date", "date of report",
                    "audit date", "date of audit", "date of incident", "incident date"),
    "finding_id": ("finding id",),
    "finding": ("finding", "findings", "issue", "issues", "issue identified", "issues identified",
                "identified issue", "area for improvement", "areas for improvement", "concern", "concerns",
                "concern identified", "what we found", "what was found", "what did we find", "breach",
                "breaches", "requirement", "requirements", "recommendation", "recommendations",
                "shortfall", "shortfalls", "gap", "gaps", "gap identified", "problem", "risk issue",
                "what needs to improve", "what needs to change", "how the regulation was not being met",
                "how the regulation was not met", "regulation not met", "must do", "should do",
                "must do should do actions", "finding text", "cqc finding", "cqc findings", "inspection finding",
                "audit finding", "audit findings", "learning", "lesson learned", "lessons learned",
                "improvement required", "improvements required", "area of concern", "item to be rectified",
                "items to be rectified", "concern raised", "what was the concern", "cqc concern"),
    "regulation": ("regulation", "regulations", "reg", "regulation breached", "regulation number",
                   "hsca regulation", "fundamental standard", "regulated activity regulation",
                   "relevant regulation", "regulation s"),
    "key_question": ("key question", "key questions", "kloe", "kloes", "domain", "cqc domain",
                     "cqc key question", "key line of enquiry", "key lines of enquiry", "cqc domain kloe"),
    "level": ("must should", "must or should", "must do or should do", "level", "requirement or recommendation",
              "must do should do", "type of action"),
    "owner": ("owner", "owner id", "owners", "lead", "leads", "action owner", "action lead", "responsible",
              "responsible person", "person responsible", "responsibility", "who", "by whom", "lead person",
              "accountable", "accountable person", "named lead", "lead officer", "assigned to",
              "responsible lead", "who is responsible", "who will do it", "lead responsible",
              "responsible officer", "lead name", "named person", "person", "who will lead", "assigned lead",
              "operational lead", "executive lead", "lead director", "lead manager", "responsible manager"),
    "owner_name": ("owner name",),
    "priority": ("priority", "priority level", "urgency", "priority rating"),
    "created": ("created", "date raised", "date identified", "date opened", "date added", "date logged",
                "date created", "start date", "date action raised", "date agreed", "date of entry"),
    "due": ("due", "due date", "by when", "timescale", "timescales", "target date", "deadline", "date due",
            "target completion date", "target date for completion", "date for completion",
            "expected completion date", "expected completion", "timeframe", "time frame", "time scale",
            "when", "completion by", "complete by", "to be completed by", "revised date", "revised due date",
            "revised target date", "new target date", "agreed completion date", "target", "date to be completed",
            "estimated completion date", "completion date"),
    "status": ("status", "progress status", "current status", "action status", "status of action",
               "overall status"),
    "rag": ("rag", "rag status", "rag rating", "brag", "brag status", "brag rating", "status rag", "rag brag"),
    "measure_target": ("measure", "target measure", "measure of success", "success measure", "success measures",
                       "success criteria", "how will we know", "how will we know it has worked",
                       "how will success be measured", "how will improvement be measured", "expected outcome",
                       "expected outcomes", "outcome measure", "desired outcome", "intended outcome",
                       "measurable outcome", "measurable outcomes", "kpi", "outcome required"),
    "measure_baseline": ("baseline", "baseline measure", "starting point"),
    "measure_method": ("how it is checked", "monitoring", "monitoring arrangements", "how monitored",
                       "how will this be monitored", "how will the improvement be monitored and sustained",
                       "how will this be monitored and sustained", "how the improvement will be monitored",
                       "monitoring and sustaining", "assurance method", "how will it be sustained",
                       "monitoring method", "how will we monitor"),
    "progress": ("progress", "progress update", "progress updates", "progress to date", "update", "updates",
                 "latest update", "progress notes", "progress note", "comments progress", "progress and comments",
                 "progress comments", "current position", "position", "comments", "comment", "actions taken",
                 "action taken", "progress made", "update on progress", "notes", "narrative", "status update",
                 "commentary", "action taken to date", "progress against action"),
    "progress_date": ("progress date", "date of update", "update date", "date updated", "last updated",
                      "date of progress update", "progress update date", "date of last update", "position as at",
                      "update as at", "progress as at"),
    "next_milestone": ("next milestone", "milestone", "next step", "next steps"),
    "milestone_due": ("milestone due", "milestone date", "next milestone date", "next step date"),
    "change": ("change to practice", "outcome", "impact", "what has changed", "outcome achieved",
               "outcome impact", "impact of action", "difference made"),
    "evidence": ("evidence", "evidence of completion", "evidence of compliance", "evidence assurance",
                 "assurance", "evidence of improvement", "sources of assurance", "evidence of change",
                 "evidence location", "where is the evidence", "evidence available"),
    "new_note": ("new progress note",),
    "redate_reason": ("re date reason", "redate reason", "reason for re date", "reason for redate",
                      "reason for change of date", "reason for extension", "reason for delay",
                      "reason for revised date", "reason for new date"),
}
#: When two columns name the same field, the one with the heading listed first here wins
#: ("Owner ID" over "Owner" in an exported sheet; "Revised date" over "Target date").
_PREFERRED = {"owner": ("owner id",), "due": ("revised date", "revised due date", "revised target date",
                                              "new target date", "due")}

_KNOWN = {heading: name for name, headings in _HEADINGS.items() for heading in headings}


def normalise(heading: str) -> str:
    """'By when?' -> 'by when'; 'Re-date reason' -> 're date reason'; '(RAG)' dropped when it explains."""
    text = heading.casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w#]+", " ", text).replace("_", " ").split())


def recognise(heading: str) -> str | None:
    """The field a heading names, or None."""
    candidates = [heading]
    without_brackets = re.sub(r"\(.*?\)|\[.*?\]", " ", heading)
    candidates += [without_brackets, re.split(r"[:\n–—]| - ", without_brackets)[0]]
    for candidate in candidates:
        name = _KNOWN.get(normalise(candidate))
        if name is not None:
            return name
    # "Area / Finding", "Lead / Responsible person": a heading of alternatives names the field
    # its known parts agree on (none when they name two: "Action / Progress").
    named = {_KNOWN.get(normalise(part)) for part in without_brackets.split("/")} - {None}
    return named.pop() if len(named) == 1 else None


@dataclass
class Layout:
    """Where the headings are and what each column holds."""

    header_row: int  # the sheet's row number
    headings: list[str]  # by column index
    fields: dict[str, int] = field(default_factory=dict)  # field -> column index
    unused: list[int] = field(default_factory=list)  # columns with a heading nothing reads
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (column, field it also names)

    def column(self, name: str) -> int | None:
        return self.fields.get(name)

    def describe(self, index: int) -> str:
        """'column E (By when)'."""
        heading = self.headings[index] if index < len(self.headings) else ""
        return f"column {column_letter(index)} ({heading})" if heading else f"column {column_letter(index)}"


def parse_maps(given: Sequence[str]) -> list[tuple[str, str]]:
    """``--map "COLUMN=field"`` values as (column, field), fields checked."""
    pairs = []
    for item in given:
        column, sep, name = item.rpartition("=")
        name = name.strip().replace("-", "_").casefold()
        if not sep or not column.strip():
            raise GovtoolError(f"--map {item!r}: write it as \"COLUMN=field\", e.g. --map \"Who's leading=owner\"")
        if name not in FIELDS:
            raise GovtoolError(f"--map {item!r}: {name!r} is not a field: use one of {', '.join(FIELDS)}")
        pairs.append((column.strip(), name))
    return pairs


#: How far down a sheet the headings may start (title rows, logos, instructions above them).
HEADING_SEARCH_ROWS = 30


def find_layout(sheet: Sheet, maps: Sequence[tuple[str, str]] = ()) -> Layout | None:
    """The heading row (the one that names the most fields, an action column among them)."""
    best: Layout | None = None
    width = max((len(cells) for cells in sheet.rows), default=0)
    for position, cells in enumerate(sheet.rows[:HEADING_SEARCH_ROWS]):
        layout = _layout(sheet.numbers[position], [*cells, *[None] * (width - len(cells))], maps)
        if "title" in layout.fields and len(layout.fields) >= 2 and (best is None or len(layout.fields) > len(best.fields)):
            best = layout
    return best


def _layout(number: int, cells: Sequence[object], maps: Sequence[tuple[str, str]]) -> Layout:
    """The layout if row ``number`` (``cells``, one for every column of the sheet) held the headings."""
    headings = [text_of(cell) if isinstance(cell, str) else "" for cell in cells]
    layout = Layout(number, headings)
    chosen: dict[int, str] = {}
    for index, heading in enumerate(headings):
        name = recognise(heading) if heading else None
        if name is not None:
            chosen[index] = name
    for column, name in maps:
        mapped = _mapped_column(column, headings)
        if mapped is not None:
            chosen[mapped] = name
    for index, name in sorted(chosen.items()):
        if name == "ignore":
            continue
        held = layout.fields.get(name)
        if held is None or _rank(name, headings[index]) < _rank(name, headings[held]):
            if held is not None:
                layout.duplicates.append((held, name))
            layout.fields[name] = index
        else:
            layout.duplicates.append((index, name))
    layout.unused = [i for i, h in enumerate(headings) if h and i not in chosen]
    return layout


def _rank(name: str, heading: str) -> int:
    preferred = _PREFERRED.get(name, ())
    key = normalise(heading)
    return preferred.index(key) if key in preferred else len(preferred)


def _mapped_column(column: str, headings: Sequence[str]) -> int | None:
    wanted = normalise(column)
    for index, heading in enumerate(headings):
        if heading and normalise(heading) == wanted:
            return index
    lettered = _letter_index(column)
    return lettered if lettered is not None and lettered < len(headings) else None


def _letter_index(column: str) -> int | None:
    """'A' -> 0, 'AB' -> 27; None when ``column`` is not a column letter."""
    if not re.fullmatch(r"[A-Za-z]{1,2}", column.strip()):
        return None
    index = 0
    for letter in column.strip().upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def check_maps(layout: Layout, maps: Iterable[tuple[str, str]]) -> None:
    """A --map that names no column of the sheet is a mistake worth stopping for: one line that
    names the columns the sheet has (its headings row spans every column with a cell)."""
    for column, name in maps:
        if _mapped_column(column, layout.headings) is not None:
            continue
        columns = ", ".join(f"{column_letter(i)} {h!r}" if h else column_letter(i) for i, h in enumerate(layout.headings))
        if _letter_index(column) is not None:
            raise GovtoolError(f"--map {column}={name}: the sheet has no column {column.strip().upper()}: its columns "
                               f"are {columns} (headings on row {layout.header_row})")
        raise GovtoolError(f"--map {column}={name}: no column is headed {column!r} on row {layout.header_row}: "
                           f"the sheet's columns are {columns}")
