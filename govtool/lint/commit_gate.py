"""What stops a commit: the errors a pre-commit run (``govtool lint --staged``) finds in what the
commit changes.

A plan is built one commit at a time: a source with its findings first, then an action for each
finding; a progress note on one action while others are overdue. Were every error in the
register to stop a commit, recording a new source would be refused for its own unanswered
findings, and any edit refused while anything anywhere is late: the hook would block the very
steps that mend the plan. So a pre-commit run still lints (and lists) the whole register, as
links and the plan need it, but only these stop the commit:

- errors in the files the commit adds, changes, renames or deletes (Git's index against HEAD;
  every staged file for a first commit), and with ``--strict`` their warnings too;
- from rules that judge what was written (a vague action, a group as owner, a silent re-date),
  not the plan's progress (:attr:`govtool.lint.rule.RuleSpec.stops_commit`: lateness and
  findings not yet answered, which time alone brings and CI and the reports still report).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path

from govtool.lint.engine import LintResult
from govtool.lint.rule import Problem, all_rules
from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE
from govtool.support.errors import GovtoolError


def committed_paths(root: Path) -> frozenset[str]:
    """Register-relative paths of the record files and settings a commit would change now: one
    Git process (the index against HEAD; every staged file when nothing is committed yet). A
    ``--staged`` lint whose history rules ran has them already (:attr:`LintResult.committed`,
    from the history reader's own diff); this is for a run that read no history."""
    from govtool.support.gitcommand import GitFailed, GitNotFound, run_git

    asked = ["--", *RECORD_FOLDERS.values(), SETTINGS_FILE]
    try:
        try:
            out = run_git(root, "diff-index", "--cached", "--name-only", "--no-renames", "--relative", "-z", "HEAD",
                          *asked)
        except GitFailed:  # no commit yet (or no HEAD to compare with): every staged file is new
            out = run_git(root, "ls-files", "-z", *asked)
    except (GitFailed, GitNotFound) as reason:
        raise GovtoolError(f"--staged lints what Git would commit: Git cannot list it ({reason})") from None
    return frozenset(path for path in out.decode("utf-8", "surrogateescape").split("\0") if path)


def stopping(result: LintResult, committed: Set[str], strict: bool) -> list[Problem]:
    """The problems of ``result`` that stop the commit of ``committed``, in output order."""
    progress = {spec.name for spec in all_rules().values() if not spec.stops_commit}
    severities = ("error", "warning") if strict else ("error",)
    return [problem for problem in result.problems_in(committed)
            if problem.severity in severities and problem.rule not in progress]


#: How the line naming what stops a commit begins (:func:`verdict`), which
#: :func:`govtool.support.gitrepo.commit_files` looks for in a refusing hook's output.
STOPPED = "the commit is stopped by "


def verdict(stopped: list[Problem]) -> str:
    """One line for standard error: what stops the commit (the first problem whole), or why the
    errors listed do not."""
    if stopped:
        first = stopped[0]
        where = f"{first.path}:{first.line}" if first.line else first.path
        count = f"{len(stopped)} problem{'s' if len(stopped) != 1 else ''}"
        return (f"{STOPPED}{count} in the files it changes; {'the first: ' if len(stopped) > 1 else ''}"
                f"{where}: {first.severity} {first.rule} {first.message}")
    return ("the commit may go ahead: the errors listed are in files it does not change, or say what is late "
            "or not yet answered (CI and the reports still show them)")
