"""update, redate, complete, close, cancel, reopen: the steps of an action's lifecycle."""

from __future__ import annotations

import datetime as dt

import click

from govtool.cli.ask import ask, ask_date, interactive
from govtool.cli.completion import record_ids
from govtool.cli.evidence import EvidenceAsked
from govtool.cli.options import by_option_for, commit_option, date_option, person, report, settings_of, wants_commit
from govtool.cli.recorded_as import recorded_as, typed_by_completer
from govtool.cli.session import Session
from govtool.cli.which import Pick, which
from govtool.register.around import load_around, loaded_record
from govtool.register.dates import parse_user_date
from govtool.register.evidence import EvidenceItem
from govtool.register.find import locate
from govtool.register.model import Action, Record, Settings, Source, Update
from govtool.register.people import default_person
from govtool.services import lifecycle, sources
from govtool.services.edits import locate_kind, read_checked
from govtool.support.errors import GovtoolError

pass_session = click.make_pass_decorator(Session)


#: Whom each step's --by names, for its help and its prompt: the person who did it, as the
#: reports read it ("Signed off ... by"), not the person typing it in (Git records that one).
WROTE = "Who wrote the note / did the work"
AGREED = "Who agreed the new date"
COMPLETED = "Who completed the action (did the work)"
SIGNED = "Who signed it off (checked the evidence)"
CANCELLED = "Who decided to cancel it"
REOPENED = "Who decided to reopen it"

#: What each step does to an action, for the prompt and the refusal of a missing ID.
_DOING = {"update": "add a progress note to", "redate": "re-date", "complete": "complete", "close": "sign off",
          "cancel": "cancel", "reopen": "reopen"}


def _which(session: Session, given: str | None, step: str) -> str:
    """The ID of the record ``step`` is for: given, asked for at a terminal (listing the actions
    in a state the step may start from), or refused in a script. The one way every lifecycle
    command gets its ID."""
    def fits(record: Record) -> None:  # a source is taken only by cancel (one recorded by mistake)
        if isinstance(record, Action) and not (step == "complete" and record.status in lifecycle.ALLOWED_FROM["add_evidence"]):
            lifecycle.check_step(record, step)  # a completed action's complete adds evidence

    taken = ("action", "source") if step == "cancel" else ("action",)
    return which(session, given, Pick(step, _DOING[step], taken=taken, listed=("action",),
                                      states=lifecycle.ALLOWED_FROM[step], check=fits))


def _prepare(session: Session, action_id: str) -> Settings:
    """The register's settings, once the action is known to exist (before any prompt)."""
    settings = settings_of(session)
    locate_kind(session.root, action_id, "action")
    return settings


def _current(session: Session, action_id: str) -> Action:
    """The action as its file holds it now (for what to ask; the step itself reads it again)."""
    record = read_checked(session.root, locate_kind(session.root, action_id, "action"), "action")
    assert isinstance(record, Action)
    return record


def _happened(session: Session, action_id: str, step: str, typed: str | None) -> dt.date | None:
    """``--date`` as a date, checked against the action as it stands (its state first, then what
    lint holds the entry's date to) before anything is asked; None: not given (today)."""
    if typed is None:
        return None
    on = parse_user_date(typed, "--date")
    action = _current(session, action_id)
    lifecycle.check_step(action, step)
    lifecycle.check_entry_date(action, step, on, session.today)
    return on


def _pending(action: Action, today: dt.date) -> Update | None:
    """The progress note whose next milestone is still to come (on or after ``today``, by the
    action's due date): one an in-progress action may keep, as ``no-trajectory`` accepts."""
    pending = action.milestone_update
    if pending is None or pending.milestone_due is None or pending.milestone_due < today:
        return None
    return pending if action.due is None or pending.milestone_due <= action.due else None


