"""Lifecycle rules: the status agrees with the trail, and each ending is properly recorded."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.judgement.reason import says_nothing
from govtool.lint.rule import LintContext, Report, at, rule
from govtool.lint.trail import same_person
from govtool.register.model import Action
from govtool.register.rag import self_assured

#: which trail parts each status may have (the schema checks the parts a status requires)
_ALLOWED = {
    "open": set(),
    "in_progress": set(),
    "completed": {"completion"},
    "closed": {"completion", "closure"},
    "cancelled": {"completion", "cancellation"},
}
_NEXT_STEP = {
    "completion": "completed",
    "closure": "closed",
    "cancellation": "cancelled",
}


@rule("status-mismatch", "GT216")
def status_mismatch(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A status that contradicts the trail: e.g. a closure entry on an action still "open".

    The status is what lists and reports count, the trail is the proof; they must agree. An
    action with a `completion` is at least completed, one with a `closure` is closed, one
    with a `cancellation` is cancelled. (A closed action with no closure entry, and the
    like, is reported by `schema`.) The lifecycle commands set both together.

    Anti-pattern:
    ```yaml
    status: in_progress
    completion:
      date: 2026-05-30
      by: jane.smith
      change: MAR completeness 98% in three consecutive weekly audits
    ```

    Best practice:
    ```yaml
    status: completed
    completion:
      date: 2026-05-30
      by: jane.smith
      change: MAR completeness 98% in three consecutive weekly audits
    ```
    """
    for action in ctx.register.actions.values():
        status = action.status
        if status not in _ALLOWED:
            continue  # no status, or one the schema already rejects
        for part in ("cancellation", "closure", "completion"):
            if part in action.data and part not in _ALLOWED[status]:
                yield at(action, "status", f"status is {status} but the action has a {part} entry: "
                                           f"set status: {_NEXT_STEP[part]}")
                break


