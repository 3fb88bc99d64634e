"""``govtool edit ID``: correct an action's title, description, priority, owner, measure or
reference, or a source's title, date, reference, summary, response date and findings."""

from __future__ import annotations

import datetime as dt

import click

from govtool.cli.ask import ask, interactive
from govtool.cli.completion import record_ids
from govtool.cli.options import (
    answers_kept,
    by_option,
    commit_option,
    person,
    refuse_unsaved,
    report,
    show_judged,
    wants_commit,
)
from govtool.cli.session import Session
from govtool.cli.which import Pick, which
from govtool.register.around import load_around, loaded_record
from govtool.register.dates import parse_user_date
from govtool.register.model import Action, Record, Register, Settings, Source, editable_value
from govtool.services import correct, create, sources
from govtool.services.edits import SavedChange
from govtool.services.lifecycle import ALLOWED_FROM, check_step
from govtool.services.precheck import Judge, Judged, refused_at_commit
from govtool.support.errors import GovtoolError

pass_session = click.make_pass_decorator(Session)


def _editable(record: Record) -> None:
    """At the prompt for the ID: an action edit cannot change (closed or cancelled) is explained."""
    if isinstance(record, Action):
        check_step(record, "edit")


#: edit without an ID: the actions it can change and the sources.
_PICK = Pick("edit", "edit", taken=("action", "source"), states=ALLOWED_FROM["edit"], check=_editable)


@click.command()
@click.argument("action_id", metavar="ID", required=False, shell_complete=record_ids())
@click.option("--title", help="The corrected action.")
@click.option("--description", metavar="TEXT", help="The corrected detail.")
# --target, --baseline and --method as 'new action' names them; the --measure-... names still work.
@click.option("--target", "--measure-target", "measure_target", metavar="TEXT",
              help="Measure: the result that means it worked.")
@click.option("--baseline", "--measure-baseline", "measure_baseline", metavar="TEXT",
              help="Measure: where things stood before.")
@click.option("--method", "--measure-method", "measure_method", metavar="TEXT",
              help="Measure: who checks, how, how often.")
@click.option("--priority", metavar="P", help="high, medium or low.")
@click.option("--owner", metavar="WHO", help="A new owner (a handover): a people-directory ID or name.")
@click.option("--correction/--handover", "correction", default=None,
              help="With --owner: the owner was recorded by mistake and this corrects it (--correction), or the "
                   "action passes to someone else (--handover, the default from a script; asked at a terminal). "
                   "Either way the trail keeps the change and the owner before it.")
@click.option("--date", "source_date", metavar="DATE", help="A source: the corrected date of the report, incident or audit.")
@click.option("--reference", metavar="REF",
              help="An action's number in its plan (1.2, R3), kept as typed; a source's reference ('-' for none).")
@click.option("--summary", metavar="TEXT", help="A source: the corrected summary ('-' for none).")
@click.option("--response-due", "response_due", metavar="DATE",
              help="A source: when the response is due, corrected ('-' for none); not before the source's date.")
@click.option("--response-sent", "response_sent", metavar="DATE",
              help="A source: the day the response was sent to the regulator (the action plan emailed to CQC, "
                   "say), which decides whether it met --response-due ('-' for none); not before the source's "
                   "date, not after today.")
@click.option("--finding", metavar="FID", help="A source: the finding to correct (F1, F2, ...), with the options below.")
@click.option("--add-finding", "add_finding", metavar="TEXT",
              help="A source: a finding to add, in the source's words (it gets the next ID: F1, F2, ...); "
                   "--regulation, --key-question and --level then describe it.")