def _refuse_no_milestone(action: Action, today: dt.date) -> None:
    """In a script: refuse a progress note that leaves the action in progress with no next
    milestone still to come (lint's ``no-trajectory`` would fail the register at once)."""
    if _pending(action, today) is not None:
        return
    latest = action.milestone_update
    if latest is not None and latest.milestone_due is not None and latest.milestone_due < today:
        why = f"{action.id}'s next milestone ({latest.next_milestone}) was due on {latest.milestone_due.isoformat()}"
    elif latest is not None and latest.milestone_due is not None:
        why = (f"{action.id}'s next milestone ({latest.next_milestone}) is due on {latest.milestone_due.isoformat()}, "
               f"after the action's due date {action.due.isoformat() if action.due else '?'}")
    else:
        why = f"a progress note leaves {action.id} in progress with no next milestone"
    raise GovtoolError(f"missing --next-milestone: {why}, which lint reports (no-trajectory): "
                       "give --next-milestone TEXT --milestone-due DATE")


def _ask_milestone(action: Action, today: dt.date) -> tuple[str | None, dt.date | None]:
    """On a terminal, the next milestone and its date for an action that is (or becomes) in
    progress: what keeps ``no-trajectory`` quiet. Empty keeps a milestone still to come."""
    pending = _pending(action, today)
    keep = f" (empty: keep '{pending.next_milestone}', due {pending.milestone_due})" if pending else ""
    while True:
        answer = click.prompt(f"Next milestone, what will show it is on track{keep}", default="", show_default=False).strip()
        if answer or pending:
            break
        click.echo("  an in-progress action needs its next milestone: lint reports one without it", err=True)
    if not answer:
        return None, None

    def still_to_come(typed: str) -> dt.date:
        when = parse_user_date(typed, "--milestone-due")
        if when < today:
            raise GovtoolError(f"{when.isoformat()} is in the past: the next milestone is still to come")
        lifecycle.check_milestone_due(action, when, "the milestone date")
        return when

    return answer, ask(None, "--milestone-due", "Milestone due (YYYY-MM-DD or DD/MM/YYYY)", still_to_come)


@click.command()
@click.argument("action_id", metavar="ID", required=False, shell_complete=record_ids("action"))
@click.option("--note", help="What happened since the last note.")
@click.option("--next-milestone", metavar="TEXT", help="The next step that shows the action is on track.")
@click.option("--milestone-due", metavar="DATE", help="When the next milestone is due.")
@date_option
@by_option_for(WROTE)
@commit_option
@pass_session
def update(session: Session, action_id: str | None, note: str | None, next_milestone: str | None,
           milestone_due: str | None, happened: str | None, by: str | None, commit: bool | None) -> None:
    """Add a progress note to an action (an open action becomes in progress).

    --date dates the note the day it happened when it is typed up later (default: today).

    \b
    Example:
      govtool update ACT-7Q2K9D --date 20/11/2026 --note "Governance meeting agreed the audit tool" \\
        --next-milestone "First weekly audit" --milestone-due 2027-01-08
    """
    action_id = _which(session, action_id, "update")
    settings = _prepare(session, action_id)
    on = _happened(session, action_id, "update", happened)
    note = lifecycle.progress_note_text(ask(note, "--note", "Progress note", lifecycle.progress_note_text))
    due = None
    action = _current(session, action_id)
    left_without = False  # in a script: the note would leave the action in progress with no milestone
    if milestone_due or next_milestone:  # a milestone needs both what and when
        next_milestone = ask(next_milestone, "--next-milestone", "Next milestone")
        due = ask_date(milestone_due, "--milestone-due", "Milestone due")
    elif action.status in ("open", "in_progress") and not (action.due and action.due < session.today):
        # a note moves an open action to in progress; one past its due date can have no milestone
        # before it until it is re-dated (lint's overdue says so), and its note is still worth keeping
        if interactive():
            next_milestone, due = _ask_milestone(action, session.today)
        else:
            left_without = True
    by = person(session, settings, by, "--by", WROTE, on)
    if left_without:  # refused after every other option is known good, before anything is written
        _refuse_no_milestone(action, session.today)
    change = lifecycle.update(
        session.root, action_id, note=note, next_milestone=next_milestone, milestone_due=due,
        by=by, today=session.today, commit=wants_commit(session.root, settings, commit), on=on,
    )
    report(change, recorded_as(session.root, settings, "update", action_id, by, bool(change.commit)))


