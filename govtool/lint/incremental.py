"""Lint in proportion to the change: each record's problems kept under its file's content digest.

A pre-commit run changes a file or two of thousands, yet a plain lint rebuilds every record and
runs every rule over all of them. Here every record file's problems (from every rule except
the history rules, which have their own per-tip digest) are kept in the Git directory, beside
a small summary of the record: its kind, ID, the IDs it links to, its evidence paths and, for an
action, the few fields other records' rules read from it.

A run lists every file and ``lstat``s it: a file whose stat signature (or, for ``--staged``,
blob name) is its entry's is known by the entry's digest without being read; every other file
is read and digested. The memo's entries are decoded and checked in one pass on the first lookup
(a run looks up every file's), and a write rewrites only the shards whose entries changed.

The memo also keeps an index (:class:`MemoIndex`, in its own file named by the head): every
file's path, stat signature, blob name, digest and ID in the register's order, what a stand-in
holds of each action, the neighbours' maps, each file's evidence and where it led, and which
files have stored problems (with their stamps, :mod:`govtool.lint.kept`). A run that finds only
a few files changed by their stat signatures (``--staged``: by their blob names in Git's index),
none of them with another ID or other links, takes everything else from the index:
each other file costs one comparison of its signature, and only the entries of the files read
or relinted are decoded (:func:`govtool.lint.engine._lint_few_changed`). Anything unusual (a
file added, removed or renamed, a changed link, many files read, an index that disagrees with an
entry) takes the whole memo as below.

A run relints the records whose bytes changed or whose evidence files changed place, and those
whose problems read them (:meth:`Neighbours.affected`): an action's source and risk, its siblings on one
finding, a source's or risk's actions. Those are built in full (with their sources and risks);
the other actions a source or risk lists are stand-ins built from their summaries. Every other
record's problems are taken as stored.

What every record's problems also depend on is in the memo's key, and any change to it
relints everything once: govtool's own source, govtool.yaml's bytes (settings, people, rule
options), the day, the register's frameworks folder, and the list of record files with their
IDs (a record added, removed or renamed changes duplicate IDs and every broken link's "did you
mean"). A run in which any rule crashes is done again in full. The memo is checked JSON
(:mod:`govtool.cache.store`): a corrupt, truncated or foreign one is ignored, never trusted;
an entry is used only for the very path and bytes it was made from. Outside Git nothing is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, cast

from govtool.cache import filestat
from govtool.cache.sharded import ShardedCache
from govtool.cache.store import code_stamp, drop_stale_versions, read_checked, register_cache_path, write_checked
from govtool.lint.kept import StoredReport
from govtool.lint.rule import Report
from govtool.lint.suppress import MARKER
from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE
from govtool.register.load import (
    RECORD_CLASSES,
    _parse_cached,
    _staged_bytes,
    add_record,
    iter_record_names,
    load_settings,
    parse_record,
    staged_record_names,
)
from govtool.register.model import Action, LoadProblem, Record, Register, Settings
from govtool.register.parsecache import ParseCache, Parsed
from govtool.register.safefile import read_record_bytes
from govtool.register.yamlload import YamlProblem

FORMAT = "govtool-lint-memo"
#: The index's own file in the memo's folder (:meth:`LintMemo.index`)
INDEX_FILE = "index.json"
#: How many files the head may list as changed since the index file was written; past this
#: many the index file is written anew (it is read on every run, written only then).
OVERLAY_MAX = 64


def memo_version() -> str:
    """Any change to govtool (a rule, a schema, a framework) relints everything: known by its
    files' stat signatures (:func:`govtool.cache.store.code_stamp`), read on every run."""
    return f"1:{code_stamp()}"


@dataclass(slots=True)
class Summary:
    """What other records and the file system mean to one record's problems."""

    kind: str
    #: the record's ID, None when the file is not a usable record
    id: str | None
    #: an action's source, finding, risk, control and parent IDs (as the model reads them)
    links: list[str | None]
    #: its evidence paths, in order, and where each led when its problems were found
    evidence: list[str]
    places: list[str]
    #: an action's status, closure date, created date and cancellation date (ISO): what source-
    #: and risk-level rules read of the actions they count (None: not plain text and dates; the
    #: whole record is built instead)
    brief: list[str | None] | None = None

    def encode(self) -> list[Any]:
        return [self.kind, self.id, self.links, self.evidence, self.places, self.brief]

    @staticmethod
    def decode(value: Any) -> Summary | None:
        """The summary ``value`` holds if it has exactly the stored shape and types (JSON decodes
        only these); None otherwise. Run for every stored file on every run: kept to plain tests,
        with the common shapes (no evidence, plain text links) decided without building lists."""
        if type(value) is not list or len(value) != 6:
            return None
        kind, record_id, links, evidence, places, brief = value
        if not (type(kind) is str and (record_id is None or type(record_id) is str)
                and type(links) is list and len(links) == 5 and _texts(links, True)
                and type(evidence) is list and type(places) is list and len(evidence) == len(places)
                and (not evidence or (_texts(evidence, False) and _texts(places, False)))):
            return None
        if brief is not None:
            if type(brief) is not list or len(brief) != len(BRIEF):
                return None
            status, *dates = brief
            if status is not None and type(status) is not str:
                return None
            for date in dates:
                if date is None:
                    continue
                if type(date) is not str:
                    return None
                try:
                    dt.date.fromisoformat(date)
                except ValueError:
                    return None
        return Summary(kind, record_id, links, evidence, places, brief)

    @property
    def source_id(self) -> str | None:
        return self.links[0]

    @property
    def finding_id(self) -> str | None:
        return self.links[1]

    @property
    def risk_id(self) -> str | None:
        return self.links[2]

    @property
    def parent_id(self) -> str | None:
        return self.links[4]


#: What :attr:`Summary.brief` holds of an action, in order (the dates as ISO text).
BRIEF = ("status", "closed_on", "created", "cancelled_on")


def _texts(values: list[Any], or_none: bool) -> bool:
    """Every item is text (or None). A plain loop: the quickest test for the few links of each of
    thousands of entries."""
    for value in values:
        if type(value) is not str and (value is not None or not or_none):
            return False
    return True