@click.option("--text", "finding_text", metavar="TEXT", help="The finding's corrected text, as the source words it.")
@click.option("--regulation", metavar="N", help="The finding's regulation (12, 'Reg 17(2)(a)'; '-' for none).")
@click.option("--key-question", metavar="KQ", help="The finding's key question: safe, effective, caring, responsive, well-led.")
@click.option("--level", metavar="must|should", help="The finding's level ('-' for none).")
@click.option("--reason", help="Why it changes (for a new owner: why it is handed over, or what the mistake was).")
# Hidden: only there to say where the due date is changed (click would only say "No such option").
@click.option("--due", hidden=True)
@by_option
@commit_option
@pass_session
def edit(session: Session, action_id: str | None, title: str | None, description: str | None,
         measure_target: str | None, measure_baseline: str | None, measure_method: str | None,
         priority: str | None, owner: str | None, correction: bool | None, source_date: str | None,
         reference: str | None,
         summary: str | None, response_due: str | None, response_sent: str | None, finding: str | None, add_finding: str | None,
         finding_text: str | None, regulation: str | None,
         key_question: str | None, level: str | None, reason: str | None, due: str | None, by: str | None,
         commit: bool | None) -> None:
    """Correct an action's or a source's own fields; the trail records which changed and why.

    For an action: a new --owner is a handover, recorded the same way; with --correction it
    corrects an owner recorded by mistake, and the plan shows a correction, not a handover
    (a terminal asks which it is). --reference is its number in the plan it came from ('1.10'
    stays 1.10). The due date moves only with 'govtool redate'. What lint will report for the
    corrected action (a vague
    title, a group as owner) is shown before it is saved.

    For a source: its --title, --date, --reference, --summary, --response-due and
    --response-sent (the day the response went to the regulator), or one
    finding's --text, --regulation, --key-question and --level (name it with --finding), or
    a finding read in the report after the source was recorded (--add-finding).

    \b
    Examples:
      govtool edit ACT-7Q2K9D --title "Audit 20 consent forms a month" --reason "Sample size agreed with CQC"
      govtool edit ACT-7Q2K9D --owner sam.patel --reason "Jane on leave until August"
      govtool edit ACT-7Q2K9D --owner tom.okafor --correction --reason "Wrong owner typed when it was created"
      govtool edit ACT-7Q2K9D --target "98% of MAR charts complete in three audits" --reason "Measure agreed"
      govtool edit ACT-7Q2K9D --reference 1.10 --reason "Numbered as in the plan sent to CQC"
      govtool edit SRC-3M8TQA --date 14/10/2026 --reason "Typed the publication date, not the inspection's"
      govtool edit SRC-3M8TQA --response-due 25/11/2026 --reason "CQC's letter gives 25 November, not 28 days"
      govtool edit SRC-3M8TQA --response-sent 18/11/2026 --reason "Action plan emailed to CQC on 18 November"
      govtool edit SRC-3M8TQA --finding F2 --regulation 17 --level must --reason "As the report's requirement notice says"
      govtool edit SRC-3M8TQA --add-finding "Fire doors were wedged open" --regulation 12 --reason "Left out when the report was recorded"
    """
    if due is not None:
        raise GovtoolError(f"edit does not move the due date: 'govtool redate {action_id or 'ACT-...'} --to DATE --reason ...' "
                           "does, and records the re-date and its reason in the trail")
    action_id = which(session, action_id, _PICK)
    register = load_around(session.root, action_id)  # the record and what it links to, not the register
    settings = register.settings
    action = loaded_record(register, action_id)
    source_values = {"title": title, "date": source_date, "reference": reference, "summary": summary,
                     "response_due": response_due, "response_sent": response_sent, "text": finding_text, "regulation": regulation, "key_question": key_question, "level": level}
    if isinstance(action, Source):
        for option, value in (("--description", description), ("--target", measure_target),
                              ("--baseline", measure_baseline), ("--method", measure_method),
                              ("--priority", priority), ("--owner", owner),
                              ("--correction" if correction else "--handover", correction)):
            if value is not None:
                raise GovtoolError(f"{option} is an action's: a source has none")
        _edit_source(session, settings, action, source_values, finding, add_finding, reason, by, commit)
        return
    if not isinstance(action, Action):
        raise GovtoolError(f"{action_id} is a {type(action).__name__.lower()}: only an action or a source can be edited")
    for option, value in (("--date", source_date), ("--summary", summary),
                          ("--response-due", response_due), ("--response-sent", response_sent), ("--finding", finding), ("--add-finding", add_finding),
                          ("--text", finding_text), ("--regulation", regulation),
                          ("--key-question", key_question), ("--level", level)):
        if value is not None:
            moved_by = " (an action's due date moves with 'govtool redate')" if option in ("--date", "--response-due") else ""
            raise GovtoolError(f"{option} is a source's: {action.id} is an action{moved_by}")
    values = {
        "title": title, "description": description, "priority": priority, "owner": owner,
        "measure.target": measure_target, "measure.baseline": measure_baseline, "measure.method": measure_method,
        "reference": reference,
    }
    if all(value is None for value in values.values()) and interactive():
        field = click.prompt("Which field", type=click.Choice(list(correct.OPTIONS)))
        current = editable_value(action.data, field)
        values[field] = click.prompt(f"New {field}", default=current, show_default=current is not None)
    if correction is not None and values["owner"] is None:
        flag = "--correction" if correction else "--handover"
        raise GovtoolError(f"{flag} says what a new owner is: give the new owner with --owner")
    if values["owner"] is not None:
        values["owner"] = person(session, settings, values["owner"], "--owner", "New owner")
    wanted = correct.cleaned(values)  # says what is wrong with the options before anything is asked
    draft = correct.is_draft(session.root, action)  # never committed: no history yet, so no reason to give
    committing = wants_commit(session.root, settings, commit)
    while True:
        judged = _judged(settings, action, wanted)
        # A commit writes a draft's every line, and only the changed fields' lines of an action committed before.
        refused = refused_at_commit(judged, session.root, None if draft else set(wanted)) if committing else []
        if show_judged(judged, action.id, refused):
            break
        at_fault = dict.fromkeys(problem.field for problem in refused or judged if problem.field in wanted)
        if not at_fault:  # what lint judged is a field this edit leaves as it was
            raise refuse_unsaved("it")
        for name in at_fault:  # ask again for what lint judged (its reason is printed just above)
            values[name] = person(session, settings, None, "--owner", "New owner") if name == "owner" else ask(
                None, "--title", "New title, reworded (what will be different, for whom)",
                lambda typed: correct.cleaned({"title": typed})["title"])
        wanted = correct.cleaned(values)
    answers = [*((correct.OPTIONS[name], value) for name, value in wanted.items()),
               ("--commit" if commit else "--no-commit", commit is not None)]
    if draft:
        with answers_kept(f"edit {action.id}", answers):
            report(correct.edit(session.root, action.id, values=wanted, reason=None, by=None, today=session.today,
                                commit=committing))
        return
    if correction is None:
        correction = _owner_mistaken(register, action, wanted.get("owner"))
    reason = ask(reason, "--reason", "What was the mistake" if correction else "Why does it change")
    by = person(session, settings, by, "--by", "Who makes the change")
    answers += [("--correction" if correction else "--handover", "owner" in wanted), ("--reason", reason), ("--by", by)]
    with answers_kept(f"edit {action.id}", answers):
        report(correct.edit(session.root, action.id, values=wanted, reason=reason, by=by, today=session.today,
                            commit=committing, correction=correction))


