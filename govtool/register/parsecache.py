"""Parsed record files kept between runs, so an unchanged file is not parsed or validated again.

Every file is still read on every run; its bytes' BLAKE2b digest must match the one stored
with its parse under its path, so the cache can never serve stale content. The whole cache is
made for one version of the parser: govtool's version, the schema texts and the source of the
modules that parse and validate. A change to any of them makes it "other version" and it is
rebuilt. It lives inside the Git directory (``<git-dir>/govtool/parse-cache-<key>-<version>/``),
never in the working tree; a register outside Git is simply parsed every time. Two govtool
versions used on one repository keep one cache each; one that no run has written for two
weeks is deleted. The file format (checked JSON, never unpickled, ignored when corrupt or
oversized) is :mod:`govtool.cache.store`.

The cache is split into :data:`SHARDS` files by a hash of each record's path. A pre-commit run
follows a one-file change, so it rewrites one shard (a few dozen records) instead of the
parses of the whole register.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pkgutil
import zlib
from functools import cache
from pathlib import Path
from typing import Any

from govtool import __version__
from govtool.cache.store import drop_stale_versions, read_checked, register_cache_path, write_checked
from govtool.register.model import LoadProblem, Record
from govtool.register.yamlload import LoadedYaml, Path_

FORMAT = "govtool-parse-cache"
#: How many files the cache is split into (a record's shard: CRC-32 of its path, modulo this).
SHARDS = 32
#: What is cached: (record or None, problems) for one file's bytes at one path.
Parsed = tuple[Record | None, list[LoadProblem]]
#: The modules of govtool/register/ whose code decides a parse.
PARSER_MODULES = ("fastschema", "load", "model", "parsecache", "schema", "yamlload")
_BAD_CONTENT = (ValueError, TypeError, KeyError, IndexError, AttributeError)


@cache
def parser_version() -> str:
    """A digest of everything a parse result depends on besides the file itself."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for kind in ("action", "source", "risk"):
        schema = pkgutil.get_data("govtool", f"schemas/{kind}.schema.json")  # as schema_for reads it
        digest.update(schema or b"")
    # The parser's own source, read as files beside this one: importing load.py from here would
    # make a cycle (load.py uses this cache).
    for name in PARSER_MODULES:
        try:
            digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
        except OSError:  # no source beside the code (a zip, a frozen build)
            digest.update(f"{__package__}.{name}".encode())
    return f"1:{digest.hexdigest()}"


class ParseCache:
    """The stored parses of one register; ``lookup`` before parsing, ``store`` after, ``save`` at the end."""

    def __init__(self, root: Path, name: str = "parse-cache", shards: int = SHARDS):
        """``name`` and ``shards``: another cache of parses in its own folder (the incremental
        lint keeps the few records the history rules asked for in one small shard)."""
        self.folder = register_cache_path(root, name, parser_version())
        self.shards = shards
        self._shards: dict[int, _Shard] = {}

    @property
    def shards_read(self) -> int:
        """How many of its files this run has read (tests count the work, never the time)."""
        return len(self._shards)

    def _shard(self, folder: Path, name: str) -> _Shard:
        number = zlib.crc32(name.encode()) % self.shards
        shard = self._shards.get(number)
        if shard is None:
            shard = self._shards[number] = _Shard(folder / f"{number:02d}.json")
        return shard

    def lookup(self, raw: bytes, relative: Path, record_class: type[Record]) -> tuple[str, Parsed | None]:
        """The content digest, and the stored parse of these bytes at this path (or None)."""
        digest = hashlib.blake2b(raw, digest_size=20).hexdigest()
        return digest, self.lookup_digest(digest, relative, record_class)

    def lookup_digest(self, digest: str, relative: Path, record_class: type[Record]) -> Parsed | None:
        """The stored parse of the bytes with this digest at this path (or None): for a file
        known by its digest without being read (the incremental lint trusts a file's stat)."""
        if self.folder is None:
            return None
        name = relative.as_posix()
        shard = self._shard(self.folder, name)
        entry = shard.stored.get(name)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == digest:
            try:
                parsed = _decode(entry[1], relative, record_class)
            except _BAD_CONTENT:
                return None
            shard.kept[name] = entry
            return parsed
        return None

    def store(self, digest: str, relative: Path, record_class: type[Record], parsed: Parsed) -> None:
        """Keep a fresh parse, when JSON carries it exactly (a key that is not text would not)."""
        if self.folder is None:
            return
        name = relative.as_posix()
        shard = self._shard(self.folder, name)
        shard.changed = True
        try:
            # The round trip, encoded as the cache file is, proves the entry decodes to this very parse.
            again = json.loads(json.dumps(_encode(parsed), ensure_ascii=False).encode())
            if not _same(_decode(again, relative, record_class), parsed):
                return
        except (*_BAD_CONTENT, RecursionError):
            return
        shard.kept[name] = [digest, again]

    def save(self) -> None:
        """Write the shards that changed; entries of files no longer present are dropped, and a
        shard no file of this run belongs to any more is deleted."""
        if self.folder is None:
            return
        written = False
        for shard in self._shards.values():
            if shard.changed or len(shard.kept) != len(shard.stored):
                written = write_checked(shard.path, FORMAT, parser_version(), {"files": shard.kept}) or written
        if written:
            drop_stale_versions(self.folder)
        wanted = {shard.path.name for shard in self._shards.values()}
        try:
            leftovers = [entry.path for entry in os.scandir(self.folder) if entry.name not in wanted]
        except OSError:  # no cache folder yet, or something else in its place
            return
        for path in leftovers:
            try:
                os.unlink(path)
            except OSError:
                pass


