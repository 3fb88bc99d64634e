"""``govtool acknowledge``: settle a mistake already committed, with the reason, without hand-editing YAML."""

from __future__ import annotations

import click

from govtool.cli.ask import ask
from govtool.cli.options import commit_option, report, settings_of, wants_commit
from govtool.cli.session import Session
from govtool.services.acknowledge import acknowledge as acknowledge_commit

pass_session = click.make_pass_decorator(Session)


@click.command()
@click.argument("commit_ref", metavar="COMMIT")
@click.option("--reason", help="Why the change was made, and what was done about it (shown in the action plan).")
@click.option("--rule", help="Only this rule's problem (e.g. silent-edit), as lint names it.")
@click.option("--record", help="Only this record's problem (e.g. ACT-7Q2K9D), when the commit changed several.")
@commit_option
@pass_session
def acknowledge(session: Session, commit_ref: str, reason: str | None, rule: str | None, record: str | None,
                commit: bool | None) -> None:
    """Acknowledge a mistake already committed (a hand edit, a re-date without its entry) that
    cannot be put right: lint stops reporting it, and the action plan lists it with the reason
    under "Acknowledged mistakes in the trail".

    COMMIT is the commit lint names in the problem ("commit 1a2b3c4 changed the title of ...").
    The entry is added to lint.acknowledged in govtool.yaml, comments kept. At a terminal, a
    missing --reason is asked.

    \b
    Example:
      govtool acknowledge 1a2b3c4 --rule silent-edit --record ACT-7Q2K9D \\
        --reason "Title clarified after the May governance meeting; the old wording was ambiguous"
    """
    settings = settings_of(session)
    reason = ask(reason, "--reason", "Why was the change made, and what was done about it")
    report(acknowledge_commit(session.root, commit_ref, reason=reason, rule=rule, record=record,
                              commit_change=wants_commit(session.root, settings, commit)))


COMMANDS = (acknowledge,)