def summary_of(kind: str, record: Record | None) -> Summary:
    if record is None:
        return Summary(kind, None, [None] * 5, [], [])
    if not isinstance(record, Action):
        return Summary(kind, record.id, [None] * 5, [], [])
    completion = record.completion
    evidence = [e.path for e in completion.evidence if e.path] if completion is not None else []
    status = record.status
    dates = (record.closed_on, record.created, record.cancelled_on)
    brief: list[str | None] | None = None
    if (status is None or type(status) is str) and all(date is None or type(date) is dt.date for date in dates):
        brief = [status, *(date.isoformat() if date is not None else None for date in dates)]
    return Summary(kind, record.id, [record.source_id, record.finding_id, record.risk_id, record.control_id,
                                     record.parent_id], evidence, [], brief)


class FileChanged(Exception):
    """A file not read at the start of the run (trusted by its stat or blob) no longer holds the
    bytes its memo entry was made from: the run is done again in full."""


#: How recent a file's times may be and its stat still be trusted (:mod:`govtool.cache.filestat`);
#: a name of this module so that tests can trust every stat at once.
RACY_NS = filestat.RACY_NS


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def git_blob_name(raw: bytes) -> str:
    """The name Git gives a blob of these bytes: what ``git ls-files -s`` lists for a staged file."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


@dataclass(slots=True)
class RecordFile:
    kind: str
    path: str
    digest: str
    #: the bytes if read in this run; else read on first use, and checked against the digest
    loaded: bytes | None
    #: where to read it: a file in the folders (its path), else a reader (a staged blob's)
    reader: str | Callable[[], bytes]
    #: the file's stat signature (None: staged, or racily clean) and its blob name in Git
    signature: str | None
    blob: str | None
    #: whether the file holds a suppression comment (such a file is always read)
    marked: bool
    #: read while listing (not known by its stat or blob name): its entry is written anew
    fresh: bool = False

    @property
    def raw(self) -> bytes:
        if self.loaded is None:
            try:
                raw = read_record_bytes(self.reader) if isinstance(self.reader, str) else self.reader()
            except (OSError, YamlProblem):
                raise FileChanged(self.path) from None
            if content_digest(raw) != self.digest:
                raise FileChanged(self.path)
            self.loaded = raw
        return self.loaded


@dataclass(slots=True)
class Entry:
    """One record file's memo entry: how to know its bytes without reading them, their digest,
    and what linting them found."""

    signature: str | None
    blob: str | None
    digest: str
    marked: bool
    summary: Summary
    reports: list[StoredReport]

    def encode(self) -> list[Any]:
        return [self.signature, self.blob, self.digest, self.marked, self.summary.encode(),
                [list(r) for r in self.reports]]

    @staticmethod
    def decode(value: Any) -> Entry | None:
        if type(value) is not list or len(value) != 6:
            return None
        signature, blob, digest, marked, summary, reports = value
        if not ((signature is None or type(signature) is str) and (blob is None or type(blob) is str)
                and type(digest) is str and type(marked) is bool):
            return None
        decoded = Summary.decode(summary)
        found = _decode_reports(reports) if reports else ([] if type(reports) is list else None)
        if decoded is None or found is None:
            return None
        return Entry(signature, blob, digest, marked, decoded, found)


class LintMemo:
    """One register's stored problems: :meth:`entry` while the files are listed, :meth:`write` after.

    Kept in shards (:class:`govtool.cache.sharded.ShardedCache`): a run rewrites the shards of the
    entries that changed, and a shard is trusted only as part of the generation the head names.
    """

    def __init__(self, root: Path, settings_raw: bytes, today: dt.date):
        self.root = root
        self.folder = register_cache_path(root, "lint-memo", memo_version())
        self.store = ShardedCache(self.folder, FORMAT, memo_version())
        self.key = hashlib.blake2b(repr((settings_raw, today.isoformat(), _frameworks_digest(root))).encode(),
                                   digest_size=16).hexdigest()
        meta = self.store.meta
        self.valid = meta.get("key") == self.key and isinstance(meta.get("ids"), str)
        self.ids_digest: str | None = meta["ids"] if self.valid else None
        self.files: list[RecordFile] = []
        self._entries: dict[str, Entry | None] | None = None  # decoded on first lookup
        self._malformed: set[str] = set()
        self.malformed = False
        #: the token of the index file read, and the files the head lists as changed since
        self._index_token: str | None = None
        self._overlaid: set[str] = set()

    @property
    def usable(self) -> bool:
        return self.folder is not None

    @property
    def trustworthy(self) -> bool:
        """Every shard the head names came from its one generation (all are read on the first
        lookup), and every entry looked up so far is well formed."""
        return self.valid and not self.store.broken and not self.malformed

    def entry(self, path: str) -> Entry | None:
        """The entry stored for ``path``, whatever bytes it was made from (None: none usable)."""
        if self._entries is None:
            self._entries = self._decode_all()
        found = self._entries.get(path)
        if found is None and path in self._malformed:
            self.malformed = True  # only an entry looked up counts: one of a deleted file is never used
        return found

    def _decode_all(self) -> dict[str, Entry | None]:
        """Every entry, decoded in one pass: a run looks up every record file's entry."""
        if not self.valid:
            return {}
        decode = Entry.decode
        entries = {path: decode(value) for path, value in self.store.every_entry().items()}
        self._malformed = {path for path, entry in entries.items() if entry is None}
        return entries

    def one(self, path: str, signature: str | None, kind: str) -> Entry | None:
        """``path``'s entry alone (its shard decoded, no other entry checked), if it is well formed,
        of ``kind`` and made from the file with this stat ``signature`` (None: any)."""
        entry = Entry.decode(self.store.get(path))
        if (entry is None or entry.summary.kind != kind
                or (signature is not None and entry.signature != signature)):
            return None
        return entry

    def one_summary(self, path: str, key: str, kind: str, staged: bool = False) -> Summary | None:
        """:meth:`one`'s summary alone (its reports not decoded), if the entry has the stored
        shape, is of ``kind`` and was made from the file with this stat signature (``key``; for
        ``staged``, the blob of this name)."""
        value = self.store.get(path)
        if (type(value) is not list or len(value) != 6 or value[1 if staged else 0] != key
                or type(value[2]) is not str or type(value[3]) is not bool or type(value[5]) is not list):
            return None
        summary = Summary.decode(value[4])
        return summary if summary is not None and summary.kind == kind else None

    def index(self) -> MemoIndex | None:
        """The register-wide part of the memo, if well formed (else None): the index file the
        head names by its token, with the files changed since it was written as the head lists them."""
        held = self.store.meta.get("index") if self.valid else None
        if self.folder is None or not (type(held) is list and len(held) == 2 and type(held[0]) is str
                                       and type(held[1]) is dict):
            return None
        token, overlay = held
        body, _reason = read_checked(self.folder / INDEX_FILE, FORMAT, memo_version())
        if not (isinstance(body, dict) and body.get("token") == token):
            return None
        base = MemoIndex.decode(body.get("index"))
        found = base.overlaid(overlay) if base is not None else None
        if found is not None:
            self._index_token, self._overlaid = token, set(overlay)
        return found

    def index_meta(self, index: MemoIndex, read: MemoIndex, touched: set[str],
                   position: Mapping[str, int]) -> list[Any] | None:
        """What the head says of ``index``, a run's index that differs from the one ``read`` at
        most in the files ``touched``: the same index file and the state of the files that differ
        from it, or (once more than :data:`OVERLAY_MAX` do, or none was read) a new index file."""
        stamp_of = dict(zip(index.reported, index.stamps, strict=True))
        stamp_read = dict(zip(read.reported, read.stamps, strict=True))
        paths = self._overlaid | {path for path in touched
                                  if index.state(position[path], stamp_of) != read.state(position[path], stamp_read)}
        if self._index_token is not None and len(paths) <= OVERLAY_MAX:
            return [self._index_token, {path: index.state(position[path], stamp_of) for path in sorted(paths)}]
        return self._write_index(index)

    def _write_index(self, index: MemoIndex) -> list[Any] | None:
        """``index`` in its own file under a fresh token (written before the head that names it);
        None when it cannot be kept (the register is then linted without an index)."""
        encoded = index.encode()
        if self.folder is None or encoded is None:
            return None
        token = os.urandom(8).hex()
        self.folder.mkdir(parents=True, exist_ok=True)
        if not write_checked(self.folder / INDEX_FILE, FORMAT, memo_version(), {"token": token, "index": encoded}):
            return None
        return [token, {}]

    def old_summary(self, path: str) -> Summary | None:
        entry = self.entry(path)
        return entry.summary if entry is not None else None

    def write(self, summaries: dict[str, Summary], reports: dict[str, list[StoredReport]], ids: str,
              dirty: set[str], full: bool, neighbours: Neighbours | None = None,
              stamps: dict[str, str] | None = None) -> bool:
        """Keep every record file's entry, writing those of ``dirty`` paths (``full``: all), and
        the register-wide :class:`MemoIndex` (none when ``neighbours`` found duplicate IDs)."""
        if self.folder is None:
            return False
        index = (MemoIndex.build(self.files, summaries, stamps, neighbours)
                 if neighbours is not None and stamps is not None and not neighbours.duplicates
                 and len(summaries) == len(self.files) else None)
        updates = {}
        for file in self.files:
            if (full or file.path in dirty) and file.path in summaries:
                value = Entry(file.signature, file.blob, file.digest, file.marked, summaries[file.path],
                              reports.get(file.path, [])).encode()
                if full or self.store.get(file.path) != value:  # a relinted neighbour often finds the same
                    updates[file.path] = value
        if not full and not updates and ids == self.ids_digest and index is not None and index == self.index():
            return False
        meta = self._write_index(index) if index is not None else None
        done = self.store.save({"key": self.key, "ids": ids, "index": meta},
                               (f.path for f in self.files if f.path in summaries), updates, full)
        if done:
            drop_stale_versions(self.folder)
        return done


