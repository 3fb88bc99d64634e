"""New records: a source with its findings, an action, a risk with its controls.

Every link is checked against the loaded register before the file is written (an action that
names an unknown source, finding, risk, control or parent is refused, nothing written). New
IDs are random (see :mod:`govtool.register.ids`) so that two branches never collide.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from govtool.register.edit import new_map
from govtool.register.find import RECORD_FOLDERS
from govtool.register.ids import new_id
from govtool.register.model import Register, Risk, Source
from govtool.register.vocabulary import (
    EFFECTIVENESS,
    KEY_QUESTIONS,
    LEVELS,
    PRIORITIES,
    REGULATIONS,
    SOURCE_TYPES,
    choice,
    cited_regulation,
)
from govtool.services.edits import SavedChange, create_record, subject_line
from govtool.support.errors import GovtoolError

R = TypeVar("R")


def regulation(value: str, option: str = "--regulation") -> str:
    """'17', 'Reg 17', 'Regulation 17(2)(a)', '17(2)(a)' or 'regulation 9a' -> the stored
    regulation number ('17', '9A'); a refusal quotes ``value`` as it was typed."""
    cited = cited_regulation(value, whole=True)
    if cited is None:
        raise GovtoolError(f"{option} {value!r} is not one of: {', '.join(REGULATIONS)} (a regulation of the "
                           f"2014 Regulations, by its number: 17, or \"Reg 17(2)(a)\" as CQC writes it)")
    return cited.number


def regulation_note(value: str, option: str = "--regulation") -> str | None:
    """What to say when ``value`` names a paragraph of its regulation ('Reg 17(2)(a)'), which a
    finding has no place for: the finding records the number alone."""
    cited = cited_regulation(value, whole=True)
    if cited is None or not cited.paragraph:
        return None
    typed = f"{option} {value!r}".lstrip()
    return (f"{typed} recorded as regulation {cited.number}: a finding records the regulation's number, "
            f"not its paragraph {cited.paragraph} (quote it in the finding's words if it matters)")


def score(value: str | int, option: str) -> int:
    """A likelihood or consequence: a whole number from 1 to 5."""
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 5:
        raise GovtoolError(f"{option} {value!r} is not a score: give a whole number from 1 to 5")
    return int(text)


@dataclass(frozen=True)
class FindingInput:
    text: str
    regulation: str | None = None
    key_question: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class ControlInput:
    description: str
    effectiveness: str

    @classmethod
    def parse(cls, given: str) -> ControlInput:
        """'Weekly MAR audit:partial' -> a control (the effectiveness after the last colon)."""
        description, sep, effectiveness = given.rpartition(":")
        if not sep or not description.strip():
            raise GovtoolError(
                f"--control {given!r}: write it as DESCRIPTION:EFFECTIVENESS, e.g. 'Weekly MAR audit:partial'"
            )
        return cls(description.strip(), choice(effectiveness, "--control effectiveness", EFFECTIVENESS))


def pair_findings(
    texts: Sequence[str], regs: Sequence[str], key_questions: Sequence[str], levels: Sequence[str],
) -> list[FindingInput]:
    """Pair each ``--finding`` with the ``--regulation`` etc. given in the same position ('-' for none)."""
    for option, values in (("--regulation", regs), ("--key-question", key_questions), ("--level", levels)):
        if len(values) > len(texts):
            raise GovtoolError(f"more {option} values ({len(values)}) than --finding ({len(texts)}): they pair up in order")

    def at(values: Sequence[str], i: int) -> str | None:
        value = values[i].strip() if i < len(values) else ""
        return None if value in ("", "-") else value

    findings = []
    for i, text in enumerate(texts):
        if not text.strip():
            raise GovtoolError(f"--finding number {i + 1} is empty")
        reg, kq, level = at(regs, i), at(key_questions, i), at(levels, i)
        findings.append(FindingInput(
            " ".join(text.split()),
            regulation(reg) if reg else None,
            choice(kq, "--key-question", KEY_QUESTIONS) if kq else None,
            choice(level, "--level", LEVELS) if level else None,
        ))
    return findings


def _required(value: str, option: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise GovtoolError(f"{option} is empty")
    return cleaned


def _optional(value: str | None) -> str | None:
    cleaned = value.strip() if value else ""
    return cleaned or None


class _TakenIds:
    """IDs in use, counting files that failed to load (their names are still taken): a record of
    the register, or a file ``ID.yaml``, ``ID.yml`` or ``ID`` in a record folder.

    Asked about the one new ID at hand, not listed: listing the folders for every new record
    made an import of N rows read N folders of up to N files."""

    def __init__(self, register: Register):
        self.register = register

    def __contains__(self, record_id: object) -> bool:
        register = self.register
        if not isinstance(record_id, str):
            return False
        if record_id in register.sources or record_id in register.actions or record_id in register.risks:
            return True
        return any(os.path.lexists(register.root / folder / f"{record_id}{suffix}")
                   for folder in RECORD_FOLDERS.values() for suffix in ("", ".yaml", ".yml"))


def _new(register: Register, kind: str, data: dict[str, object], what: str, commit: bool) -> SavedChange:
    record_id = new_id(kind, _TakenIds(register))
    document = new_map({"id": record_id, **data})
    change = SavedChange(record_id, Path(RECORD_FOLDERS[kind], f"{record_id}.yaml"), subject_line(record_id, what))
    return create_record(register.root, kind, document, change, commit)


def check_response_due(response_due: dt.date | None, date: dt.date) -> None:
    if response_due is not None and response_due < date:
        raise GovtoolError(f"--response-due {response_due.isoformat()} is before the source's date {date.isoformat()}")


def check_response_sent(sent: dt.date | None, date: dt.date | None, today: dt.date | None) -> dt.date | None:
    """The day the response to a source was sent, refused before the source's ``date`` (it
    answers the source) or after ``today`` (it records what has happened)."""
    if sent is None:
        return None
    if today is not None and sent > today:
        raise GovtoolError(f"--response-sent {sent.isoformat()} is in the future: record the day the response "
                           "was sent, once it has gone")
    if date is not None and sent < date:
        raise GovtoolError(f"--response-sent {sent.isoformat()} is before the source's date {date.isoformat()}: "
                           "a response is sent after the report, incident or audit it answers")
    return sent


def check_source_date(date: dt.date, today: dt.date, option: str = "--date") -> dt.date:
    """A source's date, refused when it is after ``today``: the report, incident or audit has happened."""
    if date > today:
        raise GovtoolError(f"{option} {date.isoformat()} is in the future: a source records what has happened: "
                           "give the date of the report, incident or audit")
    return date


