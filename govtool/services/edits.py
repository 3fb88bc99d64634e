"""Save one change to one record file: locked, checked, atomic, and optionally committed.

Every command that writes goes through here, so the guarantees hold for all of them: the file
is found by its ID and must be a clean record before anything is touched; the new text is
validated against the schema before it replaces the old (an invalid file is never written);
the write is one rename; the register's lock is held from the read to the commit, so two
govtool processes cannot lose each other's change; and a commit contains exactly the files
this change touched.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from govtool.register.edit import dump, read_for_edit, register_lock, write_atomic
from govtool.register.find import SETTINGS_FILE, locate
from govtool.register.load import load_settings, parse_record
from govtool.register.model import Record
from govtool.register.people import git_identity
from govtool.register.safefile import read_record_bytes
from govtool.register.schema import schema_for, validate
from govtool.register.yamlload import YamlProblem, load_yaml
from govtool.support.errors import GovtoolError
from govtool.support.gitrepo import CommitFailed, check_can_commit, commit_files, lock_folder, open_repo

#: The order of an action's fields in its schema; a field the CLI adds goes after its elders.
ACTION_FIELD_ORDER = tuple(schema_for("action")["properties"])

SUBJECT_LIMIT = 72


@dataclass
class SavedChange:
    """What a command did to the register, for the user and for Git."""

    record_id: str
    path: Path  # relative to the register
    subject: str  # first line of the commit message
    body: str = ""
    also_commit: list[Path] = field(default_factory=list)  # e.g. the evidence files it points to
    carried: list[Path] = field(default_factory=list)  # committed too: files it depends on (commit_scope)
    notes: list[str] = field(default_factory=list)  # advice printed after the change
    commit: str | None = None  # the commit's hash, when committed

    @property
    def message(self) -> str:
        return f"{self.subject}\n\n{self.body}" if self.body else self.subject


def subject_line(record_id: str, what: str, detail: str | None = None) -> str:
    """``ACT-7Q2K9D: re-dated to 2027-04-30 (supplier delay)``, shortened to fit a log line."""
    line = f"{record_id}: {what}"
    if detail:
        detail = " ".join(detail.split())
        room = SUBJECT_LIMIT - len(line) - 3
        if len(detail) > room:
            detail = detail[: max(room - 1, 10)].rstrip() + "…"
        line += f" ({detail})"
    return line


def after(key: str) -> tuple[str, ...]:
    """The fields an action's ``key`` follows, for inserting it in its usual place."""
    return ACTION_FIELD_ORDER[: ACTION_FIELD_ORDER.index(key)]


def checked_record(raw: bytes, kind: str, relative: Path, doing: str) -> Record:
    """The record in ``raw``, or a one-line error naming the first problem's file and line."""
    record, problems = parse_record(raw, kind, relative)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more: run 'govtool lint')" if len(problems) > 1 else ""
        raise GovtoolError(f"{doing}: {first.message}{more}", first.path, first.line)
    assert record is not None  # no problems means a record
    return record


def ensure_can_commit(root: Path) -> None:
    """Refuse before writing anything when a requested commit could not be made."""
    check_can_commit(root)
    name, email = git_identity(root)
    if not (name and email):
        raise GovtoolError(
            "cannot commit: Git does not know who you are: run "
            "git config --global user.name 'Your Name' and git config --global user.email you@example.org"
        )


@contextlib.contextmanager
def all_or_nothing(paths: Sequence[Path]) -> Iterator[None]:
    """Put ``paths`` back as they were (the same file, or absent) if the block fails.

    A change and its commit are one step for the user: when the commit cannot be made (a hook
    refuses, the index is locked, the disk is full) the record is restored, so the register is
    exactly as before and running the same command again adds its entry once. The original
    is kept as a second name (a hard link) of the same file, so putting it back is one rename
    and needs no free space: it works on a full disk too.
    """
    kept = {path: _keep(path) for path in paths}
    try:
        yield
    except BaseException as failure:
        for path, original in kept.items():
            _put_back(path, original)
        if isinstance(failure, CommitFailed):
            raise GovtoolError(f"nothing was changed: the commit was refused: {failure.message}") from None
        raise
    else:
        for original in kept.values():
            if isinstance(original, Path):
                original.unlink(missing_ok=True)


