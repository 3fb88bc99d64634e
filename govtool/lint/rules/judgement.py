"""Judgement rules: is the action specific, the owner one person, the completion a change?

The judging itself lives in govtool.judgement (pure functions on text); these rules decide
which records to judge and turn a verdict into a problem. Verdicts are kept between runs
(govtool/lint/verdicts.py), and the judges are imported only when some text is new to them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.lint.verdicts import VerdictCache
from govtool.register.model import Record

#: Signed-off and cancelled actions are history: rewording them now helps no one.
_SETTLED = ("closed", "cancelled")


def _verdicts(ctx: LintContext) -> VerdictCache:
    """The run's verdict cache, shared by the three rules and saved when every rule has run."""
    def start() -> VerdictCache:
        verdicts = VerdictCache(ctx.register.root)
        ctx.at_end(verdicts.save)
        return verdicts
    return ctx.once("verdicts", start)


# The judges are imported on first need: importing them compiles about ninety patterns.
# These three are also what commands ask before they write (govtool/precheck.py), so the
# command line and lint say the same thing in the same words.
def vague_message(title: str, description: str | None, measure: Any) -> str | None:
    """vague-action's message for an action's title, description and measure, or None."""
    from govtool.judgement import judge_action
    return _say(judge_action(title, description, measure))


def collective_message(owner: str) -> str | None:
    """collective-owner's message for an owner not in the people directory, or None."""
    from govtool.judgement import judge_owner
    return _say(judge_owner(owner))


def no_change_message(change: str) -> str | None:
    """completion-without-change's message for a completion's change, or None."""
    from govtool.judgement import judge_completion
    return _say(judge_completion(change))


def _say(verdict: Any) -> str | None:
    return None if verdict is None else f"{verdict.reason}: {verdict.fix}"


@rule("vague-action", "GT201")
def vague_action(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An action too general to verify: closing it would not be a yes/no question.

    Vague verbs ("improve", "strengthen", "enhance", "ensure", "review", "raise awareness")
    describe an intention, not a result. Say what will exist or be true when the action is
    done, or give the measure a target that makes closure a yes/no question. Closed and
    cancelled actions are not judged.

    Anti-pattern:
    ```yaml
    title: Improve medicines management
    ```

    Best practice:
    ```yaml
    title: Introduce a weekly audit of 10 MAR charts, reported to the monthly governance meeting
    measure:
      target: 98% of MAR charts complete in three consecutive weekly audits
    ```
    """
    verdicts = _verdicts(ctx)
    for action in ctx.register.actions.values():
        if action.status in _SETTLED or action.title is None:
            continue
        message = verdicts.judged(vague_message, action.title, action.description, action.data.get("measure"))
        if message is not None:
            yield at(action, "title", message)


@rule("collective-owner", "GT202")
def collective_owner(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An owner that is a group ("clinical team", "all staff", "management", "RM/DM", "Jane and Sam").

    When everyone owns an action, no one does. Name the one person accountable; others who
    do part of the work get sub-actions (`parent`) with their own owners. An owner that is
    in the people directory is one person by definition. Applies to actions (except closed
    and cancelled ones) and to risks.

    Anti-pattern:
    ```yaml
    owner: Nursing team
    ```

    Best practice:
    ```yaml
    owner: jane.smith     # Jane Smith, Ward Manager, in govtool.yaml's people
    ```
    """
    register = ctx.register
    verdicts = _verdicts(ctx)
    owned: list[Record] = [a for a in register.actions.values() if a.status not in _SETTLED]
    owned += list(register.risks.values())
    for record in owned:
        owner = record.get_text("owner")
        if not owner or register.person(owner) is not None:
            continue
        message = verdicts.judged(collective_message, owner)
        if message is not None:
            yield at(record, "owner", message)


@rule("completion-without-change", "GT203")
def completion_without_change(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A completion that describes activity ("training delivered") instead of what is now different.

    "Training delivered", "policy updated" or "done" say what was done, not what changed. An inspector asks what changed for people using the service, and how you know. Say what
    is different now, with the audit, sample or observation that shows it.

    Anti-pattern:
    ```yaml
    completion:
      change: Training delivered to all staff and policy updated.
    ```

    Best practice:
    ```yaml
    completion:
      change: Spot checks of 20 MAR charts in May found no gaps (6 gaps in March).
    ```
    """
    verdicts = _verdicts(ctx)
    for action in ctx.register.actions.values():
        completion = action.completion
        if completion is None or completion.change is None or action.status == "cancelled":
            continue
        message = verdicts.judged(no_change_message, completion.change)
        if message is not None:
            yield at(action, ("completion", "change"), message)