def _owner_mistaken(register: Register, action: Action, owner: str | None) -> bool:
    """At a terminal, for a new owner: a correction of a mistake, or a handover? From a script
    (or with no new owner), a handover, as before --correction existed."""
    if owner is None or register.same_person(owner, action.owner) or not interactive():
        return False
    was = register.display_name(action.owner) if action.owner else "no one"
    answer = click.prompt(f"Is this a handover (the work passes from {was} to {register.display_name(owner)}) "
                          f"or a correction ({was} was recorded by mistake)?",
                          type=click.Choice(["handover", "correction"]), default="handover")
    return bool(answer == "correction")


def _edit_source(session: Session, settings: Settings, source: Source, values: dict[str, str | None],
                 finding: str | None, add_finding: str | None, reason: str | None, by: str | None,
                 commit: bool | None) -> None:
    """``govtool edit SRC-...``: the source's fields, or one finding's (``--finding``), or a new
    finding (``--add-finding``)."""
    if add_finding is not None:
        if finding is not None or values["text"] is not None:
            raise GovtoolError("--add-finding gives a new finding's words: correct an existing one "
                               "(--finding with --text) in a 'govtool edit' of its own")
        given: dict[str, str | dt.date | None] = {**values, "text": add_finding}
        wanted = sources.cleaned(given, "new", session.today)
        reason = ask(reason, "--reason", "Why is it added now")
        report(_noted(sources.add_finding(
            session.root, source.id, values=wanted, reason=reason,
            by=person(session, settings, by, "--by", "Who adds it"), today=session.today,
            commit=wants_commit(session.root, settings, commit),
        ), values["regulation"]))
        return
    if all(value is None for value in values.values()) and interactive():
        values, finding = _ask_source_field(source)
    typed = {name: _typed(name, value) for name, value in values.items()}
    wanted = sources.cleaned(typed, finding, session.today)  # what is wrong with the options, before any prompt
    reason = ask(reason, "--reason", "Why does it change")
    report(_noted(sources.correct(
        session.root, source.id, values=wanted, finding=finding, reason=reason,
        by=person(session, settings, by, "--by", "Who makes the correction"), today=session.today,
        commit=wants_commit(session.root, settings, commit),
    ), values.get("regulation")))


