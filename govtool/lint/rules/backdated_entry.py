"""History rule: trail entries are recorded soon after the day they carry."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import acknowledge_hint, added_entries, trail_edits
from govtool.history.snapshot import ENTRY_NAMES
from govtool.lint.rule import LintContext, Report, rule
from govtool.register.dates import parse_file_date

NAME = "backdated-entry"


@rule(NAME, "GT303", severity="warning", options={"days": 14}, needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A trail entry whose date is far (default: more than 14 days) from the day it was committed.

    An entry carries the day it happened (`--date` gives it when the minutes of a meeting are
    typed up later), and is recorded soon after. A progress note dated in February but committed
    in May makes the plan look more on top of things than it was, and an inspector who compares
    the dates with Git will notice. Record entries within `days` of the day they happened; one
    typed up later than that says why, in a comment on the line lint names (which excuses it).
    A date typed wrongly is corrected before it is committed (afterwards, acknowledge the
    commit). An entry dated after the day it was committed records what had not yet happened.
    Entries that arrive with a new record (a plan carried over from elsewhere) are not checked.
    Option ``days``: how far apart the two dates may be.

    Anti-pattern:

    ```yaml
    updates:
      - date: 2026-02-01      # committed on 2026-05-20, with nothing to say why
        by: jane.smith
        note: Audit done.
    ```

    Best practice:

    ```yaml
    updates:
      - date: 2026-05-12      # committed on 2026-05-20: the audit's day, typed up later
        by: jane.smith
        note: Audit of 20 MAR charts found 94% complete.
      # govtool: ignore[backdated-entry] the February audit sheet was found in May: recorded on its day
      - date: 2026-02-01
        by: jane.smith
        note: February audit of 20 MAR charts (sheet found in May) found 88% complete.
    ```
    """
    limit = int(options.get("days", 14))
    history = ctx.history
    for change in history.changes:
        if change.created or change.after is None:
            continue
        written = parse_file_date(change.where.day) if change.where.day else ctx.today
        if written is None:
            continue
        # An entry that stands where an old one was changed is history-rewritten's to report:
        # it was not added late (a consultant's trial was told both of one reworded note).
        rewritten = {(edit.part, edit.index) for edit in trail_edits(change.before, change.after) if edit.edited}
        for part in ENTRY_NAMES:
            for entry in added_entries(change.before, change.after, part):
                if (part, _index(change.after, part, entry)) in rewritten:
                    continue
                dated = parse_file_date(entry.get("date"))
                if dated is None or abs((written - dated).days) <= limit:
                    continue
                gap = (written - dated).days
                committed = change.where.commit is not None
                message = (
                    f"the {ENTRY_NAMES[part]} dated {dated.isoformat()} in {change.record_id} was added by "
                    f"{change.where.describe()}, {_apart(gap, limit)}: {advice(gap, committed)}"
                    f"{acknowledge_hint(change.where)}"
                )
                index = _index(change.after, part, entry)
                yield from history.report(NAME, change, (part,) if index is None else (part, index, "date"), message)


def _apart(gap: int, limit: int) -> str:
    """How far the day an entry was recorded is from the day it carries (``gap`` days after it)."""
    if gap > 0:
        return f"{gap} days after the date it carries (entries are recorded within {limit} days)"
    return f"{-gap} days before the date it carries"


#: The comment that excuses an entry typed up late, with the reason it asks for.
EXCUSE = f"# govtool: ignore[{NAME}] why it was typed up late"


def advice(gap: int, committed: bool) -> str:
    """What to do about an entry recorded ``gap`` days after the day it carries (before it, when
    negative), already ``committed`` or not: the rule's message and the lifecycle commands'
    ``--date`` give the same."""
    if gap < 0:  # dated after the day it was written: it cannot have happened yet
        fix = "it was dated wrongly" if committed else "correct the date"
        return f"an entry records what has happened, so it is dated on or before the day it is recorded: {fix}"
    wrong = "" if committed else "if the date is wrong, correct it; "
    return f"{wrong}if it was typed up late, say why in a comment on the entry's first line ({EXCUSE})"


def _index(snapshot: Mapping[str, Any], part: str, entry: Any) -> int | None:
    value = snapshot.get(part)
    if isinstance(value, list):
        return next((i for i, e in enumerate(value) if e is entry or e == entry), None)
    return None
