"""``govtool new source|action|risk``: create a record from options, or by prompting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from pathlib import Path

import click

from govtool.cli.ask import ask, ask_date, interactive
from govtool.cli.options import (
    answers_kept,
    commit_option,
    person,
    refuse_unsaved,
    report,
    show_judged,
    wants_commit,
)
from govtool.cli.session import Session
from govtool.register import vocabulary
from govtool.register.dates import parse_user_date
from govtool.register.deadlines import usual_deadline
from govtool.register.find import RECORD_FOLDERS
from govtool.register.ids import action_title
from govtool.register.measure_examples import example_for
from govtool.register.model import Action, Register, Risk, Score, Source
from govtool.register.risk import CONSEQUENCE_LABELS, LIKELIHOOD_LABELS, describe, scale
from govtool.services import create, duplicates
from govtool.services.edits import SavedChange
from govtool.services.precheck import Judge, refused_at_commit
from govtool.support.errors import GovtoolError
from govtool.support.terminal import printable

pass_session = click.make_pass_decorator(Session)


def _created(change: SavedChange) -> None:
    """Report the change; the new ID is always the last line, for scripts."""
    report(change)
    click.echo(change.record_id)


@click.group()
def new() -> None:
    """Create a source, an action or a risk (prints the new ID last)."""


@new.command("source")
@click.option("--type", "source_type", metavar="TYPE", help=f"One of: {', '.join(vocabulary.SOURCE_TYPES)}.")
@click.option("--title", help="e.g. 'CQC inspection report, March 2026'.")
@click.option("--date", "source_date", metavar="DATE", help="When it happened or was published.")
@click.option("--reference", metavar="REF", help="Incident number, CQC report reference, …")
@click.option("--summary", metavar="TEXT", help="A short summary.")
@click.option("--finding", "findings", multiple=True, metavar="TEXT",
              help="A finding as written in the source (repeatable; IDs F1, F2, … in order).")
@click.option("--regulation", multiple=True, metavar="N",
              help="The regulation each --finding breaches, in the same order ('-' for none).")
@click.option("--key-question", multiple=True, metavar="KQ",
              help="safe, effective, caring, responsive or well-led, for each --finding in order.")
@click.option("--level", multiple=True, metavar="must|should", help="For each --finding in order.")
@click.option("--response-due", "response_due", metavar="DATE|none",
              help="When your response is due (e.g. the action plan after a requirement notice); for an "
                   "inspection report a terminal offers the usual 28 days after --date.")
@click.option("--response-sent", "response_sent", metavar="DATE",
              help="When your response was sent (the day the action plan went to CQC), if it has gone already.")
@commit_option
@pass_session
def new_source(session: Session, source_type: str | None, title: str | None, source_date: str | None,
               reference: str | None, summary: str | None, findings: tuple[str, ...],
               regulation: tuple[str, ...], key_question: tuple[str, ...], level: tuple[str, ...],
               response_due: str | None, response_sent: str | None, commit: bool | None) -> None:
    """Record what prompted actions: an inspection report, incident, complaint, audit, …

    \b
    Example:
      govtool new source --type inspection_report --title "CQC inspection report, October 2026" \\
        --date 14/10/2026 --response-due 11/11/2026 \\
        --finding "MAR charts had gaps." --regulation 12 --key-question safe --level must
    """
    register = session.load()
    def typed(text: str) -> str:
        return vocabulary.choice(text, "--type", vocabulary.SOURCE_TYPES)

    # A --type given is read as a prompt's answer is ('Inspection report' is inspection_report).
    source_type = typed(source_type) if source_type is not None else ask(
        None, "--type", f"Type ({', '.join(vocabulary.SOURCE_TYPES)})", typed)
    title = ask(title, "--title", "Title")
    def happened(typed: str) -> dt.date:
        return create.check_source_date(parse_user_date(typed, "--date"), session.today)

    when = happened(source_date) if source_date is not None else ask(None, "--date", "Date (YYYY-MM-DD or DD/MM/YYYY)", happened)
    sent = create.check_response_sent(parse_user_date(response_sent, "--response-sent"), when, session.today) \
        if response_sent is not None else None
    if not findings and interactive():
        findings, regulation, key_question, level = _ask_findings(source_type)
    due, offer = _response_due(response_due, source_type, when)
    answers = [("--type", source_type), ("--title", title), ("--date", when), ("--reference", reference),
               ("--summary", summary), *_each_finding(findings, regulation, key_question, level),
               ("--response-due", due or response_due), ("--response-sent", sent),
               _commit_flag(commit)]
    with answers_kept("new source", answers):
        change = create.new_source(
            register, type=source_type, title=title, date=when, reference=reference, summary=summary,
            findings=create.pair_findings(findings, regulation, key_question, level), response_due=due,
            response_sent=sent, today=session.today, commit=wants_commit(register.root, register.settings, commit),
        )
    if offer is not None:
        change.notes.append(offer(change.record_id))
    change.notes.extend(note for typed_reg in regulation if (note := create.regulation_note(typed_reg)))
    if not findings and source_type in vocabulary.FINDING_SOURCE_TYPES:  # lint's source-without-findings, said now
        change.notes.append(f"no findings recorded: add each, in the report's words, when it is read: govtool edit "
                            f'{change.record_id} --add-finding "..." --reason "..."')
    _created(change)


def _each_finding(texts: tuple[str, ...], regs: tuple[str, ...], key_questions: tuple[str, ...],
                  levels: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each ``--finding`` with its ``--regulation``, ``--key-question`` and ``--level`` (those
    given for any finding; '-' where skipped), in the order they pair up."""
    options = []
    for i, text in enumerate(texts):
        options.append(("--finding", text))
        for option, values in (("--regulation", regs), ("--key-question", key_questions), ("--level", levels)):
            if values:
                options.append((option, values[i] if i < len(values) else "-"))
    return options


