"""The record a command is for, when its ID is left out: asked for at a terminal, listing the
records the command applies to; refused in one line in a script, as a missing option is.

Every command that takes one record's ID (the lifecycle steps, ``edit``, ``show``,
``review``) gets it through :func:`which`, described by a :class:`Pick`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from govtool.cli.ask import ask, interactive
from govtool.cli.session import Session
from govtool.register import vocabulary
from govtool.register.find import Misnamed, locate
from govtool.register.model import Action, Record, Register, Risk, Source
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable

#: How many records of each kind the prompt lists ('govtool list' shows them all).
OFFERED = 15

#: What each kind of record is called, the start of its ID, and the command that lists them all.
_KINDS = {"action": ("actions", "ACT-...", "govtool list"),
          "source": ("sources", "SRC-...", "govtool list sources"),
          "risk": ("risks", "RSK-...", "govtool list risks")}


@dataclass(frozen=True)
class Pick:
    """What a command takes when its ID is left out.

    ``taken``: the kinds of record it takes, the usual one first (it names the ID in the
    refusal); ``listed``: those a terminal lists (default: ``taken``), ``states`` the
    statuses of the actions listed (default: every one); ``check``: refuses a record the
    command cannot take (an action in the wrong state), explained at the prompt and asked again;
    ``reads``: the command only reads, so it takes a record whose file was renamed by hand.
    """

    command: str
    doing: str
    taken: tuple[str, ...] = ("action",)
    listed: tuple[str, ...] | None = None
    states: tuple[str, ...] | None = None
    check: Callable[[Record], None] | None = None
    reads: bool = False


def which(session: Session, given: str | None, pick: Pick) -> str:
    """The ID of the record the command is for: ``given``; else, at a terminal, asked for,
    listing the records ``pick`` applies to (an ID it cannot take is explained and asked
    again); else refused in one line, as a missing option is."""
    if given is not None:
        return given
    if not interactive():
        raise GovtoolError(_missing(pick))
    register = session.load()
    sections = [(kind, *_offered(register, kind, pick.states)) for kind in pick.listed or pick.taken]
    if not any(records for _kind, _heading, records in sections):
        raise GovtoolError(_none_to_list(pick, [heading for _kind, heading, _records in sections]))
    for kind, heading, records in sections:
        if not records:
            continue
        click.echo(f"{heading}:", err=True)
        for record in records[:OFFERED]:
            click.echo(printable(f"  {record.id}  {_short(_title(record))}  ({_state(register, record)})"), err=True)
        if len(records) > OFFERED:
            click.echo(f"  ... and {len(records) - OFFERED} more ('{_KINDS[kind][2]}' shows them)", err=True)

    def chosen(typed: str) -> str:
        try:
            kind, relative = locate(session.root, typed)
        except Misnamed as misnamed:  # a record in a file renamed by hand: shown, never changed
            if not pick.reads:
                raise
            kind, relative = misnamed.kind, Path(misnamed.record_id)
        if kind not in pick.taken:
            wanted = " or ".join(f"a{'n' if name[0] in 'aeiou' else ''} {name}'s" for name in pick.taken)
            raise GovtoolError(f"{relative.stem} is a{'n' if kind[0] in 'aeiou' else ''} {kind}: give {wanted} ID")
        record = register.record(relative.stem)
        if pick.check is not None and record is not None:  # one unreadable is refused by the command itself
            pick.check(record)
        return relative.stem

    named = " or ".join(pick.taken) if len(pick.taken) < 3 else "record"
    return ask(None, "ID", f"ID of the {named} to {pick.doing}", chosen)


def _missing(pick: Pick) -> str:
    """The refusal of a missing ID in a script: whose ID, how it looks, and what lists them."""
    whose = "record's" if len(pick.taken) > 2 else " (or the ".join(f"{kind}'s" for kind in pick.taken) + ")" * (len(pick.taken) - 1)
    listed = pick.listed or pick.taken
    examples = _either([_KINDS[kind][1] for kind in listed])
    lists = ", ".join(f"'{_KINDS[kind][2]}'{' shows' if i == 0 else ''} the {_KINDS[kind][0]}" for i, kind in enumerate(listed))
    return f"missing ID: give the {whose} ID on the command line (govtool {pick.command} {examples}; {lists})"


def _offered(register: Register, kind: str, states: tuple[str, ...] | None) -> tuple[str, list[Record]]:
    """The heading and the records of ``kind`` a prompt lists, in the order 'govtool list' shows them."""
    if kind == "action":
        actions = sorted((a for a in register.actions.values() if states is None or a.status in states),
                         key=lambda a: (a.due or dt.date.max, a.id))
        if states is None:
            return "Actions", list(actions)
        labels = [vocabulary.STATUS_LABELS[state].lower() for state in states]
        return f"Actions that are {_either(labels)}", list(actions)
    if kind == "source":  # the newest first; one recorded by mistake (cancelled) takes no step
        sources = sorted((s for s in register.sources.values() if not s.is_cancelled),
                         key=lambda s: (-(s.date or dt.date.min).toordinal(), s.id))
        return "Sources", list(sources)
    risks = sorted(register.risks.values(), key=lambda r: (-(r.residual.value or 0), r.id))  # highest first
    return "Risks", list(risks)


def _none_to_list(pick: Pick, headings: list[str]) -> str:
    """'no action is completed: none to sign off (...)', when the prompt has nothing to list."""
    listed = pick.listed or pick.taken
    if listed == ("action",) and pick.states is not None:
        return (f"no {headings[0].lower().replace('actions that are', 'action is')}: none to {pick.doing} "
                "('govtool list' shows every action)")
    makes = _either([f"'govtool new {kind}'" for kind in listed])
    return f"no {_either(list(listed))} to {pick.doing} yet ({makes} records one)"


def _either(labels: list[str]) -> str:
    """'open, in progress or completed'."""
    return " or ".join(filter(None, (", ".join(labels[:-1]), labels[-1])))


def _title(record: Record) -> str:
    title = record.title if isinstance(record, (Action, Source, Risk)) else None
    return title or "(no title)"


def _state(register: Register, record: Record) -> str:
    """'Open, due 2027-01-31', 'Audit, 2026-10-14', 'residual 12 high': what tells the records apart."""
    if isinstance(record, Action):
        due = f", due {record.due.isoformat()}" if record.due else ""
        return f"{vocabulary.STATUS_LABELS.get(record.status or '', record.status)}{due}"
    if isinstance(record, Source):
        kind = vocabulary.SOURCE_TYPE_LABELS.get(record.type or "", record.type or "source")
        return f"{kind}, {record.date.isoformat()}" if record.date else kind
    assert isinstance(record, Risk)
    from govtool.register.risk import band_of

    value = record.residual.value
    band = band_of(value, register.settings.risk_bands)
    return f"residual {value} {band}" if value is not None else "not scored"


def _short(title: str, width: int = 60) -> str:
    """A title cut to ``width`` characters for a one-line list."""
    title = " ".join(title.split())
    return title if len(title) <= width else title[:width - 1].rstrip() + "…"
