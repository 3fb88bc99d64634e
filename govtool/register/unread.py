"""Record files that are there but could not be read as records: what they may link to.

A record file with an unresolved merge conflict, broken YAML or no ``id`` loads no record, and
its own error (``merge-conflict``, ``invalid-yaml``, ``schema``) says so. The rules that read
other records must not then act as if the record did not exist: a finding the conflicted action
answers is not "unaddressed", a source being mended is not a "broken link". So each such file
is scanned line by line for the links it names (``source: SRC-...``, ``finding: F2``, on
either side of a conflict), and a rule holds back wherever the file may be the missing record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from govtool.register.find import RECORD_FOLDERS
from govtool.register.model import Register
from govtool.register.safefile import read_record_bytes, read_record_head
from govtool.register.yamlload import YamlProblem

#: the fields linking a record to another, as a top-level line ``field: VALUE``
LINK_FIELDS = ("source", "finding", "risk", "control", "parent")
_LINK_LINE = re.compile(rf"^({'|'.join(LINK_FIELDS)}):[ \t]*['\"]?([A-Za-z0-9_.-]+)", re.MULTILINE)


@dataclass(frozen=True)
class Unreadable:
    """A record file that loaded no record: the ID its name gives, and the links it names."""

    id: str
    path: Path
    #: field -> the values the file's lines give it (both sides of a conflict); a field the
    #: scan found no line for is absent (the file may still name anything)
    links: Mapping[str, frozenset[str]]

    def may_link(self, field: str, value: str) -> bool:
        """Whether the record, once readable, may name ``value`` in ``field``."""
        named = self.links.get(field)
        return named is None or value in named


def unreadable(register: Register, kind: str) -> list[Unreadable]:
    """The record files of ``kind`` ("action", "source", "risk") in ``register`` that loaded no
    record (their load problems say why), in the order of those problems."""
    folder = RECORD_FOLDERS[kind]
    held: Mapping[str, object] = getattr(register, folder)
    found: dict[Path, Unreadable] = {}
    for problem in register.problems:
        path = problem.path
        if (len(path.parts) != 2 or path.parts[0] != folder or path.suffix not in (".yaml", ".yml")
                or path in found or path.stem in held or (problem.record is not None and problem.record in held)):
            continue
        found[path] = Unreadable(path.stem, path, _links(register.root / path))
    return list(found.values())


#: How much of a file too large to read is scanned for its links: a record's links are
#: top-level fields near its start, whatever a padded description below them holds.
HEAD_BYTES = 64 * 1024


def _links(path: Path) -> dict[str, frozenset[str]]:
    try:
        text = read_record_bytes(path).decode("utf-8", "replace")
    except YamlProblem as problem:
        if problem.kind != "file-too-large":
            return {}
        # A consultant's trial: one action padded past the size limit held back unaddressed-finding
        # for every finding of every source. Its head names what it answers; a head that names
        # nothing still holds back everything.
        try:
            text = read_record_head(path, HEAD_BYTES).decode("utf-8", "replace")
        except (YamlProblem, OSError):
            return {}
    except OSError:
        return {}
    named: dict[str, set[str]] = {}
    for match in _LINK_LINE.finditer(text):
        named.setdefault(match.group(1), set()).add(match.group(2))
    return {field: frozenset(values) for field, values in named.items()}
