"""Risk-register rules: the interlock between risks and actions, and honest scoring.

The scoring and interlock logic lives in :mod:`govtool.register.risk` (shared with the reports and
the ``review`` command); these rules only turn its answers into problems with a fix.
Scores out of 1-5 or not whole numbers are left to the schema check, which already reports
each with its line: see docs/risks.md ("Why there is no risk-score-range rule").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.register.model import Risk, Settings
from govtool.register.risk import (
    DEFAULT_REVIEW_DAYS,
    ReviewSchedule,
    describe,
    last_review,
    reassessment_due,
    reduction_justification,
    review_schedule,
    unanswered_controls,
)
from govtool.register.unread import unreadable


def _review_hint(risk: Risk) -> str:
    return f"govtool review {risk.id} --likelihood N --consequence N --note TEXT"


def _bands(ctx: LintContext) -> dict[str, int]:
    return ctx.register.settings.risk_bands


def scheduled_review(risk: Risk, settings: Settings, options: Mapping[str, Any]) -> ReviewSchedule | None:
    """When ``risk``'s next routine review falls due on this rule's ``options`` (``days`` per band,
    ``default_days``) and the settings' bands: what lint reports and the digest reminds of."""
    days = options.get("days")
    intervals = dict(days) if isinstance(days, Mapping) else dict(DEFAULT_REVIEW_DAYS)
    return review_schedule(risk, settings.risk_bands, intervals, int(options.get("default_days", 90)))


def _risks(ctx: LintContext) -> Iterator[Risk]:
    return iter(sorted(ctx.register.risks.values(), key=lambda r: str(r.path)))