@dataclass(slots=True)
class MemoIndex:
    """What a run needs of every record file, kept in the memo's head beside the shards it was
    written with: a run that finds only a few files changed (by their stat signatures) decodes
    only their entries and those of the records it relints, and takes the rest from here.

    In the register's order: every record file's path, its stat signature (None: always read,
    as a file holding a suppression comment is), its record's ID, its content digest and what
    a stand-in holds of it; the neighbours' maps (:class:`Neighbours`) by ID and path; each
    file's evidence paths and where they led; the paths with stored problems and their stamps.
    Checked for exact types when decoded; like the entries, it is trusted only as part of the
    head's generation.

    The per-file lists are kept as columns, one text each, a line per file (:func:`_column`):
    the head is read and written on every run, and a few long strings decode, check and encode
    many times faster than thousands of short ones (at 3,000 files, a tenth of a pre-commit run)."""

    paths: list[str]
    signatures: list[str | None]
    ids: list[str | None]
    actions_of: list[list[Any]]
    on_finding: list[list[Any]]
    evidence: dict[str, list[list[str]]]
    reported: list[str]
    #: each reported path's stamp (:func:`govtool.lint.kept.report_stamp`), in the same order
    stamps: list[str]
    #: by path, what a stand-in (:class:`StandIn`) holds of an action (:func:`standin_of`; "":
    #: not an action, or its whole record is built instead). A relinted source may list
    #: thousands of actions; their entries are then not decoded.
    standins: list[str]
    #: by path, the content digest its entry was made from: what the history rules' records are
    #: found by (:func:`lazy_register`), without decoding their entries
    digests: list[str]
    #: by path, the name of its bytes' blob in Git (None: always read): what ``--staged`` knows
    #: an unchanged file by, as the other runs know it by its stat signature
    blobs: list[str | None]

    def encode(self) -> list[Any] | None:
        """The index as stored (None: a value a column cannot hold, such as a path with a line
        break; such a register is linted without an index)."""
        columns = [_column(values) for values in (self.paths, self.signatures, self.ids, self.standins, self.digests,
                                                   self.blobs)]
        if any(column is None for column in columns):
            return None
        paths, signatures, ids, standins, digests, blobs = columns
        return [paths, signatures, ids, self.actions_of, self.on_finding, self.evidence, self.reported, self.stamps,
                standins, digests, blobs]

    def keys(self, staged: bool) -> list[str | None]:
        """What a run knows an unchanged file by: its blob name (``staged``) or its stat signature."""
        return self.blobs if staged else self.signatures

    def state(self, i: int, stamp_of: Mapping[str, str]) -> list[Any]:
        """What can change of the ``i``th file's index between two runs linting a few files: its
        stat signature, digest and stand-in line, its evidence and its stamp (None: no problems;
        ``stamp_of``: the stamps by path)."""
        path = self.paths[i]
        return [self.signatures[i], self.digests[i], self.standins[i], self.evidence.get(path), stamp_of.get(path),
                self.blobs[i]]

    def overlaid(self, overlay: Any) -> MemoIndex | None:
        """This index with the files ``overlay`` lists in the state given (:meth:`state`); None
        when the overlay is malformed or names a file the index does not hold."""
        if not overlay:
            return self
        position = {path: i for i, path in enumerate(self.paths)}
        signatures, digests, standins = list(self.signatures), list(self.digests), list(self.standins)
        blobs = list(self.blobs)
        evidence = dict(self.evidence)
        stamps = dict(zip(self.reported, self.stamps, strict=True))
        for path, held in overlay.items():
            i = position.get(path)
            if i is None or not (type(held) is list and len(held) == 6):
                return None
            signature, digest, standin, places, stamp, blob = held
            if not ((signature is None or type(signature) is str) and type(digest) is str and type(standin) is str
                    and (stamp is None or type(stamp) is str) and (blob is None or type(blob) is str)
                    and (places is None or (type(places) is list and len(places) == 2 and type(places[0]) is list
                                            and type(places[1]) is list and len(places[0]) == len(places[1])
                                            and _texts(places[0], False) and _texts(places[1], False)))):
                return None
            signatures[i], digests[i], standins[i], blobs[i] = signature, digest, standin, blob
            if places is None:
                evidence.pop(path, None)
            else:
                evidence[path] = places
            if stamp is None:
                stamps.pop(path, None)
            else:
                stamps[path] = stamp
        reported = [path for path in self.paths if path in stamps]
        return MemoIndex(self.paths, signatures, self.ids, self.actions_of, self.on_finding, evidence, reported,
                         [stamps[path] for path in reported], standins, digests, blobs)

    @staticmethod
    def build(files: Sequence[RecordFile], summaries: dict[str, Summary], stamps: dict[str, str],
              neighbours: Neighbours) -> MemoIndex:
        reported = [f.path for f in files if f.path in stamps]
        return MemoIndex(
            [f.path for f in files], [None if f.marked else f.signature for f in files],
            [summaries[f.path].id for f in files],
            [[kind, record_id, ids] for (kind, record_id), ids in neighbours.actions_of.items()],
            [[source, finding, paths] for (source, finding), paths in neighbours.on_finding.items()],
            {f.path: [summaries[f.path].evidence, summaries[f.path].places] for f in files
             if summaries[f.path].evidence},
            reported, [stamps[path] for path in reported], [standin_of(summaries[f.path]) for f in files],
            [f.digest for f in files], [None if f.marked else f.blob for f in files])

    @staticmethod
    def decode(value: Any) -> MemoIndex | None:
        if type(value) is not list or len(value) != 11:
            return None
        paths, signatures, ids, actions_of, on_finding, evidence, reported, stamps, standins, digests, blobs = value
        if not (type(paths) is str and type(actions_of) is list and type(on_finding) is list
                and type(evidence) is dict and type(reported) is list and _texts(reported, False)
                and type(stamps) is list and len(stamps) == len(reported) and _texts(stamps, False)):
            return None
        held_paths = _rows(paths, None)
        count = len(held_paths) if held_paths is not None else -1
        held_signatures, held_ids = _rows(signatures, count), _rows(ids, count)
        held_standins, held_digests = _rows(standins, count), _rows(digests, count)
        held_blobs = _rows(blobs, count)
        if (held_paths is None or held_signatures is None or held_ids is None or held_standins is None
                or held_digests is None or held_blobs is None or None in held_paths or None in held_standins
                or None in held_digests):
            return None
        for keyed in (actions_of, on_finding):
            for item in keyed:
                if not (type(item) is list and len(item) == 3 and type(item[0]) is str and type(item[1]) is str
                        and type(item[2]) is list and _texts(item[2], False)):
                    return None
        for held in evidence.values():
            if not (type(held) is list and len(held) == 2 and type(held[0]) is list and type(held[1]) is list
                    and len(held[0]) == len(held[1]) and _texts(held[0], False) and _texts(held[1], False)):
                return None
        return MemoIndex(cast(list[str], held_paths), held_signatures, held_ids, actions_of, on_finding, evidence,
                         reported, stamps, cast(list[str], held_standins), cast(list[str], held_digests), held_blobs)


