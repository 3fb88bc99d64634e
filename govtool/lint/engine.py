"""The lint engine: load the register, run the selected rules, and sift what they report.

Order of work: load every record (links need all of them, even when only some paths are
reported), read the settings' ``lint:`` section, run each rule with its options, stamp each
report with the rule's name and configured severity, then drop what settings or inline
comments excuse, keep only the requested paths, and sort by file and line. A rule that
crashes becomes one ``internal-error`` problem naming it; the run goes on. History rules
run only when Git history can be read; otherwise they are skipped with one notice. Lint never
writes a file.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Container, Iterable, Iterator, Sequence, Set
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from govtool.history.errors import HistoryUnavailable, UnknownRevision
from govtool.lint import incremental
from govtool.lint.config import LintConfig, RuleNames, load_config
from govtool.lint.history_verdicts import KeptVerdicts
from govtool.lint.kept import KeptFile, KeptProblems, StoredReport, report_stamp, with_history
from govtool.lint.rule import LintContext, Problem, Report, RuleSpec, all_rules
from govtool.lint.suppress import Suppression, SuppressionIndex, scan_bytes, scan_files
from govtool.register.as_of import left_out_files, stood_on
from govtool.register.find import SETTINGS_FILE
from govtool.register.load import iter_record_names, load_register, staged_record_names
from govtool.register.model import LoadProblem, Register, Settings
from govtool.register.parsecache import ParseCache
from govtool.support.errors import GovtoolError

if TYPE_CHECKING:  # Git's modules are imported when a run needs them
    from govtool.history.engine import RepositoryView

INTERNAL_ERROR = "internal-error"
UNUSED_SUPPRESSION = "unused-suppression"
SUPPRESSION_WITHOUT_REASON = "suppression-without-reason"
#: Rules whose problems the engine itself finds (their check functions report nothing).
ENGINE_RULES = frozenset({INTERNAL_ERROR, UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON})
#: Load problems whose files are not read again for comments (outside the register, or huge).
_UNREADABLE = frozenset({"unsafe-path", "file-too-large"})


#: How the notice that history rules were skipped begins.
HISTORY_SKIPPED = "history rules skipped"


class HistoryNotice(str):
    """The notice that history rules were skipped, and why (:attr:`reason`: the history
    reader's words, the fix included), for a command that shows it elsewhere (the portfolio)."""

    reason: str

    def __new__(cls, text: str, reason: str) -> HistoryNotice:
        made = super().__new__(cls, text)
        made.reason = reason
        return made


class LintResult:
    """What a lint found: the problems sorted by path and line, the rules that ran (SARIF lists
    them), one-line notices for standard error (e.g. why history rules were skipped), and each
    rule's configured severity. Some files' problems may be held whole (``kept``) and built
    only when :attr:`problems` is first read; the counts read them from stored output."""

    def __init__(self, register: Register, problems: list[Problem], rules: list[RuleSpec],
                 notices: list[str] | None = None, severity: dict[str, str] | None = None,
                 kept: KeptProblems | None = None):
        self.register = register
        self.rules = rules
        self.notices = notices if notices is not None else []
        self.severity = severity if severity is not None else {}
        self.kept = kept
        self._problems = problems
        #: ``--staged``: the register paths the commit changes (record files and govtool.yaml), each
        #: with its blob in HEAD and in the index (None: absent there), as the history reader found
        #: them; None when it did not read them (the commit gate asks Git)
        self.committed: dict[str, tuple[str | None, str | None]] | None = None

    @property
    def history_unchecked(self) -> str | None:
        """Why the history rules did not run (a shallow clone, no Git), or None when they did."""
        return next((notice.reason for notice in self.notices if isinstance(notice, HistoryNotice)), None)

    @property
    def fresh(self) -> list[Problem]:
        """The problems built so far: all of them once :attr:`problems` was read."""
        return self._problems

    @property
    def problems(self) -> list[Problem]:
        kept = self.kept
        if kept is not None and not kept.joined:
            joined = list(self._problems)
            try:
                for file in kept.files:
                    joined.extend(kept.problems(file))
            except incremental.FileChanged:  # an entry the memo's index vouched for is unusable
                joined = kept.cold()
            joined.sort(key=problem_order)
            self._problems = joined
            kept.joined = True
        return self._problems

    def _kept_counts(self) -> list[tuple[int, int]]:
        kept = self.kept
        if kept is None or kept.joined:
            return []
        try:
            return [kept.counts(file) for file in kept.files]
        except incremental.FileChanged:
            self.problems  # noqa: B018 - answered as a cold run
            return []

    @property
    def count(self) -> int:
        return len(self.fresh) + sum(e + w for e, w in self._kept_counts())

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.fresh) + sum(e for e, _w in self._kept_counts())

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.fresh) + sum(w for _e, w in self._kept_counts())

    def problems_in(self, paths: Set[str]) -> list[Problem]:
        """The problems in the files ``paths``, in output order, building only those files'
        kept problems (a pre-commit run asks this of the few files it commits)."""
        found = [p for p in self.fresh if p.path in paths]
        kept = self.kept
        if kept is not None and not kept.joined:
            try:
                for file in kept.files:
                    if file.path in paths:
                        found.extend(kept.problems(file))
            except incremental.FileChanged:  # answered as a cold run
                return [p for p in self.problems if p.path in paths]
        return sorted(found, key=problem_order)

    @property
    def files(self) -> int:
        return len({p.path for p in self.fresh}) + sum(e + w > 0 for e, w in self._kept_counts())


