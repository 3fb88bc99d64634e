"""Everything the history engine asks Git, in as few Git processes as possible.

Each function runs one Git command (:mod:`govtool.support.gitcommand`) and parses its
machine-readable output (``-z``: NUL-separated, so no path quoting surprises). Nothing here
interprets records; it only says which commits touched which blobs under which paths, and
reads blobs in one batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from govtool.support.gitcommand import GitFailed, GitNotFound, Repository, run_git

#: git's all-zero object name: "no blob on this side" (added, deleted, or not yet hashed).
NULL_SHA = "0" * 40
_FIELD = "\x1f"
_COMMIT_MARK = "\x1e"
#: one header per commit: name, parents, author date (ISO with offset), author, e-mail, subject
_FORMAT = _COMMIT_MARK + _FIELD.join(["%H", "%P", "%aI", "%an", "%ae", "%s"])


@dataclass(frozen=True)
class FileChange:
    """One line of ``git diff --raw``: a path whose blob changed between two trees."""

    status: str  # A added, M modified, D deleted, R renamed (maybe edited too), T type change
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None  # None for a working-tree file: read the file itself


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    parents: tuple[str, ...]
    date: str  # author date, ISO 8601 with offset
    author: str
    email: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> str:
        return self.date[:10]

    def describe(self) -> str:
        """'commit 1a2b3c4 (2026-03-15, Jane Smith)': enough to find it in any Git tool."""
        return f"commit {self.short} ({self.day}, {self.author})"


@dataclass(frozen=True)
class LoggedCommit:
    info: CommitInfo
    #: the diff against the only parent (empty for merges: see :func:`merge_sides`)
    changes: tuple[FileChange, ...]


def _blob(sha: str) -> str | None:
    return None if sha == NULL_SHA else sha


def _raw_entry(tokens: list[str], i: int) -> tuple[FileChange, int]:
    """Parse one ``--raw -z`` entry starting at ``tokens[i]`` (':mode mode sha sha status')."""
    meta = tokens[i].lstrip("\n")[1:].split(" ")
    old_blob, new_blob, status = _blob(meta[2]), _blob(meta[3]), meta[4][:1]
    if status in ("R", "C"):
        old_path: str | None = tokens[i + 1]
        new_path: str | None = tokens[i + 2]
        i += 3
    else:
        path = tokens[i + 1]
        old_path = None if status == "A" else path
        new_path = None if status == "D" else path
        i += 2
    if status == "C":  # a copy leaves the original in place: the copy is a new file
        status, old_path, old_blob = "A", None, None
    return FileChange(status, old_path, new_path, old_blob, new_blob), i


def log_commits(repo: Repository, revisions: list[str], paths: list[str]) -> list[LoggedCommit]:
    """Every commit reachable from ``revisions`` that touched ``paths``, newest first.

    ``--full-history`` keeps merges and both of their sides (the default simplification
    drops a side branch whose changes a merge threw away, hiding exactly what we look for).
    Merges come without a diff; :func:`merge_sides` reads them against each parent.
    """
    text = repo.text(
        "log", "--full-history", "--date-order", "--no-color", "--raw", "-z",
        "--no-abbrev", "-M", f"--format={_FORMAT}", *revisions, "--", *paths,
    )
    commits: list[LoggedCommit] = []
    info: CommitInfo | None = None
    changes: list[FileChange] = []
    tokens = text.split("\x00")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith(_COMMIT_MARK):
            if info is not None:
                commits.append(LoggedCommit(info, tuple(changes)))
            sha, parents, date, author, email, subject = token[1:].split(_FIELD, 5)
            info = CommitInfo(sha, tuple(parents.split()), date, author, email, subject)
            changes = []
            i += 1
        elif token.startswith(":"):
            change, i = _raw_entry(tokens, i)
            changes.append(change)
        else:
            i += 1
    if info is not None:
        commits.append(LoggedCommit(info, tuple(changes)))
    return commits


def _stdin(lines: Iterable[str]) -> bytes:
    """A Git command's standard input: one line each."""
    return "".join(f"{line}\n" for line in lines).encode()


def merge_sides(
    repo: Repository, merges: list[CommitInfo], paths: list[str]
) -> dict[str, list[list[FileChange]]]:
    """For each merge, its diff against each parent (in parent order), in one Git process."""
    pairs = [(m.sha, parent) for m in merges for parent in m.parents]
    if not pairs:
        return {}
    # "M P" on stdin diffs P against M; --always echoes "M" even when that diff is empty,
    # which is what keeps the answers in step with the questions.
    text = repo.text("diff-tree", "--stdin", "--always", "-r", "-z", "--no-abbrev", "-M", "--", *paths,
                     stdin=_stdin(f"{m} {p}" for m, p in pairs))
    result: dict[str, list[list[FileChange]]] = {m.sha: [] for m in merges}
    tokens = text.split("\x00")
    i = 0
    pair = -1
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith(":"):
            change, i = _raw_entry(tokens, i)
            result[pairs[pair][0]][-1].append(change)
        elif len(token) == 40:
            pair += 1
            result[pairs[pair][0]].append([])
            i += 1
        else:
            i += 1
    return result


def read_blobs(repo: Repository, shas: list[str]) -> dict[str, bytes]:
    """The content of every blob in ``shas``, read by one ``git cat-file --batch``."""
    if not shas:
        return {}
    out = repo.run("cat-file", "--batch", stdin=batch_input(shas))
    return {sha: content for sha, content in zip(shas, batch_objects(out, len(shas)), strict=True)
            if content is not None}


