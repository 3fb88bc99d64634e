"""Lint's answer never depends on its caches: random histories (deletions and restores,
fields dropped and brought back, unreadable versions, side branches merged back), linted from
scratch and incrementally after random steps, give exactly the same problems."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govtool.lint.history_rules import lint_history, run_history_rules
from govtool.register.load import load_register
from tests.conftest import MINIMAL_SETTINGS, GitRepo
from tests.history.helpers import SOURCE, TODAY, action, note, redate

RECORDS = ("ACT-1", "ACT-2")
DUES = ("2026-03-31", "2026-04-30", "2026-05-31")
STATUSES = ("open", "in_progress", "completed")

#: one step of a history: (what, which record, a choice that picks the value)
STEP = st.tuples(
    st.sampled_from(["move", "move-recorded", "drop-due", "drop-status", "status", "note", "edit-note",
                     "delete", "restore", "restore-edited", "break", "side-branch"]),
    st.sampled_from(RECORDS),
    st.integers(0, 2),
    st.booleans(),  # lint (with its caches) after this step
)


class Plan:
    """The repository and what each record holds now (None: no file)."""

    def __init__(self, repo: GitRepo):
        self.repo = repo
        self.fields: dict[str, dict[str, Any] | None] = {r: {"due": DUES[0], "status": "open", "updates": [], "redates": []} for r in RECORDS}
        self.deleted: dict[str, dict[str, Any]] = {}
        self.day = 1

    def date(self) -> str:
        self.day += 1
        return f"2026-02-{self.day:02d}" if self.day <= 28 else f"2026-03-{self.day - 28:02d}"

    def write(self, record: str) -> None:
        fields = self.fields[record]
        path = self.repo.path / "actions" / f"{record}.yaml"
        path.parent.mkdir(exist_ok=True)
        if fields is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(action(record, **fields), encoding="utf-8")

    def apply(self, what: str, record: str, choice: int) -> None:
        fields = self.fields[record]
        day = self.date()
        if what.startswith("restore"):
            if fields is not None or record not in self.deleted:
                return
            fields = self.fields[record] = dict(self.deleted.pop(record))
            if what == "restore-edited":
                fields["due"] = DUES[choice]
        elif fields is None:
            return
        elif what == "move":
            fields["due"] = DUES[choice]
        elif what == "move-recorded":
            old = fields.get("due") or DUES[0]
            fields["redates"] = [*fields["redates"], redate(day, old, DUES[choice])]
            fields["due"] = DUES[choice]
        elif what == "drop-due":
            fields["due"] = None
        elif what == "drop-status":
            fields["status"] = None
        elif what == "status":
            fields["status"] = STATUSES[choice]
        elif what == "note":
            fields["updates"] = [*fields["updates"], note(day, f"Note {self.day}")]
        elif what == "edit-note" and fields["updates"]:
            fields["updates"] = [note(day, "Rewritten"), *fields["updates"][1:]]
        elif what == "delete":
            self.deleted[record] = dict(fields)
            self.fields[record] = None
        elif what == "break":
            (self.repo.path / "actions" / f"{record}.yaml").write_text(f"id: {record}\ndue: [broken\n", "utf-8")
            self.repo.commit(f"{what} {record}", date=day)
            return
        elif what == "side-branch":
            self._side_branch(record, choice, day)
            return
        self.write(record)
        self.repo.commit(f"{what} {record}", date=day)

    def _side_branch(self, record: str, choice: int, day: str) -> None:
        """A branch that moves the date silently, merged back after a note on main."""
        repo = self.repo
        repo.git("checkout", "-q", "-b", f"side-{self.day}")
        fields = self.fields[record]
        assert fields is not None
        side = dict(fields, due=DUES[choice])
        (repo.path / "actions" / f"{record}.yaml").write_text(action(record, **side), encoding="utf-8")
        repo.commit("side", date=day)
        repo.git("checkout", "-q", "main")
        other = RECORDS[1 - RECORDS.index(record)]
        if self.fields[other] is not None:
            self.fields[other]["updates"] = [*self.fields[other]["updates"], note(day, "On main")]  # type: ignore[index]
            self.write(other)
            repo.commit("main", date=day)
        repo.git("merge", "-q", "--no-edit", f"side-{self.day}", date=day)
        fields.update(side)


def problems(root: Path, use_cache: bool) -> list[tuple[str, str | None, str]]:
    register = load_register(root, use_cache=use_cache)
    history = lint_history(register, None, use_cache=use_cache)
    found = run_history_rules(register, history, TODAY)
    return sorted((rule, report.record, report.message) for rule, report in found)


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(STEP, min_size=2, max_size=7))
@example([("break", "ACT-1", 0, True), ("move", "ACT-1", 2, False)])  # the warm-cache miss
@example([("delete", "ACT-1", 0, True), ("restore-edited", "ACT-1", 1, False)])
@example([("drop-due", "ACT-2", 0, True), ("move", "ACT-2", 2, True), ("side-branch", "ACT-2", 1, False)])
def test_incremental_lint_finds_what_a_cold_lint_finds(steps: list[tuple[str, str, int, bool]]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="govtool-detours-"))
    try:
        repo = GitRepo(folder)
        repo.git("init", "-q", "-b", "main")
        repo.write("govtool.yaml", MINIMAL_SETTINGS)
        repo.write("sources/SRC-1.yaml", SOURCE)
        plan = Plan(repo)
        for record in RECORDS:
            plan.write(record)
        repo.commit("Start", date="2026-02-01")
        for what, record, choice, lint_now in steps:
            plan.apply(what, record, choice)
            if lint_now:
                problems(folder, use_cache=True)
        warm = problems(folder, use_cache=True)
        shutil.rmtree(folder / ".git" / "govtool", ignore_errors=True)
        assert warm == problems(folder, use_cache=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