def problem_order(p: Problem) -> tuple[str, int, str, str, str, str]:
    """Every field in the key: a run that merges stored and fresh reports sorts as a cold one."""
    return (p.path, p.line or 0, p.rule, p.message, p.severity, p.record or "")


def lint_register(
    root: Path,
    today: dt.date,
    base: str | None = None,
    paths: Sequence[str] | None = None,
    register: Register | None = None,
    require_history: bool = False,
    staged: bool = False,
    incremental: bool = False,
    as_it_stood: bool = False,
) -> LintResult:
    """Lint the register at ``root``; ``paths`` (register-relative, posix) limits what is reported.

    History that cannot be read is one notice, unless ``require_history`` (CI, where a shallow
    clone must fail rather than pass unchecked); a ``base`` that does not exist is always an
    error (:class:`GovtoolError`). ``staged``: lint the record files in Git's index (what a
    commit would take) instead of those in the folders. ``incremental``: rebuild only the
    records linked to what changed since the last run (:mod:`govtool.lint.incremental`); the
    problems are the same, but the result's register holds only what was rebuilt (and builds
    any other record when asked for it by ID). ``as_it_stood``: ``today`` is a past ``--as-of``
    day, and the rules judge the register as it stood then (:func:`stood_on`: entries and
    records dated after it left out), on today's lines; the history rules read only the commits
    made by the end of that day (:func:`govtool.lint.history_rules.lint_history`). Such a run is
    never incremental (the memo holds the files' verdicts).
    """
    with _collector_paused():
        view = _staged_view(root) if staged else None
        done = None
        if incremental and register is None and not as_it_stood:
            done = _lint_incremental(root, today, base, paths, require_history, staged, view)
        if done is None:
            done = _lint(root, today, base, paths, register, require_history, staged, view, as_it_stood)
        if view is not None:  # what the history reader learnt of the commit, if it read history
            done.committed = view.staged_paths
        return done


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the register is built and linted.

    Lint builds hundreds of thousands of small objects and keeps them all, so the collector
    runs again and again over a heap that only grows, finding nothing to free: a quarter
    of the time on a large register. Nothing is lost by waiting until lint is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lint(
    root: Path, today: dt.date, base: str | None, paths: Sequence[str] | None, register: Register | None,
    require_history: bool = False, staged: bool = False, view: RepositoryView | None = None,
    as_it_stood: bool = False,
) -> LintResult:
    suppressions: list[Suppression] = []
    if register is None:
        register = load_register(root, lambda path, raw: suppressions.extend(scan_bytes(raw, path.as_posix())),
                                 staged=_staged_files(view) if view is not None else None)
        suppressions += scan_files(register.root, [SETTINGS_FILE])
        if as_it_stood:
            register = stood_on(register, today)
            left_out = left_out_files(register)  # a later record's comments excuse nothing on the day
            suppressions = [s for s in suppressions if s.path not in left_out]
    else:
        if as_it_stood:
            register = stood_on(register, today)
        suppressions = scan_files(register.root, _register_files(register))
    rules = all_rules()
    config = load_config(register.settings, rules)
    context = LintContext(
        register=register,
        today=today,
        base=base,
        history_loader=lambda: _load_history(register, base, staged, view),
        options=config.options,
    )
    notices: list[str] = []
    raw, ran = _run_rules(context, config, notices, require_history)
    if as_it_stood:  # a comment may excuse an entry written after the day: not "unused" on it
        ran = set()
    return _result(register, raw, ran, suppressions, config, rules, paths, notices)


class Held(NamedTuple):
    """What an incremental run hands the result besides its fresh reports: the record files
    kept whole (:mod:`govtool.lint.kept`), the stamp of every file whose problems are its
    stored reports alone, how to read a file's stored reports, and the memo's key."""

    paths: list[str]
    stamps: dict[str, str]
    #: the history rules' reports, by path (a kept file's are built with its stored ones)
    extra: dict[str, list[tuple[str, Report]]]
    stored: Callable[[str], Sequence[StoredReport]]
    key: str
    #: the problems a cold run finds: what is answered if a kept file's entry turns out unusable
    cold: Callable[[], list[Problem]]


