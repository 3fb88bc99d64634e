"""The pre-commit hook definition and the CI examples in docs/ci.md are valid and say what we mean."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
CI_DOC = (PROJECT / "docs" / "ci.md").read_text("utf-8")


def test_pre_commit_hook_lints_the_whole_register_as_staged() -> None:
    (hook,) = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "govtool-lint" and hook["name"]
    assert hook["entry"] == "govtool lint --staged" and hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["always_run"] is True


def _yaml_blocks() -> list[object]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", CI_DOC, re.S)]


def _workflow() -> dict:
    return next(b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b)


def test_ci_workflow_checks_the_push_or_pull_request_not_head_itself() -> None:
    workflow = _workflow()
    job = workflow["jobs"]["lint"]
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    lint = next(s for s in job["steps"] if "govtool lint" in s.get("run", ""))
    assert lint["env"]["BASE"] == "${{ github.event.pull_request.base.sha || github.event.before }}"
    assert '--base "$BASE"' in lint["run"] and "--require-history" in lint["run"]
    assert "--output-file lint.sarif" in lint["run"]
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "lint.sarif"
    assert "hashFiles('lint.sarif') != ''" in upload["if"]  # no second failure when lint exits 2
    assert workflow["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    assert job["timeout-minutes"] <= 30


def test_ci_workflow_pins_actions_by_commit_and_keeps_template_values_out_of_scripts() -> None:
    job = _workflow()["jobs"]["lint"]
    for step in job["steps"]:
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w/-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
        assert "${{" not in step.get("run", ""), step["run"]
    pinned = re.findall(r"uses: (\S+)@[0-9a-f]{40}\s+# (v\d+)\.", CI_DOC)
    assert dict(pinned) == {"actions/checkout": "v6", "actions/setup-python": "v6",
                            "github/codeql-action/upload-sarif": "v4"}


def test_pre_commit_config_examples_use_the_hook() -> None:
    configs = [b for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b]
    assert len(configs) == 2
    for config in configs:
        (hook,) = config["repos"][0]["hooks"]
        assert hook["id"] == "govtool-lint"
    assert configs[1]["repos"][0]["hooks"][0]["entry"] == "govtool lint --staged"
    assert "pre-commit install" in CI_DOC


def test_no_doc_points_at_a_release_tag() -> None:
    """No tag has been published, so no doc may tell a user to install or pin one."""
    for doc in [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]:
        text = doc.read_text("utf-8")
        assert not re.search(r"@v\d+\.\d+\.\d+\b|rev: v\d", text), doc.name
