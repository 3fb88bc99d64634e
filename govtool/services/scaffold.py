"""A new register: settings, folders, the pre-commit hook, and a Git repository if needed; or,
for a register that is there already (cloned, or copied in), what this computer lacks of them.

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
from govtool.register.evidence import EVIDENCE_FOLDER
from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE
from govtool.register.people import git_identity
from govtool.register.vocabulary import RATINGS, choice
from govtool.services.checks import PRE_COMMIT_FILE, ChecksSetup, set_up_checks
from govtool.support.errors import GovtoolError
from govtool.support.gitcommand import GitFailed, GitNotFound, run_git
from govtool.support.gitrepo import CommitFailed, commit_files, open_repo
from govtool.support.terminal import GIT_IDENTITY_COMMANDS

FOLDERS = (*RECORD_FOLDERS.values(), EVIDENCE_FOLDER)

SETTINGS_TEMPLATE = """\
# govtool register settings (reference: schemas/settings.schema.json in govtool).
provider: {provider}
location: {location}
{rating}

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
    checks: ChecksSetup | None = None  # the pre-commit config and Git's hook
    commit: str | None = None
    #: what init changed outside its new files, as it was: a pre-commit config it added to (its
    #: bytes, put back on failure), Git's hook it installed (None: removed on failure)
    before: dict[Path, bytes | None] = field(default_factory=dict)


def init_register(
    folder: Path, *, provider: str, location: str | None, auto_commit: bool = False, commit: bool = False,
    rating: str | None = None,
) -> NewRegister:
    """Make a register in ``folder`` (created if missing); refuse if one is already there.
    ``rating``: the service's current overall CQC rating, one of the schema's values."""
    root = check_target(folder)
    if rating is not None:
        rating = choice(rating, "--rating", RATINGS)
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
        _populate(root, repo, result, provider, location, auto_commit, commit, rating)
    except BaseException:
        _remove(result, made)  # all or nothing: a failed init leaves no half-made register behind
        raise
    return result


@dataclass
class TakenOver:
    """What ``govtool init`` set up for a register that was there already."""

    root: Path
    created_repository: bool
    checks: ChecksSetup
    #: nothing of the register is in a commit yet (copied in, or never committed)
    never_committed: bool
    #: the commit of the register as received, or of the pre-commit config alone
    commit: str | None = None
    committed_files: int = 0


def existing_register(folder: Path) -> Path | None:
    """``folder`` resolved, when a register is there already (its ``govtool.yaml``)."""
    root = folder.resolve()
    return root if (root / SETTINGS_FILE).is_file() else None


def take_over(root: Path, *, provider: str | None, commit: bool = False) -> TakenOver:
    """Set up what an existing register lacks on this computer: a Git repository if it is in
    none, govtool's hook in the pre-commit config, and Git's pre-commit hook (Git does not
    clone hooks). Idempotent: what is there already is left as it is.

    ``commit``: a register none of whose files is committed yet (one copied in) is committed
    as received, without the pre-commit check (its old problems are the starting point: they
    would otherwise stop this first commit, as every line of it is new), with the config; in
    a register already committed, only a config written or changed here is committed.
    """
    if commit:
        _ensure_identity(root)
    repo = open_repo(root)
    created = repo is None
    if repo is None:
        repo = git.Repo.init(root)
    top = Path(repo.working_tree_dir or root).resolve()
    checks = set_up_checks(top)
    done = TakenOver(root, created, checks, never_committed=not _committed_files(root))
    if not commit:
        return done
    where = f" for {provider}" if provider else ""
    try:
        if done.never_committed:
            files = _files_to_commit(root)
            done.commit = commit_files(
                root, [root, *checks.written],
                f"Take over the govtool register{where} as received\n\n"
                "Committed as it was received, without the pre-commit check: the problems lint lists "
                "in it were there before. From here on the check judges what each commit changes.",
                verify=False)
            done.committed_files = len(files)
        elif checks.written:
            done.commit = commit_files(root, checks.written, "Lint every commit with govtool's pre-commit hook")
    except CommitFailed as failed:
        raise GovtoolError(f"the checks are set up, but the commit was refused: {failed.message}") from None
    return done