def _result(register: Register, raw: list[tuple[str, Report]], ran: set[str], suppressions: list[Suppression],
            config: LintConfig, rules: dict[str, RuleSpec], paths: Sequence[str] | None,
            notices: list[str], held: Held | None = None) -> LintResult:
    excuses = SuppressionIndex(suppressions)
    problems = _sift(raw, excuses, config, rules, ran)
    if paths is not None:
        problems = [p for p in problems if _within(p.path, paths)]
    problems.sort(key=problem_order)
    if held is None:
        return LintResult(register, problems, config.rules, notices, config.severity)

    def build(path: str) -> list[Problem]:
        found = _stamped([*incremental.as_reports(path, held.stored(path)), *held.extra.get(path, ())], excuses,
                         config, rules)
        found.sort(key=problem_order)
        return found

    kept = [KeptFile(path, held.stamps[path]) for path in held.paths if paths is None or _within(path, paths)]
    return LintResult(register, problems, config.rules, notices, config.severity,
                      KeptProblems(kept, build, held.stamps, held.key, register.root, held.cold))


#: What the last incremental lint in this process did (tests count the work, never the time).
LAST_RUN: dict[str, int] = {}


def _lint_incremental(
    root: Path, today: dt.date, base: str | None, paths: Sequence[str] | None, require_history: bool, staged: bool,
    view: RepositoryView | None = None,
) -> LintResult | None:
    """The lint of only the records linked to what changed, the others' problems as stored;
    None when nothing can be stored (outside Git), a rule crashed or a file changed while
    being linted (the caller lints in full)."""
    try:
        return _lint_changed(root.resolve(), today, base, paths, require_history, staged, view)
    except incremental.FileChanged:
        return None


