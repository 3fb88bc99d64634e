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
from govtool.register.person_ids import suggested_id
from govtool.support.closest import Closest
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
    proposed: dict[str, NewPerson] = field(default_factory=dict)  # name_key(name) -> proposal

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
        key = name_key(name)
        if key not in self.proposed:
            self._refuse_near_duplicate(typed, key)
            self.proposed[key] = NewPerson(self._free_id(name), name, role)
        person = self.proposed[key]
        return Owner(person.id, f"{typed!r} is not in the people directory: proposed as {person.id}", new=person)

    def names(self, cell: str, stored: str) -> bool:
        """Whether an owner cell names the owner an action already has (``stored``, as its file
        holds it), matched as a new row's owner is: 'Sean O Murchu' or 'sean o murchu (HoC)' names
        sean.o.murchu (Seán Ó Murchú). Nobody is proposed: a name no one has is not ``stored``."""
        typed = " ".join(cell.split())
        if not typed:
            return False
        if name_key(typed) == name_key(stored):  # the ID, or a name kept as written, retyped
            return True
        if not self.people:
            return False
        try:
            found = self._known(typed)
        except GovtoolError:  # several people: not the one owner
            return False
        return found is not None and found.new is None and found.stored == stored

    def known(self, cell: str) -> Owner | None:
        """The one directory entry ``cell`` names (by ID, name, role, a name with its role beside
        it, or a short name), or None; GovtoolError when it fits several. Nobody is proposed: the
        command line resolves ``--owner`` and ``--by`` with this, as import resolves a cell."""
        return self._known(" ".join(cell.split()))

    def _known(self, typed: str) -> Owner | None:
        exact = find_person(self.people, typed)
        if len(exact) == 1:
            return Owner(exact[0].id)
        if len(exact) > 1:
            raise GovtoolError(f"{typed!r} matches several people ({', '.join(p.id for p in exact)}): write the ID")
        for part in _parts(typed):
            found = self._by_key(part) or self._by_role(part) or self._by_short_name(part)
            if len(found) > 1 and part == typed:
                ids = ", ".join(f"{p.id} ({p.name})" for p in found)
                raise GovtoolError(f"{typed!r} matches several people ({ids}): write the ID")
            if len(found) == 1:
                return Owner(found[0].id, f"matched {typed!r} to {found[0].id} ({found[0].name})")
        proposed = self._proposed_like(typed)
        if proposed is not None:
            return Owner(proposed.id, f"matched {typed!r} to {proposed.id} ({proposed.name}), proposed above",
                         new=proposed)
        return None

    def _by_key(self, text: str) -> list[Person]:
        """The people whose name or ID is ``text`` but for accents, case, spaces and punctuation
        ('Zoe Ni Bhriain' is 'Zoë Ní Bhriain', 'OBrien' is "O'Brien")."""
        key = name_key(text)
        if not key:
            return []
        return [p for pid, p in self.people.items() if key in (name_key(pid), name_key(p.name))]

    def _by_role(self, text: str) -> list[Person]:
        folded = text.casefold().strip(". ")
        role = _POSTS.get(folded, folded)
        return [p for p in self.people.values() if p.left is None and p.role and p.role.casefold() == role]

    def _by_short_name(self, text: str) -> list[Person]:
        """'Jane' or 'J. Smith' or 'J Smith', when only one person fits."""
        return [p for p in self.people.values() if _short_name_fits(text, p.name)]

    def _proposed_like(self, typed: str) -> NewPerson | None:
        """A person proposed by an earlier row whom this cell names too ('Priya Shah (Clinical
        Lead)', then 'Priya' or 'P. Shah'), so that one person is one new entry."""
        name = _name_and_role(typed)[0]
        same = self.proposed.get(name_key(name))
        if same is not None:
            return same
        fits = [p for p in self.proposed.values() if _short_name_fits(name, p.name)]
        return fits[0] if len(fits) == 1 else None

    def _refuse_near_duplicate(self, typed: str, key: str) -> None:
        """A new person is never proposed beside someone whose name is nearly the same: that is
        almost always the same person typed differently ('Zoe Ni Brian' for 'Zoë Ní Bhriain'),
        and a second entry would split their actions between two IDs."""
        shown: dict[str, str] = {}  # name key -> who it is, as the message names them
        for pid, person in self.people.items():
            shown.setdefault(name_key(pid), f"{pid} ({person.name})")
        for text, who in self._names():
            shown.setdefault(name_key(text), who)
        shown.pop("", None)
        near = Closest(shown, cutoff=NEAR_DUPLICATE).matches(key, n=1) if key else []
        words = set(_name_words(_name_and_role(typed)[0]))
        part_of = [who for text, who in self._names() if words and words <= set(_name_words(text))]
        if near or part_of:
            who = shown[near[0]] if near else part_of[0]
            raise GovtoolError(
                f"{typed!r} is not in the people directory but is nearly {who}: write that name (or the "
                "ID) if it is them, or, if this is someone else, add them first with 'govtool person add'")

    def _names(self) -> list[tuple[str, str]]:
        """(name, how to show them) of everyone in the directory, then everyone proposed."""
        return [*((p.name, f"{p.id} ({p.name})") for p in self.people.values()),
                *((p.name, f"{p.id} ({p.name}, proposed by an earlier row)") for p in self.proposed.values())]

    def _free_id(self, name: str) -> str:
        plain = _plain(_HONORIFIC.sub("", name))
        base = suggested_id(plain)[:60] or "person"
        taken = {pid.casefold() for pid in self.people} | {p.id for p in self.proposed.values()}
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}{number}", number + 1
        return candidate


#: How close (difflib's ratio of the name keys) a new name may come to a known one before it
#: is taken for the same person typed differently: 'zoenibrian' and 'zoenibhriain' are 0.91,
#: 'janesmyth' and 'janesmith' 0.89; 'priyashah' and 'janesmith' 0.22.
NEAR_DUPLICATE = 0.85


def _plain(text: str) -> str:
    """``text`` without accents: 'Zoë Ní Bhriain' -> 'Zoe Ni Bhriain'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def name_key(text: str) -> str:
    """A name or ID as compared for sameness: no accents, case, spaces or punctuation
    ('Zoë Ní Bhriain', 'zoe ni bhriain' and 'zoe.nibhriain' are all 'zoenibhriain')."""
    return "".join(ch for ch in _plain(_HONORIFIC.sub("", text)).casefold() if ch.isalnum())


def _name_words(text: str) -> list[str]:
    """'J. O'Brien' -> ['j', 'obrien']: words without accents, case or apostrophes."""
    plain = re.sub(r"['’]", "", _plain(_HONORIFIC.sub("", text)).casefold())
    return re.findall(r"[a-z0-9]+", plain)


def _short_name_fits(typed: str, name: str) -> bool:
    """'Jane', or 'J. Smith' / 'J Smith', names the person called ``name``."""
    tokens, names = _name_words(typed), _name_words(name)
    if not tokens or len(tokens) > 2 or not names:
        return False
    if len(tokens) == 1:
        return names[0] == tokens[0]
    return len(names) >= 2 and len(tokens[0]) == 1 and names[0].startswith(tokens[0]) and names[-1] == tokens[1]


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
