"""``govtool edit ID``: correct an action's title, description, priority, owner or measure."""

from __future__ import annotations

import click

from govtool.cli.ask import ask, interactive
from govtool.cli.options import (
    by_option,
    commit_option,
    person,
    refuse_unsaved,
    report,
    show_judged,
    wants_commit,
)
from govtool.cli.session import Session
from govtool.register.around import load_around, loaded_record
from govtool.register.model import Action, Settings, editable_value
from govtool.services import correct
from govtool.services.precheck import Judge, Judged
from govtool.support.errors import GovtoolError

pass_session = click.make_pass_decorator(Session)


@click.command()
@click.argument("action_id", metavar="ID")
@click.option("--title", help="The corrected action.")
@click.option("--description", metavar="TEXT", help="The corrected detail.")
@click.option("--measure-target", metavar="TEXT", help="Measure: the result that means it worked.")
@click.option("--measure-baseline", metavar="TEXT", help="Measure: where things stood before.")
@click.option("--measure-method", metavar="TEXT", help="Measure: who checks, how, how often.")
@click.option("--priority", metavar="P", help="high, medium or low.")
@click.option("--owner", metavar="WHO", help="A new owner (a handover): a people-directory ID or name.")
@click.option("--reason", help="Why it changes (for a new owner: why it is handed over).")
@by_option
@commit_option
@pass_session
def edit(session: Session, action_id: str, title: str | None, description: str | None,
         measure_target: str | None, measure_baseline: str | None, measure_method: str | None,
         priority: str | None, owner: str | None, reason: str | None, by: str | None,
         commit: bool | None) -> None:
    """Correct an action's own fields; the trail records which changed and why.

    A new --owner is a handover, recorded the same way. The due date moves only with
    'govtool redate'. What lint will report for the corrected action (a vague title, a
    group as owner) is shown before it is saved.

    \b
    Examples:
      govtool edit ACT-7Q2K9D --title "Audit 20 consent forms a month" --reason "Sample size agreed with CQC"
      govtool edit ACT-7Q2K9D --owner sam.patel --reason "Jane on leave until August"
    """
    register = load_around(session.root, action_id)  # the action and what it links to, not the register
    settings = register.settings
    action = loaded_record(register, action_id)
    if not isinstance(action, Action):
        raise GovtoolError(f"{action_id} is a {type(action).__name__.lower()}: only an action can be edited")
    values = {
        "title": title, "description": description, "priority": priority, "owner": owner,
        "measure.target": measure_target, "measure.baseline": measure_baseline, "measure.method": measure_method,
    }
    if all(value is None for value in values.values()) and interactive():
        field = click.prompt("Which field", type=click.Choice(list(correct.OPTIONS)))
        current = editable_value(action.data, field)
        values[field] = click.prompt(f"New {field}", default=current, show_default=current is not None)
    if values["owner"] is not None:
        values["owner"] = person(session, settings, values["owner"], "--owner", "New owner")
    wanted = correct.cleaned(values)  # says what is wrong with the options before anything is asked
    if not show_judged(_judged(settings, action, wanted), action.id):
        raise refuse_unsaved("it")
    reason = ask(reason, "--reason", "Why does it change")
    report(correct.edit(
        session.root, action.id, values=wanted, reason=reason,
        by=person(session, settings, by, "--by", "Who makes the change"), today=session.today,
        commit=wants_commit(settings, commit),
    ))


def _judged(settings: Settings, action: Action, wanted: dict[str, str]) -> list[Judged]:
    """What lint will report for the action once ``wanted`` is applied."""
    current = action.data.get("measure")
    measure = dict(current) if isinstance(current, dict) else {}
    for name, value in wanted.items():
        if name.startswith("measure."):
            measure[name.partition(".")[2]] = value
    return Judge(settings).action(
        action.path, title=wanted.get("title", action.title), description=wanted.get("description", action.description),
        measure=measure or None, owner=wanted.get("owner", action.owner),
    )


COMMANDS = [edit]
