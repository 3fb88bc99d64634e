"""SARIF output is valid against the official SARIF 2.1.0 schema, links each rule to its page,
and fingerprints a problem the same way from one day to the next."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from tests.lint.test_formats import make

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _sarif(cli, root: Path, as_of: str, *extra: str) -> dict:
    result = cli("lint", "--as-of", as_of, "--format", "sarif", *extra, cwd=root)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_sarif_validates_against_the_oasis_schema(tmp_path: Path, cli) -> None:
    assert SCHEMA["$id"].endswith("sarif-spec/master/Schemata/sarif-schema-2.1.0.json")
    root = make(tmp_path, **{"actions/ACT-BAD.yaml": 'id: ACT-BAD\ntitle: "unclosed\n'})
    document = _sarif(cli, root, "2026-11-26")  # outside Git: a notice about the history rules too
    assert document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(document)
    broken = json.loads(json.dumps(document))
    broken["runs"][0]["results"][0]["level"] = "fatal"  # the validator really looks
    assert not jsonschema.Draft7Validator(SCHEMA).is_valid(broken)


def test_every_rule_has_a_help_uri_to_its_section_of_the_rules_page(tmp_path: Path, cli) -> None:
    rules = _sarif(cli, make(tmp_path), "2026-11-26")["runs"][0]["tool"]["driver"]["rules"]
    assert rules and all(rule["helpUri"].endswith(f"/docs/rules.md#{rule['id']}") for rule in rules)
    headings = (Path(__file__).parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert all(f"### {rule['id']}\n" in headings for rule in rules)


def test_fingerprints_do_not_change_from_one_day_to_the_next(tmp_path: Path, cli) -> None:
    root = make(tmp_path)

    def fingerprints(as_of: str) -> dict[str, tuple[str, str]]:
        results = _sarif(cli, root, as_of)["runs"][0]["results"]
        return {r["ruleId"]: (r["message"]["text"], r["partialFingerprints"]["govtoolProblem/v1"]) for r in results}

    monday, tuesday = fingerprints("2026-11-23"), fingerprints("2026-11-24")
    assert monday["overdue"][0] != tuesday["overdue"][0]  # "(23 days ago)", then "(24 days ago)"
    assert {rule: fp for rule, (_, fp) in monday.items()} == {rule: fp for rule, (_, fp) in tuesday.items()}