#: A column: one line per file; None is written as NUL (which no value may hold, nor a line break).
_LINE, _NONE = "\n", "\x00"
#: Between the fields of a stand-in's line (its five links and :data:`BRIEF`), and a field
#: that is None
_FIELD, _NO_FIELD = "\x1f", "\x1d"


def _column(values: Sequence[str | None]) -> str | None:
    """``values`` as one text, a line each (None: one cannot be written so)."""
    texts = [_NONE if value is None else value for value in values]
    text = _LINE.join(texts)
    if text.count(_LINE) != max(len(texts) - 1, 0) or text.count(_NONE) != texts.count(_NONE):
        return None
    return text


def _rows(column: Any, count: int | None) -> list[str | None] | None:
    """A column's values (None: not text, or not ``count`` of them)."""
    if type(column) is not str:
        return None
    values: list[str | None] = list(column.split(_LINE)) if column or count else []
    if count is not None and len(values) != count:
        return None
    if _NONE in column:
        values = [None if value == _NONE else value for value in values]
    return values


def standin_of(summary: Summary) -> str:
    """What the index keeps of an action for a stand-in: its five links and :data:`BRIEF` in one
    line ("": not an action, not plain, or a value the line cannot hold)."""
    if summary.kind != "action" or summary.brief is None:
        return ""
    fields = [_NO_FIELD if value is None else value for value in (*summary.links, *summary.brief)]
    if any(_FIELD in value or _LINE in value or _NONE in value or (_NO_FIELD in value and value != _NO_FIELD)
           for value in fields):
        return ""
    return _FIELD.join(fields)


def standin_fields(line: str) -> list[str | None] | None:
    """:func:`standin_of`'s fields back (None: not five links and :data:`BRIEF`, or a date that
    is no date)."""
    fields: list[str | None] = [None if value == _NO_FIELD else value for value in line.split(_FIELD)]
    if len(fields) != 5 + len(BRIEF):
        return None
    for date in fields[6:]:
        if date is not None:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                return None
    return fields


def _decode_reports(value: Any) -> list[StoredReport] | None:
    if not isinstance(value, list):
        return None
    found: list[StoredReport] = []
    for item in value:
        # Exact types (JSON decodes only these): a line is an int, never a bool.
        if type(item) is not list or len(item) != 5:
            return None
        rule, line, record, message, severity = item
        if (type(rule) is not str or type(message) is not str or (line is not None and type(line) is not int)
                or (record is not None and type(record) is not str)
                or (severity is not None and type(severity) is not str)):
            return None
        found.append((rule, line, record, message, severity))
    return found


