"""Typed records with their links resolved both ways.

Records are built leniently from whatever the file held: a field of the wrong type reads as
None (the schema check has already reported it with its line), so rules and reports can run
on a register that has problems and never crash on one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from govtool.register.dates import parse_file_date
from govtool.register.vocabulary import ACTIVE_STATUSES
from govtool.register.yamlload import LoadedYaml


class cached_property:
    """functools.cached_property without its lock: on Python 3.11 every first access takes a
    lock (dropped in 3.12), and lint makes some 40,000 first accesses on 2,000 actions.
    Records are read by one thread. The value lands in the instance's ``__dict__``, which
    Python reads before this (non-data) descriptor: later accesses are plain lookups."""

    def __init__(self, compute: Callable[[Any], Any]):
        self.compute = compute
        self.__doc__ = compute.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


#: The fields ``govtool edit`` may change (and an ``edits`` entry names), measure parts dotted.
EDITABLE_FIELDS = ("title", "description", "priority", "owner", "measure.target", "measure.baseline", "measure.method",
                   "reference")
#: A source's own fields that ``govtool edit SRC-...`` corrects, and a finding's (with ``--finding``).
SOURCE_EDITABLE_FIELDS = ("title", "date", "reference", "summary", "response_due", "response_sent")
FINDING_EDITABLE_FIELDS = ("text", "regulation", "key_question", "level")
#: A risk's scores, which change at a review (``govtool review``), and its controls' field a review re-rates.
RISK_REVIEWED_SCORES = ("inherent.likelihood", "inherent.consequence", "residual.likelihood", "residual.consequence")
CONTROL_REVIEWED_FIELDS = ("effectiveness",)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def editable_value(data: Any, name: str) -> str | None:
    """The text of one of EDITABLE_FIELDS in a record's data (``measure.target`` inside ``measure``)."""
    head, _, part = name.partition(".")
    value = _mapping(data).get(head)
    if part:
        value = _mapping(value).get(part)
    return _text(value)


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass
class Person:
    id: str
    name: str
    role: str | None = None
    email: str | None = None
    #: their last working day, for someone who has left (or is leaving)
    left: dt.date | None = None

    @property
    def label(self) -> str:
        """'Jane Smith (Registered Manager)'."""
        return f"{self.name} ({self.role})" if self.role else self.name

    def in_post_on(self, day: dt.date) -> bool:
        """Whether they still work here on ``day``: the one test of who may own an action or sign a
        trail entry that day, for the commands (``--owner``, ``--by`` and ``--date``), lint's
        ``unknown-owner``, the digest and the reports. The leaving date is their last working day:
        on it they still own their actions and sign entries (the handover note is written that
        day); from the day after, they own and sign nothing."""
        return self.left is None or day <= self.left


@dataclass
class Settings:
    path: Path
    data: dict[str, Any]
    doc: LoadedYaml | None = None
    people: dict[str, Person] = field(default_factory=dict)

    @property
    def provider(self) -> str | None:
        return _text(self.data.get("provider"))

    @property
    def location(self) -> str | None:
        return _text(self.data.get("location"))

    @property
    def rating(self) -> str | None:
        return _text(self.data.get("rating"))

    @property
    def auto_commit(self) -> bool:
        return self.data.get("commit") is True

    @property
    def lint(self) -> dict[str, Any]:
        return _mapping(self.data.get("lint"))

    @property
    def framework(self) -> str | None:
        """The framework named in govtool.yaml (None: the default, cqc-saf-2023)."""
        return _text(self.data.get("framework"))

    @property
    def risk_bands(self) -> dict[str, int]:
        return {k: v for k, v in _mapping(self.data.get("risk_bands")).items() if _int(v)}

    @classmethod
    def build(cls, path: Path, doc: LoadedYaml | None) -> Settings:
        data = _mapping(doc.data if doc else None)
        people = {}
        for pid, entry in _mapping(data.get("people")).items():
            entry = _mapping(entry)
            people[str(pid)] = Person(
                id=str(pid),
                name=_text(entry.get("name")) or str(pid),
                role=_text(entry.get("role")),
                email=_text(entry.get("email")),
                left=parse_file_date(entry.get("left")),
            )
        return cls(path=path, data=data, doc=doc, people=people)


