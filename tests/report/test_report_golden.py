"""Golden files: each report in each format, on the fixture register, as of a fixed date.

A change to a report shows up as a diff against tests/report/golden/. When the change is
wanted, regenerate with ``GOVTOOL_REGEN_GOLDEN=1 python -m pytest tests/report`` and review
the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .report_support import AS_OF, GOLDEN, REGEN_ENV, assert_written, scrub

REPORTS = {
    "action-plan": ["action-plan"],
    "response": ["action-plan", "--source-type", "inspection_report"],
    "momentum": ["momentum"],
    "risks": ["risks"],
    "source-SRC-CQC1": ["source", "SRC-CQC1"],
    "source-SRC-INC1": ["source", "SRC-INC1"],
}
FORMATS = {"markdown": "md", "html": "html", "json": "json"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", REPORTS)
def test_report_matches_golden(name: str, fmt: str, fixture_register: Path, cli) -> None:
    out = fixture_register / "reports" / f"{name}.{FORMATS[fmt]}"
    out.parent.mkdir(exist_ok=True)  # -o writes into a folder that exists (a missing one is refused)
    result = cli("report", *REPORTS[name], "--as-of", AS_OF, "--format", fmt, "-o", out, cwd=fixture_register)
    assert_written(result)
    actual = scrub(out.read_text(encoding="utf-8"))
    golden = GOLDEN / out.name
    if os.environ.get(REGEN_ENV):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with {REGEN_ENV}=1 to create it"
    assert actual == golden.read_text(encoding="utf-8"), f"{golden.name} differs: rerun with {REGEN_ENV}=1 and review the diff"


def test_report_to_stdout_is_the_same_as_to_a_file_apart_from_link_base(fixture_register: Path, cli) -> None:
    stdout = cli("report", "momentum", "--as-of", AS_OF, cwd=fixture_register)
    assert_written(stdout)
    assert scrub(stdout.stdout) == (GOLDEN / "momentum.md").read_text(encoding="utf-8")