def _lint_changed(
    root: Path, today: dt.date, base: str | None, paths: Sequence[str] | None, require_history: bool,
    staged: bool, view: RepositoryView | None = None,
) -> LintResult | None:
    from govtool.lint.rules.links import places_of

    settings_raw = incremental.settings_bytes(root)
    settings = incremental.load_settings(root)
    if incremental.settings_bytes(root) != settings_raw:  # changed while being read: key nothing on it
        return None
    memo = incremental.LintMemo(root, settings_raw, today)
    if not memo.usable:
        return None
    blobs = _staged_blobs(view) if view is not None else None
    try:
        quick = _lint_few_changed(root, today, base, paths, require_history, settings, memo, blobs, view)
    except incremental.FileChanged:  # a file changed, or the memo's index and entries disagree
        quick = None
    if quick is not None:
        return quick
    memo = incremental.LintMemo(root, settings_raw, today)  # afresh: nothing half-read
    suppressions: list[Suppression] = []
    listing_problems: list[LoadProblem] = []
    files = incremental.read_files(root, blobs, memo, listing_problems,
                             lambda path, raw: suppressions.extend(scan_bytes(raw, path)))
    suppressions += scan_files(root, [SETTINGS_FILE])
    memo.files = files
    summaries: dict[str, incremental.Summary] = {}
    stored: dict[str, list[StoredReport]] = {}
    changed: set[str] = set()
    lookup = memo.entry
    for file in files:  # once per record file: its stored summary and reports, if made from these bytes
        entry = lookup(file.path)
        if entry is not None and entry.digest == file.digest and entry.summary.kind == file.kind:
            summaries[file.path], stored[file.path] = entry.summary, entry.reports
        else:
            changed.add(file.path)
    cache = ParseCache(root)
    parsed = incremental.parse_files(cache, files, changed)
    kinds = {f.path: f.kind for f in files if f.path in parsed}
    for path, (record, _problems) in parsed.items():
        summaries[path] = incremental.summary_of(kinds[path], record)
    with_evidence = [(path, summary) for path, summary in summaries.items() if summary.evidence]
    places = places_of(root, (p for _path, s in with_evidence for p in s.evidence))
    moved = set()
    for path, summary in with_evidence:  # a summary without evidence has no places, stored or now
        now = [places[p] for p in summary.evidence]
        if path not in changed and summary.places != now:
            moved.add(path)
        summary.places = now
    changed |= moved
    ids = incremental.ids_digest(summaries, files)
    neighbours = incremental.Neighbours(files, summaries)
    everything = {f.path for f in files}
    old = {path: memo.old_summary(path) for path in changed}
    if (ids != memo.ids_digest or neighbours.duplicates or not memo.trustworthy
            or any(summary is None or summary.id is None for summary in old.values())
            or any(summaries[path].id is None for path in changed if path in summaries)):
        # A record added, removed or renamed (every suggestion may change), two files with one
        # ID (which of them is linked to depends on both), a file that is no record before or
        # after its change (the records it may link to are unknown: the rules looking across
        # records hold back for it, govtool.register.unread), or a memo that is not one whole,
        # well-formed generation (a changed file's old links unknown): lint everything.
        wanted = needed = everything
    else:
        wanted = neighbours.affected(
            changed, [*summaries.items(), *((path, summary) for path, summary in old.items() if summary is not None)])
        # with the files that are no record (their load problems tell the rules looking across
        # records where to hold back: govtool.register.unread)
        needed = neighbours.needed(wanted, summaries) | {path for path, s in summaries.items() if s.id is None}
    parsed.update(incremental.parse_files(cache, files, needed - parsed.keys()))
    partial = incremental.build_partial(root, settings, files, {p: parsed[p] for p in needed}, listing_problems)
    if needed == everything:
        partial.link()
    else:
        incremental.link_partial(partial, neighbours, summaries, cache)
    seen, asked, verdicts, rules, config, notices, raw, ran = _run_partial(
        root, today, base, settings, partial, neighbours, cache, staged, needed != everything, require_history,
        memo.key, view)
    if any(name == INTERNAL_ERROR for name, _report in raw):
        return None
    history = {spec.name for spec in config.rules if spec.needs_history}
    kept = set(summaries) - wanted
    fresh = incremental.stored_reports(((n, r) for n, r in raw if n not in history), wanted)
    reports = {**{p: stored[p] for p in kept}, **fresh}
    stamps = {path: report_stamp(path, found) for path, found in reports.items() if found}
    pure, extra = _pure(stamps, raw, history, suppressions, summaries)
    whole_files = sorted(p for p in kept if stored[p] and p in pure)
    later = set(whole_files)  # their problems built only if asked for
    merged = [(name, report) for name, report in raw
              if (name in history or incremental.report_path(report) not in kept)
              and incremental.report_path(report) not in later]
    for path in sorted(p for p in kept if stored[p] and p not in pure):
        merged.extend(incremental.as_reports(path, stored[path]))
    read = {f.path for f in files if f.fresh}
    memo.write(summaries, reports, ids, wanted | read, full=needed == everything, neighbours=neighbours,
               stamps=stamps)
    if needed == everything:  # a partial run leaves the parse cache as it is (it saw only some files)
        cache.save()
    asked.save()
    verdicts.save()
    LAST_RUN.clear()
    LAST_RUN.update(relinted=len(wanted), built=len(needed), files=len(files), read=len(read),
                    memo_shards_read=memo.store.shards_read, by_index=0, stored_built=0, cold=0,
                    history_judged=len(verdicts.judged), history_kept=len(verdicts.kept))
    held = Held(whole_files, pure, extra, _counted(stored.__getitem__), memo.key,
                lambda: _cold(root, today, base, paths, require_history, staged))
    return _result(seen, merged, ran, suppressions, config, rules, paths, notices, held)


def _cold(root: Path, today: dt.date, base: str | None, paths: Sequence[str] | None, require_history: bool,
          staged: bool) -> list[Problem]:
    """A cold run's problems, for a result whose kept file's stored reports proved unusable
    (counted in :data:`LAST_RUN`)."""
    LAST_RUN["cold"] = 1
    with _collector_paused():
        return _lint(root, today, base, paths, None, require_history, staged).problems


def _pure(stamps: dict[str, str], raw: list[tuple[str, Report]], history: set[str],
          suppressions: list[Suppression], records: Container[str]) -> tuple[dict[str, str], dict[str, list[tuple[str, Report]]]]:
    """The stamps of the record files whose problems are their stored reports and the history
    rules' reports on them (those too in the stamp), no suppression comment in them (whose use
    depends on their bytes); and the history rules' reports by path."""
    extra: dict[str, list[tuple[str, Report]]] = {}
    for name, report in raw:
        if name in history:
            extra.setdefault(incremental.report_path(report), []).append((name, report))
    marked = {suppression.path for suppression in suppressions}
    pure = {path: stamp for path, stamp in stamps.items() if path not in marked and path not in extra}
    for path, reports in extra.items():
        if path in records and path not in marked:
            # in one order whatever order the rules ran in (kept records' reports come last)
            found = sorted(reports, key=lambda item: (item[0], item[1].line or 0, item[1].record or "",
                                                      item[1].message, item[1].severity or ""))
            pure[path] = with_history(stamps.get(path, ""), [(name, r.line, r.record, r.message, r.severity, r.change)
                                                              for name, r in found])
    return pure, extra


