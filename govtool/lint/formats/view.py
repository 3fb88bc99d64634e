"""What an output format needs besides the problems: how to name a file, and the rules' codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govtool.lint.rule import Problem


@dataclass(frozen=True)
class Earlier:
    """A ``--base`` run's problems that were there before its base (on lines the changes leave
    alone): the ``github`` format shows them as notices, which do not fail the check."""

    #: the base as named to the user
    base: str
    holds: Callable[[Problem], bool]


@dataclass(frozen=True)
class OutputView:
    #: prepended to register-relative paths; "" for the register's own view, or the register's
    #: folder inside its Git repository (e.g. "clients/acme/") for GitHub, which wants
    #: repository-relative paths
    prefix: str = ""
    #: ANSI colours (text format, on a terminal)
    color: bool = False
    #: counts per rule after the problems (text), or on standard error (the others)
    statistics: bool = False
    #: the problems only: no summary line (text)
    quiet: bool = False
    #: a ``--base`` run's problems already there before it (github format); the output memo is
    #: not used for such a view
    earlier: Earlier | None = None
    #: a pre-commit run's problems in the files its commit leaves alone, left out of the text
    #: output and counted in its summary line
    left_alone: int = 0
    #: the -C option a message's command needs to reach the register from where lint was run
    #: ("-C clients/acme"), when it lints several: "" for the register lint was run in
    reach: str = ""

    def path(self, register_path: str) -> str:
        return self.prefix + register_path

    def command_in(self, message: str) -> str:
        """``message`` with its govtool commands typed to run from where lint was run (a
        consultant's trial copied 'govtool redate ...' at the repository's root and was told
        there was no register there)."""
        return _COMMAND_RE.sub(f"govtool {self.reach} ", message) if self.reach else message


#: "govtool redate", "(govtool new action": a command in a message, not "govtool.yaml"
_COMMAND_RE = re.compile(r"\bgovtool (?=[a-z])")


def repository_prefix(register_root: Path) -> str:
    """The register's folder relative to the root of its Git repository, with a trailing '/'.

    GitHub code scanning and workflow annotations match files by their path in the repository,
    so a register kept in a subfolder (one register per client) must report
    ``clients/acme/actions/ACT-1.yaml``, not ``actions/ACT-1.yaml``. Outside Git the paths
    stay register-relative. A ``.git`` file (worktrees, submodules) marks a root as well.
    """
    root = register_root.resolve()
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            relative = root.relative_to(folder).as_posix()
            return "" if relative == "." else relative + "/"
    return ""
