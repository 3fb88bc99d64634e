"""Build the register's history: one pass over Git, cached by content inside ``.git``.

The steps, each one Git process at most: list the commits that touched the record folders
(only those newer than the cached tip, when the cache is good); diff new merges against each
parent and find their fork points; read every blob not yet in the cache in one
``cat-file --batch``; then turn file changes into :class:`Change` objects with the trail
before and after. A second run on an unchanged repository reads no blob at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path, PurePosixPath

from govtool.history import cache as history_cache
from govtool.history import gitlog
from govtool.history.errors import HistoryUnavailable
from govtool.history.gitlog import CommitInfo, FileChange, LoggedCommit
from govtool.history.memory import Memory
from govtool.history.model import Change, ReadStats, Where, could_matter
from govtool.history.snapshot import Snapshot, from_blob, kind_of, three_way
from govtool.register.find import RECORD_FOLDERS, SETTINGS_FILE
from govtool.register.model import Register
from govtool.register.safefile import read_record_bytes
from govtool.register.yamlload import YamlProblem
from govtool.support.gitcommand import GitFailed, GitNotFound, Repository, find_repository

GIT_MISSING = "Git cannot be run: install Git (Git for Windows on Windows) and make sure 'git' is on the PATH"
SHALLOW_FIX = "shallow clone: fetch the full history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)"


class RepositoryView:
    """The register's place in its repository: which paths to ask Git about, and how to
    turn a repository path into a register path."""

    def __init__(self, repo: Repository, root: Path):
        self.repo = repo
        top = repo.top.resolve()
        self.top = top
        prefix = PurePosixPath(root.resolve().relative_to(top).as_posix())
        self.prefix = "" if str(prefix) == "." else str(prefix)
        self.paths = [self.to_repo(folder) for folder in RECORD_FOLDERS.values()]
        #: the register paths the staged changes touch (record files and govtool.yaml), each with
        #: the names of its blob in HEAD and in the index (None: absent there), once a history read
        #: has asked Git for them: a ``--staged`` lint's commit gate reads them here instead of
        #: asking again
        self.staged_paths: dict[str, tuple[str | None, str | None]] | None = None

    def to_repo(self, relative: str) -> str:
        return f"{self.prefix}/{relative}" if self.prefix else relative

    def to_register(self, path: str | None) -> str | None:
        if path is None:
            return None
        if not self.prefix:
            return path
        return path[len(self.prefix) + 1:] if path.startswith(self.prefix + "/") else None


def open_view(root: Path, allow_shallow: bool = False) -> RepositoryView:
    """The register's repository. Raises HistoryUnavailable outside one, and in a shallow clone
    unless ``allow_shallow`` (what Git's index and HEAD hold is there: ``lint --staged``)."""
    try:
        repo = find_repository(root)
    except GitNotFound:
        raise HistoryUnavailable(GIT_MISSING) from None
    except GitFailed as refusal:
        raise HistoryUnavailable(f"Git cannot read the repository: {refusal}") from None
    if repo is None:
        raise HistoryUnavailable(
            f"{root} is not in a Git repository: run 'git init' and commit the register (or 'govtool init') "
            "so that history rules can check re-dates and the trail"
        )
    if repo.shallow and not allow_shallow:
        raise HistoryUnavailable(SHALLOW_FIX)
    return RepositoryView(repo, root)


class Reader:
    """One history read: the cache, Git, and the snapshots of every blob involved."""

    def __init__(self, view: RepositoryView, use_cache: bool = True, persist: bool = True):
        self.view = view
        self.repo = view.repo
        self.cache_path = history_cache.cache_file(self.repo.common_dir, view.paths)
        self.digest_path = history_cache.digest_file(self.repo.common_dir, view.paths)
        self.stats = ReadStats()
        self.dirty = False
        self.persist = persist
        data, reason = history_cache.load(self.cache_path, view.paths) if use_cache else (None, "not used")
        self.stats.cache = reason
        self.data = data or history_cache.CacheData(list(view.paths))

    # -- the listing ---------------------------------------------------------------------
    def update_listing(self, tip: str | None) -> None:
        data = self.data
        if tip is None:
            if data.commits or data.tip:
                data.commits, data.tip, self.dirty = [], None, True
            return
        if data.tip == tip:
            return
        gone = gitlog.commits_in_range(self.repo, tip, data.tip) if data.tip else None
        if gone is not None:
            # Another branch, or new commits: list only what the old tip lacked, and drop what
            # the new tip lacks. The new commits cannot be ancestors of the common ones, so
            # putting them first keeps the list in (reverse) topological order.
            new = gitlog.log_commits(self.repo, [tip, f"^{data.tip}"], self.view.paths)
            data.commits = new + [c for c in data.commits if c.info.sha not in gone]
        else:
            new = gitlog.log_commits(self.repo, [tip], self.view.paths)
            data.commits = new
        listed = {c.info.sha for c in data.commits}
        data.merges = {sha: m for sha, m in data.merges.items() if sha in listed}
        self.stats.commits_listed = len(new)
        data.tip = tip
        self.dirty = True
        self._read_merges([c.info for c in new if len(c.info.parents) > 1 and c.info.sha not in data.merges])

    def _read_merges(self, merges: list[CommitInfo]) -> None:
        if not merges:
            return
        sides = gitlog.merge_sides(self.repo, merges, self.view.paths)
        specs: dict[str, list[str]] = {}
        for merge in merges:
            fork = gitlog.merge_base(self.repo, merge.parents)
            touched = {p for side in sides[merge.sha] for c in side for p in (c.old_path, c.new_path) if p}
            specs[merge.sha] = [f"{fork}:{p}" for p in sorted(touched)] if fork else []
        found = gitlog.blobs_at(self.repo, [s for group in specs.values() for s in group])
        for merge in merges:
            base_blobs = {spec.split(":", 1)[1]: found[spec] for spec in specs[merge.sha] if spec in found}
            self.data.merges[merge.sha] = history_cache.MergeSides(sides[merge.sha], base_blobs)

    # -- blobs ---------------------------------------------------------------------------
    @staticmethod
    def key(blob: str, path: str) -> str:
        return f"{blob}:{kind_of(path) or ''}"

    def ensure(self, wanted: Iterable[tuple[str | None, str | None]]) -> None:
        """Parse every (blob, register path) not yet known, reading all of them at once."""
        missing: dict[str, str] = {}
        for blob, path in wanted:
            if blob and path and kind_of(path) and self.key(blob, path) not in self.data.snapshots:
                missing.setdefault(blob, path)
        if not missing:
            return
        contents = gitlog.read_blobs(self.repo, list(missing))
        self.stats.blobs_read += len(contents)
        for blob, path in missing.items():
            raw = contents.get(blob)
            self.data.snapshots[self.key(blob, path)] = from_blob(raw, path) if raw is not None else None
        self.dirty = True

    def snapshot(self, blob: str | None, path: str | None) -> Snapshot | None:
        if not blob or not path:
            return None
        return self.data.snapshots.get(self.key(blob, path))

    def save(self) -> None:
        if self.dirty and self.persist:
            history_cache.save(self.cache_path, self.data)
            self.dirty = False


def read_changes(
    view: RepositoryView,
    head: str | None = None,
    use_cache: bool = True,
    include_uncommitted: bool = True,
    for_lint: bool = False,
    include_working: bool = True,
    committed: bool = True,
) -> tuple[list[Change], Reader, str | None]:
    """Every change to a record under the register, oldest first, and the tip it ends at.

    Each change starts from the record's last readable version (see :mod:`memory`), so the
    answer is the same whatever path the history took and whatever the caches hold.

    ``include_uncommitted``: the staged changes too, and (``include_working``) the unstaged ones.
    ``for_lint``: only the committed changes a history rule could object to are needed
    (see :func:`could_matter`); they come from the per-tip digest when it is current.
    ``committed``: False reads no commit (a shallow clone lacks the earlier ones): the
    uncommitted changes alone, each from HEAD's version, and no cache is read or written.
    """
    started = time.perf_counter()
    tip = gitlog.resolve(view.repo, head) if head else gitlog.head_sha(view.repo)
    if head and tip is None:
        raise HistoryUnavailable(f"no such revision: {head} (fetch it, or check the name)")
    changes: list[Change]
    if not committed:
        reader, changes, memory = Reader(view, use_cache=False, persist=False), [], Memory()
    elif for_lint:
        reader, changes, memory = _committed_for_lint(view, tip, use_cache)
    else:
        reader = Reader(view, use_cache)
        memory = Memory()
        changes = _read_committed(reader, tip, memory)
    if include_uncommitted:
        settings = view.to_repo(SETTINGS_FILE)
        staged = gitlog.staged_changes(view.repo, tip is not None, [*view.paths, settings])
        view.staged_paths = staged_blobs(view, staged)
        staged = [change for change in staged if settings not in (change.old_path, change.new_path)]
        working = gitlog.working_changes(view.repo, view.paths) if include_working else []
        merging = _merge_in_progress(view, tip, staged)
        reader.ensure(_blobs_of(reader, [*staged, *working], commits=False))
        descends = _descends_from(view, tip)
        if merging is None:
            changes += _plain_changes(reader, Where("staged"), staged, memory, descends)
        else:
            reader.ensure(_merge_blobs(reader, merging))
            changes += _plain_changes(reader, Where("staged"), [c for c in staged if c.status == "U"], memory, descends)
            changes += _merge_changes(reader, Where("staged"), merging, memory, descends)
        changes += _working_changes(reader, working, memory, descends)
    reader.save()
    reader.stats.seconds = time.perf_counter() - started
    return changes, reader, tip


def read_changes_until(view: RepositoryView, until: str | None, use_cache: bool = True) -> tuple[list[Change], Reader]:
    """The committed changes a history rule could object to (:func:`could_matter`), oldest
    first, made by ``until`` and its ancestors alone (None: no commit): what the rules saw
    when ``until`` was the branch's newest commit (a past ``--as-of`` day's). No staged or
    working-tree change: those are today's.

    The cached listing stays that of HEAD: it is brought up to HEAD as today's run would,
    and the commits after ``until`` are set aside for this answer only, so a run for a past
    day neither rewinds the cache nor touches the per-tip lint digest today's runs read.
    """
    started = time.perf_counter()
    reader = Reader(view, use_cache)
    commits: list[LoggedCommit] = []
    if until is not None:
        head = gitlog.head_sha(view.repo)
        later = gitlog.commits_in_range(view.repo, until, head) if head else None
        if head is None or later is None:  # not a commit of HEAD's: list what it holds, and keep none of it
            reader.persist = False
            reader.update_listing(until)
            later = set()
        else:
            reader.update_listing(head)
        commits = [c for c in reader.data.commits if c.info.sha not in later]
    reader.ensure(_blobs_of(reader, [], only=commits))
    changes = [c for c in _commit_changes(reader, Memory(), commits) if could_matter(c)]
    reader.save()
    reader.stats.seconds = time.perf_counter() - started
    return changes, reader


def _merge_in_progress(view: RepositoryView, tip: str | None, staged: list[FileChange]) -> history_cache.MergeSides | None:
    """The staged changes as a merge (its sides: the index against HEAD and against each commit
    the merge brings in; the blobs where they forked), when a merge is in progress; else None.

    Committing a merge commits what each side did as well as the resolution: a side's change
    was judged (or let through) when its own commit was made, so only what the resolution does
    beyond keeping both sides is the staged changes' own, as for a committed merge."""
    heads = gitlog.merge_heads(view.top) if tip is not None else []
    if tip is None or not heads:
        return None
    unmerged = {c.new_path for c in staged if c.status == "U"}  # still in conflict: not a version yet
    try:
        sides = [[c for c in side if c.new_path not in unmerged and c.old_path not in unmerged]
                 for side in (staged, *(gitlog.index_changes_from(view.repo, head, view.paths) for head in heads))]
        fork = gitlog.merge_base(view.repo, (tip, *heads))
    except GitFailed:  # a MERGE_HEAD naming no commit here: judge the staged changes as they are
        return None
    touched = sorted({p for side in sides for c in side for p in (c.old_path, c.new_path) if p})
    specs = [f"{fork}:{path}" for path in touched] if fork else []
    found = gitlog.blobs_at(view.repo, specs)
    return history_cache.MergeSides(sides, {spec.split(":", 1)[1]: found[spec] for spec in specs if spec in found})


def _merge_blobs(reader: Reader, merge: history_cache.MergeSides) -> Iterator[tuple[str | None, str | None]]:
    to_register = reader.view.to_register
    for side in merge.sides:
        for c in side:
            yield c.old_blob, to_register(c.old_path)
            yield c.new_blob, to_register(c.new_path)
    for path, blob in merge.base_blobs.items():
        yield blob, to_register(path)


def staged_blobs(view: RepositoryView, staged: list[FileChange]) -> dict[str, tuple[str | None, str | None]]:
    """Register path -> (its blob in HEAD, its blob in the index) for each file the staged changes
    touch. A renamed file is new under its new name (nothing in HEAD there: its name is what the
    commit writes, so every line counts) and gone under its old one."""
    found: dict[str, tuple[str | None, str | None]] = {}
    for change in staged:
        old, new = view.to_register(change.old_path), view.to_register(change.new_path)
        if old is not None and old != new:
            found[old] = (change.old_blob, None)
        if new is not None:
            found[new] = (change.old_blob if old == new else None, change.new_blob)
    return found


def _descends_from(view: RepositoryView, commit: str | None) -> Callable[[str], bool]:
    """Whether ``commit`` (None: nothing committed) has the given commit as an ancestor."""
    def check(older: str) -> bool:
        return commit is not None and (older == commit or gitlog.is_ancestor(view.repo, older, commit))
    return check


def _read_committed(reader: Reader, tip: str | None, memory: Memory) -> list[Change]:
    """The commits up to ``tip`` not yet listed, their blobs, and every committed change."""
    reader.update_listing(tip)
    reader.ensure(_blobs_of(reader, []))
    return list(_commit_changes(reader, memory))


def _committed_for_lint(view: RepositoryView, tip: str | None, use_cache: bool) -> tuple[Reader, list[Change], Memory]:
    """The committed changes a rule could object to: from the digest when it is current or
    behind (then only the newer commits are read, starting from the digest's memory), else
    from a full read that renews it."""
    digest = _usable_digest(view, tip) if use_cache and tip else None
    if digest is None:
        reader = Reader(view, use_cache)
        memory = Memory()
        changes = [c for c in _read_committed(reader, tip, memory) if could_matter(c)]
        if tip:
            _save_digest(reader, tip, changes, memory)
        return reader, changes, memory
    reader = Reader(view, use_cache=False, persist=False)  # reads only what the digest lacks
    reader.stats.cache = "lint digest used"
    memory = digest.memory
    changes = [Change(Where("commit", info, merge), status, path, old, before, after)
               for info, merge, status, path, old, before, after in digest.changes]
    if digest.tip != tip:
        reader.data.tip = digest.tip
        changes += [c for c in _read_committed(reader, tip, memory) if could_matter(c)]
        _save_digest(reader, tip, changes, memory)  # type: ignore[arg-type]
        reader.stats.cache = "lint digest extended"
    return reader, changes, memory


def _usable_digest(view: RepositoryView, tip: str) -> history_cache.Digest | None:
    """The lint digest, if it was made for ``tip`` or for an ancestor of it."""
    path = history_cache.digest_file(view.repo.common_dir, view.paths)
    digest = history_cache.load_digest(path, view.paths)
    if digest is None or (digest.tip != tip and not gitlog.is_ancestor(view.repo, digest.tip, tip)):
        return None
    return digest


def _save_digest(reader: Reader, tip: str, changes: list[Change], memory: Memory) -> None:
    rows = [(c.where.commit, c.where.merge, c.status, c.path, c.old_path, c.before, c.after)
            for c in changes if c.where.commit is not None]
    digest = history_cache.Digest(reader.view.paths, tip, rows, memory)
    history_cache.save_digest(reader.digest_path, digest)


def _blobs_of(
    reader: Reader, uncommitted: list[FileChange], commits: bool = True, only: list[LoggedCommit] | None = None
) -> Iterator[tuple[str | None, str | None]]:
    """(blob, register path) of every version the changes involve (``only``: of those commits'
    changes alone, rather than every listed commit's)."""
    data = reader.data
    to_register = reader.view.to_register
    listed = data.commits if only is None else only
    shas = None if only is None else {c.info.sha for c in only}
    for commit in listed if commits else ():
        for c in commit.changes:
            yield c.old_blob, to_register(c.old_path)
            yield c.new_blob, to_register(c.new_path)
    for sha, merge in data.merges.items() if commits else ():
        if shas is not None and sha not in shas:
            continue
        yield from _merge_blobs(reader, merge)
    for c in uncommitted:
        yield c.old_blob, to_register(c.old_path)
        yield c.new_blob, to_register(c.new_path)


def _commit_changes(reader: Reader, memory: Memory, commits: list[LoggedCommit] | None = None) -> Iterator[Change]:
    """Every committed change (of ``commits``, newest first as listed; None: every listed
    commit), oldest first, each from the record's last readable version."""
    for commit in reversed(reader.data.commits if commits is None else commits):
        info = commit.info
        descends = _descends_from(reader.view, info.sha)
        if len(info.parents) > 1:
            merge = reader.data.merges.get(info.sha)
            if merge is not None:
                yield from _merge_changes(reader, Where("commit", info, merge=True), merge, memory, descends)
            continue
        yield from _plain_changes(reader, Where("commit", info), commit.changes, memory, descends)


def _blob_key(blob: str | None, path: str | None) -> str | None:
    return Reader.key(blob, path) if blob and path else None


def _plain_changes(
    reader: Reader, where: Where, changes: Iterable[FileChange], memory: Memory, descends: Callable[[str], bool]
) -> list[Change]:
    out = []
    to_register = reader.view.to_register
    # Deletions first: a record deleted and added under another name in one change (a
    # rename Git did not pair up) is then compared with what was deleted.
    for c in sorted(changes, key=lambda c: c.status != "D"):
        old_path, new_path = to_register(c.old_path), to_register(c.new_path)
        path = new_path or old_path
        if path is None or not (kind_of(path) or (old_path and kind_of(old_path))):
            continue
        own_after = reader.snapshot(c.new_blob, new_path)
        change = _settle(memory, where, "M" if c.status == "T" else c.status, path, old_path,
                         memory.before(_blob_key(c.old_blob, old_path), reader.snapshot(c.old_blob, old_path)),
                         own_after, _blob_key(c.new_blob, new_path), descends)
        if change is not None:
            out.append(change)
    return out


def _settle(
    memory: Memory, where: Where, status: str, path: str, old_path: str | None,
    before: Snapshot | None, own_after: Snapshot | None, after_key: str | None, descends: Callable[[str], bool],
) -> Change | None:
    """One change, its ends as the memory sees them, and the memory brought up to date."""
    if before is None and status in ("A", "R", "M", "merge"):
        before = memory.restored(path, own_after, descends)
    after = memory.after(after_key, before, own_after)
    if status in ("D", "merge-D"):
        memory.buried(where.commit.sha if where.commit else None, old_path or path, before)
    if before is None and after is None:
        return None
    return Change(where, status, path, old_path, before, after)


def _merge_changes(
    reader: Reader, where: Where, merge: history_cache.MergeSides, memory: Memory, descends: Callable[[str], bool]
) -> Iterator[Change]:
    """What a merge (committed, or staged while in progress) changes beyond what its sides did."""
    to_register = reader.view.to_register

    def version(blob: str | None, path: str | None) -> Snapshot | None:
        return memory.before(_blob_key(blob, path), reader.snapshot(blob, path))

    keys: dict[str, str | None] = {}  # path in the merge -> its blob there (None: deleted)
    for side in merge.sides:
        for c in side:
            keys[c.new_path or c.old_path or ""] = c.new_blob
    for key, merged_blob in sorted(keys.items()):
        path = to_register(key)
        if path is None or not kind_of(path):
            continue
        parents: list[Snapshot | None] = []
        old_paths: list[str] = []
        for side in merge.sides:
            entry = next((c for c in side if (c.new_path or c.old_path) == key), None)
            if entry is None:  # this parent already had the merge's version
                parents.append(version(merged_blob, path))
                old_paths.append(key)
            else:
                parents.append(version(entry.old_blob, to_register(entry.old_path)))
                if entry.old_path:
                    old_paths.append(entry.old_path)
        base_path = next((p for p in old_paths if p in merge.base_blobs), None)
        base = version(merge.base_blobs[base_path], to_register(base_path)) if base_path else None
        own_after = reader.snapshot(merged_blob, path)
        expected = three_way(base, parents, own_after)
        old = to_register(old_paths[0]) if old_paths else None
        status = "merge-D" if merged_blob is None else "merge"
        change = _settle(memory, where, status, path, old, expected, own_after, _blob_key(merged_blob, path), descends)
        if change is None or change.before == change.after:
            continue  # the merge kept what each side did: nothing of its own to judge
        yield change


def _working_changes(
    reader: Reader, working: list[FileChange], memory: Memory, descends: Callable[[str], bool]
) -> list[Change]:
    """The working tree's files are read from disk (they have no blob yet)."""
    view = reader.view
    out = []
    for c in working:
        new_path = view.to_register(c.new_path)
        if new_path is None or c.new_blob is not None:
            out += _plain_changes(reader, Where("working"), [c], memory, descends)
            continue
        file = view.top / (c.new_path or "")
        own_after = None
        if file.is_file() and not file.is_symlink():
            try:
                own_after = from_blob(read_record_bytes(file), new_path)
            except YamlProblem:
                own_after = None
        old_path = view.to_register(c.old_path)
        before = memory.before(_blob_key(c.old_blob, old_path), reader.snapshot(c.old_blob, old_path))
        change = _settle(memory, Where("working"), c.status, new_path, old_path, before, own_after, None, descends)
        if change is not None:
            out.append(change)
    return out


def current_snapshots(register: Register) -> Callable[[str], Snapshot | None]:
    """Record ID -> its snapshot as the working tree holds it now, made when first asked for:
    history rules ask only about records whose history has something to say."""
    from govtool.history.snapshot import from_data

    kinds = (("action", register.actions), ("source", register.sources), ("risk", register.risks))

    @cache
    def snapshot(record_id: str) -> Snapshot | None:
        for kind, records in kinds:
            record = records.get(record_id)
            if record is not None:
                return from_data(kind, record.data)
        return None

    return snapshot


def snapshots_at(reader: Reader, revision: str) -> dict[str, Snapshot]:
    """Record ID -> snapshot at a commit (for a range that ends before the working tree)."""
    blobs = gitlog.tree_blobs(reader.repo, revision, reader.view.paths)
    pairs = [(blob, reader.view.to_register(path)) for path, blob in blobs.items()]
    reader.ensure(pairs)
    reader.save()
    result: dict[str, Snapshot] = {}
    for blob, path in pairs:
        snap = reader.snapshot(blob, path)
        if snap is not None and snap.get("id"):
            result[str(snap["id"])] = snap
    return result
