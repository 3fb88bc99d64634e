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

import git

from govtool.gitrepo import open_repo
from govtool.history import cache as history_cache
from govtool.history import gitlog
from govtool.history.gitlog import CommitInfo, FileChange
from govtool.history.model import Change, ReadStats, Where, could_matter
from govtool.history.snapshot import Snapshot, from_blob, kind_of, three_way
from govtool.lint.rule import HistoryUnavailable
from govtool.register.find import RECORD_FOLDERS
from govtool.register.model import Register

SHALLOW_FIX = "shallow clone: fetch the full history (git fetch --unshallow; in GitHub Actions, actions/checkout with fetch-depth: 0)"


class RepositoryView:
    """The register's place in its repository: which paths to ask Git about, and how to
    turn a repository path into a register path."""

    def __init__(self, repo: git.Repo, root: Path):
        self.repo = repo
        top = Path(repo.working_tree_dir or root).resolve()
        self.top = top
        prefix = PurePosixPath(root.resolve().relative_to(top).as_posix())
        self.prefix = "" if str(prefix) == "." else str(prefix)
        self.paths = [self.to_repo(folder) for folder in RECORD_FOLDERS.values()]

    def to_repo(self, relative: str) -> str:
        return f"{self.prefix}/{relative}" if self.prefix else relative

    def to_register(self, path: str | None) -> str | None:
        if path is None:
            return None
        if not self.prefix:
            return path
        return path[len(self.prefix) + 1:] if path.startswith(self.prefix + "/") else None


def open_view(root: Path) -> RepositoryView:
    repo = open_repo(root)
    if repo is None or repo.bare:
        raise HistoryUnavailable(
            f"{root} is not in a Git repository: run 'git init' and commit the register (or 'govtool init') "
            "so that history rules can check re-dates and the trail"
        )
    if gitlog.is_shallow(repo):
        raise HistoryUnavailable(SHALLOW_FIX)
    return RepositoryView(repo, root)


class Reader:
    """One history read: the cache, Git, and the snapshots of every blob involved."""

    def __init__(self, view: RepositoryView, use_cache: bool = True, persist: bool = True):
        self.view = view
        self.repo = view.repo
        self.cache_path = history_cache.cache_file(Path(self.repo.common_dir), view.paths)
        self.digest_path = history_cache.digest_file(Path(self.repo.common_dir), view.paths)
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
) -> tuple[list[Change], Reader, str | None]:
    """Every change to a record under the register, oldest first, and the tip it ends at.

    ``for_lint``: only the committed changes a history rule could object to are needed
    (see :func:`could_matter`); they come from the per-tip digest when it is current.
    """
    started = time.perf_counter()
    tip = gitlog.resolve(view.repo, head) if head else gitlog.head_sha(view.repo)
    if head and tip is None:
        raise HistoryUnavailable(f"no such revision: {head} (fetch it, or check the name)")
    if for_lint:
        reader, changes = _committed_for_lint(view, tip, use_cache)
    else:
        reader = Reader(view, use_cache)
        changes = _read_committed(reader, tip)
    if include_uncommitted:
        staged = gitlog.staged_changes(view.repo, tip is not None, view.paths)
        working = gitlog.working_changes(view.repo, view.paths)
        reader.ensure(_blobs_of(reader, [*staged, *working], commits=False))
        changes += _plain_changes(reader, Where("staged"), staged)
        changes += _working_changes(reader, working)
    reader.save()
    reader.stats.seconds = time.perf_counter() - started
    return changes, reader, tip


def _read_committed(reader: Reader, tip: str | None) -> list[Change]:
    """The commits up to ``tip`` not yet listed, their blobs, and every committed change."""
    reader.update_listing(tip)
    reader.ensure(_blobs_of(reader, []))
    return list(_commit_changes(reader))


def _committed_for_lint(view: RepositoryView, tip: str | None, use_cache: bool) -> tuple[Reader, list[Change]]:
    """The committed changes a rule could object to: from the digest when it is current or
    behind (then only the newer commits are read), else from a full read that renews it."""
    digest = _usable_digest(view, tip) if use_cache and tip else None
    if digest is None:
        reader = Reader(view, use_cache)
        changes = [c for c in _read_committed(reader, tip) if could_matter(c)]
        if tip:
            _save_digest(reader, tip, changes)
        return reader, changes
    reader = Reader(view, use_cache=False, persist=False)  # reads only what the digest lacks
    reader.stats.cache = "lint digest used"
    changes = [Change(Where("commit", info, merge), status, path, old, before, after)
               for info, merge, status, path, old, before, after in digest.changes]
    if digest.tip != tip:
        reader.data.tip = digest.tip
        changes += [c for c in _read_committed(reader, tip) if could_matter(c)]
        _save_digest(reader, tip, changes)  # type: ignore[arg-type]
        reader.stats.cache = "lint digest extended"
    return reader, changes