@dataclass
class Record:
    """What every record has: its ID, its file (relative to the register) and its data."""

    id: str
    path: Path
    doc: LoadedYaml

    @cached_property
    def data(self) -> dict[str, Any]:
        return _mapping(self.doc.data)

    def line(self, *path: str | int) -> int | None:
        """The line of a field (or its nearest parent), for problems and links."""
        return self.doc.line_of(tuple(path))

    def get_text(self, key: str) -> str | None:
        return _text(self.data.get(key))

    def get_date(self, key: str) -> dt.date | None:
        return parse_file_date(self.data.get(key))


@dataclass(frozen=True)
class Finding:
    source: Source
    index: int
    id: str
    text: str | None
    regulation: str | None
    key_question: str | None
    quality_statement: str | None
    framework_ref: str | None
    level: str | None

    @property
    def actions(self) -> list[Action]:
        return [a for a in self.source.actions if a.finding_id == self.id]


@dataclass
class Source(Record):
    actions: list[Action] = field(default_factory=list)

    @property
    def type(self) -> str | None:
        return self.get_text("type")

    @property
    def title(self) -> str | None:
        return self.get_text("title")

    @property
    def date(self) -> dt.date | None:
        return self.get_date("date")

    @property
    def reference(self) -> str | None:
        return self.get_text("reference")

    @property
    def summary(self) -> str | None:
        return self.get_text("summary")

    @property
    def response_due(self) -> dt.date | None:
        """When the provider's response to this source is due (e.g. the action plan CQC asks for)."""
        return self.get_date("response_due")

    @property
    def response_sent(self) -> dt.date | None:
        """When the provider sent that response to the regulator (``govtool edit SRC-... --response-sent``):
        what says whether the response was made in time, rather than when its actions were typed in."""
        return self.get_date("response_sent")

    @cached_property
    def findings(self) -> list[Finding]:
        result = []
        for i, item in enumerate(_items(self.data.get("findings"))):
            fid = _text(item.get("id"))
            if fid is None:
                continue
            result.append(
                Finding(
                    source=self,
                    index=i,
                    id=fid,
                    text=_text(item.get("text")),
                    regulation=_text(item.get("regulation")),
                    key_question=_text(item.get("key_question")),
                    quality_statement=_text(item.get("quality_statement")),
                    framework_ref=_text(item.get("framework_ref")),
                    level=_text(item.get("level")),
                )
            )
        return result

    def finding(self, finding_id: str | None) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)

    @cached_property
    def edits(self) -> list[Edit]:
        """Corrections of the source or of one finding (``govtool edit SRC-...``)."""
        return _edits(self.data)

    @cached_property
    def cancellation(self) -> SignOff | None:
        """The withdrawal of a source recorded by mistake (``govtool cancel SRC-...``)."""
        if "cancellation" not in self.data:
            return None
        return _sign_off(_mapping(self.data.get("cancellation")), "cancellation", "reason")

    @property
    def is_cancelled(self) -> bool:
        """Withdrawn: recorded by mistake, so its findings ask for no action."""
        return "cancellation" in self.data

    @cached_property
    def trail(self) -> list[TrailEntry]:
        """Edits and the cancellation, in file order."""
        entries: list[TrailEntry] = [*self.edits]
        if self.cancellation is not None:
            entries.append(self.cancellation)
        return entries


@dataclass(frozen=True)
class Control:
    risk: Risk
    index: int
    id: str
    description: str | None
    effectiveness: str | None

    @property
    def actions(self) -> list[Action]:
        return [a for a in self.risk.actions if a.control_id == self.id]


@dataclass(frozen=True)
class Score:
    likelihood: int | None
    consequence: int | None

    @property
    def value(self) -> int | None:
        if self.likelihood is None or self.consequence is None:
            return None
        return self.likelihood * self.consequence

    @classmethod
    def of(cls, value: Any) -> Score:
        value = _mapping(value)
        return cls(_int(value.get("likelihood")), _int(value.get("consequence")))


@dataclass(frozen=True)
class Review:
    index: int
    date: dt.date | None
    by: str | None
    score: Score
    note: str | None


