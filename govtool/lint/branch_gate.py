"""What fails a pull request: the problems ``govtool lint --base REV`` finds in what the branch
(or a push) wrote since REV.

A client's register has problems that time alone brings (an action now overdue, a milestone
passed) and problems written before anyone checked (a vague title, an owner who has since
left). Were each of them to fail the check, every pull request would be red once the plan is
behind, whatever it changes: a progress note on one action refused for another's lateness. So,
as the pre-commit hook does for a commit (:mod:`govtool.lint.commit_gate`), a ``--base`` run
still lints (and lists) the whole register, but only these fail it:

- errors (with ``--strict``, warnings too) on the lines changed since the fork point of REV and
  HEAD (the branch's merge base: what landed on REV meanwhile is not the branch's), compared
  with the record files as lint read them: every line of a file new since then (or renamed),
  the lines :func:`~govtool.lint.commit_gate.changed_lines` finds in a changed one, and errors
  with no line in a changed file; from every rule, the plan's progress too (a new action
  already overdue, a finding added with no action: the branch wrote them);
- every problem about a change (a history rule's, :attr:`govtool.lint.rule.Problem.change`):
  with ``--base`` the history rules judge only the changes after REV.

When Git cannot say what changed (no merge base, no Git), every problem counts, as before.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from govtool.lint.commit_gate import counted_with_first, lines_written
from govtool.lint.engine import LintResult
from govtool.lint.rule import Problem
from govtool.support.errors import GovtoolError

#: A commit named in full (as CI names the base): shown shortened, as Git shows commits.
_FULL_NAME = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")


@dataclass(frozen=True)
class Branch:
    """What changed since ``--base``: each changed file's written lines."""

    #: the base as the verdict names it
    base: str
    #: register path -> the lines written since the fork point (None: every line, a new file);
    #: a file not here is unchanged. None: Git could not say, every problem counts.
    written: dict[str, frozenset[int] | None] | None

    def wrote(self, problem: Problem) -> bool:
        """Whether ``problem`` is the branch's: about a change (which ``--base`` limits to the
        branch's), or where it wrote."""
        if self.written is None or problem.change is not None:
            return True
        if problem.path not in self.written:
            return False
        lines = self.written[problem.path]
        return lines is None or problem.line is None or problem.line in lines


def branch(root: Path, base: str, result: LintResult, stood_on: dt.date | None = None) -> Branch:
    """What the branch at ``root`` changed since ``base`` in the files ``result`` has problems in.
    ``stood_on`` (a past ``--as-of`` day): the fork point of ``base`` and HEAD as each stood at
    the end of that day, as the history rules read them, so a branch merged into ``base`` since
    is still that day's branch."""
    shown = base[:12] if _FULL_NAME.fullmatch(base) else base
    paths = {problem.path for problem in result.problems}
    return Branch(shown, written_since(root, base, paths, stood_on) if paths else {})


def failing(result: LintResult, changes: Branch, strict: bool) -> list[Problem]:
    """The problems of ``result`` that fail the check, in output order."""
    severities = ("error", "warning") if strict else ("error",)
    return [problem for problem in result.problems if problem.severity in severities and changes.wrote(problem)]


def written_since(root: Path, base: str, paths: Set[str],
                  stood_on: dt.date | None = None) -> dict[str, frozenset[int] | None] | None:
    """For each of ``paths`` (register-relative) changed since the fork point of ``base`` and HEAD,
    the lines of the file as it is now that changed (None: every line; a file new since then,
    gone, or too long to compare); an unchanged file is left out. None when Git cannot say (no
    Git, no common commit). The versions at the fork point come from one ``git cat-file``.
    ``stood_on``: ``base`` and HEAD are each their newest commit made on or before that day (a
    base with none then held nothing: Git cannot say, every problem counts)."""
    from govtool.history.gitlog import batch_input, batch_objects
    from govtool.register.safefile import read_record_bytes
    from govtool.register.yamlload import YamlProblem
    from govtool.support.gitcommand import GitFailed, GitNotFound, commit_standing_on, run_git

    try:
        run_git(root, "rev-parse", "--verify", "-q", f"{base}^{{commit}}")
    except GitFailed as failed:
        if failed.status == 1:  # a repository without that revision (else: no repository, no history)
            raise GovtoolError(f"--base {base}: no such revision in this clone (fetch it first, e.g. git fetch "
                               f"origin {base})") from None
        return None
    except GitNotFound:
        return None
    ends: tuple[str | None, str | None] = (base, "HEAD")
    if stood_on is not None:
        ends = (commit_standing_on(root, stood_on, base), commit_standing_on(root, stood_on, "HEAD"))
    older, newer = ends
    if older is None or newer is None:
        return None
    try:
        fork = run_git(root, "merge-base", older, newer).decode("ascii", "replace").split()[0]
    except (GitFailed, GitNotFound, IndexError):  # no commit yet, or histories with nothing in common
        return None
    asked = sorted(path for path in paths if "\n" not in path)
    try:
        out = run_git(root, "cat-file", "--batch", stdin=batch_input(f"{fork}:./{path}" for path in asked))
    except (GitFailed, GitNotFound):
        return None
    found: dict[str, frozenset[int] | None] = dict.fromkeys(set(paths) - set(asked))
    for path, before in zip(asked, batch_objects(out, len(asked)), strict=True):
        try:
            after: bytes | None = read_record_bytes(root / path)
        except YamlProblem:
            after = None
        if before == after:
            continue
        if before is None or after is None:
            found[path] = None
            continue
        found[path] = lines_written(before, after)
    return found


def verdict(changes: Branch, failed: list[Problem]) -> str:
    """One line for standard error: what fails the check (the first problem whole), or why the
    errors listed do not."""
    if changes.written is None:
        return f"Git cannot say what changed since {changes.base}: every problem counts"
    if failed:
        return f"the check fails on {counted_with_first(failed, f'in what changed since {changes.base}')}"
    return (f"the check passes: the problems listed are on lines not changed since {changes.base} ('govtool lint' "
            "without --base, and the reports, still hold them against the plan)")
