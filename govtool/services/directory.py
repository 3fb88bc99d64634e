"""The people directory in govtool.yaml: add someone, change their details, record that someone left.

Nobody has to hand-edit the settings file: the entry is written in the style of the entries
already there (``jane.smith: {name: Jane Smith, role: ...}`` or a block), comments kept, the
file checked against the settings schema before it is saved, and committed like any other
change when ``commit: true``. Someone who leaves keeps their entry (the trail still names
them) with a ``left`` date; the actions they still own are listed for a handover.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from govtool.register.find import SETTINGS_FILE
from govtool.register.model import Action, Person, Register, Settings
from govtool.register.people import find_person, people_like
from govtool.register.person_ids import ID_CHARACTERS, PERSON_ID, suggested_id
from govtool.services.edits import SavedChange, edit_settings, subject_line
from govtool.support.errors import GovtoolError


def _people(data: CommentedMap) -> CommentedMap:
    """The ``people`` mapping, created (in block style) when missing or written ``{}``."""
    people = data.get("people")
    if not isinstance(people, CommentedMap):
        data["people"] = people = CommentedMap()
    if not people:
        people.fa.set_block_style()  # 'people: {}' from init becomes a list of entries
    return people


def _flow_entries(people: CommentedMap) -> bool:
    """Whether the existing entries are one-line ``{name: ..., role: ...}`` mappings."""
    entries = [e for e in people.values() if isinstance(e, CommentedMap)]
    return bool(entries) and entries[-1].fa.flow_style()


def _text(value: str, option: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise GovtoolError(f"{option} is empty")
    return cleaned


def email_address(typed: str) -> str:
    email = typed.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise GovtoolError(f"--email {email!r} is not an email address")
    return email


def free_id(people: Mapping[str, Person], name: str) -> str:
    """The ID to propose for someone called ``name``: the usual form of their name (jane.smith),
    numbered when someone already has it (jane.smith2), as IDs are compared without case."""
    base = suggested_id(name)[:60] or "person"
    taken = {pid.casefold() for pid in people}
    candidate, number = base, 2
    while candidate.casefold() in taken:
        candidate, number = f"{base}{number}", number + 1
    return candidate


def add_person(root: Path, person_id: str, *, name: str, role: str | None, email: str | None = None,
               commit: bool = False) -> SavedChange:
    """Add ``person_id`` to the directory; refused when the ID is taken or not a valid ID.

    ``role`` None leaves it out (an imported plan names people without their posts)."""
    person_id = person_id.strip()
    if not PERSON_ID.fullmatch(person_id):
        example = suggested_id(name) or suggested_id(person_id) or "jane.smith"
        raise GovtoolError(f"{person_id!r} is not a people-directory ID: {ID_CHARACTERS} (e.g. {example})")
    name = _text(name, "--name")
    role = _text(role, "--role") if role is not None else None
    email = email_address(email) if email else None

    def apply(data: CommentedMap) -> SavedChange:
        people = _people(data)
        taken = next((pid for pid in people if str(pid).casefold() == person_id.casefold()), None)
        if taken is not None:
            raise GovtoolError(f"{taken} is already in the people directory of {SETTINGS_FILE}")
        entry = CommentedMap([("name", name)] + ([("role", role)] if role else []) + ([("email", email)] if email else []))
        if _flow_entries(people):
            entry.fa.set_flow_style()
        people[person_id] = entry
        return SavedChange(person_id, Path(SETTINGS_FILE),
                      subject_line("people", f"added {person_id}", f"{name}, {role}" if role else name))

    return edit_settings(root, apply, commit)


def edit_person(root: Path, settings: Settings, who: str, *, name: str | None = None, role: str | None = None,
                email: str | None = None, commit: bool = False) -> SavedChange:
    """Change the name, role or email of ``who`` (an ID, or a name), in place in govtool.yaml.

    Actions, risks and the trail store the ID, which never changes, so nothing else is
    edited. ``email`` "" removes the address. Refused: no change asked, or asked changes
    that are what the entry says already, and someone not in the directory (with whom they
    may mean)."""
    person = one_person(settings.people, who)
    wanted: dict[str, str | None] = {}
    if name is not None:
        wanted["name"] = _text(name, "--name")
    if role is not None:
        wanted["role"] = _text(role, "--role")
    if email is not None:
        wanted["email"] = email_address(email) if email.strip() else None
    if not wanted:
        raise GovtoolError(f"nothing to change for {person.id}: give --name, --role or --email")
    current = {"name": person.name, "role": person.role, "email": person.email}
    changed = {key: value for key, value in wanted.items() if value != current[key]}
    if not changed:
        said = ", ".join(f"{key} {value!r}" if value else f"no {key}" for key, value in wanted.items())
        raise GovtoolError(f"{person.name} ({person.id}) has {said} already: nothing to change")

    def apply(data: CommentedMap) -> SavedChange:
        entry = data["people"][person.id]
        for key, value in changed.items():
            if value is None:
                entry.pop(key, None)
            elif key in entry:
                entry[key] = value  # in place: its position and comment stay
            else:  # a role or email the entry did not have: after the fields it has, before 'left'
                at = list(entry).index("left") if "left" in entry else len(entry)
                entry.insert(at, key, value)
        what = ", ".join(f"{key} {value}" if value else f"no {key}" for key, value in changed.items())
        change = SavedChange(person.id, Path(SETTINGS_FILE), subject_line("people", f"changed {person.id}", what))
        change.body = "\n".join(f"{key}: {current[key] or '(none)'} -> {value or '(none)'}"
                                 for key, value in changed.items())
        change.notes.append(f"actions, risks and the trail store the ID {person.id}, which stays: none of them changes")
        sharing = [p.id for p in settings.people.values() if p.id != person.id and changed.get("role")
                   and (p.role or "").casefold() == str(changed["role"]).casefold()]
        if sharing:  # allowed (lint has no rule against it), but a role then names no one person
            change.notes.append(f"{', '.join(sharing)} also {'holds' if len(sharing) == 1 else 'hold'} the role "
                                f"{changed['role']}: give the ID, not the role, where a command asks who")
        return change

    return edit_settings(root, apply, commit)


def one_person(people: Mapping[str, Person], who: str) -> Person:
    """The directory entry ``who`` names (its ID or name, in any case), else a one-line refusal
    with the people meant."""
    typed = " ".join(who.split())
    if not typed:
        raise GovtoolError("missing ID: give the ID of the person to change, e.g. govtool person edit jane.smith "
                           "--email jane@example.org")
    found = find_person(people, typed)
    if len(found) > 1:
        raise GovtoolError(f"{typed!r} matches several people ({', '.join(p.id for p in found)}): give the ID")
    if found:
        return found[0]
    alike = people_like(people, typed)
    guess = ("did you mean " + " or ".join(f"{p.id} ({p.name})" for p in alike) + "?") if alike else (
        f"known: {', '.join(sorted(people)[:8])}" if people else "the directory is empty")
    raise GovtoolError(f"{typed!r} is not in the people directory of {SETTINGS_FILE}: {guess}")


def listed(register: Register, person_id: str) -> Person:
    """The directory entry ``person_id`` names by ID or name, someone who left included (a
    manager's trial typed "Precious Moyo", as every other command takes), else a one-line
    refusal with the people meant."""
    return one_person(register.people, person_id)


def record_leaving(register: Register, person_id: str, *, left: dt.date, commit: bool = False) -> SavedChange:
    """Give ``person_id`` a ``left`` date; the change lists the active actions they still own.

    Someone who already has a ``left`` date gets the new one instead: a leaving date typed wrongly
    is corrected this way, and the commit says which date it replaced.
    """
    person = listed(register, person_id)
    if person.left == left:
        raise GovtoolError(f"{person.name} ({person.id}) already left on {left.isoformat()}: nothing to change")

    def apply(data: CommentedMap) -> SavedChange:
        entry = data["people"][person.id]
        entry["left"] = left
        what = f"{person.id} left on {left.isoformat()}"
        if person.left is not None:
            what += f", not {person.left.isoformat()}"
        change = SavedChange(person.id, Path(SETTINGS_FILE), subject_line("people", what, person.name))
        if person.left is not None:
            change.notes.append(f"the leaving date moved from {person.left.isoformat()} to {left.isoformat()}")
        owned = still_owned(register, person.id)
        if owned:
            change.notes.append(f"{person.name} still owns {len(owned)} active action{'s' if len(owned) > 1 else ''} "
                                f"({', '.join(a.id for a in owned)}): hand each over with "
                                f"'govtool edit ID --owner WHO --reason ...'")
        return change

    return edit_settings(register.root, apply, commit)


def still_owned(register: Register, person_id: str) -> list[Action]:
    """Open and in-progress actions owned by ``person_id``, soonest due first."""
    owned = [a for a in register.actions.values() if a.is_active and a.owner == person_id]
    return sorted(owned, key=lambda a: (a.due or dt.date.max, a.id))