@dataclass
class Risk(Record):
    actions: list[Action] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return self.get_text("title")

    @property
    def owner(self) -> str | None:
        return self.get_text("owner")

    @property
    def created(self) -> dt.date | None:
        return self.get_date("created")

    @cached_property
    def inherent(self) -> Score:
        return Score.of(self.data.get("inherent"))

    @cached_property
    def residual(self) -> Score:
        return Score.of(self.data.get("residual"))

    @property
    def target(self) -> Score | None:
        return Score.of(self.data["target"]) if "target" in self.data else None

    @cached_property
    def controls(self) -> list[Control]:
        return [
            Control(self, i, cid, _text(c.get("description")), _text(c.get("effectiveness")))
            for i, c in enumerate(_items(self.data.get("controls")))
            if (cid := _text(c.get("id"))) is not None
        ]

    def control(self, control_id: str | None) -> Control | None:
        return next((c for c in self.controls if c.id == control_id), None)

    @cached_property
    def reviews(self) -> list[Review]:
        return [
            Review(i, parse_file_date(r.get("date")), _text(r.get("by")), Score.of(r), _text(r.get("note")))
            for i, r in enumerate(_items(self.data.get("reviews")))
        ]


class _ListedEntry:
    """The ``label`` and ``field_path`` of an entry in one of an action's trail lists."""

    #: the list's field ("updates") and what one entry is called in a message ("update")
    LIST: ClassVar[str]
    NAME: ClassVar[str]
    index: int

    @property
    def label(self) -> str:
        return f"{self.NAME} {self.index + 1}"

    @property
    def field_path(self) -> tuple[str | int, ...]:
        return (self.LIST, self.index)


@dataclass(frozen=True)
class Update(_ListedEntry):
    LIST: ClassVar[str] = "updates"
    NAME: ClassVar[str] = "update"
    index: int
    date: dt.date | None
    by: str | None
    note: str | None
    next_milestone: str | None
    milestone_due: dt.date | None


@dataclass(frozen=True)
class Redate(_ListedEntry):
    LIST: ClassVar[str] = "redates"
    NAME: ClassVar[str] = "re-date"
    index: int
    date: dt.date | None
    from_: dt.date | None
    to: dt.date | None
    reason: str | None
    by: str | None


@dataclass(frozen=True)
class Edit(_ListedEntry):
    """A correction of the action's own fields (``govtool edit``); a new owner is a handover,
    unless the entry says ``handover: false`` (the owner was recorded by mistake)."""

    LIST: ClassVar[str] = "edits"
    NAME: ClassVar[str] = "edit"
    index: int
    date: dt.date | None
    by: str | None
    fields: list[str]
    was: dict[str, str]  # the fields' values before, as the entry's ``from`` records them
    reason: str | None
    finding: str | None = None  # a source's edit of one finding: its ID
    #: False: the new owner corrects a mistake (``govtool edit --owner ... --correction``)
    handover: bool = True

    @property
    def handed_over(self) -> bool:
        """Whether the entry hands the action over to a new owner."""
        return "owner" in self.fields and self.handover

    @property
    def owner_corrected(self) -> bool:
        """Whether the entry corrects an owner recorded by mistake (not a handover)."""
        return "owner" in self.fields and not self.handover


@dataclass(frozen=True)
class Evidence:
    path: str | None
    url: str | None
    description: str | None
    added: dt.date | None = None  # evidence added after the completion was recorded: when,
    by: str | None = None  # and who added it

    @property
    def target(self) -> str:
        return self.path or self.url or ""


@dataclass(frozen=True)
class Completion:
    date: dt.date | None
    by: str | None
    change: str | None
    evidence: list[Evidence]

    @property
    def label(self) -> str:
        return "completion"

    @property
    def field_path(self) -> tuple[str | int, ...]:
        return ("completion",)


@dataclass(frozen=True)
class SignOff:
    """A closure (``note``) or a cancellation (``reason``): who, when, and what they said."""

    #: "closure" or "cancellation": the field it is, and how a message names it
    kind: str
    date: dt.date | None
    by: str | None
    text: str | None

    @property
    def label(self) -> str:
        return self.kind

    @property
    def field_path(self) -> tuple[str | int, ...]:
        return (self.kind,)


@dataclass(frozen=True)
class Reopening(_ListedEntry):
    """A completed or closed action sent back to in progress (``govtool reopen``), with the
    completion and sign-off it set aside kept as they were."""

    LIST: ClassVar[str] = "reopened"
    NAME: ClassVar[str] = "reopening"
    index: int
    date: dt.date | None
    by: str | None
    reason: str | None
    completion: Completion | None
    closure: SignOff | None


