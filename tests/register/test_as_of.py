"""register_as_of: the register as it stood on a past day, from today's files alone.

Each case is a real register in a real repository; what the files say of the time before a
later entry (a re-date's ``from``, an edit's ``from``, the completion a reopening set aside)
gives the record back as it stood, and its lines stay those of today's file.
"""

from __future__ import annotations

import datetime as dt

from govtool.register.as_of import not_yet_reviewed, register_as_of
from govtool.register.load import load_register
from govtool.register.model import Register
from tests.conftest import GitRepo

DAY = dt.date(2026, 8, 31)
TODAY = dt.date(2026, 12, 1)

SOURCE = """\
id: SRC-1
type: audit
title: Medicines audit, June 2026
date: 2026-06-01
findings:
  - {id: F1, text: Three MAR charts had gaps in the June sample., key_question: safe}
edits:
  - {date: 2026-10-01, by: jane.smith, finding: F1, fields: [text], from: {text: Gaps in MAR charts.}, reason: Quote the report.}
"""


def _action(number: int, body: str, status: str = "open") -> str:
    return f"""\
id: ACT-{number}
title: Audit 20 MAR charts a week until 4 weeks in a row have no gaps
source: SRC-1
finding: F1
owner: jane.smith
created: 2026-06-02
due: 2026-09-30
status: {status}
{body}"""


def _load(repo: GitRepo, files: dict[str, str]) -> Register:
    for name, text in files.items():
        repo.write(name, text)
    repo.commit("records", date="2026-11-30")
    return load_register(repo.path)


def test_a_reopening_after_the_day_gives_back_what_it_set_aside(register: GitRepo) -> None:
    whole = _load(register, {"sources/SRC-1.yaml": SOURCE, "actions/ACT-1.yaml": _action(1, """\
reopened:
  - date: 2026-09-15
    by: jane.smith
    reason: The October audit found gaps again.
    completion:
      date: 2026-08-10
      by: jane.smith
      change: Four weekly audits found 0 gaps in 20 MAR charts.
    closure: {date: 2026-08-20, by: test.author, note: Checked at governance.}
completion:
  date: 2026-10-30
  by: jane.smith
  change: Eight weekly audits found 0 gaps in 20 MAR charts.
""", status="completed")})
    action = register_as_of(whole, DAY, TODAY).actions["ACT-1"]
    assert action.status == "closed" and action.reopenings == []
    assert action.completion is not None and action.completion.date == dt.date(2026, 8, 10)
    assert action.closed_on == dt.date(2026, 8, 20)
    # the completion's line is where the file holds it now: inside the reopening entry
    assert action.line("completion", "change") == whole.actions["ACT-1"].line("reopened", 0, "completion", "change")
    between = register_as_of(whole, dt.date(2026, 10, 1), TODAY).actions["ACT-1"]
    assert between.status == "in_progress" and between.completion is None and len(between.reopenings) == 1


def test_later_edits_evidence_cancellation_and_notes_are_undone(register: GitRepo) -> None:
    whole = _load(register, {"sources/SRC-1.yaml": SOURCE, "actions/ACT-2.yaml": _action(2, """\
measure:
  target: 0 gaps in 20 charts
  baseline: 3 gaps in 20 charts
updates:
  - {date: 2026-08-20, by: jane.smith, note: Two clean weeks so far.}
  - {date: 2026-09-20, by: jane.smith, note: Four clean weeks.}
edits:
  - {date: 2026-09-05, by: jane.smith, fields: [title, measure.baseline, owner], from: {title: Audit MAR charts, owner: sam.patel}, reason: Clearer.}
cancellation: {date: 2026-10-01, by: jane.smith, reason: Merged into ACT-9.}
""", status="cancelled"), "actions/ACT-3.yaml": _action(3, """\
updates:
  - {date: 2026-09-02, by: jane.smith, note: Started.}
""", status="in_progress"), "actions/ACT-4.yaml": _action(4, """\
completion:
  date: 2026-08-15
  by: jane.smith
  change: Four weekly audits found 0 gaps in 20 MAR charts.
  evidence:
    - {url: https://example.org/july, description: July audits}
    - {url: https://example.org/oct, description: October audits, added: 2026-10-02, by: jane.smith}
""", status="completed")})
    cut = register_as_of(whole, DAY, TODAY)
    two = cut.actions["ACT-2"]
    assert two.status == "in_progress" and two.cancellation is None
    assert [u.note for u in two.updates] == ["Two clean weeks so far."] and two.edits == []
    assert (two.title, two.owner) == ("Audit MAR charts", "sam.patel")
    assert two.measure is not None and two.measure.baseline is None  # empty before the edit
    assert two.line("updates", 0) == whole.actions["ACT-2"].line("updates", 0)
    assert two.line("status") == whole.actions["ACT-2"].line("status")
    assert cut.actions["ACT-3"].status == "open" and cut.actions["ACT-3"].updates == []
    four = cut.actions["ACT-4"]
    assert four.status == "completed" and four.completion is not None
    assert [e.url for e in four.completion.evidence] == ["https://example.org/july"]
    finding = cut.sources["SRC-1"].findings[0]
    assert finding.text == "Gaps in MAR charts." and cut.sources["SRC-1"].edits == []
    # the files' own register is untouched, and a day from today on gives it back as it is
    assert whole.actions["ACT-2"].status == "cancelled" and whole.sources["SRC-1"].findings[0].text.startswith("Three")
    assert register_as_of(whole, TODAY, TODAY) is whole
    assert register_as_of(whole, dt.date(2099, 1, 1), TODAY) is whole


