"""Parsed record files kept between runs, so an unchanged file is not parsed or validated again.

Every file is still read on every run; its bytes' BLAKE2b digest must match the one stored
with its parse under its path, so the cache can never serve stale content. The whole cache is
made for one version of the parser: govtool's version, the schema texts and the source of the
modules that parse and validate. A change to any of them makes it "other version" and it is
rebuilt. It lives inside the Git directory (``<git-dir>/govtool/``), never in the working tree;
a register outside Git is simply parsed every time. The file format (checked JSON, never
unpickled, ignored when corrupt or oversized) is :mod:`govtool.checkedjson`.
"""

from __future__ import annotations

import gc
import hashlib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from govtool import __version__
from govtool.checkedjson import find_git_dir, read_checked, write_checked
from govtool.register.model import LoadProblem, Record
from govtool.register.yamlload import LoadedYaml

FORMAT = "govtool-parse-cache"
#: What is cached: (record or None, problems) for one file's bytes at one path.
Parsed = tuple[Record | None, list[LoadProblem]]
_BAD_CONTENT = (ValueError, TypeError, KeyError, IndexError, AttributeError)


@cache
def parser_version() -> str:
    """A digest of everything a parse result depends on besides the file itself."""
    from govtool.register import fastschema, load, model, schema, yamlload  # the parser's own source

    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for kind in ("action", "source", "risk"):
        digest.update(resources.files("govtool.schemas").joinpath(f"{kind}.schema.json").read_bytes())
    for module in (fastschema, load, model, schema, yamlload):
        try:
            digest.update(Path(module.__file__).read_bytes())  # type: ignore[arg-type]
        except (OSError, TypeError):  # no source beside the code (a zip, a frozen build)
            digest.update(module.__name__.encode())
    return f"1:{digest.hexdigest()}"


class ParseCache:
    """The stored parses of one register; ``lookup`` before parsing, ``store`` after, ``save`` at the end."""

    def __init__(self, root: Path):
        git_dir = find_git_dir(root)
        key = hashlib.sha1(str(root).encode()).hexdigest()[:16]
        self.path = git_dir / "govtool" / f"parse-cache-{key}.json" if git_dir is not None else None
        self._stored: dict[str, Any] = {}
        self._kept: dict[str, Any] = {}  # the entries of the files seen this run: the next cache
        self._changed = False
        if self.path is not None:
            enabled = gc.isenabled()
            gc.disable()  # decoding builds a million objects and frees none: collecting is wasted
            try:
                value, _reason = read_checked(self.path, FORMAT, parser_version())
            finally:
                if enabled:
                    gc.enable()
            if isinstance(value, dict) and isinstance(value.get("files"), dict):
                self._stored = value["files"]

    def lookup(self, raw: bytes, relative: Path, record_class: type[Record]) -> tuple[str, Parsed | None]:
        """The content digest, and the stored parse of these bytes at this path (or None)."""
        digest = hashlib.blake2b(raw, digest_size=20).hexdigest()
        name = relative.as_posix()
        entry = self._stored.get(name)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == digest:
            try:
                parsed = _decode(entry[1], relative, record_class)
            except _BAD_CONTENT:
                return digest, None
            self._kept[name] = entry
            return digest, parsed
        return digest, None

    def store(self, digest: str, relative: Path, record_class: type[Record], parsed: Parsed) -> None:
        """Keep a fresh parse, when JSON carries it exactly (a key that is not text would not)."""
        if self.path is None:
            return
        self._changed = True
        try:
            # The round trip, encoded as the cache file is, proves the entry decodes to this very parse.
            again = json.loads(json.dumps(_encode(parsed), ensure_ascii=False).encode())
            if not _same(_decode(again, relative, record_class), parsed):
                return
        except (*_BAD_CONTENT, RecursionError):
            return
        self._kept[relative.as_posix()] = [digest, again]

    def save(self) -> None:
        """Write the cache when anything changed; entries of files no longer present are dropped."""
        if self.path is None or not (self._changed or len(self._kept) != len(self._stored)):
            return
        write_checked(self.path, FORMAT, parser_version(), {"files": self._kept})


def _encode(parsed: Parsed) -> dict[str, Any]:
    record, problems = parsed
    out: dict[str, Any] = {"problems": [[p.rule, p.line, p.record, p.message] for p in problems], "record": None}
    if record is not None:
        doc = record.doc
        out["record"] = [
            record.id,
            doc.data,
            json.dumps([[list(key), line] for key, line in doc.lines.items()], separators=(",", ":")),
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


class _CachedYaml(LoadedYaml):
    """A cached parse whose line map stays JSON text until a line is asked for: most records
    never report a problem, and decoding every map would cost a third of a cached load."""

    def __init__(self, data: Any, lines_json: str, duplicates: list[tuple[Any, int, int]]):
        self.data = data
        self.duplicates = duplicates
        self._lines_json = lines_json
        self._lines: dict[tuple[str | int, ...], int] | None = None

    @property  # type: ignore[override]
    def lines(self) -> dict[tuple[str | int, ...], int]:
        if self._lines is None:
            try:
                self._lines = {tuple(key): line for key, line in json.loads(self._lines_json)}
            except (*_BAD_CONTENT, RecursionError):  # only a forged cache gets here: no lines, no crash
                self._lines = {}
        return self._lines


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
        return len(a) == len(b) and all(_exactly(x, y) for x, y in zip(a, b))
    return bool(a == b)
