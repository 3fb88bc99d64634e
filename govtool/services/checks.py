"""The check before every commit: govtool's hook in ``.pre-commit-config.yaml``, and Git's own
pre-commit hook, which runs the govtool that wrote it.

Git does not clone hooks, and a register copied in from a zip has none, so ``govtool init``
sets them up for a new register and for an existing one alike, idempotently:

- the repository's ``.pre-commit-config.yaml`` (for pre-commit users and CI) gets the
  ``govtool-lint`` hook: written when there is no such file, added to the one there (its
  entries, comments and indentation kept, one atomic write), left as it is when it runs
  govtool already;
- Git's ``pre-commit`` hook (the file Git itself runs, so a registered manager needs neither
  pre-commit nor a terminal) runs ``govtool lint --staged`` with the Python that wrote it,
  by its full path: a govtool installed in a virtual environment or with pipx is found
  though it is not on the PATH Git runs hooks with. If that Python is gone, the hook runs a
  govtool on PATH, or stops the commit with one line saying how to mend it. A hook someone
  else wrote (pre-commit's own, a team's) is never replaced.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from govtool.register.edit import dump, read_for_edit, write_atomic
from govtool.support.errors import GovtoolError
from govtool.support.gitcommand import GitFailed, GitNotFound, run_git

PRE_COMMIT_FILE = ".pre-commit-config.yaml"
HOOK_ID = "govtool-lint"
#: The command the hook runs, in the config and in Git's hook alike.
LINT_STAGED = "lint --staged"
#: The first line after the shebang of the Git hook govtool writes: how it knows its own.
GIT_HOOK_MARK = "# govtool pre-commit hook"
#: What init says in a shallow clone (``git clone --depth 1``).
SHALLOW_WARNING = ("Warning: this is a shallow clone: each commit is still checked, but 'govtool lint' cannot check "
                   "the history before it (silent re-dates, rewritten trails): run 'git fetch --unshallow' to fetch it.")
#: What pre-commit writes in the Git hook it installs.
PRE_COMMIT_MARK = "pre-commit.com"


def commit_checked(root: Path) -> bool:
    """Whether Git lints with govtool before each commit in ``root``'s repository: its pre-commit
    hook (where Git looks for it, core.hooksPath included) is govtool's, names govtool, or is
    pre-commit's with a config that runs govtool's hook. A command that commits refuses up front
    what that check would refuse: a trial's manager was offered to save a vague action, said
    yes, and lost every answer to the refused commit."""
    try:
        top, hook = run_git(root, "rev-parse", "--show-toplevel", "--git-path", "hooks/pre-commit").decode(
            "utf-8", "surrogateescape").splitlines()
        path = root / hook
        text = path.read_text(encoding="utf-8", errors="replace") if os.access(path, os.X_OK) else ""
    except (GitFailed, GitNotFound, ValueError, OSError):
        return False
    if PRE_COMMIT_MARK in text:
        return runs_govtool(Path(top) / PRE_COMMIT_FILE)
    return "govtool" in text


def runs_govtool(config: Path) -> bool:
    """The repository's pre-commit config already runs govtool's hook (which lints every register
    a commit changes, so a second register in the repository needs nothing more)."""
    try:
        return f"id: {HOOK_ID}" in config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


#: What the generated config says about itself: what to change, and when.
_HOOK_COMMENT = """\
# Lint the govtool registers in this repository before every commit (https://pre-commit.com):
# 'govtool init' installs Git's hook that runs it (or run 'pre-commit install' once here). The
# hook lints each register the commit changes (one register, or one folder per client) and
# stops the commit only for errors in what it changes.
"""


def _local_hook() -> CommentedMap:
    hook = CommentedMap([("id", HOOK_ID), ("name", "govtool lint"), ("entry", f"govtool {LINT_STAGED}"),
                         ("language", "system"), ("pass_filenames", False), ("always_run", True)])
    return CommentedMap([("repo", "local"), ("hooks", CommentedSeq([hook]))])


def pre_commit_config() -> str:
    """A pre-commit config running ``govtool lint --staged`` on every commit.

    A local hook, which runs the govtool installed on the machine: govtool has published no
    release tag to pin, and a config naming one would fail on the first commit. The comment
    says how to have pre-commit install govtool instead (docs/ci.md). No register folder is
    passed: at the repository's root the hook lints every register with staged changes.
    """
    return (
        _HOOK_COMMENT
        + "# This hook runs the govtool installed on this machine ('pip install' it first). To have\n"
        "# pre-commit install govtool itself instead, replace the entry under 'repos:' with\n"
        "#   - repo: https://github.com/YOUR-ORG/govtool   # where your govtool comes from\n"
        "#     rev: COMMIT                                 # a commit (or release tag) of that repository\n"
        "#     hooks:\n"
        f"#       - id: {HOOK_ID}\n"
        "# (docs/ci.md in govtool, 'pre-commit: lint before every commit').\n"
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        f"      - id: {HOOK_ID}\n"
        "        name: govtool lint\n"
        f"        entry: govtool {LINT_STAGED}\n"
        "        language: system\n"
        "        pass_filenames: false\n"
        "        always_run: true\n"
    )


@dataclass
class ChecksSetup:
    """What setting up the checks did, for the user."""

    top: Path  # the top of the repository's working tree
    python: str  # the interpreter Git's hook runs govtool with
    #: "written" (new file), "added" (to the user's file), "present" (ran govtool already),
    #: "left" (could not be read: ``config_problem`` says why, and the hook is to be added by hand)
    config: str = "present"
    config_problem: str | None = None
    #: "installed", "updated" (for another Python), "present" (runs govtool already),
    #: "pre-commit" (pre-commit's own hook, which runs the config), "other" (someone's own hook,
    #: left alone), "hooks-path" (core.hooksPath names a shared folder: left alone)
    hook: str = "present"
    hook_path: Path | None = None
    written: list[Path] = field(default_factory=list)  # absolute
    #: the repository is a shallow clone: the check works, lint's history rules lack the commits
    shallow: bool = False


def set_up_checks(top: Path, python: str | None = None) -> ChecksSetup:
    """Set up both checks for the repository whose working tree starts at ``top``; ``python``
    (default: the one running now) is the interpreter Git's hook runs govtool with."""
    done = ChecksSetup(top, python or sys.executable)
    done.config, done.config_problem = _ensure_config(top / PRE_COMMIT_FILE)
    if done.config in ("written", "added"):
        done.written.append(top / PRE_COMMIT_FILE)
    done.hook, done.hook_path = _ensure_git_hook(top, done.python)
    done.shallow = _is_shallow(top)
    return done