class TrailEntry(Protocol):
    """One dated, signed entry of an action's trail (an Update, Redate, Completion or SignOff),
    for checks that read them together."""

    #: what the entry is, as a user reads it: "update 2", "re-date 1", "completion", ...
    @property
    def label(self) -> str: ...

    #: where it is in the file, for a problem's line
    @property
    def field_path(self) -> tuple[str | int, ...]: ...

    @property
    def date(self) -> dt.date | None: ...

    @property
    def by(self) -> str | None: ...


@dataclass(frozen=True)
class Measure:
    target: str | None
    baseline: str | None
    method: str | None


@dataclass
class Action(Record):
    source: Source | None = None
    finding: Finding | None = None
    risk: Risk | None = None
    control: Control | None = None
    parent: Action | None = None
    children: list[Action] = field(default_factory=list)

    # -- plain fields -------------------------------------------------------------------
    @property
    def title(self) -> str | None:
        return self.get_text("title")

    @property
    def description(self) -> str | None:
        return self.get_text("description")

    @property
    def reference(self) -> str | None:
        """The action's number in the plan it came from ('1.2', 'R3'): a label, not a commitment."""
        return self.get_text("reference")

    @property
    def source_id(self) -> str | None:
        return self.get_text("source")

    @property
    def finding_id(self) -> str | None:
        return self.get_text("finding")

    @property
    def risk_id(self) -> str | None:
        return self.get_text("risk")

    @property
    def control_id(self) -> str | None:
        return self.get_text("control")

    @property
    def parent_id(self) -> str | None:
        return self.get_text("parent")

    @cached_property
    def owner(self) -> str | None:
        return self.get_text("owner")

    @property
    def priority(self) -> str | None:
        return self.get_text("priority")

    @cached_property
    def created(self) -> dt.date | None:
        return self.get_date("created")

    @cached_property
    def due(self) -> dt.date | None:
        return self.get_date("due")

    @cached_property
    def status(self) -> str | None:
        return self.get_text("status")

    # -- structured parts ---------------------------------------------------------------
    @cached_property
    def measure(self) -> Measure | None:
        if "measure" not in self.data:
            return None
        m = _mapping(self.data.get("measure"))
        return Measure(_text(m.get("target")), _text(m.get("baseline")), _text(m.get("method")))

    @cached_property
    def updates(self) -> list[Update]:
        return [
            Update(
                i,
                parse_file_date(u.get("date")),
                _text(u.get("by")),
                _text(u.get("note")),
                _text(u.get("next_milestone")),
                parse_file_date(u.get("milestone_due")),
            )
            for i, u in enumerate(_items(self.data.get("updates")))
        ]

    @property
    def milestone_update(self) -> Update | None:
        """The latest progress note that names a next milestone: what the action works towards."""
        return next((u for u in reversed(self.updates) if u.next_milestone), None)

    @cached_property
    def redates(self) -> list[Redate]:
        return [
            Redate(
                i,
                parse_file_date(r.get("date")),
                parse_file_date(r.get("from")),
                parse_file_date(r.get("to")),
                _text(r.get("reason")),
                _text(r.get("by")),
            )
            for i, r in enumerate(_items(self.data.get("redates")))
        ]

    @cached_property
    def completion(self) -> Completion | None:
        if "completion" not in self.data:
            return None
        return _completion(_mapping(self.data.get("completion")))

    @cached_property
    def closure(self) -> SignOff | None:
        return self._sign_off("closure", "note")

    @cached_property
    def edits(self) -> list[Edit]:
        return _edits(self.data)

    @cached_property
    def reopenings(self) -> list[Reopening]:
        return [
            Reopening(
                i,
                parse_file_date(r.get("date")),
                _text(r.get("by")),
                _text(r.get("reason")),
                _completion(_mapping(r["completion"])) if "completion" in r else None,
                _sign_off(_mapping(r["closure"]), "closure", "note") if "closure" in r else None,
            )
            for i, r in enumerate(_items(self.data.get("reopened")))
        ]

    @cached_property
    def cancellation(self) -> SignOff | None:
        return self._sign_off("cancellation", "reason")

    def _sign_off(self, key: str, text_key: str) -> SignOff | None:
        if key not in self.data:
            return None
        return _sign_off(_mapping(self.data.get(key)), key, text_key)

    # -- derived --------------------------------------------------------------------------
    @property
    def is_active(self) -> bool:
        """Open or in progress: still on the backlog."""
        return self.status in ACTIVE_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_active and self.due is not None and self.due < today

    @cached_property
    def trail(self) -> list[TrailEntry]:
        """Updates, re-dates, edits, reopenings, completion, closure and cancellation, in file order."""
        entries: list[TrailEntry] = [*self.updates, *self.redates, *self.edits, *self.reopenings]
        entries += [e for e in (self.completion, self.closure, self.cancellation) if e is not None]
        return entries

    @property
    def latest_update(self) -> Update | None:
        updates = self.updates
        return updates[-1] if updates else None

    @property
    def closed_on(self) -> dt.date | None:
        closure = self.closure
        return closure.date if closure and self.status == "closed" else None

    @property
    def cancelled_on(self) -> dt.date | None:
        """The date of a cancelled action's cancellation entry (None: not cancelled, or not dated)."""
        cancellation = self.cancellation
        return cancellation.date if cancellation and self.status == "cancelled" else None


