"""History rule: trail entries carry the date they were written."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from govtool.history.model import acknowledge_hint, added_entries
from govtool.history.snapshot import ENTRY_NAMES
from govtool.lint.rule import LintContext, Report, rule
from govtool.register.dates import parse_file_date

NAME = "backdated-entry"


@rule(NAME, "GT303", severity="warning", options={"days": 14}, needs_history=True)
def check(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
    """A trail entry whose date is far (default: more than 14 days) from the day it was committed.

    A progress note dated in February but written in May makes the plan look more on top of
    things than it was, and an inspector who compares the dates with Git will notice. Date
    an entry the day it is written and say in its text when things happened. Entries that
    arrive with a new record (a plan carried over from elsewhere) are not checked.
    Option ``days``: how far apart the two dates may be.

    Anti-pattern:

    ```yaml
    updates:
      - date: 2026-02-01      # committed on 2026-05-20
        by: jane.smith
        note: Audit done.
    ```

    Best practice:

    ```yaml
    updates:
      - date: 2026-05-20
        by: jane.smith
        note: The February audit (done 1 Feb, recorded late) found 94% compliance.
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
        for part in ENTRY_NAMES:
            for entry in added_entries(change.before, change.after, part):
                dated = parse_file_date(entry.get("date"))
                if dated is None or abs((written - dated).days) <= limit:
                    continue
                gap = (written - dated).days
                when = f"{gap} days after the date it carries" if gap > 0 else f"{-gap} days before the date it carries"
                message = (
                    f"the {ENTRY_NAMES[part]} dated {dated.isoformat()} in {change.record_id} was added by "
                    f"{change.where.describe()}, {when}: date an entry the day it is written and say in it "
                    f"when things happened{acknowledge_hint(change.where)}"
                )
                index = _index(change.after, part, entry)
                yield from history.report(NAME, change, (part,) if index is None else (part, index, "date"), message)


def _index(snapshot: Mapping[str, Any], part: str, entry: Any) -> int | None:
    value = snapshot.get(part)
    if isinstance(value, list):
        return next((i for i, e in enumerate(value) if e is entry or e == entry), None)
    return None
