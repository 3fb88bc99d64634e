"""Which record files name a record: an index kept by each file's stat, so that finding a risk's
(or a source's, or a parent's) actions does not read every file.

``review RSK`` and ``show`` need the records that point *at* one, ``person leave`` the actions
someone owns. Reading every file to find them made ``review`` grow with the register (0.11 s
at 300 actions, 0.47 s at 20,000). This index keeps, for every record file, what its parse
says about links: the record's ID, the source, risk and parent it names (exactly what
:meth:`Register.link` reads), its owner and its status. A file is trusted
by its stat signature (size, modification and change times in nanoseconds, inode; Git's index
does the same) and read and parsed again when that differs, when it is a link or not a regular
file, or when it was touched within :data:`RACY_NS` of the run's start (Git's "racily clean"
case: a write in the same clock tick would not move the times). A file added or deleted shows
in the folder listing, which is taken on every run. So the files found are those a full scan
finds, without reading the unchanged ones.

The index lives in ``<git-dir>/govtool/backlinks-<register>-<version>.json`` (checked JSON,
:mod:`govtool.cache.store`), its version a digest of the parser's version and this module's
source; outside Git there is none and the caller reads every file. A corrupt, foreign or
ill-shaped index, or an entry of the wrong shape, is treated as absent.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from govtool.cache import filestat
from govtool.cache.store import drop_stale_versions, read_checked, register_cache_path, write_checked
from govtool.register.find import RECORD_FOLDERS
from govtool.register.load import RECORD_CLASSES, is_record_name, parse_record, record_folders
from govtool.register.parsecache import ParseCache, parser_version
from govtool.register.safefile import is_inside, read_record_bytes
from govtool.register.yamlload import YamlProblem

FORMAT = "govtool-backlinks"
#: How recent a file's times may be and its stat still be trusted (:mod:`govtool.cache.filestat`);
#: a name of this module so that tests can trust every stat at once.
RACY_NS = filestat.RACY_NS
#: An entry: [stat signature or None, record ID, source, risk, parent, owner, status] (None
#: where absent).
Entry = list[str | None]
FIELDS = 7
#: Where an entry names another record (its source, risk and parent), its owner, its status.
LINKS, OWNER, STATUS = (2, 3, 4), (5,), 6
#: How an entry is stored: its fields joined by SEPARATOR, None written as ABSENT (one string
#: per file decodes in half the time of a list, and is compared without being split). An entry
#: with a field holding either character (only a forged or odd file's can) is stored as the
#: list itself.
SEPARATOR, ABSENT = "\t", "~"
_KINDS = {folder: kind for kind, folder in RECORD_FOLDERS.items()}


def _version() -> str:
    digest = hashlib.blake2b(parser_version().encode(), digest_size=16)
    try:
        digest.update(Path(__file__).read_bytes())
    except OSError:  # no source beside the code
        digest.update(__name__.encode())
    return digest.hexdigest()


def _record_files(root: Path, started_ns: int) -> dict[str, str | None]:
    """Every record file's relative path and stat signature (None: read it), in the order and
    with the refusals of :func:`iter_record_names` (a link leading out of the register is left out).

    Every file costs one ``lstat`` here, so this is kept lean: names from ``os.listdir`` (no
    entry object per file), each file looked at by its name through a descriptor of its folder
    (given the whole path, the system walks every folder on the way again: half the cost of
    this look at 3,000 files), a folder's signatures in one loop (:func:`filestat.signatures_in`)."""
    found: dict[str, str | None] = {}
    racy_ns = RACY_NS
    for _, folder_name, folder in record_folders(root, []):
        try:
            names = sorted(filter(is_record_name, os.listdir(folder)))
        except OSError:  # gone since it was seen: as a load finds it, empty
            continue
        prefix, fd = f"{folder_name}/", _open_folder(folder)
        here = None
        try:
            if fd is not None:
                try:
                    here = filestat.signatures_in(fd, names, started_ns, racy_ns, prefix)
                except OSError:  # a file went away meanwhile: the folder again, one file at a time
                    pass
        finally:
            if fd is not None:
                os.close(fd)
        if here is None:
            here = {prefix + name: _signature_at(folder / name, started_ns) for name in names}
        for relative in [relative for relative, known in here.items() if known is None]:
            path = root / relative  # a link has no signature; one leading out is refused, as by a load
            if os.path.islink(path) and not is_inside(path, root):
                del here[relative]
        found.update(here)
    return found


def _signature_at(path: Path, started_ns: int) -> str | None:
    try:
        return filestat.stat_signature(os.lstat(path), started_ns, RACY_NS)
    except OSError:
        return None


def _open_folder(folder: Path) -> int | None:
    """A descriptor of ``folder`` to look at its files by name, or None where that cannot be
    (a system without ``dir_fd``, a folder that is a link or went away): then by their paths."""
    if os.stat not in os.supports_dir_fd:
        return None
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None


#: Changed files parsed outright before the parse cache is asked: a cache shard holds a 32nd of
#: the register, and decoding one (about 0.9 ms at 3,000 actions) costs ten parses of a record,
#: so the cache pays only when many files changed (a first run, a checkout).
PARSED_OUTRIGHT = 16


