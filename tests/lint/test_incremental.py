"""Lint that relints only what changed gives exactly a cold run's problems, whatever changed:
records edited, moved between sources, added, deleted or broken, the settings, the day,
evidence files appearing; and no forged or corrupt memo changes the answer."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtool.lint import engine
from govtool.lint.engine import lint_register
from tests.conftest import MINIMAL_SETTINGS, GitRepo
from tests.history.helpers import TODAY, action

ACTIONS = ("ACT-1", "ACT-2", "ACT-3", "ACT-4")
SOURCES = """\
id: SRC-1
type: audit
title: Medicines audit, January 2026
date: 2026-01-05
"""
INSPECTION = """\
id: SRC-2
type: inspection_report
title: CQC inspection, February 2026
date: 2026-02-05
response_due: 2026-12-01
findings:
  - {id: F1, text: MAR charts had gaps in recording, regulation: 12, key_question: safe}
  - {id: F2, text: Falls risk assessments out of date, regulation: 12, key_question: safe}
"""
RISK = """\
id: RSK-1
title: Harm because medicines audits are late
owner: jane.smith
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 2, consequence: 4}
controls:
  - {id: C1, description: Weekly audit of 10 records, effectiveness: partial}
  - {id: C2, description: Monthly pharmacist visit, effectiveness: effective}
