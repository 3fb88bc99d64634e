"""What stops a commit: the errors a pre-commit run (``govtool lint --staged``) finds in what the
commit writes.

A plan is built one commit at a time: a source with its findings first, then an action for each
finding; a progress note on one action while others are overdue. Were every error in the
register to stop a commit, recording a new source would be refused for its own unanswered
findings, a progress note refused because the action's title was written vaguely before the
hook was installed, and any edit refused while anything anywhere is late: the hook would block
the very steps that mend the plan. So a pre-commit run still lints (and lists) the whole
register, as links and the plan need it, but only these stop the commit:

- errors on the lines the commit adds or changes (Git's index against HEAD: every line of a new
  file, or of every staged file for a first commit), and errors with no line in a file it
  changes or deletes; with ``--strict`` their warnings too;
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


def stopping(result: LintResult, committed: Set[str], strict: bool, root: Path) -> list[Problem]:
    """The problems of ``result`` that stop the commit of ``committed``, in output order: Git is
    asked which lines the commit writes only when a problem in a committed file could stop it."""
    progress = {spec.name for spec in all_rules().values() if not spec.stops_commit}
    severities = ("error", "warning") if strict else ("error",)
    candidates = [problem for problem in result.problems_in(committed)
                  if problem.severity in severities and problem.rule not in progress]
    if not candidates:
        return []
    written = written_lines(root, {problem.path for problem in candidates})

    def on_written_line(problem: Problem) -> bool:
        lines = written.get(problem.path)
        return problem.line is None or lines is None or problem.line in lines

    return [problem for problem in candidates if on_written_line(problem)]


def written_lines(root: Path, paths: Set[str]) -> dict[str, frozenset[int] | None]:
    """For each of ``paths`` (register-relative), the line numbers of its staged version that the
    commit adds or changes; None: every line counts (a new or deleted file, nothing committed
    yet, or a diff this cannot read). One Git process: the index against HEAD with no context."""
    from govtool.support.gitcommand import GitFailed, GitNotFound, run_git

    try:
        out = run_git(root, "-c", "core.quotePath=false", "diff-index", "-p", "--cached", "-U0", "--no-renames",
                      "--no-ext-diff", "--relative", "--no-prefix", "HEAD", "--", *sorted(paths))
    except (GitFailed, GitNotFound):  # nothing committed yet: every line is new
        return dict.fromkeys(paths)
    found: dict[str, frozenset[int] | None] = dict.fromkeys(paths)
    for path, lines in _files_in_patch(out.decode("utf-8", "surrogateescape")):
        if path in found:
            found[path] = lines
    return found


def _files_in_patch(patch: str) -> list[tuple[str, frozenset[int] | None]]:
    """(path, the new side's changed line numbers, or None for a new or deleted file) of each file
    in a ``-U0`` patch. Its header lines are read only before the file's first hunk, where a
    removed line of text could not be mistaken for one."""
    files: list[tuple[str, frozenset[int] | None]] = []
    path: str | None = None
    whole, in_header, lines = False, False, set[int]()

    def done() -> None:
        if path is not None:
            files.append((path, None if whole else frozenset(lines)))

    for line in patch.splitlines():
        if line.startswith("diff --git "):
            done()
            path, whole, in_header, lines = None, False, True, set()
        elif in_header and line.startswith(("new file mode", "deleted file mode")):
            whole = True
        elif in_header and line.startswith(("--- ", "+++ ")) and line[4:] != "/dev/null":
            path = line[4:]
        elif line.startswith("@@ "):
            in_header = False
            start, count = _new_side(line)
            # a hunk that only removes lines marks the lines on each side of the gap
            lines.update(range(start, start + count) if count else (start, start + 1))
    done()
    return files


def _new_side(header: str) -> tuple[int, int]:
    """(first line, line count) of a hunk's new side: "@@ -12,0 +13,2 @@" -> (13, 2)."""
    new = header.split(" ")[2]  # "+13,2" or "+13"
    first, _, count = new[1:].partition(",")
    return int(first), int(count) if count else 1


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
    return ("the commit may go ahead: the errors listed are on lines it does not write, or say what is late "
            "or not yet answered (CI and the reports still show them)")
