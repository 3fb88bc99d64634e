"""The evidence ``govtool complete`` records: checked as given, asked for at a terminal, and a
file kept outside the register copied in when the user agrees (or gives ``--copy-evidence``)."""

from __future__ import annotations

import datetime as dt

import click

from govtool.cli import ask as asking  # asking.interactive(), as tests make a terminal
from govtool.cli.session import Session
from govtool.register.evidence import EVIDENCE_FOLDER, EvidenceItem, OutsideRegister, copy_name, resolve_evidence
from govtool.services.edits import SavedChange
from govtool.services.evidence_files import HISTORY_WARNING
from govtool.support.errors import GovtoolError
from govtool.support.gitrepo import uncommitted
from govtool.support.terminal import printable


class EvidenceAsked:
    """The evidence of one ``complete``: each ``--evidence`` checked before anything is asked,
    one asked for at a terminal when none is given (a wrong answer explained and asked again,
    so the change typed before it is kept), a file outside the register copied in when the user
    agrees (or gave ``--copy-evidence``), and what Git keeps said once, before a file is
    copied in or first committed."""

    def __init__(self, session: Session, copy: bool, committing: bool, on: dt.date | None) -> None:
        self.session, self.copy, self.committing = session, copy, committing
        self.day = on or session.today
        self.warned = False
        self.planned: list[str] = []  # the names given to copies, so two never share one

    def given(self, evidence: tuple[str, ...], notes: tuple[str, ...]) -> list[EvidenceItem]:
        if len(notes) > max(len(evidence), 1):
            raise GovtoolError(f"more --evidence-note ({len(notes)}) than --evidence ({len(evidence)}): they pair up in order")
        return [self.checked(text, asked=False) for text in evidence]

    def described(self, items: list[EvidenceItem], notes: tuple[str, ...]) -> list[tuple[EvidenceItem, str]]:
        """Each item with what it shows (asked on a terminal); one asked for when none was given."""
        if not items:
            items = [asking.ask(None, "--evidence", "Evidence (a file, or a web address)",
                         lambda text: self.checked(text, asked=True))]
        described = []
        for i, item in enumerate(items):
            if i < len(notes):
                description = notes[i]
            elif asking.interactive():
                description = click.prompt(f"What does {item.target} show", default=item.default_description)
            else:
                description = item.default_description
            described.append((item, description))
        return described

    def checked(self, text: str, asked: bool) -> EvidenceItem:
        root = self.session.root
        try:
            item = resolve_evidence(root, self.session.start, text)
        except OutsideRegister as outside:
            return self._copied(outside, asked)
        # About to go into Git for the first time: said once, so once said Git is not asked again.
        if item.path and self.committing and not self.warned and uncommitted(root, [root / item.path]):
            self._warn()
        return item

    def _copied(self, outside: OutsideRegister, asked: bool) -> EvidenceItem:
        """A file outside the register, to be copied in: agreed, or refused in one line."""
        if not (self.copy or asking.interactive()):
            raise GovtoolError(f"--evidence {outside.given}: outside the register: add --copy-evidence to copy it "
                               f"into {EVIDENCE_FOLDER}/ (or copy it there yourself and give that path)")
        name = copy_name(self.session.root.resolve(), outside.source, self.day, self.planned)
        self._warn()
        if not self.copy and not click.confirm(printable(f"{outside.given} is outside the register: copy it in "
                                                         f"as {name}?"), default=True, err=True):
            raise GovtoolError("not copied: give a file in the register or a web address" if asked else
                               f"--evidence {outside.given}: outside the register and not copied: nothing saved")
        self.planned.append(name)
        return EvidenceItem(path=name, url=None, copy_from=outside.source)

    def _warn(self) -> None:
        """At a terminal, said now, before anything is copied or saved; in a script, a note of
        the output once the change is saved (:meth:`told`)."""
        if not self.warned and asking.interactive():
            click.echo(HISTORY_WARNING, err=True)
        self.warned = True

    def told(self, change: SavedChange) -> SavedChange:
        if self.warned and not asking.interactive():
            change.notes.append(HISTORY_WARNING)
        return change
