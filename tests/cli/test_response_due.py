"""new source records response_due, and for an inspection report offers CQC's usual 28 days."""

from __future__ import annotations

from typing import Any

import pytest

from govtool.register.load import load_register

REPORT = ("new", "source", "--type", "inspection_report", "--title", "CQC inspection report, October 2026",
          "--date", "14/10/2026", "--finding", "MAR charts had gaps.", "--level", "must")


def _source(register: Any, output: str) -> Any:
    return load_register(register.path).sources[output.strip().splitlines()[-1]]


def test_a_given_response_date_is_recorded(register: Any, cli: Any) -> None:
    result = cli(*REPORT, "--response-due", "11/11/2026", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert _source(register, result.stdout).response_due.isoformat() == "2026-11-11"


def test_without_a_terminal_the_usual_deadline_is_offered_with_where_it_comes_from(register: Any, cli: Any) -> None:
    result = cli(*REPORT, cwd=register.path)
    assert result.exit_code == 0, result.output
    source_id = result.stdout.strip().splitlines()[-1]
    assert ("note: no response_due recorded: CQC usually asks for it within 28 days; the requirement notice "
            "states the date that applies (2026-11-11 for this one); record it with "
            f"govtool edit {source_id} --response-due 2026-11-11 --reason ...") in result.stdout
    assert _source(register, result.stdout).response_due is None


def test_none_records_no_date_and_gives_no_advice(register: Any, cli: Any) -> None:
    result = cli(*REPORT, "--response-due", "none", cwd=register.path)
    assert "response_due" not in result.stdout
    assert _source(register, result.stdout).response_due is None


def test_a_terminal_offers_28_days_after_the_report_and_accepts_it(
    register: Any, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.new

    for module in (govtool.cli.ask, govtool.cli.commands.new):
        monkeypatch.setattr(module, "interactive", lambda: True)
    result = cli(*REPORT, cwd=register.path, input="01/10/2026\n\n")
    assert result.exit_code == 0, result.output
    assert "the action plan CQC asks for after a requirement notice" in result.stdout
    assert "[2026-11-11]" in result.stdout
    assert "is before the source's date" in result.stderr  # 1 October was refused and asked again
    assert _source(register, result.stdout).response_due.isoformat() == "2026-11-11"


def test_an_incident_is_offered_no_deadline(register: Any, cli: Any) -> None:
    result = cli("new", "source", "--type", "incident", "--title", "Fall in the lounge", "--date", "2026-05-02",
                 cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "response_due" not in result.stdout


def test_show_says_when_the_response_is_due(register: Any, cli: Any) -> None:
    created = cli(*REPORT, "--response-due", "2026-11-11", cwd=register.path)
    source_id = created.stdout.strip().splitlines()[-1]
    shown = cli("show", source_id, cwd=register.path)
    assert shown.exit_code == 0, shown.output
    assert "respond by:  2026-11-11 (" in shown.output
