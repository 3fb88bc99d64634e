"""Judgement rules: is the action specific, the owner one person, the completion a change?

The judging itself lives in govtool.judgement (pure functions on text); these rules decide
which records to judge and turn a verdict into a problem. Verdicts are kept between runs
(govtool/cache/verdicts.py), and the judges are imported only when some text is new to them.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.find import SETTINGS_FILE
from govtool.register.model import Record
from govtool.register.vocabulary import FINISHED_STATUSES

if TYPE_CHECKING:  # imported where lint uses it: a command judging before it writes needs no cache
    from govtool.cache.verdicts import VerdictCache

def _verdicts(ctx: LintContext) -> VerdictCache:
    """The run's verdict cache, shared by the three rules and saved when every rule has run."""
    def start() -> VerdictCache:
        from govtool.cache.verdicts import VerdictCache

        verdicts = VerdictCache(ctx.register.root, keep_unasked=ctx.partial)
        ctx.at_end(verdicts.save)
        return verdicts
    return ctx.once("verdicts", start)


# The judges are imported on first need: importing them compiles about ninety patterns.
# These three are also what commands ask before they write (govtool/services/precheck.py), so the
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


def names_a_group(ctx: LintContext, owner: str) -> bool:
    """Whether collective-owner reads ``owner`` as a group: its verdict, from the run's cache."""
    return _verdicts(ctx).judged(collective_message, owner) is not None


def _say(verdict: Any) -> str | None:
    return None if verdict is None else f"{verdict.reason}: {verdict.fix}"


@rule("vague-action", "GT201")
def vague_action(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An action too general to verify: closing it would not be a yes/no question.

    Vague verbs with no target ("improve", "strengthen", "enhance", "ensure ... is appropriate",
    "raise awareness"), intentions ("aim to"), standing duties ("staff should follow ...") and
    carrying on ("continue to") describe an intention, not a result. An activity with a
    concrete object is done or not done, and passes: "Review the complaints policy", "Discuss
    the late calls at the team meeting". Say what will exist or be true when the action is
    done, or give the measure a target that makes closure a yes/no question. Closed and
    cancelled actions are not judged. The judge reads the forms of a vague action and weighs
    the wording against a thousand actions from published plans, each labelled twice; each
    overrules the other only where it is sure (docs/judgement.md, round 15).

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
        # Signed-off and cancelled actions are history: rewording them now helps no one.
        if action.status in FINISHED_STATUSES or action.title is None:
            continue
        message = verdicts.judged(vague_message, action.title, action.description, action.data.get("measure"))
        if message is not None:
            yield at(action, "title", message)


@rule("collective-owner", "GT202")
def collective_owner(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An owner that is a group ("clinical team", "all staff", "management", "RM/DM", "Jane and Sam").

    When everyone owns an action, no one does. Name the one person accountable; others who
    do part of the work get sub-actions (`parent`) with their own owners. An owner that is
    in the people directory is one person by definition, unless the directory entry
    itself names a group: that entry is reported on its line of govtool.yaml, and so is every
    owner who points at it. Applies to actions (except closed
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
    groups = yield from _group_entries(ctx, verdicts)
    owned: list[Record] = [a for a in register.actions.values() if a.status not in FINISHED_STATUSES]
    owned += list(register.risks.values())
    for record in owned:
        owner = record.get_text("owner")
        if not owner:
            continue
        person = register.person(owner)
        if person is not None and person.id not in groups:
            continue  # one person by definition: the directory says who they are
        message = groups[person.id] if person is not None else verdicts.judged(collective_message, owner)
        if message is not None:
            yield at(record, "owner", message)


def _group_entries(ctx: LintContext, verdicts: VerdictCache) -> Generator[Report, None, dict[str, str]]:
    """Reports each people-directory entry that is a group (its name is, and its role, if any, is
    no single post), on its line of govtool.yaml;
    returns their messages by ID. A directory entry vouches for its owners only when it is a
    person: an entry named "Nursing team" would otherwise make a group pass everywhere."""
    settings = ctx.register.settings
    groups: dict[str, str] = {}
    for pid, person in ctx.register.people.items():
        message = verdicts.judged(collective_message, person.name)
        if message is None or (person.role and verdicts.judged(collective_message, person.role) is None):
            continue  # a person, or a post one person holds ("Estates", role "Estates Manager")
        groups[pid] = message
        line = settings.doc.line_of(("people", pid, "name")) if settings.doc is not None else None
        yield Report(SETTINGS_FILE, line, None, f"people.{pid}: {message}")
    return groups


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


def _weak(title: str, description: str | None) -> str | None:
    from govtool.judgement import judge_strength
    return _say(judge_strength(title, description))


#: Findings about harm: what happened to someone (incidents, safeguarding) or what could
#: (safe care and treatment, safeguarding, the "safe" key question).
_HARM_SOURCES = frozenset({"incident", "safeguarding"})
_HARM_REGULATIONS = frozenset({"12", "13"})
_OUTCOME = re.compile(r"\d|\b(no|zero|none|nil|every|all)\b", re.IGNORECASE)


@rule("weak-action", "GT230", severity="warning")
def weak_action(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An answer to harm that relies only on the weakest kinds of action (training, reminders, a policy).

    After an incident, a safeguarding concern or a finding about safe care, "retrain staff",
    "remind staff", "re-issue the policy" and "raise awareness" depend on people remembering
    to do better; they rarely stop harm happening again. Patient-safety science ranks them the
    weakest kind of action: the US Department of Veterans Affairs National Center for Patient
    Safety's action hierarchy, adopted by RCA² ("RCA²: Improving Root Cause Analyses and
    Actions to Prevent Harm", National Patient Safety Foundation, 2015). Stronger actions change
    the system (equipment, a checklist, a forcing function, standardised process, staffing).
    The rule warns when such an action stands alone for its finding: no other open or
    completed action on the finding does more, and its measure has no outcome target.
    Findings about harm: sources of type incident or safeguarding, and findings under
    regulation 12 or 13 or the "safe" key question.

    Anti-pattern:
    ```yaml
    title: Remind all staff of the falls prevention policy
    ```

    Best practice:
    ```yaml
    title: Fit bed and chair sensors for the 9 residents assessed at high risk of falls
    measure:
      target: No unwitnessed falls from bed in three months (6 in the last quarter)
    ```
    """
    verdicts = _verdicts(ctx)
    for action in ctx.register.actions.values():
        if action.status == "cancelled" or action.title is None or not _about_harm(action):
            continue
        if _OUTCOME.search(str(_mapping(action.data.get("measure")).get("target") or "")):
            continue  # an outcome measure shows whether the harm stopped
        message = verdicts.judged(_weak, action.title, action.description)
        if message is None:
            continue
        siblings = [a for a in (action.finding.actions if action.finding else [])
                    if a is not action and a.status != "cancelled" and a.title is not None]
        if any(verdicts.judged(_weak, a.title, a.description) is None for a in siblings):
            continue  # a stronger action stands beside it
        yield at(action, "title", message)


def _about_harm(action: Any) -> bool:
    source, finding = action.source, action.finding
    if source is not None and source.type in _HARM_SOURCES:
        return True
    if finding is None:
        return False
    return str(finding.regulation or "") in _HARM_REGULATIONS or (finding.key_question or "") == "safe"


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}