@click.command()
@click.argument("action_id", metavar="ID", required=False, shell_complete=record_ids("action"))
@click.option("--to", "to_date", metavar="DATE", help="The new due date (YYYY-MM-DD, DD/MM/YYYY or 1 Feb 2027).")
@click.option("--reason", help="Why the due date moves: its cause ('staff sickness', 'awaiting contractor'); "
                               "'waiting', 'pending', 'see notes' and the like say nothing and are refused.")
@date_option
@by_option_for(AGREED)
@commit_option
@pass_session
def redate(session: Session, action_id: str | None, to_date: str | None, reason: str | None, happened: str | None,
           by: str | None, commit: bool | None) -> None:
    """Move an action's due date, recording the reason.

    If the action is already due on --to because its date was changed by hand without a
    re-date entry (lint's silent-redate), the missing entries are recorded instead: one for
    each such change, from the date before it to the date after it, with the reason; the
    date stays as it is. --date dates the entry the day the new date was agreed when it is
    recorded later (default: today).

    \b
    Example:
      govtool redate ACT-RP4BM4 --to "28 Feb 2027" --reason "e-MAR supplier delayed go-live to February" --by sam.patel
    """
    action_id = _which(session, action_id, "redate")
    settings = _prepare(session, action_id)
    on = _happened(session, action_id, "redate", happened)
    to = ask_date(to_date, "--to", "New due date")
    reason = ask(reason, "--reason", "Why does the due date move", lambda given: lifecycle.reason_text(given, "redate"))
    by = person(session, settings, by, "--by", AGREED, on)
    change = lifecycle.redate(session.root, action_id, to=to, reason=reason, by=by, today=session.today,
                              commit=wants_commit(session.root, settings, commit), on=on)
    report(change, recorded_as(session.root, settings, "redate", action_id, by, bool(change.commit)))


@click.command()
@click.argument("action_id", metavar="ID", required=False, shell_complete=record_ids("action"))
@click.option("--change", "change_text", metavar="TEXT",
              help="What is now different in practice, measured (not the activity done; 'ok', 'done', 'n/a' "
                   "say nothing and are refused).")
@click.option("--evidence", multiple=True, metavar="PATH_OR_URL",
              help="A file in the register (or one to copy in: see --copy-evidence) or a web address "
                   "showing the change (repeatable).")
@click.option("--evidence-note", multiple=True, metavar="TEXT",
              help="What each --evidence shows, in the same order (default: the file name).")
@click.option("--copy-evidence", is_flag=True,
              help="Copy an --evidence file kept outside the register (in Documents, say) into its evidence/ "
                   "folder as evidence/YYYY-MM-name, never over a file there, and record the copy "
                   "(asked at a terminal).")
@date_option
@by_option_for(COMPLETED)
@commit_option
@pass_session
def complete(session: Session, action_id: str | None, change_text: str | None, evidence: tuple[str, ...],
             evidence_note: tuple[str, ...], copy_evidence: bool, happened: str | None, by: str | None,
             commit: bool | None) -> None:
    """Record an action's completion: the change to practice and its evidence.

    On an action already completed or closed, --evidence alone (no --change) adds the evidence
    to its completion without reopening it; each item records the day and who added it.
    --date gives the day it was completed (or the evidence added) when it is recorded later
    (default: today). A file kept outside the register is copied into evidence/ when you
    agree at the prompt, or with --copy-evidence; it then stays in the register's history for
    good, so take people's names out of it first.

    \b
    Examples:
      govtool complete ACT-7Q2K9D --change "MAR charts 99% complete in three audits (was 82%)" \\
        --evidence evidence/2027-02-mar-audit.csv --evidence-note "Weekly MAR audit results"
      govtool complete ACT-7Q2K9D --evidence evidence/2027-03-reaudit.pdf --evidence-note "March re-audit"
      govtool complete ACT-7Q2K9D --evidence "C:\\Users\\Aisha\\Documents\\spot check.xlsx" --copy-evidence
    """
    action_id = _which(session, action_id, "complete")
    from govtool.services.precheck import Judge, refuse_completion  # update, redate... never judge

    settings = _prepare(session, action_id)
    if change_text is None and _current(session, action_id).status in ("completed", "closed"):
        on = _happened(session, action_id, "add_evidence", happened)
        gathered = EvidenceAsked(session, copy_evidence, wants_commit(session.root, settings, commit), on)
        _add_evidence(session, settings, action_id, gathered.given(evidence, evidence_note), evidence_note, gathered,
                      by, commit, on)  # evidence that came later
        return
    on = _happened(session, action_id, "complete", happened)
    gathered = EvidenceAsked(session, copy_evidence, wants_commit(session.root, settings, commit), on)
    items = gathered.given(evidence, evidence_note)  # checked before anything is asked: no answer is lost
    judge, path = Judge(settings), locate_kind(session.root, action_id, "action")

    def judged(text: str) -> str:  # a prompted answer lint would reject is explained and asked again
        text = lifecycle.said_change(text, action_id)
        refuse_completion(judge.completion(path, text), action_id, "not what is now different")
        return text

    change_text = ask(change_text, "--change", "What is now different (measured)", judged)
    by = person(session, settings, by, "--by", COMPLETED, on)
    change = gathered.told(lifecycle.complete(
        session.root, action_id, change_text=change_text, evidence=gathered.described(items, evidence_note),
        by=by, today=session.today, commit=wants_commit(session.root, settings, commit), on=on,
    ))
    report(change, recorded_as(session.root, settings, "complete", action_id, by, bool(change.commit)))