def _frameworks_digest(root: Path) -> str:
    """The register's own framework files (unknown-framework-ref reads them)."""
    from govtool.register.frameworks.load import register_files

    digest = hashlib.blake2b(digest_size=16)
    for framework in register_files(root):
        digest.update(framework.name.encode() + b"\0")
        try:
            digest.update(read_record_bytes(framework.path))
        except (OSError, YamlProblem):
            digest.update(b"\1unreadable")
    return digest.hexdigest()


#: Register-relative path -> the name of its staged blob (None: not a regular file), and a
#: reader of blobs by name (:func:`govtool.history.staged.staged_record_blobs`)
StagedBlobs = tuple[dict[str, "str | None"], Callable[[list[str]], dict[str, bytes]]]


def read_files(root: Path, staged: StagedBlobs | None, memo: LintMemo, problems: list[LoadProblem],
               on_file: Callable[[str, bytes], None]) -> list[RecordFile]:
    """Every record file, as :func:`govtool.register.load.load_register` lists them, with its digest.

    A file whose memo entry carries its current stat signature (in the folders) or its blob
    name in Git's index (``staged``) is not read: its entry's digest stands for its bytes.
    Every other file is read and digested; ``on_file`` sees the bytes of every file read (a
    file holding a suppression comment is always read)."""
    started = time.time_ns()
    found: list[RecordFile] = []
    if staged is None:
        lstat, lookup, racy = os.lstat, memo.entry, RACY_NS
        for kind, name, path in iter_record_names(root, problems):  # once per file: plain lookups
            try:
                info: os.stat_result | None = lstat(path)
            except OSError:
                info = None
            signature = filestat.stat_signature(info, started, racy) if info is not None else None
            entry = lookup(name)
            if (signature is not None and entry is not None and entry.signature == signature and not entry.marked
                    and entry.summary.kind == kind):
                found.append(RecordFile(kind, name, entry.digest, None, path, signature, entry.blob, False))
                continue
            try:
                raw = read_record_bytes(path)
            except YamlProblem as problem:
                problems.append(LoadProblem(problem.kind, Path(name), problem.line, None, problem.message))
                continue
            on_file(name, raw)
            found.append(RecordFile(kind, name, content_digest(raw), raw, path, signature, git_blob_name(raw),
                                    MARKER in raw, fresh=True))
        return found
    listed, read_blobs = staged
    listing = list(staged_record_names(root, listed))
    trusted: dict[str, Entry] = {}
    for kind, name, _path in listing:
        entry = memo.entry(name)
        if (entry is not None and listed[name] is not None and entry.blob == listed[name] and not entry.marked
                and entry.summary.kind == kind):
            trusted[name] = entry
    blobs = read_blobs(sorted({sha for name, sha in listed.items() if sha is not None and name not in trusted}))
    for kind, name, path in listing:
        sha = listed[name]
        reader = _blob_reader(read_blobs, sha) if sha is not None else path
        entry = trusted.get(name)
        if entry is not None:
            found.append(RecordFile(kind, name, entry.digest, None, reader, entry.signature, entry.blob, False))
            continue
        try:
            raw = _staged_bytes({name: blobs.get(sha) if sha is not None else None}, Path(name), path)
        except YamlProblem as problem:
            problems.append(LoadProblem(problem.kind, Path(name), problem.line, None, problem.message))
            continue
        on_file(name, raw)
        digest = content_digest(raw)
        old = memo.entry(name)  # the working file's stat still stands for these bytes if they are its
        signature = old.signature if old is not None and old.digest == digest else None
        found.append(RecordFile(kind, name, digest, raw, reader, signature, git_blob_name(raw), MARKER in raw,
                                fresh=True))
    return found


def list_signatures(listed: Sequence[tuple[str, str, str]], started_ns: int) -> list[str | None]:
    """Each listed file's stat signature (None: not a regular file, gone, or racily clean)."""
    lstat, signature, racy = os.lstat, filestat.stat_signature, RACY_NS
    found: list[str | None] = []
    for _kind, _name, path in listed:  # once per file: plain calls
        try:
            found.append(signature(lstat(path), started_ns, racy))
        except OSError:
            found.append(None)
    return found


def read_one(kind: str, name: str, path: str, signature: str | None) -> RecordFile | None:
    """The file read and digested (None: it cannot be read as a record file)."""
    try:
        raw = read_record_bytes(path)
    except (OSError, YamlProblem):
        return None
    return RecordFile(kind, name, content_digest(raw), raw, path, signature, git_blob_name(raw), MARKER in raw,
                      fresh=True)


def read_staged(listed: Sequence[tuple[str, str, str]], staged: StagedBlobs,
                memo: LintMemo) -> list[RecordFile] | None:
    """The ``listed`` files as staged, their blobs read in one go (None: one cannot be read
    as a record file). A file's stat signature is its entry's when its bytes are the entry's."""
    names, read_blobs = staged
    blobs = read_blobs(sorted({sha for _kind, name, _path in listed if (sha := names[name]) is not None}))
    found: list[RecordFile] = []
    for kind, name, path in listed:
        sha = names[name]
        try:
            raw = _staged_bytes({name: blobs.get(sha) if sha is not None else None}, Path(name), path)
        except (OSError, YamlProblem):
            return None
        digest = content_digest(raw)
        old = memo.one(name, None, kind)
        found.append(RecordFile(kind, name, digest, raw, _blob_reader(read_blobs, sha) if sha is not None else path,
                                old.signature if old is not None and old.digest == digest else None,
                                git_blob_name(raw), MARKER in raw, fresh=True))
    return found


def _blob_reader(read_blobs: Callable[[list[str]], dict[str, bytes]], sha: str) -> Callable[[], bytes]:
    def read() -> bytes:
        raw = read_blobs([sha]).get(sha)
        if raw is None:
            raise FileChanged(sha)
        return raw
    return read


def stored_reports(reports: Iterable[tuple[str, Report]], paths: set[str]) -> dict[str, list[StoredReport]]:
    """The reports on ``paths``, by path, as the memo keeps them."""
    by_path: dict[str, list[StoredReport]] = {path: [] for path in paths}
    for name, report in reports:
        path = report_path(report)
        if path in by_path:
            by_path[path].append((name, report.line, report.record, report.message, report.severity))
    return by_path


def report_path(report: Report) -> str:
    return report.path.as_posix() if isinstance(report.path, PurePath) else str(report.path)


