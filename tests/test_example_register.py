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
    ("response-due", "sources/SRC-4VDBPP.yaml"),
    ("uncontrolled-risk", "risks/RSK-NRSFZ2.yaml"),
    ("stale-action", "actions/ACT-FBGA2H.yaml"),
    ("stale-action", "actions/ACT-7WNKJZ.yaml"),
    ("stale-action", "actions/ACT-4GYNMG.yaml"),
}


def test_lint_finds_the_planted_faults_and_nothing_else(cli) -> None:
    result = cli("lint", "--format", "json", "--as-of", "2026-11-26", cwd=EXAMPLE_REGISTER)
    assert result.exit_code == 1
    found = {(p["rule"], p["path"]) for p in json.loads(result.stdout)}
    assert found == EXPECTED


def test_momentum_figures_match_the_hand_count_in_the_example_readme(cli) -> None:
    """Counted by hand from the files by the example's author (examples/register/README.md)."""
    result = cli("report", "momentum", "--format", "json", "--as-of", "2026-11-26", cwd=EXAMPLE_REGISTER)
    figures = json.loads(result.stdout)
    assert {key: figures[key] for key in ("open", "overdue", "closed_trailing_quarter", "closed_previous_quarter",
                                          "median_days_to_close", "redated")} == {
        "open": 11, "overdue": 1, "closed_trailing_quarter": 4, "closed_previous_quarter": 7,
        "median_days_to_close": 90, "redated": 2,
    }
