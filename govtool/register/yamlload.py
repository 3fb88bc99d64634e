"""Load one untrusted YAML record file into plain Python data plus a line map.

Why not ``yaml.safe_load``: lint needs the line of every field, must see duplicate keys
(``yaml.safe_load`` lets a second ``due:`` silently win), and must stay bounded on hostile
input (alias bombs expand to billions of nodes when constructed). So the C parser composes
the node graph (fast, aliases stay shared references) and a small walker builds the data
itself, counting nodes, recording lines and refusing every tag that is not plain data.

Dates are kept as the text the user wrote (``"2026-03-31"``): the schema checks their form and
the model turns them into ``datetime.date``; an impossible date such as 2026-02-30 then
becomes a lint problem instead of a crash in the constructor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # PyYAML's libyaml binding; the pure-Python loader is a slow but correct fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is present on supported installs
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: The safe loader class in use, for code that needs libyaml's scanner too (suppressions).
SAFE_LOADER = _Loader

#: A record file larger than this is refused before parsing (a real action is ~2 KiB).
MAX_FILE_BYTES = 1 << 20
#: Nodes visited while building one document, aliases counted each time they are used.
MAX_NODES = 50_000
#: Nesting depth of mappings and sequences (a real record nests 3 deep).
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_CONFLICT_MARKER = re.compile(rb"^(<<<<<<<|=======|>>>>>>>)( |$)", re.MULTILINE)
# Every level of nesting costs at least one of these indicators, so their count bounds the
# depth. libyaml's composer recurses once per level and overflows the C stack near 100,000
# levels; below this many indicators composing is safe without looking closer.
_NESTING_INDICATOR = re.compile(rb"[\[{]|[-?:](?=[ \t\r\n]|$)", re.MULTILINE)
_SAFE_INDICATORS = 2_000
# A file this small cannot hold enough values to be slow to compose; a larger one is walked as
# events first, which stops at MAX_NODES values (a 1 MiB flow list of 200,000 values otherwise
# costs a second to compose before the builder's budget sees it).
_SAFE_SIZE = 64 * 1024
_INDICATOR_BYTES = (b"[", b"{", b"-", b"?", b":")


class _MemoLoader(_Loader):
    """The C loader, with the tag of each plain scalar remembered.

    The C composer asks the Python resolver for the tag of every scalar, keys included, and
    the resolver tries a list of regular expressions each time. For a plain scalar the answer
    depends on its text alone (no path resolvers are registered), and records repeat the
    same texts ("date", "by", "open", people's IDs) thousands of times across a register.
    """

    _plain_tags: dict[str, str] = {}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                if len(self._plain_tags) < _MAX_REMEMBERED_TAGS and len(value) < 64:
                    self._plain_tags[value] = tag
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-any-return, no-untyped-call]

    # The composer calls these around every collection; with no path resolvers registered
    # (and govtool registers none) they do nothing, so skip the method lookups altogether.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


#: Bounds the memory the tag memo may use, whatever the files hold.
_MAX_REMEMBERED_TAGS = 20_000


class YamlProblem(Exception):
    """The file cannot be turned into data. ``line`` is 1-based or None."""

    def __init__(self, kind: str, message: str, line: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line


def too_many_values(line: int | None) -> YamlProblem:
    return YamlProblem("too-complex", f"more than {MAX_NODES:,} values (aliases counted each time they are used)", line)


def _line_of(event: yaml.Event) -> int | None:
    """The 1-based line an event starts on (PyYAML's marks are 0-based and may be absent)."""
    return None if event.start_mark is None else event.start_mark.line + 1


def too_deep(line: int | None) -> YamlProblem:
    return YamlProblem("too-complex", f"nested more than {MAX_DEPTH} levels deep", line)


@dataclass
class LoadedYaml:
    """A document's data with the line on which each key or item starts."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    #: duplicate keys found: (path of the repeated key, its line, line of the first)
    duplicates: list[tuple[Path_, int, int]] = field(default_factory=list)

    def line_of(self, path: Path_) -> int | None:
        """Line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


_scalar_constructor = yaml.constructor.SafeConstructor()


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 only (with or without BOM), no NUL bytes, no conflict markers."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            "file-too-large",
            f"file is {len(raw):,} bytes; a record file may be at most {MAX_FILE_BYTES:,}",
        )
    marker = _CONFLICT_MARKER.search(raw)
    if marker:
        line = raw.count(b"\n", 0, marker.start()) + 1
        raise YamlProblem(
            "merge-conflict",
            "unresolved merge-conflict marker: keep the trail entries of both sides (progress notes, re-dates, "
            "edits), each under its own list ('updates:', 'redates:', 'edits:') and each starting with its own "
            "'- date: ...' line; choose one value for any other field; delete the markers, run govtool lint, "
            "then commit",
            line,
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("not-utf8", "UTF-16 text, not UTF-8: save the file as UTF-8", 1)
    if b"\x00" in raw:
        raise YamlProblem("not-text", "binary file (contains NUL bytes), not a YAML record")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlProblem(
            "not-utf8", "not UTF-8 text: save the file as UTF-8", line
        ) from None
    # Every indicator the pattern can match is one of these bytes, so their count bounds it:
    # a cheap test that spares the regex on every ordinary record.
    if len(raw) > _SAFE_SIZE or (
        sum(map(raw.count, _INDICATOR_BYTES)) > _SAFE_INDICATORS
        and len(_NESTING_INDICATOR.findall(raw)) > _SAFE_INDICATORS
    ):
        _check_depth_by_events(text)
    return text


def _check_depth_by_events(text: str) -> None:
    """Measure nesting and size with the event stream, which (unlike composing) does not recurse.

    Also stops at :data:`MAX_NODES` values, so a file of 200,000 tiny values is refused after
    a quarter of one cheap pass instead of being composed in full first.
    """
    depth = 0
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    raise too_many_values(_line_of(event))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise too_deep(_line_of(event))
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the real parse reports the syntax error with its line


def where_it_starts(exc: Any) -> tuple[int | None, str]:
    """The line where the fault starts, and PyYAML's account of it.

    An unclosed quote on line 2 is only noticed at the end of the file; PyYAML's *context*
    ("while scanning a quoted scalar", at line 2) is where the user must look, so that line
    is reported, with the problem and the line where it was noticed. ``exc`` is a marked
    error of PyYAML or of ruamel.yaml (the editor's parser), which carry the same marks.
    """
    problem = exc.problem or "invalid YAML"
    problem_line = exc.problem_mark.line + 1 if exc.problem_mark is not None else None
    context_line = exc.context_mark.line + 1 if exc.context_mark is not None else None
    if exc.context and context_line is not None and (problem_line is None or context_line < problem_line):
        noticed = f" (noticed at line {problem_line})" if problem_line is not None else ""
        return context_line, f"{exc.context} that starts here: {problem}{noticed}"
    if exc.context and exc.context not in problem:
        return problem_line or context_line, f"{exc.context}: {problem}"
    return problem_line or context_line, problem


#: What a tab in a line's indentation is, said instead of PyYAML's "found character that cannot
#: start any token" (Notepad and many editors put a tab where YAML wants spaces).
TAB_INDENT = ("a tab in the indentation: YAML indents with spaces only: replace the tab with spaces, "
              "lined up with the lines around it")


def tab_indented_line(text: str, exc: Any) -> int | None:
    """The line (1-based) of a syntax error ``exc`` in ``text`` whose indentation holds a tab:
    the line where the error was noticed, else where what it was reading started. None when
    neither is indented with a tab (a tab inside a value is no fault)."""
    rows = text.split("\n")
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is None or not 0 <= mark.line < len(rows):
            continue
        row = rows[mark.line]
        if "\t" in row[: len(row) - len(row.lstrip(" \t"))]:
            return int(mark.line) + 1
    return None


def _fix_for(message: str, text: str, line: int | None) -> str:
    """The usual fix for a syntax error people make by hand, said after PyYAML's account of it.

    PyYAML says "mapping values are not allowed here" for two slips. A value holding ': '
    ('title: Replace the call bell: room 14') reads as a second key on the same line: quoting
    the value is the fix. A key indented further than the line above it, whose value is
    already given ("  owner: jane" under "title: ..."), reads as a key inside that value: the
    fix is its indentation (a new-user trial was told to add quotes it did not need)."""
    if "mapping values are not allowed" not in message:
        return ""
    quote_it = (": if the value on this line holds ': ', put the whole value in quotes "
                "(title: \"Replace the call bell: room 14\")")
    rows = text.split("\n")
    if line is None or not 0 < line <= len(rows):
        return quote_it
    row = rows[line - 1]
    if ": " in row.partition(": ")[2]:
        return quote_it
    above = next((n for n in range(line - 1, 0, -1)
                  if rows[n - 1].strip() and not rows[n - 1].lstrip().startswith("#")), None)
    if above is not None:
        previous = rows[above - 1]
        if (_indent(row) > _indent(previous) and not previous.rstrip().endswith(":")
                and not previous.lstrip().startswith("-")):
            return (f": this line is indented further than line {above} above it, which has its value "
                    "already: line the two up with the keys they belong to")
    return quote_it


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def load_yaml(raw: bytes) -> LoadedYaml:
    """Parse one record file's bytes. Raises :class:`YamlProblem` with a line when it can."""
    text = decode(raw)
    loader = _MemoLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        tab = tab_indented_line(text, exc)
        if tab is not None:
            raise YamlProblem("invalid-yaml", f"YAML syntax error: {TAB_INDENT}", tab) from None
        line, message = where_it_starts(exc)
        if "nesting depth" in message:  # newer libyaml builds stop deep nesting themselves
            raise YamlProblem("too-complex", f"nested more than {MAX_DEPTH} levels deep", line) from None
        raise YamlProblem("invalid-yaml", f"YAML syntax error: {message}{_fix_for(message, text, line)}", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("invalid-yaml", f"YAML error: {exc}") from None
    except RecursionError:
        raise too_deep(None) from None
    finally:
        loader.dispose()
    result = LoadedYaml(data=None)
    if node is None:
        return result
    result.data = _Builder(result).build(node, (), 0)
    return result


class _Builder:
    """Walks a composed node graph into dicts, lists and scalars, recording lines."""

    def __init__(self, out: LoadedYaml):
        self.out = out
        self.budget = MAX_NODES

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise too_many_values(node.start_mark.line + 1)
        if depth > MAX_DEPTH:
            raise too_deep(node.start_mark.line + 1)
        self.out.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, path, depth)
        raise self._bad_tag(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    "invalid-yaml", "keys must be plain words (no lists, maps or '<<' merges)", line
                )
            key = key_node.value
            child = path + (key,)
            if key in result:
                self.out.duplicates.append((child, line, self.out.lines[child]))
                # The first occurrence stays: the data-loss trap is the second one winning.
                continue
            self.out.lines[child] = line
            result[key] = self.build(value_node, child, depth + 1)
        return result

    @staticmethod
    def _scalar(node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _TIMESTAMP:
            return node.value
        if tag in _SCALAR_TAGS:
            # Call the constructor for the tag directly: construct_object would cache every node.
            return _scalar_constructor.yaml_constructors[tag](_scalar_constructor, node)
        raise _Builder._bad_tag(node)

    @staticmethod
    def _bad_tag(node: yaml.Node) -> YamlProblem:
        return YamlProblem(
            "unsafe-tag",
            f"YAML tag {node.tag!r} is not allowed: records hold plain text, numbers, dates, lists and maps",
            node.start_mark.line + 1,
        )
