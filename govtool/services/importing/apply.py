"""The dry run and ``--apply``: the import tried whole in a scratch copy, then written and
committed one change at a time, the pre-commit hook run once.

The dry run does the import in a scratch copy of the register and lints it there. When the
import will commit and the pre-commit hook lints commits (:mod:`.gate`), a row whose records
the hook would stop is refused, and the import is tried again without it, so that nothing made
only for that row (a finding named after its regulation, a person it proposed) is made. What
the dry run says is what ``--apply`` does: it writes, in the register itself, only the rows the
dry run imported, and commits each change on its own, with its own message, as the command
line's own commands would (so each record's history in ``govtool show`` is step by step). The
pre-commit hook runs once, over every file the import wrote, before any of those commits
(:mod:`govtool.support.commitseries`); if it refuses, or Git cannot commit, every file is put
back as it was and no commit is made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from govtool.register.find import SETTINGS_FILE
from govtool.register.load import load_register
from govtool.services.edits import ChangeSeries, all_or_nothing, ensure_can_commit
from govtool.services.importing.gate import Gate, why_stopped
from govtool.services.importing.plan import Plan
from govtool.services.importing.run import (
    Progress,
    Result,
    RowResult,
    attach_problems,
    copy_evidence,
    renamed,
    run,
    scratch_copy,
    with_ids,
)


@dataclass(frozen=True)
class Doing:
    """What every pass of the import shares: who the trail entries are by, the day, where
    relative evidence paths start, and the register."""

    root: Path
    by: str | None
    no_author: str
    today: dt.date
    cwd: Path


def dry_run(plan: Plan, doing: Doing, gate: Gate | None, progress: Progress | None = None) -> Result:
    """The import done in a scratch copy and linted there, with the rows the hook would stop refused."""
    stopped: dict[int, str] = {}
    while True:
        only = {row.number for row in plan.importable} - stopped.keys()
        with scratch_copy(doing.root) as copy:
            result = run(plan, copy, by=doing.by, no_author=doing.no_author, today=doing.today, cwd=doing.cwd,
                         register_root=doing.root, commit=False, dry_run=True, only=only, progress=progress)
            copy_evidence(doing.root, copy, result)
            attach_problems(copy, result, doing.today)
            newly = _stopped_rows(doing.root, copy, result, gate) if gate is not None else {}
        if not newly:  # each pass refuses at least one more row, so this ends
            break
        stopped.update(newly)
    result.rows.extend(RowResult(row, refused=stopped[row.number]) for row in plan.rows if row.number in stopped)
    return result


def _stopped_rows(root: Path, copy: Path, result: Result, gate: Gate) -> dict[int, str]:
    """Sheet row -> why the hook would stop the commit of what it made: its action's problems,
    or those of the new source (or new findings) it answers."""
    stopped: dict[int, str] = {}
    for outcome in result.rows:
        problems = gate.stopping(root, copy, outcome.problems) if not outcome.refused else []
        if problems:
            stopped[outcome.row.number] = why_stopped(problems)
    by_source: dict[str, str] = {}
    for problem in gate.stopping(root, copy, result.source_problems):
        by_source.setdefault(problem.record or "", why_stopped([problem], "the commit of its source"))
    keys = {key: by_source[source_id] for key, source_id in result.source_ids.items() if source_id in by_source}
    for outcome in result.rows:
        new = outcome.row.new
        if new is not None and new.source.key in keys and not outcome.refused:
            stopped.setdefault(outcome.row.number, keys[new.source.key])
    return stopped


def apply(plan: Plan, doing: Doing, preview: Result, *, commit: bool, progress: Progress | None = None,
          committing: Progress | None = None) -> Result:
    """Write, in the register, the rows ``preview`` imported, each change its own commit when
    ``commit`` (the pre-commit hook run once over them all); the preview's refusals and lint
    problems carried over, naming the records by their real IDs."""
    if commit:
        ensure_can_commit(doing.root)  # before anything is written
    whole = {outcome.row.number for outcome in preview.rows if not outcome.refused}
    existing = _files_it_may_change(plan, doing.root)
    series = ChangeSeries(doing.root)
    with all_or_nothing(existing):  # a refused commit (or a failure half-way) puts them back
        try:
            result = run(plan, doing.root, by=doing.by, no_author=doing.no_author, today=doing.today, cwd=doing.cwd,
                         register_root=doing.root, commit=False, dry_run=False, only=whole, progress=progress,
                         series=series)
            if commit and series.changes:
                series.commit_each(committing)
        except BaseException:
            for change in series.changes:  # the files it made: gone again
                path = doing.root / change.path
                if path not in existing:
                    path.unlink(missing_ok=True)
            raise
    _carry_over(preview, result)
    return result


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
    for outcome in result.rows:
        earlier = found.get(outcome.row.number)
        if earlier is not None:
            outcome.problems = renamed(earlier.problems, ids)
    result.source_problems = renamed(preview.source_problems, ids)
    left_out = [outcome for outcome in preview.rows if outcome.refused]
    for outcome in left_out:
        outcome.refused = preview.without_new_ids(with_ids(outcome.refused or "", ids))
    result.rows.extend(left_out)
