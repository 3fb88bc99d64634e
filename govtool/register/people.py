"""Who is who: turn what a user typed for ``--owner`` or ``--by`` into what the file stores.

With a people directory in govtool.yaml a person is stored by their directory ID (names change,
IDs do not), and typing their name works too; a name the directory does not know is refused
with the closest matches, because a typo would otherwise become an owner nobody is. Without a
directory the register stores plain names, as small services often start that way.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from govtool.register.dates import DateProblem, read_typed_date
from govtool.register.model import Person
from govtool.register.person_ids import suggested_id
from govtool.support.errors import GovtoolError
from govtool.support.gitrepo import user_config


def find_person(people: Mapping[str, Person], who: str) -> list[Person]:
    """Directory entries whose ID or name is ``who`` (case-insensitive); an exact ID wins."""
    if who in people:
        return [people[who]]
    folded = who.casefold()
    by_id = [p for pid, p in people.items() if pid.casefold() == folded]
    return by_id or [p for p in people.values() if p.name.casefold() == folded]


def resolve_person(
    people: Mapping[str, Person],
    who: str,
    option: str,
    today: dt.date | None = None,
) -> str:
    """The value to store for ``who``: a directory ID, or the plain name without a directory.

    ``today`` given: someone no longer in post that day (:meth:`Person.in_post_on`: who left
    before it) is refused, as they cannot own or sign anything any more. Leave it out to look
    people up for reading (``list --owner``).
    """
    typed = " ".join(who.split())
    if not typed:
        raise GovtoolError(f"{option} is empty: give a person's name or people-directory ID")
    recording = today is not None
    if not people:
        not_a_name = _not_a_name(typed) if recording else None
        if not_a_name is not None:  # stored as written otherwise: a date would become an owner
            raise NotInDirectory(f"{option} {typed!r} is not a person's name: {not_a_name}", may_match=False)
        return typed
    matches = find_person(people, typed)
    if len(matches) > 1:
        ids = ", ".join(p.id for p in matches)
        raise GovtoolError(f"{option} {typed!r} matches several people ({ids}): give the ID")
    if not matches:
        raise _unknown(people, typed, option, recording=recording)
    person = matches[0]
    if today is not None and person.left is not None and not person.in_post_on(today):
        raise GovtoolError(
            f"{option}: {person.name} ({person.id}) left on {person.left.isoformat()}: choose someone still in post"
        )
    return person.id


class NotInDirectory(GovtoolError):
    """What was typed for a person is no one in the people directory; the message says what to do.

    ``may_match``: it may still be a way of naming someone listed (their role, their name with
    a role beside it), which :mod:`govtool.services.people_lookup` tries; not for a group, a
    date or a sentence. ``may_propose``: no one listed is close, so the message proposes adding
    them, and a better reading of the name may give a better command to add them."""

    def __init__(self, message: str, *, may_match: bool = True, may_propose: bool = False):
        super().__init__(message)
        self.may_match = may_match
        self.may_propose = may_propose


def _unknown(people: Mapping[str, Person], typed: str, option: str, recording: bool) -> NotInDirectory:
    """Why ``typed`` is refused, and what to do: pick the person meant, or (``recording``) add them first.

    A group ('Care team'), a placeholder ('TBC') or several people are not added to the
    directory: one named person owns an action, so that is what the message asks for. Nor are
    a date or a sentence typed where a person goes, or a role nobody listed holds.
    """
    found = _closest(people, typed)
    guess = "did you mean " + " or ".join(f"{p.id} ({p.name})" for p in found) + "?" if found else ""
    unknown = f"{option} {typed!r} is not in the people directory of govtool.yaml"
    if not recording:  # a filter (list --owner, digest --owner): only who is meant
        return NotInDirectory(f"{unknown}: {guess or 'give the ID or name of someone listed there'}")
    not_a_name = _not_a_name(typed)
    if not_a_name is not None:  # "names 3 people" would be the judge's reading of '31/03/2027'
        return NotInDirectory(f"{option} {typed!r} is not a person in the people directory of govtool.yaml: "
                              f"{not_a_name}", may_match=False)
    from govtool.judgement import judge_owner  # only for a name the directory does not know

    verdict = judge_owner(typed)
    if verdict is not None:  # "owner 'Care team' is a group ('team'), not one person"
        duty = "one named person must own it" if option == "--owner" else "one named person records it"
        return NotInDirectory(f"{option} {verdict.reason.removeprefix('owner ')}: {duty}: "
                              + (guess or f"give their people-directory ID or name, or add them first {ADD_PERSON}"),
                              may_match=False)
    if guess:
        return NotInDirectory(f"{unknown}: {guess}")
    if reads_as_role(typed):  # adding a person called 'Registered Manager' would invent someone
        return NotInDirectory(role_nobody_holds(option, typed, typed))
    return NotInDirectory(add_them_first(option, typed, add_person_command(typed)), may_propose=True)


def role_nobody_holds(option: str, typed: str, role: str) -> str:
    """The refusal of a role typed for a person when no one listed holds it ('Director of Nursing',
    'HoC'): never a person called by the role, but the person who holds it."""
    return (f"{option} {typed!r} reads as a role, and no one in the people directory of govtool.yaml holds it: "
            f"give the ID or name of the person who does, or add them first "
            f"({add_person_command('NAME', role=role, person_id='ID')})")


def add_them_first(option: str, typed: str, command: str) -> str:
    """The refusal of someone the directory does not know, naming the command that adds them."""
    return (f"{option} {typed!r} is not in the people directory of govtool.yaml: add them first ({command}), "
            "or give the ID of someone listed there")


#: Words that end a post's title ('Registered Manager', 'Clinical Lead') or open one ('Head of
#: Care'): what is typed with one of them is read as a role, not as someone's name.
_POST_ENDINGS = frozenset("""
manager lead leader director head officer coordinator co-ordinator administrator supervisor matron nurse
sister chair deputy practitioner assistant secretary controller champion
""".split())
_POST_OPENINGS = frozenset("head director lead chair".split())


def reads_as_role(typed: str) -> bool:
    """'Registered Manager', 'Clinical Lead', 'Head of Care': a post, with no name beside it."""
    if any(mark in typed for mark in "(),:;/") or " - " in typed:
        return False  # a name with its role beside it, or a list: not a bare post
    words = typed.casefold().split()
    if not words:
        return False
    return words[-1] in _POST_ENDINGS or (len(words) > 2 and words[0] in _POST_OPENINGS and words[1] in ("of", "for"))


#: Two numbers (and a third) with date separators: '31/03/2027', '31/03', '2027-03-31'.
_DATE_SHAPE = re.compile(r"^\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?$")
#: Small words that a sentence has and a person's name does not.
_SENTENCE_WORDS = frozenset("""
the with from by until is are was were be been will would should has have had not no we it this that
waiting awaiting agreed because due
""".split())


def _not_a_name(typed: str) -> str | None:
    """Why ``typed`` cannot be anyone's name (a date, a sentence), said for the user; else None."""
    try:
        read_typed_date(typed)
        dated = True
    except DateProblem as problem:
        dated = problem.kind != "not-a-date" or bool(_DATE_SHAPE.match(typed))
    if dated:
        return "it looks like a date, typed in the wrong place: give one person's people-directory ID or name"
    words = [w.strip(".,;:!?'\"") for w in typed.casefold().split()]
    if len(words) >= 4 and (len(words) >= 8 or any(w in _SENTENCE_WORDS for w in words)):
        return "it reads as a sentence: give one person's people-directory ID or name"
    return None