def _counted(stored: Callable[[str], Sequence[StoredReport]]) -> Callable[[str], Sequence[StoredReport]]:
    """``stored``, counting in :data:`LAST_RUN` the files whose stored problems were built."""
    def read(path: str) -> Sequence[StoredReport]:
        LAST_RUN["stored_built"] = LAST_RUN.get("stored_built", 0) + 1
        return stored(path)
    return read


def _run_partial(
    root: Path, today: dt.date, base: str | None, settings: Settings, partial: Register,
    neighbours: incremental.Neighbours, cache: ParseCache, staged: bool, is_partial: bool, require_history: bool,
    memo_key: str, view: RepositoryView | None = None,
) -> tuple[Register, ParseCache, KeptVerdicts, dict[str, RuleSpec], LintConfig, list[str], list[tuple[str, Report]],
           set[str]]:
    """Every rule over the records built in full (``partial``), the history rules over the whole
    register (others built on first use by ID): the register as the history rules saw it, the
    cache of what they asked for (saved by the caller), the rules, their configuration, the
    notices, the reports and which rules ran. The history rules judge only the records whose
    kept reports (:mod:`govtool.lint.history_verdicts`) do not match; the others' are the kept
    ones, saved by the caller with the cache."""
    from govtool.lint.rules.links import RECORD_IDS

    record_ids = neighbours.record_ids()
    asked = ParseCache(root, incremental.ASKED_CACHE, shards=1)
    whole = incremental.lazy_register(partial, neighbours, cache, asked)
    rules = all_rules()
    config = load_config(settings, rules)
    verdicts = KeptVerdicts(root, memo_key, incremental.memo_version(), staged,
                            [(spec.name, config.options.get(spec.name, spec.options))
                             for spec in config.rules if spec.needs_history])

    def history() -> Any:
        found = _load_history(whole, base, staged, view)
        verdicts.sift(found, incremental.history_inputs(partial, neighbours))
        return found

    context = LintContext(register=partial, today=today, base=base, history_loader=history,
                          options=config.options, partial=is_partial)
    context.once(RECORD_IDS, lambda: record_ids)
    notices: list[str] = []
    raw, ran = _run_rules(context, config, notices, require_history)
    if verdicts.sifted:
        verdicts.found = [(name, report) for name, report in raw if name in verdicts.rules]
        raw += verdicts.reports()
    return whole, asked, verdicts, rules, config, notices, raw, ran


#: More files read than this and the run takes the whole memo (:func:`_lint_changed`).
FEW_CHANGED = 64


