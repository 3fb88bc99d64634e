"""The engine: crashes become problems, history is optional, settings and comments apply, no writes."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from govtool.lint import engine
from govtool.lint.engine import lint_register
from govtool.lint.rule import LintContext, Report, RuleSpec, all_rules, rule
from govtool.support.errors import GovtoolError
from tests.lint.casebuild import base_files, write_files

TODAY = dt.date(2026, 11, 26)
LATE = """\
id: ACT-LATE
title: Replace the hoist sling on Oak unit and record the check in the equipment log
source: SRC-BASE
finding: F1
owner: jane.smith
created: 2026-10-01
due: 2026-10-31{comment}
status: open
measure:
  target: Sling replaced and logged
"""


def make_register(root: Path, **files: Any) -> Path:
    write_files(root, base_files())
    write_files(root, files)
    return root


def with_settings(root: Path, lint_section: str) -> None:
    settings = root / "govtool.yaml"
    settings.write_text(settings.read_text() + "lint:\n" + lint_section, encoding="utf-8")


def rules_of(result: engine.LintResult) -> list[str]:
    return [p.rule for p in result.problems]


def test_clean_register_has_no_problems(tmp_path: Path) -> None:
    result = lint_register(make_register(tmp_path), today=TODAY)
    assert result.problems == []


def test_a_crashing_rule_becomes_one_internal_error_and_the_rest_still_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    @rule("exploding-rule", "GT299")
    def exploding(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
        """Explodes.

        Anti-pattern: none. Best practice: none.
        """
        yield Report("actions/ACT-BASE.yaml", 1, "ACT-BASE", "reported before the crash")
        raise ZeroDivisionError("division by zero")

    rules = dict(all_rules())
    rules["exploding-rule"] = exploding.__govtool_rule__  # type: ignore[attr-defined]
    monkeypatch.setattr(engine, "all_rules", lambda: rules)
    root = make_register(tmp_path, **{"actions/ACT-LATE.yaml": LATE.format(comment="")})

    result = lint_register(root, today=TODAY)

    crash = [p for p in result.problems if p.rule == "internal-error"]
    assert len(crash) == 1 and crash[0].severity == "error"
    assert "exploding-rule (GT299) crashed with ZeroDivisionError" in crash[0].message
    assert "exploding-rule" in rules_of(result) and "overdue" in rules_of(result)


def _history_rule() -> RuleSpec:
    @rule("needs-git", "GT399", needs_history=True)
    def needs_git(ctx: LintContext, options: Mapping[str, Any]) -> Iterator[Report]:
        """Reads history."""
        ctx.history  # noqa: B018
        yield Report("govtool.yaml", 1, None, "history was read")

    return needs_git.__govtool_rule__  # type: ignore[attr-defined,no-any-return]


def test_history_rules_are_skipped_with_one_notice_outside_git(tmp_path: Path) -> None:
    root = make_register(tmp_path, **{"actions/ACT-LATE.yaml": LATE.format(comment="")})

    result = lint_register(root, today=TODAY, base="origin/main")

    (notice,) = result.notices
    assert notice.startswith("history rules skipped (silent-redate, history-rewritten, ")
    assert "is not in a Git repository: run 'git init'" in notice
    assert "internal-error" not in rules_of(result) and "overdue" in rules_of(result)


def test_history_rules_run_in_a_git_repository(tmp_path: Path, git_repo: Any) -> None:
    root = make_register(git_repo.path)
    git_repo.commit("Register", date="2026-11-01")
    late = LATE.format(comment="")
    git_repo.write("actions/ACT-LATE.yaml", late)
    git_repo.commit("Add a late action", date="2026-11-02")
    git_repo.write("actions/ACT-LATE.yaml", late.replace("due: 2026-", "due: 2027-", 1))

    result = lint_register(root, today=TODAY)

    assert result.notices == []
    assert "silent-redate" in rules_of(result)  # the uncommitted due-date change


def test_a_crash_while_reading_history_is_an_internal_error_not_a_crashed_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rules = dict(all_rules())
    rules["needs-git"] = _history_rule()
    monkeypatch.setattr(engine, "all_rules", lambda: rules)
    monkeypatch.setattr(engine, "_load_history", lambda register, base, staged=False, view=None: {}["missing"])
    result = lint_register(make_register(tmp_path), today=TODAY)
    assert [(p.rule, p.path) for p in result.problems if p.rule == "internal-error"] == [("internal-error", "govtool.yaml")]
    assert "the Git history reader crashed with KeyError" in result.problems[0].message


def test_paths_limit_what_is_reported_but_links_still_see_every_record(tmp_path: Path) -> None:
    root = make_register(tmp_path, **{"actions/ACT-LATE.yaml": LATE.format(comment="")})
    # ACT-BASE2 is the only action on finding F2: removing it from the report must not
    # make F2 look unaddressed, because every record is still loaded.
    result = lint_register(root, today=TODAY, paths=["sources"])
    assert result.problems == []
    result = lint_register(root, today=TODAY, paths=["actions/ACT-LATE.yaml"])
    assert {p.path for p in result.problems} == {"actions/ACT-LATE.yaml"}


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() + str(p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_lint_never_writes_a_file(tmp_path: Path) -> None:
    root = make_register(tmp_path, **{"actions/ACT-LATE.yaml": LATE.format(comment="  # govtool: ignore[overdue]")})
    before = _tree(root)
    lint_register(root, today=TODAY)
    assert _tree(root) == before


def test_inline_suppression_on_the_line_or_the_line_above(tmp_path: Path) -> None:
    trailing = LATE.format(comment="  # govtool: ignore[overdue] date agreed with CQC")
    # two problems on the due line (overdue, and due before created), both excused by one comment
    above = (LATE.replace("due:", "# govtool: ignore[overdue, due-before-created] agreed with CQC\ndue:")
             .replace("created: 2026-10-01", "created: 2026-11-01").format(comment=""))
    for name, text in (("trailing", trailing), ("above", above)):
        root = make_register(tmp_path / name, **{"actions/ACT-LATE.yaml": text})
        result = lint_register(root, today=TODAY)
        assert [(p.rule, p.message) for p in result.problems] == [], name


def test_a_standalone_suppression_does_not_reach_two_lines_down(tmp_path: Path) -> None:
    text = LATE.replace("created:", "# govtool: ignore[overdue] agreed with CQC\ncreated:").format(comment="")
    result = lint_register(make_register(tmp_path, **{"actions/ACT-LATE.yaml": text}), today=TODAY)
    assert sorted(rules_of(result)) == ["overdue", "unused-suppression"]


def test_a_suppression_for_another_rule_does_not_excuse(tmp_path: Path) -> None:
    text = LATE.format(comment="  # govtool: ignore[no-trajectory] wrong rule")
    result = lint_register(make_register(tmp_path, **{"actions/ACT-LATE.yaml": text}), today=TODAY)
    assert sorted(rules_of(result)) == ["overdue", "unused-suppression"]


def test_settings_select_ignore_severity_and_per_path_ignores(tmp_path: Path) -> None:
    root = make_register(tmp_path, **{"actions/ACT-LATE.yaml": LATE.format(comment="")})
    (root / "actions/ACT-LATE.yaml").write_text(LATE.format(comment="").replace("measure:\n  target: Sling replaced and logged\n", ""))
    assert sorted(rules_of(lint_register(root, today=TODAY))) == ["missing-measure", "overdue"]

    with_settings(root, "  severity: {overdue: warning, missing-measure: 'off'}\n")
    result = lint_register(root, today=TODAY)
    assert [(p.rule, p.severity) for p in result.problems] == [("overdue", "warning")]
    bare_off = make_register(tmp_path / "off", **{"actions/ACT-LATE.yaml": (root / "actions/ACT-LATE.yaml").read_text()})
    with_settings(bare_off, "  severity: {overdue: warning, missing-measure: off}\n")  # YAML reads a bare off as false
    assert [(p.rule, p.severity) for p in lint_register(bare_off, today=TODAY).problems] == [("overdue", "warning")]

    root2 = make_register(tmp_path / "b", **{"actions/ACT-LATE.yaml": LATE.format(comment="")})
    with_settings(root2, "  select: [GT206, broken-link]\n")
    assert rules_of(lint_register(root2, today=TODAY)) == ["overdue"]

    root3 = make_register(tmp_path / "c", **{"actions/ACT-LATE.yaml": LATE.format(comment="")})
    with_settings(root3, "  per_path_ignores:\n    'actions/ACT-L*.yaml': [overdue]\n")
    assert rules_of(lint_register(root3, today=TODAY)) == []

    root4 = make_register(tmp_path / "d", **{"actions/ACT-LATE.yaml": LATE.format(comment="")})
    with_settings(root4, "  ignore: [overdue]\n  options: {overdue: {grace_days: 400}}\n")
    assert rules_of(lint_register(root4, today=TODAY)) == []


@pytest.mark.parametrize(("section", "expected"), [
    ("  select: [overdeu]\n", "lint.select: no rule named 'overdeu': did you mean 'overdue'?"),
    ("  ignore: [no-such-thing-at-all]\n", "lint.ignore: no rule named 'no-such-thing-at-all'"),
    ("  severity: {vague-actions: warning}\n", "did you mean 'vague-action'?"),
    ("  per_path_ignores: {'actions/*': [overdu]}\n", "did you mean 'overdue'?"),
    ("  options: {overdue: {grace: 3}}\n", "lint.options.overdue: unknown option 'grace': did you mean 'grace_days'?"),
    ("  options: {overdue: {grace_days: soon}}\n", "lint.options.overdue.grace_days: expected a whole number, got 'soon'"),
    ("  options: {repeated-slip: {threshold: true}}\n", "expected a whole number, got True"),
    ("  options: {broken-link: {depth: 1}}\n", "it takes no options"),
    ("  options: {risk-not-reviewed: {days: {extrem: 14}}}\n",
     "lint.options.risk-not-reviewed.days: unknown band 'extrem': did you mean 'extreme'?"),
    ("  options: {risk-not-reviewed: {days: {high: 99999999999999999999}}}\n",
     "lint.options.risk-not-reviewed.days.high: 99999999999999999999 is out of range: use a whole number from 0 to 36,500"),
    ("  options: {risk-not-reviewed: {days: {high: ninety}}}\n", "days.high: 'ninety' is out of range"),
    ("  options: {overdue: {grace_days: -1}}\n", "lint.options.overdue.grace_days: -1 is out of range"),
    ("  options: {overdue: {grace_days: 1000000000}}\n", "1000000000 is out of range"),
])
def test_settings_mistakes_are_errors_with_the_line(tmp_path: Path, section: str, expected: str) -> None:
    root = make_register(tmp_path)
    with_settings(root, section)
    with pytest.raises(GovtoolError) as caught:
        lint_register(root, today=TODAY)
    assert expected in caught.value.message
    assert str(caught.value).startswith("govtool.yaml:8:") or str(caught.value).startswith("govtool.yaml:9:")


def _title_above_due(title_yaml: str) -> str:
    """LATE with its title moved to just above ``due:`` (so a comment-like last line of the
    title would sit on the line above the overdue date)."""
    lines = [line for line in LATE.format(comment="").splitlines() if not line.startswith("title:")]
    at = next(i for i, line in enumerate(lines) if line.startswith("due:"))
    return "\n".join([*lines[:at], title_yaml, *lines[at:]]) + "\n"


@pytest.mark.parametrize("title_yaml", [
    'title: "Replace the hoist sling on Oak unit and record the check in the log\n  # govtool: ignore[overdue] agreed with CQC"',
    "title: 'Replace the hoist sling on Oak unit and record the check in the log\n  # govtool: ignore[overdue] agreed with CQC'",
    "title: |\n  Replace the hoist sling on Oak unit and record the check in the log\n  # govtool: ignore[overdue] agreed with CQC",
])
def test_a_suppression_inside_a_quoted_or_block_title_is_data_not_a_comment(tmp_path: Path, title_yaml: str) -> None:
    text = _title_above_due(title_yaml)
    result = lint_register(make_register(tmp_path, **{"actions/ACT-LATE.yaml": text}), today=TODAY)
    assert "overdue" in rules_of(result)
    real = text.replace("due: 2026-10-31", "# govtool: ignore[overdue] agreed with CQC\ndue: 2026-10-31")
    result = lint_register(make_register(tmp_path / "real", **{"actions/ACT-LATE.yaml": real}), today=TODAY)
    assert "overdue" not in rules_of(result)


def test_a_suppression_on_the_same_line_as_a_quoted_value_still_counts(tmp_path: Path) -> None:
    text = LATE.format(comment="").replace("due: 2026-10-31", "due: '2026-10-31'  # govtool: ignore[overdue] agreed 'with' CQC")
    assert "overdue" not in rules_of(lint_register(make_register(tmp_path, **{"actions/ACT-LATE.yaml": text}), today=TODAY))


def test_a_partial_map_of_bands_keeps_the_other_bands_defaults(tmp_path: Path) -> None:
    from govtool.lint.config import load_config
    from govtool.register.load import load_register

    root = make_register(tmp_path)
    with_settings(root, "  options:\n    risk-not-reviewed:\n      days:\n        high: 45\n")
    config = load_config(load_register(root).settings, all_rules())
    assert config.options["risk-not-reviewed"]["days"] == {"extreme": 30, "high": 45, "moderate": 180, "low": 365}


def test_a_bad_band_is_reported_at_its_own_line(tmp_path: Path) -> None:
    root = make_register(tmp_path)
    with_settings(root, "  options:\n    risk-not-reviewed:\n      days:\n        high: 45\n        moderat: 90\n")
    with pytest.raises(GovtoolError) as caught:
        lint_register(root, today=TODAY)
    lines = (root / "govtool.yaml").read_text().splitlines()
    assert str(caught.value).startswith(f"govtool.yaml:{lines.index('        moderat: 90') + 1}:")
    assert "did you mean 'moderate'?" in caught.value.message


def test_a_custom_band_may_be_given_an_interval(tmp_path: Path) -> None:
    from govtool.lint.config import load_config
    from govtool.register.load import load_register

    root = make_register(tmp_path)
    settings = root / "govtool.yaml"
    settings.write_text(settings.read_text() + "risk_bands: {green: 1, amber: 6, red: 15}\n")
    with_settings(root, "  options: {risk-not-reviewed: {days: {red: 14}}}\n")
    config = load_config(load_register(root).settings, all_rules())
    assert config.options["risk-not-reviewed"]["days"]["red"] == 14