def new_source(
    register: Register, *, type: str, title: str, date: dt.date, reference: str | None = None,
    summary: str | None = None, findings: Sequence[FindingInput] = (), response_due: dt.date | None = None,
    response_sent: dt.date | None = None, today: dt.date | None = None, commit: bool = False,
) -> SavedChange:
    """A source with its findings; with ``today``, a date after it is refused."""
    title = _required(title, "--title")
    if today is not None:
        check_source_date(date, today)
    check_response_due(response_due, date)
    check_response_sent(response_sent, date, today)
    data = {
        "type": choice(type, "--type", SOURCE_TYPES),
        "title": title,
        "date": date,
        "reference": _optional(reference),
        "summary": _optional(summary),
        "response_due": response_due,
        "response_sent": response_sent,
        "findings": [
            {"id": f"F{i}", "text": f.text, "regulation": f.regulation, "key_question": f.key_question, "level": f.level}
            for i, f in enumerate(findings, start=1)
        ],
    }
    return _new(register, "source", data, f'created "{title}"', commit)


@dataclass(frozen=True)
class Links:
    """What a new action answers or belongs to (checked by :func:`check_links`)."""

    source: str | None = None
    finding: str | None = None
    risk: str | None = None
    control: str | None = None
    parent: str | None = None


def inherit_from_parent(register: Register, links: Links) -> Links:
    """A sub-action that names only its parent answers what the parent answers."""
    parent = register.actions.get(links.parent or "")
    if parent is None or links.source or links.risk:
        return links
    return Links(parent.source_id, parent.finding_id, parent.risk_id, parent.control_id, links.parent)


def known_source(register: Register, source_id: str) -> str:
    """``source_id`` when the register has that source, else a one-line refusal listing those it has."""
    _known(register.sources, source_id.strip(), "source")
    return source_id.strip()


def check_due(due: dt.date, created: dt.date) -> dt.date:
    """``due``, refused when it is before the day the action is created."""
    if due < created:
        raise GovtoolError(f"--due {due.isoformat()} is before the action is created ({created.isoformat()}): "
                           f"give {created.isoformat()} or a later date")
    return due


def part_id(given: str | None, ids: Sequence[str]) -> str | None:
    """A finding or control ID as the record writes it: ``f8`` is ``F8`` when the record has
    one ID that reads the same in any case ('F8' and 'f8' both there: only the exact one)."""
    if given is None:
        return None
    given = given.strip()
    if given in ids:
        return given
    same = [part for part in ids if part.casefold() == given.casefold()]
    return same[0] if len(same) == 1 else given


def canonical_links(register: Register, links: Links) -> Links:
    """``links`` with the finding and control written as their source and risk write them."""
    source = register.sources.get(links.source or "")
    risk = register.risks.get(links.risk or "")
    finding = part_id(links.finding, [f.id for f in source.findings]) if source else links.finding
    control = part_id(links.control, [c.id for c in risk.controls]) if risk else links.control
    return replace(links, finding=finding, control=control)