def as_reports(path: str, stored: Sequence[StoredReport]) -> Iterator[tuple[str, Report]]:
    for name, line, record, message, severity in stored:
        yield name, Report(path, line, record, message, severity)


def ids_digest(summaries: dict[str, Summary], files: Sequence[RecordFile]) -> str:
    text = repr([(f.path, summaries[f.path].id) for f in files])
    return hashlib.blake2b(text.encode(errors="surrogatepass"), digest_size=16).hexdigest()


class Neighbours:
    """Who links to whom, from every record's summary, in the register's order."""

    def __init__(self, files: Sequence[RecordFile], summaries: dict[str, Summary]):
        #: ID -> the file that holds it (the first, as the loader keeps)
        file_of: dict[str, RecordFile] = {}
        self.file_of: Mapping[str, RecordFile] = file_of
        #: ("source" or "risk", its ID) -> its actions' IDs; (source ID, finding ID) -> those
        #: actions' paths (an action without a finding has no siblings: weak-action reads none)
        self.actions_of: dict[tuple[str, str], list[str]] = {}
        self.on_finding: dict[tuple[str, str], list[str]] = {}
        self.duplicates = False
        seen: set[str] = set()
        actions_of, on_finding = self.actions_of, self.on_finding
        for file in files:  # once per record file on every run: kept to plain lookups
            summary = summaries[file.path]
            record_id = summary.id
            if record_id is None:
                continue
            folded = record_id.casefold()
            if folded in seen:
                self.duplicates = True
                continue
            seen.add(folded)
            file_of[record_id] = file
            if summary.kind == "action":
                source_id, finding_id, risk_id = summary.links[:3]
                if source_id:
                    actions_of.setdefault(("source", source_id), []).append(record_id)
                    if finding_id:
                        on_finding.setdefault((source_id, finding_id), []).append(file.path)
                if risk_id:
                    actions_of.setdefault(("risk", risk_id), []).append(record_id)

    def record_ids(self) -> dict[str, dict[str, None]]:
        """Every record ID by kind, in the register's order: what a broken link's "did you mean"
        is chosen from (a partial run's register holds only some of them)."""
        ids: dict[str, dict[str, None]] = {kind: {} for kind in RECORD_FOLDERS}
        for record_id, file in self.file_of.items():
            ids[file.kind][record_id] = None
        return ids

    def path(self, record_id: str | None, kind: str) -> str | None:
        file = self.file_of.get(record_id) if record_id else None
        return file.path if file is not None and file.kind == kind else None

    def path_of(self, record_id: str) -> str:
        """The path of the file holding ``record_id`` (which must be held)."""
        return self.file_of[record_id].path

    def asked(self, record_id: str) -> RecordFile | None:
        """The file holding ``record_id``, whose record a history rule asks for."""
        return self.file_of.get(record_id)

    def affected(self, changed: set[str], summaries: Iterable[tuple[str, Summary]]) -> set[str]:
        """The paths whose problems a change to ``changed`` can change: the changed records; an
        action's source and risk (their plan rules read their actions) and its siblings on one
        finding (weak-action reads them); a source's or risk's actions (their links read it).

        ``summaries`` holds each changed path's old and new summaries: an action moved from one
        source to another affects both. No rule reads further than this (the property test in
        tests/lint/test_incremental.py checks the answer equals a cold run's)."""
        found = set(changed)
        for path, summary in summaries:
            if path not in changed:
                continue
            if summary.kind == "action":
                found.update(p for p in (self.path(summary.source_id, "source"), self.path(summary.risk_id, "risk")) if p)
                if summary.source_id and summary.finding_id:
                    found.update(self.on_finding.get((summary.source_id, summary.finding_id), ()))
            elif summary.id is not None and summary.kind in ("source", "risk"):
                for action_id in self.actions_of.get((summary.kind, summary.id), ()):
                    found.add(self.path_of(action_id))
        return found

    def needed(self, affected: set[str], summaries: Mapping[str, Summary]) -> set[str]:
        """The records built in full to judge ``affected``: them, and their actions' sources and
        risks (whose findings and controls the links are checked against)."""
        needed = set(affected)
        for path in affected:
            summary = summaries.get(path)
            if summary is not None and summary.kind == "action":
                needed.update(p for p in (self.path(summary.source_id, "source"), self.path(summary.risk_id, "risk")) if p)
        return needed