class _Shard:
    """One file of the cache: the entries read from it, and those this run keeps."""

    def __init__(self, path: Path):
        self.path = path
        self.stored: dict[str, Any] = {}
        self.kept: dict[str, Any] = {}  # the entries of the files seen this run: the next shard
        self.changed = False
        enabled = gc.isenabled()
        gc.disable()  # decoding builds many objects and frees none: collecting is wasted
        try:
            value, _reason = read_checked(path, FORMAT, parser_version())
        finally:
            if enabled:
                gc.enable()
        if isinstance(value, dict) and isinstance(value.get("files"), dict):
            self.stored = value["files"]


def _encode(parsed: Parsed) -> dict[str, Any]:
    record, problems = parsed
    out: dict[str, Any] = {"problems": [[p.rule, p.line, p.record, p.message] for p in problems], "record": None}
    if record is not None:
        doc = record.doc
        out["record"] = [
            record.id,
            doc.data,
            json.dumps({_line_key(key): line for key, line in doc.lines.items()}, separators=(",", ":"),
                       ensure_ascii=False),
            [[list(key), line, first] for key, line, first in doc.duplicates],
        ]
    return out


def _decode(value: Any, relative: Path, record_class: type[Record]) -> Parsed:
    problems = []
    for rule, line, record_id, message in value["problems"]:
        if not (isinstance(rule, str) and isinstance(message, str)):
            raise TypeError("problem")
        problems.append(LoadProblem(rule, relative, line, record_id, message))
    if value["record"] is None:
        return None, problems
    record_id, data, lines, duplicates = value["record"]
    if not (isinstance(record_id, str) and isinstance(data, dict) and isinstance(lines, str)):
        raise TypeError("record")
    doc = _CachedYaml(data, lines, [(tuple(key), line, first) for key, line, first in duplicates])
    return record_class(id=record_id, path=relative, doc=doc), problems


def _line_key(path: Path_) -> str:
    """A line-map key as cached: ``("updates", 0, "by")`` is ``/updates/#0/by``; the root is "".

    Short (over half the cache is line maps), and it keeps a key's type: an index is ``#n``,
    while a ``#``, ``/`` or ``~`` inside a field name is escaped as ``~2``, ``~1``, ``~0``.
    """
    return "".join(f"/#{part}" if isinstance(part, int) else "/" + _escape(part) for part in path)


def _escape(name: str) -> str:
    if "~" in name or "/" in name or "#" in name:
        return name.replace("~", "~0").replace("/", "~1").replace("#", "~2")
    return name


def _path_of(key: str) -> Path_:
    """The inverse of :func:`_line_key`."""
    return tuple(
        int(part[1:]) if part.startswith("#") else part.replace("~1", "/").replace("~2", "#").replace("~0", "~")
        for part in key.split("/")[1:]
    )


class _CachedYaml(LoadedYaml):
    """A cached parse whose line map stays JSON text until a line is asked for: most records
    never report a problem, and decoding every map would cost a third of a cached load. When
    one is, its map decodes straight into a dictionary of JSON keys (no tuple per key)."""

    def __init__(self, data: Any, lines_json: str, duplicates: list[tuple[Any, int, int]]):
        self.data = data
        self.duplicates = duplicates
        self._lines_json = lines_json
        self._by_key: dict[str, int] | None = None

    def _lines_by_key(self) -> dict[str, int]:
        if self._by_key is None:
            try:
                decoded = json.loads(self._lines_json)
            except (*_BAD_CONTENT, RecursionError):  # only a forged cache gets here: no lines, no crash
                decoded = None
            self._by_key = decoded if isinstance(decoded, dict) else {}
        return self._by_key

    def line_of(self, path: Path_) -> int | None:
        by_key = self._lines_by_key()
        parts = tuple(path)
        while parts:
            line = by_key.get(_line_key(parts))
            if type(line) is int:  # anything else could only come from a forged cache
                return line
            parts = parts[:-1]
        line = by_key.get("")
        return line if type(line) is int else None

    @property
    def lines(self) -> dict[Path_, int]:  # type: ignore[override]  # a lazy view of the dataclass field
        try:
            return {_path_of(key): line for key, line in self._lines_by_key().items()}
        except (*_BAD_CONTENT, RecursionError):
            return {}


def _same(a: Parsed, b: Parsed) -> bool:
    if a[1] != b[1] or (a[0] is None) != (b[0] is None):
        return False
    if a[0] is None or b[0] is None:
        return True
    x, y = a[0].doc, b[0].doc
    return (a[0].id == b[0].id and type(a[0]) is type(b[0]) and x.lines == y.lines
            and x.duplicates == y.duplicates and _exactly(x.data, y.data))


def _exactly(a: Any, b: Any) -> bool:
    """Equal with the same types all the way down (``1 == 1.0 == True`` in Python, not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_exactly(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_exactly(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