def _lint_few_changed(
    root: Path, today: dt.date, base: str | None, paths: Sequence[str] | None, require_history: bool,
    settings: Settings, memo: incremental.LintMemo, blobs: incremental.StagedBlobs | None = None,
    view: RepositoryView | None = None,
) -> LintResult | None:
    """:func:`_lint_changed` for a run that finds only a few files changed by their stat
    signatures (``--staged``, ``blobs``: by their blob names in Git's index) and the memo's index whole:
    every other file costs one comparison, and only the entries of the files read or relinted
    are decoded. None (nothing written) when anything is unusual: a file added, removed or
    renamed, a listing problem, a changed file's ID, kind or links (source, finding, risk) not
    its stored ones, too many files read."""
    from govtool.lint.rules.links import places_of

    index = memo.index()
    if index is None or not memo.ids_digest:
        return None
    listing_problems: list[LoadProblem] = []
    started = time.time_ns()
    staged = blobs is not None
    listed = list(staged_record_names(root, blobs[0]) if blobs is not None else iter_record_names(root, listing_problems))
    if listing_problems or [name for _kind, name, _path in listed] != index.paths:
        return None
    keys = ([blobs[0][name] for _kind, name, _path in listed] if blobs is not None
            else incremental.list_signatures(listed, started))
    read_at = [i for i, (now, old) in enumerate(zip(keys, index.keys(staged), strict=True)) if now is None or now != old]
    if len(read_at) > FEW_CHANGED:
        return None
    read = (incremental.read_staged([listed[i] for i in read_at], blobs, memo) if blobs is not None
            else [incremental.read_one(*listed[i], keys[i]) for i in read_at])
    if read is None:
        return None
    kinds = [kind for kind, _name, _path in listed]
    known: dict[str, incremental.RecordFile] = {}
    files = incremental.StoredFiles(root, memo, index, kinds, known, blobs)
    suppressions: list[Suppression] = []
    summaries: dict[str, incremental.Summary] = {}
    old: dict[str, incremental.Summary] = {}
    changed: set[str] = set()
    cache = ParseCache(root)
    parsed: dict[str, Any] = {}
    read_reports: dict[str, list[StoredReport]] = {}
    for i, file in zip(read_at, read, strict=True):
        kind, name, _path = listed[i]
        entry = memo.one(name, None, kind)
        if file is None or entry is None or entry.summary.id != index.ids[i]:
            return None
        suppressions.extend(scan_bytes(file.raw, name))
        known[name] = file
        if file.digest == entry.digest:
            summaries[name], read_reports[name] = entry.summary, entry.reports
            continue
        parsed[name] = incremental.parse_changed(file)
        made = incremental.summary_of(kind, parsed[name][0])
        if made.id != entry.summary.id or made.links[:3] != entry.summary.links[:3]:
            return None  # the stored IDs and neighbours no longer hold
        summaries[name], old[name] = made, entry.summary
        changed.add(name)
    suppressions += scan_files(root, [SETTINGS_FILE])
    # Where evidence leads: looked at afresh for every file, as the full run does.
    evidence = {path: held for path, held in index.evidence.items() if path not in summaries}
    evidence.update({path: [s.evidence, s.places] for path, s in summaries.items() if s.evidence})
    places = places_of(root, (p for held in evidence.values() for p in held[0]))
    every = incremental.StoredSummaries(files, summaries)
    for path, (paths_held, places_held) in evidence.items():
        now = [places[p] for p in paths_held]
        if path in changed:
            summaries[path].places = now
        elif places_held != now:  # an unchanged record whose evidence moved: relinted
            summary = every[path]
            if summary.evidence != paths_held:
                raise incremental.FileChanged(path)  # the index and its entry disagree
            old[path] = replace(summary)  # as stored, before its places change below
            summary.places = now
            changed.add(path)
    if any(summary.id is None for summary in (*(summaries[p] for p in changed), *old.values())):
        return None  # a file that is no record: what it may link to is unknown (the full run's case)
    neighbours = incremental.StoredNeighbours(files)
    wanted = neighbours.affected(changed, [*((p, summaries[p]) for p in changed), *old.items()])
    needed = neighbours.needed(wanted, every) | {listed[i][1] for i, held in enumerate(index.ids) if held is None}
    position = files.position
    if len(needed) == len(listed):
        return None  # everything relinted: the full run, which also keeps every parse
    needed_files = [files.file(path) for path in sorted(needed, key=position.__getitem__)]
    parsed.update(incremental.parse_files(cache, needed_files, needed - parsed.keys()))
    partial = incremental.build_partial(root, settings, needed_files, parsed, listing_problems)
    incremental.link_partial(partial, neighbours, every, cache, files.standin)
    whole, asked, verdicts, rules, config, notices, raw, ran = _run_partial(
        root, today, base, settings, partial, neighbours, cache, staged, True, require_history, memo.key, view)
    if any(name == INTERNAL_ERROR for name, _report in raw):
        return None
    history = {spec.name for spec in config.rules if spec.needs_history}
    merged = [(name, report) for name, report in raw
              if name in history or incremental.report_path(report) in wanted
              or incremental.report_path(report) not in position]
    reported = set(index.reported)
    fresh = incremental.stored_reports(((n, r) for n, r in raw if n not in history), wanted)
    stamps = {path: stamp for path, stamp in zip(index.reported, index.stamps, strict=True)
              if path not in wanted and path not in read_reports}
    for path, found in (*read_reports.items(), *fresh.items()):  # a file relinted: its fresh reports
        if found:
            stamps[path] = report_stamp(path, found)
        else:
            stamps.pop(path, None)
    pure, extra = _pure(stamps, raw, history, suppressions, position)
    whole_files: list[str] = []
    for path in sorted(reported - wanted):
        if path in pure and path not in read_reports:
            whole_files.append(path)  # its problems built only if asked for
        else:
            stored = read_reports[path] if path in read_reports else files.entry(path).reports
            merged.extend(incremental.as_reports(path, stored))
    if whole_files:
        later = set(whole_files)
        merged = [(name, report) for name, report in merged if incremental.report_path(report) not in later]
    updates: dict[str, Any] = {}
    for path in sorted(wanted | known.keys()):
        file = files.file(path)
        reports = fresh[path] if path in fresh else read_reports[path] if path in read_reports else files.entry(path).reports
        value = incremental.Entry(file.signature, file.blob, file.digest, file.marked, every[path], reports).encode()
        if memo.store.get(path) != value:
            updates[path] = value
        if reports:
            reported.add(path)
        else:
            reported.discard(path)
    kept_evidence = dict(index.evidence)  # the index decoded is the memo's head: changed in a copy
    for path in changed:
        if summaries[path].evidence:
            kept_evidence[path] = [summaries[path].evidence, summaries[path].places]
        else:
            kept_evidence.pop(path, None)
    kept_signatures, kept_blobs = list(index.signatures), list(index.blobs)
    for path, file in known.items():
        kept_signatures[position[path]] = None if file.marked else file.signature
        kept_blobs[position[path]] = None if file.marked else file.blob
    now_reported = [p for p in index.paths if p in reported]
    kept_standins, kept_digests = list(index.standins), list(index.digests)
    for path in changed:
        kept_standins[position[path]] = incremental.standin_of(summaries[path])
    for path, file in known.items():
        kept_digests[position[path]] = file.digest
    kept = incremental.MemoIndex(index.paths, kept_signatures, index.ids, index.actions_of, index.on_finding,
                                 kept_evidence, now_reported, [stamps[p] for p in now_reported], kept_standins,
                                 kept_digests, kept_blobs)
    if updates or kept != index:
        meta = memo.index_meta(kept, index, known.keys() | changed | wanted, position)
        memo.store.save_some({"key": memo.key, "ids": memo.ids_digest, "index": meta}, updates)
    asked.save()
    verdicts.save()
    LAST_RUN.clear()
    LAST_RUN.update(relinted=len(wanted), built=len(needed), files=len(listed), read=len(known),
                    memo_shards_read=memo.store.shards_read, by_index=1, stored_built=0, cold=0,
                    parse_shards_read=cache.shards_read,
                    history_judged=len(verdicts.judged), history_kept=len(verdicts.kept))
    held = Held(whole_files, pure, extra, _counted(lambda path: files.entry(path).reports), memo.key,
                lambda: _cold(root, today, base, paths, require_history, staged))
    return _result(whole, merged, ran, suppressions, config, rules, paths, notices, held)


