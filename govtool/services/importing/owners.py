"""Owners as a plan writes them, matched to the people directory.

A plan says "Jane Smith", "jane smith (RM)", "Registered Manager - Jane Smith", "RM" or
"J. Smith" for the same person; each is matched to the one directory entry it can only mean
and stored as that entry's ID. A name the directory does not know becomes a *proposed* new
entry (added to govtool.yaml with ``--apply``, by :func:`govtool.services.directory.add_person`).
A group ("Care team", "RM/DM", "All staff", "TBC") is never turned into a person, nor is a cell
that names several people, even when each of them is listed ("Jane Smith, Sam Patel" is not
jane.smith): it is imported as written, so that lint's collective-owner rule shows it to be
fixed. What is one person and what is not is the owner judge's reading, the one lint applies.

A name beside a role decides who is meant: "Clinical Lead - Jane Smith" is Jane Smith whatever
her role, and "Priya Shah (Clinical Lead)", when no Priya Shah is listed, is not whoever is the
Clinical Lead: that would make someone else accountable without a word. Such a cell is imported
as written, and the command line refuses it (:class:`NamedSomeoneElse`), naming the role's
holder and the command that adds the person named. Nor is a role nobody holds proposed as a
person ("Director of Nursing", "HoC"): it is imported as written, asking for the person who
holds it, as ``new action --owner`` refuses it. A role is held by whoever has it and is in post on
the day of the import (:meth:`Person.in_post_on`: someone whose leaving date is still to come
holds it until then); a role whose holder has left is imported as written too, and the note
names who left and when. A register without a directory stores names as written, as the rest
of the command line does.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from govtool.judgement.verdict import quote
from govtool.register.model import Person
from govtool.register.people import add_person_command, find_person, reads_as_role
from govtool.register.person_ids import suggested_id
from govtool.support.closest import Closest
from govtool.support.errors import GovtoolError

#: Abbreviated posts a plan uses for one person, as the directory's roles spell them out.
_POSTS = {
    "rm": "registered manager", "dm": "deputy manager", "ni": "nominated individual",
    "hoc": "head of care", "cl": "clinical lead", "ql": "quality lead", "gm": "general manager",
    "don": "director of nursing",
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
    #: Kept as the cell has it, because it names no one person in the directory: a group, several
    #: people, a role nobody holds, someone not listed beside a role someone else holds.
    as_written: bool = False
    #: The role the cell names when it names no person and nobody listed holds it.
    unheld_role: str | None = None
    #: Who held that role and has left ('Amy Jones (amy.jones), who held it, left on 2026-11-01').
    left_it: str | None = None


class NamedSomeoneElse(GovtoolError):
    """A person's name no one in the directory has, beside a role someone listed holds ("Priya
    Shah (Clinical Lead)", the Clinical Lead being Amara Osei): not the role's holder, nor anyone."""

    def __init__(self, typed: str, name: str, role: str, holders: list[Person], command: str):
        self.typed, self.name, self.role, self.holders, self.command = typed, name, role, holders, command
        super().__init__(f"{typed!r}: {self.unlisted()}: {self.choice()}")

    def unlisted(self, where: str = "the people directory") -> str:
        """'Priya Shah is not in the people directory (its Clinical Lead is amara.osei (Amara Osei))'."""
        held = " or ".join(f"{p.id} ({p.name})" for p in self.holders)
        return f"{self.name} is not in {where} (its {self.role} is {held})"

    def choice(self, add: bool = True, who: str = "you mean", verb: str = "give") -> str:
        """What to do instead: the holder's ID if they are meant, or add the person named first."""
        ids = " or ".join(p.id for p in self.holders)
        pick = f"{verb} {ids} if {who} {'them' if len(self.holders) == 1 else 'one of them'}"
        return f"{pick}, or add {self.name} first ({self.command})" if add else pick


