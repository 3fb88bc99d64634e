"""The pre-commit hook definition and the CI examples in docs/ci.md are valid and say what we mean."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]


def test_pre_commit_hook_lints_the_whole_register() -> None:
    (hook,) = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "govtool-lint" and hook["name"]
    assert hook["entry"] == "govtool lint --staged" and hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["always_run"] is True


def _yaml_blocks() -> list[object]:
    text = (PROJECT / "docs" / "ci.md").read_text("utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def test_ci_workflow_example() -> None:
    workflow = next(b for b in _yaml_blocks() if isinstance(b, dict) and "jobs" in b)
    steps = workflow["jobs"]["lint"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    lint = next(s for s in steps if "govtool lint" in s.get("run", ""))
    assert "--base origin/${{ github.base_ref" in lint["run"] and "--format sarif > lint.sarif" in lint["run"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "lint.sarif" and upload["if"] == "always()"
    assert workflow["permissions"]["security-events"] == "write"


def test_pre_commit_config_examples_use_the_hook() -> None:
    configs = [b for b in _yaml_blocks() if isinstance(b, dict) and "repos" in b]
    assert len(configs) == 2
    for config in configs:
        (hook,) = config["repos"][0]["hooks"]
        assert hook["id"] == "govtool-lint"
