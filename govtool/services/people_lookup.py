"""Who a person typed on the command line is, read the way ``govtool import`` reads an owner cell.

``--owner "Registered Manager"`` means the one person listed with that role, and ``--owner
"Priya Shah (Clinical Lead)"`` means Priya Shah: the directory lookup of
:func:`govtool.register.people.resolve_person` takes exact IDs and names, and what it does not
know is read again by import's :class:`~govtool.services.importing.owners.OwnerMatcher`
(roles, a name with its role beside it, a short name), so the two commands agree on who is who.
A role several people hold is refused naming them. Nobody is added: a name no one has is
refused with the command that adds them, built from the matcher's reading of name and role.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from govtool.register.model import Person
from govtool.register.people import NotInDirectory, add_person_command, add_them_first, resolve_person
from govtool.services.importing.owners import OwnerMatcher
from govtool.support.errors import GovtoolError


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
        matcher = OwnerMatcher(people)
        try:
            found = matcher.known(typed)
        except GovtoolError as several:  # a role several people hold: it names them
            raise GovtoolError(f"{option} {several.message}".replace(": write the ID", ": give the ID")) from None
        if found is not None:  # someone who left is refused as if typed by their ID
            return Resolved(resolve_person(people, found.stored, option, today=today), found.how)
        if unknown.may_propose:
            raise _with_proposal(unknown, matcher, typed, option) from None
        raise


def _with_proposal(unknown: NotInDirectory, matcher: OwnerMatcher, typed: str, option: str) -> GovtoolError:
    """The refusal, naming the command that adds the person as import would propose them
    ('Priya Shah (Clinical Lead)': priya.shah, named Priya Shah, role Clinical Lead)."""
    try:
        owner = matcher.match(typed)
    except GovtoolError:  # nearly someone listed: the directory's own message says whom
        return unknown
    if owner.new is None:
        return unknown
    new = owner.new
    return NotInDirectory(add_them_first(option, typed, add_person_command(new.name, new.role, new.id)))
