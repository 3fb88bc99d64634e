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

The index is kept by folder, as three strings: the folder's record file names in listing order,
their signatures in the same order, and one line per file of what its parse says (its ID
case-folded, source, risk, parent, owner, status). Every run still looks at every file, but
the usual case, nothing in a folder changed since the index was written, is then one
comparison of the freshly joined signatures with the stored ones, and a question (a risk's
actions, someone's actions) is a substring search of the folder's lines: only the lines that
hold what is asked for are split. Going through the files one by one (an entry decoded,
compared and split in Python for each) was about half of what ``review``'s lookup spent at
3,000 actions beyond listing and looking at each file (2.5 of 4.8 ms); it now happens only in
a folder where something changed.

The index lives in ``<git-dir>/govtool/backlinks-<register>-<version>.json`` (checked JSON,
:mod:`govtool.cache.store`), its version a digest of the parser's version and this module's
source; outside Git there is none and the caller reads every file. A corrupt, foreign or
ill-shaped index is treated as absent, a folder whose three parts do not line up as unknown
(every file of it read), a line not of :data:`FIELDS` fields as its file's unknown (read); a
folder trusted whole has its lines counted, and a line an answer consults that is of the wrong
shape makes the index be brought up to date again with every line checked (only a forged
index has one; one forged with the right shape is believed, as any index trusted by stat is).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from govtool.cache import filestat
from govtool.cache.store import drop_stale_versions, read_checked, register_cache_path, write_checked
from govtool.register.load import RECORD_CLASSES, is_record_name, parse_record, record_folders
from govtool.register.parsecache import ParseCache, parser_version
from govtool.register.safefile import is_inside, read_record_bytes
from govtool.register.yamlload import YamlProblem

FORMAT = "govtool-backlinks"
#: How recent a file's times may be and its stat still be trusted (:mod:`govtool.cache.filestat`);
#: a name of this module so that tests can trust every stat at once.
RACY_NS = filestat.RACY_NS
#: A line's fields: the record's ID case-folded (a full load refuses a second file holding an ID,
#: case aside, so that is how IDs are compared), the source, risk and parent it names, its owner
#: and its status.
FIELDS = 6
#: Where a line names another record (its source, risk and parent), its owner, its status.
LINKS, OWNER, STATUS = (1, 2, 3), (4,), 5
#: How a folder's lines are written: each starts with LINE (so a search for LINE + ID + FIELD
#: finds an ID only where a line starts), its fields joined by FIELD, None written as ABSENT.
#: Printable, so that JSON stores them as they are (decoding the lines with a tab and a newline
#: escaped in each took three times as long).
LINE, FIELD, ABSENT = ";", "|", "~"
#: How a field's own ESCAPE, FIELD, LINE and ABSENT characters are written, so that a field never
#: holds the characters that separate fields and lines, and no two texts are written alike.
ESCAPE = "\\"
_ESCAPES = ((ESCAPE, ESCAPE + ESCAPE), (FIELD, ESCAPE + "f"), (LINE, ESCAPE + "l"), (ABSENT, ESCAPE + "a"))
#: What joins a stored folder's names, and its signatures: no file name nor signature holds it,
#: so two lists join to the same text only when they are the same.
JOIN = "/"
#: The line of a file that is not a usable record: it names nothing and has no ID.
NOTHING = FIELD.join([ABSENT] * FIELDS)
#: Up to this many IDs are each looked for in a folder's lines with one search; past it the
#: lines are split and each one's ID looked up (one search costs about a tenth of that).
FEW_IDS = 8
_Answer = TypeVar("_Answer")


@dataclass(frozen=True)
class _Folder:
    """A record folder as the index knows it, brought up to date: its record files' names in
    listing order, and ``lines``: for each, in the same order, LINE and its fields."""

    kind: str
    name: str
    names: list[str]
    lines: str


class _IllShaped(Exception):
    """A line a question consulted is not of :data:`FIELDS` fields, or not one of the folder's."""


def _version() -> str:
    digest = hashlib.blake2b(parser_version().encode(), digest_size=16)
    try:
        digest.update(Path(__file__).read_bytes())
    except OSError:  # no source beside the code
        digest.update(__name__.encode())
    return digest.hexdigest()


def files_around(root: Path, record_id: str) -> list[tuple[str, Path]] | None:
    """The record files a full load would need to link ``record_id`` both ways, in the order a
    full load reads them: every file whose record names ``record_id`` as its source, risk or
    parent, and every file whose record's ID is (case aside) that of ``record_id`` or of one of
    those (a duplicate ID earlier in the order would take its place in a full load). None
    outside Git, where there is no index: the caller reads every file.
    """
    def question(folders: list[_Folder]) -> list[tuple[str, Path]]:
        return _holding(folders, {_escaped(record_id.casefold()), *_ids_where(folders, record_id, LINKS)})

    return _asked(root, question)


def files_owned(root: Path, person_id: str, statuses: Collection[str]) -> list[tuple[str, Path]] | None:
    """The record files a full load would need for the records ``person_id`` owns whose status is
    one of ``statuses``, in the order a full load reads them: every file whose record's owner is
    ``person_id`` with such a status, and every file whose record's ID is (case aside) one of
    theirs (an earlier one would take its place). None outside Git, as for :func:`files_around`."""
    wanted = {_escaped(status) for status in statuses}

    def question(folders: list[_Folder]) -> list[tuple[str, Path]]:
        return _holding(folders, _ids_where(folders, person_id, OWNER, lambda fields: fields[STATUS] in wanted))

    return _asked(root, question)


def _asked(root: Path, question: Callable[[list[_Folder]], _Answer]) -> _Answer | None:
    """``question``'s answer from the index brought up to date (None outside Git). A folder's
    lines are trusted as a whole when its files are as they were, so a line the answer needs is
    checked only when it is consulted; one of the wrong shape (a forged index) means the index
    is brought up to date again with every line checked, which gives none of the wrong shape."""
    folders = _index(root)
    if folders is None:
        return None
    try:
        return question(folders)
    except _IllShaped:
        folders = _index(root, every_line=True)
        return None if folders is None else question(folders)


# -- bringing the index up to date ------------------------------------------------------------

def _index(root: Path, every_line: bool = False) -> list[_Folder] | None:
    """Every record folder, in load order, as the index knows it once brought up to date (None
    outside Git); written back when that changed it. ``every_line``: each stored line's shape is
    checked, even in a folder whose files are as they were."""
    version = _version()
    where = register_cache_path(root, "backlinks", version, ".json")
    if where is None:
        return None
    started_ns = time.time_ns()
    stored, _ = read_checked(where, FORMAT, version)
    old: dict[str, Any] = stored if type(stored) is dict else {}
    parser = _Parser(root)
    folders: list[_Folder] = []
    kept: dict[str, Any] = {}
    for kind, folder_name, folder in record_folders(root, []):
        looked = _look(root, folder, started_ns)
        if looked is None:  # gone since it was seen: as a load finds it, empty
            continue
        names, signatures = looked
        before = _stored_folder(old.get(folder_name))
        lines = None if every_line or before is None else _unchanged(before, names, signatures)
        if lines is not None:
            kept[folder_name] = old[folder_name]
        else:
            stamps, lines = _updated(parser, kind, folder_name, names, signatures, before)
            kept[folder_name] = [JOIN.join(names), JOIN.join(stamps), lines]
        folders.append(_Folder(kind, folder_name, names, lines))
    if kept != old and write_checked(where, FORMAT, version, kept):
        drop_stale_versions(where)
    return folders


def _look(root: Path, folder: Path, started_ns: int) -> tuple[list[str], list[str | None]] | None:
    """A folder's record file names, in listing order, and their stat signatures (None: read
    it), with the refusals of :func:`iter_record_names` (a link leading out of the register is
    left out); None when the folder cannot be listed.

    Every file costs one ``lstat`` here, so this is kept lean: names from ``os.listdir`` (no
    entry object per file), left in the listing's order (the index keeps that order, which holds
    while the folder is unchanged; the few files an answer names are sorted into load order), and
    each file looked at by its name through a descriptor of its folder (given the whole path,
    the system walks every folder on the way again: half the cost of this look at 3,000 files)."""
    try:
        names = list(filter(is_record_name, os.listdir(folder)))
    except OSError:
        return None
    signatures = _signatures(folder, names, started_ns)
    if None in signatures:  # a link has no signature; one leading out is refused, as by a load
        kept = [(name, signature) for name, signature in zip(names, signatures, strict=True)
                if signature is not None or not (os.path.islink(folder / name) and not is_inside(folder / name, root))]
        names, signatures = [name for name, _ in kept], [signature for _, signature in kept]
    return names, signatures


def _signatures(folder: Path, names: list[str], started_ns: int) -> list[str | None]:
    """:func:`filestat.stat_signature` of each of ``names``, a folder's in one loop where the
    system can look at a file through its folder's descriptor, one path at a time otherwise
    (and when a file went away meanwhile)."""
    fd = _open_folder(folder)
    if fd is not None:
        try:
            return filestat.signatures_in(fd, names, started_ns, RACY_NS)
        except OSError:
            pass
        finally:
            os.close(fd)
    return [_signature_at(folder / name, started_ns) for name in names]


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


def _stored_folder(value: Any) -> tuple[str, str, str] | None:
    """A stored folder's names, signatures and lines; None for anything of another shape."""
    if type(value) is list and len(value) == 3 and all(type(part) is str for part in value):
        return value[0], value[1], value[2]
    return None


def _unchanged(before: tuple[str, str, str], names: list[str], signatures: list[str | None]) -> str | None:
    """The stored lines of a folder whose files are all as they were when the index was written
    (the same names in the same order, each with its signature, none too recent to trust): the
    usual case, decided by comparing two joined strings, not file by file. None otherwise."""
    stored_names, stored_signatures, lines = before
    if not all(signatures):  # one to read again (a stored signature is never empty either)
        return None
    if JOIN.join(cast(list[str], signatures)) != stored_signatures or JOIN.join(names) != stored_names:
        return None
    # Counted, not each checked: a line cut short or with a field too many is found here unless
    # another makes up for it, and then when an answer consults it (:func:`_fields`).
    if lines[:1] not in ("", LINE) or lines.count(LINE) != len(names) or lines.count(FIELD) != (FIELDS - 1) * len(names):
        return None
    return lines


def _updated(parser: _Parser, kind: str, folder_name: str, names: list[str], signatures: list[str | None],
             before: tuple[str, str, str] | None) -> tuple[list[str], str]:
    """A folder where something changed, file by file: each file's stored line where its
    signature matches, else the line of its parse. Returns the signatures to store (empty: read
    it next time) and the lines."""
    known = _known(before)
    stamps, lines = [], []
    for name, signature in zip(names, signatures, strict=True):
        stored_signature, stored_line = known.get(name, ("", None))
        if signature is not None and signature == stored_signature and stored_line is not None:
            line = stored_line
        else:
            line = parser.line(kind, f"{folder_name}/{name}")
            # A file too recently touched to be trusted (the risk a review just wrote) is read
            # again next time whatever is stored, so an unchanged answer keeps the stored line and
            # signature and spares rewriting the whole index; that signature can never match
            # again (the change time moved).
            if signature is None and line == stored_line:
                signature = stored_signature
        stamps.append(signature or "")
        lines.append(line)
    return stamps, "".join(LINE + line for line in lines)


def _known(before: tuple[str, str, str] | None) -> dict[str, tuple[str, str | None]]:
    """A stored folder's signature and line by file name (None for a line not of :data:`FIELDS`
    fields: read again); empty when the three parts do not line up (every file read again)."""
    if before is None:
        return {}
    names, signatures, lines = before[0].split(JOIN), before[1].split(JOIN), before[2].split(LINE)
    if not before[0]:  # an empty folder
        names, signatures = [], []
    if lines[0] != "" or not (len(names) == len(signatures) == len(lines) - 1):
        return {}
    return {name: (signature, line if line.count(FIELD) == FIELDS - 1 else None)
            for name, signature, line in zip(names, signatures, lines[1:], strict=True)}


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

    def line(self, kind: str, relative: str) -> str:
        """The fields of the file's line (without its LINE)."""
        try:
            raw = read_record_bytes(self.root / relative)
        except YamlProblem:
            return NOTHING
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
            return NOTHING
        get = record.get_text
        fields = (record.id.casefold(), get("source"), get("risk"), get("parent"), get("owner"), get("status"))
        return FIELD.join(map(_escaped, fields))


def _escaped(text: str | None) -> str:
    """A field as a line holds it: ABSENT for None, else the text with its backslashes and the
    characters that separate fields and lines behind a backslash (so no two texts are written
    alike, and a question escaped the same way finds exactly the fields equal to it)."""
    if text is None:
        return ABSENT
    for plain, written in _ESCAPES:
        text = text.replace(plain, written)
    return text


# -- asking it ----------------------------------------------------------------------------------

def _ids_where(folders: list[_Folder], text: str, positions: tuple[int, ...],
               also: Callable[[list[str]], bool] = lambda fields: True) -> set[str]:
    """The (case-folded, escaped) IDs of the records with ``text`` at one of ``positions`` (their
    links, their owner) of which ``also`` holds: only the lines holding ``text`` are split."""
    wanted = _escaped(text)
    found = set()
    for folder in folders:
        for _, fields in _lines_holding(folder, wanted):
            if any(fields[at] == wanted for at in positions) and fields[0] != ABSENT and also(fields):
                found.add(fields[0])
    return found


def _lines_holding(folder: _Folder, text: str) -> Iterator[tuple[int, list[str]]]:
    """(index, fields) of each of ``folder``'s lines holding ``text`` (escaped: never LINE)."""
    lines = folder.lines
    index, counted = -1, 0
    at = lines.find(text, 1)
    while at >= 0:
        start = lines.rfind(LINE, 0, at)
        index += lines.count(LINE, counted, start + 1)
        counted = start + 1
        line = _line_at(lines, start)
        yield index, _fields(folder, index, line)
        at = lines.find(text, start + len(line) + 2)


def _holding(folders: list[_Folder], ids: set[str]) -> list[tuple[str, Path]]:
    """(kind, relative path) of every file whose record's ID is one of ``ids`` (case-folded and
    escaped, as lines hold them), in load order (by name within a folder)."""
    found: list[tuple[str, Path]] = []
    for folder in folders:
        names = sorted(folder.names[index] for index in _lines_of(folder, ids))
        found.extend((folder.kind, Path(folder.name, name)) for name in names)
    return found


def _lines_of(folder: _Folder, ids: set[str]) -> list[int]:
    """The indexes of ``folder``'s lines whose ID is one of ``ids``."""
    return _lines_searched(folder, ids) if len(ids) <= FEW_IDS else _lines_split(folder, ids)


def _lines_searched(folder: _Folder, ids: set[str]) -> list[int]:
    """:func:`_lines_of` for a few IDs: each looked for where a line starts, no line split."""
    lines = folder.lines
    found: list[int] = []
    index, counted = -1, 0
    for start in sorted(at for identity in ids for at in _every(lines, LINE + identity + FIELD)):
        index += lines.count(LINE, counted, start + 1)
        counted = start + 1
        _fields(folder, index, _line_at(lines, start))
        found.append(index)
    return found


def _lines_split(folder: _Folder, ids: set[str]) -> list[int]:
    """:func:`_lines_of` for many IDs (the actions someone owns): every line's ID looked up."""
    lines = folder.lines.split(LINE)[1:]
    found = [index for index, line in enumerate(lines) if line.partition(FIELD)[0] in ids]
    for index in found:
        _fields(folder, index, lines[index])
    return found


def _every(text: str, part: str) -> Iterator[int]:
    """Where ``part`` starts in ``text``, each time."""
    at = text.find(part)
    while at >= 0:
        yield at
        at = text.find(part, at + 1)


def _line_at(lines: str, start: int) -> str:
    """The line whose LINE is at ``start`` (without it)."""
    end = lines.find(LINE, start + 1)
    return lines[start + 1:] if end < 0 else lines[start + 1:end]


def _fields(folder: _Folder, index: int, line: str) -> list[str]:
    """The fields of ``line``, the ``index``-th of ``folder``; raises :class:`_IllShaped` for a
    line not of :data:`FIELDS` fields or past the folder's files (a forged index: a stored
    folder's lines are counted, not each checked)."""
    fields = line.split(FIELD)
    if len(fields) != FIELDS or index >= len(folder.names):
        raise _IllShaped(f"{folder.name}: line {index + 1}")
    return fields


__all__ = ["files_around", "files_owned"]
