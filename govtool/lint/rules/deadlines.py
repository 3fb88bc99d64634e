"""Deadline rules: the response a regulator expects by a date, with findings still unanswered."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.deadlines import late_answers, nothing_recorded, unanswered_findings


@rule("response-due", "GT504", options={"warn_days": 7}, stops_commit=False)
def response_due(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A finding with no action when its source's `response_due` is past (error) or near (warning).

    The error comes once the date has passed; the warning when it is at most `warn_days` (7)
    days away.

    `response_due` is when the provider owes the regulator a response: the action plan CQC
    asks for after a requirement notice (usually within 28 days), factual accuracy comments
    on a draft report, representations on a warning notice. A finding with no action on that
    day is a finding the response does not answer. Cancelled actions do not count. A source
    with no findings (an incident, a complaint) is answered as a whole by an action on it; with
    no findings and no action, nothing shows the response was made, and it is reported too.
    `warn_days` is how many days ahead the warning starts.

    A finding answered after the date passed is no longer missing, but the response was late
    for it, and an inspector comparing the dates sees that: a warning on the finding says so,
    judged by the day its first action was raised (`created`), e.g. "finding F1 was answered
    late (action ACT-7Q2K9D raised on 2026-11-25, 5 days after the deadline)". An action
    raised by the date and cancelled after it did answer the finding on the day; one
    cancelled by then did not. A later date the regulator agreed is recorded as the new
    `response_due` (`govtool edit SRC-… --response-due DATE --reason …`); otherwise the
    lateness cannot be mended, only explained: excuse it on the finding's line with the
    reason (`# govtool: ignore[response-due] <why>`). A severity set in govtool.yaml applies
    to all three.

    Anti-pattern:
    ```yaml
    # sources/SRC-0007.yaml (today is 2026-11-26)
    response_due: 2026-11-20
    findings:
      - {id: F1, text: Medicines were not managed safely.}
    # ...and no action has finding: F1
    ```

    Best practice:
    ```yaml
    # actions/ACT-7Q2K9D.yaml, created before the response was due
    source: SRC-0007
    finding: F1
    title: Audit 10 MAR charts every week and report the results to the monthly governance meeting
    ```
    """
    warn_days = options["warn_days"]
    for source in ctx.register.sources.values():
        due = source.response_due
        if due is None or source.is_cancelled:  # a source recorded by mistake needs no response
            continue
        for late in late_answers(source, ctx.today):
            late_by = f"{late.days_late} day{'s' if late.days_late != 1 else ''}"
            finding = late.finding
            line = source.line("findings", finding.index, "id") if finding else source.line("response_due")
            what = f"finding {finding.id}" if finding else "the source (it lists no findings)"
            yield Report(source.path, line, source.id,
                         f"the response was due on {due.isoformat()}: {what} was answered late "
                         f"(action {late.action_id} raised on {late.raised.isoformat()}, {late_by} after the deadline): "
                         f"if the regulator agreed a later date, record it (govtool edit {source.id} --response-due "
                         "DATE --reason ...); else excuse it on this line with why it was late "
                         "(# govtool: ignore[response-due] <why>)", severity="warning")
        open_findings = [f.id for f in unanswered_findings(source)]
        if open_findings:
            listed = ", ".join(open_findings)
            what = (f"finding{'s' if len(open_findings) > 1 else ''} {listed} "
                    f"ha{'ve' if len(open_findings) > 1 else 's'} no action")
            fix = f"add one (govtool new action --source {source.id} --finding {open_findings[0]})"
        elif nothing_recorded(source):  # nothing shows the response was made
            what = "the source has no findings and no action"
            fix = (f"add its findings (govtool edit {source.id} --add-finding \"...\" --reason \"...\") "
                   f"or an action that answers it (govtool new action --source {source.id})")
        else:
            continue
        days = (due - ctx.today).days
        if days < 0:
            yield at(source, "response_due", f"the response was due on {due.isoformat()} and {what}: {fix}")
        elif days <= warn_days:
            when = "today" if days == 0 else f"in {days} day{'s' if days > 1 else ''}"
            yield Report(source.path, source.line("response_due"), source.id,
                         f"the response is due {when} ({due.isoformat()}) and {what}: {fix}", severity="warning")