def _is_shallow(top: Path) -> bool:
    try:
        return run_git(top, "rev-parse", "--is-shallow-repository").strip() == b"true"
    except (GitFailed, GitNotFound):
        return False


def _ensure_config(path: Path) -> tuple[str, str | None]:
    if not path.exists():
        write_atomic(path, pre_commit_config())
        return "written", None
    if runs_govtool(path):
        return "present", None
    try:
        data, yaml = read_for_edit(path, PRE_COMMIT_FILE)
    except GovtoolError as why:
        return "left", why.message
    repos = data.get("repos")
    if repos is None:
        data["repos"] = repos = CommentedSeq()
    if not isinstance(repos, CommentedSeq):
        return "left", "its 'repos:' is not a list"
    if not repos:
        repos.fa.set_block_style()  # 'repos: []' becomes a list of entries
    repos.append(_local_hook())
    write_atomic(path, dump(data, yaml))
    return "added", None


def git_hook_script(python: str) -> str:
    """Git's pre-commit hook: ``python -m govtool lint --staged``, else a govtool on PATH, else
    one line saying how to mend it. POSIX shell, which Git for Windows runs hooks with too."""
    quoted = "'" + Path(python).as_posix().replace("'", "'\\''") + "'"
    return (
        "#!/bin/sh\n"
        f"{GIT_HOOK_MARK}: lint what is being committed (govtool {LINT_STAGED}).\n"
        "# Written by 'govtool init', for the govtool installed with the Python below; run\n"
        "# 'govtool init' in the register again after installing govtool elsewhere.\n"
        f"python={quoted}\n"
        "if [ -x \"$python\" ] && \"$python\" -c 'import govtool' 2>/dev/null; then\n"
        f"  exec \"$python\" -m govtool {LINT_STAGED}\n"
        "fi\n"
        "if command -v govtool >/dev/null 2>&1; then\n"
        f"  exec govtool {LINT_STAGED}\n"
        "fi\n"
        "echo \"govtool: the pre-commit hook cannot find govtool (not in $python, nor on PATH): install "
        "govtool, then run 'govtool init' in the register to set the hook up again\" >&2\n"
        "exit 1\n"
    )