def _commit_flag(commit: bool | None) -> tuple[str, bool]:
    """``--commit`` or ``--no-commit`` as given (neither: left out of the command line)."""
    return ("--commit" if commit else "--no-commit", commit is not None)


def _response_due(typed: str | None, source_type: str, date: dt.date
                  ) -> tuple[dt.date | None, Callable[[str], str] | None]:
    """The response date to record, and (given the new source's ID) the advice to print when
    the usual one was not taken up."""
    if typed is not None:
        if typed.strip().lower() == "none":
            return None, None
        due = parse_user_date(typed, "--response-due")
        create.check_response_due(due, date)
        return due, None
    usual = usual_deadline(source_type)
    if usual is None:
        return None, None
    offered = usual.after(date)
    if not interactive():
        # Recorded afterwards with edit, so that the source's trail says when and why it was set
        # (a date added to the file by hand is a silent-edit).
        return None, lambda record_id: (
            f"no response_due recorded: {usual.basis} ({offered.isoformat()} for this one); record it with "
            f"govtool edit {record_id} --response-due {offered.isoformat()} --reason ...")
    click.echo(f"Response due: {usual.what}. {usual.basis[0].upper()}{usual.basis[1:]}.")
    while True:
        answer = click.prompt("Response due ('none' for no date)", default=offered.isoformat()).strip()
        try:
            return _response_due(answer or "none", source_type, date)[0], None
        except GovtoolError as error:
            click.echo(f"  {error.message}", err=True)


#: Source types whose findings CQC words with a regulation, a key question and must or should.
CQC_WORDED = ("inspection_report", "mock_inspection")


