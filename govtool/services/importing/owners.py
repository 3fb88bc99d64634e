"""Owners as a plan writes them, matched to the people directory.

A plan says "Jane Smith", "jane smith (RM)", "Registered Manager - Jane Smith", "RM" or
"J. Smith" for the same person; each is matched to the one directory entry it can only mean
and stored as that entry's ID. A name the directory does not know becomes a *proposed* new
entry (added to govtool.yaml with ``--apply``, by :func:`govtool.services.directory.add_person`). A group ("Care team", "RM/DM", "All
staff", "TBC") is never turned into a person: it is imported as written, so that lint's
collective-owner rule shows it to be fixed. A register without a directory stores names as
written, as the rest of the command line does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from govtool.register.model import Person
from govtool.register.people import find_person
from govtool.services.directory import suggested_id
from govtool.support.errors import GovtoolError

#: Abbreviated posts a plan uses for one person, as the directory's roles spell them out.
_POSTS = {
    "rm": "registered manager", "dm": "deputy manager", "ni": "nominated individual",
    "hoc": "head of care", "cl": "clinical lead", "ql": "quality lead", "gm": "general manager",
}
_HONORIFIC = re.compile(r"^(dr|mr|mrs|ms|miss|mx|prof|professor|rev|revd)\.?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class NewPerson:
    id: str
    name: str
    role: str | None = None


@dataclass(frozen=True)
class Owner:
    """What an owner cell becomes: the value stored, and how it was found."""

    stored: str
    how: str | None = None  # e.g. "matched 'RM' to jane.smith by role"
    new: NewPerson | None = None
    group: bool = False


@dataclass
class OwnerMatcher:
    """Matches owner cells to ``people``; remembers its proposals so one name is one entry."""

    people: Mapping[str, Person]
    proposed: dict[str, NewPerson] = field(default_factory=dict)  # folded name -> proposal

    def match(self, cell: str) -> Owner:
        typed = " ".join(cell.split())
        if not typed:
            raise GovtoolError("is empty: every action needs one named owner")
        if not self.people:
            return Owner(typed)
        found = self._known(typed)
        if found is not None:
            return found
        from govtool.judgement import judge_owner  # compiles its patterns on first use

        if judge_owner(typed) is not None:
            return Owner(typed, f"{typed!r} is not one person: imported as written (collective-owner)", group=True)
        name, role = _name_and_role(typed)
        key = name.casefold()
        if key not in self.proposed:
            self.proposed[key] = NewPerson(self._free_id(name), name, role)
        person = self.proposed[key]
        return Owner(person.id, f"{typed!r} is not in the people directory: proposed as {person.id}", new=person)

    def _known(self, typed: str) -> Owner | None:
        exact = find_person(self.people, typed)
        if len(exact) == 1:
            return Owner(exact[0].id)
        if len(exact) > 1:
            raise GovtoolError(f"{typed!r} matches several people ({', '.join(p.id for p in exact)}): write the ID")
        for part in _parts(typed):
            found = find_person(self.people, part) or self._by_role(part) or self._by_short_name(part)
            if len(found) == 1:
                return Owner(found[0].id, f"matched {typed!r} to {found[0].id} ({found[0].name})")
        return None

    def _by_role(self, text: str) -> list[Person]:
        folded = text.casefold().strip(". ")
        role = _POSTS.get(folded, folded)
        return [p for p in self.people.values() if p.left is None and p.role and p.role.casefold() == role]

    def _by_short_name(self, text: str) -> list[Person]:
        """'Jane' or 'J. Smith' or 'J Smith', when only one person fits."""
        tokens = _HONORIFIC.sub("", text).replace(".", " ").split()
        if not tokens or len(tokens) > 2:
            return []
        found = []
        for person in self.people.values():
            names = person.name.casefold().split()
            if len(tokens) == 1 and names and names[0] == tokens[0].casefold():
                found.append(person)
            elif len(tokens) == 2 and len(names) >= 2 and len(tokens[0]) == 1 \
                    and names[0].startswith(tokens[0].casefold()) and names[-1] == tokens[1].casefold():
                found.append(person)
        return found

    def _free_id(self, name: str) -> str:
        plain = unicodedata.normalize("NFKD", _HONORIFIC.sub("", name)).encode("ascii", "ignore").decode()
        base = suggested_id(plain)[:60] or "person"
        taken = {pid.casefold() for pid in self.people} | {p.id for p in self.proposed.values()}
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}{number}", number + 1
        return candidate


def _parts(typed: str) -> list[str]:
    """'Jane Smith (RM)' -> ['Jane Smith', 'RM']; 'RM - Jane Smith' -> ['RM', 'Jane Smith']."""
    pieces = re.split(r"\s*[()\[\],]\s*|\s+[-–—]\s+", typed)
    return [p for p in (piece.strip() for piece in pieces) if p] or [typed]


def _name_and_role(typed: str) -> tuple[str, str | None]:
    """'Priya Shah (Clinical Lead)' -> ('Priya Shah', 'Clinical Lead')."""
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", typed)
    if match:
        return match[1].strip(), match[2].strip()
    return typed, None
