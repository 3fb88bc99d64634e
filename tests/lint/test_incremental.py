"""Lint that relints only what changed gives exactly a cold run's problems, whatever changed:
records edited, moved between sources, added, deleted or broken, the settings, the day,
evidence files appearing, files touched without a change or changed keeping their size and
modification time, a memo write stopped half way; and no forged or corrupt memo changes the
answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtool.cli.commands.lint import exit_code
from govtool.lint import engine, incremental
from govtool.lint.engine import lint_register
from govtool.lint.formats import OutputView, render
from govtool.lint.formats.stored import LAST_RENDER
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
    st.tuples(st.sampled_from(["delete", "break", "evidence", "evidence file", "close", "touch", "same size"]),
              st.sampled_from(ACTIONS), st.just(""), st.just(0)),
    st.tuples(st.sampled_from(["settings", "tomorrow", "source", "risk", "partial write"]), st.just(""), st.just(""),
              st.integers(0, 1)),
)


def problems(root: Path, today: dt.date, incremental: bool) -> list[tuple[Any, ...]]:
    result = lint_register(root, today, incremental=incremental)
    return [(p.rule, p.severity, p.path, p.line, p.record, p.message) for p in result.problems]


#: every output format, plain and coloured (colour changes only text), with a path prefix (GitHub's)
VIEWS = [("text", OutputView()), ("json", OutputView()), ("text", OutputView(color=True)), ("sarif", OutputView()),
         ("github", OutputView(prefix="plans/")), ("json", OutputView(prefix="plans/")), ("text", OutputView(quiet=True))]


def output(root: Path, today: dt.date, incremental: bool, name: str, view: OutputView) -> tuple[str, int]:
    """What ``govtool lint`` writes in one format, and its exit status (the stored output of the
    files a run kept whole joined, for an incremental run)."""
    result = lint_register(root, today, incremental=incremental)
    return render(name, result, view), exit_code(result, strict=False)


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
    elif what == "evidence file":  # the evidence file alone added or removed: its action's bytes as they were
        evidence = root / "evidence" / "audit.pdf"
        if evidence.exists():
            evidence.unlink()
        else:
            repo.write("evidence/audit.pdf", "audit")
    elif what == "touch" and path.exists():  # the same bytes written again: a new mtime, nothing to relint
        path.write_bytes(path.read_bytes())
    elif what == "same size" and path.exists():  # Git's racy case: other bytes, same size and mtime
        before = path.stat()
        raw = path.read_bytes()
        path.write_bytes(raw.replace(b"id: ACT-", b"id: ACX-", 1) if b"id: ACT-" in raw else raw.replace(b"X", b"T", 1))
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif what == "close":
        fields.setdefault(record_id, {}).update(status="closed", completion=COMPLETION, closure=CLOSURE)
        repo.write(f"actions/{record_id}.yaml", action(record_id, **fields[record_id]))
    elif what == "settings":
        # The other settings: an owner renamed, and a people entry that is a group (a problem on
        # govtool.yaml itself, which a run relinting a few records keeps).
        repo.write("govtool.yaml", MINIMAL_SETTINGS if choice else
                   MINIMAL_SETTINGS.replace("jane.smith", "jane.smith2") + "  ward.team: {name: Nursing team}\n")
    elif what == "source":
        repo.write("sources/SRC-2.yaml", INSPECTION.replace("  - {id: F2", "  - {id: F3") if choice else INSPECTION)
    elif what == "risk":
        repo.write("risks/RSK-1.yaml", RISK.replace("  - {id: C2", "  - {id: C3") if choice else RISK)
    elif what == "tomorrow":
        return today + dt.timedelta(days=1)
    return today


def memo_folder(root: Path) -> Path:
    [found] = (root / ".git" / "govtool").glob("lint-memo-*")
    return found


def incremental_then_stopped(root: Path, today: dt.date) -> None:
    """An incremental run whose memo write stops after its first shard: that shard new, the
    other shards and the head as they were."""
    folder = memo_folder(root)
    old = {p.name: p.read_bytes() for p in folder.glob("*.json")}
    problems(root, today, True)
    new = sorted(p.name for p in folder.glob("*.json")
                 if p.name not in ("head.json", incremental.INDEX_FILE) and p.read_bytes() != old.get(p.name))
    for name, raw in old.items():
        if name not in new[:1] and name != incremental.INDEX_FILE:  # the index file is written before the shards
            (folder / name).write_bytes(raw)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, min_size=1, max_size=6), st.booleans(), st.lists(st.sampled_from(range(len(VIEWS))), min_size=6,
                                                                       max_size=6))
def test_relinting_what_changed_gives_the_cold_answer(steps: list[tuple[str, str, str, int]], trust_now: bool,
                                                      views: list[int]) -> None:
    """``trust_now``: a file's stat is trusted however recently it was written (the racy-clean
    margin off), so unchanged files are not read and a change must be seen in the stat alone.
    After each step the output in one format and view (``views``: each step's, so that a
    stored output meets another format, colour or prefix too) is the cold run's, byte for
    byte, with its exit status: the files kept whole are joined from the stored output."""
    folder = Path(tempfile.mkdtemp(prefix="govtool-incremental-"))
    margin = incremental.RACY_NS
    incremental.RACY_NS = -(10 ** 12) if trust_now else margin
    try:
        repo = start(folder)
        today = TODAY
        fields = {record_id: dict(start_fields) for record_id, start_fields in START.items()}
        assert problems(folder, today, True) == problems(folder, today, False)
        stopping = False
        for number, step in enumerate(steps):
            today = apply(repo, fields, step, today)
            if stopping:  # the step after "partial write": its run stops while writing the memo
                incremental_then_stopped(folder, today)
            stopping = step[0] == "partial write"
            assert problems(folder, today, True) == problems(folder, today, False), step
            name, view = VIEWS[views[number]]
            assert output(folder, today, True, name, view) == output(folder, today, False, name, view), (step, name)
    finally:
        incremental.RACY_NS = margin
        shutil.rmtree(folder, ignore_errors=True)


def test_one_edited_action_relints_only_what_it_links_to(tmp_path: Path) -> None:
    repo = start(tmp_path)
    repo.write("sources/SRC-3.yaml", SOURCES.replace("SRC-1", "SRC-3"))
    repo.write("actions/ACT-1.yaml", action("ACT-1", source="SRC-3"))
    lint_register(tmp_path, TODAY, incremental=True)
    assert work() == (8, 8, 8)  # the first run builds everything
    lint_register(tmp_path, TODAY, incremental=True)
    assert engine.LAST_RUN["built"] == 0
    repo.write("actions/ACT-1.yaml", action("ACT-1", source="SRC-3", title="Fix falls"))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert work()[:2] == (2, 2)  # ACT-1 and its source, not the other six


def work() -> tuple[int, int, int]:
    return engine.LAST_RUN["relinted"], engine.LAST_RUN["built"], engine.LAST_RUN["files"]


def age(root: Path) -> None:
    """Every record file written an hour ago (their change times stay now)."""
    for path in root.glob("*/*.yaml"):
        os.utime(path, (path.stat().st_atime - 3600, path.stat().st_mtime - 3600))


def test_unchanged_files_are_not_read_unless_racily_clean(tmp_path: Path, monkeypatch: Any) -> None:
    repo = start(tmp_path)
    lint_register(tmp_path, TODAY, incremental=True)
    lint_register(tmp_path, TODAY, incremental=True)
    # Just written: a change within the same tick of the file system's clock would not move
    # their times, so their stat is not trusted yet and all 7 are read again.
    assert engine.LAST_RUN["read"] == 7
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))  # as if written long before
    age(tmp_path)
    lint_register(tmp_path, TODAY, incremental=True)
    assert engine.LAST_RUN["read"] == 7  # new times: read once more, and their stat kept
    lint_register(tmp_path, TODAY, incremental=True)
    assert engine.LAST_RUN["read"] == 0
    path = repo.path / "actions" / "ACT-1.yaml"
    path.write_bytes(path.read_bytes())  # touched, not changed: read, not relinted
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert (engine.LAST_RUN["read"], engine.LAST_RUN["relinted"]) == (1, 0)
    lint_register(tmp_path, TODAY, incremental=True)
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Remind", b"REMIND"))  # same size, then the same mtime
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    # Its change time gave it away: read, and relinted with its source and its sibling on the finding.
    assert (engine.LAST_RUN["read"], engine.LAST_RUN["relinted"]) == (1, 3)


def memo_shards(root: Path) -> list[Path]:
    return sorted(p for p in memo_folder(root).glob("*.json") if p.name not in ("head.json", incremental.INDEX_FILE))


def test_one_edited_action_rewrites_only_its_own_memo_shard(tmp_path: Path, monkeypatch: Any) -> None:
    """A relinted neighbour (the action's source) that finds what it found before keeps its
    stored entry, so a one-file change rewrites that file's shard and the head, not every shard
    a neighbour lives in."""
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    lint_register(tmp_path, TODAY, incremental=True)
    before = {p.name: p.read_bytes() for p in memo_shards(tmp_path)}
    path = "actions/ACT-1.yaml"
    repo.write(path, action("ACT-1", **{**START["ACT-1"], "title": "Remind all staff to sign MAR charts"}))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    lint_register(tmp_path, TODAY, incremental=True)
    after = {p.name: p.read_bytes() for p in memo_shards(tmp_path)}
    own = f"{incremental.ShardedCache(None, '', '').number(path):02d}.json"
    source = f"{incremental.ShardedCache(None, '', '').number('sources/SRC-2.yaml'):02d}.json"
    assert own != source and after.keys() == before.keys()
    assert {name for name in after if after[name] != before[name]} == {own}


def test_a_corrupt_or_forged_memo_never_changes_the_answer(tmp_path: Path) -> None:
    repo = start(tmp_path)
    repo.write("actions/ACT-2.yaml", action("ACT-2", owner="Nursing team", due="2025-12-01"))
    cold = problems(tmp_path, TODAY, False)
    assert cold and problems(tmp_path, TODAY, True) == cold
    import json

    from govtool.cache.store import write_checked
    from govtool.lint.incremental import FORMAT, memo_version

    head = memo_folder(tmp_path) / "head.json"
    shards = {p.name: p.read_bytes() for p in memo_shards(tmp_path)}
    good_head = head.read_bytes()

    def restore() -> None:
        head.write_bytes(good_head)
        for name, raw in shards.items():
            (memo_folder(tmp_path) / name).write_bytes(raw)

    for name, raw in shards.items():
        (memo_folder(tmp_path) / name).write_bytes(raw[: len(raw) // 2])  # truncated
        assert problems(tmp_path, TODAY, True) == cold
        restore()
    head.write_bytes(b"not a memo at all")
    assert problems(tmp_path, TODAY, True) == cold
    restore()
    # Entries swapped between two files (each claiming the other's problems) are used for
    # neither: an entry counts only for the bytes it was made from, and a changed file's old
    # links are then unknown, so everything is relinted.
    entries: dict[str, Any] = {}
    for raw in shards.values():
        entries.update(json.loads(raw.partition(b"\n")[2])["entries"])
    a, b = "actions/ACT-1.yaml", "actions/ACT-2.yaml"
    for path, other in ((a, b), (b, a)):
        shard = memo_folder(tmp_path) / f"{incremental.ShardedCache(None, '', '').number(path):02d}.json"
        body = json.loads(shard.read_bytes().partition(b"\n")[2])
        body["entries"][path] = entries[other]
        assert write_checked(shard, FORMAT, memo_version(), body)
    assert problems(tmp_path, TODAY, True) == cold
    restore()
    # Reports of the wrong shape are ignored too, and a shard of another generation (a write
    # stopped half way) is not paired with the head.
    shard = memo_folder(tmp_path) / f"{incremental.ShardedCache(None, '', '').number(a):02d}.json"
    body = json.loads(shard.read_bytes().partition(b"\n")[2])
    body["entries"][a][5] = [["overdue", "line one", None, "x", None]]
    assert write_checked(shard, FORMAT, memo_version(), body)
    assert problems(tmp_path, TODAY, True) == cold
    restore()
    body = json.loads(shard.read_bytes().partition(b"\n")[2])
    body["generation"] = "0" * 16
    assert write_checked(shard, FORMAT, memo_version(), body)
    assert problems(tmp_path, TODAY, True) == cold
    assert engine.LAST_RUN["relinted"] == engine.LAST_RUN["files"]


def test_a_memo_entry_of_any_wrong_shape_is_never_trusted_and_never_crashes(tmp_path: Path, monkeypatch: Any) -> None:
    """The memo's entries are decoded in one pass and trusted by their stat signature: an entry
    (with the file's true signature) whose other fields have a wrong shape or type, and an entry
    filed in a shard not its own, change neither the answer nor end in a crash."""
    import json

    from govtool.cache.store import write_checked
    from govtool.lint.incremental import FORMAT, memo_version

    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    repo.write("actions/ACT-3.yaml", action("ACT-3", owner="Nursing team", due="2025-12-01"))
    cold = problems(tmp_path, TODAY, False)
    assert problems(tmp_path, TODAY, True) == cold
    a = "actions/ACT-3.yaml"
    shard = memo_folder(tmp_path) / f"{incremental.ShardedCache(None, '', '').number(a):02d}.json"
    saved = {p: p.read_bytes() for p in memo_folder(tmp_path).glob("*.json")}

    def restore() -> None:  # a run after a forged entry writes the memo anew
        for p, raw in saved.items():
            p.write_bytes(raw)

    body = json.loads(shard.read_bytes().partition(b"\n")[2])
    entry = body["entries"][a]
    summary = entry[4]
    wrong_summaries = [
        [summary[0], 7, *summary[2:]],  # an ID that is a number
        [summary[0], summary[1], [*summary[2][:4], 1], *summary[3:]],  # a link that is a number
        [summary[0], summary[1], summary[2][:4], *summary[3:]],  # four links
        [*summary[:3], ["evidence/a.pdf"], [], summary[5]],  # evidence without its place
        [*summary[:3], [1], [""], summary[5]],  # evidence that is not text
        [*summary[:5], ["open", "2026-13-45"]],  # a closure date that is no date
        [*summary[:5], ["open", 20260101]],
        [*summary[:5], [True, None]],
        [*summary[:5], ["open"]],
        summary[:5],
        {"kind": "action"},
    ]
    wrong_entries = [
        *([*entry[:4], wrong, entry[5]] for wrong in wrong_summaries),
        [*entry[:3], 0, *entry[4:]],  # "marked" that is not a bool
        [*entry[:2], None, *entry[3:]],  # no digest
        [*entry[:5], [["overdue", True, None, "x", None]]],  # a line that is a bool
        [*entry[:5], {"overdue": 1}],
        [*entry[:5], 0],
        entry[:5],
        "an entry",
        None,
    ]
    json_cold = output(tmp_path, TODAY, False, "json", OutputView())
    for wrong in wrong_entries:
        body["entries"][a] = wrong
        assert write_checked(shard, FORMAT, memo_version(), body)
        assert problems(tmp_path, TODAY, True) == cold, wrong
        # ACT-3 was read, not taken on its entry's word: by the run, or (when only its problems,
        # built on demand, needed the entry) by the cold run that then answered
        assert engine.LAST_RUN["read"] >= 1 or engine.LAST_RUN["cold"], wrong
        assert output(tmp_path, TODAY, True, "json", OutputView()) == json_cold, wrong
        restore()
    assert problems(tmp_path, TODAY, True) == cold
    assert engine.LAST_RUN["read"] == 0  # the memo as restored is whole: nothing is read
    restore()
    # The entry moved to another shard (where a lookup by its key never goes), its own shard
    # left without it: not used, so the file is read and linted.
    other = next(p for p in memo_shards(tmp_path) if p != shard)
    theirs = json.loads(other.read_bytes().partition(b"\n")[2])
    theirs["entries"][a] = [*entry[:5], []]  # claims ACT-3 has no problem
    assert write_checked(other, FORMAT, memo_version(), theirs)
    del body["entries"][a]
    assert write_checked(shard, FORMAT, memo_version(), body)
    assert problems(tmp_path, TODAY, True) == cold


def test_a_forged_stat_signature_is_the_only_way_to_skip_a_read(tmp_path: Path, monkeypatch: Any) -> None:
    """A memo entry claiming a file's bytes are unchanged is believed only when its stat
    signature is the file's own (size, times in nanoseconds, inode): one copied from another
    file is not, so that file is read and its real problems found; and another file's
    summary under a file's own signature claims a second holder of an ID, which relints all."""
    import json

    from govtool.cache.store import write_checked
    from govtool.lint.incremental import FORMAT, memo_version

    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    lint_register(tmp_path, TODAY, incremental=True)
    repo.write("actions/ACT-3.yaml", action("ACT-3", owner="Nursing team", due="2025-12-01"))
    cold = problems(tmp_path, TODAY, False)
    lint_register(tmp_path, TODAY, incremental=True)
    a, b = "actions/ACT-3.yaml", "actions/ACT-1.yaml"
    shard = memo_folder(tmp_path) / f"{incremental.ShardedCache(None, '', '').number(a):02d}.json"
    other = memo_folder(tmp_path) / f"{incremental.ShardedCache(None, '', '').number(b):02d}.json"
    body = json.loads(shard.read_bytes().partition(b"\n")[2])
    theirs = json.loads(other.read_bytes().partition(b"\n")[2])["entries"][b]
    body["entries"][a] = [body["entries"][a][0], *theirs[1:]]  # ACT-3's stat, ACT-1's digest and problems
    assert write_checked(shard, FORMAT, memo_version(), body)
    assert problems(tmp_path, TODAY, True) == cold
    body["entries"][a] = [theirs[0], *theirs[1:]]  # ACT-1's entry whole, stat included
    assert write_checked(shard, FORMAT, memo_version(), body)
    assert problems(tmp_path, TODAY, True) == cold


def test_the_staged_lint_relints_what_changed_and_answers_as_a_cold_one(tmp_path: Path) -> None:
    repo = start(tmp_path)
    staged = lambda incremental: lint_register(tmp_path, TODAY, staged=True, incremental=incremental)  # noqa: E731
    first = staged(True)
    repo.write("actions/ACT-1.yaml", action("ACT-1", **{**START["ACT-1"], "status": "cancelled"}))
    repo.git("add", "actions/ACT-1.yaml")
    repo.write("actions/ACT-2.yaml", "id: [not staged\n")  # the working tree's draft is not linted
    again = staged(True)
    assert engine.LAST_RUN["read"] == 1  # only the blob staged anew: the others' names are in the memo
    assert engine.LAST_RUN["by_index"] == 1  # known by their blob names in the memo's index
    assert engine.LAST_RUN["relinted"] < engine.LAST_RUN["files"]
    assert again.problems == staged(False).problems != first.problems


def test_plain_and_staged_runs_taking_turns_each_relint_only_what_changed(tmp_path: Path, monkeypatch: Any) -> None:
    """Someone runs ``govtool lint``, then commits (the hook runs ``--staged``), then lints again:
    each run finds the other's index in the load's order and relints only what changed."""
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    staged = lambda incremental: lint_register(tmp_path, TODAY, staged=True, incremental=incremental)  # noqa: E731
    lint_register(tmp_path, TODAY, incremental=True)
    repo.write("actions/ACT-3.yaml", action("ACT-3", **START["ACT-3"], title="Fix the bed rails"))
    repo.git("add", "actions/ACT-3.yaml")
    assert staged(True).problems == staged(False).problems
    assert (engine.LAST_RUN["by_index"], engine.LAST_RUN["read"]) == (1, 1)
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert engine.LAST_RUN["by_index"] == 1 and engine.LAST_RUN["relinted"] < engine.LAST_RUN["files"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, min_size=1, max_size=5))
def test_the_staged_lint_relinting_what_changed_gives_the_cold_answer(steps: list[tuple[str, str, str, int]]) -> None:
    """The pre-commit hook's run (``--staged``), which knows an unchanged file by its blob name
    in Git's index: after every step, staged, its answer is a cold run's."""
    folder = Path(tempfile.mkdtemp(prefix="govtool-incremental-staged-"))
    try:
        repo = start(folder)
        today = TODAY
        fields = {record_id: dict(start_fields) for record_id, start_fields in START.items()}

        def staged(incremental: bool) -> list[tuple[Any, ...]]:
            result = lint_register(folder, today, staged=True, incremental=incremental)
            return [(p.rule, p.severity, p.path, p.line, p.record, p.message) for p in result.problems]

        assert staged(True) == staged(False)
        for step in steps:
            today = apply(repo, fields, step, today)
            repo.git("add", "-A")
            assert staged(True) == staged(False), step
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_memo_write_stopped_half_way_never_pairs_a_new_entry_with_a_stale_neighbour(tmp_path: Path) -> None:
    """ACT-2 is cancelled, so its source's finding F2 is left unaddressed. The run that saw it
    wrote ACT-2's shard and stopped before its source's shard and the head: the next run must
    not take ACT-2 as unchanged and its source's old problems as current."""
    repo = start(tmp_path)
    lint_register(tmp_path, TODAY, incremental=True)
    folder = memo_folder(tmp_path)
    old = {p.name: p.read_bytes() for p in folder.glob("*.json")}
    repo.write("actions/ACT-2.yaml", action("ACT-2", **{**START["ACT-2"], "status": "cancelled"}))
    cold = problems(tmp_path, TODAY, False)
    assert problems(tmp_path, TODAY, True) == cold
    mine = f"{incremental.ShardedCache(None, '', '').number('actions/ACT-2.yaml'):02d}.json"
    assert mine != f"{incremental.ShardedCache(None, '', '').number('sources/SRC-2.yaml'):02d}.json"
    for name, raw in old.items():
        if name != mine:
            (folder / name).write_bytes(raw)
    assert problems(tmp_path, TODAY, True) == cold
    assert engine.LAST_RUN["relinted"] == engine.LAST_RUN["files"]  # the memo was not one generation


def head_meta(root: Path) -> dict[str, Any]:
    import json

    body: dict[str, Any] = json.loads((memo_folder(root) / "head.json").read_bytes().partition(b"\n")[2])
    return body


def test_a_few_changed_files_are_linted_from_the_memo_index(tmp_path: Path, monkeypatch: Any) -> None:
    """A run that finds a file or two changed by their stat signatures takes every other file's
    ID, links and evidence from the memo's index: it reads and decodes only what it relints,
    and still sees an evidence file removed (the action that cites it relinted)."""
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    evidenced = {**START["ACT-2"], "completion": {**COMPLETION, "evidence": [{"path": "evidence/audit.pdf"}]}}
    repo.write("actions/ACT-2.yaml", action("ACT-2", **evidenced))
    repo.write("evidence/audit.pdf", "audit")
    lint_register(tmp_path, TODAY, incremental=True)
    assert engine.LAST_RUN["by_index"] == 0  # the first run lints everything
    lint_register(tmp_path, TODAY, incremental=True)
    assert (engine.LAST_RUN["by_index"], engine.LAST_RUN["read"], engine.LAST_RUN["relinted"]) == (1, 0, 0)
    repo.write("actions/ACT-3.yaml", action("ACT-3", **START["ACT-3"], title="Fix the bed rails"))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    # ACT-3, its source and its risk; none of the other five files read
    assert (engine.LAST_RUN["by_index"], engine.LAST_RUN["read"], engine.LAST_RUN["relinted"]) == (1, 1, 3)
    shards = len(memo_shards(tmp_path))
    assert engine.LAST_RUN["memo_shards_read"] < shards
    # A problem found in a partial run is kept for the runs after it, which do not relint it.
    repo.write("actions/ACT-3.yaml", action("ACT-3", **START["ACT-3"], owner="Nursing team"))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    repo.write("actions/ACT-4.yaml", action("ACT-4", **START["ACT-4"], due="2027-01-31"))
    cold = problems(tmp_path, TODAY, False)
    assert any(p[0] == "unknown-owner" and p[4] == "ACT-3" for p in cold)
    assert problems(tmp_path, TODAY, True) == cold
    assert (engine.LAST_RUN["by_index"], engine.LAST_RUN["read"]) == (1, 1)
    (tmp_path / "evidence" / "audit.pdf").unlink()
    cold = problems(tmp_path, TODAY, False)
    assert any(p[0] == "broken-link" and p[4] == "ACT-2" and "audit.pdf" in p[5] for p in cold)
    assert problems(tmp_path, TODAY, True) == cold
    assert (engine.LAST_RUN["by_index"], engine.LAST_RUN["read"]) == (1, 0)
    repo.write("evidence/audit.pdf", "audit")
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    # Another control on the same risk keeps the index's neighbours; another source does not,
    # and the whole memo is used.
    repo.write("actions/ACT-3.yaml", action("ACT-3", risk="RSK-1", control="C1"))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert engine.LAST_RUN["by_index"] == 1
    repo.write("actions/ACT-3.yaml", action("ACT-3", source="SRC-1"))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert engine.LAST_RUN["by_index"] == 0


def test_a_relinted_source_s_other_actions_are_stand_ins_never_built_whole(tmp_path: Path, monkeypatch: Any) -> None:
    """An edited action relints its source, whose rules count every action it lists: the ones
    not relinted are stand-ins made from the memo's index, and none is built as a whole record."""
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    for n in range(5, 11):
        status = {"status": "closed", "completion": COMPLETION, "closure": CLOSURE} if n % 2 else {}
        repo.write(f"actions/ACT-{n}.yaml", action(f"ACT-{n}", source="SRC-2", finding="F2", **status))
    lint_register(tmp_path, TODAY, incremental=True)
    repo.write("actions/ACT-1.yaml", action("ACT-1", **{**START["ACT-1"], "title": "Audit 10 MAR charts weekly"}))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    # ACT-1, its source and its sibling on F1 relinted; the source's other 7 actions stand in
    assert (engine.LAST_RUN["by_index"], engine.LAST_RUN["relinted"]) == (1, 3)
    assert incremental.STANDINS == {"standins": 7, "whole": 0}
    repo.write("actions/ACT-3.yaml", action("ACT-3", **START["ACT-3"], title="Fix the bed rails"))
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert incremental.STANDINS == {"standins": 1, "whole": 0}  # the risk's other action, ACT-2
    # the edited file is parsed outright: the parse cache is read only for the records built from it
    assert engine.LAST_RUN["parse_shards_read"] < engine.LAST_RUN["built"] == 3


def test_a_relinted_source_judges_late_answers_from_its_stand_ins(tmp_path: Path, monkeypatch: Any) -> None:
    """response-due reads when each of a source's actions was raised and cancelled: the stand-ins
    carry both, so a relinted source finds a finding answered late without building them."""
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    late = dt.date(2026, 12, 10)  # SRC-2's response was due on 2026-12-01
    for record_id in ("ACT-1", "ACT-4"):  # F1's two actions, both raised after the date
        repo.write(f"actions/{record_id}.yaml", action(record_id, **{**START[record_id], "created": "2026-12-04"}))
    for n in range(5, 8):
        repo.write(f"actions/ACT-{n}.yaml", action(f"ACT-{n}", source="SRC-2", finding="F2"))
    lint_register(tmp_path, late, incremental=True)
    repo.write("actions/ACT-5.yaml", action("ACT-5", source="SRC-2", finding="F2", title="Audit 10 falls plans weekly"))
    found = problems(tmp_path, late, True)
    assert found == problems(tmp_path, late, False)
    assert [p[5][:101] for p in found if p[0] == "response-due"] == [
        "the response was due on 2026-12-01: the first action for finding F1 (ACT-1) was entered on 2026-12-04"]
    assert engine.LAST_RUN["by_index"] == 1 and incremental.STANDINS["whole"] == 0


def test_a_forged_or_malformed_memo_index_never_changes_the_answer(tmp_path: Path, monkeypatch: Any) -> None:
    """The index (its own file, named by the head's token, with the files changed since listed
    in the head) is checked for exact types, and the IDs it gives the files a run reads or
    relints must be their entries' own: any other index is not used."""
    import json

    from govtool.cache.store import write_checked
    from govtool.lint.incremental import FORMAT, memo_version

    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    repo.write("actions/ACT-3.yaml", action("ACT-3", owner="Nursing team", due="2025-12-01"))
    lint_register(tmp_path, TODAY, incremental=True)
    head, index_file = memo_folder(tmp_path) / "head.json", memo_folder(tmp_path) / incremental.INDEX_FILE
    good = head.read_bytes(), index_file.read_bytes()
    stored = json.loads(good[1].partition(b"\n")[2])
    index = stored["index"]
    held = incremental.MemoIndex.decode(index)
    assert held is not None and held.encode() == index
    paths, ids = held.paths, held.ids
    one, two = paths.index("actions/ACT-1.yaml"), paths.index("actions/ACT-3.yaml")
    swapped_ids = list(ids)
    swapped_ids[one], swapped_ids[two] = ids[two], ids[one]
    standin = next(line for line in held.standins if line)

    def columns(**changed: Any) -> Any:
        return dataclasses.replace(held, **changed).encode()

    wrong = [
        index[:6], "an index", None, [index[0], [1] * len(paths), *index[2:]],
        [index[0], index[1].rpartition("\n")[0], *index[2:]],  # a signature short
        [*index[:2], [7] * len(ids), *index[3:]], [*index[:3], [["source", "SRC-2", [1]]], *index[4:]],
        [*index[:3], [["source"]], *index[4:]], [*index[:5], {"actions/ACT-1.yaml": [["a.pdf"], []]}, *index[6:]],
        [*index[:5], [], *index[6:]], [*index[:6], [None], *index[7:]], columns(ids=swapped_ids),
        [*index[:7], index[7][:-1], *index[8:]], [*index[:7], [1] * len(index[7]), *index[8:]],
        [*index[:8], index[8].rpartition("\n")[0], *index[9:]],
        columns(standins=[standin.rpartition("\x1f")[0] if line else line for line in held.standins]),
        columns(standins=[standin.rpartition("\x1f")[0] + "\x1f2026-13-45" if line else line
                          for line in held.standins]),
        [*index[:9], index[9].rpartition("\n")[0], index[10]], [*index[:9], [None] * len(paths), index[10]],
        [*index[:10], index[10].rpartition("\n")[0]], [*index[:10], 5],
    ]
    state = held.state(one, dict(zip(held.reported, held.stamps, strict=True)))
    overlays: list[Any] = [
        {"actions/ACT-9.yaml": state}, {"actions/ACT-1.yaml": state[:4]}, {"actions/ACT-1.yaml": [1, *state[1:]]},
        {"actions/ACT-1.yaml": [*state[:3], [["a.pdf"], []], *state[4:]]},
        {"actions/ACT-1.yaml": [*state[:4], 7, state[5]]}, {"actions/ACT-1.yaml": [*state[:5], 7]},
        ["actions/ACT-1.yaml"],
    ]
    forgeries = [*(("index", forged) for forged in wrong), *(("overlay", forged) for forged in overlays),
                 ("token", "0" * 16)]
    for where, forged in forgeries:
        for edit in ("Fix the bed rails", "Mend the bed rails"):  # ACT-3 changed: read, relinted
            repo.write("actions/ACT-3.yaml", action("ACT-3", owner="Nursing team", due="2025-12-01", title=edit))
            cold = problems(tmp_path, TODAY, False)
            head.write_bytes(good[0])
            index_file.write_bytes(good[1])
            memo = head_meta(tmp_path)
            if where == "index":
                assert write_checked(index_file, FORMAT, memo_version(), {**stored, "index": forged})
            else:
                memo["meta"]["index"] = [memo["meta"]["index"][0], forged] if where == "overlay" else [forged, {}]
                assert write_checked(head, FORMAT, memo_version(), memo)
            assert problems(tmp_path, TODAY, True) == cold, forged
            refused = engine.LAST_RUN["by_index"] == 0
            good = head.read_bytes(), index_file.read_bytes()
            stored = json.loads(good[1].partition(b"\n")[2])
            assert stored["index"] != forged or not refused  # a refused index is written anew from the files


def test_a_run_writes_the_index_file_only_when_many_files_changed_since(tmp_path: Path, monkeypatch: Any) -> None:
    """The head, written on every run, lists the few files changed since the index file was
    written; the index file is written again only when that list would grow too long."""
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    monkeypatch.setattr(incremental, "OVERLAY_MAX", 2)
    repo = start(tmp_path)
    lint_register(tmp_path, TODAY, incremental=True)
    index_file = memo_folder(tmp_path) / incremental.INDEX_FILE
    written = index_file.read_bytes()
    for record_id, changes in (("ACT-3", 1), ("ACT-4", 2), ("ACT-3", 2)):  # two files differ from the index file
        repo.write(f"actions/{record_id}.yaml", action(record_id, **{**START[record_id], "due": f"2026-0{changes + 4}-30"}))
        assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
        assert engine.LAST_RUN["by_index"] == 1
        assert index_file.read_bytes() == written
        assert len(head_meta(tmp_path)["meta"]["index"][1]) == changes
    repo.write("actions/ACT-1.yaml", action("ACT-1", **START["ACT-1"], due="2026-04-30"))  # a third
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert index_file.read_bytes() != written and head_meta(tmp_path)["meta"]["index"][1] == {}
    assert problems(tmp_path, TODAY, True) == problems(tmp_path, TODAY, False)
    assert engine.LAST_RUN["by_index"] == 1


def standing(root: Path) -> GitRepo:
    """The start register with standing problems on most files (owners no one knows, dates
    passed), every file's stat trusted at once."""
    repo = start(root)
    for record_id in ACTIONS:
        repo.write(f"actions/{record_id}.yaml", action(record_id, **{**START[record_id], "owner": "Nursing team",
                                                                     "due": "2025-12-01"}))
    return repo


def test_the_files_a_run_keeps_whole_are_joined_from_their_stored_output(tmp_path: Path, monkeypatch: Any) -> None:
    """After a one-file change, the other files' problems are neither built nor formatted again
    in any format: their stored output is joined, and the bytes are a cold run's."""
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = standing(tmp_path)
    for name, view in VIEWS:
        output(tmp_path, TODAY, True, name, view)  # the first run of a format stores its output
        repo.write("actions/ACT-3.yaml", action("ACT-3", **START["ACT-3"], owner="Nursing team",
                                                title=f"Mend the bed rails ({name} {view})"))
        again = output(tmp_path, TODAY, True, name, view)
        assert again == output(tmp_path, TODAY, False, name, view), name
        cold_problems = len(lint_register(tmp_path, TODAY).problems)
        output(tmp_path, TODAY, True, name, view)
        # ACT-3 and its risk relinted; the five other files with problems joined, none built
        assert (engine.LAST_RUN["by_index"], engine.LAST_RUN["relinted"], engine.LAST_RUN["stored_built"]) == (1, 0, 0)
        assert LAST_RENDER["joined"] >= 5 and LAST_RENDER["formatted"] < cold_problems / 2, (name, LAST_RENDER)


def test_stored_output_with_text_beyond_ascii_joins_to_a_cold_run_s_bytes(tmp_path: Path, monkeypatch: Any) -> None:
    """Where a file's stored items lie is counted in bytes of UTF-8: owners and titles written in
    other scripts, before and after the file a run relints, join to the very text a cold run gives."""
    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = start(tmp_path)
    owners = {"ACT-1": "Zoë Brontë", "ACT-2": "Łukasz Żółć", "ACT-3": "Nursing team", "ACT-4": "王芳 🙂"}
    for record_id, owner in owners.items():
        repo.write(f"actions/{record_id}.yaml", action(record_id, **{**START[record_id], "owner": owner,
                                                                     "due": "2025-12-01"}))
    for name, view in VIEWS:
        output(tmp_path, TODAY, True, name, view)
        repo.write("actions/ACT-3.yaml", action("ACT-3", **START["ACT-3"], owner="Équipe de nuit",
                                                title=f"Réparer les barrières ({name} {view})"))
        joined = output(tmp_path, TODAY, True, name, view)
        assert LAST_RENDER["joined"] >= 3, (name, LAST_RENDER)
        assert joined == output(tmp_path, TODAY, False, name, view), name


def test_a_stored_output_is_never_served_for_another_format_view_setting_or_version(
        tmp_path: Path, monkeypatch: Any) -> None:
    """The output memo is keyed on the lint memo's key (settings, day, frameworks), govtool's
    version, the format and what the view writes into each problem (colour, path prefix); a file's
    stored output is served only for its stored reports' stamp."""
    from govtool.lint.formats import stored

    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = standing(tmp_path)
    for name, view in VIEWS:
        output(tmp_path, TODAY, True, name, view)
    repo.write("govtool.yaml", MINIMAL_SETTINGS.replace("jane.smith", "jane.smith2"))
    for name, view in VIEWS:
        assert output(tmp_path, TODAY, True, name, view) == output(tmp_path, TODAY, False, name, view)
        assert LAST_RENDER["joined"] == 0  # the settings changed: everything relinted and formatted
    for name, view in VIEWS:  # stored again; then govtool itself changes
        output(tmp_path, TODAY, True, name, view)
    monkeypatch.setattr(stored, "memo_version", lambda: "another govtool")
    for name, view in VIEWS:
        assert output(tmp_path, TODAY, True, name, view) == output(tmp_path, TODAY, False, name, view)
        assert LAST_RENDER["joined"] == 0


def output_memos(root: Path) -> list[Path]:
    return sorted((root / ".git" / "govtool").glob("lint-output-*/*.txt"))


def test_a_forged_or_stale_stored_output_never_changes_the_answer(tmp_path: Path, monkeypatch: Any) -> None:
    """Stored outputs swapped between files, of the wrong types or places, from another key,
    truncated, or stale (a file's problems changed since) are formatted afresh, never served."""
    import json

    from govtool.cache.store import write_checked_bytes
    from govtool.lint.formats.stored import FORMAT

    monkeypatch.setattr(incremental, "RACY_NS", -(10 ** 12))
    repo = standing(tmp_path)
    name, view = "json", OutputView()
    output(tmp_path, TODAY, True, name, view)
    output(tmp_path, TODAY, True, name, view)
    cold = output(tmp_path, TODAY, False, name, view)
    [memo] = output_memos(tmp_path)
    good = memo.read_bytes()
    head, _, text = good.partition(b"\n")[2].partition(b"\n")
    index = json.loads(head)
    files = index["files"]
    a, b = "actions/ACT-1.yaml", "actions/ACT-2.yaml"

    def forge(forged: dict[str, Any], body: bytes = text) -> None:
        assert write_checked_bytes(memo, FORMAT, incremental.memo_version(),
                                   json.dumps({**index, **forged}).encode() + b"\n" + body)

    forged: list[dict[str, Any]] = [
        {**files, a: files[b], b: files[a]},  # swapped: each under the other's path
        {**files, a: [*files[a][:2], len(text) + 5, *files[a][3:]]},  # past the end of the text
        {**files, a: [files[a][0], 5, 1, *files[a][3:]]},
        {**files, a: [*files[a][:3], 1, "1", 0]},
        {**files, a: [*files[a][:3], 0, 0, 0]},
        {**files, a: files[a][:5]},
        {**files, a: "items"},
    ]
    for files_forged in forged:
        forge({"files": files_forged})
        assert output(tmp_path, TODAY, True, name, view) == cold, files_forged[a]
    forge({}, text[:-1] + b"\xff")  # not UTF-8
    assert output(tmp_path, TODAY, True, name, view) == cold
    memo.write_bytes(good[: len(good) // 2])
    assert output(tmp_path, TODAY, True, name, view) == cold
    forge({"key": ["another key", *index["key"][1:]]})
    assert output(tmp_path, TODAY, True, name, view) == cold
    assert LAST_RENDER["joined"] == 0
    # Stale: ACT-1's problems changed while its stored output stayed (restored from before).
    memo.write_bytes(good)
    repo.write("actions/ACT-1.yaml", action("ACT-1", **START["ACT-1"]))
    lint_register(tmp_path, TODAY, incremental=True)
    memo.write_bytes(good)
    assert output(tmp_path, TODAY, True, name, view) == output(tmp_path, TODAY, False, name, view)


def test_the_memo_index_columns_hold_every_value_or_none_of_the_index() -> None:
    """The index's per-file columns (a line per file) give back exactly what was written: None,
    one file, no file; a value a line cannot hold (a line break, NUL) leaves no index at all,
    and a stand-in whose fields cannot be kept is built from its stored summary instead."""
    def index(paths: list[str], signatures: list[str | None], ids: list[str | None],
              standins: list[str]) -> incremental.MemoIndex:
        return incremental.MemoIndex(paths, signatures, ids, [], [], {}, [], [], standins, ["d"] * len(paths),
                                     [None] * len(paths))

    for held in (index([], [], [], []), index(["a.yaml"], [None], [None], [""]),
                 index(["a.yaml", "b.yaml"], ["1:2:3:4", None], ["ACT-1", None], ["", ""])):
        assert incremental.MemoIndex.decode(held.encode()) == held
    assert index(["a\nb.yaml"], [None], [None], [""]).encode() is None
    assert index(["a.yaml"], [None], ["ACT-\x001"], [""]).encode() is None
    summary = incremental.Summary("action", "ACT-1", ["SRC-1", None, None, None, None], [], [],
                                  ["open", None, "2026-01-10", None])
    line = incremental.standin_of(summary)
    assert incremental.standin_fields(line) == [*summary.links, *summary.brief]
    odd = incremental.Summary("action", "ACT-1", ["SRC\n1", None, None, None, None], [], [],
                              ["open", None, None, None])
    assert incremental.standin_of(odd) == ""


# -- the history rules' reports kept between runs (govtool/lint/history_verdicts.py) ----------

#: fields whose change a history rule judges: due (silent-redate), status (status-regressed),
#: owner and title (silent-edit); "trail" edits a committed progress note (history-rewritten)
HISTORY_FIELDS = ("due", "status", "owner", "title")
HISTORY_STEP = st.one_of(
    st.tuples(st.just("set"), st.sampled_from(ACTIONS), st.sampled_from(HISTORY_FIELDS), st.integers(0, 3)),
    st.tuples(st.sampled_from(["trail", "stage", "unstage"]), st.sampled_from(ACTIONS), st.just(""), st.just(0)),
    st.tuples(st.sampled_from(["commit", "amend", "reset", "base", "tomorrow", "delete"]), st.just("ACT-1"),
              st.just(""), st.integers(0, 1)),
)


def with_history(root: Path) -> GitRepo:
    """The register of :func:`start`, then a commit that moves two due dates without a re-date
    entry, edits a note and regresses a status: problems for every history rule."""
    repo = start(root)
    for record_id in ACTIONS:
        notes = [{"date": "2026-01-20", "by": "jane.smith", "note": f"Started {record_id}."}]
        repo.write(f"actions/{record_id}.yaml", action(record_id, **START[record_id], updates=notes))
    repo.commit("Progress notes", date="2026-01-20")
    repo.write("actions/ACT-1.yaml", action("ACT-1", **{**START["ACT-1"], "due": "2026-05-31"},
                                            updates=[{"date": "2026-01-20", "by": "jane.smith", "note": "Edited."}]))
    repo.write("actions/ACT-2.yaml", action("ACT-2", **{**START["ACT-2"], "status": "in_progress"},
                                            updates=[{"date": "2026-01-20", "by": "jane.smith", "note": "Started ACT-2."}]))
    repo.commit("Quietly moved", date="2026-02-01")
    return repo


def history_fields(record_id: str) -> dict[str, Any]:
    return {**START[record_id], "updates": [{"date": "2026-01-20", "by": "jane.smith", "note": f"Started {record_id}."}]}


def apply_history(repo: GitRepo, fields: dict[str, dict[str, Any]], step: tuple[str, str, str, int],
                  today: dt.date, base: list[str | None], first: str) -> dt.date:
    """One step of the history property test: edits in the working tree, staged or unstaged,
    commits made, amended or undone (HEAD back to its parent), --base switched, the day moved."""
    what, record_id, name, choice = step
    relative = f"actions/{record_id}.yaml"
    commits = len(repo.log())
    if what == "set":
        values = FIELDS[name]
        fields[record_id][name] = values[choice % len(values)]
        repo.write(relative, action(record_id, **fields[record_id]))
    elif what == "trail":  # a trail entry edited in the working tree
        fields[record_id]["updates"] = [{**fields[record_id]["updates"][0], "note": "Rewritten afterwards."}]
        repo.write(relative, action(record_id, **fields[record_id]))
    elif what == "delete":
        (repo.path / relative).unlink(missing_ok=True)
    elif what == "stage":
        repo.git("add", "-A", "actions")
    elif what == "unstage":
        repo.git("reset", "-q", "--", "actions")
    elif what == "commit":
        repo.commit(f"Step {commits}", date=f"2026-03-{commits:02d}")
    elif what == "amend":
        repo.git("add", "-A")
        repo.git("commit", "-q", "--amend", "--allow-empty", "-m", f"Amended {commits}", date=f"2026-04-{commits:02d}")
    elif what == "reset" and commits > 1:
        repo.git("reset", "-q", "--soft" if choice else "--mixed", "HEAD~1")
    elif what == "base":
        base[0] = first if base[0] is None else None
    elif what == "tomorrow":
        return today + dt.timedelta(days=1)
    return today


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HISTORY_STEP, min_size=1, max_size=7))
def test_kept_history_reports_give_the_cold_answer_whatever_happens_to_head(
        steps: list[tuple[str, str, str, int]]) -> None:
    """The history rules' reports are kept between runs by record; after every step (an edit
    staged, unstaged or left in the working tree, a trail entry rewritten, a commit made,
    amended or undone, --base switched, the day moved) the answer of the plain run and of
    ``--staged`` is a cold run's."""
    folder = Path(tempfile.mkdtemp(prefix="govtool-incremental-history-"))
    try:
        repo = with_history(folder)
        first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
        today = TODAY
        base: list[str | None] = [None]
        fields = {record_id: history_fields(record_id) for record_id in ACTIONS}

        def answer(staged: bool, incremental: bool) -> list[tuple[Any, ...]]:
            result = lint_register(folder, today, base=base[0], staged=staged, incremental=incremental)
            return [(p.rule, p.severity, p.path, p.line, p.record, p.message) for p in result.problems]

        rules = {found[0] for found in answer(False, False)}
        assert {"silent-redate", "history-rewritten", "status-regressed"} <= rules
        for step in [("stage", "", "", 0), *steps]:
            today = apply_history(repo, fields, step, today, base, first)
            for staged in (True, False):
                assert answer(staged, True) == answer(staged, False), (step, staged)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_history_rules_judge_only_the_records_whose_changes_or_content_changed(tmp_path: Path) -> None:
    repo = with_history(tmp_path)
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()

    def judged(today: dt.date = TODAY, base: str | None = None, staged: bool = True) -> int:
        found = lint_register(tmp_path, today, base=base, staged=staged, incremental=True).problems
        assert found == lint_register(tmp_path, today, base=base, staged=staged, incremental=False).problems
        return int(engine.LAST_RUN["history_judged"])

    assert judged() == 2  # the first run judges every record with a change to judge: ACT-1, ACT-2
    assert judged() == 0  # nothing changed: every report is the kept one
    assert engine.LAST_RUN["history_kept"] == 2
    repo.write("actions/ACT-3.yaml", action("ACT-3", **{**history_fields("ACT-3"), "due": "2026-06-30"}))
    assert judged() == 0  # not staged: the staged run's answer cannot have changed
    assert judged(staged=False) == 3  # the working tree's run keeps its own
    assert judged(staged=False) == 0
    repo.git("add", "actions/ACT-3.yaml")
    assert (judged(), engine.LAST_RUN["history_kept"]) == (1, 2)  # ACT-3 alone
    repo.git("reset", "-q", "--", "actions/ACT-3.yaml")
    assert (judged(), engine.LAST_RUN["history_kept"]) == (0, 2)  # unstaged again: ACT-3 has no change
    repo.git("add", "actions/ACT-3.yaml")
    assert judged() == 0  # staged as two runs ago: the same inputs, its reports kept then
    repo.commit("ACT-3 moved", date="2026-03-01")
    assert (judged(), engine.LAST_RUN["history_kept"]) == (1, 2)  # a new commit on top: the record it changed
    repo.git("reset", "-q", "--soft", "HEAD~1")
    assert judged() == 3  # HEAD moved back: nothing kept is trusted
    assert judged(TODAY + dt.timedelta(days=1)) == 3  # another day
    assert judged(TODAY + dt.timedelta(days=1), base=first) == 3  # another --base


def verdicts_file(root: Path) -> Path:
    [found] = (root / ".git" / "govtool").glob("lint-history-verdicts-staged-*")
    return found


def test_forged_or_stale_kept_history_reports_never_change_the_answer(tmp_path: Path) -> None:
    """Kept reports count only under their key, at HEAD's commit (or an ancestor of it), for the
    record and the inputs their fingerprint names, and only when every part has the right type."""
    import json

    from govtool.cache.store import write_checked
    from govtool.lint.history_verdicts import FORMAT

    repo = with_history(tmp_path)
    staged = lambda: lint_register(tmp_path, TODAY, staged=True, incremental=True).problems  # noqa: E731
    cold = lint_register(tmp_path, TODAY, staged=True, incremental=False).problems
    assert [p for p in cold if p.rule == "silent-redate"] and staged() == cold
    path = verdicts_file(tmp_path)
    good = path.read_bytes()
    body = json.loads(good.partition(b"\n")[2])
    records = body["records"]
    a, b = "ACT-1", "ACT-2"

    def forged(**changed: Any) -> dict[str, Any]:
        return {**body, **changed}

    parent = repo.git("rev-parse", "HEAD~1").strip()
    cases: list[Any] = [
        forged(records={**records, a: records[b], b: records[a]}),  # swapped between records
        forged(records={**records, a: [records[a][0], [["silent-redate", "x", "1", "m", None]]]}),
        forged(records={**records, a: [records[a][0], [["no-such-rule", "x", 1, "m", None]]]}),
        forged(records={**records, a: [records[a][0], [["silent-redate", "x", 1, "m", None, "commit", "extra"]]]}),
        forged(records={**records, a: [records[a][0], [["silent-redate", "x", 1, "m", None, "yesterday"]]]}),
        forged(records={**records, a: [records[a][0], [["silent-redate", "x", 1, "m", None]]]}),  # no change named
        forged(records={**records, a: [records[a][0]]}),
        forged(records={**records, a: "nothing"}),
        forged(records=[]),
        forged(key="0" * 32),  # another key: other settings, day, --base or rules
        forged(tip=parent),  # kept at an ancestor of HEAD: each record's fingerprint still decides
        forged(tip="f" * 40),  # no such commit
        forged(tip="--output=x"),  # never handed to Git
        forged(tip=None),
        "not a mapping",
    ]
    for case in cases:
        assert write_checked(path, FORMAT, 1, case)
        assert staged() == cold, case
    # Stale: kept before ACT-1's due date was moved again and staged, then put back.
    repo.write("actions/ACT-1.yaml", action("ACT-1", **{**history_fields("ACT-1"), "due": "2026-09-30"}))
    repo.git("add", "actions/ACT-1.yaml")
    now = lint_register(tmp_path, TODAY, staged=True, incremental=False).problems
    assert now != cold
    path.write_bytes(good)
    assert staged() == now
    assert engine.LAST_RUN["history_judged"] == 1
    repo.git("reset", "-q", "--", "actions/ACT-1.yaml")
    path.write_bytes(good[: len(good) // 2])  # truncated
    assert staged() == cold
    path.write_bytes(good)
    assert staged() == cold
    assert engine.LAST_RUN["history_judged"] == 0  # the file as written is used


def test_commits_that_change_a_record_and_put_it_back_are_judged(tmp_path: Path) -> None:
    """Two new commits move ACT-1's due date and move it back: its file and its uncommitted
    changes are as at the last run, but it has two new changes to judge (the kept reports name
    a record's commits)."""
    repo = with_history(tmp_path)
    staged = lambda: lint_register(tmp_path, TODAY, staged=True, incremental=True).problems  # noqa: E731
    redates = lambda found: [p for p in found if p.record == "ACT-1" and p.rule == "silent-redate"]  # noqa: E731
    before = staged()
    original = (tmp_path / "actions" / "ACT-1.yaml").read_text(encoding="utf-8")
    repo.write("actions/ACT-1.yaml", original.replace("due: '2026-05-31'", "due: '2026-08-31'"))
    repo.commit("Moved", date="2026-03-01")
    repo.write("actions/ACT-1.yaml", original)
    repo.commit("Moved back", date="2026-03-02")
    after = staged()
    assert after == lint_register(tmp_path, TODAY, staged=True, incremental=False).problems
    assert (engine.LAST_RUN["history_judged"], engine.LAST_RUN["history_kept"]) == (1, 1)
    assert len(redates(after)) == len(redates(before)) + 2