@rule("cancelled-without-reason", "GT217")
def cancelled_without_reason(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A cancellation whose reason says nothing ("n/a", "cancelled", "not needed", "duplicate").

    Cancelling an action that answers an inspection finding is a decision an inspector will
    ask about. The reason says why the action is no longer the right answer and what answers
    the finding instead. (A missing reason is reported by `schema`.)

    Anti-pattern:
    ```yaml
    status: cancelled
    cancellation: {date: 2026-04-01, by: jane.smith, reason: not needed}
    ```

    Best practice:
    ```yaml
    status: cancelled
    cancellation:
      date: 2026-04-01
      by: jane.smith
      reason: Superseded by ACT-7Q2K9E, which replaces paper MAR charts with eMAR on all units
    ```
    """
    for action in ctx.register.actions.values():
        cancellation = action.cancellation
        if cancellation is None or cancellation.text is None:
            continue
        if says_nothing(cancellation.text):
            yield at(action, ("cancellation", "reason"),
                     f"cancellation reason {cancellation.text.strip()!r} does not say why: say why the action "
                     "is no longer needed and what answers the finding instead (e.g. superseded by ACT-...)")


@rule("closed-by-owner", "GT218", "warning")
def closed_by_owner(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An action signed off by its own owner.

    Closure is the governance check that the evidence shows the change; marking your own work
    is not a check. Ask the registered manager, the governance meeting or a peer to close it.
    (A sign-off by the person who recorded the completion, when they are not the owner, is
    `self-assured-closure`.)

    Anti-pattern:
    ```yaml
    owner: jane.smith
    closure: {date: 2026-06-12, by: jane.smith, note: Done.}
    ```

    Best practice:
    ```yaml
    owner: jane.smith
    closure:
      date: 2026-06-12
      by: sam.patel
      note: Audit results checked at the June governance meeting; three weeks at 98% or above.
    ```
    """
    register = ctx.register
    for action in register.actions.values():
        closure = action.closure
        if closure is not None and same_person(register, closure.by, action.owner):
            yield at(action, ("closure", "by"), f"closed by its own owner ({register.display_name(closure.by)}): "
                                                "ask someone else, e.g. the governance meeting chair, to check "
                                                "the evidence and sign it off")


@rule("self-assured-closure", "GT221", "warning")
def self_assured_closure(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An action signed off by the person who recorded its completion.

    Sign-off is the assurance step: someone other than the person who did the work checks
    that the evidence shows the change (the "Blue: complete and assured" of published NHS
    plans). Completing an action and then signing it off yourself checks nothing, whoever
    owns the action, so the action plan shows it Green ("Closed – not independently assured"),
    not Blue. Ask someone who did not record the completion to check the evidence and sign it
    off: the nominated individual, the governance meeting's chair, the quality lead or a peer
    manager. When the person who signed off is also the owner, `closed-by-owner` reports it
    instead (one warning, not two). A sign-off typed in under someone else's name by the person
    who completed the action is `self-recorded-closure`, which reads who typed it from Git.
    A service with one manager excuses the line with a reason
    (`# govtool: ignore[self-assured-closure] ...`); the plan still shows it Green. To record an
    independent check after the event, reopen the action (`govtool reopen`), complete it again
    and let the checker close it.

    Anti-pattern:
    ```yaml
    owner: tom.okafor
    completion: {date: 2026-06-05, by: aisha.rahman, change: ..., evidence: [...]}
    closure: {date: 2026-06-12, by: aisha.rahman, note: Evidence checked.}
    ```

    Best practice:
    ```yaml
    owner: tom.okafor
    completion: {date: 2026-06-05, by: aisha.rahman, change: ..., evidence: [...]}
    closure:
      date: 2026-06-12
      by: sam.patel
      note: Audit sheets checked at the June governance meeting; three weeks at 98% or above.
    ```
    """
    register = ctx.register
    for action in register.actions.values():
        closure = action.closure
        if action.status != "closed" or closure is None or not self_assured(register, action):
            continue
        if same_person(register, closure.by, action.owner):
            continue  # closed-by-owner says it
        yield at(action, ("closure", "by"),
                 f"signed off by {register.display_name(closure.by)}, who also recorded its completion: no one else "
                 "checked the evidence (the plan shows it Green, not Blue); ask someone who did not do the work, "
                 "e.g. the nominated individual, the governance meeting's chair or a peer manager, to check it "
                 "and sign it off")


@rule("completion-without-evidence", "GT204")
def completion_without_evidence(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A completed or closed action with no evidence.

    "Closed with evidence of change" is what an inspector tests: an audit result, a sample of
    records, minutes that show the change. Attach it as a file in `evidence/` or a URL. For an
    action already completed or closed, ``govtool complete ID --evidence PATH_OR_URL`` adds it
    to the completion without reopening it: the item records the day it was added and who
    added it, and the completion stays as it was.

    Anti-pattern:
    ```yaml
    status: completed
    completion:
      date: 2026-05-30
      by: jane.smith
      change: MAR completeness 98% in three consecutive weekly audits
    ```

    Best practice:
    ```yaml
    status: completed
    completion:
      date: 2026-05-30
      by: jane.smith
      change: MAR completeness 98% in three consecutive weekly audits
      evidence:
        - path: evidence/2026-05-mar-audits.pdf
          description: The three weekly audit sheets
    ```
    """
    for action in ctx.register.actions.values():
        if action.status not in ("completed", "closed"):
            continue
        completion = action.completion
        if completion is None:
            continue  # schema reports the missing completion itself
        if not any(e.target for e in completion.evidence):
            where = ("completion", "evidence") if "evidence" in _completion_data(action) else ("completion",)
            yield at(action, where, f"{action.status} with no evidence: add the audit, sample or minutes "
                                    f"that show the change (govtool complete {action.id} --evidence PATH_OR_URL: "
                                    "it is added to the completion, which stays as it was)")


def _completion_data(action: Action) -> dict[str, Any]:
    value = action.data.get("completion")
    return value if isinstance(value, dict) else {}