def check_links(register: Register, links: Links) -> None:
    """Refuse a link to anything that does not exist, in one line that says what does."""
    if not links.source and not links.risk:
        raise GovtoolError("missing --source: an action answers a source (or give --risk and --control)")
    if links.finding and not links.source:
        raise GovtoolError("--finding needs --source: the finding is inside a source")
    if links.control and not links.risk:
        raise GovtoolError("--control needs --risk: the control is inside a risk")
    if links.source:
        source = _known(register.sources, links.source, "source")
        if source.is_cancelled:
            raise GovtoolError(f"{source.id} is cancelled (recorded by mistake): its findings need no actions")
        _check_part(source, links.finding, "--finding", "finding", [f.id for f in source.findings])
    if links.risk:
        risk = _known(register.risks, links.risk, "risk")
        _check_part(risk, links.control, "--control", "control", [c.id for c in risk.controls])
    if links.parent:
        _known(register.actions, links.parent, "action")


def _known(records: Mapping[str, R], record_id: str, kind: str) -> R:
    if record_id not in records:
        raise GovtoolError(f"unknown {kind} {record_id}: {_listing(records, 'no ' + kind + 's yet')}")
    return records[record_id]


def _check_part(record: Source | Risk, part: str | None, option: str, what: str, ids: list[str]) -> None:
    if part is None:
        if ids:
            raise GovtoolError(f"missing {option}: {record.id} has {what}s {', '.join(ids)}: say which one this action answers")
        return
    if part not in ids:
        has = f"it has {', '.join(ids)}" if ids else f"it has no {what}s"
        raise GovtoolError(f"{record.id} has no {what} {part}: {has}")


def _listing(records: Iterable[str], empty: str) -> str:
    ids = sorted(records)
    if not ids:
        return empty
    shown = ", ".join(ids[:8]) + (", …" if len(ids) > 8 else "")
    return f"known: {shown}"


@dataclass(frozen=True)
class Measure:
    target: str | None = None
    baseline: str | None = None
    method: str | None = None

    def as_dict(self) -> dict[str, str | None] | None:
        parts = {"baseline": _optional(self.baseline), "target": _optional(self.target), "method": _optional(self.method)}
        if not any(parts.values()):
            return None
        if not parts["target"]:
            raise GovtoolError("missing --target: a measure needs the result that means the action worked")
        return parts


def new_action(
    register: Register, *, title: str, links: Links, owner: str, due: dt.date, created: dt.date,
    priority: str | None = None, description: str | None = None, measure: Measure = Measure(),
    reference: str | None = None, commit: bool = False,
) -> SavedChange:
    title = _required(title, "--title")
    links = canonical_links(register, inherit_from_parent(register, links))
    check_links(register, links)
    check_due(due, created)
    data: dict[str, object] = {
        "title": title,
        "reference": _optional(reference),
        "description": _optional(description),
        "source": links.source, "finding": links.finding,
        "risk": links.risk, "control": links.control, "parent": links.parent,
        "owner": owner,
        "priority": choice(priority, "--priority", PRIORITIES) if priority else None,
        "created": created,
        "due": due,
        "status": "open",
        "measure": measure.as_dict(),
    }
    return _new(register, "action", data, f'created "{title}"', commit)


def check_residual(inherent: tuple[int, int], residual: tuple[int, int]) -> tuple[int, int]:
    """``residual`` (likelihood, consequence), refused when its score is above the inherent one
    (lint's residual-above-inherent): controls cannot make a risk worse."""
    if residual[0] * residual[1] > inherent[0] * inherent[1]:
        raise GovtoolError(
            f"the residual score {residual[0] * residual[1]} ({residual[0]}x{residual[1]}) is above the inherent "
            f"{inherent[0] * inherent[1]} ({inherent[0]}x{inherent[1]}): controls cannot make a risk worse: "
            "score the inherent risk as it is with no controls, and the residual with them"
        )
    return residual


def new_risk(
    register: Register, *, title: str, owner: str, inherent: tuple[int, int],
    residual: tuple[int, int] | None = None, controls: Sequence[ControlInput] = (),
    created: dt.date, commit: bool = False,
) -> SavedChange:
    """A risk; without a residual score it starts equal to the inherent one (no control credited)."""
    title = _required(title, "--title")
    residual = check_residual(inherent, residual or inherent)
    data = {
        "title": title,
        "owner": owner,
        "created": created,
        "inherent": {"likelihood": inherent[0], "consequence": inherent[1]},
        "residual": {"likelihood": residual[0], "consequence": residual[1]},
        "controls": [
            {"id": f"C{i}", "description": c.description, "effectiveness": c.effectiveness}
            for i, c in enumerate(controls, start=1)
        ],
    }
    return _new(register, "risk", data, f'created "{title}"', commit)
