"""A risk's residual score on a past --as-of day when its reviews all came later.

``govtool review`` records the score each review replaces (its ``from``), so the score a risk
was raised with stays in the file; a review written without it leaves that score unknown, and
the risks report says "not yet reviewed" rather than "not scored". Each case failed before.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

RISK = """\
id: RSK-FALLS
title: Residents fall at night because sensor mats are not switched on
owner: jane.smith
created: 2026-06-01
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 3, consequence: 4}
controls:
  - {id: C1, description: Sensor mats checked at the 22:00 round, effectiveness: partial}
"""


def _residual(cli: Any, repo: Any, day: str) -> dict[str, Any]:
    found = cli("report", "risks", "--as-of", day, "--format", "json", cwd=repo.path)
    assert found.exit_code == 0, found.output
    risk = next(r for r in json.loads(found.stdout)["risks"] if r["id"] == "RSK-FALLS")
    return {key: risk["residual"][key] for key in ("score", "description")}


def test_a_review_keeps_the_score_it_replaces_for_an_earlier_day(register: Any, cli: Any) -> None:
    register.write("risks/RSK-FALLS.yaml", RISK)
    register.commit("Falls risk", date="2026-06-01")
    done = cli("review", "RSK-FALLS", "--likelihood", "2", "--consequence", "4", "--note", "No falls since August.",
               "--date", "2026-09-20", "--commit", cwd=register.path)
    assert done.exit_code == 0, done.output
    review = yaml.safe_load((register.path / "risks/RSK-FALLS.yaml").read_text())["reviews"][0]
    assert review["from"] == {"likelihood": 3, "consequence": 4}
    assert _residual(cli, register, "2026-08-31") == {"score": 12, "description": "12 high (possible x major)"}
    assert _residual(cli, register, "2026-09-20")["score"] == 8
    assert cli("lint", "--as-of", "2026-08-31", "--select", "schema,residual-differs-from-review",
               cwd=register.path).exit_code == 0


def test_a_score_the_files_do_not_give_is_not_yet_reviewed_in_every_view(register: Any, cli: Any) -> None:
    register.write("risks/RSK-FALLS.yaml", RISK.replace("{likelihood: 3, consequence: 4}", "{likelihood: 2, consequence: 4}")
                   + "reviews:\n  - {date: 2026-09-20, by: jane.smith, likelihood: 2, consequence: 4, note: No falls.}\n")
    register.commit("Falls risk", date="2026-09-20")
    assert _residual(cli, register, "2026-08-31") == {"score": None, "description": "not yet reviewed"}
    markdown = cli("report", "risks", "--as-of", "2026-08-31", cwd=register.path).stdout
    assert "- **Residual:** not yet reviewed" in markdown and "not scored" not in markdown
    html = cli("report", "risks", "--as-of", "2026-08-31", "--format", "html", cwd=register.path).stdout
    assert "RSK-FALLS (not yet reviewed)" in html and "not scored" not in html
    digest = cli("digest", "--as-of", "2026-08-31", "--format", "json", cwd=register.path).stdout
    assert "never reviewed; entered 1 Jun 2026" in digest  # the digest and lint: never reviewed by then
    # a risk that never had a residual score is still "not scored"
    register.write("risks/RSK-FALLS.yaml", RISK.replace("residual: {likelihood: 3, consequence: 4}\n", ""))
    assert _residual(cli, register, "2026-08-31") == {"score": None, "description": "not scored"}
