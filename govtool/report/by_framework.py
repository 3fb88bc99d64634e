"""The action plan grouped by the register's framework: one section per statement or line of
enquiry, in the framework's order, holding every finding (from any source) filed under it,
the "must" findings first, as within a source.

A finding is filed under its ``framework_ref`` when that is a code of the framework, else under
the statement whose title its ``quality_statement`` gives (so a register on the 2023 quality
statements groups without any ``framework_ref``). Findings filed under nothing come last.
"""

from __future__ import annotations

from dataclasses import dataclass

from govtool.register.frameworks.model import Framework, Statement
from govtool.report.source_view import must_first
from govtool.report.views import ActionView, FindingView, SourceView


@dataclass
class FiledFinding:
    """A finding in a framework section, with the source it comes from."""

    source_id: str
    source_title: str | None
    source_type_label: str
    finding: FindingView


@dataclass
class FrameworkSection:
    key_question: str | None  # the key question's title; None for the closing section
    code: str | None  # None for the findings filed under nothing
    title: str
    findings: list[FiledFinding]


@dataclass
class FrameworkGrouping:
    name: str
    title: str
    version: str
    status: str
    sections: list[FrameworkSection]
    #: actions on a source that answer none of its listed findings, with their source
    other_actions: list[tuple[str, ActionView]]


def group_by_framework(framework: Framework, sources: list[SourceView]) -> FrameworkGrouping:
    filed: dict[str | None, list[FiledFinding]] = {}
    for source in sources:
        for finding in source.findings:
            statement = statement_of(framework, finding)
            entry = FiledFinding(source.id, source.title, source.type_label, finding)
            filed.setdefault(statement.code if statement else None, []).append(entry)
    for entries in filed.values():  # what the provider must do first, as within a source
        entries.sort(key=lambda entry: not must_first(entry.finding.level))
    sections = [
        FrameworkSection(framework.key_question_title(s.key_question), s.code, s.title, filed[s.code])
        for s in framework.statements.values() if s.code in filed
    ]
    if None in filed:
        sections.append(FrameworkSection(None, None, f"Not filed under a statement of {framework.name}", filed[None]))
    others = [(source.id, action) for source in sources for action in source.other_actions]
    return FrameworkGrouping(framework.name, framework.title, framework.version, framework.status, sections, others)


def statement_of(framework: Framework, finding: FindingView) -> Statement | None:
    return framework.statement(finding.framework_ref) or framework.titled(finding.quality_statement)