class StoredFiles(Mapping[str, RecordFile]):
    """Record files by ID, as :class:`Neighbours` maps them, from the memo's index: a file's
    :class:`RecordFile` is made (from its entry, which must carry its current stat signature)
    only when asked for. ``known`` holds the files read in this run."""

    def __init__(self, root: Path, memo: LintMemo, index: MemoIndex, kinds: list[str], known: dict[str, RecordFile],
                 staged: StagedBlobs | None = None):
        self.root, self.memo, self.index, self.kinds, self.known = root, memo, index, kinds, known
        #: ``--staged``: files are known by their blob names and read from Git's index
        self.staged = staged
        self.trusted = index.keys(staged is not None)
        self.position = {path: i for i, path in enumerate(index.paths)}
        self.entries: dict[str, Entry] = {}
        self.made: dict[str, RecordFile] = {}  # files not read, made from their entries
        self.by_id: dict[str, int] = {}
        for i, record_id in enumerate(index.ids):
            if record_id is not None:
                self.by_id.setdefault(record_id, i)

    def file(self, path: str) -> RecordFile:
        found = self.known.get(path) or self.made.get(path)
        if found is None:
            i = self.position[path]
            key = self.trusted[i]
            entry = self.memo.one(path, None, self.kinds[i])
            if (entry is None or key is None or (entry.blob if self.staged else entry.signature) != key
                    or entry.summary.id != self.index.ids[i]):
                raise FileChanged(path)  # the index and its entries disagree: lint in full
            self.entries[path] = entry
            found = RecordFile(self.kinds[i], path, entry.digest, None, self.reader(path, key), entry.signature,
                               entry.blob, False)
            self.made[path] = found
        return found

    def reader(self, path: str, key: str) -> str | Callable[[], bytes]:
        """Where a file not read in this run is read if it must be: its blob, or the file."""
        return _blob_reader(self.staged[1], key) if self.staged is not None else str(self.root / path)

    def entry(self, path: str) -> Entry:
        """``path``'s entry, made from the bytes its file holds (one read in this run included)."""
        found = self.entries.get(path)
        if found is None:
            file = self.file(path)
            found = self.memo.one(path, None, file.kind)
            if found is None or found.digest != file.digest:
                raise FileChanged(path)
            self.entries[path] = found
        return found

    def summary(self, path: str) -> Summary:
        """``path``'s stored summary; for a file not read in this run, decoded alone from its
        entry (not its reports), which must carry the file's stat signature and ID in the index."""
        found = self.entries.get(path)
        if found is not None:
            return found.summary
        if path in self.known or path in self.made:
            return self.entry(path).summary
        i = self.position[path]
        key = self.trusted[i]
        summary = self.memo.one_summary(path, key, self.kinds[i], self.staged is not None) if key is not None else None
        if summary is None or summary.id != self.index.ids[i]:
            raise FileChanged(path)  # the index and its entries disagree: lint in full
        return summary

    def asked(self, record_id: str) -> RecordFile | None:
        """The file holding ``record_id`` for a history rule, which reads its record: one read or
        made in this run, else made from the index alone (its digest; no entry decoded)."""
        i = self.by_id.get(record_id)
        if i is None:
            return None
        path = self.index.paths[i]
        found = self.known.get(path) or self.made.get(path)
        if found is not None:
            return found
        key = self.trusted[i]
        if key is None:
            return self.file(path)
        return RecordFile(self.kinds[i], path, self.index.digests[i], None, self.reader(path, key),
                          self.index.signatures[i], self.index.blobs[i], False)

    def standin(self, action_id: str, build: Callable[[str], Action]) -> StandIn | None:
        """The action ``action_id`` as a stand-in made from its line in the index (None: none
        kept there, or its file was read in this run: its summary is this run's). Made straight
        from the line's fields, no summary between: a relinted source may list thousands."""
        i = self.by_id[action_id]
        line = self.index.standins[i]
        if not line or self.index.paths[i] in self.known:
            return None
        fields = line.split(_FIELD)
        if len(fields) != 5 + len(BRIEF):
            raise FileChanged(self.index.paths[i])  # a malformed index: lint in full
        source, finding, risk, control, parent, status, *dates = fields
        try:
            closed_on, created, cancelled_on = (None if date == _NO_FIELD else dt.date.fromisoformat(date)
                                                for date in dates)
        except ValueError:
            raise FileChanged(self.index.paths[i]) from None
        none = _NO_FIELD
        return StandIn(action_id, None if source == none else source, None if finding == none else finding,
                       None if risk == none else risk, None if control == none else control,
                       None if parent == none else parent, None if status == none else status, closed_on, created,
                       cancelled_on, build)

    def __getitem__(self, record_id: str) -> RecordFile:
        return self.file(self.index.paths[self.by_id[record_id]])

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_id)

    def __len__(self) -> int:
        return len(self.by_id)


class StoredSummaries(Mapping[str, Summary]):
    """Summaries by path: this run's (``known``), else each stored one, decoded on first use."""

    def __init__(self, files: StoredFiles, known: dict[str, Summary]):
        self.files, self.known = files, known

    def __getitem__(self, path: str) -> Summary:
        found = self.known.get(path)
        if found is None:
            if path not in self.files.position:
                raise KeyError(path)
            found = self.known[path] = self.files.summary(path)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.files.index.paths)

    def __len__(self) -> int:
        return len(self.files.index.paths)


class StoredNeighbours(Neighbours):
    """:class:`Neighbours` as the memo's index keeps them (the IDs and links of every file not
    changed in this run are the stored ones; the caller checks a changed file's are too)."""

    def __init__(self, files: StoredFiles):
        index = files.index
        self.file_of = files
        self.actions_of = {(kind, record_id): ids for kind, record_id, ids in index.actions_of}
        self.on_finding = {(source, finding): paths for source, finding, paths in index.on_finding}
        self.duplicates = False
        self._files = files

    def path_of(self, record_id: str) -> str:
        """From the index alone: no file made, no entry decoded (a relinted source may list
        thousands of actions, each a stand-in)."""
        return self._files.index.paths[self._files.by_id[record_id]]

    def asked(self, record_id: str) -> RecordFile | None:
        return self._files.asked(record_id)

    def record_ids(self) -> dict[str, dict[str, None]]:
        ids: dict[str, dict[str, None]] = {kind: {} for kind in RECORD_FOLDERS}
        kinds = self._files.kinds
        for record_id, i in self._files.by_id.items():
            ids[kinds[i]][record_id] = None
        return ids


def parse_files(cache: ParseCache, files: Sequence[RecordFile], wanted: set[str]) -> dict[str, Parsed]:
    """The parse of each ``wanted`` file, from the parse cache (which a partial run never rewrites)."""
    return {f.path: parse_file(cache, f) for f in files if f.path in wanted}


def parse_file(cache: ParseCache, file: RecordFile) -> Parsed:
    """A file's parse: a file not read in this run is looked up by its digest, and read only
    when the parse cache does not hold it."""
    if file.loaded is None:
        parsed = cache.lookup_digest(file.digest, Path(file.path), RECORD_CLASSES[file.kind])
        if parsed is not None:
            return parsed
    return _parse_cached(cache, file.raw, file.kind, Path(file.path))


def parse_changed(file: RecordFile) -> Parsed:
    """The parse of a file whose bytes are not its entry's, made outright: a run that relints a
    few files never saves the parse cache, and looking new bytes up in it would decode a shard
    (a 32nd of the register's parses) that hardly ever holds them, for a parse of one file."""
    return parse_record(file.raw, file.kind, Path(file.path))


def build_partial(root: Path, settings: Settings, files: Sequence[RecordFile], parsed: dict[str, Parsed],
                  problems: list[LoadProblem]) -> Register:
    """The register of the ``parsed`` record files only (not yet linked), with duplicate IDs
    found as :func:`govtool.register.load.load_register` finds them."""
    register = Register(root=root, settings=settings, problems=list(problems))
    seen: dict[str, tuple[str, Path]] = {}
    for file in files:
        if file.path not in parsed:
            continue
        relative = Path(file.path)
        record, parse_problems = parsed[file.path]
        register.problems.extend(parse_problems)
        if record is not None:
            add_record(register, seen, file.kind, relative, record)
    return register


