"""The example register holds exactly the deliberate faults its README lists, and no others."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLE_REGISTER

# examples/register/README.md, "Deliberate faults" (as of 2026-11-26).
EXPECTED = {
    ("vague-action", "actions/ACT-FBGA2H.yaml"),
    ("collective-owner", "actions/ACT-F6K59Q.yaml"),
    ("unknown-owner", "actions/ACT-F6K59Q.yaml"),
    ("completion-without-change", "actions/ACT-S3AZCT.yaml"),
    ("completion-without-evidence", "actions/ACT-HA2S3F.yaml"),
    ("no-trajectory", "actions/ACT-DQ6SVD.yaml"),
    ("overdue", "actions/ACT-7WNKJZ.yaml"),
    ("repeated-slip", "actions/ACT-XD7XCN.yaml"),
    ("unaddressed-finding", "sources/SRC-4VDBPP.yaml"),
    ("uncontrolled-risk", "risks/RSK-NRSFZ2.yaml"),
}


def test_lint_finds_the_planted_faults_and_nothing_else(cli) -> None:
    result = cli("lint", "--format", "json", "--as-of", "2026-11-26", cwd=EXAMPLE_REGISTER)
    assert result.exit_code == 1
    found = {(p["rule"], p["path"]) for p in json.loads(result.stdout)}
    assert found == EXPECTED