def batch_input(specs: Iterable[str]) -> bytes:
    """``git cat-file --batch``'s standard input: one object name (or ``rev:path``) a line."""
    return _stdin(specs)


def batch_objects(out: bytes, count: int) -> list[bytes | None]:
    """What ``git cat-file --batch`` printed for ``count`` requests, in the order asked (None:
    missing, or not one object)."""
    objects: list[bytes | None] = []
    pos = 0
    while pos < len(out) and len(objects) < count:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) < 3 or not header[2].isdigit():  # "<name> missing"
            objects.append(None)
            continue
        size = int(header[2])
        objects.append(out[pos:pos + size])
        pos += size + 1
    return objects + [None] * (count - len(objects))


def blobs_at(repo: Repository, specs: list[str]) -> dict[str, str]:
    """``REV:PATH`` -> blob name for each spec that names a blob (one ``--batch-check``)."""
    if not specs:
        return {}
    text = repo.text("cat-file", "--batch-check=%(objectname) %(objecttype)", stdin=_stdin(specs))
    found: dict[str, str] = {}
    for spec, line in zip(specs, text.splitlines(), strict=False):
        parts = line.split(" ")
        if len(parts) == 2 and parts[1] == "blob":
            found[spec] = parts[0]
    return found


def merge_base(repo: Repository, parents: tuple[str, ...]) -> str | None:
    """The best common ancestor of a merge's parents (None for unrelated histories)."""
    args = ["--octopus", *parents] if len(parents) > 2 else list(parents)
    try:
        return repo.text("merge-base", *args).split()[0] or None
    except (GitFailed, IndexError):
        return None


def staged_changes(repo: Repository, has_head: bool, paths: list[str]) -> list[FileChange]:
    """What ``git commit`` would record now: the index against HEAD."""
    args = ["--cached", "--raw", "-z", "--no-abbrev", "-M"]
    if has_head:
        args.append("HEAD")
    else:  # nothing committed yet: everything staged is new
        args.append(repo.text("hash-object", "-t", "tree", "--stdin").strip())  # the empty tree, in any hash
    return _diff(repo, args, paths)


def merge_heads(folder: Path) -> list[str]:
    """The commits a merge in progress in the repository holding ``folder`` brings in (Git's
    MERGE_HEAD: one a line, several for an octopus merge); empty when no merge is in progress.
    A merge stopped by a conflict, or by ``--no-commit``, is one."""
    try:
        where = run_git(folder, "rev-parse", "--git-path", "MERGE_HEAD").decode("utf-8", "surrogateescape").strip()
        text = (folder / where).read_text(encoding="ascii", errors="replace")
    except (GitFailed, GitNotFound, OSError):
        return []
    return [line.strip() for line in text.splitlines() if len(line.strip()) >= 40]


def index_changes_from(repo: Repository, commit: str, paths: list[str]) -> list[FileChange]:
    """What the index changes against ``commit`` (one of a merge in progress's parents)."""
    return _diff(repo, ["--cached", "--raw", "-z", "--no-abbrev", "-M", commit], paths)


def working_changes(repo: Repository, paths: list[str]) -> list[FileChange]:
    """Edits not yet staged: the working tree against the index (untracked files aside)."""
    return _diff(repo, ["--raw", "-z", "--no-abbrev", "-M"], paths)


def _diff(repo: Repository, args: list[str], paths: list[str]) -> list[FileChange]:
    tokens = repo.text("diff", *args, "--", *paths).split("\x00")
    changes: list[FileChange] = []
    i = 0
    while i < len(tokens):
        if tokens[i].lstrip("\n").startswith(":"):
            change, i = _raw_entry(tokens, i)
            changes.append(change)
        else:
            i += 1
    return changes


def head_sha(repo: Repository) -> str | None:
    return resolve(repo, "HEAD")


def resolve(repo: Repository, revision: str) -> str | None:
    try:
        return repo.text("rev-parse", "--verify", "-q", f"{revision}^{{commit}}").strip() or None
    except GitFailed:
        return None


def is_ancestor(repo: Repository, older: str, newer: str) -> bool:
    try:
        repo.run("merge-base", "--is-ancestor", older, newer)
        return True
    except GitFailed:
        return False


def commits_in_range(repo: Repository, base: str | None, head: str) -> set[str] | None:
    """Names of the commits in ``base..head`` (what a branch did since it left ``base``; with
    no ``base``, every commit ``head`` holds), or None when either end is no longer in the
    repository."""
    try:
        return set(repo.text("rev-list", f"{base}..{head}" if base is not None else head).split())
    except GitFailed:
        return None


def index_blobs(repo: Repository, paths: list[str]) -> dict[str, tuple[str, str]]:
    """Path -> (mode, blob name) of every file under ``paths`` in the index (what a commit takes).

    A path with merge conflicts has several stages; stage 0 is absent and the highest wins.
    """
    tokens = repo.text("ls-files", "-s", "-z", "--", *paths).split("\x00")
    found: dict[str, tuple[str, str]] = {}
    for token in tokens:
        meta, _, path = token.partition("\t")
        parts = meta.split(" ")
        if path and len(parts) == 3:
            found[path] = (parts[0], parts[1])
    return found


def tree_blobs(repo: Repository, revision: str, paths: list[str]) -> dict[str, str]:
    """Path -> blob name of every file under ``paths`` at ``revision``."""
    tokens = repo.text("ls-tree", "-r", "-z", "--full-tree", revision, "--", *paths).split("\x00")
    found: dict[str, str] = {}
    for token in tokens:
        meta, _, path = token.partition("\t")
        parts = meta.split(" ")
        if path and len(parts) == 3 and parts[1] == "blob":
            found[path] = parts[2]
    return found