def _keep(path: Path) -> Path | bytes | None:
    """A second name for ``path`` (or, where hard links are refused, its bytes); None if absent."""
    if not path.is_file():
        return None
    spare = path.with_name(f".{path.name}.{os.getpid()}.orig")
    try:
        os.link(path, spare)
    except OSError:  # a file system without hard links
        return path.read_bytes()
    return spare


def _put_back(path: Path, original: Path | bytes | None) -> None:
    if original is None:
        path.unlink(missing_ok=True)
    elif isinstance(original, Path):
        if path.exists() and os.path.samefile(original, path):
            original.unlink()  # never replaced: renaming a file onto itself would leave both names
        else:
            os.replace(original, path)
    elif not path.is_file() or path.read_bytes() != original:
        write_atomic(path, original)


def locate_kind(root: Path, record_id: str, expected_kind: str) -> Path:
    """The file of ``record_id``, which must be a record of ``expected_kind``."""
    kind, relative = locate(root, record_id)
    if kind != expected_kind:
        raise GovtoolError(f"{record_id} is a {kind}: only an {expected_kind} can be changed this way")
    return relative


Apply = Callable[[Record, CommentedMap], SavedChange]


def edit_record(root: Path, record_id: str, expected_kind: str, apply: Apply, commit: bool) -> SavedChange:
    """Read, change (``apply``), validate, write and maybe commit one record, under the lock."""
    relative = locate_kind(root, record_id, expected_kind)
    with register_lock(lock_folder(root)):
        if commit:  # under the lock: another govtool's commit holds index.lock until it is done
            ensure_can_commit(root)
        path = root / relative
        try:
            raw = read_record_bytes(path)
        except YamlProblem as problem:
            raise GovtoolError(f"cannot edit: {problem.message}", relative, problem.line) from None
        record = checked_record(raw, expected_kind, relative, "cannot edit")
        data, yaml = read_for_edit(path, relative)
        change = apply(record, data)
        with all_or_nothing([path]):
            save_checked(root, expected_kind, relative, dump(data, yaml))
            if commit:
                _commit(root, change)
    return change


def edit_settings(root: Path, apply: Callable[[CommentedMap], SavedChange], commit: bool) -> SavedChange:
    """Read, change (``apply``), validate, write and maybe commit govtool.yaml, under the lock.

    The same guarantees as a record edit: comments and key order kept, the new text checked
    against the settings schema before it replaces the old, one rename, one commit.
    """
    relative = Path(SETTINGS_FILE)
    with register_lock(lock_folder(root)):
        if commit:  # under the lock, as for a record
            ensure_can_commit(root)
        load_settings(root)  # a settings file with problems is not edited: one line says which
        data, yaml = read_for_edit(root / relative, relative)
        change = apply(data)
        text = dump(data, yaml)
        try:
            errors = validate("settings", load_yaml(text.encode("utf-8")))
        except YamlProblem as problem:
            raise GovtoolError(f"refusing to save invalid settings: {problem.message}", relative, problem.line) from None
        if errors:
            raise GovtoolError(f"refusing to save invalid settings: {errors[0].message}", relative, errors[0].line)
        with all_or_nothing([root / relative]):
            write_atomic(root / relative, text)
            if commit:
                _commit(root, change)
    return change


def create_record(root: Path, kind: str, data: CommentedMap, change: SavedChange, commit: bool) -> SavedChange:
    """Write a new record file (never over an existing one) and maybe commit it."""
    with register_lock(lock_folder(root)):
        if commit:
            ensure_can_commit(root)
        if (root / change.path).exists():
            raise GovtoolError("a record with this ID already exists", change.path)
        with all_or_nothing([root / change.path]):
            save_checked(root, kind, change.path, dump(data))
            if commit:
                _commit(root, change)
    return change