@dataclass
class OwnerMatcher:
    """Matches owner cells to ``people``; remembers its proposals so one name is one entry.

    ``today``: the day a role is read on; its holder is whoever has it and is in post that day
    (their leaving date, their last working day, not passed). None: whoever has it and no
    leaving date at all."""

    people: Mapping[str, Person]
    proposed: dict[str, NewPerson] = field(default_factory=dict)  # name_key(name) -> proposal
    today: dt.date | None = None

    def match(self, cell: str) -> Owner:
        typed = " ".join(cell.split())
        if not typed:
            raise GovtoolError("is empty: every action needs one named owner")
        if not self.people:
            return Owner(typed)
        try:
            found = self._known(typed)
        except NamedSomeoneElse as other:  # not the Clinical Lead, whoever Priya Shah is
            holders = " or ".join(p.id for p in other.holders)
            choice = other.choice(who="the sheet means", verb="write")
            return Owner(typed, f"{typed!r}: {other.unlisted()}: imported as written, not as {holders}: {choice}",
                         as_written=True)
        if found is not None:
            return found
        why = _not_one_person(typed, as_typed=True)
        if why is not None:  # "'Jane Smith, Sam Patel' names 2 people, so no one person is accountable"
            return Owner(typed, f"{why[0]}: imported as written{' (collective-owner)' if why[1] else ''}",
                         as_written=True)
        role = _unheld_role(typed)
        gone = self._gone_holders(typed) if role is not None else []
        if gone:  # 'CL', the Clinical Lead having left: not them, nor anyone invented
            return Owner(typed, f"{typed!r} is the {role}, and {_left(gone)}: imported as written: write the name "
                                f"of the {role} now, or add them first "
                                f"({add_person_command('NAME', role=role, person_id='ID')})",
                         as_written=True, unheld_role=role, left_it=_left(gone))
        if role is not None:  # a person called 'Director of Nursing' would be someone invented
            return Owner(typed, f"{typed!r} reads as a role, and no one in the people directory holds it: imported "
                                "as written: write the name of the person who does, or add them first "
                                f"({add_person_command('NAME', role=role, person_id='ID')})",
                         as_written=True, unheld_role=role)
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
        it, or a short name), or None; GovtoolError when it fits several, :class:`NamedSomeoneElse`
        when it names someone not listed beside a role someone else holds. Nobody is proposed: the
        command line resolves ``--owner`` and ``--by`` with this, as import resolves a cell."""
        return self._known(" ".join(cell.split()))

    def _known(self, typed: str) -> Owner | None:
        exact = find_person(self.people, typed)
        if len(exact) == 1:
            return Owner(exact[0].id)
        if len(exact) > 1:
            raise GovtoolError(f"{typed!r} matches several people ({', '.join(p.id for p in exact)}): write the ID")
        whole = self._by_key(typed) or self._by_role(typed) or self._by_short_name(typed)
        if len(whole) > 1:
            raise _several(typed, whole)
        if len(whole) == 1:
            return _matched(typed, whole[0])
        if _not_one_person(typed) is not None:
            # 'Jane Smith, Sam Patel' names two people: neither of them is the owner, whoever comes
            # first, and 'Jane Smith (RM), Sam Patel (NI)' neither. The judge tells that from one
            # person with a post beside them ('Sam Lee, Director of Quality and Standards').
            return None
        parts = _parts(typed)
        names = _person_names(typed) if len(parts) > 1 else []
        if names:  # 'Jane Smith (RM)', 'Registered Manager - Jane Smith': the name decides, not the role
            return self._named(typed, names, [p for p in parts if name_key(p) not in {name_key(n) for n in names}])
        several: list[Person] = []
        # 'Deputy Manager (Jane)': someone listed by name first, then the role ('Registered Manager -
        # Ward 3', 'Registered Manager, Willowbrook': a post and where it is).
        for by in (lambda part: self._by_key(part) or self._by_short_name(part), self._by_role):
            for part in parts if len(parts) > 1 else ():
                found = by(part)
                if len(found) == 1:
                    return _matched(typed, found[0])
                several = several or found
        proposed = self._proposed_match(typed)
        if proposed is None and several:  # 'Registered Manager - Ward 3', two Registered Managers
            raise _several(typed, several)
        return proposed

    def _named(self, typed: str, names: list[str], others: list[str]) -> Owner | None:
        """The person a cell names beside a role ('Clinical Lead - Jane Smith' is Jane Smith, whatever
        her role); two people of that name, the one who holds the role. A name no one listed has is
        not the role's holder: :class:`NamedSomeoneElse` says whose role it is."""
        holders = {p.id: p for part in others for p in self._by_role(part)}
        for name in names:
            found = self._by_key(name) or self._by_short_name(name)
            if len(found) > 1:
                found = [p for p in found if p.id in holders] or found
            if len(found) > 1:
                raise _several(typed, found)
            if len(found) == 1:
                return _matched(typed, found[0])
        proposed = self._proposed_match(typed)
        if proposed is not None or not holders:
            return proposed  # None: someone new, proposed by match() as any new name is
        listed = list(holders.values())
        roles = {p.role for p in listed}  # 'CL' as the directory spells it: 'Clinical Lead'
        role = listed[0].role if len(roles) == 1 and listed[0].role else next(p for p in others if self._by_role(p))
        raise NamedSomeoneElse(typed, names[0], role, listed,
                               add_person_command(names[0], role, self._free_id(names[0])))

    def _proposed_match(self, typed: str) -> Owner | None:
        """Someone an earlier row proposed, whom this cell names too."""
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
        """The people who hold the role ``text`` names ('RM', 'Registered Manager'), as :attr:`today` reads it."""
        return [p for p in self._with_role(text) if self._in_post(p)]

    def _with_role(self, text: str) -> list[Person]:
        folded = text.casefold().strip(". ")
        role = _POSTS.get(folded, folded)
        return [p for p in self.people.values() if p.role and p.role.casefold() == role]

    def _in_post(self, person: Person) -> bool:
        return person.left is None if self.today is None else person.in_post_on(self.today)

    def _gone_holders(self, typed: str) -> list[Person]:
        """Who held the role a cell names ('CL', 'Clinical Lead - Ward 3') but has left: no longer them."""
        gone = {p.id: p for part in dict.fromkeys([typed, *_parts(typed)])
                for p in self._with_role(part) if not self._in_post(p)}
        return list(gone.values())

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


