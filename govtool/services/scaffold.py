"""A new register: settings, folders, the pre-commit hook, and a Git repository if needed.

The settings file carries comments that show the people-directory format, because the first
thing a new user edits is that file and the schema is not where they will look.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import git
import yaml

from govtool.register.edit import write_atomic
from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE
from govtool.register.people import git_identity
from govtool.support.errors import GovtoolError
from govtool.support.gitrepo import CommitFailed, commit_files, open_repo

FOLDERS = (*RECORD_FOLDERS.values(), "evidence")
PRE_COMMIT_FILE = ".pre-commit-config.yaml"
HOOK_ID = "govtool-lint"

SETTINGS_TEMPLATE = """\
# govtool register settings (reference: schemas/settings.schema.json in govtool).
provider: {provider}
location: {location}
# rating: Requires Improvement       # the current CQC rating, for the reports

# Commit every change govtool makes to Git, as if --commit were given:
commit: {commit}

# The people directory: the people who own and sign off actions. Actions store the ID
# (the key on the left); commands accept the ID or the name. Replace {{}} with entries:
#   jane.smith:
#     name: Jane Smith
#     role: Registered Manager
#     email: jane.smith@example.org    # optional: matched to git's user.email for --by
#   amy.jones:
#     name: Amy Jones
#     role: Clinical Lead
#     left: 2026-06-30                 # staff who have left can no longer own actions
people: {{}}
"""


@dataclass
class NewRegister:
    root: Path
    created_repository: bool
    written: list[Path] = field(default_factory=list)  # relative to the register
    hook_hint: str | None = None  # the hook to add by hand when a pre-commit config existed
    hook_present: bool = False  # the repository's pre-commit config already runs govtool's hook
    commit: str | None = None


def init_register(
    folder: Path, *, provider: str, location: str | None, auto_commit: bool = False, commit: bool = False,
) -> NewRegister:
    """Make a register in ``folder`` (created if missing); refuse if one is already there."""
    root = check_target(folder)
    provider = " ".join(provider.split())
    if not provider:
        raise GovtoolError("--provider is empty: give the registered provider's name")
    if commit or auto_commit:
        _ensure_identity(root)  # before anything is made: the same command works once it is set
    made = _missing_folders(root)
    root.mkdir(parents=True, exist_ok=True)
    repo = open_repo(root)
    result = NewRegister(root=root, created_repository=repo is None)
    if repo is None:
        repo = git.Repo.init(root)
    try:
        _populate(root, repo, result, provider, location, auto_commit, commit)
    except BaseException:
        _remove(result, made)  # all or nothing: a failed init leaves no half-made register behind
        raise
    return result


def check_target(folder: Path) -> Path:
    """``folder`` resolved, once a register can be made there: refused (GovtoolError) when one is
    there already, when it is a file, or when it is inside another register. ``init`` asks this
    before it asks for anything, so no one answers questions for a register that cannot be made."""
    root = folder.resolve()
    if (root / SETTINGS_FILE).exists():
        raise GovtoolError(f"a register already exists here ({SETTINGS_FILE}): nothing changed", root / SETTINGS_FILE)
    if root.exists() and not root.is_dir():
        raise GovtoolError(f"{folder} is a file, not a folder")
    _refuse_inside_a_register(root)
    return root


def _populate(root: Path, repo: git.Repo, result: NewRegister, provider: str, location: str | None,
              auto_commit: bool, commit: bool) -> None:
    top = Path(repo.working_tree_dir or root).resolve()

    settings = SETTINGS_TEMPLATE.format(
        provider=_scalar(provider),
        location=_scalar(" ".join((location or "").split()) or provider),
        commit="true" if auto_commit else "false",
    )
    write_atomic(root / SETTINGS_FILE, settings)
    result.written.append(Path(SETTINGS_FILE))
    for name in FOLDERS:
        keep = root / name / ".gitkeep"
        keep.parent.mkdir(exist_ok=True)
        if not any(keep.parent.iterdir()):
            keep.touch()
            result.written.append(Path(name, ".gitkeep"))

    hook = pre_commit_config()
    existing = top / PRE_COMMIT_FILE
    if existing.exists():
        result.hook_present = runs_govtool(existing)
        if not result.hook_present:
            result.hook_hint = hook
    else:
        write_atomic(top / PRE_COMMIT_FILE, hook)
        result.written.append(Path(os.path.relpath(top / PRE_COMMIT_FILE, root)))

    if commit or auto_commit:
        paths = [(root / p).resolve() for p in result.written]
        try:
            result.commit = commit_files(root, paths, f"Start the govtool register for {provider}")
        except CommitFailed as failed:
            raise GovtoolError(f"nothing was made: the commit was refused: {failed.message}") from None


def _refuse_inside_a_register(root: Path) -> None:
    """A register inside another would be read as part of the outer one's folder by every
    command run above it, and its records mixed up with the outer one's: refuse, naming it.
    (Registers side by side, one folder per client, are fine.)"""
    for folder in root.parents:
        if (folder / SETTINGS_FILE).is_file():
            raise GovtoolError(
                f"{root} is inside the register at {folder}: make the new register beside it, not inside it "
                "(one folder per client, e.g. clients/NAME, with no register above them); nothing was made")


def knows_git_identity(folder: Path) -> bool:
    """Whether Git, run where ``folder`` is or will be, knows a name and an email to commit with."""
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    return all(git_identity(existing))


def _ensure_identity(folder: Path) -> None:
    """Refuse, before anything is written, a commit Git would refuse for want of a name."""
    if not knows_git_identity(folder):
        raise GovtoolError(
            "cannot commit: Git does not know who you are: run git config --global user.name 'Your Name' and "
            "git config --global user.email you@example.org, then run this command again (nothing was made)"
        )


def _missing_folders(root: Path) -> list[Path]:
    """The folders ``root.mkdir(parents=True)`` is about to create, outermost first."""
    return [p for p in reversed((root, *root.parents)) if not p.exists()]


def _remove(result: NewRegister, made_folders: list[Path]) -> None:
    """Undo a failed init: the files it wrote, the repository it created, the folders it made."""
    root = result.root
    for relative in result.written:
        (root / relative).unlink(missing_ok=True)
    for name in FOLDERS:
        with contextlib.suppress(OSError):
            (root / name).rmdir()  # only if empty: a folder that held the user's files stays
    if result.created_repository:
        shutil.rmtree(root / ".git", ignore_errors=True)
    for folder in reversed(made_folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, quoted otherwise."""
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


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
# run 'pre-commit install' once here. The hook lints each register the commit changes (one
# register, or one folder per client) and stops the commit only for errors in what it changes.
"""


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
        "        entry: govtool lint --staged\n"
        "        language: system\n"
        "        pass_filenames: false\n"
        "        always_run: true\n"
    )