#: The command that adds someone to the directory, for messages.
ADD_PERSON = "(govtool person add ID --name NAME --role ROLE)"


def people_like(people: Mapping[str, Person], typed: str) -> list[Person]:
    """Up to three people ``typed`` may mean, for a "did you mean" (``person edit``)."""
    return _closest(people, typed)


def _closest(people: Mapping[str, Person], typed: str) -> list[Person]:
    """Up to three people ``typed`` may mean: a typo, a first name or an ID's start."""
    folded = typed.casefold()
    names = {p.name.casefold(): p for p in people.values()}
    ids = {pid.casefold(): p for pid, p in people.items()}
    found = [p for key, p in ids.items() if key.startswith(folded)]
    found += [p for key, p in names.items() if folded in key.split()]
    import difflib  # only when the name typed is no one's

    for key in difflib.get_close_matches(folded, [*ids, *names], n=3, cutoff=0.6):
        found.append(ids.get(key) or names[key])
    return list({p.id: p for p in found}.values())[:3]


def git_identity(folder: Path) -> tuple[str | None, str | None]:
    """The name and email Git would put on a commit made in ``folder`` (environment first)."""
    name = os.environ.get("GIT_AUTHOR_NAME") or None
    email = os.environ.get("GIT_AUTHOR_EMAIL") or None
    if name is None or email is None:
        config = user_config(folder)
        name = name or config.get("name", "").strip() or None
        email = email or config.get("email", "").strip() or None
    return name, email


