"""The history rules' reports kept between runs, by record: a pre-commit run re-judges only the
records whose staged or working content changed.

The history rules judge every change to a record (committed, staged, in the working tree),
each with the record as it is now. A report on one change depends on nothing but:

- the change itself: a committed change (and the memory it starts from) is fixed by the commit
  Git's HEAD names, and which commits count is fixed by the commit ``--base`` resolves to;
- the record as the run lints it (its current snapshot, and the line a report points at): the
  file that holds its ID, known by its kind, path and content digest;
- govtool.yaml (rule options, acknowledged commits), the day (an uncommitted change is
  dated today), govtool's own code and which history rules run.

So the reports are kept in one small file in the Git directory (one for ``--staged``, one for
the working tree) under a key made of ``--base``'s commit, the lint memo's key (govtool.yaml's
bytes, the day, the frameworks) and the history rules with their options; the file's name
holds govtool's version, and the file names HEAD's commit. Each record ID's reports are kept
with a *fingerprint*: a digest of the ID, its committed changes (commit, path, status), the
file the run reads it from (kind, path, content digest) and every uncommitted change to it,
before and after, in full. A run hands the history rules only the changes of records whose
fingerprint differs or is not kept; every other record's reports are the kept ones.

The file counts at HEAD's commit, and at an ancestor of it (new commits on top: the next
pre-commit run after a commit). Then a record's earlier commits are judged as before (the
history digest is extended in the same way, not read anew) and a record a new commit changed
has another fingerprint. HEAD moved anywhere else (a reset, an amend, another branch) keeps
nothing. A file of another key, of the wrong shape, or whose entry for an ID is ill-typed or
names a rule not run counts for nothing; whatever cannot be matched is judged afresh.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from govtool.cache.store import drop_stale_versions, read_checked, register_cache_path, write_checked
from govtool.lint.rule import CHANGE_KINDS, Report

FORMAT = "govtool-history-verdicts"
#: a commit's full name (SHA-1 or SHA-256): all a kept tip may be before Git is asked about it
_COMMIT_NAME = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")
NAME = "lint-history-verdicts"
#: a kept report: rule, path, line, message, severity, the change it is about (its record is the
#: ID it is kept under)
KeptReport = tuple[str, str, "int | None", str, "str | None", "str | None"]


def fingerprint(record_id: str, inputs: object) -> str:
    """What a record's reports were found from, in a few bytes (``inputs``: its file or files,
    its uncommitted changes, as plain values whose ``repr`` names them in full)."""
    text = repr((record_id, inputs))
    return hashlib.blake2b(text.encode(errors="surrogatepass"), digest_size=16).hexdigest()


def _kept_report(value: Any) -> KeptReport | None:
    """A stored report of exactly the right shape and types, else None."""
    if type(value) is not list or len(value) != 6:
        return None
    rule, path, line, message, severity, change = value
    if (type(rule) is not str or type(path) is not str or type(message) is not str
            or not (line is None or type(line) is int) or not (severity is None or type(severity) is str)
            or not (change is None or change in CHANGE_KINDS)):
        return None
    return rule, path, line, message, severity, change


def _kept_entry(value: Any, rules: frozenset[str]) -> tuple[str, list[KeptReport]] | None:
    """One record's fingerprint and reports, if every part has the right shape and names a
    rule of this run; else None (the record is judged afresh)."""
    if type(value) is not list or len(value) != 2 or type(value[0]) is not str or type(value[1]) is not list:
        return None
    reports = []
    for item in value[1]:
        report = _kept_report(item)
        if report is None or report[0] not in rules:
            return None
        reports.append(report)
    return value[0], reports


class KeptVerdicts:
    """One run's use of the kept reports: :meth:`sift` narrows the history the rules judge,
    :meth:`reports` gives the kept reports of the rest, :meth:`save` keeps this run's."""

    def __init__(self, root: Path, memo_key: str, version: str, staged: bool,
                 rules: Sequence[tuple[str, object]]):
        # one file for --staged (the hook's) and one for the working tree, which judge other changes
        self.path = register_cache_path(root, f"{NAME}-staged" if staged else NAME, version, ".json")
        self.base_key = repr((memo_key, staged, [(name, repr(options)) for name, options in rules]))
        self.rules = frozenset(name for name, _options in rules)
        self.key: str | None = None
        self.tip: str | None = None
        #: no file was kept yet under this version: older versions' files are cleared on write
        self.absent = False
        #: kept at an ancestor of HEAD's commit: kept again at HEAD's, to spare the next run Git's check
        self.moved = False
        #: record ID -> fingerprint, for every record with a change this run
        self.fingerprints: dict[str, str] = {}
        #: record ID -> its kept reports, for the records not judged afresh
        self.kept: dict[str, list[KeptReport]] = {}
        #: the records the history rules judged this run, and the reports they made
        self.judged: set[str] = set()
        self.found: list[tuple[str, Report]] = []
        self.sifted = False

    def sift(self, history: Any, inputs_of: Callable[[str, list[Any]], object | None]) -> None:
        """Leave in ``history.changes`` only the changes of records not matched by a kept
        fingerprint. ``inputs_of(record_id, its uncommitted changes)``: what its reports read
        besides HEAD's commits (see :func:`fingerprint`); None when that cannot be told, and the
        record is judged afresh and its reports not kept."""
        # a shallow clone's run judges no commit: never the same reports as a full clone's
        limited = getattr(history, "limited", None)
        self.key = hashlib.blake2b(repr((self.base_key, history.base, limited)).encode(), digest_size=16).hexdigest()
        self.tip = history.tip
        by_record: dict[str, list[Any]] = {}
        for change in history.changes:
            by_record.setdefault(change.record_id, []).append(change)
        stored = self._load(history.descends)
        for record_id, changes in by_record.items():
            committed = [(c.where.commit.sha, c.where.merge, c.status, c.path, c.old_path)
                         for c in changes if c.where.commit is not None]
            inputs = inputs_of(record_id, [c for c in changes if c.where.commit is None])
            mark = fingerprint(record_id, (committed, inputs)) if inputs is not None else ""
            self.fingerprints[record_id] = mark
            entry = _kept_entry(stored.get(record_id), self.rules)
            if entry is not None and mark and entry[0] == mark:
                self.kept[record_id] = entry[1]
            else:
                self.judged.add(record_id)
        history.changes = [c for c in history.changes if c.record_id in self.judged]
        self.sifted = True

    def _load(self, descends: Callable[[str, str], bool] | None) -> dict[str, Any]:
        """The kept records, if kept under this key at HEAD's commit or at an ancestor of it.

        After new commits on top (the next pre-commit run after a commit), a record's earlier
        commits are judged as before (the history digest is extended, not read anew, on the
        same assumption) and its fingerprint names its commits: a record a new commit changed
        is judged afresh. A HEAD moved anywhere else (reset, amend, another branch) keeps
        nothing."""
        if self.path is None:
            return {}
        data, reason = read_checked(self.path, FORMAT, 1)
        self.absent = reason == "no cache yet"
        if type(data) is not dict or data.get("key") != self.key or type(data.get("records")) is not dict:
            return {}
        tip = data.get("tip")
        if tip != self.tip and (type(tip) is not str or not _COMMIT_NAME.fullmatch(tip) or self.tip is None
                                or descends is None or not descends(tip, self.tip)):
            return {}
        self.moved = tip != self.tip
        records: dict[str, Any] = data["records"]
        return records

    def reports(self) -> list[tuple[str, Report]]:
        """The kept records' reports, as the rules made them."""
        return [(rule, Report(path, line, record_id, message, severity, change))
                for record_id, kept in self.kept.items() for rule, path, line, message, severity, change in kept]

    def save(self) -> None:
        """Keep this run's reports (:attr:`found`: the history rules' reports on the records
        judged) when anything differs from what is kept. A report on no judged record (which no
        history rule makes) keeps nothing."""
        if not self.sifted or self.path is None or (not self.judged and self._same_records() and not self.moved):
            return
        found: dict[str, list[list[Any]]] = {record_id: [] for record_id in self.judged}
        for rule, report in self.found:
            if rule not in self.rules or report.record not in found:
                return
            path = report.path.as_posix() if hasattr(report.path, "as_posix") else str(report.path)
            found[report.record].append([rule, path, report.line, report.message, report.severity, report.change])
        records: dict[str, Any] = {record_id: [self.fingerprints[record_id], [list(r) for r in kept]]
                                   for record_id, kept in self.kept.items()}
        records.update({record_id: [self.fingerprints[record_id], reports] for record_id, reports in found.items()
                        if self.fingerprints[record_id]})
        if write_checked(self.path, FORMAT, 1, {"key": self.key, "tip": self.tip, "records": records}) and self.absent:
            drop_stale_versions(self.path)

    def _same_records(self) -> bool:
        """Every record with a change this run was matched: the file holds them already (it may
        hold records with no change now, which are never matched and so never used)."""
        return len(self.kept) == len(self.fingerprints)
