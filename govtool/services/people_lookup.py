"""Who a person typed on the command line is, read the way ``govtool import`` reads an owner cell.

``--owner "Registered Manager"`` means the one person listed with that role, and ``--owner
"Priya Shah (Clinical Lead)"`` means Priya Shah: the directory lookup of
:func:`govtool.register.people.resolve_person` takes exact IDs and names, and what it does not
know is read again by import's :class:`~govtool.services.importing.owners.OwnerMatcher`
(roles, a name with its role beside it, a short name), so the two commands agree on who is who.
A role several people hold is refused naming them. Nobody is added: a name no one has is
refused with the command that adds them, built from the matcher's reading of name and role.
A name decides over the role beside it: "Priya Shah (Clinical Lead)" when no Priya Shah is
listed is refused, naming the Clinical Lead as whom it may mean, never taken for them; and a
role nobody holds ("HoC", "Director of Nursing (DoN)") is refused as a role, not offered as a
person to add.

A filter (``--owner`` of ``list``, ``digest``, ``calendar`` and ``report action-plan``) reads
who is meant the same way (:func:`resolve_filter_person`), so ``govtool list --owner "Registered
Manager"`` lists what ``new action --owner "Registered Manager"`` gave that person; someone who
has left is still found (their actions are still theirs). A filter that names no one is refused,
not answered with an empty list that reads as "nothing to do".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from govtool.register.model import Person, Register
from govtool.register.people import (
    NotInDirectory,
    add_person_command,
    add_them_first,
    resolve_person,
    role_nobody_holds,
)
from govtool.services.importing.owners import NamedSomeoneElse, Owner, OwnerMatcher
from govtool.support.closest import Closest
from govtool.support.errors import GovtoolError

_DIRECTORY = "the people directory of govtool.yaml"


@dataclass(frozen=True)
class Resolved:
    """The value to store, and how it was found when not typed as an ID or a full name."""

    stored: str
    how: str | None = None


def resolve_recorded_person(people: Mapping[str, Person], typed: str, option: str, today: dt.date) -> Resolved:
    """The person to record for ``option`` (an owner, or who signs an entry), on ``today``."""
    try:
        return Resolved(resolve_person(people, typed, option, today=today))
    except NotInDirectory as unknown:
        if not unknown.may_match:
            raise
        matcher = OwnerMatcher(people, today=today)
        found = _known(matcher, typed, option, add=True)
        if found is not None:  # someone who left is refused as if typed by their ID
            return Resolved(resolve_person(people, found.stored, option, today=today), found.how)
        raise _with_proposal(unknown, matcher, typed, option) from None


def _known(matcher: OwnerMatcher, typed: str, option: str, add: bool) -> Owner | None:
    """Whom import's matcher reads ``typed`` as (a role one person holds, a name with its role
    beside it), None when no one; refused in ``option``'s words when it names someone unlisted
    beside another's role ('Priya Shah (Clinical Lead)': not whoever is the Clinical Lead; with
    ``add``, naming the command that adds them) or a role several people hold (naming them)."""
    try:
        return matcher.known(typed)
    except NamedSomeoneElse as other:
        raise GovtoolError(f"{option} {typed!r}: {other.unlisted(_DIRECTORY)}: {other.choice(add=add)}") from None
    except GovtoolError as several:
        raise GovtoolError(f"{option} {several.message}".replace(": write the ID", ": give the ID")) from None


def _with_proposal(unknown: NotInDirectory, matcher: OwnerMatcher, typed: str, option: str) -> GovtoolError:
    """The refusal, naming the command that adds the person as import would propose them
    ('Priya Shah (Clinical Lead)': priya.shah, named Priya Shah, role Clinical Lead), or, for a
    role whose holder has left ('CL'), who left and when; else ``unknown`` as it is."""
    try:
        owner = matcher.match(typed)
    except GovtoolError:  # nearly someone listed: the directory's own message says whom
        return unknown
    if owner.unheld_role is not None and owner.left_it is not None:  # 'CL', the Clinical Lead having left
        role = owner.unheld_role
        return NotInDirectory(f"{option} {typed!r} is the {role}, and {owner.left_it}: give the ID or name of the "
                              f"{role} now, or add them first ({add_person_command('NAME', role=role, person_id='ID')})")
    if not unknown.may_propose:
        return unknown
    if owner.unheld_role is not None:  # 'HoC': never a person called by the role
        return NotInDirectory(role_nobody_holds(option, typed, owner.unheld_role))
    if owner.new is None:
        return unknown
    new = owner.new
    return NotInDirectory(add_them_first(option, typed, add_person_command(new.name, new.role, new.id)))


def resolve_filter_person(register: Register, typed: str, option: str) -> Resolved:
    """The owner value a filter keeps (``option`` is ``--owner``): a directory ID, found by ID,
    name, a role one person holds or a name with its role beside it, as ``--owner`` of ``new`` and
    ``edit`` finds it. Without a directory, an owner as the register's records spell it.

    Refused (GovtoolError, naming what to give): a name no one in the directory has, a role
    several people hold (naming them), text that names several people (none of them is meant),
    and, without a directory, a name no action or risk has as its owner.
    """
    text = " ".join(typed.split())
    if not text:
        raise GovtoolError(f"{option} is empty: give a person's people-directory ID or name")
    if not register.people:
        return Resolved(_owner_as_recorded(register, text, option))
    try:
        return Resolved(resolve_person(register.people, text, option))
    except NotInDirectory as unknown:
        found = _known(OwnerMatcher(register.people), text, option, add=False)
        if found is not None:
            return Resolved(found.stored, found.how)
        raise unknown from None  # 'Jane Smith, Sam Patel' too: "did you mean jane.smith (Jane Smith)?"


def _owner_as_recorded(register: Register, text: str, option: str) -> str:
    """``text`` as the owner of some action or risk spells it (case and spacing aside), in a
    register without a people directory; refused, with the owners closest to it, when none has it."""
    owners: dict[str, str] = {}
    for owner in (*(a.owner for a in register.actions.values()), *(r.owner for r in register.risks.values())):
        if owner:
            owners.setdefault(" ".join(owner.split()).casefold(), owner)
    found = owners.get(text.casefold())
    if found is not None:
        return found
    close = [owners[key] for key in Closest(owners).matches(text.casefold(), n=3)]
    close += [name for key, name in owners.items() if text.casefold() in key.split() and name not in close]
    guess = "did you mean " + " or ".join(repr(name) for name in close[:3]) + "?" if close else (
        "give an owner as the actions and risks name them ('govtool list' shows them)")
    raise GovtoolError(f"{option} {text!r} owns no action or risk in this register: {guess}")
