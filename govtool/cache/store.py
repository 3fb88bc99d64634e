"""Cache files kept inside ``.git``: JSON behind a one-line header with a format, a version
and a SHA-256 of the body.

A truncated, corrupted, foreign, older-format or oversized file fails the check and the caller
rebuilds what it held, never trusting it. No pickle: the file is data, not code. Writing is
atomic and best-effort: a cache that cannot be written is only a slower next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from functools import cache
from pathlib import Path
from typing import Any

import govtool
from govtool.support import gitrepo
from govtool.support.atomicfile import replace_atomically
from govtool.support.plainfile import read_plain

#: A cache file larger than this is not read (nor written): something is wrong with it.
MAX_BYTES = 512 << 20


@cache
def code_version() -> str:
    """A digest of govtool's version, code, schemas, framework data and templates: the version of
    a cache whose entries any change to govtool may change (the lint memo, the portfolio rows).
    Computed once a process (about 5 ms: every source file is read)."""
    package = Path(govtool.__file__).resolve().parent
    digest = hashlib.blake2b(govtool.__version__.encode(), digest_size=16)
    for suffix in _SOURCES:
        for source in sorted(package.rglob(f"*{suffix}")):
            digest.update(source.relative_to(package).as_posix().encode() + b"\0")
            try:
                digest.update(source.read_bytes())
            except OSError:
                digest.update(b"unreadable")
    return digest.hexdigest()


#: What :func:`code_version` and :func:`code_stamp` cover of govtool's own files
_SOURCES = (".py", ".json", ".yaml", ".j2")


@cache
def code_stamp() -> str:
    """:func:`code_version` known from each of govtool's files' stat signature (size, modification
    and change times in nanoseconds, inode) rather than its bytes, as the lint memo knows a
    record file: every file is listed, none read (about 1 ms against 10), for the lint memo read
    on every pre-commit run. Writing a file changes its change time, whatever else it keeps."""
    package = Path(govtool.__file__).resolve().parent
    digest = hashlib.blake2b(govtool.__version__.encode(), digest_size=16)
    for folder, folders, names in os.walk(package):
        folders.sort()  # walked in a fixed order
        for name in sorted(names):
            if not name.endswith(_SOURCES):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                digest.update(f"{path}\0unreadable\0".encode(errors="surrogatepass"))
                continue
            digest.update(f"{os.path.relpath(path, package)}\0{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:"
                          f"{info.st_ino}\0".encode(errors="surrogatepass"))
    return digest.hexdigest()


def read_checked(path: Path, format_name: str, version: object, max_bytes: int = MAX_BYTES) -> tuple[Any, str]:
    """The JSON body of a cache file whose header and checksum are right, else None and why."""
    body, reason = read_checked_view(path, format_name, version, max_bytes)
    if body is None:
        return None, reason
    try:
        # decoded straight from the file's buffer: the caches a run reads come to a few MB, and
        # every copy of one is pages touched afresh in a new process
        return json.loads(str(body, "utf-8", "surrogatepass")), "used"
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than the decoder goes
        return None, "malformed content"


def read_checked_bytes(path: Path, format_name: str, version: object,
                       max_bytes: int = MAX_BYTES) -> tuple[bytes | None, str]:
    """The body of a cache file whose header and checksum are right, else None and why."""
    body, reason = read_checked_view(path, format_name, version, max_bytes)
    return (bytes(body) if body is not None else None), reason


def read_checked_view(path: Path, format_name: str, version: object,
                      max_bytes: int = MAX_BYTES) -> tuple[memoryview | None, str]:
    """:func:`read_checked_bytes`'s body as a view of the bytes read, not a copy of them."""
    try:
        raw = read_plain(path, max_bytes)  # never a pipe, a device or a link; never unbounded
    except FileNotFoundError:
        return None, "no cache yet"
    except OSError as exc:
        return None, f"unreadable ({exc.strerror})"
    end = raw.find(b"\n")
    header_line, body = (raw, memoryview(b"")) if end < 0 else (raw[:end], memoryview(raw)[end + 1:])
    try:
        header = json.loads(header_line)
    except (ValueError, RecursionError):
        return None, "bad header"
    if not isinstance(header, dict) or header.get("format") != format_name or header.get("version") != version:
        return None, "other format or version"
    if header.get("sha256") != hashlib.sha256(body).hexdigest():
        return None, "checksum mismatch (truncated or corrupted)"
    return body, "used"


def write_checked(path: Path, format_name: str, version: object, payload: Any, max_bytes: int = MAX_BYTES) -> bool:
    """Write atomically; False (and nothing written) when it cannot be, or would be too large."""
    try:
        body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    except (TypeError, ValueError):
        return False
    return write_checked_bytes(path, format_name, version, body, max_bytes)


def write_checked_bytes(path: Path, format_name: str, version: object, body: bytes,
                        max_bytes: int = MAX_BYTES) -> bool:
    """:func:`write_checked` of a body already encoded."""
    if len(body) > max_bytes:
        return False
    header = json.dumps({"format": format_name, "version": version, "sha256": hashlib.sha256(body).hexdigest()})
    try:
        replace_atomically(path, lambda handle: handle.write(header.encode() + b"\n" + body), sync=False)
        return True
    except OSError:
        return False


def register_cache_path(root: Path, name: str, version: object, suffix: str = "") -> Path | None:
    """``<git-dir>/govtool/<name>-<register key>-<version tag><suffix>`` for the register at
    ``root``, or None outside Git. The version is in the name so that two govtool versions
    used on one repository (a pre-commit hook's and a user's own) keep a cache each instead of
    rebuilding each other's on every switch; :func:`drop_stale_versions` clears the others."""
    git_dir = gitrepo.git_dir(root)
    if git_dir is None:
        return None
    register_key = hashlib.sha1(str(root).encode()).hexdigest()[:16]
    version_tag = hashlib.blake2b(str(version).encode(), digest_size=6).hexdigest()
    return git_dir / "govtool" / f"{name}-{register_key}-{version_tag}{suffix}"


#: What a cache was called before its version was part of its name (now ``<name>-<register
#: key>-<version tag>``): the suffixes after ``<name>-<register key>``. Such a file is always of
#: an older version, so it goes as soon as the current version is written.
UNVERSIONED = {"parse-cache": ("", ".json"), "verdicts": (".json",)}


def drop_stale_versions(current: Path, days: float = 14) -> None:
    """Delete the other versions of the cache ``current`` (a :func:`register_cache_path`) that
    no run has written for ``days``: the caches of govtool versions no longer in use (a tag
    does not say which version is older, and an older govtool may still be in use, by a
    pre-commit hook, say); and at once the same cache as older govtools named it."""
    stem, _tag = current.stem.rsplit("-", 1)
    cutoff = time.time() - days * 86400
    for other in current.parent.glob(f"{stem}-*{current.suffix}"):
        if other == current:
            continue
        try:
            if other.lstat().st_mtime < cutoff:
                remove_cache_file(other)
        except OSError:
            pass
    name = stem.rsplit("-", 1)[0]
    for suffix in UNVERSIONED.get(name, ()):
        remove_cache_file(current.parent / f"{stem}{suffix}")


def remove_cache_file(path: Path) -> None:
    """Delete a cache file or folder of govtool's own (named by the caller, inside
    ``<git-dir>/govtool/``): a link is removed itself, never what it points to; quietly."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
    except OSError:
        pass
