"""A framework as govtool reads it: key questions, and statements with stable codes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Statement:
    """A quality statement or line of enquiry: what a finding's ``framework_ref`` names."""

    code: str
    title: str
    key_question: str  # the key question's ID


@dataclass(frozen=True)
class KeyQuestion:
    id: str
    title: str


@dataclass
class Framework:
    name: str
    title: str
    version: str
    status: str
    #: where the file is, as the user should read it (a register path or "shipped with govtool")
    origin: str
    publisher: str | None = None
    source_title: str | None = None
    source_url: str | None = None
    source_date: dt.date | None = None
    key_questions: list[KeyQuestion] = field(default_factory=list)
    statements: dict[str, Statement] = field(default_factory=dict)  # by code, in the file's order

    def statement(self, code: str | None) -> Statement | None:
        return self.statements.get(code) if code is not None else None

    def titled(self, title: str | None) -> Statement | None:
        """The statement with this title (case and spacing aside): how a finding's free-text
        ``quality_statement`` is matched to a code."""
        if not title:
            return None
        wanted = _folded(title)
        return next((s for s in self.statements.values() if _folded(s.title) == wanted), None)

    def key_question_title(self, key_question: str) -> str:
        return next((k.title for k in self.key_questions if k.id == key_question), key_question)


@dataclass(frozen=True)
class FrameworkFile:
    """A framework file that exists, before it is read."""

    name: str
    path: Path
    #: "shipped" (with govtool) or "register" (the register's frameworks/ folder)
    kind: str
    #: how a message names the file: its path inside the register, or the shipped file's name
    display: str


def _folded(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()