def _usable_digest(view: RepositoryView, tip: str) -> history_cache.Digest | None:
    """The lint digest, if it was made for ``tip`` or for an ancestor of it."""
    path = history_cache.digest_file(Path(view.repo.common_dir), view.paths)
    digest = history_cache.load_digest(path, view.paths)
    if digest is None or (digest.tip != tip and not gitlog.is_ancestor(view.repo, digest.tip, tip)):
        return None
    return digest


def _save_digest(reader: Reader, tip: str, changes: list[Change]) -> None:
    rows = [(c.where.commit, c.where.merge, c.status, c.path, c.old_path, c.before, c.after)
            for c in changes if c.where.commit is not None]
    history_cache.save_digest(reader.digest_path, history_cache.Digest(reader.view.paths, tip, rows))


def _blobs_of(
    reader: Reader, uncommitted: list[FileChange], commits: bool = True
) -> Iterator[tuple[str | None, str | None]]:
    """(blob, register path) of every version the changes involve."""
    data = reader.data
    to_register = reader.view.to_register
    for commit in data.commits if commits else ():
        for c in commit.changes:
            yield c.old_blob, to_register(c.old_path)
            yield c.new_blob, to_register(c.new_path)
    for merge in data.merges.values() if commits else ():
        for side in merge.sides:
            for c in side:
                yield c.old_blob, to_register(c.old_path)
                yield c.new_blob, to_register(c.new_path)
        for path, blob in merge.base_blobs.items():
            yield blob, to_register(path)
    for c in uncommitted:
        yield c.old_blob, to_register(c.old_path)
        yield c.new_blob, to_register(c.new_path)


def _commit_changes(reader: Reader) -> Iterator[Change]:
    # A version that does not parse is skipped over: the next good version is compared with
    # the last good one before it, so a broken commit cannot hide a change made across it.
    last_good: dict[str, Snapshot] = {}
    for commit in reversed(reader.data.commits):
        if len(commit.info.parents) > 1:
            merge = reader.data.merges.get(commit.info.sha)
            if merge is not None:
                yield from _merge_changes(reader, commit.info, merge)
            continue
        yield from _plain_changes(reader, Where("commit", commit.info), commit.changes, last_good)


def _plain_changes(
    reader: Reader, where: Where, changes: Iterable[FileChange], last_good: dict[str, Snapshot] | None = None
) -> list[Change]:
    out = []
    to_register = reader.view.to_register
    for c in changes:
        old_path, new_path = to_register(c.old_path), to_register(c.new_path)
        path = new_path or old_path
        if path is None or not (kind_of(path) or (old_path and kind_of(old_path))):
            continue
        before = reader.snapshot(c.old_blob, old_path)
        if before is None and c.old_blob and last_good is not None:
            before = last_good.get(c.old_blob)
        after = reader.snapshot(c.new_blob, new_path)
        if last_good is not None and c.new_blob:
            good = after if after is not None else before
            if good is not None:
                last_good[c.new_blob] = good
        if before is None and after is None:
            continue
        out.append(Change(where, "M" if c.status == "T" else c.status, path, old_path, before, after))
    return out


def _merge_changes(reader: Reader, info: CommitInfo, merge: history_cache.MergeSides) -> Iterator[Change]:
    to_register = reader.view.to_register
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
                parents.append(reader.snapshot(merged_blob, path))
                old_paths.append(key)
            else:
                parents.append(reader.snapshot(entry.old_blob, to_register(entry.old_path)))
                if entry.old_path:
                    old_paths.append(entry.old_path)
        base_path = next((p for p in old_paths if p in merge.base_blobs), None)
        base = reader.snapshot(merge.base_blobs[base_path], to_register(base_path)) if base_path else None
        after = reader.snapshot(merged_blob, path)
        expected = three_way(base, parents, after)
        if expected == after:
            continue  # the merge kept what each side did: nothing of its own to judge
        old = to_register(old_paths[0]) if old_paths else None
        status = "merge-D" if merged_blob is None else "merge"
        yield Change(Where("commit", info, merge=True), status, path, old, expected, after)


def _working_changes(reader: Reader, working: list[FileChange]) -> list[Change]:
    """The working tree's files are read from disk (they have no blob yet)."""
    view = reader.view
    out = []
    for c in working:
        new_path = view.to_register(c.new_path)
        if new_path is None or c.new_blob is not None:
            out += _plain_changes(reader, Where("working"), [c])
            continue
        file = view.top / (c.new_path or "")
        after = None
        if file.is_file() and not file.is_symlink():
            after = from_blob(file.read_bytes(), new_path)
        before = reader.snapshot(c.old_blob, view.to_register(c.old_path))
        if before is None and after is None:
            continue
        out.append(Change(Where("working"), c.status, new_path, view.to_register(c.old_path), before, after))
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
