"""Evidence kept outside the register (a file in the user's Documents folder): offered to copy in
at a terminal, refused in one line in a script unless --copy-evidence says to copy it, never
written over a file already in evidence/, and said once to stay in the register's history."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.cli.test_cli_errors import refused, snapshot

CHANGE = "MAR charts 99% complete in three weekly audits of 20 charts (was 82%)"
WARNING = "stay in the register's history for good"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is a terminal (CliRunner's is not), as in test_guided."""
    import govtool.cli.ask
    import govtool.cli.commands.lifecycle
    import govtool.cli.options

    for module in (govtool.cli.ask, govtool.cli.commands.lifecycle, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    """Aisha's Documents folder, outside the register, with a spot check whose name has a space."""
    folder = tmp_path / "home" / "Documents"
    folder.mkdir(parents=True)
    (folder / "spot check.xlsx").write_bytes(b"PK\x03\x04 spot check, week 1-3")
    return folder


def _answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def _typed(plan: Any, *args: str, answers: str) -> Any:
    """The real CLI, in the register, with ``answers`` typed at its prompts."""
    return plan.cli(*args, cwd=plan.root, input=answers)


def _month() -> str:
    return f"{dt.date.today():%Y-%m}"


def _evidence(plan: Any, action: str | None = None) -> list[dict[str, Any]]:
    return yaml.safe_load(plan.action_text(action))["completion"]["evidence"]


def test_at_a_terminal_a_file_outside_is_copied_in_when_agreed_and_the_change_typed_is_kept(
        plan: Any, documents: Path, terminal: None) -> None:
    """Aisha types the change, then drags her spot check onto the terminal (quoted, with a
    space): she is told once what Git keeps, asked whether to copy it in, and it is recorded."""
    original = documents / "spot check.xlsx"
    result = _typed(plan, "complete", plan.action, "--by", "jane.smith", answers=_answers(
        CHANGE, f'"{original}"', "y", ""))
    assert result.exit_code == 0, result.output
    name = f"evidence/{_month()}-spot-check.xlsx"
    assert f"is outside the register: copy it in as {name}?" in result.output
    assert result.stderr.count(WARNING) == 1
    assert (plan.root / name).read_bytes() == original.read_bytes()
    assert original.exists()  # the original stays where it was
    assert _evidence(plan) == [{"path": name, "description": "spot check.xlsx"}]
    assert yaml.safe_load(plan.action_text())["completion"]["change"] == CHANGE
    assert f"copied spot check.xlsx into {name}" in result.stdout


def test_a_wrong_evidence_answer_is_asked_again_and_the_change_is_kept(plan: Any, terminal: None) -> None:
    result = _typed(plan, "complete", plan.action, "--by", "jane.smith", answers=_answers(
        CHANGE, "evidence/missing.pdf", "https://intranet.example/audits/mar", ""))
    assert result.exit_code == 0, result.output
    assert "evidence file not found: evidence/missing.pdf" in result.stderr
    data = yaml.safe_load(plan.action_text())["completion"]
    assert data["change"] == CHANGE
    assert data["evidence"][0]["url"] == "https://intranet.example/audits/mar"


def test_a_copy_declined_at_the_prompt_asks_for_the_evidence_again(plan: Any, documents: Path, terminal: None) -> None:
    result = _typed(plan, "complete", plan.action, "--by", "jane.smith", answers=_answers(
        CHANGE, str(documents / "spot check.xlsx"), "n", "https://intranet.example/audits/mar", ""))
    assert result.exit_code == 0, result.output
    assert "not copied: give a file in the register or a web address" in result.stderr
    assert not (plan.root / "evidence").exists()
    assert _evidence(plan)[0]["url"] == "https://intranet.example/audits/mar"


def test_evidence_given_as_an_option_is_checked_before_the_change_is_asked(plan: Any, terminal: None) -> None:
    """A path that cannot be evidence is refused before anything is typed, not after."""
    result = _typed(plan, "complete", plan.action, "--evidence", "evidence/missing.pdf", answers=_answers(CHANGE))
    assert result.exit_code == 2
    assert "What is now different" not in result.output
    assert "evidence file not found: evidence/missing.pdf" in result.stderr


def test_a_copy_never_replaces_a_file_already_in_evidence(plan: Any, documents: Path, terminal: None) -> None:
    taken = plan.root / "evidence" / f"{_month()}-spot-check.xlsx"
    taken.parent.mkdir()
    taken.write_bytes(b"last month's spot check")
    result = _typed(plan, "complete", plan.action, "--by", "jane.smith",
                    "--evidence", str(documents / "spot check.xlsx"), answers=_answers("y", CHANGE, ""))
    assert result.exit_code == 0, result.output
    name = f"evidence/{_month()}-spot-check-2.xlsx"
    assert f"copy it in as {name}?" in result.output
    assert taken.read_bytes() == b"last month's spot check"
    assert (plan.root / name).read_bytes() == (documents / "spot check.xlsx").read_bytes()
    assert _evidence(plan)[0]["path"] == name


def test_in_a_script_a_file_outside_is_refused_naming_the_option_that_copies_it(plan: Any, documents: Path) -> None:
    original = documents / "spot check.xlsx"
    line = refused(plan, "complete", plan.action, "--change", CHANGE, "--evidence", str(original), "--by", "jane.smith",
                   message="outside the register: add --copy-evidence to copy it into evidence/")
    assert str(original) in line
    assert not (plan.root / "evidence").exists()


def test_in_a_script_copy_evidence_copies_each_file_under_its_own_name_and_commits_it(
        plan: Any, documents: Path, tmp_path: Path) -> None:
    other = tmp_path / "Desktop" / "spot check.xlsx"  # the same name, from another folder
    other.parent.mkdir()
    other.write_bytes(b"the night shift's spot check")
    result = plan.run("complete", plan.action, "--change", CHANGE, "--by", "jane.smith", "--copy-evidence", "--commit",
                      "--evidence", str(documents / "spot check.xlsx"), "--evidence", f"'{other}' ")
    assert result.exit_code == 0, result.output
    names = [f"evidence/{_month()}-spot-check.xlsx", f"evidence/{_month()}-spot-check-2.xlsx"]
    assert [item["path"] for item in _evidence(plan)] == names
    assert (plan.root / names[1]).read_bytes() == b"the night shift's spot check"
    assert result.stdout.count(WARNING) == 1  # said once, not for each file (a note of the output)
    assert plan.repo.git("status", "--porcelain") == ""  # the copies went into the completion's commit
    assert set(plan.repo.git("show", "--name-only", "--format=", "HEAD").splitlines()) == {
        f"actions/{plan.action}.yaml", *names}


def test_a_completion_refused_after_the_copy_leaves_nothing_behind(plan: Any, documents: Path) -> None:
    """The copy is made just before the action is saved: a refusal then takes it away again."""
    refused(plan, "complete", plan.action, "--change", "Training delivered to all night staff", "--by", "jane.smith",
            "--copy-evidence", "--evidence", str(documents / "spot check.xlsx"),
            message="completion-without-change")
    assert not any((plan.root / "evidence").iterdir())


def test_evidence_added_later_to_a_completed_action_is_copied_in_too(plan: Any, documents: Path) -> None:
    first = plan.run("complete", plan.action, "--change", CHANGE, "--by", "jane.smith",
                     "--evidence", "https://intranet.example/audits/mar")
    assert first.exit_code == 0, first.output
    result = plan.run("complete", plan.action, "--by", "jane.smith", "--copy-evidence",
                      "--evidence", str(documents / "spot check.xlsx"))
    assert result.exit_code == 0, result.output
    assert _evidence(plan)[1]["path"] == f"evidence/{_month()}-spot-check.xlsx"


def test_a_link_in_the_register_that_leads_out_is_never_copied(plan: Any, documents: Path, terminal: None) -> None:
    """A symbolic link planted in the register is not a file the user named: refused, not offered."""
    (plan.root / "evidence").mkdir()
    os.symlink(documents / "spot check.xlsx", plan.root / "evidence" / "audit.xlsx")
    before = snapshot(plan.root)
    result = plan.run("complete", plan.action, "--change", CHANGE, "--by", "jane.smith", "--copy-evidence",
                      "--evidence", "evidence/audit.xlsx")
    assert result.exit_code == 2
    assert "outside the register: copy it into the register" in result.stderr
    assert "copy it in as" not in result.output
    assert snapshot(plan.root) == before


def test_a_macos_dropped_path_with_escaped_spaces_is_understood(plan: Any, documents: Path) -> None:
    escaped = str(documents / "spot check.xlsx").replace(" ", "\\ ")
    result = plan.run("complete", plan.action, "--change", CHANGE, "--by", "jane.smith", "--copy-evidence",
                      "--evidence", escaped)
    assert result.exit_code == 0, result.output
    assert _evidence(plan)[0]["path"] == f"evidence/{_month()}-spot-check.xlsx"


def test_committing_a_new_file_from_the_register_says_once_what_git_keeps(plan: Any) -> None:
    (plan.root / "evidence").mkdir()
    (plan.root / "evidence" / "mar-audit.csv").write_text("week,complete\n1,98\n")
    result = plan.run("complete", plan.action, "--change", CHANGE, "--by", "jane.smith", "--commit",
                      "--evidence", "evidence/mar-audit.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.count(WARNING) == 1
    again = plan.run("complete", plan.action, "--by", "jane.smith", "--commit", "--evidence", "evidence/mar-audit.csv",
                     "--evidence", "https://intranet.example/audits/mar")
    assert WARNING not in again.output  # committed already: nothing new goes into the history


def test_a_pasted_windows_path_loses_its_quotes_and_keeps_its_backslashes() -> None:
    from govtool.register.evidence import unquoted

    assert unquoted('"C:\\Users\\Aisha\\Documents\\spot check.xlsx"') == "C:\\Users\\Aisha\\Documents\\spot check.xlsx"
    assert unquoted("  '/home/aisha/spot check.xlsx' ") == "/home/aisha/spot check.xlsx"
    assert unquoted('"it\'s.pdf') == '"it\'s.pdf'  # an unmatched quote is part of the name


def test_copy_names_follow_the_evidence_convention(tmp_path: Path) -> None:
    from govtool.register.evidence import copy_name

    day = dt.date(2026, 11, 20)
    assert copy_name(tmp_path, Path("Spot Check (Oak unit).XLSX"), day) == "evidence/2026-11-spot-check-oak-unit.xlsx"
    assert copy_name(tmp_path, Path("2026-10 falls audit.pdf"), day) == "evidence/2026-10-falls-audit.pdf"
    assert copy_name(tmp_path, Path("???.pdf"), day) == "evidence/2026-11-evidence.pdf"
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "2026-11-MAR.csv").write_text("")
    assert copy_name(tmp_path, Path("mar.csv"), day) == "evidence/2026-11-mar-2.csv"  # not even by case
    assert copy_name(tmp_path, Path("mar.csv"), day, ["evidence/2026-11-mar-2.csv"]) == "evidence/2026-11-mar-3.csv"