def _add_evidence(session: Session, settings: Settings, action_id: str, items: list[EvidenceItem],
                  notes: tuple[str, ...], gathered: EvidenceAsked, by: str | None, commit: bool | None,
                  on: dt.date | None) -> None:
    """``complete`` on a completed or closed action, with evidence only: added to its completion."""
    who = person(session, settings, by, "--by", "Who added the evidence", on)
    change = gathered.told(lifecycle.add_evidence(
        session.root, action_id, evidence=gathered.described(items, notes),
        by=who, today=session.today, commit=wants_commit(session.root, settings, commit), on=on,
    ))
    report(change, recorded_as(session.root, settings, "add_evidence", action_id, who, bool(change.commit)))


@click.command()
@click.argument("action_id", metavar="ID", required=False, shell_complete=record_ids("action"))
@click.option("--note", help="The sign-off: which evidence was checked, by which meeting or person, and what it "
                              "showed is now different ('ok', 'done', 'signed off' say nothing and are refused).")
@date_option
@by_option_for(SIGNED, "default: asked at a terminal, Enter for you; in a script, you, as Git knows you")
@commit_option
@pass_session
def close(session: Session, action_id: str | None, note: str | None, happened: str | None, by: str | None,
          commit: bool | None) -> None:
    """Sign off a completed action (governance checked the evidence).

    --date gives the day of the meeting that signed it off, when the minutes are typed up later
    (default: today); not before the completion it signs off.

    \b
    Example:
      govtool close ACT-7Q2K9D --by jane.smith --date 20/11/2026 \\
        --note "November governance meeting checked the three weekly MAR audits: 99% complete, was 82%"
    """
    action_id = _which(session, action_id, "close")
    settings = _prepare(session, action_id)
    on = _happened(session, action_id, "close", happened)
    # Its state before its note: a trial's sign-off of an action still in progress was refused
    # for the note first, then, the note mended, for the state.
    action = _current(session, action_id)
    lifecycle.check_step(action, "close")
    note = ask(note, "--note", "Sign-off note (which evidence was checked, by whom, and what it showed)",
               lifecycle.closure_note_text)
    by = person(session, settings, by, "--by", SIGNED, on, ask_first=True)
    change = lifecycle.close(session.root, action_id, note=note, by=by, today=session.today,
                             commit=wants_commit(session.root, settings, commit), on=on)
    typist = default_person(settings.people, session.root)  # asked of Git once, for both lines
    typed = typed_by_completer(session.root, settings, action.completion.by if action.completion else None, by, typist)
    if typed is not None:  # never beside the service's self-assured note: then the typist is the signer
        change.notes.append(typed)
    report(change, recorded_as(session.root, settings, "close", action_id, by, bool(change.commit), typist))


