"""Load a whole register: settings, then every record file, validated and linked.

A bad record file never stops the load: it becomes a :class:`LoadProblem` with its path and
line, and the rest of the register still loads. A bad govtool.yaml does stop it, because no
command can do what it was asked without the settings (GovtoolError, exit 2).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE
from govtool.register.model import Action, LoadProblem, Record, Register, Risk, Settings, Source
from govtool.register.safefile import is_inside, read_record_bytes
from govtool.register.schema import refuse_invalid, validate
from govtool.register.yamlload import MAX_FILE_BYTES, LoadedYaml, YamlProblem, load_yaml
from govtool.support.atomicfile import TEMP_NAME
from govtool.support.errors import GovtoolError

if TYPE_CHECKING:
    from govtool.register.parsecache import ParseCache

RECORD_CLASSES: dict[str, type[Record]] = {"action": Action, "source": Source, "risk": Risk}


def load_register(
    root: Path,
    on_file: Callable[[Path, bytes], None] | None = None,
    use_cache: bool = True,
    staged: Mapping[str, bytes | None] | None = None,
    wanted: Callable[[bytes], bool] | None = None,
) -> Register:
    """The register at ``root``; ``on_file(relative_path, raw_bytes)`` sees each record file read
    (lint looks for its inline-suppression comments there instead of reading every file twice).

    Every file is read; one whose bytes were parsed before takes its parse from the cache in the
    Git directory (``use_cache=False`` parses everything afresh and leaves the cache alone).
    ``staged`` (register-relative posix path -> bytes, None for a file to read from disk) replaces
    the record files in the folders: what a commit would take, for the pre-commit hook.
    ``wanted(raw_bytes)`` false leaves a file out (not parsed, not in the register); such a
    partial load reads the parse cache but does not rewrite it.
    """
    root = root.resolve()
    settings = load_settings(root)
    register = Register(root=root, settings=settings)
    # Imported here: an edit reads one record with parse_record and never needs the cache
    # (nor the hashing and JSON store it brings).
    from govtool.register.parsecache import ParseCache

    cache = ParseCache(root) if use_cache else None
    seen: dict[str, tuple[str, Path]] = {}
    files = iter_record_files(root, register.problems) if staged is None else _staged_files(root, staged)
    for kind, relative, path in files:
        try:
            raw = read_record_bytes(path) if staged is None else _staged_bytes(staged, relative, path)
        except YamlProblem as problem:
            register.problems.append(LoadProblem(problem.kind, relative, problem.line, None, problem.message))
            continue
        if on_file is not None:
            on_file(relative, raw)
        if wanted is not None and not wanted(raw):
            continue
        record, problems = _parse_cached(cache, raw, kind, relative) if cache else parse_record(raw, kind, relative)
        register.problems.extend(problems)
        if record is not None:
            add_record(register, seen, kind, relative, record)
    register.link()
    if cache is not None and wanted is None:
        cache.save()
    return register


def add_record(register: Register, seen: dict[str, tuple[str, Path]], kind: str, relative: Path, record: Record) -> None:
    """Put a record in the register, unless an earlier file (``seen``: folded ID -> ID and
    path) holds its ID: then the second file is a duplicate-id problem and stays out."""
    # Compared without case: on Windows and macOS file systems ACT-ab.yaml and ACT-AB.yaml
    # are one file, so a checkout there would silently keep only one of the two records.
    key = record.id.casefold()
    if key in seen:
        first_id, first_path = seen[key]
        same = "is already used" if first_id == record.id else f"differs only in case from {first_id}, used"
        register.problems.append(
            LoadProblem("duplicate-id", relative, record.line("id"), record.id,
                        f"ID {record.id} {same} by {first_path}: give one of them a new ID")
        )
        return
    seen[key] = (record.id, relative)
    getattr(register, RECORD_FOLDERS[kind])[record.id] = record


def _staged_files(root: Path, staged: Mapping[str, object]) -> Iterator[tuple[str, Path, str]]:
    """The staged record files, as :func:`iter_record_files` yields those of the folders."""
    for kind, relative, path in staged_record_names(root, staged):
        yield kind, Path(relative), path


def staged_record_names(root: Path, staged: Mapping[str, object]) -> Iterator[tuple[str, str, str]]:
    """:func:`_staged_files` with the relative path as posix text, in the order
    :func:`iter_record_names` gives the same files in the folders: folder by folder as a load
    reads them (actions, sources, risks), names sorted within each. The order decides which of
    two records with one ID a load keeps, so a staged lint answers as a plain one would; and the
    lint memo's index, kept in this order, then serves both kinds of run."""
    by_folder: dict[str, list[str]] = {folder: [] for folder in RECORD_FOLDERS.values()}
    for relative in sorted(staged):  # within one folder, the order of the names
        folder, _, name = relative.partition("/")
        held = by_folder.get(folder)
        if held is not None and "/" not in name and name.endswith((".yaml", ".yml")) and not name.startswith("."):
            held.append(relative)
    prefix = f"{root}/"
    for kind, folder in RECORD_FOLDERS.items():
        for relative in by_folder[folder]:
            yield kind, relative, prefix + relative


