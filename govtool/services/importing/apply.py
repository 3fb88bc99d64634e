"""The dry run and ``--apply``: the import tried whole in a scratch copy, then written and
committed one change at a time, as received.

The dry run does the import in a scratch copy of the register and lints it there. What the dry
run says is what ``--apply`` does: it writes, in the register itself, only the rows the dry run
imported, and commits each change on its own, with its own message, as the command line's own
commands would (so each record's history in ``govtool show`` is step by step). The import
brings the plan in as received, as ``govtool init --commit`` takes over a register: its commits
are made without the pre-commit hook (:mod:`govtool.support.commitseries`), each message says
so, and lint lists the problems the rows came with; the hook judges the changes made to them
from then on. If Git cannot commit, every file is put back as it was and no commit is made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from govtool.register.find import SETTINGS_FILE
from govtool.register.load import load_register
from govtool.services.edits import ChangeSeries, all_or_nothing, ensure_can_commit
from govtool.services.importing.plan import Plan
from govtool.services.importing.run import (
    IdSwap,
    Progress,
    Result,
    attach_problems,
    copy_evidence,
    renamed,
    run,
    scratch_copy,
    with_ids,
)
from govtool.support.atomicfile import scratch_writes


@dataclass(frozen=True)
class Doing:
    """What every pass of the import shares: who the trail entries are by, the day, where
    relative evidence paths start, and the register."""

    root: Path
    by: str | None
    no_author: str
    today: dt.date
    cwd: Path


def dry_run(plan: Plan, doing: Doing, progress: Progress | None = None) -> Result:
    """The import done in a scratch copy and linted there."""
    with scratch_copy(doing.root) as copy, scratch_writes():  # thrown away: no file needs flushing to disk
        result = run(plan, copy, by=doing.by, no_author=doing.no_author, today=doing.today, cwd=doing.cwd,
                     register_root=doing.root, commit=False, dry_run=True, only={row.number for row in plan.importable},
                     progress=progress)
        copy_evidence(doing.root, copy, result)
        attach_problems(copy, result, doing.today)
    return result


def apply(plan: Plan, doing: Doing, preview: Result, *, commit: bool, progress: Progress | None = None,
          committing: Progress | None = None) -> Result:
    """Write, in the register, the rows ``preview`` imported, each change its own commit when
    ``commit`` (as received: without the pre-commit hook, each message saying so); the preview's
    refusals and lint problems carried over, naming the records by their real IDs."""
    if commit:
        ensure_can_commit(doing.root)  # before anything is written
    whole = {outcome.row.number for outcome in preview.rows if not outcome.refused}
    existing = _files_it_may_change(plan, doing.root)
    series = ChangeSeries(doing.root)
    if commit:
        series.note_uncommitted(existing)  # committed on their own first, never under an import's message
    with all_or_nothing(existing):  # a refused commit (or a failure half-way) puts them back
        try:
            result = run(plan, doing.root, by=doing.by, no_author=doing.no_author, today=doing.today, cwd=doing.cwd,
                         register_root=doing.root, commit=False, dry_run=False, only=whole, progress=progress,
                         series=series)
            if commit and series.changes:
                series.commit_each(committing, received=received(plan))
        except BaseException:
            for change in series.changes:  # the files it made: gone again
                path = doing.root / change.path
                if path not in existing:
                    path.unlink(missing_ok=True)
            raise
    _carry_over(preview, result)
    return result


def received(plan: Plan) -> str:
    """The paragraph that closes each of an import's commit messages: why the pre-commit check
    did not judge it, and where its problems are listed."""
    return (f"Imported from {plan.sheet.file.name} as received, without the pre-commit check: "
            "'govtool lint' lists the problems its rows came with. From here on the check judges "
            "what each commit changes.")


def _files_it_may_change(plan: Plan, root: Path) -> list[Path]:
    """The register's existing files an import may rewrite: the settings (new people), the
    sources it adds findings to, the actions an exported sheet's rows change."""
    register = load_register(root)
    paths = [root / SETTINGS_FILE]
    paths += [root / register.sources[s.id].path for s in plan.sources if s.id and s.id in register.sources]
    paths += [root / register.actions[r.action_id].path for r in plan.rows
              if r.action_id and r.action_id in register.actions]
    return paths


def _carry_over(preview: Result, result: Result) -> None:
    """The scratch copy's lint problems and refusals, on the rows the real run wrote and the rows
    it left out, naming records by the IDs the real run gave them; a record the real run did not
    make (a new source only refused rows answer) is named as the dry run names it, ``SRC-…``."""
    found = {outcome.row.number: outcome for outcome in preview.rows}
    ids = {preview.source_ids[key]: real for key, real in result.source_ids.items() if key in preview.source_ids}
    for outcome in result.rows:
        earlier = found.get(outcome.row.number)
        if earlier is not None and earlier.record and outcome.record:
            ids[earlier.record] = outcome.record
    swap = IdSwap(ids)  # read once for every row's problems
    for outcome in result.rows:
        earlier = found.get(outcome.row.number)
        if earlier is not None:
            outcome.problems = renamed(earlier.problems, swap)
    result.source_problems = renamed(preview.source_problems, swap)
    left_out = [outcome for outcome in preview.rows if outcome.refused]
    for outcome in left_out:
        outcome.refused = preview.without_new_ids(with_ids(outcome.refused or "", swap))
    result.rows.extend(left_out)