def narrowed(result: LintResult, only: frozenset[str] | None, without: frozenset[str] | None) -> LintResult:
    """``result`` with only the problems of the ``only`` rules (all if None), less ``without``.

    The command line's --select and --ignore narrow what is reported after every rule ran, so
    that a suppression comment for a rule left out is still seen as used, not reported unused.
    """
    if only is None and not without:
        return result
    keep = [p for p in result.problems
            if (only is None or p.rule in only or p.rule == INTERNAL_ERROR) and p.rule not in (without or ())]
    narrow = LintResult(result.register, keep, result.rules, result.notices, result.severity)
    narrow.committed = result.committed
    return narrow


def in_files(result: LintResult, paths: Set[str]) -> LintResult:
    """``result`` with only the problems in the files ``paths`` (building only those files'
    kept problems): what a pre-commit run lists of the files its commit changes."""
    within = LintResult(result.register, result.problems_in(paths), result.rules, result.notices, result.severity)
    within.committed = result.committed
    return within


def _staged_view(root: Path) -> RepositoryView:
    """The repository whose index ``--staged`` lints, found once a run and handed to the history
    rules too (finding it is a Git process; the hook found it twice). Found afresh each run, not
    remembered for the process: a long-lived one (a test session) would keep a stale one."""
    try:
        from govtool.history.engine import open_view

        return open_view(root, allow_shallow=True)  # a shallow clone holds HEAD and the index
    except (ImportError, HistoryUnavailable) as reason:
        raise GovtoolError(f"--staged lints what Git would commit: {reason}") from None


def _staged_files(view: RepositoryView) -> dict[str, bytes | None]:
    """The record files in Git's index; imported lazily like the history."""
    from govtool.history.staged import staged_record_files

    return staged_record_files(view)


def _staged_blobs(view: RepositoryView) -> incremental.StagedBlobs:
    """The names of the record files' blobs in Git's index, and a reader of blobs."""
    from govtool.history.staged import staged_record_blobs

    return staged_record_blobs(view)


def _load_history(register: Register, base: str | None, staged: bool = False,
                  view: RepositoryView | None = None) -> Any:
    """Git history for the history rules; imported lazily so plain lint never pays for Git.
    ``view``: the repository, when the run already found it (``--staged``)."""
    from govtool.lint.history_rules import lint_history

    return lint_history(register, base, staged_only=staged, view=view)


