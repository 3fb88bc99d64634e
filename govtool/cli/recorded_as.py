"""The line a lifecycle command prints after recording: who the entry names, and who typed it.

A trail entry's ``by`` is who did it (the reports say "Signed off ... by Dr Helen Ward"). A
manager's trial typed another person's name there for her own work and was told only
"ACT-…: closed": the line now says whom the entry names and, when Git will record someone
else as typing it in, that too.
"""

from __future__ import annotations

from pathlib import Path

from govtool.register.model import Register, Settings
from govtool.register.people import default_person

#: step -> (what was done to the record, what the entry's person did)
_DONE = {
    "update": ("added a progress note to", "written by"),
    "redate": ("re-dated", "agreed by"),
    "complete": ("completed", "completed by"),
    "add_evidence": ("added evidence to", "added by"),
    "close": ("closed", "signed off by"),
    "cancel": ("cancelled", "decided by"),
    "reopen": ("reopened", "decided by"),
}


def recorded_as(root: Path, settings: Settings, step: str, record_id: str, by: str, committed: bool,
                typist: str | None = None) -> str:
    """``closed ACT-1 as signed off by Dr Helen Ward`` (and, committed by someone else: ``;
    Git records Aisha Rahman as typing it in``). ``typist``: who Git names here, when the
    caller has asked already."""
    register = Register(root, settings)
    done, role = _DONE[step]
    line = f"{done} {record_id} as {role} {register.display_name(by)}"
    if committed and typist is None:
        typist = default_person(settings.people, root)
    if committed and typist is not None and not register.same_person(typist, by):
        line += f"; Git records {register.display_name(typist)} as typing it in"
    return line


def typed_by_completer(root: Path, settings: Settings, completed_by: str | None, by: str,
                       typist: str | None) -> str | None:
    """The note for a sign-off typed in (by ``typist``, who Git names here) by the person who
    completed the action, for someone else (the manager's trial: her own work, then "close --by
    'Helen Ward'"): the plan shows it Green and lint warns, as the sign-off is no one else's
    act in Git. None otherwise."""
    register = Register(root, settings)
    if typist is None or register.same_person(typist, by) or not register.same_person(typist, completed_by):
        return None
    return (f"you ({register.display_name(typist)}) completed this action and typed in its sign-off: the plan shows "
            "it Green (not independently assured), not Blue, and lint warns (self-recorded-closure); ask "
            f"{register.display_name(by)} to record their sign-off themselves")