@click.command()
@click.argument("action_id", metavar="ID", required=False, shell_complete=record_ids("action"))
@click.option("--reason", help="Why the action is no longer needed.")
@date_option
@by_option_for(CANCELLED)
@commit_option
@pass_session
def cancel(session: Session, action_id: str | None, reason: str | None, happened: str | None, by: str | None,
           commit: bool | None) -> None:
    """Cancel an action, or a source recorded by mistake, with the reason (the record is kept).

    A cancelled source's findings need no actions, and it leaves the action plan; a source
    that actions still answer is refused until they are cancelled. --date gives the day it was
    decided, when it is recorded later (default: today).

    \b
    Examples:
      govtool cancel ACT-7Q2K9D --reason "Superseded by ACT-7Q2K9E, which replaces paper MAR charts with eMAR"
      govtool cancel SRC-3M8TQA --reason "Recorded twice: the same inspection report is SRC-7Q2K9D"
    """
    action_id = _which(session, action_id, "cancel")
    if locate(session.root, action_id)[0] == "source":
        _cancel_source(session, action_id, reason, by, commit, happened)
        return
    settings = _prepare(session, action_id)
    on = _happened(session, action_id, "cancel", happened)
    reason = ask(reason, "--reason", "Why is it cancelled", lambda given: lifecycle.reason_text(given, "cancel"))
    by = person(session, settings, by, "--by", CANCELLED, on)
    change = lifecycle.cancel(session.root, action_id, reason=reason, by=by, today=session.today,
                              commit=wants_commit(session.root, settings, commit), on=on)
    report(change, recorded_as(session.root, settings, "cancel", action_id, by, bool(change.commit)))


def _cancel_source(session: Session, source_id: str, reason: str | None, by: str | None, commit: bool | None,
                   happened: str | None) -> None:
    on = parse_user_date(happened, "--date") if happened is not None else None
    if on is not None:
        lifecycle.refuse_future(on, session.today, "cancellation")
    register = load_around(session.root, source_id, linking=True)  # the source and the actions that answer it
    source = loaded_record(register, source_id)
    assert isinstance(source, Source)  # located as a source
    answered_by = {a.id: a.status or "unknown" for a in source.actions}
    reason = ask(reason, "--reason", "Why was it recorded by mistake",
                 lambda given: lifecycle.reason_text(given, "cancel_source"))
    who = person(session, register.settings, by, "--by", CANCELLED, on)
    change = sources.cancel(session.root, source.id, reason=reason, answered_by=answered_by, by=who,
                            today=session.today, commit=wants_commit(register.root, register.settings, commit), on=on)
    report(change, recorded_as(session.root, register.settings, "cancel", source.id, who, bool(change.commit)))


@click.command()
@click.argument("action_id", metavar="ID", required=False, shell_complete=record_ids("action"))
@click.option("--reason", help="Why the completion (or sign-off) no longer stands.")
@date_option
@by_option_for(REOPENED)
@commit_option
@pass_session
def reopen(session: Session, action_id: str | None, reason: str | None, happened: str | None, by: str | None,
           commit: bool | None) -> None:
    """Send a completed or closed action back to in progress, with the reason.

    The completion (and the sign-off) it sets aside are kept in the trail, in a 'reopened'
    entry; record progress, then 'govtool complete' again. --date gives the day it was decided,
    when it is recorded later (default: today).

    \b
    Example:
      govtool reopen ACT-7Q2K9D --reason "The May re-audit found old forms in use on Ward 2"
    """
    action_id = _which(session, action_id, "reopen")
    settings = _prepare(session, action_id)
    on = _happened(session, action_id, "reopen", happened)
    reason = ask(reason, "--reason", "Why is it reopened", lambda given: lifecycle.reason_text(given, "reopen"))
    by = person(session, settings, by, "--by", REOPENED, on)
    change = lifecycle.reopen(session.root, action_id, reason=reason, by=by, today=session.today,
                              commit=wants_commit(session.root, settings, commit), on=on)
    report(change, recorded_as(session.root, settings, "reopen", action_id, by, bool(change.commit)))


COMMANDS = [update, redate, complete, close, cancel, reopen]