def _noted(change: SavedChange, regulation: str | None) -> SavedChange:
    """``change``, saying that a --regulation's paragraph ('Reg 17(2)(a)') was not recorded."""
    note = create.regulation_note(regulation) if regulation is not None else None
    if note:
        change.notes.append(note)
    return change


def _typed(name: str, value: str | None) -> str | dt.date | None:
    """A date field's value as a date ('-', or 'none' as new source takes it, empties the response date)."""
    if name not in sources.DATES or value is None:
        return value
    if value.strip().lower() in ("-", "none") and name in sources.OPTIONAL:
        return "-"
    return parse_user_date(value, sources.OPTIONS[name])


def _ask_source_field(source: Source) -> tuple[dict[str, str | None], str | None]:
    """On a terminal: which of the source's fields (or which finding's part) changes, and to what."""
    findings = {f.id: f for f in source.findings}
    field = click.prompt("Which field", type=click.Choice([*sources.SOURCE_FIELDS, *(["finding"] if findings else [])]))
    finding = None
    current: object = source.data.get(field)
    if field == "finding":
        for found in findings.values():
            click.echo(f"  {found.id}: {found.text}")
        finding = click.prompt("Which finding", type=click.Choice(list(findings), case_sensitive=False))
        field = click.prompt("Which part of it", type=click.Choice(list(sources.FINDING_FIELDS)))
        current = getattr(findings[finding], field)
    shown = None if current is None else str(current)
    value = click.prompt(f"New {field.replace('_', ' ')}" + (" ('-' for none)" if field in sources.OPTIONAL else ""),
                         default=shown, show_default=shown is not None)
    return {field: value}, finding


def _judged(settings: Settings, action: Action, wanted: dict[str, str]) -> list[Judged]:
    """What lint will report for the action once ``wanted`` is applied that it does not report
    already: a new title is not held up by the owner it leaves as it was (a manager's trial)."""
    before = {str(problem) for problem in _judged_with(settings, action, {})}
    return [problem for problem in _judged_with(settings, action, wanted) if str(problem) not in before]


def _judged_with(settings: Settings, action: Action, wanted: dict[str, str]) -> list[Judged]:
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
