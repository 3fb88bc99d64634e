"""Who typed in an action's completion and sign-off, as Git's history shows it.

A trail entry's ``by`` is who did it; the commit that added the entry names who typed it in.
The action plan shows both when they differ ("Signed off ... by Dr Helen Ward (recorded by
Aisha Rahman)"), and a sign-off typed in by the person who completed the action (or typed in
its completion) is no independent check (:func:`govtool.register.rag.self_assured`). Plain
data, so that the register and the reports never read Git themselves.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Recorded:
    """Who committed the entry now in the record: a people-directory ID, else the name Git
    gives; None when no commit tells (it came with the record's file, or is not committed)."""

    completion: str | None = None
    closure: str | None = None