def _edits(data: dict[str, Any]) -> list[Edit]:
    return [
        Edit(
            i,
            parse_file_date(e.get("date")),
            _text(e.get("by")),
            [f for f in e["fields"] if isinstance(f, str)] if isinstance(e.get("fields"), list) else [],
            {str(k): text for k, v in _mapping(e.get("from")).items() if (text := _text(v)) is not None},
            _text(e.get("reason")),
            _text(e.get("finding")),
            e.get("handover") is not False,
        )
        for i, e in enumerate(_items(data.get("edits")))
    ]


def _completion(c: dict[str, Any]) -> Completion:
    evidence = [
        Evidence(_text(e.get("path")), _text(e.get("url")), _text(e.get("description")),
                 parse_file_date(e.get("added")), _text(e.get("by")))
        for e in _items(c.get("evidence"))
    ]
    return Completion(parse_file_date(c.get("date")), _text(c.get("by")), _text(c.get("change")), evidence)


def _sign_off(c: dict[str, Any], key: str, text_key: str) -> SignOff:
    return SignOff(key, parse_file_date(c.get("date")), _text(c.get("by")), _text(c.get(text_key)))


@dataclass
class LoadProblem:
    """A file that could not be read as a valid record. ``rule`` names the lint rule."""

    rule: str
    path: Path
    line: int | None
    record: str | None
    message: str


@dataclass
class Register:
    root: Path
    settings: Settings
    sources: dict[str, Source] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    risks: dict[str, Risk] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)
    #: the past day this register was cut back to (``register.as_of``), None: as the files hold it
    as_of: dt.date | None = None
    #: the register as the files hold it, when this one is cut back to a past day
    files: Register | None = None

    @property
    def as_filed(self) -> Register:
        """The register as the files hold it today (Git history compares with this one)."""
        return self.files if self.files is not None else self

    @property
    def people(self) -> dict[str, Person]:
        return self.settings.people

    def record(self, record_id: str) -> Source | Action | Risk | None:
        return self.actions.get(record_id) or self.sources.get(record_id) or self.risks.get(record_id)

    def person(self, who: str | None) -> Person | None:
        """The directory entry for an ID or an exact (case-insensitive) name."""
        if who is None:
            return None
        if who in self.people:
            return self.people[who]
        folded = who.strip().casefold()
        return next((p for p in self.people.values() if p.name.casefold() == folded), None)

    def same_person(self, a: str | None, b: str | None) -> bool:
        """Whether two owner/by values name the same person (by directory entry, else by text)."""
        if not a or not b:
            return False
        pa, pb = self.person(a), self.person(b)
        if pa is not None and pb is not None:
            return pa.id == pb.id
        return a.strip().casefold() == b.strip().casefold()

    def display_name(self, who: str | None) -> str:
        person = self.person(who)
        return person.name if person else (who or "")

    def link(self) -> None:
        """Resolve every action's links, and the reverse lists on sources, risks, parents."""
        for source in self.sources.values():
            source.actions.clear()
        for risk in self.risks.values():
            risk.actions.clear()
        for action in self.actions.values():
            action.children.clear()
        for action in self.actions.values():
            action.source = self.sources.get(action.source_id or "")
            action.finding = action.source.finding(action.finding_id) if action.source else None
            action.risk = self.risks.get(action.risk_id or "")
            action.control = action.risk.control(action.control_id) if action.risk else None
            parent = self.actions.get(action.parent_id or "")
            action.parent = parent if parent is not action else None
            if action.source:
                action.source.actions.append(action)
            if action.risk:
                action.risk.actions.append(action)
            if action.parent:
                action.parent.children.append(action)