"""
CLOSURE = {"date": "2026-03-02", "by": "sam.patel", "note": "Evidence checked"}
COMPLETION = {"date": "2026-03-01", "by": "jane.smith", "change": "MAR gaps fell from 12 to 0 in three audits"}
FIELDS: dict[str, list[Any]] = {
    "status": ["open", "in_progress", "cancelled", "completed"],
    "source": ["SRC-1", "SRC-2", "SRC-9"],
    "finding": [None, "F1", "F2", "F7"],
    "owner": ["jane.smith", "amy.jones", "Nursing team", "jane.smyth"],
    "title": ["Weekly audit of 10 MAR charts reported to the governance meeting", "Improve things",
              "Remind staff to sign MAR charts", "Retrain staff on MAR recording"],
    "due": ["2026-03-31", "2025-12-01", "2027-01-31"],
    "parent": [None, "ACT-1", "ACT-9"],
    "risk": [None, "RSK-1", "RSK-9"],
    "control": [None, "C1", "C2"],
}
#: where each action starts: two on the inspection's findings, one on a risk's control
START: dict[str, dict[str, Any]] = {
    "ACT-1": {"source": "SRC-2", "finding": "F1", "title": "Remind staff to sign MAR charts",
              "measure": {"target": "Fewer gaps in MAR charts"}},
    "ACT-2": {"source": "SRC-2", "finding": "F2", "risk": "RSK-1", "control": "C1", "status": "closed",
              "completion": COMPLETION, "closure": CLOSURE},
    "ACT-3": {"risk": "RSK-1", "control": "C2"},
    "ACT-4": {"source": "SRC-2", "finding": "F1", "title": "Retrain staff on MAR recording", "status": "in_progress",
              "measure": {"target": "Fewer gaps in MAR charts"}},
}
STEP = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(ACTIONS), st.sampled_from(sorted(FIELDS)), st.integers(0, 3)),
    st.tuples(st.just("set"), st.sampled_from(ACTIONS), st.sampled_from(sorted(FIELDS)), st.integers(0, 3)),
    st.tuples(st.sampled_from(["delete", "break", "evidence", "close"]), st.sampled_from(ACTIONS), st.just(""),
              st.just(0)),
    st.tuples(st.sampled_from(["settings", "tomorrow", "source", "risk"]), st.just(""), st.just(""), st.integers(0, 1)),
)


def problems(root: Path, today: dt.date, incremental: bool) -> list[tuple[Any, ...]]:
    result = lint_register(root, today, incremental=incremental)
    return [(p.rule, p.severity, p.path, p.line, p.record, p.message) for p in result.problems]


def start(root: Path) -> GitRepo:
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    repo.write("govtool.yaml", MINIMAL_SETTINGS)
    repo.write("sources/SRC-1.yaml", SOURCES)
    repo.write("sources/SRC-2.yaml", INSPECTION)
    repo.write("risks/RSK-1.yaml", RISK)
    for record_id, fields in START.items():
        repo.write(f"actions/{record_id}.yaml", action(record_id, **fields))
    repo.commit("Start the register", date="2026-01-05")
    return repo


def apply(repo: GitRepo, fields: dict[str, dict[str, Any]], step: tuple[str, str, str, int], today: dt.date) -> dt.date:
    what, record_id, name, choice = step
    root = repo.path
    path = root / "actions" / f"{record_id}.yaml"
    if what == "set":
        values = FIELDS[name]
        fields.setdefault(record_id, {})[name] = values[choice % len(values)]
        repo.write(f"actions/{record_id}.yaml", action(record_id, **fields[record_id]))
    elif what == "delete":
        path.unlink(missing_ok=True)
    elif what == "break":
        path.write_text("id: [unclosed\n", encoding="utf-8")
    elif what == "evidence":
        fields.setdefault(record_id, {}).update(
            status="completed",
            completion={"date": "2026-03-01", "by": "jane.smith", "change": "MAR gaps fell from 12 to 0",
                        "evidence": [{"path": "evidence/audit.pdf"}]})
        repo.write(f"actions/{record_id}.yaml", action(record_id, **fields[record_id]))
        evidence = root / "evidence" / "audit.pdf"
        if evidence.exists():
            evidence.unlink()
        else:
            repo.write("evidence/audit.pdf", "audit")
    elif what == "close":
        fields.setdefault(record_id, {}).update(status="closed", completion=COMPLETION, closure=CLOSURE)
        repo.write(f"actions/{record_id}.yaml", action(record_id, **fields[record_id]))
    elif what == "settings":
        repo.write("govtool.yaml", MINIMAL_SETTINGS if choice else MINIMAL_SETTINGS.replace("jane.smith", "jane.smith2"))
    elif what == "source":
        repo.write("sources/SRC-2.yaml", INSPECTION.replace("  - {id: F2", "  - {id: F3") if choice else INSPECTION)
    elif what == "risk":
        repo.write("risks/RSK-1.yaml", RISK.replace("  - {id: C2", "  - {id: C3") if choice else RISK)
    elif what == "tomorrow":
        return today + dt.timedelta(days=1)
    return today


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, min_size=1, max_size=6))
def test_relinting_what_changed_gives_the_cold_answer(steps: list[tuple[str, str, str, int]]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="govtool-incremental-"))
    try:
        repo = start(folder)
        today = TODAY
        fields = {record_id: dict(start_fields) for record_id, start_fields in START.items()}
        assert problems(folder, today, True) == problems(folder, today, False)
        for step in steps:
            today = apply(repo, fields, step, today)
            assert problems(folder, today, True) == problems(folder, today, False), step
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_one_edited_action_relints_only_what_it_links_to(tmp_path: Path) -> None:
    repo = start(tmp_path)
    repo.write("sources/SRC-3.yaml", SOURCES.replace("SRC-1", "SRC-3"))
    repo.write("actions/ACT-1.yaml", action("ACT-1", source="SRC-3"))
    lint_register(tmp_path, TODAY, incremental=True)
    assert engine.LAST_RUN == {"relinted": 8, "built": 8, "files": 8}  # the first run builds everything
    lint_register(tmp_path, TODAY, incremental=True)
    assert engine.LAST_RUN["built"] == 0
    repo.write("actions/ACT-1.yaml", action("ACT-1", source="SRC-3", title="Fix falls"))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert (engine.LAST_RUN["relinted"], engine.LAST_RUN["built"]) == (2, 2)  # ACT-1 and its source, not the other six


def memo_file(root: Path) -> Path:
    [found] = (root / ".git" / "govtool").glob("lint-memo-*.json")
    return found


def test_a_corrupt_or_forged_memo_never_changes_the_answer(tmp_path: Path) -> None:
    repo = start(tmp_path)
    repo.write("actions/ACT-2.yaml", action("ACT-2", owner="Nursing team", due="2025-12-01"))
    cold = problems(tmp_path, TODAY, False)
    assert cold and problems(tmp_path, TODAY, True) == cold
    memo = memo_file(tmp_path)
    good = memo.read_bytes()

    memo.write_bytes(good[: len(good) // 2])  # truncated
    assert problems(tmp_path, TODAY, True) == cold
    memo.write_bytes(b"not a memo at all")
    assert problems(tmp_path, TODAY, True) == cold
    # A well-formed memo whose entries were swapped between two files (each claiming the other's
    # problems) is used for neither: an entry counts only for the bytes it was made from.
    import json

    from govtool.cache.store import write_checked
    from govtool.lint.incremental import FORMAT, memo_version

    body = json.loads(good.partition(b"\n")[2])
    files = body["files"]
    files["actions/ACT-1.yaml"], files["actions/ACT-2.yaml"] = files["actions/ACT-2.yaml"], files["actions/ACT-1.yaml"]
    assert write_checked(memo, FORMAT, memo_version(), body)
    assert problems(tmp_path, TODAY, True) == cold
    # Reports of the wrong shape are ignored too.
    files["actions/ACT-1.yaml"][2] = [["overdue", "line one", None, "x", None]]
    assert write_checked(memo, FORMAT, memo_version(), body)
    assert problems(tmp_path, TODAY, True) == cold


def test_the_staged_lint_relints_what_changed_and_answers_as_a_cold_one(tmp_path: Path) -> None:
    repo = start(tmp_path)
    staged = lambda incremental: lint_register(tmp_path, TODAY, staged=True, incremental=incremental)  # noqa: E731
    first = staged(True)
    repo.write("actions/ACT-1.yaml", action("ACT-1", **{**START["ACT-1"], "status": "cancelled"}))
    repo.git("add", "actions/ACT-1.yaml")
    repo.write("actions/ACT-2.yaml", "id: [not staged\n")  # the working tree's draft is not linted
    again, cold = staged(True), staged(False)
    assert engine.LAST_RUN["relinted"] < engine.LAST_RUN["files"]
    assert again.problems == cold.problems != first.problems
