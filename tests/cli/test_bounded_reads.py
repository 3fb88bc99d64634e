"""An edit costs what the edit costs: the files it reads do not grow with the register.

Counted, not timed: ``READS`` counts every register file read through the safe reader, and
each lifecycle step must read the same number of files in a register of a few actions as in
one of many. ``show`` and ``review`` need the records that name theirs, so every file is
read, but only those records are loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from govtool.register.around import load_around
from govtool.register.load import load_register
from govtool.register.parsecache import ParseCache
from govtool.register.safefile import READS
from tests.cli.conftest import MILESTONE
from tests.register.test_backlinks import RISK, action, trusted_at_once  # noqa: F401  (a fixture)

STEPS = (
    ("update", "--note", "First audit: 90% complete.", *MILESTONE),
    ("redate", "--to", "2031-01-31", "--reason", "Supplier delayed the e-MAR go-live"),
    ("complete", "--change", "MAR charts 99% complete in three weekly audits (was 82%)",
     "--evidence", "https://docs.example.org/mar-audit"),
    ("close", "--note", "Audit results checked at the governance meeting", "--by", "sam.patel"),
    ("reopen", "--reason", "The re-audit found gaps on Ward 2"),
    ("edit", "--title", "Weekly audit of 20 MAR charts, reported to governance", "--reason", "Bigger sample"),
    ("cancel", "--reason", "Replaced by the e-MAR rollout action"),
)


def _pad(root: Path, model: str, count: int) -> None:
    """``count`` more actions like ``model`` (the register grows; the edited action does not)."""
    text = (root / "actions" / f"{model}.yaml").read_text(encoding="utf-8")
    for n in range(count):
        other = f"ACT-PAD{n:04d}"
        (root / "actions" / f"{other}.yaml").write_text(text.replace(model, other), encoding="utf-8")


def _reads_per_step(plan) -> list[int]:  # type: ignore[no-untyped-def]
    original = plan.action_text()
    counts = []
    for step, *options in STEPS:
        before = READS.files
        by = [] if "--by" in options else ["--by", "jane.smith"]
        result = plan.run(step, plan.action, *options, *by, "--no-commit")
        assert result.exit_code == 0, result.output
        counts.append(READS.files - before)
    (plan.root / "actions" / f"{plan.action}.yaml").write_text(original, encoding="utf-8")
    return counts


def test_each_lifecycle_step_reads_the_same_files_at_any_register_size(plan) -> None:  # type: ignore[no-untyped-def]
    _pad(plan.root, plan.action, 3)
    small = _reads_per_step(plan)
    _pad(plan.root, plan.action, 60)
    large = _reads_per_step(plan)
    assert large == small
    # the action (read to check it and again to edit it), govtool.yaml, and the source it answers
    assert max(small) <= 6, dict(zip([s[0] for s in STEPS], small, strict=True))


def test_person_add_reads_only_the_settings(plan) -> None:  # type: ignore[no-untyped-def]
    _pad(plan.root, plan.action, 30)
    before = READS.files
    result = plan.run("person", "add", "li.chen", "--name", "Li Chen", "--role", "Quality Lead", "--no-commit")
    assert result.exit_code == 0, result.output
    assert READS.files - before <= 3  # checked, then read for the edit under the lock


def test_show_loads_only_the_records_linked_either_way(plan) -> None:  # type: ignore[no-untyped-def]
    _pad(plan.root, plan.action, 20)
    around_action = load_around(plan.root, plan.action, linking=True)
    assert set(around_action.actions) == {plan.action}  # the padding names its own ID, not this one
    assert set(around_action.sources) == {plan.source}
    around_source = load_around(plan.root, plan.source, linking=True)
    assert len(around_source.actions) == 21  # every action answers this source
    assert len(around_source.sources[plan.source].actions) == 21  # linked both ways, as show prints them


def test_a_link_spelt_with_escapes_is_still_found(plan) -> None:  # type: ignore[no-untyped-def]
    """A double-quoted YAML string may spell an ID with escapes: such a file is parsed anyway."""
    path = plan.root / "actions" / f"{plan.action}.yaml"
    escaped = "".join(f"\\x{ord(c):02x}" for c in plan.source)
    path.write_text(path.read_text(encoding="utf-8").replace(f"source: {plan.source}", f'source: "{escaped}"'),
                    encoding="utf-8")
    around_source = load_around(plan.root, plan.source, linking=True)
    assert list(around_source.actions) == [plan.action]
    assert around_source.actions[plan.action].source is around_source.sources[plan.source]


def _pad_unlinked(root: Path, start: int, count: int) -> None:
    for n in range(start, start + count):
        (root / "actions" / f"ACT-PAD{n:04d}.yaml").write_text(action(f"ACT-PAD{n:04d}", None), encoding="utf-8")


def _review_reads(plan: Any) -> int:
    risk = plan.root / "risks" / "RSK-FALLS.yaml"
    plan.run("review", "RSK-FALLS", "--likelihood", "2", "--consequence", "4", "--note", "Mats fixed",
             "--by", "jane.smith", "--no-commit")  # the index catches up with the padding
    risk.write_text(RISK, encoding="utf-8")
    before = READS.files
    result = plan.run("review", "RSK-FALLS", "--likelihood", "2", "--consequence", "4", "--note", "Mats fixed",
                      "--by", "jane.smith", "--no-commit")
    assert result.exit_code == 0, result.output
    # the open action on the weak control was found: no "no open action strengthens it" note
    assert "RSK-FALLS reviewed on" in result.output and "no open action" not in result.output
    risk.write_text(RISK, encoding="utf-8")
    return READS.files - before


@pytest.mark.usefixtures("trusted_at_once")
def test_review_reads_the_same_files_at_any_register_size(plan: Any) -> None:
    """The risk's actions come from the backlinks index: only changed files are read."""
    (plan.root / "risks" / "RSK-FALLS.yaml").write_text(RISK, encoding="utf-8")
    (plan.root / "actions" / "ACT-FALLS1.yaml").write_text(action("ACT-FALLS1", "RSK-FALLS"), encoding="utf-8")
    _pad_unlinked(plan.root, 0, 3)
    small = _review_reads(plan)
    _pad_unlinked(plan.root, 3, 60)
    large = _review_reads(plan)
    assert large == small
    # govtool.yaml twice; the risk to check it, under the lock for the index (the last review
    # changed it) and to load it, to edit it; and its one action
    assert small <= 8


