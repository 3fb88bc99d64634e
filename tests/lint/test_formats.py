"""Output formats and exit codes, through the real command line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from govtool.lint.formats.github import escape_data, escape_property
from tests.lint.casebuild import base_files, write_files

LATE = """\
id: ACT-LATE
title: Replace the hoist sling on Oak unit and record the check in the equipment log
source: SRC-BASE
finding: F1
owner: jane.smith
created: 2026-10-01
due: 2026-10-31
status: open
"""  # overdue (error, line 7) and missing-measure (warning, line 2)


def make(root: Path, **extra: str) -> Path:
    write_files(root, base_files())
    write_files(root, {"actions/ACT-LATE.yaml": LATE, **extra})
    return root


def test_text_lines_and_summary(tmp_path: Path, cli) -> None:
    result = cli("lint", "--as-of", "2026-11-26", cwd=make(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "actions/ACT-LATE.yaml:2: warning missing-measure no measure: add its target, the result that shows "
        'the action worked (govtool edit ACT-LATE --target "98% of MAR charts complete in three weekly audits" --reason "..."; '
        "that target is only an example: write this action's own)",
        "actions/ACT-LATE.yaml:7: error overdue open action was due on 2026-10-31 (26 days ago): "
        "finish it, or re-date it with the reason (govtool redate)",
        "1 error, 1 warning in 1 file",
    ]
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal


def test_clean_register_exits_0(tmp_path: Path, cli) -> None:
    write_files(tmp_path, base_files())
    result = cli("lint", "--as-of", "2026-11-26", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "No problems found.\n")


def test_warnings_pass_unless_strict(tmp_path: Path, cli) -> None:
    root = make(tmp_path, **{"actions/ACT-LATE.yaml": LATE.replace("2026-10-31", "2027-10-31")})
    assert cli("lint", "--as-of", "2026-11-26", cwd=root).exit_code == 0
    assert cli("lint", "--as-of", "2026-11-26", "--strict", cwd=root).exit_code == 1


def test_as_of_accepts_uk_dates_and_changes_the_result(tmp_path: Path, cli) -> None:
    root = make(tmp_path)
    early = cli("lint", "--as-of", "15/11/2026", "--format", "json", cwd=root)
    assert "(15 days ago)" in json.loads(early.stdout)[1]["message"]
    bad = cli("lint", "--as-of", "31/02/2026", cwd=root)
    assert bad.exit_code == 2 and "not a real date" in bad.stderr


def test_statistics(tmp_path: Path, cli) -> None:
    root = make(tmp_path, **{"actions/ACT-LATE2.yaml": LATE.replace("ACT-LATE", "ACT-LATE2")})
    result = cli("lint", "--as-of", "2026-11-26", "--statistics", cwd=root)
    assert "     2  GT206   overdue" in result.stdout.splitlines()
    as_json = cli("lint", "--as-of", "2026-11-26", "--statistics", "--format", "json", cwd=root)
    json.loads(as_json.stdout)  # statistics do not spoil the JSON
    assert "     2  GT212   missing-measure" in as_json.stderr.splitlines()


def test_json_fields(tmp_path: Path, cli) -> None:
    result = cli("lint", "--as-of", "2026-11-26", "--format", "json", cwd=make(tmp_path))
    problems = json.loads(result.stdout)
    assert problems[1] == {
        "rule": "overdue", "code": "GT206", "severity": "error", "path": "actions/ACT-LATE.yaml", "line": 7,
        "record": "ACT-LATE",
        "message": "open action was due on 2026-10-31 (26 days ago): finish it, or re-date it with the reason "
                   "(govtool redate)",
    }


def _subfolder_register(git_repo) -> Path:
    register = git_repo.path / "clients" / "acme care"
    make(register)
    git_repo.commit("Client register", date="2026-03-01")
    return register


def test_sarif_is_code_scanning_shaped_with_repository_relative_paths(git_repo, cli) -> None:
    register = _subfolder_register(git_repo)
    result = cli("lint", "--as-of", "2026-11-26", "--format", "sarif", cwd=register)
    assert result.exit_code == 1
    sarif = json.loads(result.stdout)
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "govtool"
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids)) and "overdue" in ids
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert "Anti-pattern:" in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
    assert len(run["results"]) == 2
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning") and res["message"]["text"]
        (location,) = res["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": "clients/acme%20care/actions/ACT-LATE.yaml", "uriBaseId": "%SRCROOT%"}
        assert location["physicalLocation"]["region"]["startLine"] >= 1
        assert res["partialFingerprints"]
    overdue = next(r for r in run["results"] if r["ruleId"] == "overdue")
    assert overdue["level"] == "error" and overdue["locations"][0]["physicalLocation"]["region"]["startLine"] == 7


def test_github_annotations_use_repository_paths_even_when_run_from_the_repository_root(git_repo, cli) -> None:
    _subfolder_register(git_repo)
    result = cli("lint", "clients/acme care", "--as-of", "2026-11-26", "--format", "github", cwd=git_repo.path)
    assert result.stdout.splitlines() == [
        "::warning file=clients/acme care/actions/ACT-LATE.yaml,line=2,title=govtool missing-measure::"
        "no measure: add its target, the result that shows the action worked "
        '(govtool edit ACT-LATE --target "98%25 of MAR charts complete in three weekly audits" --reason "..."; '
        "that target is only an example: write this action's own)",
        "::error file=clients/acme care/actions/ACT-LATE.yaml,line=7,title=govtool overdue::"
        "open action was due on 2026-10-31 (26 days ago): finish it, or re-date it with the reason (govtool redate)",
    ]
    # json and text stay register-relative (SPEC.md)
    as_json = cli("lint", "clients/acme care", "--as-of", "2026-11-26", "--format", "json", cwd=git_repo.path)
    assert {p["path"] for p in json.loads(as_json.stdout)} == {"actions/ACT-LATE.yaml"}


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_a_sarif_problem_with_no_line_points_at_line_1(tmp_path: Path, cli) -> None:
    root = make(tmp_path, **{"actions/ACT-BIN.yaml": "id: ACT-BIN\n\x00"})
    sarif = json.loads(cli("lint", "--as-of", "2026-11-26", "--format", "sarif", cwd=root).stdout)
    binary = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "not-text")
    assert binary["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_lint_paths_must_exist_inside_the_register(tmp_path: Path, cli) -> None:
    root = make(tmp_path / "reg")
    (tmp_path / "elsewhere").mkdir()
    missing = cli("lint", "actions/ACT-NOPE.yaml", cwd=root)
    assert missing.exit_code == 2 and "no such file or folder" in missing.stderr
    outside = cli("lint", "reg", "../elsewhere", cwd=root)
    assert outside.exit_code == 2
    only = cli("lint", "sources", "--as-of", "2026-11-26", cwd=root)
    assert (only.exit_code, only.stdout) == (0, "No problems found.\n")


def test_rules_and_explain(cli, tmp_path: Path) -> None:
    table = cli("rules", cwd=tmp_path).stdout.splitlines()
    assert table[0].split() == ["code", "name", "severity", "summary"]
    assert any(line.split()[:3] == ["GT207", "repeated-slip", "warning"] for line in table)
    explained = cli("lint", "--explain", "repeated-slip", cwd=tmp_path)
    assert explained.exit_code == 0
    assert explained.stdout.startswith("GT207 repeated-slip (default severity: warning)\n")
    assert "Anti-pattern:" in explained.stdout and "  threshold: 3" in explained.stdout
    assert cli("lint", "--explain", "gt206", cwd=tmp_path).stdout.startswith("GT206 overdue")
    unknown = cli("lint", "--explain", "overdeu", cwd=tmp_path)
    assert unknown.exit_code == 2
    assert unknown.stderr == "govtool: error: no rule named 'overdeu': did you mean 'overdue'?\n"


def test_unknown_rule_in_settings_is_exit_2_with_did_you_mean(tmp_path: Path, cli) -> None:
    root = make(tmp_path)
    settings = root / "govtool.yaml"
    settings.write_text(settings.read_text() + "lint:\n  ignore: [colective-owner]\n")
    result = cli("lint", cwd=root)
    assert result.exit_code == 2
    assert result.stderr == ("govtool: error: govtool.yaml:8: lint.ignore: no rule named 'colective-owner': "
                             "did you mean 'collective-owner'?\n")


def test_end_to_end_in_a_subprocess(tmp_path: Path, cli) -> None:
    root = make(tmp_path)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Register"]):
        subprocess.run(["git", *args], cwd=root, check=True)
    done = cli.subprocess("lint", "--as-of", "2026-11-26", "--format", "json", cwd=root)
    assert done.returncode == 1 and done.stderr == ""
    assert [p["rule"] for p in json.loads(done.stdout)] == ["missing-measure", "overdue"]


def test_json_has_one_problem_per_line(tmp_path: Path, cli) -> None:
    result = cli("lint", "--as-of", "2026-11-26", "--format", "json", cwd=make(tmp_path))
    lines = result.stdout.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 2 + 2  # two problems, a line each
    assert [json.loads(line.rstrip(","))["rule"] for line in lines[1:-1]] == ["missing-measure", "overdue"]
    clean = cli("lint", "--as-of", "2026-11-26", "--format", "json", cwd=make(tmp_path / "clean", **{
        "actions/ACT-LATE.yaml": LATE.replace("due: 2026-10-31", "due: 2027-10-31")
        .replace("owner: jane.smith\n", "owner: jane.smith\nmeasure:\n  target: 10 of 10 slings checked\n")}))
    assert clean.stdout == "[]\n"


def test_github_says_how_many_problems_when_there_are_more_than_it_shows(tmp_path: Path, cli) -> None:
    many = {f"actions/ACT-LATE{i}.yaml": LATE.replace("ACT-LATE", f"ACT-LATE{i}") for i in range(11)}
    result = cli("lint", "--as-of", "2026-11-26", "--format", "github", cwd=make(tmp_path, **many))
    lines = result.stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 12
    assert lines[-1].startswith("::notice title=govtool lint::12 errors and 12 warnings in 12 files; "
                                "GitHub shows the first 10 of each")
    few = cli("lint", "--as-of", "2026-11-26", "--format", "github", cwd=make(tmp_path / "few"))
    assert "::notice" not in few.stdout


def test_github_reports_a_settings_error_as_an_annotation(git_repo, cli) -> None:
    register = _subfolder_register(git_repo)
    settings = register / "govtool.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "lint:\n  severity: {overdeu: off}\n", encoding="utf-8")
    result = cli("lint", "--format", "github", cwd=register)
    assert result.exit_code == 2 and "did you mean 'overdue'" in result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error file=clients/acme care/govtool.yaml,line=") and "title=govtool::lint.severity" in line