@dataclass(frozen=True)
class AuthorProblem:
    """Why the person Git names cannot sign a trail entry: ``problem`` says it, ``fix`` says what
    to give instead (in a script), ``add`` is the command that adds them when they are new."""

    problem: str
    fix: str
    add: str | None = None

    def __str__(self) -> str:
        return f"{self.problem}: {self.fix}"


def git_author_problem(people: Mapping[str, Person], found: str, today: dt.date) -> AuthorProblem | None:
    """Why ``found`` (what :func:`default_person` gave) cannot sign a trail entry, or None when it can.

    A register without a directory stores any name. With one, a trail entry's ``by`` must be
    someone in it and still in post: lint's ``unknown-owner`` reports anyone else, and the entry
    cannot be corrected afterwards (the trail is append-only), so the name is refused first.
    """
    if not people:
        return None
    person = people.get(found)
    if person is not None:
        if person.left is None or person.in_post_on(today):
            return None
        return AuthorProblem(f"Git knows you as {person.name} ({person.id}), who left on {person.left.isoformat()}",
                             "give --by WHO, someone still in post")
    several = find_person(people, found)
    if len(several) > 1:
        return AuthorProblem(f"Git knows you as {found!r}, the name of several people in govtool.yaml's people "
                             f"({', '.join(p.id for p in several)})", "give --by with your ID")
    close = _closest(people, found)
    guess = " (did you mean " + " or ".join(f"{p.id}, {p.name}" for p in close) + "?)" if close else ""
    add = add_person_command(found)
    return AuthorProblem(f"Git knows you as {found!r}, who is not in govtool.yaml's people{guess}",
                         f"give --by WHO (a people-directory ID or name), or add yourself first: {add}", add)


def add_person_command(name: str, role: str | None = None, person_id: str | None = None) -> str:
    """The command that adds someone called ``name`` (with ``role``, and ``person_id`` when given)."""
    def quoted(text: str, otherwise: str) -> str:
        return f'"{text}"' if '"' not in text else otherwise

    named = name if name == "NAME" else quoted(name, "NAME")
    return (f"govtool person add {person_id or suggested_id(name) or 'ID'} --name {named} "
            f"--role {quoted(role, 'ROLE') if role else 'ROLE'}")


def default_person(people: Mapping[str, Person], folder: Path) -> str | None:
    """Who ``--by`` means when it is left out: the directory entry for Git's identity, or its name."""
    name, email = git_identity(folder)
    return identity_person(people, name, email)


def identity_person(people: Mapping[str, Person], name: str | None, email: str | None) -> str | None:
    """The directory entry for a Git identity (its e-mail first, then its name), else the name:
    one matching for ``--by``'s default and for the author of a commit in the history."""
    if email:
        for person in people.values():
            if person.email and person.email.casefold() == email.casefold():
                return person.id
    if name:
        matches = find_person(people, name)
        if len(matches) == 1:
            return matches[0].id
        return " ".join(name.split()) or None
    return None