def _matched(typed: str, person: Person) -> Owner:
    """'matched 'HoC' to tom.brown (Tom Brown, whose last working day is 2027-01-31)'."""
    leaving = f", whose last working day is {person.left.isoformat()}" if person.left else ""
    return Owner(person.id, f"matched {typed!r} to {person.id} ({person.name}{leaving})")


def _left(people: list[Person]) -> str:
    """'Amy Jones (amy.jones), who held it, left on 2026-11-01'."""
    return " and ".join(f"{p.name} ({p.id}), who held it, left on {p.left.isoformat() if p.left else '?'}"
                        for p in people)


def _several(typed: str, people: list[Person]) -> GovtoolError:
    ids = ", ".join(f"{p.id} ({p.name})" for p in people)
    return GovtoolError(f"{typed!r} matches several people ({ids}): write the ID")


def _not_one_person(typed: str, as_typed: bool = False) -> tuple[str, bool] | None:
    """Why the owner judge (lint's collective-owner) reads ``typed`` as not one person, a group
    or several people ("'Jane Smith / Sam Patel' names 2 people, ..."), and whether lint will
    say so of the text as typed; None when it is one person.

    A cell in capitals is read in title case: the judge takes capitals for initials, so 'JANE
    SMITH (RM)' would be a department and 'JANE SMITH, SAM PATEL' one person. ``as_typed``: its
    reading as typed counts too, as lint reads the file ('SLT' is a team).
    """
    from govtool.judgement import judge_owner  # compiles its patterns on first use

    reading = _reading(typed)
    verdict = judge_owner(typed) if as_typed else None
    linted = verdict is not None
    verdict = verdict or judge_owner(reading)
    if verdict is None:
        return None
    said = f"owner {quote(typed if linted else reading)} "
    why = f"{typed!r} {verdict.reason.removeprefix(said)}" if verdict.reason.startswith(said) else (
        f"{typed!r} is not one person")
    return why, linted


def _reading(typed: str) -> str:
    """A cell in capitals read as if written in ordinary case, as the owner judge reads it."""
    from govtool.judgement.owner import in_ordinary_case  # compiles its patterns on first use

    return in_ordinary_case(typed)


def _person_names(typed: str) -> list[str]:
    """The parts of ``typed`` the owner judge reads as a person's name ('Priya Shah (Clinical
    Lead)' -> ['Priya Shah']; 'Registered Manager, Willowbrook' -> [], a post and where it is)."""
    from govtool.judgement.owner import person_names  # compiles its patterns on first use

    return person_names(_reading(typed))


def _unheld_role(typed: str) -> str | None:
    """The role a cell names when it names no person ('Director of Nursing', 'HoC', 'Registered
    Manager - Ward 3', 'Director of Nursing (DoN)'), spelt out; None when it names someone."""
    if _person_names(typed):
        return None
    for part in _parts(typed):
        folded = part.casefold().strip(". ")
        if folded in _POSTS:  # 'HoC' -> 'Head of Care'
            return " ".join(w if w in ("of", "for", "and") else w.capitalize() for w in _POSTS[folded].split())
        if reads_as_role(part):
            return part
    return None


def _parts(typed: str) -> list[str]:
    """'Jane Smith (RM)' -> ['Jane Smith', 'RM']; 'RM - Jane Smith' -> ['RM', 'Jane Smith']."""
    pieces = re.split(r"\s*[()\[\],]\s*|\s+[-–—]\s+", typed)
    return [p for p in (piece.strip() for piece in pieces) if p] or [typed]


def _name_and_role(typed: str) -> tuple[str, str | None]:
    """'Priya Shah (Clinical Lead)' -> ('Priya Shah', 'Clinical Lead'); so too 'Sam Lee, Director
    of Quality and Standards' and 'Clinical Lead - Priya Shah', a name beside a post."""
    match = re.fullmatch(r"(.+?)\s*\((.+)\)", typed)
    if match:
        return match[1].strip(), match[2].strip()
    pieces = [piece.strip() for piece in re.split(r"\s*,\s*|\s+[-–—]\s+", typed)]
    if len(pieces) == 2 and all(pieces) and reads_as_role(pieces[0]) != reads_as_role(pieces[1]):
        return (pieces[1], pieces[0]) if reads_as_role(pieces[0]) else (pieces[0], pieces[1])
    return typed, None
