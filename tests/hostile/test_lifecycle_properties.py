"""Property tests: any sequence of valid commands keeps every file valid, every trail
append-only and every hand-written comment; a write that fails part-way loses nothing.

Commands run in-process through click on a register in a temporary folder, with text drawn
from a realistic alphabet that includes unicode and the characters YAML treats specially.
The budget is small (25 examples, derandomised) so the suite stays fast and repeatable; set
HYPOTHESIS_PROFILE=hostile-long for a deeper run.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtool.cli import main
from govtool.register.load import load_register
from govtool.register.yamlload import load_yaml

settings.register_profile(
    "hostile", max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("hostile-long", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "hostile")
if PROFILE not in ("hostile", "hostile-long"):
    PROFILE = "hostile"

SETTINGS = """\
# Settings written by hand: this comment must survive
provider: Willowbrook Care Ltd
people:
  jane.smith: {name: Jane Smith, role: Registered Manager}
  sam.patel: {name: Sam Patel, role: Deputy Manager}
"""
RISK = """\
# Hand-written risk comment
id: RSK-FALLS
title: Falls on the stairs at night  # end-of-line comment
owner: jane.smith
inherent: {likelihood: 4, consequence: 4}
residual: {likelihood: 3, consequence: 4}
controls:
  - {id: C1, description: Night checks every 2 hours, effectiveness: partial}