def _ensure_git_hook(top: Path, python: str) -> tuple[str, Path | None]:
    try:
        shared = run_git(top, "config", "core.hooksPath").decode("utf-8", "replace").strip()
    except (GitFailed, GitNotFound):
        shared = ""  # not set (git config exits 1)
    try:
        answer = run_git(top, "rev-parse", "--git-path", "hooks/pre-commit").decode("utf-8", "surrogateescape")
    except (GitFailed, GitNotFound) as why:
        raise GovtoolError(f"cannot set up Git's pre-commit hook: {why}") from None
    path = (top / answer.strip()).resolve()
    script = git_hook_script(python)
    try:
        text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
    except OSError:
        text = ""
    if text is not None and GIT_HOOK_MARK not in text:
        if "govtool" in text:
            return "present", path
        return ("pre-commit" if PRE_COMMIT_MARK in text else "other"), path
    if text is None and shared:
        return "hooks-path", path  # a folder the team's hooks are kept in: not govtool's to add to
    if text == script and os.access(path, os.X_OK):
        return "present", path
    write_atomic(path, script)
    path.chmod(0o755)
    return ("installed" if text is None else "updated"), path


def describe(done: ChecksSetup, shown: str, new_register: bool = False) -> list[str]:
    """What was set up, one line each (``shown``: the repository's folder as the user sees it);
    ``new_register``: a config written is listed with the new register's files already."""
    lines = []
    config = PRE_COMMIT_FILE if shown in ("", ".") else f"{shown}/{PRE_COMMIT_FILE}"
    if done.config == "written" and new_register:
        pass
    elif done.config == "present" and new_register:
        lines.append(f"The repository's {PRE_COMMIT_FILE} runs {HOOK_ID} already: it lints this register too, "
                     "in the commits that change it.")
    elif done.config == "written":
        lines.append(f"Wrote {config}: the {HOOK_ID} hook, for pre-commit and CI.")
    elif done.config == "added":
        lines.append(f"Added the {HOOK_ID} hook to {config} (its other entries and comments are kept).")
    elif done.config == "present":
        lines.append(f"{config} runs {HOOK_ID} already.")
    elif done.config == "left":
        lines.append(f"Could not add the {HOOK_ID} hook to {config} ({done.config_problem}); add it by hand:")
        lines.append(pre_commit_config().split("repos:\n", 1)[-1].rstrip())
    hook = done.hook_path
    if done.hook == "installed":
        lines.append("Installed Git's pre-commit hook: each commit is linted first, by this govtool.")
    elif done.hook == "updated":
        lines.append("Updated Git's pre-commit hook: it runs this govtool now.")
    elif done.hook == "present":
        lines.append("Git's pre-commit hook runs govtool already.")
    elif done.hook == "pre-commit":
        lines.append(f"Git's pre-commit hook is pre-commit's: it runs {HOOK_ID} from {PRE_COMMIT_FILE}.")
    elif done.hook == "other":
        lines.append(f"Git's pre-commit hook ({hook}) is someone else's and was left alone: add the line "
                     f"'govtool {LINT_STAGED}' to it to lint each commit.")
    elif done.hook == "hooks-path":
        lines.append(f"Git runs hooks from a shared folder (core.hooksPath, {hook.parent if hook else '?'}), "
                     f"left alone: add a pre-commit hook there that runs 'govtool {LINT_STAGED}'.")
    if done.shallow:
        lines.append(SHALLOW_WARNING)
    return lines