class _Parser:
    """Parses a changed file; past :data:`PARSED_OUTRIGHT` files, takes the parse from the parse
    cache when it holds these bytes."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: ParseCache | None = None
        self.parsed = 0

    def entry(self, kind: str, relative: str, signature: str | None) -> Entry:
        try:
            raw = read_record_bytes(self.root / relative)
        except YamlProblem:
            return [signature, None, None, None, None, None, None]
        self.parsed += 1
        parsed = None
        if self.parsed > PARSED_OUTRIGHT:
            if self.cache is None:
                self.cache = ParseCache(self.root)
            _, parsed = self.cache.lookup(raw, Path(relative), RECORD_CLASSES[kind])
        # Schema problems never keep a record out of the register, so the links are the same
        # without the schema check (and the parse cache is left alone: this is a partial read).
        record, _ = parsed if parsed is not None else parse_record(raw, kind, Path(relative), validate_schema=False)
        if record is None:
            return [signature, None, None, None, None, None, None]
        get = record.get_text
        return [signature, record.id, get("source"), get("risk"), get("parent"), get("owner"), get("status")]


def files_around(root: Path, record_id: str) -> list[tuple[str, Path]] | None:
    """The record files a full load would need to link ``record_id`` both ways, in the order a
    full load reads them: every file whose record names ``record_id`` as its source, risk or
    parent, and every file whose record's ID is (case aside) that of ``record_id`` or of one of
    those (a duplicate ID earlier in the order would take its place in a full load). None
    outside Git, where there is no index: the caller reads every file.
    """
    entries = _entries(root)
    if entries is None:
        return None
    return _holding(entries, [record_id, *_ids_where(entries, record_id, LINKS)])


def files_owned(root: Path, person_id: str, statuses: Collection[str]) -> list[tuple[str, Path]] | None:
    """The record files a full load would need for the records ``person_id`` owns whose status is
    one of ``statuses``, in the order a full load reads them: every file whose record's owner is
    ``person_id`` with such a status, and every file whose record's ID is (case aside) one of
    theirs (an earlier one would take its place). None outside Git, as for :func:`files_around`."""
    entries = _entries(root)
    if entries is None:
        return None
    return _holding(entries, _ids_where(entries, person_id, OWNER, lambda fields: fields[STATUS] in statuses))


def _entries(root: Path) -> dict[str, Any] | None:
    """Every record file's entry, in load order, the index brought up to date (None outside Git):
    a stored entry as it was stored (a string), a new one as a list."""
    version = _version()
    where = register_cache_path(root, "backlinks", version, ".json")
    if where is None:
        return None
    started_ns = time.time_ns()
    stored, _ = read_checked(where, FORMAT, version)
    old: dict[str, Any] = stored if isinstance(stored, dict) else {}
    parser = _Parser(root)
    entries: dict[str, Any] = {}
    fresh = False
    for relative, signature in _record_files(root, started_ns).items():
        entry: Any = old.get(relative)
        # The usual case, a file unchanged since the index was written, costs two comparisons.
        if (signature is not None and type(entry) is str and entry.startswith(signature + SEPARATOR)
                and entry.count(SEPARATOR) == FIELDS - 1):
            entries[relative] = entry
            continue
        known = _fields(entry)
        if signature is None or known is None or known[0] != signature:
            new = parser.entry(_KINDS[relative.partition("/")[0]], relative, signature)
            # A file too recently touched to be trusted (the risk a review just wrote) is read
            # again next time whatever is stored, so an unchanged answer keeps the old entry and
            # spares rewriting the whole index; its old signature can never match again (the
            # change time moved).
            if signature is not None or known is None or known[1:] != new[1:]:
                entry, fresh = new, True
        entries[relative] = entry
    if fresh or len(entries) != len(old):
        if write_checked(where, FORMAT, version, {relative: _stored(entry) for relative, entry in entries.items()}):
            drop_stale_versions(where)
    return entries


def _ids_where(entries: dict[str, Any], text: str, positions: tuple[int, ...],
               also: Callable[[list[Any]], bool] = lambda fields: True) -> list[str]:
    """The IDs of the records with ``text`` at one of ``positions`` (their links, their owner) of
    which ``also`` holds. A stored entry's text is searched first and split only where it holds
    ``text``: its fields are then compared, never trusted to be text (a forged entry can at worst
    name files to read)."""
    found = []
    for entry in entries.values():
        if type(entry) is str and text not in entry:
            continue
        fields = _fields(entry)
        if (fields is not None and any(fields[at] == text for at in positions) and type(fields[1]) is str
                and also(fields)):
            found.append(fields[1])
    return found


def _holding(entries: dict[str, Any], ids: list[str]) -> list[tuple[str, Path]]:
    """(kind, relative path) of every file whose record's ID is one of ``ids``, case aside."""
    folded = {found.casefold() for found in ids}
    found = []
    for relative, entry in entries.items():
        if type(entry) is str:  # all its fields (one of another shape was read again): the ID is the second
            identity = entry.split(SEPARATOR, 2)[1]
            held = identity != ABSENT and identity.casefold() in folded
        else:
            fields = _fields(entry)
            held = fields is not None and type(fields[1]) is str and fields[1].casefold() in folded
        if held:
            found.append((_KINDS[relative.partition("/")[0]], Path(relative)))
    return found


def _stored(entry: Any) -> Any:
    """An entry as the index keeps it: one string, unless a field cannot be written in one."""
    if type(entry) is not list:
        return entry  # a stored entry kept as it was
    if all(field is None or (type(field) is str and SEPARATOR not in field and ABSENT not in field)
           for field in entry):
        return SEPARATOR.join(ABSENT if field is None else field for field in entry)
    return entry


def _fields(entry: Any) -> list[Any] | None:
    """An entry's fields, from a stored string or list; None for anything else."""
    if type(entry) is str:
        fields: list[Any] = entry.split(SEPARATOR)
        return [None if field == ABSENT else field for field in fields] if len(fields) == FIELDS else None
    if type(entry) is list and len(entry) == FIELDS:
        return entry
    return None


__all__ = ["files_around", "files_owned"]