"""
COMMENTS = ("# Hand-written note at the top: keep me", "# keep me too (between fields)")

YAML_SPECIAL = ": # - ' \" & * ! | > % @ ` { } [ ] , ?"
text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(YAML_SPECIAL.replace(" ", "")) + [" ", "é", "ü", "日", "本", "🏥", "—", "’", "\u00a0"]),
        st.characters(min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")
dates = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2031, 12, 31))
who = st.sampled_from(["jane.smith", "sam.patel"])


def _date_text(day: dt.date, uk: bool) -> str:
    return day.strftime("%d/%m/%Y") if uk else day.isoformat()


steps = st.one_of(
    st.tuples(st.just("update"), text, st.one_of(st.none(), st.tuples(text, dates)), who),
    st.tuples(st.just("redate"), dates, st.booleans(), text, who),
    st.tuples(st.just("complete"), text, who),
    st.tuples(st.just("close"), text, who),
    st.tuples(st.just("cancel"), text, who),
    st.tuples(st.just("review"), st.integers(1, 5), st.integers(1, 5), text, who),
    st.tuples(st.just("new-action"), text, dates, who),
)


class Register:
    """A register in a temporary folder, driven through the real CLI."""

    def __init__(self, root: Path):
        self.root = root
        self.runner = CliRunner()
        (root / "govtool.yaml").write_text(SETTINGS, encoding="utf-8")
        for folder in ("actions", "sources", "risks", "evidence"):
            (root / folder).mkdir()
        (root / "risks" / "RSK-FALLS.yaml").write_text(RISK, encoding="utf-8")
        self.source = self.new("source", "--type", "audit", "--title", "Night-time falls audit", "--date", "2026-01-02",
                               "--finding", "Night checks were missed on 4 of 10 nights")
        self.actions = [self.new_action("Record every night check on the falls chart", "2026-06-30", "jane.smith")]
        first = root / "actions" / f"{self.actions[0]}.yaml"
        lines = first.read_text(encoding="utf-8").splitlines()
        lines.insert(0, COMMENTS[0])
        lines.insert(3, COMMENTS[1])
        first.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def cli(self, *args: str) -> Any:
        return self.runner.invoke(main, ["-C", str(self.root), *args], catch_exceptions=False)

    def new(self, kind: str, *args: str) -> str:
        result = self.cli("new", kind, *args, "--no-commit")
        assert result.exit_code == 0, result.output
        return result.stdout.strip().splitlines()[-1]

    def new_action(self, title: str, due: str, owner: str) -> str:
        return self.new("action", "--title", title, "--source", self.source, "--finding", "F1", "--owner", owner,
                        "--due", due, "--target", "10 of 10 nights recorded", "--created", "2026-01-05")

    def snapshot(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.root)): p.read_bytes() for p in sorted(self.root.glob("*/*.yaml"))}

    def run(self, step: tuple[Any, ...], action: str) -> Any:
        name = step[0]
        if name == "update":
            _, note, milestone, by = step
            extra = ["--next-milestone", milestone[0], "--milestone-due", milestone[1].isoformat()] if milestone else []
            return self.cli("update", action, "--note", note, *extra, "--by", by, "--no-commit")
        if name == "redate":
            _, day, uk, reason, by = step
            return self.cli("redate", action, "--to", _date_text(day, uk), "--reason", reason, "--by", by, "--no-commit")
        if name == "complete":
            return self.cli("complete", action, "--change", step[1], "--evidence", "https://example.org/audit",
                            "--by", step[2], "--no-commit")
        if name == "close":
            return self.cli("close", action, "--note", step[1], "--by", step[2], "--no-commit")
        if name == "cancel":
            return self.cli("cancel", action, "--reason", step[1], "--by", step[2], "--no-commit")
        if name == "review":
            _, likelihood, consequence, note, by = step
            return self.cli("review", "RSK-FALLS", "--likelihood", str(likelihood), "--consequence", str(consequence),
                            "--note", note, "--by", by, "--no-commit")
        _, title, due, owner = step
        result = self.cli("new", "action", "--title", title, "--source", self.source, "--finding", "F1", "--owner", owner,
                          "--due", due.isoformat(), "--target", "10 of 10 nights recorded", "--created", "2026-01-05",
                          "--no-commit")
        if result.exit_code == 0:
            self.actions.append(result.stdout.strip().splitlines()[-1])
        return result


TRAILS = ("updates", "redates", "reviews")
ONCE = ("completion", "closure", "cancellation", "created", "id")


def _data(raw: bytes) -> dict[str, Any]:
    return load_yaml(raw).data


def assert_append_only(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    assert set(before) <= set(after), f"a record file disappeared: {set(before) - set(after)}"
    for path, old_raw in before.items():
        old, new = _data(old_raw), _data(after[path])
        for key in TRAILS:
            old_trail, new_trail = old.get(key) or [], new.get(key) or []
            assert new_trail[: len(old_trail)] == old_trail, f"{path}: {key} was edited, not appended to"
        for key in ONCE:
            if key in old:
                assert new.get(key) == old[key], f"{path}: {key} changed once written"


def assert_text_kept(loaded: Any, action_id: str, step: tuple[Any, ...]) -> None:
    """What the user typed reads back exactly (YAML quoting is the writer's problem, not theirs)."""
    action = loaded.actions[action_id]
    if step[0] == "update":
        assert action.updates[-1].note == step[1].strip()
        if step[2]:
            assert action.updates[-1].next_milestone == step[2][0].strip()
    elif step[0] == "complete":
        assert action.completion.change == step[1].strip()
    elif step[0] == "cancel":
        assert loaded.actions[action_id].data["cancellation"]["reason"] == step[1].strip()
    elif step[0] == "redate":
        assert action.redates[-1].reason == step[3].strip() and action.due == step[1]


@given(sequence=st.lists(steps, min_size=1, max_size=8), target=st.integers(0, 3))
@settings(settings.get_profile(PROFILE))
def test_any_command_sequence_keeps_files_valid_trails_append_only_and_comments(
    sequence: list[tuple[Any, ...]], target: int
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        register = Register(Path(folder))
        for step in sequence:
            before = register.snapshot()
            action = register.actions[target % len(register.actions)]
            result = register.run(step, action)
            assert result.exit_code in (0, 2), f"{step}: exit {result.exit_code}: {result.output}"
            after = register.snapshot()
            if result.exit_code == 2:  # refused (lifecycle order, a date before creation): nothing changed
                assert after == before, f"{step}: refused but changed files"
                assert len(result.stderr.strip().splitlines()) == 1, result.stderr
                continue
            assert_append_only(before, after)
            loaded = load_register(register.root)
            assert loaded.problems == [], f"{step}: {[p.message for p in loaded.problems]}"
            first = (register.root / "actions" / f"{register.actions[0]}.yaml").read_text(encoding="utf-8")
            for comment in COMMENTS:
                assert comment in first, f"{step}: lost the comment {comment!r}"
            risk = (register.root / "risks" / "RSK-FALLS.yaml").read_text(encoding="utf-8")
            assert "# Hand-written risk comment" in risk and "# end-of-line comment" in risk
            assert_text_kept(loaded, action, step)


# -- a write that fails part-way ------------------------------------------------------------
@pytest.mark.parametrize("failing", ["os.fsync", "os.replace", "os.fchmod"])
@given(note=text)
@settings(settings.get_profile(PROFILE), max_examples=5)
def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_file(failing: str, note: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        register = Register(Path(folder))
        action = register.actions[0]
        path = register.root / "actions" / f"{action}.yaml"
        before = path.read_bytes()
        listing = sorted(p.name for p in path.parent.iterdir())

        def disk_full(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        with mock.patch(failing, disk_full):
            result = register.runner.invoke(
                main, ["-C", str(register.root), "update", action, "--note", note, "--by", "jane.smith", "--no-commit"]
            )
        assert result.exit_code != 0
        assert path.read_bytes() == before
        assert sorted(p.name for p in path.parent.iterdir()) == listing, "a temporary file was left behind"


def test_a_partial_write_then_a_crash_leaves_the_old_file_whole(tmp_path: Path) -> None:
    """The temporary file receives half the text, then the process 'dies' (an exception)."""
    register = Register(tmp_path)
    action = register.actions[0]
    path = tmp_path / "actions" / f"{action}.yaml"
    before = path.read_bytes()
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle: Any):
            self.handle = handle

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, text: str) -> int:
            self.handle.write(text[: len(text) // 2])
            self.handle.flush()
            raise OSError(28, "No space left on device")

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    with mock.patch("os.fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k))):
        result = register.runner.invoke(
            main, ["-C", str(tmp_path), "update", action, "--note", "Half a note", "--by", "jane.smith", "--no-commit"]
        )
    assert result.exit_code != 0
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