def link_partial(register: Register, neighbours: Neighbours, summaries: Mapping[str, Summary],
                 cache: ParseCache, standin: Callable[[str, Callable[[str], Action]], StandIn | None] | None = None,
                 ) -> None:
    """Link a partial register as :meth:`Register.link` links the whole one: each source's and
    risk's actions in the register's order, an action's parent. An action not in the register
    is a stand-in (``standin``'s, made from the memo's index; else from its stored summary; or,
    when they could not be kept, its whole record from its file)."""
    standins: dict[str, Action] = {}
    built = STANDINS
    built.update(standins=0, whole=0)

    def full(action_id: str) -> Action:
        built["whole"] += 1
        file = neighbours.file_of[action_id]
        record, _problems = parse_file(cache, file)
        assert isinstance(record, Action)  # the summary was made from this very file
        return record

    def action(action_id: str) -> Action | None:
        held = register.actions.get(action_id)
        if held is not None:
            return held
        found = standins.get(action_id)
        if found is None:
            made = standin(action_id, full) if standin is not None else None
            if made is None:
                summary = summaries[neighbours.path_of(action_id)]
                brief = summary.brief
                if brief is not None:  # duck-typed: what counting rules read, the rest on first use
                    source, finding, risk, control, parent = summary.links
                    closed_on, created, cancelled_on = (dt.date.fromisoformat(date) if date is not None else None
                                                        for date in brief[1:])
                    made = StandIn(action_id, source, finding, risk, control, parent, brief[0], closed_on, created,
                                   cancelled_on, full)
            if made is not None:
                built["standins"] += 1
            found = standins[action_id] = cast(Action, made) if made is not None else full(action_id)
        return found

    for kind, records in (("source", register.sources), ("risk", register.risks)):
        for record in records.values():
            linked = [action(i) for i in neighbours.actions_of.get((kind, record.id), ())]
            record.actions[:] = [a for a in linked if a is not None]
    for held in register.actions.values():
        held.children.clear()
        held.source = register.sources.get(held.source_id or "")
        held.finding = held.source.finding(held.finding_id) if held.source else None
        held.risk = register.risks.get(held.risk_id or "")
        held.control = held.risk.control(held.control_id) if held.risk else None
        parent_id = held.parent_id or ""
        file = neighbours.file_of.get(parent_id)
        parent = action(parent_id) if file is not None and file.kind == "action" else None
        held.parent = parent if parent is not held else None


#: What the last :func:`link_partial` made (tests count the work, never the time): the
#: actions listed by a relinted source or risk made as stand-ins, and the whole records built
#: (a stand-in asked for more than it holds, or an action none could be made for).
STANDINS: dict[str, int] = {"standins": 0, "whole": 0}


class StandIn:
    """An action that a relinted source or risk lists but that is not relinted itself: its ID,
    links, status, closure, created and cancellation dates come from the memo (no decoding, no
    path object), which is all the source- and risk-level rules read of the actions they count
    (``response-due`` reads when each was raised, and cancelled). Any other attribute is taken
    from the whole record (parse cache by digest), built on first use."""

    __slots__ = ("id", "source_id", "finding_id", "risk_id", "control_id", "parent_id", "status", "closed_on",
                 "created", "cancelled_on", "_build", "_full")

    def __init__(self, action_id: str, source_id: str | None, finding_id: str | None, risk_id: str | None,
                 control_id: str | None, parent_id: str | None, status: str | None, closed_on: dt.date | None,
                 created: dt.date | None, cancelled_on: dt.date | None, build: Callable[[str], Action]):
        self.id = action_id
        self.source_id, self.finding_id, self.risk_id = source_id, finding_id, risk_id
        self.control_id, self.parent_id = control_id, parent_id
        self.status, self.closed_on = status, closed_on
        self.created, self.cancelled_on = created, cancelled_on
        self._build = build
        self._full: Action | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._full is None:
            self._full = self._build(self.id)
        return getattr(self._full, name)


class LazyRecords(dict[str, Any]):
    """Records by ID that builds, on first ``get``, a record not already held: the history
    rules ask about the few records whose history has something to say."""

    def __init__(self, held: dict[str, Any], load: Callable[[str], Record | None]):
        super().__init__(held)
        self._load = load

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self[key]
        record = self._load(key)
        if record is None:
            return default
        self[key] = record
        return record


#: The parses of the records the history rules asked for in the last run, by path and content
#: digest: one small file, where the parse cache would decode every one of its shards for them.
ASKED_CACHE = "lint-history-records"


def lazy_register(partial: Register, neighbours: Neighbours, cache: ParseCache, asked: ParseCache) -> Register:
    """The whole register as the history rules see it: ``partial``'s records, and any other
    record built from its file when asked for by ID (the first file of that ID, as loaded):
    from ``asked`` (what was asked for last time) if it holds these bytes, else as
    :func:`parse_file` builds it, then kept in ``asked`` (saved by the caller)."""
    def loader(kind: str) -> Callable[[str], Record | None]:
        def load(record_id: str) -> Record | None:
            file = neighbours.asked(record_id)
            if file is None or file.kind != kind:
                return None
            relative = Path(file.path)
            parsed = asked.lookup_digest(file.digest, relative, RECORD_CLASSES[kind])
            if parsed is None:
                parsed = parse_file(cache, file)
                asked.store(file.digest, relative, RECORD_CLASSES[kind], parsed)
            record = parsed[0]
            return record if record is not None and record.id == record_id else None
        return load

    return Register(root=partial.root, settings=partial.settings,
                    sources=LazyRecords(partial.sources, loader("source")),
                    actions=LazyRecords(partial.actions, loader("action")),
                    risks=LazyRecords(partial.risks, loader("risk")),
                    problems=partial.problems)


def history_inputs(partial: Register, neighbours: Neighbours) -> Callable[[str, list[Any]], object | None]:
    """What a history rule's reports on one record read besides the commits, for
    :mod:`govtool.lint.history_verdicts`: the file the run takes the record from (kind, path,
    content digest: the record's current snapshot and the lines reports point at come from
    it), and its uncommitted changes in full. None when a record built in this run holds the
    ID from another file than that one (two files of one ID): then it is judged afresh."""
    def inputs(record_id: str, uncommitted: list[Any]) -> object | None:
        file = neighbours.asked(record_id)
        for records in (partial.actions, partial.sources, partial.risks):
            held = dict.get(records, record_id)
            if held is not None and (file is None or held.path.as_posix() != file.path):
                return None
        return ((file.kind, file.path, file.digest) if file is not None else None,
                [(c.where.kind, c.status, c.path, c.old_path, c.before, c.after) for c in uncommitted])
    return inputs


def settings_bytes(root: Path) -> bytes:
    try:
        return read_record_bytes(root / SETTINGS_FILE)
    except (OSError, YamlProblem):
        return b""


__all__ = ["LintMemo", "Neighbours", "Summary", "load_settings"]
