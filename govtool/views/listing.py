"""``govtool list``: choose actions by status, owner, source and dates, and lay them out;
the sources (with how many findings still have no action) and the risks (with their scores)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from govtool.register.model import Action, Register, Risk, Source
from govtool.register.people import resolve_person
from govtool.register.risk import band_of, current_score, unanswered_controls
from govtool.register.vocabulary import SOURCE_TYPES, STATUSES, choice
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable

#: What ``govtool list`` lists (``actions`` when nothing is named).
KINDS = ("actions", "sources", "risks")


@dataclass(frozen=True)
class Filters:
    statuses: Sequence[str] = field(default_factory=tuple)
    owner: str | None = None
    source_type: str | None = None
    source: str | None = None
    overdue: bool = False
    due_before: dt.date | None = None


def select_actions(register: Register, filters: Filters, as_of: dt.date) -> list[Action]:
    """The actions matching every filter given, soonest due first."""
    statuses = {choice(s, "--status", STATUSES) for s in filters.statuses}
    owner = resolve_person(register.people, filters.owner, "--owner") if filters.owner else None
    source_type = choice(filters.source_type, "--source-type", SOURCE_TYPES) if filters.source_type else None
    if filters.source and filters.source not in register.sources:
        raise GovtoolError(f"unknown source {filters.source}: 'govtool list' without --source shows all actions")

    def wanted(action: Action) -> bool:
        return all((
            not statuses or action.status in statuses,
            owner is None or action.owner == owner
            or (action.owner or "").casefold() == owner.casefold(),
            source_type is None or (action.source is not None and action.source.type == source_type),
            filters.source is None or action.source_id == filters.source,
            not filters.overdue or action.is_overdue(as_of),
            filters.due_before is None or (action.due is not None and action.due < filters.due_before),
        ))

    chosen = [a for a in register.actions.values() if wanted(a)]
    return sorted(chosen, key=lambda a: (a.due or dt.date.max, a.id))


def status_cell(action: Action, as_of: dt.date) -> str:
    status = action.status or "?"
    return f"{status} (overdue)" if action.is_overdue(as_of) else status


def action_table(register: Register, actions: Sequence[Action], as_of: dt.date, width: int) -> list[str]:
    """Aligned columns ID, STATUS, DUE, OWNER, TITLE; titles cut to fit ``width``."""
    header = ("ID", "STATUS", "DUE", "OWNER", "TITLE")
    rows = [
        (a.id, status_cell(a, as_of), a.due.isoformat() if a.due else "?", register.display_name(a.owner) or "?",
         " ".join((a.title or "").split()))
        for a in actions
    ]
    return table(header, rows, width)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    """Aligned columns, the last (a title) cut to fit ``width``; every cell cleaned for a terminal."""
    fixed = len(header) - 1
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(fixed)]
    room = max(width - sum(widths) - 2 * fixed, 20)

    def line(row: Sequence[str]) -> str:
        title = row[fixed] if len(row[fixed]) <= room else row[fixed][: room - 1] + "…"
        return "  ".join(cell.ljust(w) for cell, w in zip(row[:fixed], widths, strict=True)) + "  " + title

    return [printable(line(header)), *(printable(line(row)) for row in rows)]


def source_rows(register: Register, source_type: str | None = None) -> list[dict[str, object]]:
    """One row per source, newest first: its findings, how many no action answers, its actions."""
    wanted = choice(source_type, "--source-type", SOURCE_TYPES) if source_type else None
    chosen: list[Source] = [s for s in register.sources.values() if wanted is None or s.type == wanted]
    chosen.sort(key=lambda s: (s.date or dt.date.min, s.id), reverse=True)
    return [{
        "id": s.id, "type": s.type, "date": s.date.isoformat() if s.date else None, "reference": s.reference,
        "findings": len(s.findings),
        "unanswered": 0 if s.is_cancelled else sum(1 for f in s.findings if not [a for a in f.actions if a.status != "cancelled"]),
        "active_actions": sum(1 for a in s.actions if a.is_active),
        "closed_actions": sum(1 for a in s.actions if a.status == "closed"),
        "title": s.title,
        "cancelled": s.cancellation.date.isoformat() if s.cancellation and s.cancellation.date else None,
    } for s in chosen]


def risk_rows(register: Register, owner: str | None = None) -> list[dict[str, object]]:
    """One row per risk, highest current score first: scores, band, weak controls, owner."""
    who = resolve_person(register.people, owner, "--owner") if owner else None
    chosen: list[Risk] = [r for r in register.risks.values()
                          if who is None or (r.owner or "").casefold() == who.casefold()]
    bands = register.settings.risk_bands

    def row(risk: Risk) -> dict[str, object]:
        score = current_score(risk).value
        return {
            "id": risk.id, "inherent": risk.inherent.value, "score": score, "band": band_of(score, bands),
            "controls": len(risk.controls), "unanswered_controls": len(unanswered_controls(risk)),
            "owner": risk.owner, "owner_name": register.display_name(risk.owner) or None, "title": risk.title,
        }

    rows = [row(r) for r in chosen]
    return sorted(rows, key=lambda r: (-(r["score"] or 0), str(r["id"])))  # type: ignore[operator]


def source_table(rows: Sequence[dict[str, object]], width: int) -> list[str]:
    header = ("ID", "TYPE", "DATE", "FINDINGS", "NO ACTION", "ACTIVE", "TITLE")
    return table(header, [(str(r["id"]), str(r["type"] or "?"), str(r["date"] or "?"), str(r["findings"]),
                           str(r["unanswered"]), str(r["active_actions"]),
                           ("(cancelled) " if r.get("cancelled") else "") + _one_line(r["title"])) for r in rows], width)


def risk_table(rows: Sequence[dict[str, object]], width: int) -> list[str]:
    header = ("ID", "SCORE", "BAND", "INHERENT", "NO ACTION", "OWNER", "TITLE")
    return table(header, [(str(r["id"]), _number(r["score"]), str(r["band"] or "?"), _number(r["inherent"]),
                           str(r["unanswered_controls"]), str(r["owner_name"] or "?"), _one_line(r["title"]))
                          for r in rows], width)


def _one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def _number(value: object) -> str:
    return "?" if value is None else str(value)