def save_checked(root: Path, kind: str, relative: Path, text: str) -> None:
    """Write ``text`` atomically, but only if it is a valid record (else one-line error, nothing written)."""
    checked_record(text.encode("utf-8"), kind, relative, "refusing to save an invalid record")
    write_atomic(root / relative, text)


@dataclass
class ChangeSeries:
    """Changes saved one after another without committing (``govtool import --apply``), each with
    what it left in the files its commit holds, to be committed afterwards one by one."""

    root: Path
    changes: list[SavedChange] = field(default_factory=list)
    left: list[dict[Path, bytes]] = field(default_factory=list)  # per change: its files as it left them

    def add(self, change: SavedChange) -> None:
        files = [self.root / change.path, *(_committable(self.root, change.also_commit) if change.also_commit else ())]
        self.left.append({path: path.read_bytes() for path in files})
        self.changes.append(change)

    def commit_each(self, progress: Callable[[int, int], None] | None = None, *, received: str = "") -> None:
        """Each change its own commit with its own message, as if each command had committed it,
        without the pre-commit hook (:mod:`govtool.support.commitseries`), under the lock; ``received``,
        a paragraph that closes every message, says so. Raises CommitFailed, with no commit made:
        the caller puts the files back."""
        from govtool.services.commit_scope import carried_along  # only when committing
        from govtool.support.commitseries import Step, commit_series

        def closed(message: str) -> str:
            return f"{message}\n\n{received}" if received else message

        with register_lock(lock_folder(self.root)):
            # What the import's records depend on and was never committed goes into its first
            # commit, as a command's commit takes it (commit_whole), so that every commit is whole.
            written = dict.fromkeys(path for files in self.left for path in files)
            carried = carried_along(self.root, [Path(os.path.relpath(path, self.root)) for path in written])
            first = self.changes[0]
            first.carried = [Path(os.path.relpath(path, self.root)) for path in carried]
            steps = [Step(closed(_naming_carried(first.message, first.carried)),
                          {**self.left[0], **{path: path.read_bytes() for path in carried}})]
            steps += [Step(closed(change.message), files)
                      for change, files in zip(self.changes[1:], self.left[1:], strict=True)]
            made = commit_series(self.root, steps, progress)
        for change, sha in zip(self.changes, made, strict=True):
            change.commit = sha


def _commit(root: Path, change: SavedChange) -> None:
    written = [root / change.path, *_committable(root, change.also_commit)]
    change.commit, change.carried = commit_whole(root, written, change.message)


def commit_whole(root: Path, written: list[Path], message: str) -> tuple[str, list[Path]]:
    """Commit ``written`` (absolute paths) with the register's uncommitted files they depend on
    (:mod:`govtool.services.commit_scope`); the commit's hash, and those files relative to ``root``.

    The commit message names the files carried along, so the log says why they are there."""
    from govtool.services.commit_scope import carried_along  # only when committing

    carried = carried_along(root, [Path(os.path.relpath(p, root)) for p in written])
    shown = [Path(os.path.relpath(p, root)) for p in carried]
    return commit_files(root, [*written, *carried], _naming_carried(message, shown)), shown


def _naming_carried(message: str, carried: Sequence[Path]) -> str:
    """``message`` naming the files carried along (relative to the register), so the log says why they are there."""
    if not carried:
        return message
    listed = "".join(f"\n- {p.as_posix()}" for p in carried)
    return message + ("\n\n" if "\n\n" not in message else "\n") + "Also commits what this change depends on, not committed before:" + listed


def carried_note(carried: Sequence[Path]) -> str:
    """The line that says which files a commit carried along, and why."""
    return ("also committed what this change depends on, not committed before: "
            + ", ".join(p.as_posix() for p in carried))


def _committable(root: Path, extra: Sequence[Path]) -> list[Path]:
    """The extra files Git will take: a file the repository ignores stays out of the commit."""
    repo = open_repo(root)
    if repo is None or not extra:
        return []
    paths = [root / p for p in extra]
    ignored = set(repo.ignored(*[str(p) for p in paths]))
    top = Path(repo.working_tree_dir or root).resolve()
    return [p for p in paths if str(p) not in ignored and str(p.resolve().relative_to(top)) not in ignored]
