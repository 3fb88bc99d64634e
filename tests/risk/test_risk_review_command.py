"""``govtool review``: the edit keeps the user's file, the result is valid, refusals change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from govtool.register.load import load_register

RISK = """\
# Medicines risk: reviewed at the monthly governance meeting
id: RSK-MEDS
title: Medication errors cause harm because MAR charts are not checked
owner: jane.smith
inherent: {likelihood: 4, consequence: 4}  # before any control
residual:
  likelihood: 3   # possible
  consequence: 4
controls:
  - id: C1
    description: Weekly MAR audit by the clinical lead
    effectiveness: inadequate  # audits missed in September
  - id: C2
    description: Second signature for controlled drugs
    effectiveness: partial
reviews:
  - date: 2026-10-01
    by: jane.smith
    likelihood: 3
    consequence: 4
    note: Two omissions in September; audit not yet weekly.
# end of file
"""


@pytest.fixture
def risk_register(register: Any) -> Any:
    register.write("risks/RSK-MEDS.yaml", RISK)
    register.write("actions/ACT-1.yaml", """\
        id: ACT-1
        title: Audit 10 MAR charts every week and report the results to the governance meeting
        risk: RSK-MEDS
        control: C1
        owner: jane.smith
        priority: high
        created: 2026-10-01
        due: 2026-12-31
        status: in_progress
        measure:
          target: 98% of MAR charts complete in three consecutive weekly audits
        """)
    register.commit("Medicines risk", date="2026-10-01")
    return register


def _review(cli: Any, repo: Any, *args: str) -> Any:
    return cli("review", "RSK-MEDS", "--likelihood", "2", "--consequence", "4",
               "--note", "Weekly audits at 100% for six weeks.", "--date", "2026-11-20", *args, cwd=repo.path)


def test_review_appends_entry_sets_residual_and_keeps_comments(risk_register: Any, cli: Any) -> None:
    result = _review(cli, risk_register, "--control", "C1=effective", "--by", "Sam Patel")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "RSK-MEDS reviewed on 2026-11-20 by Sam Patel: residual 12 high (possible x major) -> 8 high (unlikely x major)"
    )
    assert "control C1: inadequate -> effective" in result.stdout
    text = (risk_register.path / "risks/RSK-MEDS.yaml").read_text()
    assert text == RISK.replace(
        "  likelihood: 3   # possible", "  likelihood: 2   # possible"
    ).replace(
        "effectiveness: inadequate  # audits", "effectiveness: effective   # audits"
    ).replace(
        "# end of file\n",
        "  - date: 2026-11-20\n    by: sam.patel\n    from:\n      likelihood: 3\n      consequence: 4\n"
        "    likelihood: 2\n    consequence: 4\n"
        "    note: Weekly audits at 100% for six weeks.\n# end of file\n",
    )
    register = load_register(risk_register.path)
    assert register.problems == []
    risk = register.risks["RSK-MEDS"]
    assert (risk.residual.value, risk.control("C1").effectiveness) == (8, "effective")  # type: ignore[union-attr]
    assert risk_register.git("status", "--porcelain") == "M risks/RSK-MEDS.yaml"  # no lock or temp files left


def test_commit_records_the_change_in_one_commit(risk_register: Any, cli: Any) -> None:
    risk_register.write("actions/ACT-1.yaml", (risk_register.path / "actions/ACT-1.yaml").read_text() + "description: Started in October.\n")
    result = _review(cli, risk_register, "--control", "C1=effective", "--control", "C2=partial", "--commit")
    assert result.exit_code == 0, result.stderr
    assert risk_register.log()[0] == "RSK-MEDS: reviewed, residual 12 → 8 (C1 now effective)"
    assert risk_register.git("show", "--name-only", "--format=", "HEAD") == "risks/RSK-MEDS.yaml"
    assert risk_register.git("status", "--porcelain") == "M actions/ACT-1.yaml"  # unrelated work not swept in


def test_commit_setting_commits_by_default_and_no_commit_overrides(risk_register: Any, cli: Any) -> None:
    settings = risk_register.path / "govtool.yaml"
    settings.write_text(settings.read_text() + "commit: true\n")
    risk_register.commit("Commit every change", date="2026-10-02")
    assert _review(cli, risk_register, "--no-commit").exit_code == 0
    assert risk_register.log()[0] == "Commit every change"
    risk_register.git("checkout", "--", "risks/RSK-MEDS.yaml")
    result = cli("review", "RSK-MEDS", "--likelihood", "3", "--consequence", "4", "--note", "No change yet.",
                 "--date", "2026-11-20", cwd=risk_register.path)
    assert result.exit_code == 0, result.stderr
    assert risk_register.log()[0] == "RSK-MEDS: reviewed, residual stays 12"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("RSK-NOPE",), "unknown risk RSK-NOPE"),
        (("ACT-1",), "ACT-1 is an action, not a risk"),
        (("RSK-MEDS", "--likelihood", "6"), "--likelihood '6' is not a score: give a whole number from 1 to 5"),
        (("RSK-MEDS", "--likelihood", "0"), "--likelihood '0' is not a score"),
        (("RSK-MEDS", "--consequence", "2.5"), "--consequence '2.5' is not a score"),
        (("RSK-MEDS", "--consequence", "major"), "--consequence 'major' is not a score"),
        (("RSK-MEDS", "--control", "C9=effective"), "RSK-MEDS has no control C9 (its controls: C1, C2)"),
        (("RSK-MEDS", "--control", "C1=good"), "effectiveness must be one of effective, partial, inadequate"),
        (("RSK-MEDS", "--control", "C1"), "write CONTROL=EFFECTIVENESS"),
        (("RSK-MEDS", "--date", "31/02/2026"), "--date '31/02/2026' is not a real date"),
        (("RSK-MEDS", "--date", "next week"), "is not a date: use YYYY-MM-DD or DD/MM/YYYY"),
        (("RSK-MEDS", "--date", "2099-01-01"), "is in the future"),
        (("RSK-MEDS", "--date", "2026-09-30"), "last reviewed on 2026-10-01: a new review cannot be dated before it"),
        (("RSK-MEDS", "--by", "bob"), "--by 'bob' is not in the people directory"),
        (("RSK-MEDS", "--by", "amy.jones"), "Amy Jones (amy.jones) left on 2026-06-30"),
        (("RSK-MEDS", "--note", "  "), "--note must say what the review found"),
    ],
)
def test_refused_input_changes_nothing(risk_register: Any, cli: Any, args: tuple[str, ...], says: str) -> None:
    defaults = {"--likelihood": "2", "--consequence": "4", "--note": "Better.", "--date": "2026-11-20"}
    given = dict(zip(args[1::2], args[2::2], strict=True))
    options = [part for option, value in {**defaults, **given}.items() for part in (option, value)]
    before = (risk_register.path / "risks/RSK-MEDS.yaml").read_bytes()
    head = risk_register.git("rev-parse", "HEAD")
    result = cli("review", args[0], *options, "--commit", cwd=risk_register.path)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("govtool: error: ")
    assert says in result.stderr
    assert (risk_register.path / "risks/RSK-MEDS.yaml").read_bytes() == before
    assert risk_register.git("rev-parse", "HEAD") == head
    assert risk_register.git("status", "--porcelain") == ""


def test_missing_option_without_a_terminal_is_one_line(risk_register: Any, cli: Any) -> None:
    result = cli("review", "RSK-MEDS", "--likelihood", "2", "--consequence", "4", cwd=risk_register.path)
    assert (result.exit_code, result.stderr) == (2, "govtool: error: missing --note: give it on the command line\n")


def test_prompts_for_missing_options_on_a_terminal(risk_register: Any, cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.review

    for module in (govtool.cli.ask, govtool.cli.commands.review):
        monkeypatch.setattr(module, "interactive", lambda: True)
    result = cli("review", "RSK-MEDS", "--date", "2026-11-20", cwd=risk_register.path,
                 input="7\n2\n4\nAudits weekly since October.\n")
    assert result.exit_code == 0, result.stderr
    assert "residual now 12 high (possible x major)" in result.stdout
    assert "not a score" in result.stderr  # the 7 was refused and asked again
    risk = load_register(risk_register.path).risks["RSK-MEDS"]
    assert (risk.reviews[-1].score.value, risk.reviews[-1].note) == (8, "Audits weekly since October.")


def test_a_risk_file_with_problems_is_not_edited(risk_register: Any, cli: Any) -> None:
    path = risk_register.path / "risks/RSK-MEDS.yaml"
    path.write_text(RISK.replace("effectiveness: partial", "effectiveness: sometimes"))
    before = path.read_bytes()
    result = _review(cli, risk_register)
    assert result.exit_code == 2
    assert result.stderr.startswith("govtool: error: risks/RSK-MEDS.yaml:15: controls[1].effectiveness: 'sometimes' is not one of")
    assert "fix the file first" in result.stderr
    assert path.read_bytes() == before


def test_first_review_of_a_risk_adds_the_list_after_the_controls(register: Any, cli: Any) -> None:
    register.write("risks/RSK-FALLS.yaml", """\
        id: RSK-FALLS
        title: Residents fall at night because sensor mats are not switched on
        owner: sam.patel
        inherent: {likelihood: 4, consequence: 3}
        residual: {likelihood: 4, consequence: 3}
        controls:
          - id: C1
            description: Sensor mats checked at the 22:00 round
            effectiveness: partial
        target: {likelihood: 2, consequence: 3}
        """)
    register.commit("Falls risk", date="2026-11-01")
    result = cli("review", "RSK-FALLS", "--likelihood", "3", "--consequence", "3", "--note", "One fall in November.",
                 "--date", "2026-11-20", "--commit", cwd=register.path)
    assert result.exit_code == 0, result.stderr
    text = (register.path / "risks/RSK-FALLS.yaml").read_text()
    assert text.endswith(
        "target: {likelihood: 2, consequence: 3}\nreviews:\n  - date: 2026-11-20\n    by: sam.patel\n"
        "    from:\n      likelihood: 4\n      consequence: 3\n    likelihood: 3\n    consequence: 3\n    note: One fall in November.\n"
    )  # --by defaults to the risk's owner
    assert "residual: {likelihood: 3, consequence: 3}" in text
    assert register.log()[0] == "RSK-FALLS: reviewed, residual 12 → 9"


def test_end_to_end_in_a_subprocess(risk_register: Any, cli: Any) -> None:
    done = cli.subprocess("review", "RSK-MEDS", "--likelihood", "9", "--consequence", "4", "--note", "x",
                          cwd=risk_register.path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("govtool: error: --likelihood '9'") and "Traceback" not in done.stderr
    done = cli.subprocess("review", "RSK-MEDS", "--likelihood", "2", "--consequence", "4", "--note", "Weekly audits.",
                          "--date", "20/11/2026", "--commit", cwd=risk_register.path / "risks")
    assert done.returncode == 0, done.stderr
    assert "committed" in done.stdout and risk_register.log()[0] == "RSK-MEDS: reviewed, residual 12 → 8"


def test_a_risk_worse_than_first_scored_is_re_scored_in_its_review(risk_register: Any, cli: Any) -> None:
    """Inherent 16 (4x4): a review finding 20 (4x5) is refused with the way out, and recorded
    with its new inherent score when that is given; lint then has nothing to say of the scores."""
    from govtool.lint.engine import lint_register

    path = risk_register.path / "risks/RSK-MEDS.yaml"
    before = path.read_text()
    worse = ("RSK-MEDS", "--likelihood", "4", "--consequence", "5", "--note", "Two omissions caused harm in November.",
             "--date", "2026-11-20", "--by", "jane.smith")
    refused = cli("review", *worse, cwd=risk_register.path)
    assert refused.exit_code == 2 and "is above the inherent 16" in refused.stderr
    assert "--inherent-likelihood N --inherent-consequence N" in refused.stderr and path.read_text() == before
    half = cli("review", *worse, "--inherent-likelihood", "4", cwd=risk_register.path)
    assert half.exit_code == 2 and "give both --inherent-likelihood and --inherent-consequence" in half.stderr
    done = cli("review", *worse, "--inherent-likelihood", "4", "--inherent-consequence", "5", cwd=risk_register.path)
    assert done.exit_code == 0, done.output
    data = yaml.safe_load(path.read_text())
    assert data["inherent"] == {"likelihood": 4, "consequence": 5}
    assert data["reviews"][-1]["inherent"] == {"likelihood": 4, "consequence": 5}
    problems = lint_register(risk_register.path, today=dt.date(2026, 11, 26)).problems
    assert not [p for p in problems if p.rule in ("residual-above-inherent", "schema")], problems