def _committed_files(root: Path) -> bool:
    """Whether any file of the register is in the last commit (False before the first commit)."""
    try:
        out = run_git(root, "ls-tree", "-r", "--name-only", "HEAD", "--", ".")
    except (GitFailed, GitNotFound):
        return False
    return bool(out.strip())


def _files_to_commit(root: Path) -> list[str]:
    """The register's files Git would take (its ignore rules honoured), relative to the register."""
    out = run_git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ".")
    return [path for path in out.decode("utf-8", "surrogateescape").split("\0") if path]


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
              auto_commit: bool, commit: bool, rating: str | None) -> None:
    top = Path(repo.working_tree_dir or root).resolve()

    settings = SETTINGS_TEMPLATE.format(
        provider=_scalar(provider),
        location=_scalar(" ".join((location or "").split()) or provider),
        commit="true" if auto_commit else "false",
        rating=(f"rating: {_scalar(rating)}" if rating else "# rating: Requires Improvement").ljust(35)
        + f"# the current CQC rating ({', '.join(RATINGS[:-1])} or {RATINGS[-1]}), shown at the top "
        "of every report and in the portfolio",
    )
    write_atomic(root / SETTINGS_FILE, settings)
    result.written.append(Path(SETTINGS_FILE))
    for name in FOLDERS:
        keep = root / name / ".gitkeep"
        keep.parent.mkdir(exist_ok=True)
        if not any(keep.parent.iterdir()):
            keep.touch()
            result.written.append(Path(name, ".gitkeep"))

    config = top / PRE_COMMIT_FILE
    if config.is_file():
        result.before[config] = config.read_bytes()
    result.checks = set_up_checks(top)
    if result.checks.hook == "installed" and result.checks.hook_path is not None:
        result.before[result.checks.hook_path] = None  # removed again if init fails
    result.written += [Path(os.path.relpath(path, root)) for path in result.checks.written]

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


def set_git_identity(folder: Path, name: str, email: str) -> None:
    """Tell Git the name and email to record on commits, for this computer's user (``git config
    --global``): the repository ``init`` makes does not exist yet when it is asked, and every
    register kept here (one cloned later too) then commits as the same person."""
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    try:
        for key, value in (("user.name", name), ("user.email", email)):
            run_git(existing, "config", "--global", key, value)
    except (GitFailed, GitNotFound) as failure:
        raise GovtoolError(f"could not give Git your name and email: {failure}; run {GIT_IDENTITY_COMMANDS} "
                           "(nothing was made)") from None


def _ensure_identity(folder: Path) -> None:
    """Refuse, before anything is written, a commit Git would refuse for want of a name."""
    if not knows_git_identity(folder):
        raise GovtoolError(
            f"cannot commit: Git needs your name and email to record who made each change: run "
            f"{GIT_IDENTITY_COMMANDS}, then run this command again (nothing was made)"
        )


def _missing_folders(root: Path) -> list[Path]:
    """The folders ``root.mkdir(parents=True)`` is about to create, outermost first."""
    return [p for p in reversed((root, *root.parents)) if not p.exists()]


def _remove(result: NewRegister, made_folders: list[Path]) -> None:
    """Undo a failed init: the files it wrote, the repository it created, the folders it made."""
    root = result.root
    for relative in result.written:
        path = (root / relative).resolve()
        original = result.before.get(path)
        if original is not None:
            write_atomic(path, original)  # the user's own file, as it was
        else:
            path.unlink(missing_ok=True)
    hook = result.checks.hook_path if result.checks is not None else None
    if hook is not None and hook in result.before:  # the Git hook this init installed
        hook.unlink(missing_ok=True)
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
