"""What the register's pre-commit hook would stop of an import, found before anything is written.

With ``commit: true`` and the pre-commit hook installed (the hook ``govtool init`` writes, run
by ``pre-commit install``, or a hook of one's own that runs ``govtool lint --staged``), the
import passes through :mod:`govtool.lint.commit_gate`, run once over every file it writes: an
error on a line the import writes, from a rule that judges what was written (a group as owner,
an owner not in the directory, a vague action), stops all of its commits. The import is done in a scratch copy first and linted
there; this finds, in that lint, the rows whose records the hook would stop, so that they are
refused in the dry run as with ``--apply``, and the one run of the hook over the whole import
(:mod:`govtool.support.commitseries`) lets its commits through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from govtool.lint.commit_gate import changed_lines, could_stop
from govtool.lint.rule import Problem
from govtool.support.commitseries import find_pre_commit_hook

#: how a hook entry asks for warnings to stop a commit too
_STRICT = re.compile(r"govtool\b[^\n]*\blint\b[^\n]*--strict")


@dataclass(frozen=True)
class Gate:
    """govtool's pre-commit lint, as the installed hook runs it."""

    strict: bool

    def stopping(self, root: Path, copy: Path, problems: Iterable[Problem]) -> list[Problem]:
        """The ``problems`` (found in ``copy``, the register at ``root`` with the import done)
        that would stop the import's commit: those on lines it writes (every line of a new file)."""
        stops = could_stop(self.strict)
        written: dict[str, frozenset[int] | None] = {}

        def on_written_line(problem: Problem) -> bool:
            if problem.path not in written:
                written[problem.path] = _written_lines(root / problem.path, copy / problem.path)
            lines = written[problem.path]
            return problem.line is None or lines is None or problem.line in lines

        return [problem for problem in problems if stops(problem) and on_written_line(problem)]


def commit_gate(register_root: Path) -> Gate | None:
    """The gate a commit in the register's repository passes, or None: no pre-commit hook is
    installed (Git's hooks folder, or ``core.hooksPath``), or it runs no govtool (neither the
    hook nor the repository's ``.pre-commit-config.yaml`` names it)."""
    hook = find_pre_commit_hook(register_root)
    if hook is None:
        return None
    texts = [_read(hook.path), _read(hook.top / ".pre-commit-config.yaml")]
    if not any("govtool" in text for text in texts):
        return None
    return Gate(strict=any(_STRICT.search(text) for text in texts))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _written_lines(before: Path, after: Path) -> frozenset[int] | None:
    """The lines of ``after`` that differ from ``before``; None (every line) for a new file."""
    if not before.is_file() or not after.is_file():
        return None
    return changed_lines(*(path.read_text(encoding="utf-8", errors="replace").splitlines() for path in (before, after)))


def why_stopped(problems: list[Problem], what: str = "its commit") -> str:
    """'the pre-commit hook would stop its commit: error collective-owner: …', the first problem whole."""
    first = problems[0]
    others = sorted({problem.rule for problem in problems[1:]} - {first.rule})
    also = f" (and {', '.join(others)})" if others else ""
    return f"the pre-commit hook would stop {what}: {first.severity} {first.rule}: {first.message}{also}"