@rule("uncontrolled-risk", "GT401", "error", options={"include_partial": False}, stops_commit=False)
def uncontrolled_risk(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An inadequate control with no action on the way to strengthen it.

    A control rated inadequate is a known gap in the service's defences; Regulation 17 asks
    for the gap to be acted on. An action answers the control when it names the risk and the
    control (``risk:`` and ``control:``) and is open, in progress or completed. A closed action
    answers it until the risk is reviewed: after that review a control still rated inadequate
    needs a new action. Cancelled actions answer nothing. With ``include_partial: true``
    partially effective controls need an action too. While an action file cannot be read (a
    merge conflict left in it, say), the controls it may answer are not reported.

    Anti-pattern:

    ```yaml
    # risks/RSK-MEDS.yaml
    controls:
      - id: C1
        description: Weekly MAR audit by the clinical lead
        effectiveness: inadequate    # and no action names RSK-MEDS / C1
    ```

    Best practice:

    ```yaml
    # actions/ACT-7Q2K9D.yaml (govtool new action --risk RSK-MEDS --control C1 ...)
    title: Audit 10 MAR charts every week and report the results to the governance meeting
    risk: RSK-MEDS
    control: C1
    status: in_progress
    ```
    """
    weak = ("inadequate", "partial") if options.get("include_partial") else ("inadequate",)
    unread = unreadable(ctx.register, "action")  # a conflicted action may be the one answering
    for risk in _risks(ctx):
        for control in unanswered_controls(risk, weak):
            if any(risk.id in u.links.get("risk", ()) and u.may_link("control", control.id) for u in unread):
                continue
            after = ""
            reviewed = last_review(risk)
            closed = [a for a in control.actions if a.closed_on is not None]
            if closed and reviewed is not None:
                after = f" (the review on {reviewed.date} still rated it {control.effectiveness} after {closed[-1].id} closed)"
            yield at(
                risk, ("controls", control.index, "effectiveness"),
                f"control {control.id} is {control.effectiveness}{after} and no open action strengthens it: "
                f"raise one with govtool new action --risk {risk.id} --control {control.id}",
            )


@rule("reassessment-due", "GT402", "error", options={"grace_days": 14}, stops_commit=False)
def reassessment_due_rule(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A risk whose linked action closed, with no review of the risk since.

    Closing an action that strengthens a control is the moment to ask whether the risk is
    now lower: re-score it and re-rate the control in a review dated on or after the closure.
    The rule allows ``grace_days`` (default 14) after the closure date for the review to
    happen (typically the next governance meeting).

    Anti-pattern:

    ```yaml
    # actions/ACT-7Q2K9D.yaml: risk: RSK-MEDS, control: C1, closed on 2026-09-01
    # risks/RSK-MEDS.yaml
    reviews:
      - date: 2026-06-01     # the last review is before the closure
        by: jane.smith
        likelihood: 4
        consequence: 4
        note: Audit not yet weekly.
    ```

    Best practice:

    ```yaml
    # risks/RSK-MEDS.yaml (govtool review RSK-MEDS --likelihood 2 --consequence 4
    #                      --control C1=effective --note ...)
    reviews:
      - date: 2026-09-10
        by: jane.smith
        likelihood: 2
        consequence: 4
        note: Weekly audit in place since ACT-7Q2K9D closed; three audits at 100%.
    ```
    """
    grace_days = int(options.get("grace_days", 14))
    for risk in _risks(ctx):
        due = reassessment_due(risk, ctx.today, grace_days)
        if not due:
            continue
        first = due[0]
        closed = ", ".join(
            d.action.id + (f" (control {d.action.control_id})" if d.action.control_id else "") + f" closed on {d.closed_on}"
            for d in due
        )
        waited = (ctx.today - first.closed_on).days
        yield at(
            risk, "reviews" if "reviews" in risk.data else "residual",
            f"{closed}, and the risk has not been reviewed since ({waited} days, {grace_days} allowed): "
            f"re-assess it with {_review_hint(risk)}",
        )


@rule("residual-above-inherent", "GT403", "error")
def residual_above_inherent(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A residual score higher than the inherent score.

    The inherent score is the risk with no controls; the residual score is the risk with the
    controls as they work today. Controls cannot make a risk worse, so a higher residual means
    one of the two scores is wrong (usually the inherent risk was under-scored at the start).

    Anti-pattern:

    ```yaml
    inherent: {likelihood: 3, consequence: 3}   # 9
    residual: {likelihood: 4, consequence: 4}   # 16
    ```

    Best practice:

    ```yaml
    inherent: {likelihood: 4, consequence: 4}   # re-scored: 16
    residual: {likelihood: 4, consequence: 4}
    ```
    """
    for risk in _risks(ctx):
        inherent, residual = risk.inherent, risk.residual
        if inherent.value is None or residual.value is None or residual.value <= inherent.value:
            continue
        yield at(
            risk, "residual",
            f"residual {describe(residual, _bands(ctx))} is above the inherent {describe(inherent, _bands(ctx))}: "
            "controls cannot make a risk worse; re-score the inherent risk or correct the residual "
            f"(govtool review {risk.id} --likelihood N --consequence N --inherent-likelihood N "
            "--inherent-consequence N --note ...)",
        )


@rule("residual-unjustified", "GT404", "warning", options={"accept_partial": True})
def residual_unjustified(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A residual score lowered below the inherent score with nothing to show for it.

    The residual score may sit below the inherent score only because something works: a
    control rated effective (or partial, unless ``accept_partial: false``), or a linked action
    closed with evidence. With every control inadequate and no action closed, the lower score
    claims the benefit of work not yet done, which an inspector reads as an optimistic register.

    Anti-pattern:

    ```yaml
    inherent: {likelihood: 4, consequence: 4}
    residual: {likelihood: 2, consequence: 4}    # lowered already...
    controls:
      - id: C1
        description: Weekly MAR audit by the clinical lead
        effectiveness: inadequate                # ...but nothing works yet
    ```

    Best practice:

    ```yaml
    inherent: {likelihood: 4, consequence: 4}
    residual: {likelihood: 4, consequence: 4}    # lowered at the review after the action closes
    controls:
      - id: C1
        description: Weekly MAR audit by the clinical lead
        effectiveness: inadequate
    ```
    """
    working = ("effective", "partial") if options.get("accept_partial", True) else ("effective",)
    for risk in _risks(ctx):
        inherent, residual = risk.inherent, risk.residual
        if inherent.value is None or residual.value is None or residual.value >= inherent.value:
            continue
        if reduction_justification(risk, working):
            continue
        rated = ", ".join(f"{c.id} {c.effectiveness}" for c in risk.controls) or "none recorded"
        yield at(
            risk, "residual",
            f"residual {residual.value} is below the inherent {inherent.value} but no control works "
            f"(controls: {rated}) and no linked action has closed: score the residual as the controls "
            "work today, or rate the control that justifies it",
        )


@rule("risk-not-reviewed", "GT405", "warning",
      options={"days": dict(DEFAULT_REVIEW_DAYS), "default_days": 90}, stops_commit=False)
def risk_not_reviewed(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A risk not reviewed within the interval for its band.

    The riskier the risk, the more often it is looked at. ``days`` gives the interval per
    band of the current (residual) score, default ``{extreme: 30, high: 90, moderate: 180,
    low: 365}``; a band it does not name (custom ``risk_bands``) gets ``default_days`` (90).
    The clock starts at the last review, or at ``created`` for a risk never reviewed.

    Anti-pattern:

    ```yaml
    residual: {likelihood: 4, consequence: 4}   # 16, extreme: monthly
    reviews:
      - date: 2026-01-10                        # ten months ago
        by: jane.smith
        likelihood: 4
        consequence: 4
        note: No change.
    ```

    Best practice:

    ```yaml
    reviews:
      - date: 2026-11-02
        by: jane.smith
        likelihood: 4
        consequence: 4
        note: Two falls in October, both unwitnessed at night; night checks under review.
    ```
    """
    for risk in _risks(ctx):
        schedule = scheduled_review(risk, ctx.register.settings, options)
        if schedule is None:
            if not risk.reviews:  # reviews with unreadable dates are the schema check's to report
                yield at(risk, "id", f"never reviewed, and no 'created' date to count from: {_review_hint(risk)}")
            continue
        if ctx.today <= schedule.due:
            continue
        review = last_review(risk)
        what = f"last reviewed {schedule.since}" if schedule.reviewed else f"never reviewed since it was entered on {schedule.since}"
        yield at(
            risk, ("reviews", review.index) if review else "id",
            f"{what}; {schedule.band or 'unbanded'} risks are reviewed every {schedule.interval_days} days "
            f"(due {schedule.due}): {_review_hint(risk)}",
        )


@rule("residual-differs-from-review", "GT406", "warning")
def residual_differs_from_review(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A residual score that is not the score of the last review.

    The residual score changes at a review, which records who scored it, when and why; a
    residual edited by hand has no such record. ``govtool review`` writes both together.

    Anti-pattern:

    ```yaml
    residual: {likelihood: 2, consequence: 4}   # 8, edited by hand
    reviews:
      - date: 2026-10-01
        by: jane.smith
        likelihood: 3                           # the last review said 12
        consequence: 4
        note: Two omissions in September.
    ```

    Best practice:

    ```yaml
    residual: {likelihood: 2, consequence: 4}
    reviews:
      - date: 2026-10-01
        by: jane.smith
        likelihood: 3
        consequence: 4
        note: Two omissions in September.
      - date: 2026-11-20
        by: jane.smith
        likelihood: 2
        consequence: 4
        note: Weekly audits at 100% since ACT-7Q2K9D closed.
    ```
    """
    for risk in _risks(ctx):
        review = last_review(risk)
        residual = risk.residual
        if review is None or review.score.value is None or residual.value is None:
            continue
        if (review.score.likelihood, review.score.consequence) == (residual.likelihood, residual.consequence):
            continue
        yield at(
            risk, "residual",
            f"residual {describe(residual, _bands(ctx))} is not the score of the last review on {review.date} "
            f"({describe(review.score, _bands(ctx))}): change the residual through a review ({_review_hint(risk)})",
        )
