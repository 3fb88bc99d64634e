"""Output that joins stored, already formatted problems for the files a run kept whole.

A pre-commit run on a register with thousands of standing problems relints a few files; the
others' problems are the ones it found before (:mod:`govtool.lint.kept`). Formatting each of
them again costs in proportion to the answer. So the formatted problems of every file whose
problems are its stored reports alone are kept, per output format, in the output memo
(``<git-dir>/govtool/lint-output-…/``): the file's joined items, how many, and its errors and
warnings, under the file's stamp. A later run joins them for every file it kept whole and
whose stamp is the stored one, and formats only the rest.

A stored item is served only when everything it was made from is the same: the file's stored
reports and path (its stamp), govtool's own code (the folder's version), the settings, the day
and the register's frameworks (the lint memo's key), the format, and what the view puts in an
item (the path prefix, colour). The output memo is checked JSON (:mod:`govtool.cache.store`),
each entry of exact types; anything else is formatted afresh. With ``--select``/``--ignore``
or statistics the problems are built as before (:attr:`LintResult.problems`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

from govtool.cache.store import drop_stale_versions, read_checked_view, register_cache_path, write_checked_bytes
from govtool.lint.engine import LintResult
from govtool.lint.formats.layout import Layout
from govtool.lint.formats.view import OutputView
from govtool.lint.incremental import FileChanged, memo_version
from govtool.lint.kept import KeptFile, KeptProblems, count
from govtool.lint.rule import Problem

FORMAT = "govtool-lint-output"
#: What the last render in this process did (tests count the work, never the time): the
#: problems formatted afresh and the files whose stored items were joined.
LAST_RENDER: dict[str, int] = {}
#: one file's formatted problems: its stamp, its items joined (or where they lie in the output
#: memo's text, when taken from it), how many items, its errors and warnings
Stored = tuple[str, "str | tuple[int, int]", int, int, int]


def render(layout: Layout, name: str, result: LintResult, view: OutputView) -> str:
    """``result`` in the format ``name`` (laid out by ``layout``), the files it kept whole joined
    from the output memo when stored under their stamps; the memo then holds this run's."""
    kept = result.kept
    if kept is None or kept.joined and not kept.stamps or view.earlier is not None:
        LAST_RENDER.update(formatted=result.count, joined=0)
        return layout.render(result, view)
    memo = OutputMemo(kept, name, view, layout.separator)
    try:
        text, written, unchanged = _render(layout, result, view, kept, memo)
    except FileChanged:  # a kept file's entry unusable: the problems are a cold run's
        result.problems  # noqa: B018
        return layout.render(result, view)
    if not unchanged:
        memo.save(written)
    return text


def _render(layout: Layout, result: LintResult, view: OutputView, kept: KeptProblems,
            memo: OutputMemo) -> tuple[str, dict[str, Stored], bool]:
    """The output, what the memo is to hold, and whether that is what it holds already."""
    context = layout.context(result, view)
    #: the output's items in order: a stretch of the memo's text (start, end) or new items
    pieces: list[tuple[int, int] | str] = []
    step = len(layout.separator.encode())
    items = 0
    written: dict[str, Stored] = {}
    unchanged = True
    joined = formatted = 0
    LAST_RENDER.update(formatted=0, joined=0)
    get = memo.get
    for path, group in _by_file(result, kept):  # once per file with problems: kept to plain steps
        if isinstance(group, KeptFile):
            held = get(path, group.stamp)
            if held is not None:
                start, end, many, errors, warnings = held
                joined += 1
                if many:
                    last = pieces[-1] if pieces else None
                    if type(last) is tuple and last[1] + step == start:  # the memo's next stretch: one slice
                        pieces[-1] = (last[0], end)
                    else:
                        pieces.append((start, end))
                    items += many
                written[path] = (group.stamp, (start, end), many, errors, warnings)
                group.counts = errors, warnings
                continue
            problems = kept.problems(group)
        else:
            problems = group
        body, many = layout.items(problems, context)
        errors, warnings = count(problems)
        formatted += len(problems)
        if many:
            pieces.append(body)
        stamp = kept.stamps.get(path)
        if stamp is not None:
            written[path] = (stamp, body, many, errors, warnings)
            unchanged = unchanged and memo.same(path, written[path])
        if isinstance(group, KeptFile):
            group.counts = errors, warnings
        items += many
    LAST_RENDER.update(formatted=formatted, joined=joined)
    unchanged = unchanged and written.keys() == memo.entries.keys()
    texts = [memo.text(*piece) if isinstance(piece, tuple) else piece for piece in pieces]
    return _framed(layout, result, view, texts, items), written, unchanged


#: Stands for the items in a frame made around them, so that the frame and the items (a MB or
#: more) are joined in one copy rather than two; a frame that does not hold it once, verbatim,
#: is made around the joined items as before.
_ITEMS = "\x00items\x00"


def _framed(layout: Layout, result: LintResult, view: OutputView, texts: list[str], items: int) -> str:
    """``layout``'s frame around ``texts`` joined by its separator."""
    if texts:
        before, found, after = layout.frame(result, view, _ITEMS, items).partition(_ITEMS)
        if found and _ITEMS not in before and _ITEMS not in after:
            joined = [before]
            for text in texts:
                joined += (text, layout.separator)
            joined[-1] = after
            return "".join(joined)
    return layout.frame(result, view, layout.separator.join(texts), items)


