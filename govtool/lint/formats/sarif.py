"""SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif).

Locations are repository-relative URIs against ``%SRCROOT%`` (the checkout), lines start at
1 (a problem about a whole file points at its first line), and each result carries a
fingerprint made from the rule, file, record and message, so an alert survives lines moving.
The message's counts of days ("26 days ago") are left out of the fingerprint: they change
every day while the problem stays the same, and GitHub would close and reopen the alert.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import quote

from govtool import RULES_URL, __version__
from govtool.lint.engine import LintResult
from govtool.lint.formats.layout import Layout
from govtool.lint.formats.view import OutputView
from govtool.lint.rule import Problem, RuleSpec
from govtool.support.terminal import dumps_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning"}
#: "26 days", "3 days ago": what changes from one day to the next in a message.
_DAY_COUNT = re.compile(r"\b\d+ days?\b(?: ago)?")


#: Where the results go in the document: "results" is the run's last key, and an item of its
#: list is four levels deep (document, runs, the run, results), two spaces a level.
_NO_RESULTS = '"results": []'
_ITEM_INDENT = " " * 8


def _context(result: LintResult, view: OutputView) -> tuple[dict[str, int], OutputView]:
    specs = sorted(result.rules, key=lambda spec: spec.code)
    return {spec.name: i for i, spec in enumerate(specs)}, view


def _item(problem: Problem, context: tuple[dict[str, int], OutputView]) -> str | None:
    index, view = context
    if problem.rule not in index:
        return None
    # Indented as json.dumps(indent=2) indents it inside the whole document.
    return _ITEM_INDENT + dumps_json(_result(problem, index, view), indent=2).replace("\n", "\n" + _ITEM_INDENT)


def _frame(result: LintResult, _view: OutputView, body: str, count: int) -> str:
    specs = sorted(result.rules, key=lambda spec: spec.code)
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "govtool",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(spec, result.severity.get(spec.name, spec.severity)) for spec in specs],
        }},
        "invocations": [{
            "executionSuccessful": True,
            "toolExecutionNotifications": [{"level": "note", "message": {"text": n}} for n in result.notices],
        }],
        "columnKind": "unicodeCodePoints",
        "results": [],
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    text = dumps_json(document, indent=2)
    if count:
        before, _found, after = text.rpartition(_NO_RESULTS)
        text = before + '"results": [\n' + body + "\n" + _ITEM_INDENT[:6] + "]" + after
    return text + "\n"


LAYOUT = Layout(",\n", _context, _item, _frame)
render = LAYOUT.render


def _rule(spec: RuleSpec, level: str) -> dict[str, Any]:
    return {
        "id": spec.name,
        "name": "".join(part.capitalize() for part in spec.name.split("-")),
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": _first_paragraphs(spec.doc)},
        "help": {"text": spec.doc, "markdown": spec.doc},
        "helpUri": f"{RULES_URL}#{spec.name}",
        "defaultConfiguration": {"level": _LEVEL[level]},
        "properties": {"code": spec.code, "tags": ["govtool", spec.code]},
    }


def _first_paragraphs(doc: str) -> str:
    """The description without the examples (GitHub shows the examples from ``help``)."""
    head = doc.split("Anti-pattern:")[0].strip()
    return " ".join(head.split())


def stable_part(message: str) -> str:
    """The message without what changes by itself from day to day."""
    return _DAY_COUNT.sub("N days", message)


def _result(problem: Problem, index: dict[str, int], view: OutputView) -> dict[str, Any]:
    uri = quote(view.path(problem.path), safe="/")
    fingerprint = hashlib.sha256(
        "\0".join((problem.rule, problem.path, problem.record or "", stable_part(problem.message))).encode()
    ).hexdigest()
    return {
        "ruleId": problem.rule,
        "ruleIndex": index[problem.rule],
        "level": _LEVEL[problem.severity],
        "message": {"text": problem.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": problem.line if problem.line and problem.line >= 1 else 1},
        }}],
        "partialFingerprints": {"govtoolProblem/v1": fingerprint},
    }
