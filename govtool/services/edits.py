"""Save one change to one record file: locked, checked, atomic, and optionally committed.

Every command that writes goes through here, so the guarantees hold for all of them: the file
is found by its ID and must be a clean record before anything is touched; the new text is
validated against the schema before it replaces the old (an invalid file is never written);
the write is one rename; the register's lock is held from the read to the commit, so two
govtool processes cannot lose each other's change; and a commit contains exactly the change
this command made. What the files it commits already held uncommitted (typed by hand, or left
by a command run with ``--no-commit``), and the uncommitted files its record depends on
(:mod:`govtool.services.commit_scope`), are committed first, on their own, under a message
that says so (:func:`commit_found`): the Git trail never puts a hand edit under a command's
message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
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
from govtool.support.gitrepo import CommitFailed, check_can_commit, commit_files, lock_folder, open_repo, uncommitted
from govtool.support.terminal import GIT_IDENTITY_COMMANDS

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
    notes: list[str] = field(default_factory=list)  # advice printed after the change
    commit: str | None = None  # the commit's hash, when committed
    # Changes already made by hand to these fields of the file, not committed, that this change
    # records (redate of a due date moved by hand): they go into its commit, not the found one.
    records_hand: tuple[str, ...] = ()
    found: list[Path] = field(default_factory=list)  # committed first, on their own (commit_found)
    found_commit: str | None = None  # that commit's hash

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
            f"cannot commit: Git does not know who you are: run {GIT_IDENTITY_COMMANDS} (or give "
            "--no-commit to save the change without committing it); nothing was saved"
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
            raise GovtoolError(f"{failure.done or 'nothing was changed'}: the commit was refused: {failure.message}") from None
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


def read_checked(root: Path, relative: Path, expected_kind: str) -> Record:
    """The record at ``relative`` as its file holds it now, valid, or a one-line refusal (a named
    pipe, a folder, a dangling link, a file lint would reject)."""
    try:
        raw = read_record_bytes(root / relative)
    except YamlProblem as problem:
        raise GovtoolError(f"cannot edit: {problem.message}", relative, problem.line) from None
    return checked_record(raw, expected_kind, relative, "cannot edit")


def edit_record(root: Path, record_id: str, expected_kind: str, apply: Apply, commit: bool) -> SavedChange:
    """Read, change (``apply``), validate, write and maybe commit one record, under the lock."""
    relative = locate_kind(root, record_id, expected_kind)
    with register_lock(lock_folder(root)):
        if commit:  # under the lock: another govtool's commit holds index.lock until it is done
            ensure_can_commit(root)
        path = root / relative
        record = read_checked(root, relative, expected_kind)
        data, yaml = read_for_edit(path, relative)
        change = apply(record, data)
        with all_or_nothing([path]):
            if commit:
                _commit_found(root, change, data)
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
            if commit:
                _commit_found(root, change, data)
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
            if commit:
                _commit_found(root, change, data)
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
    # Files the series may write, as they were before it, where they held uncommitted changes.
    found_before: dict[Path, bytes] = field(default_factory=dict)

    def note_uncommitted(self, paths: Sequence[Path]) -> None:
        """Before anything is written: keep what ``paths`` hold uncommitted now, to be committed
        on its own before the series (:func:`commit_found`), never under one of its messages."""
        dirty = set(uncommitted(self.root, list(paths)))  # resolved paths
        self.found_before = {path: path.read_bytes() for path in paths if path.resolve() in dirty}

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
            # What was uncommitted before the import, in the files it wrote and in those its records
            # depend on, is committed first, on its own (as a command's commit_found does), so that
            # every commit is whole and holds only what its message says.
            written = dict.fromkeys(path for files in self.left for path in files)
            carried = carried_along(self.root, [Path(os.path.relpath(path, self.root)) for path in written])
            found = {**{path: content for path, content in self.found_before.items() if path in written},
                     **{path: path.read_bytes() for path in carried}}
            shown = [Path(os.path.relpath(path, self.root)) for path in found]
            steps = [Step(found_message(shown), found)] if found else []
            steps += [Step(closed(change.message), files) for change, files in zip(self.changes, self.left, strict=True)]
            made = commit_series(self.root, steps, progress)
        if found:
            self.changes[0].found, self.changes[0].found_commit = shown, made.pop(0)
        for change, sha in zip(self.changes, made, strict=True):
            change.commit = sha


def _commit(root: Path, change: SavedChange) -> None:
    written = [root / change.path, *_committable(root, change.also_commit)]
    try:
        change.commit = commit_files(root, written, change.message)
    except CommitFailed as failure:
        if change.found_commit:
            failure.done = (f"your change was not saved, but the changes found uncommitted before it were "
                            f"committed on their own ({change.found_commit[:7]})")
        raise


def _commit_found(root: Path, change: SavedChange, data: object) -> None:
    """Before ``change`` is written: commit what its commit would otherwise sweep in."""
    change.found_commit, change.found = commit_found(
        root, [change.path], {change.path: data}, {change.path: change.records_hand} if change.records_hand else None)


def commit_found(root: Path, written: Sequence[Path], contents: Mapping[Path, object] | None = None,
                 hand: Mapping[Path, tuple[str, ...]] | None = None) -> tuple[str | None, list[Path]]:
    """Before a command writes ``written`` (relative to ``root``) and commits them: commit, on
    its own and as found, what is uncommitted in those files (changes typed by hand, or left
    by a command run with --no-commit) and in the files they depend on (:func:`carried_along`;
    ``contents``: the written files' data as the command will write them, for their links).
    So the command's commit holds only its own change, and the log says where the rest came
    from. ``hand``: fields of a written file whose change by hand the command itself records
    (redate of a due date moved by hand): that change stays for the command's commit.

    The commit goes through the pre-commit hook like any other: when it is refused, nothing
    has been changed and the error says which files hold the changes and why Git refused them.
    Returns that commit's hash (None when there was nothing to commit) and its files, relative
    to ``root``. Call it under the register's lock, inside :func:`all_or_nothing` for the
    written files (a change kept for the command's commit is taken out of the file meanwhile).
    """
    from govtool.services.commit_scope import found_uncommitted  # only when committing

    dirty, carried = found_uncommitted(root, list(written), contents)
    found = [*dirty, *carried]
    for path in dirty:
        fields = (hand or {}).get(Path(os.path.relpath(path, root.resolve())))
        if not fields:
            continue
        without = _without_hand_change(root, path, fields)
        if without is None:  # the file's only uncommitted change is the one the command records
            found.remove(path)
        else:
            write_atomic(path, without)
    if not found:
        return None, []
    shown = [Path(os.path.relpath(p, root.resolve())) for p in found]
    try:
        sha = commit_files(root, found, found_message(shown))
    except CommitFailed as failure:
        raise GovtoolError(_found_refused(root, shown, failure.message)) from None
    return sha, shown


def _found_refused(root: Path, shown: Sequence[Path], reason: str) -> str:
    """Why nothing was changed when Git refused to commit what was found: what happened first,
    in plain words, with the command that puts it right; Git's own words on a second line.
    A due date moved by hand (the pre-commit check's silent-redate) is named as such, with the
    ``govtool redate`` that records why."""
    names = ", ".join(p.as_posix() for p in shown)
    undo = f"to undo {'them' if len(shown) > 1 else 'it'} instead: git checkout -- {names}"
    for relative in shown:
        moved = _due_moved_by_hand(root, relative)
        if moved is not None:
            record_id, old, new = moved
            return (f"{record_id}'s due date was changed in the file by hand ({_day(old)} → {_day(new)}) and not yet "
                    f"saved with a reason: record why with govtool redate {record_id} --to {new.isoformat()} "
                    f"--reason \"...\", then run this command again (nothing was changed)\n"
                    f"(Git's pre-commit check refused to commit the hand edit of {relative.as_posix()} on its own; "
                    f"{undo})")
    return (f"nothing was changed: {names} already had changes made outside this command (by hand, or by a command "
            f"run with --no-commit), which must be committed first, on their own, and Git's pre-commit check "
            f"refused them: {reason}\n(put them right and run the command again; {undo}; or run the command with "
            f"--no-commit to save without committing)")


def _day(day: dt.date) -> str:
    """31 Jan 2027, in English whatever the locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _due_moved_by_hand(root: Path, relative: Path) -> tuple[str, dt.date, dt.date] | None:
    """(ID, due date the last commit has, due date the file has) of an action file whose due
    date was changed and not committed, with no re-date entry added for the move; else None."""
    from govtool.support.gitcommand import GitFailed, run_git

    path = root / relative
    try:
        now = load_yaml(path.read_bytes()).data
        committed = load_yaml(run_git(root, "show", f"HEAD:./{relative.as_posix()}")).data
    except (GitFailed, YamlProblem, OSError):
        return None
    if not (isinstance(now, dict) and isinstance(committed, dict)):
        return None
    try:
        old, new = (dt.date.fromisoformat(str(data.get("due"))) for data in (committed, now))
    except ValueError:
        return None
    was, redates = committed.get("redates"), now.get("redates")
    added = redates[len(was) if isinstance(was, list) else 0:] if isinstance(redates, list) else []
    if old == new or any(isinstance(entry, dict) and str(entry.get("to")) == new.isoformat() for entry in added):
        return None
    return str(now.get("id") or relative.stem), old, new


def _without_hand_change(root: Path, path: Path, fields: tuple[str, ...]) -> str | None:
    """The file's text with ``fields`` as the last commit has them (the rest as it is now);
    None when that is what the last commit holds: nothing else was changed."""
    from govtool.support.gitcommand import GitFailed, run_git

    relative = Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()
    try:
        committed_bytes = run_git(root, "show", f"HEAD:./{relative}")
        committed = load_yaml(committed_bytes).data
    except (GitFailed, YamlProblem):
        return path.read_text(encoding="utf-8")
    if not isinstance(committed, dict):
        return path.read_text(encoding="utf-8")
    data, yaml = read_for_edit(path)
    for name in fields:
        if name in committed:
            value = committed[name]
            with contextlib.suppress(TypeError, ValueError):
                value = dt.date.fromisoformat(value)  # a date, written as a date
            data[name] = value
        elif name in data:
            del data[name]
    text = dump(data, yaml)
    try:
        if load_yaml(text.encode("utf-8")).data == committed:
            return None
    except YamlProblem:
        pass
    return text


def found_message(found: Sequence[Path]) -> str:
    """The message of the commit :func:`commit_found` makes of ``found`` (relative paths)."""
    first = found[0].as_posix()
    others = len(found) - 1
    names = first if not others else f"{first} and {others} other file{'s' if others > 1 else ''}"
    listed = "".join(f"\n- {p.as_posix()}" for p in found)
    return (f"Uncommitted changes to {names}, committed as found\n\n"
            "These changes were already in the register, not committed, when a govtool command was "
            "about to commit its own change. That command did not make them (they were typed by hand, "
            "or made by a command run with --no-commit), so they are committed here, on their own and "
            "as they were, and the next commit holds only that command's change:" + listed)


def found_note(found: Sequence[Path], sha: str) -> str:
    """The line that tells the user about the commit :func:`commit_found` made."""
    return (f"committed {sha[:7]} first, on its own: the changes already in "
            f"{', '.join(p.as_posix() for p in found)}, not made by this command and not committed before")


def _committable(root: Path, extra: Sequence[Path]) -> list[Path]:
    """The extra files Git will take: a file the repository ignores stays out of the commit."""
    repo = open_repo(root)
    if repo is None or not extra:
        return []
    paths = [root / p for p in extra]
    ignored = set(repo.ignored(*[str(p) for p in paths]))
    top = Path(repo.working_tree_dir or root).resolve()
    return [p for p in paths if str(p) not in ignored and str(p.resolve().relative_to(top)) not in ignored]
