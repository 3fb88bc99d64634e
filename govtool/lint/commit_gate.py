"""What stops a commit: the errors a pre-commit run (``govtool lint --staged``) finds in what the
commit writes.

A plan is built one commit at a time: a source with its findings first, then an action for each
finding; a progress note on one action while others are overdue. Were every error in the
register to stop a commit, recording a new source would be refused for its own unanswered
findings, a progress note refused because the action's title was written vaguely before the
hook was installed, and any edit refused while anything anywhere is late: the hook would block
the very steps that mend the plan. So a pre-commit run still lints the whole register, as
links and the plan need it (its text output lists the problems of the files the commit changes
and counts the rest), but only these stop the commit:

- errors on the lines the commit adds or changes (Git's index against HEAD: every line of a new
  file, or of every staged file for a first commit; a line only moved by lines added or removed
  above it is not changed, see :func:`changed_lines`), and errors with no line in a file it
  changes or deletes; with ``--strict`` their warnings too. A problem about a change (a history
  rule's, :attr:`govtool.lint.rule.Problem.change`) stops it when that change is the staged
  changes, wherever it points, never when it is a commit made;
- from rules that judge what was written (a vague action, a group as owner, a silent re-date),
  not the plan's progress (:attr:`govtool.lint.rule.RuleSpec.stops_commit`: lateness and
  findings not yet answered, which time alone brings and CI and the reports still report).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence, Set
from pathlib import Path

from govtool.lint.engine import LintResult
from govtool.lint.rule import Problem, all_rules
from govtool.lint.suppress import continued_lines, excuses_next_line
from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE
from govtool.support.errors import GovtoolError

#: A committed file's blob in HEAD and in the index (None: absent there, or not known)
Blobs = tuple[str | None, str | None]


def committed_paths(root: Path) -> dict[str, Blobs]:
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
    return {path: (None, None) for path in out.decode("utf-8", "surrogateescape").split("\0") if path}


def stopping(result: LintResult, committed: Mapping[str, Blobs], strict: bool, root: Path) -> list[Problem]:
    """The problems of ``result`` that stop the commit of ``committed``, in output order: Git is
    asked which lines the commit writes only when a problem in a committed file could stop it.

    A problem about a change (a history rule's: :attr:`Problem.change`) stops the commit when
    that change is the staged changes, on whatever line it points at (an entry removed from the
    trail leaves no line written), and never when it is an earlier commit (that commit is made;
    mending the line the problem points at is no reason to refuse the mend)."""
    stops = could_stop(strict)
    candidates = [problem for problem in result.problems_in(committed.keys()) if stops(problem)]
    if not candidates:
        return []
    by_line = {problem.path for problem in candidates if problem.change is None}
    merging = merge_heads(root) if by_line else []
    written = written_lines(root, by_line, committed, merging) if by_line else {}

    def the_commit_s(problem: Problem) -> bool:
        if problem.change is not None:
            return problem.change == "staged"
        lines = written.get(problem.path)
        if lines is None:
            return True
        if problem.line is None:  # a merge leaving a file as one side wrote it writes none of it
            return bool(lines) or not merging
        return problem.line in lines

    return [problem for problem in candidates if the_commit_s(problem)]


def could_stop(strict: bool) -> Callable[[Problem], bool]:
    """Whether a problem stops a commit that writes its line: an error (with ``strict``, a
    warning too) from a rule that judges what was written, not the plan's progress."""
    progress = {spec.name for spec in all_rules().values() if not spec.stops_commit}
    severities = ("error", "warning") if strict else ("error",)
    return lambda problem: problem.severity in severities and problem.rule not in progress


#: Longer files count whole: comparing lines costs up to their product, and a record file
#: (at most 1 MiB) this long is no plan a person wrote line by line.
MOST_LINES_COMPARED = 5000


def merge_heads(root: Path) -> list[str]:
    """The commits a merge in progress brings in (empty when none is): see :func:`written_lines`."""
    from govtool.history.gitlog import merge_heads as heads

    return heads(root)


def written_lines(root: Path, paths: Set[str], blobs: Mapping[str, Blobs] | None = None,
                  merging: Sequence[str] = ()) -> dict[str, frozenset[int] | None]:
    """For each of ``paths`` (register-relative), the line numbers of its staged version that the
    commit adds or changes; None: every line counts (a file new to the commit or gone from it,
    nothing committed yet, a name this cannot ask Git about). Both versions come from one
    ``git cat-file --batch``, by their blob names where ``blobs`` knows them (the history reader's
    diff did), else as ``HEAD:./path`` and ``:./path`` (which reads the folder's tree), and are
    compared here line by line.

    While a merge is in progress (``merging``: the commits it brings in), a line is the commit's
    only when it differs from every parent's version: a file as one side left it, or a line one
    side wrote, was judged (or let through) when that side's commit was made, and whoever
    resolves the merge did not write it. A file identical to one parent's writes no line."""
    from govtool.history.gitlog import batch_input, batch_objects
    from govtool.support.gitcommand import GitFailed, GitNotFound, run_git

    found: dict[str, frozenset[int] | None] = dict.fromkeys(paths)
    asked = sorted(path for path in paths if "\n" not in path)
    if not asked:
        return found
    known = blobs or {}
    per_path = 2 + len(merging)
    specs = [spec for path in asked
             for spec in (*_specs(path, known.get(path, (None, None))), *(f"{sha}:./{path}" for sha in merging))]
    try:
        out = run_git(root, "cat-file", "--batch", stdin=batch_input(specs))
    except (GitFailed, GitNotFound):
        return found
    contents = batch_objects(out, len(specs))
    for i, path in enumerate(asked):
        before, after, *others = contents[per_path * i:per_path * (i + 1)]
        if after is None:
            continue
        if any(parent == after for parent in (before, *others)):
            found[path] = frozenset()
            continue
        written: frozenset[int] | None = None
        for parent in (before, *others):
            lines = lines_written(parent, after) if parent is not None else None
            if lines is not None:
                written = lines if written is None else written & lines
        found[path] = written
    return found


def lines_written(before: bytes, after: bytes) -> frozenset[int] | None:
    """The lines of ``after`` that the change from ``before`` writes (:func:`changed_lines`);
    None (every line counts) for a file too long to compare."""
    old_lines, new_lines = (version.decode("utf-8", "replace").splitlines() for version in (before, after))
    if max(len(old_lines), len(new_lines)) > MOST_LINES_COMPARED:
        return None
    return changed_lines(old_lines, new_lines)


def _specs(path: str, blobs: Blobs) -> tuple[str, str]:
    """What to ask ``git cat-file`` for a file's HEAD and index versions: their blob names when
    both are known, else the revision and index paths."""
    before, after = blobs
    if before and after:
        return before, after
    return f"HEAD:./{path}", f":./{path}"


def changed_lines(before: list[str], after: list[str]) -> frozenset[int]:
    """The line numbers (from 1) of ``after`` that the change from ``before`` writes: every line
    added or replaced, and the lines whose meaning a removal may change. A line whose text is
    unchanged, only moved up or down by lines added or removed above it, is not written.

    Removing comments, blank lines or entries whole on their line (``priority: high``, a line
    moved elsewhere) changes no other line. Any other removal marks the lines on each side of
    the gap: a key removed with the lines below it left in place puts them under another key
    or makes the file unreadable there, and the last entry under a key removed leaves the key
    empty. A suppression comment removed or rewritten marks the line it excused."""
    from difflib import SequenceMatcher

    removal: _Removal | None = None
    lines: set[int] = set()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        lines.update(range(j1 + 1, j2 + 1))
        if tag == "insert":
            continue
        if excuses_next_line(before[i2 - 1]):  # alone on its line, it excused the line after it
            lines.add(j2 + 1)
        if tag == "delete":
            removal = removal or _Removal(before)
            if not removal.harmless(i1, i2):
                lines.update((j1, j1 + 1))
    return frozenset(line for line in lines if 1 <= line <= len(after))


class _Removal:
    """Whether removing lines of ``before`` can change what the lines around them mean."""

    def __init__(self, before: list[str]):
        self.before = before
        #: lines inside a value begun on an earlier line (None: the scanner cannot read the file)
        self.inside = continued_lines("\n".join(before))

    def harmless(self, start: int, end: int) -> bool:
        """Lines ``start`` to ``end`` (from 0, ``end`` excluded) removed are comments, blank lines
        and entries whole on their line, the key above them (if they were under one) keeping
        another entry."""
        inside = self.inside
        if inside is None or any(number in inside for number in range(start + 1, end + 1)):
            return False
        removed = [index for index in range(start, end) if not _no_data(self.before[index])]
        if not all(self._whole(index) for index in removed):
            return False
        if not removed:
            return True
        above, below = self._data_line(start - 1, -1), self._data_line(end, 1)
        if above is None or not _under(self.before[above], self.before[removed[0]]):
            return True
        return below is not None and _under(self.before[above], self.before[below])

    def _whole(self, index: int) -> bool:
        """Whether line ``index`` is an entry whole on its line: nothing below it belongs to it."""
        following = self._data_line(index + 1, 1)
        return following is None or not (following + 1 in self._continued() or
                                          _under(self.before[index], self.before[following]))

    def _data_line(self, index: int, step: int) -> int | None:
        """The first line from ``index`` on, going by ``step``, that holds data (a value's own
        lines do, though they may look like comments or be blank)."""
        while 0 <= index < len(self.before):
            if index + 1 in self._continued() or not _no_data(self.before[index]):
                return index
            index += step
        return None

    def _continued(self) -> frozenset[int]:
        return self.inside or frozenset()


def _under(parent: str, child: str) -> bool:
    """Whether YAML line ``child``, the next one holding data, belongs to ``parent``: indented
    deeper, or a list item at its indentation under a key ending the line."""
    if _indent(child) != _indent(parent):
        return _indent(child) > _indent(parent)
    key = re.sub(r"\s+#.*$", "", parent).rstrip()
    return child.lstrip().startswith("- ") and not parent.lstrip().startswith("- ") and key.endswith(":")


def _no_data(line: str) -> bool:
    """A blank line or a comment alone (a value's own lines are told apart by the scanner)."""
    body = line.strip()
    return not body or body.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


#: How the line naming what stops a commit begins (:func:`verdict`), which
#: :func:`govtool.support.gitrepo.commit_files` looks for in a refusing hook's output.
STOPPED = "the commit is stopped by "


def verdict(stopped: list[Problem]) -> str:
    """One line for standard error: what stops the commit (the first problem whole), or why the
    errors listed do not."""
    if stopped:
        return f"{STOPPED}{counted_with_first(stopped, 'in the files it changes')}"
    return ("the commit may go ahead: the register's errors are on lines it does not write, or say what is "
            "late or not yet answered (CI and the reports still show them)")


def counted_with_first(problems: list[Problem], where_from: str) -> str:
    """"2 problems <where_from>; the first: path:line: severity rule message" (the first whole)."""
    first = problems[0]
    where = f"{first.path}:{first.line}" if first.line else first.path
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return (f"{count} {where_from}; {'the first: ' if len(problems) > 1 else ''}"
            f"{where}: {first.severity} {first.rule} {first.message}")
