"""Who is who: turn what a user typed for ``--owner`` or ``--by`` into what the file stores.

With a people directory in govtool.yaml a person is stored by their directory ID (names change,
IDs do not), and typing their name works too; a name the directory does not know is refused
with the closest matches, because a typo would otherwise become an owner nobody is. Without a
directory the register stores plain names, as small services often start that way.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

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

    ``today`` given: someone who left on or before it is refused (they cannot own or sign
    anything any more). Leave it out to look people up for reading (``list --owner``).
    """
    typed = " ".join(who.split())
    if not typed:
        raise GovtoolError(f"{option} is empty: give a person's name or people-directory ID")
    if not people:
        return typed
    matches = find_person(people, typed)
    if len(matches) > 1:
        ids = ", ".join(p.id for p in matches)
        raise GovtoolError(f"{option} {typed!r} matches several people ({ids}): give the ID")
    if not matches:
        raise GovtoolError(_unknown(people, typed, option, recording=today is not None))
    person = matches[0]
    if today is not None and person.left is not None and person.left <= today:
        raise GovtoolError(
            f"{option}: {person.name} ({person.id}) left on {person.left.isoformat()}: choose someone still in post"
        )
    return person.id


def _unknown(people: Mapping[str, Person], typed: str, option: str, recording: bool) -> str:
    """Why ``typed`` is refused, and what to do: pick the person meant, or (``recording``) add them first.

    A group ('Care team'), a placeholder ('TBC') or several people are not added to the
    directory: one named person owns an action, so that is what the message asks for.
    """
    found = _closest(people, typed)
    guess = "did you mean " + " or ".join(f"{p.id} ({p.name})" for p in found) + "?" if found else ""
    unknown = f"{option} {typed!r} is not in the people directory of govtool.yaml"
    if not recording:  # a filter (list --owner, digest --owner): only who is meant
        return f"{unknown}: {guess or 'give the ID or name of someone listed there'}"
    from govtool.judgement import judge_owner  # only for a name the directory does not know

    verdict = judge_owner(typed)
    if verdict is not None:  # "owner 'Care team' is a group ('team'), not one person"
        duty = "one named person must own it" if option == "--owner" else "one named person records it"
        return (f"{option} {verdict.reason.removeprefix('owner ')}: {duty}: "
                + (guess or f"give their people-directory ID or name, or add them first {ADD_PERSON}"))
    if guess:
        return f"{unknown}: {guess}"
    return f"{unknown}: add them first ({add_person_command(typed)}), or give the ID of someone listed there"


#: The command that adds someone to the directory, for messages.
ADD_PERSON = "(govtool person add ID --name NAME --role ROLE)"


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
        if person.left is None or person.left > today:
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


def add_person_command(name: str) -> str:
    """The command that adds someone called ``name`` to the directory."""
    quoted = f'"{name}"' if '"' not in name else "NAME"
    return f"govtool person add {suggested_id(name) or 'ID'} --name {quoted} --role ROLE"


def default_person(people: Mapping[str, Person], folder: Path) -> str | None:
    """Who ``--by`` means when it is left out: the directory entry for Git's identity, or its name."""
    name, email = git_identity(folder)
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