def _staged_bytes(staged: Mapping[str, bytes | None], relative: Path, path: str) -> bytes:
    raw = staged[relative.as_posix()]
    if raw is None:  # a symbolic link in the index: read (and check) what it points at
        if not is_inside(Path(path), Path(path).parents[1].resolve()):
            raise YamlProblem("unsafe-path", "symbolic link that points outside the register or loops: "
                                             "replace it with the file itself")
        return read_record_bytes(path)
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem("file-too-large", f"file is {len(raw):,} bytes; a record file may be at most {MAX_FILE_BYTES:,}")
    return raw


def _parse_cached(cache: ParseCache, raw: bytes, kind: str, relative: Path) -> tuple[Record | None, list[LoadProblem]]:
    digest, parsed = cache.lookup(raw, relative, RECORD_CLASSES[kind])
    if parsed is None:
        parsed = parse_record(raw, kind, relative)
        cache.store(digest, relative, RECORD_CLASSES[kind], parsed)
    return parsed


def load_settings(root: Path) -> Settings:
    path = root / SETTINGS_FILE
    if not is_inside(path, root.resolve()):
        raise GovtoolError("a symbolic link that points outside the register (or loops): "
                           "replace it with the settings file itself", SETTINGS_FILE)
    try:
        doc = load_yaml(read_record_bytes(path))
    except YamlProblem as problem:
        raise GovtoolError(problem.message, SETTINGS_FILE, problem.line) from None
    if doc.data is None:
        doc.data = {}
    refuse_invalid("settings", doc, SETTINGS_FILE)
    _check_risk_bands(doc)
    _check_framework(doc, root)
    return Settings.build(path, doc)


def _check_framework(doc: LoadedYaml, root: Path) -> None:
    """Refuse a ``framework:`` that names no framework (the file is read only when used)."""
    name = doc.data.get("framework")
    if not isinstance(name, str):
        return
    from govtool.register.frameworks.load import find_file, unknown_framework

    if find_file(name, root) is None:
        raise GovtoolError(unknown_framework(name, root), SETTINGS_FILE, doc.line_of(("framework",)))


def _check_risk_bands(doc: LoadedYaml) -> None:
    """Refuse risk bands that would leave a score without a band or a band without a score."""
    configured = doc.data.get("risk_bands")
    if not isinstance(configured, dict):
        return
    from govtool.register.risk import band_problems  # only for settings that set bands: most do not

    for problem in band_problems(configured):
        where = ("risk_bands", problem.band) if problem.band is not None else ("risk_bands",)
        raise GovtoolError(problem.message, SETTINGS_FILE, doc.line_of(where))


def iter_record_files(root: Path, problems: list[LoadProblem]) -> Iterator[tuple[str, Path, str]]:
    """Every record file in the register, sorted, as (kind, path relative to the register, full
    path as text); anything that leads out of the register is refused.

    The check follows the file *and* its folder: ``actions/`` itself may be a link. Entries
    that are not regular files are yielded too, so that reading them reports what they are.
    """
    for kind, relative, path in iter_record_names(root, problems):
        yield kind, Path(relative), path


def iter_record_names(root: Path, problems: list[LoadProblem]) -> Iterator[tuple[str, str, str]]:
    """:func:`iter_record_files` with the relative path as posix text: building a ``Path`` per
    file is a tenth of a second on 20,000 files, which the incremental lint does not need."""
    problems.extend(orphaned_temp_files(root, Path(".")))
    for kind, folder_name, folder in record_folders(root, problems):
        # os.scandir knows each entry's type from the directory listing: no stat per file.
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        relative_folder = Path(folder_name)
        for entry in entries:
            name = entry.name
            if not is_record_name(name):
                if TEMP_NAME.match(name):
                    problems.extend(orphaned_temp_files(folder, relative_folder, [entry]))
                continue
            # The folder is inside, so only a link can lead out (or loop).
            if entry.is_symlink() and not is_inside(folder / name, root):
                problems.append(LoadProblem("unsafe-path", relative_folder / name, None, None,
                                            "symbolic link that points outside the register or loops: "
                                            "replace it with the file itself"))
                continue
            yield kind, f"{folder_name}/{name}", entry.path


