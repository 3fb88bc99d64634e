"""Change record files without losing anything the user wrote.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and the file's indentation;
PyYAML cannot (it drops comments), which is why this one module uses a second YAML library.
Every write goes to a temporary file in the same folder and is renamed over the original, so
a crash or a full disk leaves the old file whole. A lock serialises concurrent govtool edits
of one register so that neither change is lost.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import re
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.util import load_yaml_guess_indent

from govtool.register.safefile import read_record_bytes
from govtool.register.yamlload import TAB_INDENT, YamlProblem, decode, tab_indented_line, where_it_starts
from govtool.support.atomicfile import replace_atomically
from govtool.support.errors import GovtoolError
from govtool.support.lockfile import locked
from govtool.support.plainfile import NotPlainFile, open_plain

LOCK_NAME = "govtool.lock"


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 4096  # never fold a long note onto several lines
    yaml.preserve_quotes = True
    # Never write anchors: a date used twice (a re-date's 'to' and the new 'due') would
    # otherwise come out as '&id001' and '*id001', which nobody writing YAML by hand expects.
    yaml.representer.ignore_aliases = lambda data: True
    return yaml


def read_for_edit(path: Path, display: Path | str | None = None) -> tuple[CommentedMap, YAML]:
    """Parse a record for editing, with a YAML dumper set to the file's own indentation."""
    shown = display or path
    try:
        text = decode(read_record_bytes(path))  # same refusals as lint: pipes, conflict markers, non-UTF-8, oversize
    except YamlProblem as problem:
        raise GovtoolError(f"cannot edit: {problem.message}", shown, problem.line) from None
    # A file saved with Windows line endings is edited as plain lines and written back with
    # CRLF throughout (ruamel would keep a stray carriage return in every comment).
    crlf = "\r\n" in text
    if crlf:
        text = text.replace("\r\n", "\n")
    try:
        data, mapping_indent, sequence_offset = load_yaml_guess_indent(text)
    except MarkedYAMLError as exc:
        tab = tab_indented_line(text, exc)
        if tab is not None:
            raise GovtoolError(f"cannot edit: {TAB_INDENT}", shown, tab) from None
        line, message = where_it_starts(exc)
        raise GovtoolError(f"cannot edit: not valid YAML ({message}): fix the file first", shown, line) from None
    except YAMLError as exc:
        raise GovtoolError(f"cannot edit: not valid YAML ({exc}): fix the file first", shown) from None
    if not isinstance(data, CommentedMap):
        raise GovtoolError("cannot edit: the file is not a mapping of fields", shown)
    # ruamel's guess is the *sequence* indent as soon as the file has a block list, so a file
    # with both (``measure:`` and ``updates:``) would have its nested mappings re-indented.
    mapping_indent = _nested_mapping_indent(text) or (mapping_indent if sequence_offset is None else None) or 2
    sequence_offset = sequence_offset if sequence_offset is not None else 2
    yaml = _yaml(mapping_indent, sequence_offset + 2, sequence_offset)
    if crlf:
        yaml.line_break = "\r\n"  # type: ignore[assignment]  # ruamel types it None, takes a str
    return data, yaml


_KEY_OPENING_BLOCK = re.compile(r"^( *)[^\s#\-][^#]*:[ \t]*(#.*)?$")


