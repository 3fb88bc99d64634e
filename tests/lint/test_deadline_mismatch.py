"""deadline-mismatch on real register files: every way a UK plan writes its deadline, the rule's
settings, and a hostile title that costs no more than its first 2,000 characters.

The plain cases (an imported title, a re-dated action, month precision, closed actions, no date)
are in tests/lint/cases/deadline-mismatch.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import govtool.register.stated_deadline as stated_module
from govtool.lint.engine import lint_register
from govtool.lint.rule import Problem
from govtool.register.stated_deadline import READ_CHARACTERS
from tests.lint.casebuild import DEFAULT_TODAY, Case, build

RULE = "deadline-mismatch"
TITLE = "Add a signed consent section to every care plan, checked in a monthly audit of 10 plans"


def _action(title: str, due: str, status: str = "open") -> str:
    return (
        "id: ACT-BASE2\n"
        f"title: {title}\n"
        "source: SRC-BASE\nfinding: F2\nowner: sam.patel\ncreated: 2026-03-10\n"
        f"due: {due}\nstatus: {status}\n"
        "measure:\n  target: 100% of 10 sampled care plans have a signed consent section\n"
    )


def _lint(tmp_path: Path, files: dict[str, Any]) -> list[Problem]:
    case = Case(rule=RULE, name="", expect="", files=files, today=DEFAULT_TODAY)
    root = build(case, tmp_path / "register")
    result = lint_register(root, today=DEFAULT_TODAY)
    assert not [p.message for p in result.problems if p.rule == "internal-error"]
    return [p for p in result.problems if p.rule == RULE]


#: Each way of writing 31 January 2027 (a day) that the rule reads.
DAY_FORMS = [
    "by 31 January 2027", "by 31 Jan 2027", "by 31/01/2027", "by 31/01/27", "by 31.01.2027",
    "by 2027-01-31", "by 31st January 2027", "by Sunday 31 January 2027", "by 31-Jan-2027",
    "before 1 February 2027", "no later than 31 January 2027", "deadline 31/01/2027", "due 31 Jan 2027",
    "due by 31 January 2027",
]


@pytest.mark.parametrize("words", DAY_FORMS)
def test_each_way_of_writing_a_day_is_held_to_the_due_date(words: str, tmp_path: Path) -> None:
    found = _lint(tmp_path / "late", {"actions/ACT-BASE2.yaml": _action(f"{TITLE} {words}", "2026-12-18")})
    assert len(found) == 1, found
    assert (found[0].line, found[0].severity) == (2, "warning")
    assert found[0].message.startswith(f"the title says '{words}' but the due date is 18 December 2026: make them agree")
    assert "govtool redate ACT-BASE2 --to 2027-01-31" in found[0].message
    assert _lint(tmp_path / "kept", {"actions/ACT-BASE2.yaml": _action(f"{TITLE} {words}", "2027-01-31")}) == []


MONTH_FORMS = ["by January 2027", "by Jan 2027", "by end of January 2027", "by the end of January 2027",
               "by end January 2027", "due in January 2027"]


@pytest.mark.parametrize("words", MONTH_FORMS)
def test_a_month_is_kept_by_any_due_date_up_to_its_last_day(words: str, tmp_path: Path) -> None:
    for due in ("2026-12-18", "2027-01-01", "2027-01-31"):
        assert _lint(tmp_path / due, {"actions/ACT-BASE2.yaml": _action(f"{TITLE} {words}", due)}) == [], due
    [late] = _lint(tmp_path / "late", {"actions/ACT-BASE2.yaml": _action(f"{TITLE} {words}", "2027-02-01")})
    assert late.message.startswith(f"the title says '{words}' but the due date is 1 February 2027")
    assert "--to 2027-01-31" in late.message


def test_before_a_month_means_before_it_starts(tmp_path: Path) -> None:
    title = f"{TITLE} before January 2027"
    assert _lint(tmp_path / "kept", {"actions/ACT-BASE2.yaml": _action(title, "2026-12-31")}) == []
    [late] = _lint(tmp_path / "late", {"actions/ACT-BASE2.yaml": _action(title, "2027-01-15")})
    assert "--to 2026-12-31" in late.message


@pytest.mark.parametrize("words", ["by 31 January", "by the end of March", "by Q1 2027", "by 2027",
                                   "by 31/02/2027", "by 12/31/2027", "due to the January 2027 inspection"])
def test_words_that_name_no_day_are_not_read(words: str, tmp_path: Path) -> None:
    assert _lint(tmp_path, {"actions/ACT-BASE2.yaml": _action(f"{TITLE} {words}", "2026-12-18")}) == []


@pytest.mark.parametrize("status", ["completed", "cancelled"])
def test_only_open_and_in_progress_actions_are_judged(status: str, tmp_path: Path) -> None:
    title = f"{TITLE} by 31 January 2027"
    text = _action(title, "2026-10-30", status)
    if status == "completed":
        text += ("completion:\n  date: 2026-11-02\n  by: sam.patel\n"
                 "  change: 10 of 10 sampled care plans now have a signed consent section (4 of 10 in March)\n"
                 "  evidence:\n    - url: https://docs.example.org/audit\n      description: November audit\n")
    else:
        text += "cancellation:\n  date: 2026-11-02\n  by: jane.smith\n  reason: Replaced by the new care plan software's own consent form\n"
    assert _lint(tmp_path / "settled", {"actions/ACT-BASE2.yaml": text}) == []
    assert _lint(tmp_path / "in-progress", {"actions/ACT-BASE2.yaml": _action(title, "2026-12-18", "in_progress")})


def test_a_passed_date_is_mended_in_the_title_not_by_a_redate_into_the_past(tmp_path: Path) -> None:
    [found] = _lint(tmp_path, {"actions/ACT-BASE2.yaml": _action(f"{TITLE} by 30 October 2026", "2026-12-18")})
    assert found.message == ("the title says 'by 30 October 2026' but the due date is 18 December 2026: make them "
                             'agree (edit the title: govtool edit ACT-BASE2 --title "..." --reason "...")')


def test_the_latest_of_several_deadlines_is_the_actions(tmp_path: Path) -> None:
    title = f"{TITLE}: order the forms by 31 December 2026 and audit 10 plans by 31 January 2027"
    assert _lint(tmp_path / "kept", {"actions/ACT-BASE2.yaml": _action(f'"{title}"', "2027-01-31")}) == []
    assert _lint(tmp_path / "late", {"actions/ACT-BASE2.yaml": _action(f'"{title}"', "2026-12-31")})


def test_the_rule_is_selected_and_regraded_like_the_others(tmp_path: Path) -> None:
    files: dict[str, Any] = {"actions/ACT-BASE2.yaml": _action(f"{TITLE} by 31 January 2027", "2026-12-18")}
    case = Case(rule=RULE, name="", expect="", files=files, today=DEFAULT_TODAY)
    root = build(case, tmp_path / "register")
    settings = root / "govtool.yaml"
    base = settings.read_text("utf-8")
    settings.write_text(base + "lint:\n  severity:\n    deadline-mismatch: error\n", "utf-8")
    [found] = [p for p in lint_register(root, today=DEFAULT_TODAY).problems if p.rule == RULE]
    assert found.severity == "error"
    settings.write_text(base + "lint:\n  ignore: [GT220]\n", "utf-8")
    assert not [p for p in lint_register(root, today=DEFAULT_TODAY).problems if p.rule == RULE]


def _counting_reader(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = stated_module.read_typed_date

    def counted(typed: str) -> Any:
        read.append(typed)
        return real(typed)

    monkeypatch.setattr(stated_module, "read_typed_date", counted)
    return read


@pytest.mark.parametrize(("unit", "stated"), [
    ("by 31 January 2027 ", "by 31 January 2027"), ("by 1/1/27 ", "by 1/1/27"), ("by by by 9 ", None),
    ("due " + " " * 40, None), ("31 Jan 2027 ", None),
])
def test_a_hostile_title_of_a_mebibyte_costs_its_head(unit: str, stated: str | None, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A title just under the 1 MiB file limit is read for its first READ_CHARACTERS only:
    at most one date is read per deadline phrase in that head."""
    read = _counting_reader(monkeypatch)
    title = "Fire risk assessment actions " + unit * ((1_000_000 - 100) // len(unit))
    text = _action(f'"{title.strip()}"', "2026-12-18")
    assert 1_000_000 < len(text.encode()) < 1 << 20
    found = _lint(tmp_path, {"actions/ACT-BASE2.yaml": text})
    assert len(read) <= READ_CHARACTERS // len("by 1/1/27") <= 2_000 // 9, len(read)
    assert all(len(typed) < 40 for typed in read)
    assert [p.message.split(" but ")[0] for p in found] == ([f"the title says '{stated}'"] if stated else [])


def test_today_does_not_matter_to_an_agreeing_plan(tmp_path: Path) -> None:
    """The rule compares two dates the plan gives: an action that agrees is silent on any day."""
    case = Case(rule=RULE, name="", expect="", today=DEFAULT_TODAY,
                files={"actions/ACT-BASE2.yaml": _action(f"{TITLE} by 31 January 2027", "2027-01-31")})
    root = build(case, tmp_path / "register")
    for today in (dt.date(2026, 3, 10), dt.date(2027, 6, 1)):
        assert not [p for p in lint_register(root, today=today).problems if p.rule == RULE]