def _ask_findings(source_type: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """On a terminal: each finding's words and, for an inspection report, its regulation, key
    question and level, each asked for by name, so that no answer is taken for another finding.
    The last three are '-' where skipped (as ``--regulation -`` is)."""
    texts: list[str] = []
    regs: list[str] = []
    key_questions: list[str] = []
    levels: list[str] = []
    worded = source_type in CQC_WORDED
    if worded:
        click.echo("Each finding: its words, then its regulation, key question and must or should (empty skips one).")
    while (text := _finding_text(len(texts) + 1)) or (not texts and not _none_found(source_type)):
        if not text:
            continue
        texts.append(text)
        if worded:
            number = f"F{len(texts)}"
            regs.append(_optional_choice(f"  {number} regulation breached (e.g. 12; empty if none)", _regulation))
            key_questions.append(_optional_choice(
                f"  {number} key question ({', '.join(vocabulary.KEY_QUESTIONS)})",
                lambda given: vocabulary.choice(given, "--key-question", vocabulary.KEY_QUESTIONS)))
            levels.append(_optional_choice(f"  {number} must or should",
                                           lambda given: vocabulary.choice(given, "--level", vocabulary.LEVELS)))
    return tuple(texts), tuple(regs), tuple(key_questions), tuple(levels)


def _none_found(source_type: str) -> bool:
    """Enter at the first finding: for a source that always has findings (an inspection), ask
    before recording it with none; elsewhere (an incident, a complaint) no findings is usual."""
    if source_type not in vocabulary.FINDING_SOURCE_TYPES:
        return True
    label = vocabulary.SOURCE_TYPE_LABELS[source_type]  # "CQC inspection report", "Mock inspection"
    return click.confirm(f"Record this {label if label.startswith('CQC') else label.lower()} with no "
                         "findings? An inspection lists its findings, and lint reports one with none until they are "
                         "added",
                         default=False)


def _regulation(answer: str) -> str:
    """A regulation typed at the prompt, as the stored number; its paragraph ('Reg 17(2)(a)')
    is said to be left out there and then."""
    number = create.regulation(answer)
    if note := create.regulation_note(answer, option=""):
        click.echo(f"  {note}", err=True)
    return number


def _finding_text(number: int) -> str:
    """Finding F<number>'s words; empty when there are no more. A bare regulation, key question
    or level is not a finding: it is explained and asked again."""
    while answer := click.prompt(f"Finding F{number}, in the source's words (empty line: no more findings)",
                                 default="", show_default=False).strip():
        if not _looks_like_a_detail(answer):
            return answer
        click.echo(f"  {answer!r} is a regulation, key question or level, not a finding's words: "
                   "type what the source says was found", err=True)
    return ""


def _looks_like_a_detail(answer: str) -> bool:
    if answer.casefold() in (*vocabulary.KEY_QUESTIONS, *vocabulary.LEVELS):
        return True
    try:
        create.regulation(answer)
    except GovtoolError:
        return False
    return True


def _optional_choice(prompt: str, convert: Callable[[str], str]) -> str:
    """An answer checked by ``convert`` (a wrong one is explained and asked again), or '-' for none."""
    while answer := click.prompt(prompt, default="", show_default=False).strip():
        try:
            return convert(answer)
        except GovtoolError as error:
            click.echo(f"  {error.message}", err=True)
    return "-"


@new.command("action")
@click.option("--title", help="The action, specific enough that closure is a yes/no question.")
@click.option("--source", metavar="ID", help="The source it answers.")
@click.option("--finding", metavar="FID", help="The finding in that source it answers (e.g. F2).")
@click.option("--risk", metavar="ID", help="The risk whose control it strengthens.")
@click.option("--control", metavar="CID", help="That control (e.g. C1).")
@click.option("--parent", metavar="ID", help="The parent action, for a sub-action (inherits its links).")
@click.option("--owner", metavar="WHO",
              help="One named person: a people-directory ID or name, or a role only one person holds "
                   "('Registered Manager') or a name with its role ('Priya Shah (Clinical Lead)').")
@click.option("--due", metavar="DATE", help="Due date (YYYY-MM-DD, DD/MM/YYYY or 1 Feb 2027).")
@click.option("--priority", metavar="P", help="high, medium or low.")
@click.option("--description", metavar="TEXT", help="Optional detail.")
@click.option("--reference", metavar="REF",
              help="Optional: its number in the plan it comes from (1.2, R3, 'Must do 2'), shown beside it in the "
                   "action plan report.")
@click.option("--target", metavar="TEXT", help="Measure: the result that means it worked.")
@click.option("--baseline", metavar="TEXT", help="Measure: where things stand now.")
@click.option("--method", metavar="TEXT", help="Measure: who checks, how, how often.")
@click.option("--created", "created_date", metavar="DATE", help="Date created (default today).")
@click.option("--allow-duplicate", is_flag=True,
              help="Create it even when an action with the same title, not closed or cancelled, answers the same "
                   "finding (else refused in a script, and asked on a terminal).")
@commit_option
@pass_session
def new_action(session: Session, title: str | None, source: str | None, finding: str | None,
               risk: str | None, control: str | None, parent: str | None, owner: str | None,
               due: str | None, priority: str | None, description: str | None, reference: str | None,
               target: str | None, baseline: str | None, method: str | None, created_date: str | None,
               allow_duplicate: bool, commit: bool | None) -> None:
    """Create an improvement action answering a source finding or a risk control.

    An action with the same title (case, spaces and a final full stop aside) that answers the
    same finding and is not closed or cancelled is already in the plan: a terminal asks whether
    to create another, a script is refused (exit 2) unless --allow-duplicate is given.
    """
    register = session.load()
    title = _action_title(title, TITLE_PROMPT)
    if not (source or risk or parent):
        current = [s.id for s in register.sources.values() if not s.is_cancelled]
        example = current[0] if current else "SRC-…"
        source = ask(None, "--source", "Source ID (see 'govtool list sources')",
                     lambda text: create.known_source(register, text), default=current[0] if len(current) == 1 else None,
                     needed=f"type the ID of the source this action answers (e.g. {example}; 'govtool list sources' "
                            "lists them)")
    finding = _ask_part(register.sources, source, finding, "finding")
    control = _ask_part(register.risks, risk, control, "control")
    links = create.Links(source, finding, risk, control, parent)
    # Said before the other questions, so that nobody answers them all for an action already there.
    checked_title, duplicate = title, _duplicate_agreed(register, title, links, allow_duplicate)
    owner_id = person(session, register.settings, owner, "--owner", OWNER_PROMPT)
    created = parse_user_date(created_date, "--created") if created_date else session.today
    # A date before the action exists is explained at its own prompt, not after the measure.
    due_date = ask_date(due, "--due", "Due date", lambda day: create.check_due(day, created))
    if target is None and interactive():  # the guided path asks how closure will be verified
        links = create.inherit_from_parent(register, create.Links(source, finding, risk, control, parent))
        example = _measure_example(register, title, description, links)
        if baseline or method:  # as with the options, a baseline or a method needs the target
            target = ask(None, "--target", f"Measure: the result that means it worked (e.g. {example})")
        else:  # optional, as --target is: lint's missing-measure warns until one is added
            target = _optional_answer(f"Measure: the result that means it worked (e.g. {example}; "
                                      "empty to add it later with govtool edit)")
        if target:
            baseline = baseline or _optional_answer("Measure: where things stand now (empty to skip)")
            method = method or _optional_answer("Measure: who checks it, how and how often (empty to skip)")
    measure = create.Measure(target, baseline, method)
    committing = wants_commit(register.root, register.settings, commit)
    judge = Judge(register.settings)
    while True:
        judged = judge.action(Path(RECORD_FOLDERS["action"], "new.yaml"), title=title, description=description,
                              measure=measure.as_dict(), owner=owner_id)
        refused = refused_at_commit(judged, register.root) if committing else []
        if show_judged(judged, "the new action", refused):
            break
        # Not saved as it is: ask again for what lint judged (its reason is printed just above),
        # keeping every other answer; where the commit would be refused, only for that.
        rules = {problem.rule for problem in refused or judged}
        if not rules & {"vague-action", "collective-owner"}:
            raise refuse_unsaved("the action")
        if "vague-action" in rules:
            title = _action_title(None, "Action, reworded (what will be different, for whom)")
        if "collective-owner" in rules:
            owner_id = person(session, register.settings, None, "--owner", OWNER_PROMPT)
    if title != checked_title:  # reworded for lint: it may now repeat another action
        duplicate = _duplicate_agreed(register, title, links, allow_duplicate)
    answers = [("--title", title), ("--source", source), ("--finding", finding), ("--risk", risk),
               ("--control", control), ("--parent", parent), ("--owner", owner_id), ("--due", due_date),
               ("--priority", priority), ("--description", description), ("--reference", reference),
               ("--target", target), ("--baseline", baseline), ("--method", method),
               ("--created", created if created_date else None), ("--allow-duplicate", duplicate),
               _commit_flag(commit)]
    with answers_kept("new action", answers):
        _created(create.new_action(
            register, title=title, links=links, owner=owner_id, due=due_date, created=created, priority=priority,
            description=description, measure=measure, reference=reference, commit=committing,
        ))


def _duplicate_agreed(register: Register, title: str, links: create.Links, allowed: bool) -> bool:
    """Whether a second action is wanted where one with this title already answers the same
    finding: ``allowed`` (``--allow-duplicate``), or a yes on a terminal. False when there is no
    such action; no on a terminal, or a script without the option, changes nothing and exits 2."""
    if allowed:
        return True
    existing = duplicates.duplicate_of(register, title, links)
    if existing is None:
        return False
    already = f"the same action is already in the plan as {_described(register, existing)}"
    if not interactive():
        raise GovtoolError(f"nothing saved: {already}: {_add_to(existing)}; to create a second one, give "
                           "--allow-duplicate")
    click.echo(printable(f'{already[0].upper()}{already[1:]}: "{existing.title}".'), err=True)
    if click.confirm("Create it anyway?", default=False, err=True):
        return True
    raise GovtoolError(f"nothing saved: {_add_to(existing)}")


def _described(register: Register, action: Action) -> str:
    """'ACT-RP4BM4 (actions/ACT-RP4BM4.yaml, open, owner Sam Patel)': which action, where, how it stands, whose."""
    status = vocabulary.STATUS_LABELS.get(action.status or "", action.status or "no status").lower()
    owner = register.person(action.owner)
    who = owner.name if owner is not None else (action.owner or "none")
    return f"{action.id} ({action.path.as_posix()}, {status}, owner {who})"


def _add_to(action: Action) -> str:
    """How to add to ``action`` instead of creating another."""
    if action.status == "completed":  # progress notes are refused once completed
        return f'to do more on it instead, reopen it: govtool reopen {action.id} --reason "..."'
    return f'to add to it instead: govtool update {action.id} --note "..."'


TITLE_PROMPT = "Action (what will be different, for whom)"


def _action_title(given: str | None, prompt: str) -> str:
    """The action's title, given or asked for; a record ID alone (answers typed in the wrong
    order: the source's ID where the action goes) is no action, and is refused."""
    return ask(action_title(given) if given is not None else None, "--title", prompt, action_title,
               needed="type what will be done, and for whom")
OWNER_PROMPT = "Owner (one named person)"


def _measure_example(register: Register, title: str, description: str | None, links: create.Links) -> str:
    """An example target that fits the new action: its title, and the finding or control it answers."""
    links = create.canonical_links(register, links)
    source, risk = register.sources.get(links.source or ""), register.risks.get(links.risk or "")
    return example_for(title, description, source=source, finding=source.finding(links.finding) if source else None,
                       risk=risk, control=risk.control(links.control) if risk else None)


def _optional_answer(prompt: str) -> str | None:
    return click.prompt(prompt, default="", show_default=False).strip() or None


def _ask_part(records: Mapping[str, Source | Risk], record_id: str | None, given: str | None, what: str) -> str | None:
    """On a terminal, offer a source's findings (or a risk's controls) when the option is missing."""
    record = records.get(record_id or "")
    if given or record is None or not interactive():
        return given  # create.check_links says what is missing or wrong
    if isinstance(record, Source):
        parts = {f.id: f.text for f in record.findings}
    else:
        parts = {c.id: c.description for c in record.controls}
    if not parts:
        return None
    for part_id, text in parts.items():
        click.echo(f"  {part_id}: {text}")
    listed = ", ".join(parts)

    def one_of_them(answer: str) -> str:
        """The ID as listed, however typed: "f2", "F2" or just "2"."""
        typed = answer.strip().upper()
        found = next((p for p in parts if p.upper() == typed or (typed.isdigit() and p[1:] == typed)), None)
        if found is None:
            raise GovtoolError(f"{answer!r} is not one of {listed}: type the ID as listed above")
        return str(found)

    return str(ask(None, f"--{what}", f"Which {what} does it answer ({listed})", one_of_them,
                   needed=f"type one of {listed}"))


@new.command("risk")
@click.option("--title", help="The risk: what could happen, to whom, because of what.")
@click.option("--owner", metavar="WHO",
              help="One named person: a people-directory ID or name, or a role only one person holds "
                   "('Registered Manager') or a name with its role ('Priya Shah (Clinical Lead)').")
@click.option("--likelihood", metavar="N", help="Inherent likelihood, 1 (rare) to 5 (almost certain).")
@click.option("--consequence", metavar="N", help="Inherent consequence, 1 (negligible) to 5 (catastrophic).")
@click.option("--residual-likelihood", metavar="N", help="Likelihood with the controls (default: inherent).")
@click.option("--residual-consequence", metavar="N", help="Consequence with the controls (default: inherent).")
@click.option("--control", "controls", multiple=True, metavar="TEXT:EFFECTIVENESS",
              help="A control and how well it works (effective, partial, inadequate); repeatable.")
@commit_option
@pass_session
def new_risk(session: Session, title: str | None, owner: str | None, likelihood: str | None,
             consequence: str | None, residual_likelihood: str | None, residual_consequence: str | None,
             controls: tuple[str, ...], commit: bool | None) -> None:
    """Add an entry to the risk register (NHS 5x5 matrix).

    The inherent score is the risk as it is with no controls; the residual score is the risk
    with its controls working as well as they do, and is never above the inherent one. On a
    terminal, what is missing is asked for: each control and how well it works, then (when
    there are controls) the residual score. Without controls the residual starts equal to the
    inherent score.

    \b
    Example:
      govtool new risk --title "Residents are harmed by missed doses because MAR charts are not checked" \\
        --owner jane.smith --likelihood 4 --consequence 4 \\
        --control "Weekly MAR audit by the deputy manager:inadequate" --residual-likelihood 3 --residual-consequence 4
    """
    register = session.load()
    bands = register.settings.risk_bands
    parsed = [create.ControlInput.parse(c) for c in controls]  # a badly written one fails before any prompt
    title = ask(title, "--title", "Risk (what could happen, to whom, because of what)")
    owner_id = person(session, register.settings, owner, "--owner", "Owner (one named person)")
    inherent = (_score(likelihood, "--likelihood", "Likelihood with no controls", LIKELIHOOD_LABELS),
                _score(consequence, "--consequence", "Consequence with no controls", CONSEQUENCE_LABELS))
    residual = None
    if residual_likelihood or residual_consequence:
        residual = (_score(residual_likelihood, "--residual-likelihood", "Likelihood with the controls", LIKELIHOOD_LABELS),
                    _score(residual_consequence, "--residual-consequence", "Consequence with the controls",
                           CONSEQUENCE_LABELS))
    elif interactive():  # the guided path: the controls, then what they bring the score down to
        click.echo(f"Inherent score {describe(Score(*inherent), bands)}.")
        parsed = parsed or _ask_controls()
        if parsed:
            residual = _ask_residual(inherent, bands)
    answers = [("--title", title), ("--owner", owner_id), ("--likelihood", inherent[0]), ("--consequence", inherent[1]),
               *(("--control", f"{control.description}:{control.effectiveness}") for control in parsed),
               ("--residual-likelihood", residual[0] if residual else None),
               ("--residual-consequence", residual[1] if residual else None),
               _commit_flag(commit)]
    with answers_kept("new risk", answers):
        _created(create.new_risk(
            register, title=title, owner=owner_id, inherent=inherent, residual=residual,
            controls=parsed, created=session.today, commit=wants_commit(register.root, register.settings, commit),
        ))


def _score(value: str | None, option: str, prompt: str, labels: Mapping[int, str]) -> int:
    """A likelihood or consequence given as ``option``, else asked for with the matrix's words."""
    if value is not None:
        return create.score(value, option)
    return ask(None, option, f"{prompt} ({scale(labels)})", lambda text: create.score(text, option))


def _ask_controls() -> list[create.ControlInput]:
    """On a terminal: each control's words and how well it works, by name (C1, C2, ...)."""
    click.echo("Each control: what is in place to reduce the risk, then how well it works (empty line: no more).")
    found: list[create.ControlInput] = []
    while description := click.prompt(f"Control C{len(found) + 1} (empty line: no more controls)",
                                      default="", show_default=False).strip():
        number = f"C{len(found) + 1}"
        effectiveness = ask(None, "--control", f"  {number} works: {', '.join(vocabulary.EFFECTIVENESS)}",
                            lambda text: vocabulary.choice(text, "--control effectiveness", vocabulary.EFFECTIVENESS))
        found.append(create.ControlInput(description, effectiveness))
    return found


def _ask_residual(inherent: tuple[int, int], bands: Mapping[str, int]) -> tuple[int, int]:
    """On a terminal: the score with the controls (the inherent one offered), asked again while
    it is above the inherent score, as ``--residual-likelihood`` and ``--residual-consequence`` are refused."""
    while True:
        residual = (_offered(inherent[0], "--residual-likelihood", "Likelihood with the controls", LIKELIHOOD_LABELS),
                    _offered(inherent[1], "--residual-consequence", "Consequence with the controls", CONSEQUENCE_LABELS))
        try:
            create.check_residual(inherent, residual)
        except GovtoolError as error:
            click.echo(f"  {error.message}", err=True)
            continue
        click.echo(f"Residual score {describe(Score(*residual), bands)}.")
        return residual


def _offered(offer: int, option: str, prompt: str, labels: Mapping[int, str]) -> int:
    """A score asked for with ``offer`` as the default (an empty answer takes it); a bad one is asked again."""
    while True:
        answer = click.prompt(f"{prompt} ({scale(labels)})", default=str(offer)).strip()
        try:
            return create.score(answer, option)
        except GovtoolError as error:
            click.echo(f"  {error.message}", err=True)


COMMANDS = [new]
