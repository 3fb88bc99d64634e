"""``govtool review RSK``: record a risk review (new residual score, note, control ratings)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from govtool.cli.ask import ask, interactive
from govtool.cli.completion import record_ids
from govtool.cli.options import wants_commit
from govtool.cli.session import Session
from govtool.cli.which import Pick, which
from govtool.register.around import load_around
from govtool.register.dates import parse_user_date
from govtool.register.edit import register_lock
from govtool.register.ids import kind_of
from govtool.register.model import Register
from govtool.register.risk import CONSEQUENCE_LABELS, LIKELIHOOD_LABELS, describe, scale
from govtool.services.edits import all_or_nothing, commit_found, ensure_can_commit, found_note
from govtool.services.risk_review import (
    ReviewOutcome,
    ReviewRequest,
    commit_message,
    find_risk,
    parse_control_changes,
    parse_score,
    record_review,
)
from govtool.support.errors import GovtoolError
from govtool.support.gitrepo import commit_files, lock_folder


def _around(session: Session, risk_id: str, linking: bool = True) -> Register:
    """The risk, the settings and (``linking``) the records that name the risk (its actions):
    what a review checks and reports, without parsing the rest of the register."""
    kind = kind_of(risk_id.strip().upper())
    if kind != "risk":  # find_risk explains what the ID is instead, from the whole register
        return session.load()
    try:
        return load_around(session.root, risk_id, linking=linking)
    except GovtoolError:  # an unknown risk: find_risk suggests the closest one
        return session.load()


def _score(value: str | None, option: str, labels: dict[int, str]) -> int:
    if value is not None:
        return parse_score(value, option)
    return ask(None, f"--{option}", f"{option.capitalize()} ({scale(labels)})", lambda text: parse_score(text, option))


@click.command("review")
@click.argument("risk_id", metavar="RSK", required=False, shell_complete=record_ids("risk"))
@click.option("--likelihood", metavar="N", help="Likelihood now, 1 rare .. 5 almost certain.")
@click.option("--consequence", metavar="N", help="Consequence now, 1 negligible .. 5 catastrophic.")
@click.option("--note", metavar="TEXT", help="What the review found and why the score is what it is.")
@click.option("--by", metavar="WHO", help="Who reviewed it (people ID or name; default: the risk's owner).")
@click.option("--date", "date_text", metavar="DATE", help="Date of the review (default: today).")
@click.option("--control", "controls", metavar="C=RATING", multiple=True,
              help="Re-rate a control: C1=effective, C2=partial or C3=inadequate (repeatable).")
@click.option("--inherent-likelihood", metavar="N",
              help="Re-score the inherent likelihood too, when the risk proved worse than first scored.")
@click.option("--inherent-consequence", metavar="N",
              help="Re-score the inherent consequence too (give both, with --inherent-likelihood).")
@click.option("--commit/--no-commit", default=None,
              help="Commit the change to Git (default: the 'commit' setting in govtool.yaml).")
@click.pass_obj
def review(
    session: Session,
    risk_id: str | None,
    likelihood: str | None,
    consequence: str | None,
    note: str | None,
    by: str | None,
    date_text: str | None,
    controls: tuple[str, ...],
    inherent_likelihood: str | None,
    inherent_consequence: str | None,
    commit: bool | None,
) -> None:
    """Record a review of risk RSK: its residual score now, and why.

    The review is appended to the risk's reviews (with the residual score it replaces, its
    "from"), the residual score becomes the new score and any --control ratings are updated. Review a risk when an action that strengthens one of its
    controls closes (lint's reassessment-due), and at its band's routine interval.

    \b
    Example:
      govtool review RSK-MEDS --likelihood 2 --consequence 4 --control C1=effective \\
        --note "Weekly MAR audits at 100% for six weeks since ACT-7Q2K9D closed"
    """
    risk_id = which(session, risk_id, Pick("review", "review", taken=("risk",)))
    # Everything that can be refused without asking is checked before any prompt: the risk
    # and the settings are enough; its actions (for the summary) are found under the lock.
    register = _around(session, risk_id, linking=False)
    risk = find_risk(register, risk_id)
    changes = parse_control_changes(controls)
    if (inherent_likelihood is None) != (inherent_consequence is None):
        raise GovtoolError("give both --inherent-likelihood and --inherent-consequence to re-score the inherent risk")
    inherent = (None if inherent_likelihood is None or inherent_consequence is None else
                (parse_score(inherent_likelihood, "inherent-likelihood"),
                 parse_score(inherent_consequence, "inherent-consequence")))
    date = parse_user_date(date_text, "--date") if date_text is not None else session.today
    wanted = wants_commit(session.root, register.settings, commit)  # Git's name asked before the review's questions
    if interactive() and None in (likelihood, consequence, note):
        click.echo(f"{risk.id}: {risk.title or ''}\n  residual now {describe(risk.residual, register.settings.risk_bands)}")
    request = ReviewRequest(
        risk_id=risk.id,
        likelihood=_score(likelihood, "likelihood", LIKELIHOOD_LABELS),
        consequence=_score(consequence, "consequence", CONSEQUENCE_LABELS),
        note=ask(note, "--note", "What did the review find?"),
        date=date,
        by=by,
        controls=changes,
        inherent=inherent,
    )
    with register_lock(lock_folder(session.root)):
        register = _around(session, risk_id)  # again, under the lock: another edit may have landed meanwhile
        if wanted:
            ensure_can_commit(session.root)
        sha = message = found_sha = None
        found: list[Path] = []
        path = register.root / find_risk(register, risk_id).path
        with all_or_nothing([path]):
            if wanted:  # what the risk's file (or govtool.yaml) held uncommitted: its own commit, first
                found_sha, found = commit_found(session.root, [Path(os.path.relpath(path, session.root))])
            outcome = record_review(register, request, session.today)
            if wanted:
                message = commit_message(outcome)
                sha = commit_files(session.root, [outcome.path], message)
        _print_outcome(outcome, register.display_name(outcome.by), register.settings.risk_bands)
        if found_sha:
            click.echo(found_note(found, found_sha))
        if sha:
            click.echo(f"committed {sha[:7]}: {message}")


def _print_outcome(outcome: ReviewOutcome, reviewer: str, bands: dict[str, int]) -> None:
    click.echo(
        f"{outcome.risk_id} reviewed on {outcome.date} by {reviewer}: residual "
        f"{describe(outcome.before, bands)} -> {describe(outcome.after, bands)}"
    )
    for change in outcome.control_changes:
        click.echo(f"  control {change.control}: {change.before} -> {change.after}")
    for action in outcome.answered:
        click.echo(f"  re-assesses the risk after {action.id} closed on {action.closed_on}")
    for control in outcome.still_unanswered:
        click.echo(
            f"  note: control {control.id} is inadequate and no open action strengthens it: "
            f"govtool new action --risk {outcome.risk_id} --control {control.id}",
            err=True,
        )


COMMANDS = [review]
