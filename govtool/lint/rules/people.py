"""People rules: owners and signatories are people in the directory, still working here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from govtool.lint.rule import LintContext, Report, at, rule
from govtool.lint.rules.judgement import names_a_group
from govtool.register.model import Record
from govtool.support.closest import Closest


@rule("unknown-owner", "GT208")
def unknown_owner(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """An owner (or a `by`) that is not in the people directory, or someone who has left.

    When govtool.yaml has a `people` directory, every owner and every `by` in a trail is
    one of its IDs (or exact names). An active action owned by someone who has left has no
    owner at all: hand it over. A trail entry signed after its author left is a mistake. A
    `left` date is the person's last working day: on it they still own their actions and sign
    entries (their handover note), as the commands' `--owner`, `--by` and `--date` accept.
    Registers without a directory are not checked.

    Anti-pattern:
    ```yaml
    owner: jane.smyth          # not in govtool.yaml's people
    status: in_progress        # and amy.jones left on 2026-06-30:
    updates:
      - {date: 2026-07-15, by: amy.jones, note: Audit done.}
    ```

    Best practice:
    ```yaml
    owner: jane.smith
    status: in_progress
    updates:
      - {date: 2026-07-15, by: sam.patel, note: Audit done, 96% compliant.}
    ```
    """
    register = ctx.register
    if not register.people:
        return
    check = _PeopleCheck(ctx)
    people = register.people
    for action in register.actions.values():
        if action.owner:
            yield from check(action, ("owner",), action.owner, "owner", active=action.is_active)
        for entry in action.trail:
            by = entry.by
            known = people.get(by) if by else None
            if by and (known is None or known.left is not None):  # else: a directory ID, still here
                yield from check(action, (*entry.field_path, "by"), by, f"{entry.label} by", entry.date)
    for risk in register.risks.values():
        if risk.owner:
            yield from check(risk, ("owner",), risk.owner, "risk owner", active=True)
        for review in risk.reviews:
            if review.by:
                yield from check(risk, ("reviews", review.index, "by"), review.by,
                                 f"review {review.index + 1} by", review.date)


class _PeopleCheck:
    """Checks one name at a time; remembers its suggestions (a wrong name is usually repeated)."""

    def __init__(self, ctx: LintContext):
        self.ctx = ctx
        self.register = ctx.register
        self.today = ctx.today
        self.guesses: dict[str, str | None] = {}
        self.closest: Closest | None = None

    def __call__(
        self,
        record: Record,
        field_path: tuple[str | int, ...],
        who: str,
        role: str,
        entry_date: dt.date | None = None,
        active: bool = False,
    ) -> Iterator[Report]:
        """Problems with one name: unknown; owner of active work who has left; signed after leaving."""
        person = self.register.person(who)
        if person is None:
            # A trail entry's author: govtool wrote it from --by, or from the name Git knows the user by.
            by = bool(field_path) and field_path[-1] == "by"
            how = " (a govtool command records who from --by, else from the name Git knows you by)" if by else ""
            yield at(record, field_path, f"{role} {who!r} is not in the people directory: {self.hint(who, by)}{how}")
        elif person.left is None:
            return
        elif active and not person.in_post_on(self.today):
            yield at(record, field_path, f"{role} {person.name} left on {person.left.isoformat()}: "
                                         "hand it over to someone who works here now")
        elif entry_date is not None and not person.in_post_on(entry_date):
            yield at(record, field_path, f"{role} {person.name} is dated {entry_date.isoformat()}, "
                                         f"after they left on {person.left.isoformat()}: correct who wrote it")

    def hint(self, who: str, by: bool) -> str:
        """How to put right ``who``, an owner or (``by``) a trail entry's author: the directory ID
        it is a typo of; for an owner that is a group ('Nurses': collective-owner says so), one
        person's ID, not the group added as a person (a manager's trial was told to add it); else
        an ID, or the person added first."""
        if who not in self.guesses:
            if self.closest is None:
                self.closest = Closest(self.register.people, cutoff=0.6)
            guess = self.closest.matches(who)
            self.guesses[who] = guess[0] if guess else None
        if self.guesses[who] is not None:
            return f"did you mean {self.guesses[who]}?"
        if not by and names_a_group(self.ctx, who):
            return "it names no one person: give the ID of the one person accountable, from people in govtool.yaml"
        return "use an ID from people in govtool.yaml, or add the person first (govtool person add ID --name NAME --role ROLE)"
