"""Deadline rules: the response a regulator expects by a date, with findings still unanswered."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.deadlines import days_late, late_answers, nothing_recorded, unanswered_findings


@rule("response-due", "GT504", options={"warn_days": 7}, stops_commit=False)
def response_due(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A finding with no action when its source's `response_due` is past (error) or near (warning), or a response sent late.

    The error comes once the date has passed; the warning when it is at most `warn_days` (7)
    days away.

    `response_due` is when the provider owes the regulator a response: the action plan CQC
    asks for after a requirement notice (usually within 28 days), factual accuracy comments
    on a draft report, representations on a warning notice. A finding with no action on that
    day is a finding the response does not answer. Cancelled actions do not count. A source
    with no findings (an incident, a complaint) is answered as a whole by an action on it; with
    no findings and no action, nothing shows the response was made, and it is reported too.
    `warn_days` is how many days ahead the warning starts.

    When the response was sent is recorded on the source (`response_sent`, set with
    `govtool edit SRC-… --response-sent DATE --reason …`), that day decides: sent on or before
    `response_due` is met; sent after it, a warning on the `response_sent` line gives how late.
    Once it is sent, a finding with no action is `unaddressed-finding`'s to report, not this
    rule's. Without `response_sent`, the register only shows when each action was typed in: a
    finding whose first action was entered after the date gets a warning on its line, e.g.
    "the first action for finding F1 (ACT-7Q2K9D) was entered on 2026-12-04, 14 days after the
    deadline, and the register does not say when the response was sent", which asks first for
    the day it was sent (a plan emailed to CQC in time and typed in later was not late). An
    action raised by the date and cancelled after it did answer the finding on the day; one
    cancelled by then did not. A later date the regulator agreed is recorded as the new
    `response_due` (`govtool edit SRC-… --response-due DATE --reason …`); a response that was
    late cannot be mended, only explained: excuse it on the line with the reason
    (`# govtool: ignore[response-due] <why>`), and the action plan shows that reason beside the
    response line. A `response_sent` before the source's date is an error. A severity set in
    govtool.yaml applies to all of them.

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
    # sources/SRC-0007.yaml: the action plan went to CQC by email on 18 November
    response_due: 2026-11-20
    response_sent: 2026-11-18
    # actions/ACT-7Q2K9D.yaml
    source: SRC-0007
    finding: F1
    title: Audit 10 MAR charts every week and report the results to the monthly governance meeting
    ```
    """
    warn_days = options["warn_days"]
    for source in ctx.register.sources.values():
        sent = source.response_sent
        if sent is not None and source.date is not None and sent < source.date:
            yield at(source, "response_sent",
                     f"the response is recorded as sent on {sent.isoformat()}, before the source's date "
                     f"{source.date.isoformat()}: correct it (govtool edit {source.id} --response-sent DATE --reason ...)")
        due = source.response_due
        if due is None or source.is_cancelled:  # a source recorded by mistake needs no response
            continue
        late_by = days_late(source, ctx.today)
        if late_by is not None and late_by > 0 and sent is not None:
            yield Report(source.path, source.line("response_sent"), source.id,
                         f"the response was due on {due.isoformat()} and was sent on {sent.isoformat()}, "
                         f"{_days(late_by)} late: if the regulator agreed a later date, record it (govtool edit "
                         f"{source.id} --response-due DATE --reason ...); else say why it was late in a comment "
                         "on this line, which the action plan shows (# govtool: ignore[response-due] <why>)",
                         severity="warning")
        for late in late_answers(source, ctx.today):
            finding = late.finding
            line = source.line("findings", finding.index, "id") if finding else source.line("response_due")
            what = f"for finding {finding.id}" if finding else "answering the source as a whole (it lists no findings)"
            yield Report(source.path, line, source.id,
                         f"the response was due on {due.isoformat()}: the first action {what} "
                         f"({late.action_id}) was entered on {late.raised.isoformat()}, {_days(late.days_late)} after "
                         "the deadline, and the register does not say when the response was sent: if it was sent "
                         f"to the regulator, record the day (govtool edit {source.id} --response-sent DATE "
                         "--reason ...); if the regulator agreed a later date, record it (govtool edit "
                         f"{source.id} --response-due DATE --reason ...); else say why on this line, which the "
                         "action plan shows (# govtool: ignore[response-due] <why>)", severity="warning")
        if late_by is not None:  # sent by today (days_late needs the sending recorded)
            continue  # the response was made: a finding with no action is unaddressed-finding's to report
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


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"