def test_records_dated_after_the_day_are_left_out_with_what_answers_them(register: GitRepo) -> None:
    later_source = SOURCE.replace("SRC-1", "SRC-2").replace("2026-06-01", "2026-09-10")
    whole = _load(register, {
        "sources/SRC-1.yaml": SOURCE, "sources/SRC-2.yaml": later_source,
        "actions/ACT-5.yaml": _action(5, "").replace("source: SRC-1", "source: SRC-2"),
        "actions/ACT-6.yaml": _action(6, "").replace("created: 2026-06-02", "created: 2026-09-01"),
        "actions/ACT-7.yaml": _action(7, ""),
    })
    cut = register_as_of(whole, DAY, TODAY)
    assert sorted(cut.sources) == ["SRC-1"] and sorted(cut.actions) == ["ACT-7"]
    assert [a.id for a in cut.sources["SRC-1"].actions] == ["ACT-7"]
    assert cut.as_filed is whole and cut.as_of == DAY


def test_a_risk_has_the_score_of_its_last_review_by_the_day(register: GitRepo) -> None:
    risk = """\
id: RSK-1
title: Medicines omitted because MAR charts have gaps, harming residents
owner: jane.smith
created: 2026-06-01
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 2, consequence: 3}
reviews:
  - {date: 2026-07-01, by: jane.smith, likelihood: 3, consequence: 4, note: Gaps found in June.}
  - {date: 2026-10-01, by: jane.smith, likelihood: 2, consequence: 3, note: Audits clean since August.}
"""
    whole = _load(register, {"risks/RSK-1.yaml": risk})
    cut = register_as_of(whole, DAY, TODAY).risks["RSK-1"]
    assert (cut.residual.likelihood, cut.residual.consequence) == (3, 4) and len(cut.reviews) == 1
    before = register_as_of(whole, dt.date(2026, 6, 15), TODAY).risks["RSK-1"]
    assert before.reviews == [] and before.residual.value is None  # its first score is not in the files


def test_fields_an_edit_added_after_the_day_are_not_there_on_the_day(register: GitRepo) -> None:
    # ACT-8 had no measure, description or priority: one edit after the day added them all (its
    # ``from`` names none of them). ACT-9 had a target: the edit added its baseline and method.
    added = """\
edits:
  - {date: 2026-10-05, by: jane.smith, fields: [description, priority, measure.target, measure.method], reason: Agreed at governance.}
"""
    whole = _load(register, {"sources/SRC-1.yaml": SOURCE, "actions/ACT-8.yaml": _action(8, """\
description: Night shifts only.
priority: high
measure:
  target: 0 gaps in 20 charts
  method: Deputy manager audits 20 charts weekly
""" + added), "actions/ACT-9.yaml": _action(9, """\
measure:
  target: 0 gaps in 20 charts
  baseline: 3 gaps in 20 charts
  method: Deputy manager audits 20 charts weekly
edits:
  - {date: 2026-10-05, by: jane.smith, fields: [measure.baseline, measure.method], reason: Agreed at governance.}
"""), "actions/ACT-10.yaml": _action(10, "")})
    cut = register_as_of(whole, DAY, TODAY)
    eight, never = cut.actions["ACT-8"], cut.actions["ACT-10"]
    assert (eight.measure, eight.description, eight.priority) == (None, None, None)
    assert set(eight.data) == set(never.data)  # as for an action that never had them: no empty measure
    nine = cut.actions["ACT-9"]
    assert nine.measure is not None and (nine.measure.target, nine.measure.baseline, nine.measure.method) == (
        "0 gaps in 20 charts", None, None)
    assert nine.line("measure", "target") == whole.actions["ACT-9"].line("measure", "target")
    # on the day of the edit and after, the files stand as they are
    on_the_day = register_as_of(whole, dt.date(2026, 10, 5), TODAY).actions["ACT-8"]
    assert on_the_day.measure is not None and on_the_day.measure.method == "Deputy manager audits 20 charts weekly"


RAISED_THEN_REVIEWED = """\
id: RSK-2
title: Residents fall at night because sensor mats are not switched on
owner: jane.smith
created: 2026-06-01
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 2, consequence: 3}
reviews:
  - date: 2026-10-01
    by: jane.smith
    from: {likelihood: 3, consequence: 4}
    likelihood: 2
    consequence: 3
    note: Mats checked at every round since August.
"""


def test_a_risk_reviewed_only_later_has_the_score_it_was_raised_with(register: GitRepo) -> None:
    # the first review records the residual score it replaced: the one the risk was raised with
    whole = _load(register, {"risks/RSK-2.yaml": RAISED_THEN_REVIEWED})
    cut = register_as_of(whole, DAY, TODAY)
    risk = cut.risks["RSK-2"]
    assert (risk.residual.likelihood, risk.residual.consequence) == (3, 4) and risk.reviews == []
    assert risk.line("residual") == 10  # where the files give that score: the review's ``from``
    assert not not_yet_reviewed(cut, risk)


def test_a_risk_whose_later_review_records_no_score_before_it_is_not_yet_reviewed(register: GitRepo) -> None:
    whole = _load(register, {"risks/RSK-2.yaml": RAISED_THEN_REVIEWED.replace(
        "    from: {likelihood: 3, consequence: 4}\n", "")})
    cut = register_as_of(whole, DAY, TODAY)
    assert cut.risks["RSK-2"].residual.value is None and not_yet_reviewed(cut, cut.risks["RSK-2"])
    assert not not_yet_reviewed(whole, whole.risks["RSK-2"])  # today: reviewed, scored
