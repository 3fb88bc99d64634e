"""Inline suppressions: ``# govtool: ignore[rule-name] reason`` excuses one line.

The comment sits on the offending line, or alone on the line above it. It must name the rule
(a blanket "ignore everything" would hide the next, unrelated problem too) and give a reason,
because an excused problem is still a decision someone will be asked about at inspection.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from govtool.register.safefile import read_record_bytes
from govtool.register.yamlload import SAFE_LOADER, YamlProblem

MARKER = b"govtool:"
# A YAML comment starts with '#' at the start of a line or after whitespace.
_DIRECTIVE = re.compile(r"(?:^|\s)#\s*govtool:\s*ignore\[([^\]]*)\](.*)$")


@dataclass
class Suppression:
    path: str
    #: the line the comment is on
    line: int
    #: the lines it excuses: its own, and the next one when the comment stands alone
    covers: tuple[int, ...]
    rules: tuple[str, ...]
    reason: str
    used: set[str] = field(default_factory=set)


def scan_text(text: str, path: str) -> list[Suppression]:
    """Every ``govtool: ignore[...]`` comment in one file's text.

    Only a real YAML comment counts: the same words inside a quoted or block scalar (a title
    an inspector reads, a note) are data, and data never excuses a rule.
    """
    found = []
    inside: _ScalarSpans | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if "govtool:" not in line:
            continue
        match = _DIRECTIVE.search(line)
        if not match:
            continue
        inside = inside or _ScalarSpans(text)
        if inside.holds(number, line.index("#", match.start())):
            continue
        rules = tuple(name.strip() for name in match.group(1).split(",") if name.strip())
        alone = line.lstrip().startswith("#")
        covers = (number, number + 1) if alone else (number,)
        found.append(Suppression(path, number, covers, rules, match.group(2).strip()))
    return found


def excuses_next_line(line: str) -> bool:
    """Whether ``line`` is a suppression comment standing alone, which excuses the line after it
    too (held to be one even inside a quoted or block value: a caller that asks is being careful)."""
    return line.lstrip().startswith("#") and _DIRECTIVE.search(line) is not None


def continued_lines(text: str) -> frozenset[int] | None:
    """The lines of ``text`` (from 1) inside a scalar begun on an earlier line (a block value's
    lines, a quoted or plain value's continuation lines); None: the YAML scanner cannot read it."""
    spans = _ScalarSpans(text)
    return None if spans.broken else spans.continued()


class _ScalarSpans:
    """Where the file's scalars (quoted, block or plain) lie, from the YAML scanner's tokens.

    Scanned only for a file that has a directive-like line. A file the scanner cannot read
    is held to be all data: it is reported as invalid YAML, and excuses nothing.
    """

    def __init__(self, text: str):
        self.spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.broken = False
        try:
            for token in yaml.scan(text, Loader=SAFE_LOADER):
                if isinstance(token, yaml.ScalarToken):
                    start, end = token.start_mark, token.end_mark
                    self.spans.append(((start.line + 1, start.column), (end.line + 1, end.column)))
        except yaml.YAMLError:
            self.broken = True

    def continued(self) -> frozenset[int]:
        """The lines (from 1) that lie inside a scalar begun on an earlier line: a block value's
        lines, a quoted or plain value's continuation lines."""
        lines: set[int] = set()
        for (start, _column), (end, end_column) in self.spans:
            lines.update(range(start + 1, end + 1 if end_column else end))
        return frozenset(lines)

    def holds(self, line: int, column: int) -> bool:
        """Whether the character at (1-based line, 0-based column) belongs to a scalar."""
        if self.broken:
            return True
        # Scalars come in file order and never overlap: look only at the last one starting
        # at or before the position.
        at = bisect.bisect_right(self.spans, ((line, column), (line + 1 << 40, 0))) - 1
        return at >= 0 and self.spans[at][0] <= (line, column) < self.spans[at][1]


def scan_bytes(raw: bytes, path: str) -> list[Suppression]:
    """Suppressions in one file's bytes; a file that is not UTF-8 holds none."""
    if MARKER not in raw:
        return []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []
    return scan_text(text, path)


def scan_files(root: Path, relative_paths: Iterable[str]) -> list[Suppression]:
    """Suppressions in the given register files; unreadable files hold none."""
    found: list[Suppression] = []
    for relative in relative_paths:
        try:
            raw = read_record_bytes(root / relative)  # never blocks on a pipe, never reads gigabytes
        except YamlProblem:
            continue
        found.extend(scan_bytes(raw, relative))
    return found


class SuppressionIndex:
    """Looks up the suppression (if any) that excuses a rule at a path and line."""

    def __init__(self, suppressions: list[Suppression]):
        self.suppressions = suppressions
        self._at: dict[tuple[str, int], list[Suppression]] = {}
        for suppression in suppressions:
            for line in suppression.covers:
                self._at.setdefault((suppression.path, line), []).append(suppression)

    def excuse(self, rule: str, path: str, line: int | None) -> bool:
        """True (and the suppression marked used) when a comment excuses this problem."""
        if line is None:
            return False
        for suppression in self._at.get((path, line), ()):
            if rule in suppression.rules:
                suppression.used.add(rule)
                return True
        return False
