"""One source (an inspection report, an incident...) with its findings, actions and loop.

The loop is closed when every finding is answered by at least one action that was not
cancelled, and every action on the source is closed or cancelled. A cancelled source (recorded
by mistake) asks for no action: its report says so, with the reason, and only an action on it
still open keeps its loop open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govtool.register.as_of import not_yet
from govtool.register.model import Register, Source
from govtool.register.vocabulary import FINISHED_STATUSES
from govtool.report.actions import ActionViewBuilder
from govtool.report.header import build_header
from govtool.report.source_view import build_source_view
from govtool.report.views import Header, SourceView
from govtool.support.closest import Closest
from govtool.support.errors import GovtoolError


@dataclass
class LoopStatus:
    closed: bool
    #: True when the source was cancelled: its findings ask for no action, only its actions
    #: still open keep the loop open
    cancelled: bool
    #: Why the loop is still open, one line each (empty when closed).
    gaps: list[str]
    findings: int
    findings_answered: int
    actions: int
    actions_finished: int


@dataclass
class SourceReport:
    header: Header
    source: SourceView
    loop: LoopStatus


def source_named(register: Register, typed: str) -> Source:
    """The source ``typed`` names (its case aside, as ``govtool show`` takes it), or a refusal
    that says why it is missing (recorded after an ``--as-of`` day) or which ID was meant."""
    wanted = typed.strip()
    found = register.sources.get(wanted) or next(
        (source for source_id, source in register.sources.items() if source_id.casefold() == wanted.casefold()), None)
    if found is not None:
        return found
    close = Closest(register.sources, cutoff=0.7).matches(wanted.upper(), n=3)
    hint = f": did you mean {' or '.join(close)}?" if close else (
        ": 'govtool list sources' shows their IDs" if register.sources else ": the register has no sources yet")
    raise GovtoolError(f"no source {wanted} in the register{not_yet(register, wanted)}{hint}")


def build_source_report(register: Register, source_id: str, as_of: dt.date) -> SourceReport:
    source = source_named(register, source_id)
    builder = ActionViewBuilder(register, as_of)
    view = build_source_view(source, builder)
    return SourceReport(
        header=build_header(register, as_of, view.heading,
                            subtitle=f"Source {source.id}"),
        source=view,
        loop=loop_status(source),
    )


def loop_status(source: Source) -> LoopStatus:
    gaps = []
    findings = source.findings
    answered = 0
    for finding in findings:
        live = [a for a in finding.actions if a.status != "cancelled"]
        if live:
            answered += 1
        elif source.is_cancelled:
            continue  # recorded by mistake: the finding asks for nothing
        elif finding.actions:
            gaps.append(f"Finding {finding.id}: its only actions were cancelled; no action answers it now")
        else:
            gaps.append(f"Finding {finding.id}: no action recorded")
    actions = sorted(source.actions, key=lambda a: a.id)
    finished = [a for a in actions if a.status in FINISHED_STATUSES]
    for action in actions:
        if action.status not in FINISHED_STATUSES:
            state = (action.status or "no status").replace("_", " ")
            gaps.append(f"Action {action.id} is {state}, not yet closed")
    if not findings and not actions and not source.is_cancelled:
        gaps.append("No action recorded for this source")
    return LoopStatus(
        closed=not gaps,
        cancelled=source.is_cancelled,
        gaps=gaps,
        findings=len(findings),
        findings_answered=answered,
        actions=len(actions),
        actions_finished=len(finished),
    )