def _nested_mapping_indent(text: str) -> int | None:
    """How far the file indents a nested block mapping (``residual:`` then ``  likelihood: 3``)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for line, following in pairwise(lines):
        opening = _KEY_OPENING_BLOCK.match(line)
        if not opening or following.lstrip().startswith("- "):
            continue
        depth = len(following) - len(following.lstrip(" ")) - len(opening.group(1))
        if depth > 0:
            return depth
    return None


def dump(data: Any, yaml: YAML | None = None) -> str:
    """The record's text, with the line endings of the file it was read from."""
    yaml = yaml or _yaml()
    stream = io.StringIO()
    yaml.dump(data, stream)
    text = stream.getvalue()
    if getattr(yaml, "line_break", None) == "\r\n":  # comments carry their own "\n": make every ending CRLF
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (UTF-8, "\\n" kept as it is on every platform) or bytes
    (written as they are) in one rename; the old file stays whole on any failure."""
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    replace_atomically(path, lambda handle: handle.write(data))


@contextlib.contextmanager
def register_lock(lock_dir: Path) -> Iterator[None]:
    """Hold the register's edit lock (a file in .git, or in the register).

    An operating-system lock (``flock`` on Linux and macOS, ``msvcrt.locking`` on Windows:
    :mod:`govtool.support.lockfile`), released when the process dies, so a crash never leaves
    a register locked.
    """
    lock_dir.mkdir(parents=True, exist_ok=True)
    with lock_file_held(lock_dir / LOCK_NAME):
        yield


@contextlib.contextmanager
def lock_file_held(lock: Path) -> Iterator[None]:
    """Hold the operating-system lock on the file ``lock`` (created if need be) while the block
    runs. Whatever is at the name must be a plain file (a FIFO, a device or a link planted there
    is refused in one line); the descriptor opened after that check is the one locked."""
    fd = open_lock_file(lock)
    try:
        with locked(fd, lock):
            yield
    finally:
        os.close(fd)


def open_lock_file(path: Path) -> int:
    """The lock file, opened (created if need be) only if it is a plain file: a FIFO, a device
    or a link planted at its name is refused with one line, never opened in a way that blocks."""
    try:
        return open_plain(path, os.O_RDWR | os.O_CREAT)
    except NotPlainFile:
        raise GovtoolError(f"the lock file is not a plain file: delete {path} and try again") from None
    except OSError as exc:
        raise GovtoolError(f"cannot open the lock file {path}: {exc.strerror or exc}") from None


def new_map(pairs: dict[str, Any]) -> CommentedMap:
    """A mapping in the given key order, with empty values left out."""
    out = CommentedMap()
    for key, value in pairs.items():
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, dict):
            value = new_map(value)
        elif isinstance(value, list):
            value = CommentedSeq(new_map(v) if isinstance(v, dict) else v for v in value)
        out[key] = value
    return out


def append_entry(record: CommentedMap, key: str, entry: dict[str, Any], after: tuple[str, ...] = ()) -> None:
    """Append to a trail list (creating it after the last of ``after`` present, if missing)."""
    item = new_map(entry)
    existing = record.get(key)
    if isinstance(existing, list):
        if existing:
            _move_trailing_comment(existing[-1], item)
        existing.append(item)
        return
    if key in record:  # present but empty (``updates:``) or not a list: the schema reports it
        record[key] = CommentedSeq([item])
        return
    set_field(record, key, CommentedSeq([item]), after)


def _move_trailing_comment(previous: Any, item: CommentedMap) -> None:
    """Keep comment lines that follow a list's last entry below the list after an append.

    ruamel.yaml attaches them to the last entry's last value, so the new entry would land
    below them (between the comment and, say, the ``completion:`` it introduces). The last
    value's own end-of-line comment stays where it is.
    """
    if not isinstance(previous, CommentedMap) or not previous or not item:
        return
    slots = previous.ca.items.get(list(previous)[-1])
    token = slots[2] if slots and len(slots) > 2 else None
    if token is None or not isinstance(token.value, str):
        return
    own_line, _, following = token.value.partition("\n")
    if not following.strip():
        return
    moved = copy.copy(token)
    moved.value = "\n" + following
    if own_line.strip():
        token.value = own_line + "\n"
    else:
        slots[2] = None
    item.ca.items[list(item)[-1]] = [None, None, moved, None]


def set_field(record: CommentedMap, key: str, value: Any, after: tuple[str, ...] = ()) -> None:
    """Set ``key``; a new key goes right after the last of ``after`` that exists, else at the end."""
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        value = new_map(value)
    if key in record:
        record[key] = value
        return
    position = len(record)
    for anchor in after:
        if anchor in record:
            position = list(record).index(anchor) + 1
    record.insert(position, key, value)
