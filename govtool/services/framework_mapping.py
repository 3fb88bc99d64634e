"""Move a plan from one framework to another: a mapping file proposes, finding by finding,
the new code; applying it records ``framework_ref`` and keeps the old reference.

A finding's old reference is its ``framework_ref`` when that is a code of the FROM framework,
else its ``quality_statement`` (a title, or a code, of FROM). Applying writes
``framework_ref: NEW`` into the finding and leaves ``quality_statement`` as it was; a finding
whose old reference was a FROM ``framework_ref`` gets the old statement's title as its
``quality_statement`` first, so the original is never lost. Each source file is edited like
every other govtool edit: comments kept, checked, written atomically, committed on request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from govtool.register.edit import set_field
from govtool.register.frameworks.model import Framework, Statement
from govtool.register.model import Finding, Record, Register
from govtool.register.safefile import read_record_bytes
from govtool.register.schema import refuse_invalid
from govtool.register.yamlload import YamlProblem, load_yaml
from govtool.services.edits import Apply, SavedChange, edit_record, ensure_can_commit, subject_line
from govtool.support.errors import GovtoolError

#: The finding fields framework_ref follows when it is added.
_FINDING_FIELDS = ("id", "text", "regulation", "key_question", "quality_statement")


@dataclass(frozen=True)
class Mapping:
    old: Framework
    new: Framework
    codes: dict[str, str]  # a code of ``old`` -> a code of ``new``
    display: str


@dataclass(frozen=True)
class Proposal:
    """What the mapping proposes for one finding: a new statement, or why there is none."""

    finding: Finding
    old: Statement | None
    new: Statement | None
    why_not: str | None = None


def read_mapping(path: Path, display: str, old: Framework, new: Framework) -> Mapping:
    """The mapping in ``path`` from ``old`` to ``new``, or one line naming its file and line."""
    try:
        doc = load_yaml(read_record_bytes(path))
    except YamlProblem as problem:
        raise GovtoolError(problem.message, display, problem.line) from None
    except FileNotFoundError:
        raise GovtoolError("no such mapping file", display) from None
    if not isinstance(doc.data, dict):
        raise GovtoolError("not a mapping file: it starts with 'from:', 'to:' and 'map:'", display, 1)
    refuse_invalid("mapping", doc, display)
    data = doc.data
    for key, framework in (("from", old), ("to", new)):
        if data[key] != framework.name:
            raise GovtoolError(f"{key}: {data[key]!r}, but the command maps {old.name} to {new.name}: "
                               "use the mapping file made for them", display, doc.line_of((key,)))
    if not data["map"]:
        raise GovtoolError("map is empty: list each old code and the new code it becomes", display, doc.line_of(("map",)))
    for old_code, new_code in data["map"].items():
        if old.statement(old_code) is None:
            raise GovtoolError(f"{old_code!r} is not a code of {old.name}", display, doc.line_of(("map", old_code)))
        if new.statement(new_code) is None:
            raise GovtoolError(f"{old_code}: {new_code!r} is not a code of {new.name}", display,
                               doc.line_of(("map", old_code)))
    return Mapping(old, new, dict(data["map"]), display)


def old_reference(finding: Finding, old: Framework) -> Statement | None:
    """The statement of ``old`` a finding refers to now, by framework_ref or quality_statement."""
    return (old.statement(finding.framework_ref) or old.titled(finding.quality_statement)
            or old.statement(finding.quality_statement))


def propose(register: Register, mapping: Mapping) -> list[Proposal]:
    """One proposal per finding of every source, in source and finding order."""
    proposals = []
    for source_id in sorted(register.sources):
        for finding in register.sources[source_id].findings:
            proposals.append(_proposal(finding, mapping))
    return proposals


def _proposal(finding: Finding, mapping: Mapping) -> Proposal:
    old = old_reference(finding, mapping.old)
    if old is None:
        if mapping.new.statement(finding.framework_ref) is not None:
            return Proposal(finding, None, None, f"already refers to {mapping.new.name}")
        return Proposal(finding, None, None, f"refers to nothing in {mapping.old.name}")
    code = mapping.codes.get(old.code)
    if code is None:
        return Proposal(finding, old, None, f"the mapping gives no new code for {old.code}")
    if finding.framework_ref == code:
        return Proposal(finding, old, None, f"already mapped to {code}")
    return Proposal(finding, old, mapping.new.statement(code))


def apply(register: Register, mapping: Mapping, proposals: Sequence[Proposal], commit: bool) -> list[SavedChange]:
    """Record each proposed ``framework_ref``, one edit (and commit) per source file; a source
    that does not load cleanly stops everything before anything is written."""
    by_source: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        if proposal.new is not None:
            by_source.setdefault(proposal.finding.source.id, []).append(proposal)
    unreadable = {p.path for p in register.problems}
    for source_id in by_source:
        source = register.sources[source_id]
        if source.path in unreadable:
            raise GovtoolError("cannot map: this source has problems; fix them first (govtool lint), "
                               "nothing was changed", source.path)
    if commit and by_source:
        ensure_can_commit(register.root)
    return [edit_record(register.root, source_id, "source", _recorder(items, mapping.new.name), commit)
            for source_id, items in by_source.items()]


def _recorder(items: Sequence[Proposal], new_name: str) -> Apply:
    def record(record: Record, data: CommentedMap) -> SavedChange:
        findings = data["findings"]
        for proposal in items:
            assert proposal.new is not None and proposal.old is not None
            entry = findings[proposal.finding.index]
            if "quality_statement" not in entry and entry.get("framework_ref") == proposal.old.code:
                set_field(entry, "quality_statement", proposal.old.title, _FINDING_FIELDS[:4])
            set_field(entry, "framework_ref", proposal.new.code, _FINDING_FIELDS)
        count = f"{len(items)} finding{'s' if len(items) > 1 else ''}"
        return SavedChange(record.id, record.path, subject_line(record.id, f"{count} mapped to {new_name}"))

    return record