def _by_file(result: LintResult, kept: KeptProblems) -> Iterator[tuple[str, KeptFile | list[Problem]]]:
    """Every file's problems in the run's order: a kept file whole, the others' problems built."""
    files = [] if kept.joined else kept.files
    built = ((path, list(group)) for path, group in groupby(result.fresh, key=lambda p: p.path))
    pending = next(built, None)
    for file in files:
        while pending is not None and pending[0] < file.path:
            yield pending
            pending = next(built, None)
        yield file.path, file
    while pending is not None:
        yield pending
        pending = next(built, None)


class OutputMemo:
    """The stored formatted problems of one format and view, valid under one lint memo key.

    One checked file: a line of JSON (the key, and each file's stamp, where its items lie in
    the text after that line, how many, its errors and warnings), then the items as plain text,
    which is read as it is rather than decoded from JSON strings (quotes and all). The files'
    items are in the output's order with the format's separator between them, so that the items
    of files next to each other in the output are taken in one slice. Where items lie is counted
    in bytes: a run decodes only the stretches it joins, from the bytes read (a MB or more at
    thousands of standing problems, each copy of which is pages touched afresh)."""

    def __init__(self, kept: KeptProblems, name: str, view: OutputView, separator: str):
        folder = register_cache_path(kept.root, "lint-output", memo_version())
        self.key = [kept.key, name, view.prefix, view.reach, view.color]
        self.separator = separator
        shape = hashlib.blake2b(repr(self.key[1:]).encode(errors="surrogatepass"), digest_size=8).hexdigest()
        self.path: Path | None = folder / f"{name}-{shape}.txt" if folder is not None else None
        self.entries: dict[str, Any] = {}
        #: the items, UTF-8, as read (a view of the file's bytes)
        self.items = memoryview(b"")
        if self.path is None:
            return
        body, _reason = read_checked_view(self.path, FORMAT, memo_version())
        if body is None:
            return
        # the index line, then the items (a MB or more): found in the bytes read, the body their end
        raw = body.obj
        assert isinstance(raw, bytes)
        start = len(raw) - len(body)
        end = raw.find(b"\n", start)
        head, text = (body, body[:0]) if end < 0 else (body[:end - start], body[end - start + 1:])
        try:
            index = json.loads(str(head, "utf-8", "surrogatepass"))
        except (ValueError, RecursionError):
            return
        self.items = text
        if isinstance(index, dict) and index.get("key") == self.key and isinstance(index.get("files"), dict):
            self.entries = index["files"]

    def text(self, start: int, end: int) -> str:
        """The items stored from byte ``start`` to ``end`` (:meth:`get`'s), decoded; a stretch that
        is not whole UTF-8 (a forged offset) makes the output a cold run's."""
        try:
            return str(self.items[start:end], "utf-8", "surrogatepass")
        except ValueError:
            raise FileChanged(self.path) from None

    def get(self, path: str, stamp: str) -> tuple[int, int, int, int, int] | None:
        """Where ``path``'s stored items lie in the items' bytes, how many, its errors and warnings,
        if made under ``stamp`` and of exact types (else None)."""
        value = self.entries.get(path)
        if type(value) is not list or len(value) != 6 or value[0] != stamp:
            return None
        _stamp, start, end, items, errors, warnings = value
        if not (type(start) is int and type(end) is int and type(items) is int and type(errors) is int
                and type(warnings) is int and 0 <= start <= end <= len(self.items) and errors >= 0
                and warnings >= 0 and 0 <= items <= errors + warnings and (items == 0) == (start == end)):
            return None
        return start, end, items, errors, warnings

    def same(self, path: str, stored: Stored) -> bool:
        """Whether the memo holds ``stored`` for ``path`` already."""
        stamp, body, items, errors, warnings = stored
        held = self.get(path, stamp)
        return held is not None and held[2:] == (items, errors, warnings) and (
            body == held[:2] if isinstance(body, tuple)
            else self.items[held[0]:held[1]] == body.encode(errors="surrogatepass"))

    def save(self, written: dict[str, Stored]) -> None:
        """Keep ``written``: this run's files whose problems are their stored reports, in order."""
        if self.path is None:
            return
        files: dict[str, list[Any]] = {}
        bodies: list[bytes | memoryview] = []
        separator = self.separator.encode(errors="surrogatepass")
        at = 0
        for path, (stamp, body, items, errors, warnings) in written.items():
            data = self.items[body[0]:body[1]] if isinstance(body, tuple) else body.encode(errors="surrogatepass")
            if data and bodies:
                bodies.append(separator)
                at += len(separator)
            files[path] = [stamp, at, at + len(data), items, errors, warnings]
            if data:
                bodies.append(data)
                at += len(data)
        head = json.dumps({"key": self.key, "files": files}, separators=(",", ":"), ensure_ascii=True)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if write_checked_bytes(self.path, FORMAT, memo_version(),
                               b"".join([head.encode(), b"\n", *bodies])):
            drop_stale_versions(self.path.parent)