def _run_rules(
    context: LintContext, config: LintConfig, notices: list[str], require_history: bool = False
) -> tuple[list[tuple[str, Report]], set[str]]:
    """Every report from every selected rule, with the names of the rules that ran."""
    reports: list[tuple[str, Report]] = []
    ran: set[str] = set()
    history_rules = [spec for spec in config.rules if spec.needs_history]
    history_ok = True
    if history_rules:
        try:
            limited = getattr(context.history, "limited", None)  # built once, up front, to learn whether it exists
        except UnknownRevision as reason:
            raise GovtoolError(str(reason)) from None
        except HistoryUnavailable as reason:
            if require_history:
                raise GovtoolError(f"history rules cannot run (--require-history): {reason}") from None
            history_ok = False
            names = ", ".join(spec.name for spec in history_rules)
            notices.append(HistoryNotice(f"{HISTORY_SKIPPED} ({names}): {reason}", str(reason)))
        except Exception as exc:  # a bug in the history reader: report it, run the other rules
            history_ok = False
            reports.append((INTERNAL_ERROR, _crash_report("the Git history reader", exc)))
        else:
            if limited and require_history:
                raise GovtoolError(f"history rules cannot run in full (--require-history): {limited}") from None
            if limited:
                notices.append(limited)
    for spec in config.rules:
        if spec.needs_history and not history_ok:
            continue
        ran.add(spec.name)
        options = context.options.get(spec.name, spec.options)
        try:
            for report in spec.check(context, options):
                reports.append((spec.name, report))
        except GovtoolError:  # a setting the rule needs is broken (a framework file): exit 2, as for govtool.yaml
            raise
        except Exception as exc:  # a bug in one rule must not hide every other problem
            reports.append((INTERNAL_ERROR, _crash_report(f"rule {spec.name} ({spec.code})", exc)))
    context.finish()
    return reports, ran


def _crash_report(what: str, exc: Exception) -> Report:
    return Report(
        SETTINGS_FILE, None, None,
        f"{what} crashed with {type(exc).__name__}: {exc}; the problems it looks for were not checked. "
        "This is a bug in govtool: please report it",
    )


def _sift(
    reports: Iterable[tuple[str, Report]],
    suppressions: SuppressionIndex,
    config: LintConfig,
    rules: dict[str, RuleSpec],
    ran: set[str],
) -> list[Problem]:
    """Stamp severity; drop what per-path ignores and inline comments excuse; check the comments."""
    active = {spec.name for spec in config.rules}
    problems = _stamped(reports, suppressions, config, rules)
    names = RuleNames(rules)
    for suppression in suppressions.suppressions:
        found: list[tuple[str, str]] = []
        if not suppression.reason:
            found.append((SUPPRESSION_WITHOUT_REASON,
                          "suppression gives no reason: write why after the bracket, "
                          "e.g. '# govtool: ignore[overdue] date agreed with CQC on 2026-05-01'"))
        if not suppression.rules:
            found.append((UNUSED_SUPPRESSION, "suppression names no rule: write ignore[rule-name]"))
        for rule_name in suppression.rules:
            if rule_name not in rules:
                found.append((UNUSED_SUPPRESSION, f"suppression names no rule {rule_name!r}{names.suggest(rule_name)}"))
            elif rule_name in ran and rule_name not in suppression.used:
                found.append((UNUSED_SUPPRESSION,
                              f"suppression of {rule_name} excuses nothing on this line or the next: delete it"))
        for name, message in found:
            if name in active and name not in config.ignored_at(suppression.path):
                problems.append(Problem(name, config.severity[name], suppression.path, suppression.line, None, message))
    return problems


def _stamped(reports: Iterable[tuple[str, Report]], suppressions: SuppressionIndex, config: LintConfig,
             rules: dict[str, RuleSpec]) -> list[Problem]:
    """The reports as problems with their configured severity, less what per-path ignores and
    inline comments excuse."""
    active = {spec.name for spec in config.rules}
    problems: list[Problem] = []
    for name, report in reports:
        path = report.path.as_posix() if isinstance(report.path, PurePath) else str(report.path)
        if name not in active or name in config.ignored_at(path):
            continue
        if name != INTERNAL_ERROR and suppressions.excuse(name, path, report.line):
            continue
        problems.append(Problem(name, _severity(name, report, config, rules), path, report.line, report.record,
                                report.message, report.change))
    return problems


def _severity(name: str, report: Report, config: LintConfig, rules: dict[str, RuleSpec]) -> str:
    """The configured severity; a report's own grade stands only while the rule's is the default."""
    configured = config.severity[name]
    if report.severity is not None and name in rules and configured == rules[name].severity:
        return report.severity
    return configured


def _register_files(register: Register) -> list[str]:
    """Every file whose comments may excuse a problem, for a register loaded elsewhere."""
    files = {SETTINGS_FILE}
    for records in (register.actions, register.sources, register.risks):
        files.update(record.path.as_posix() for record in records.values())
    files.update(
        Path(problem.path).as_posix() for problem in register.problems if problem.rule not in _UNREADABLE
    )
    return sorted(files)


def _within(path: str, limits: Sequence[str]) -> bool:
    for limit in limits:
        if limit in ("", ".") or path == limit or path.startswith(limit.rstrip("/") + "/"):
            return True
    return False
