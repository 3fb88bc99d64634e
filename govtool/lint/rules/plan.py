"""Plan rules (GT5xx): does the plan as a whole answer its sources and show momentum?"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.judgement.verdict import quote
from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.unread import unreadable
from govtool.register.vocabulary import FINDING_SOURCE_TYPES


@rule("unaddressed-finding", "GT501", stops_commit=False)
def unaddressed_finding(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A source finding that no action answers (cancelled actions do not count).

    Every finding in an inspection report, audit or investigation needs at least one action
    whose `finding` names it; a "must" finding with no action is the first thing an
    inspector looks for on a return visit. A source recorded by mistake is cancelled with a
    reason (`govtool cancel SRC-... --reason ...`), not deleted, and its findings need no action.
    While an action file cannot be read (a merge conflict left in it, say), the findings it may
    answer are not reported: the file's own error comes first.

    Anti-pattern:
    ```yaml
    # sources/SRC-0007.yaml
    findings:
      - {id: F1, text: Medicines were not managed safely.}
      - {id: F2, text: Care plans did not record consent.}
    # ...and no action has finding: F2
    ```

    Best practice:
    ```yaml
    # actions/ACT-7Q2K9D.yaml
    source: SRC-0007
    finding: F2
    title: Add a signed consent section to every care plan, checked in a monthly audit of 10 plans
    ```
    """
    unread = unreadable(ctx.register, "action")  # a conflicted action still answers its finding
    for source in ctx.register.sources.values():
        if source.is_cancelled:  # recorded by mistake: its findings ask for nothing
            continue
        for finding in source.findings:
            if any(u.may_link("source", source.id) and u.may_link("finding", finding.id) for u in unread):
                continue
            if not any(a.status != "cancelled" for a in finding.actions):
                text = f" {quote(finding.text)}" if finding.text else ""
                yield at(source, ("findings", finding.index, "id"),
                         f"finding {finding.id}{text} has no action: add one "
                         f"(govtool new action --source {source.id} --finding {finding.id})")


@rule("all-in-progress", "GT502", "warning", options={"min_actions": 2, "min_days": 60}, stops_commit=False)
def all_in_progress(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A source whose actions are all in progress and none closed: a plan with no momentum.

    When everything has started and nothing has finished, the plan is probably too big to
    deliver or its actions are too vague to close. Finish and close the nearest ones first.
    `min_actions` is the smallest number of (non-cancelled) actions a source needs before
    the rule applies; `min_days` how long its first action must have been open (from its
    `created` date; the source's date when none has one): a plan whose actions all started
    this week has no momentum to lack yet (a trial was warned the day it began).

    Anti-pattern:
    ```yaml
    # sources/SRC-0007.yaml has three actions, each with
    status: in_progress
    ```

    Best practice:
    ```yaml
    # at least one of them finished and signed off
    status: closed
    ```
    """
    minimum, days = options["min_actions"], options["min_days"]
    for source in ctx.register.sources.values():
        if source.is_cancelled:
            continue
        actions = [a for a in source.actions if a.status != "cancelled"]
        if len(actions) < max(minimum, 1) or not all(a.status == "in_progress" for a in actions):
            continue
        began = min((a.created for a in actions if a.created is not None), default=source.date)
        if began is not None and (ctx.today - began).days < days:
            continue
        yield at(source, "id", f"all {len(actions)} actions on this source are in progress and none "
                               "is closed: finish and close the nearest ones first")


#: The kinds of source that always have findings, as a message names them.
FINDING_SOURCES = {"inspection_report": "a CQC inspection report", "mock_inspection": "a mock inspection"}
assert set(FINDING_SOURCES) == set(FINDING_SOURCE_TYPES)


@rule("source-without-findings", "GT505", "warning", stops_commit=False)
def source_without_findings(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An inspection report or mock inspection recorded with no findings.

    The plan answers findings: with none recorded, `unaddressed-finding` has nothing to
    check, the action plan cannot show which finding each action answers, and a finding
    that no action answers goes unseen. A source is often recorded before its report is read;
    add each finding, in the report's words, when it is
    (`govtool edit SRC-... --add-finding "..." --reason ...`). Incidents, complaints,
    safeguarding outcomes and audits may stand without findings.

    Anti-pattern:
    ```yaml
    # sources/SRC-0007.yaml
    type: inspection_report
    title: CQC inspection report, March 2026
    date: 2026-03-02
    ```

    Best practice:
    ```yaml
    type: inspection_report
    title: CQC inspection report, March 2026
    date: 2026-03-02
    findings:
      - {id: F1, text: Medicines were not managed safely., regulation: '12', level: must}
    ```
    """
    for source in ctx.register.sources.values():
        if source.is_cancelled or source.type not in FINDING_SOURCES or source.findings:
            continue
        if "findings" in source.data and source.data["findings"] not in (None, []):
            continue  # findings written some other way: the schema reports them
        yield at(source, "type", f"{FINDING_SOURCES[source.type]} with no findings: the plan answers findings: "
                                 f"add each, in the report's words (govtool edit {source.id} --add-finding \"...\" "
                                 "--reason \"...\")")
