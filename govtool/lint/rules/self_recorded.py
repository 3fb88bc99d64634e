"""History rule: a sign-off typed in by the person who completed the action is no one else's check."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import Change, added_entries
from govtool.lint.rule import LintContext, Report, rule
from govtool.register.rag import self_recorded

NAME = "self-recorded-closure"


@rule(NAME, "GT306", severity="warning", needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A sign-off typed in (committed) under another's name by the person who completed the action or typed in its completion.

    A closure's `by` is who signed it off, and the plan says "Signed off ... by" them; Git's
    history says who typed it in. A manager who completed an action herself and then ran
    `govtool close ID --by "Helen Ward"` signed nothing of Dr Ward's: the name is hers alone.
    The action plan shows such a sign-off Green ("not independently assured"), not Blue, with
    "(recorded by ...)" beside it. Ask the person who signed it off to record it themselves
    (`govtool close ID` on their own computer, or as their own commit); or, when the minutes of
    the meeting that signed it off are typed up by the manager, say so in a comment on the
    closure's line that names the rule (the plan still shows it Green). A sign-off whose `by`
    is the person who completed it, or the owner, is `self-assured-closure` or `closed-by-owner`
    (one warning, not two). A signer who types in their own sign-off is not reported here,
    whoever typed in the completion they checked. Only a closure added to an action already committed is judged: one
    that came with the file (a plan imported) names no one who typed it in.

    Anti-pattern:
    ```yaml
    # committed by Aisha Rahman, as was the completion
    completion: {date: 2026-12-01, by: aisha.rahman, change: ..., evidence: [...]}
    closure: {date: 2026-12-04, by: helen.ward, note: Evidence checked.}
    ```

    Best practice:
    ```yaml
    # the closure committed by Helen Ward herself
    completion: {date: 2026-12-01, by: aisha.rahman, change: ..., evidence: [...]}
    closure:
      date: 2026-12-04
      by: helen.ward
      note: Audit sheets checked at the December governance meeting; three weeks at 98% or above.
    ```
    """
    history, register = ctx.history, ctx.register
    recorded = history.recorded
    judged = {id(change) for change in history.changes}  # after --base, and not kept from an earlier run
    for change in _latest_closures(history.all_changes).values():
        action = register.actions.get(change.record_id)
        if id(change) not in judged or action is None or action.status != "closed":
            continue
        closure, completion = action.closure, action.completion
        if closure is None or completion is None:
            continue
        if register.same_person(closure.by, completion.by) or register.same_person(closure.by, action.owner):
            continue  # self-assured-closure or closed-by-owner says it
        typed = recorded.get(action.id)
        if typed is None or not self_recorded(register, action, typed):
            continue
        signer = register.display_name(closure.by)
        yield from history.report(
            NAME, change, ("closure", "by"),
            f"the sign-off by {signer} was typed in by {register.display_name(typed.closure)} "
            f"({change.where.label}), "
            "who also completed the action or recorded its completion: nothing shows anyone else checked the "
            f"evidence (the plan shows it Green, not Blue): ask {signer} to record the sign-off themselves, or "
            f"record why in a comment on the closure's line (# govtool: ignore[{NAME}] the minutes of ... record "
            "the sign-off)")


def _latest_closures(changes: list[Change]) -> dict[str, Change]:
    """Record ID -> the last change that added a closure to a record already there (the one
    the record's sign-off now is, which :attr:`History.recorded` names the typist of: for a
    change not yet committed, whoever Git names here, who will commit it)."""
    found: dict[str, Change] = {}
    for change in changes:
        if change.before is not None and added_entries(change.before, change.after, "closure"):
            found[change.record_id] = change
    return found