@pytest.mark.usefixtures("trusted_at_once")
def test_review_parses_its_few_files_without_decoding_the_parse_cache(plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A parse-cache shard holds a 32nd of the register: decoding one to look up a file costs
    more than parsing the file once the register is large, so a review parses its handful."""
    (plan.root / "risks" / "RSK-FALLS.yaml").write_text(RISK, encoding="utf-8")
    (plan.root / "actions" / "ACT-FALLS1.yaml").write_text(action("ACT-FALLS1", "RSK-FALLS"), encoding="utf-8")
    _pad_unlinked(plan.root, 0, 40)
    load_register(plan.root)  # the parse cache holds every file, as after a lint
    _review_reads(plan)  # the backlinks index learns the 41 new files (a bulk: the cache is used)
    looked_up: list[str] = []
    lookup = ParseCache.lookup

    def counted(self: ParseCache, raw: bytes, relative: Path, record_class: Any) -> Any:
        looked_up.append(relative.as_posix())
        return lookup(self, raw, relative, record_class)

    monkeypatch.setattr(ParseCache, "lookup", counted)
    assert _review_reads(plan) <= 8
    assert looked_up == []


def _pad_owned_by_someone_else(root: Path, start: int, count: int) -> None:
    for n in range(start, start + count):
        text = action(f"ACT-PAD{n:04d}", None).replace("owner: jane.smith", "owner: sam.patel")
        (root / "actions" / f"ACT-PAD{n:04d}.yaml").write_text(text, encoding="utf-8")


def _leave_reads(plan: Any) -> int:
    settings = plan.root / "govtool.yaml"
    kept = settings.read_text(encoding="utf-8")
    leave = ("person", "leave", "jane.smith", "--date", "2026-06-30", "--no-commit")
    plan.run(*leave)  # the index catches up with the padding
    settings.write_text(kept, encoding="utf-8")
    before = READS.files
    result = plan.run(*leave)
    assert result.exit_code == 0, result.output
    assert f"still owns 1 active action ({plan.action})" in result.output
    settings.write_text(kept, encoding="utf-8")
    return READS.files - before


@pytest.mark.usefixtures("trusted_at_once")
def test_person_leave_reads_the_same_files_at_any_register_size(plan: Any) -> None:
    """The actions someone owns come from the backlinks index, as a risk's actions do."""
    _pad_owned_by_someone_else(plan.root, 0, 3)
    small = _leave_reads(plan)
    _pad_owned_by_someone_else(plan.root, 3, 60)
    large = _leave_reads(plan)
    assert large == small
    assert small <= 4  # govtool.yaml (checked, then under the lock for the edit) and the one action