def record_folders(root: Path, problems: list[LoadProblem]) -> Iterator[tuple[str, str, Path]]:
    """(kind, folder name, folder) of each record folder there is, in the order a load reads
    them; a folder that is a link leading out of the register is refused in ``problems``."""
    for kind, folder_name in RECORD_FOLDERS.items():
        folder = root / folder_name
        if not folder.is_dir():
            continue
        if not is_inside(folder, root):
            problems.append(LoadProblem("unsafe-path", Path(folder_name), None, None,
                                        "the folder is a symbolic link that points outside the register: "
                                        "replace it with a real folder"))
            continue
        yield kind, folder_name, folder


def is_record_name(name: str) -> bool:
    """Whether a name in a record folder is a record file's (a hidden file is not)."""
    return name.endswith((".yaml", ".yml")) and not name.startswith(".")


def orphaned_temp_files(
    folder: Path, relative_folder: Path, entries: list[os.DirEntry[str]] | None = None
) -> list[LoadProblem]:
    """Temporary files that a govtool write left behind when it was killed part-way (the file
    it was replacing is whole; the temporary one is litter that may hold a half-written copy)."""
    if entries is None:
        try:
            with os.scandir(folder) as listing:
                entries = [entry for entry in listing if TEMP_NAME.match(entry.name)]
        except OSError:
            return []
    found = []
    # A write holds its temporary file for milliseconds, so one seen by lint is all but
    # certainly left over; no age check (it would make the answer depend on the clock).
    for entry in sorted(entries, key=lambda e: e.name):
        found.append(LoadProblem("orphaned-temp-file", relative_folder / entry.name, None, None,
                                 "a temporary file left by a govtool write that was stopped part-way "
                                 "(the file it was replacing is whole): delete it"))
    return found


#: The lists whose entries are the record's trail: each entry is what happened, kept for good.
TRAIL_LISTS = frozenset({"updates", "redates", "edits", "reopened", "reviews"})


def duplicate_key_message(key_path: tuple[object, ...], first: int) -> str:
    """duplicate-key's message. A field twice in one entry of a list is most often two entries run
    together (both sides of a merge conflict kept, the markers deleted, the second entry's '- '
    line lost): the fix is that line, never deleting what the second entry says."""
    name = ".".join(str(p) for p in key_path)
    inside = [i for i, part in enumerate(key_path) if isinstance(part, int)]
    if not inside:
        return f"'{name}' appears twice (first on line {first}); only the first counts: delete one"
    where = inside[-1]
    listed = str(key_path[where - 1]) if where else "the list"
    fields = key_path[where + 1:]
    field = str(fields[0]) if fields else name
    advice = (f"'{name}' appears twice in one entry of '{listed}' (first on line {first}), and only the first "
              f"counts: if the '{field}:' here begins another entry (two entries run together, as when both sides "
              "of a merge conflict are kept), give that entry its own '- ' line with its own "
              f"{'date' if listed in TRAIL_LISTS else 'fields'}")
    if listed in TRAIL_LISTS:
        return f"{advice}; do not delete either: each entry is part of the trail"
    return f"{advice}; else delete one"


def parse_record(
    raw: bytes, kind: str, relative: Path, validate_schema: bool = True
) -> tuple[Record | None, list[LoadProblem]]:
    """Parse one record file's bytes; the record is None when the file is not a usable record.

    ``validate_schema=False`` skips the JSON Schema check (the history reader parses every old
    version of every file to compare trails, and the check would dominate its cost).
    """
    problems: list[LoadProblem] = []
    try:
        doc = load_yaml(raw)
    except YamlProblem as problem:
        return None, [LoadProblem(problem.kind, relative, problem.line, None, problem.message)]
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {type(doc.data).__name__}, not a mapping of fields"
        return None, [LoadProblem("schema", relative, 1, None, f"the file is {what}: a record starts with 'id: ...'")]
    record_id = doc.data.get("id") if isinstance(doc.data.get("id"), str) else None
    for key_path, line, first in doc.duplicates:
        problems.append(LoadProblem("duplicate-key", relative, line, record_id, duplicate_key_message(key_path, first)))
    for error in validate(kind, doc) if validate_schema else ():
        problems.append(LoadProblem("schema", relative, error.line, record_id, error.message))
    expected = relative.stem
    if record_id is None:
        return None, problems
    if record_id != expected or relative.suffix != ".yaml":
        problems.append(LoadProblem(
            "id-mismatch", relative, doc.line_of(("id",)), record_id,
            f"id {record_id} does not match the file name: rename the file to {record_id}.yaml",
        ))
    record = RECORD_CLASSES[kind](id=record_id, path=relative, doc=doc)
    return record, problems


__all__ = ["load_register", "load_settings", "parse_record", "iter_record_files", "iter_record_names", "LoadedYaml"]
