"""Fast, targeted regression tests for the bugs the hostile corpus found (one per bug)."""

from __future__ import annotations

import json
import os
import signal
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest

from govtool.register.load import load_register
from govtool.register.safefile import read_record_bytes
from govtool.register.yamlload import MAX_FILE_BYTES, YamlProblem, load_yaml
from govtool.report.markdown import escape
from govtool.support.terminal import dumps_json, printable
from govtool.views.export import export_table, to_csv, to_json, write_xlsx
from tests.conftest import GitRepo

ACTION = """\
id: ACT-ONE
title: Record every night check on the falls chart
source: SRC-ONE
owner: jane.smith
created: 2026-01-05
due: 2026-06-30
status: in_progress
measure:
  target: "\\e[2J\\e]0;owned\\a 10 of 10 nights \\x9b31m"
"""
SOURCE = "id: SRC-ONE\ntype: audit\ntitle: Night audit\ndate: 2026-01-02\n"


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail (instead of hanging the suite for ever) if the code under test blocks on a FIFO.

    A hang guard, not a timing assertion: refusing a FIFO takes microseconds, and a process
    blocked in open() uses no CPU, so only a real-time alarm can catch it; the limit is generous
    enough that no loaded machine reaches it without the bug."""
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("blocked: the code under test hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _rules(register_root: Path) -> dict[str, str]:
    return {str(p.path): p.rule for p in load_register(register_root).problems}


def test_a_named_pipe_record_is_reported_not_read(register: GitRepo, cli: object, alarm: None) -> None:
    """Bug: `govtool update` blocked forever reading actions/ACT-X.yaml when it was a FIFO."""
    os.mkfifo(register.path / "actions" / "ACT-PIPE.yaml")
    assert _rules(register.path)["actions/ACT-PIPE.yaml"] == "not-text"
    result = cli("update", "ACT-PIPE", "--note", "Re-audit begun", "--by", "jane.smith", "--no-commit", cwd=register.path)
    assert result.exit_code == 2 and "named pipe" in result.stderr


def test_a_settings_pipe_is_named_in_the_error(register: GitRepo, cli: object, alarm: None) -> None:
    (register.path / "govtool.yaml").unlink()
    os.mkfifo(register.path / "govtool.yaml")
    result = cli("list", cwd=register.path)
    assert result.exit_code == 2 and "govtool.yaml" in result.stderr and "named pipe" in result.stderr


def test_a_symbolic_link_loop_is_a_problem_not_a_crash(register: GitRepo, cli: object) -> None:
    """Bug: RuntimeError('Symlink loop') from Path.resolve() made every command exit 70."""
    os.symlink("ACT-LOOP.yaml", register.path / "actions" / "ACT-LOOP.yaml")
    assert _rules(register.path)["actions/ACT-LOOP.yaml"] == "unsafe-path"
    result = cli("update", "ACT-LOOP", "--note", "Re-audit begun", "--by", "jane.smith", "--no-commit", cwd=register.path)
    assert result.exit_code == 2 and "loops" in result.stderr


def test_a_record_folder_that_links_out_of_the_register_is_refused(register: GitRepo, tmp_path: Path) -> None:
    """Bug: only links to *files* were checked, so actions/ -> /elsewhere loaded outside records."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "ACT-ONE.yaml").write_text(ACTION)
    (register.path / "actions").rmdir()
    os.symlink(outside, register.path / "actions")
    loaded = load_register(register.path)
    assert loaded.actions == {}
    assert [(str(p.path), p.rule) for p in loaded.problems] == [("actions", "unsafe-path")]


def test_a_folder_named_like_a_record_is_a_problem_not_a_crash(register: GitRepo) -> None:
    """Bug: os.fdopen on a folder's descriptor raised IsADirectoryError (exit 70)."""
    (register.path / "actions" / "ACT-DIR.yaml").mkdir()
    assert _rules(register.path)["actions/ACT-DIR.yaml"] == "not-text"


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A sparse 4 GiB file: refused from its size, in no time and no memory."""
    huge = tmp_path / "ACT-HUGE.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(4 << 30)
    tracemalloc.start()
    try:
        with pytest.raises(YamlProblem) as refused:
            read_record_bytes(huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.kind == "file-too-large" and "4,294,967,296" in refused.value.message
    assert peak < 1 << 20, f"{peak:,} bytes allocated: the file was read"


def test_many_small_values_are_refused_quickly() -> None:
    """Bug: a 1 MiB flow list of 200,000 values was composed in full (1.3 s a command) first.

    The work is bounded by memory, not the clock: composing all 200,000 nodes allocates about
    80 MB, stopping at the node limit about 1 MB."""
    raw = b"id: ACT-X\ndescription: [" + b", ".join([b"x"] * 200_000) + b"]\n"
    assert len(raw) < MAX_FILE_BYTES
    tracemalloc.start()
    try:
        with pytest.raises(YamlProblem) as refused:
            load_yaml(raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.kind == "too-complex"
    assert peak < 4 << 20, f"{peak:,} bytes allocated: the list was composed before the limit"


def test_control_characters_reach_no_terminal_and_no_spreadsheet(register: GitRepo, cli: object, tmp_path: Path) -> None:
    """Bugs: ESC sequences from a record reached the terminal (show, Markdown, CSV, lint text),
    and openpyxl refused the whole workbook for one control character (exit 70)."""
    register.write("sources/SRC-ONE.yaml", SOURCE)
    register.write("actions/ACT-ONE.yaml", ACTION)
    for args in (["show", "ACT-ONE"], ["export"], ["report", "action-plan"], ["lint"], ["list"]):
        result = cli(*args, cwd=register.path)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "\x1b" not in result.output and "\x9b" not in result.output and "\x07" not in result.output, args
    result = cli("export", "--format", "xlsx", "-o", tmp_path / "plan.xlsx", cwd=register.path)
    assert result.exit_code == 0, result.stderr
    from openpyxl import load_workbook

    cells = [c.value for row in load_workbook(tmp_path / "plan.xlsx").active.iter_rows() for c in row]
    assert any(isinstance(v, str) and "10 of 10 nights" in v and "\ufffd" in v for v in cells)


def test_json_keeps_the_data_but_escapes_every_control_character() -> None:
    text = dumps_json({"note": "a\x1bb\x9bc\x7fd é"})
    assert not any(ch in text for ch in "\x1b\x9b\x7f") and "é" in text
    assert json.loads(text) == {"note": "a\x1bb\x9bc\x7fd é"}


def test_printable_and_markdown_keep_text_but_not_controls() -> None:
    assert printable("tab\tand\nnewline\x1b[31m") == "tab\tand\nnewline\ufffd[31m"
    assert "\x1b" not in escape("\x1b[2J red")


def test_bidirectional_controls_cannot_reorder_what_a_terminal_shows(register: GitRepo, cli: object) -> None:
    """Noticed earlier, fixed now: U+202E in a title reversed what `show` and lint displayed."""
    assert printable("Close \u202eeno\u202c, ask \u2067x\u2069") == "Close \ufffdeno\ufffd, ask \ufffdx\ufffd"
    assert printable("שלום Jane") == "שלום Jane"  # right-to-left text itself needs no controls
    register.write("sources/SRC-ONE.yaml", SOURCE)
    register.write("actions/ACT-ONE.yaml", ACTION.replace(
        "title: Record every night check on the falls chart", 'title: "Improve \\u202edesserp\\u202c care"'))
    for args in (["show", "ACT-ONE"], ["lint"], ["list"], ["report", "action-plan"],
                 ["report", "action-plan", "--format", "html"], ["report", "source", "SRC-ONE", "--format", "html"]):
        result = cli(*args, cwd=register.path)
        assert "desserp" in result.output or args == ["lint"], args  # the title is shown, its controls are not
        assert not any(ch in result.output for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), args


def test_csv_and_xlsx_cells_are_defused(register: GitRepo, tmp_path: Path) -> None:
    register.write("sources/SRC-ONE.yaml", SOURCE)
    register.write("actions/ACT-ONE.yaml", ACTION.replace("title: Record", "title: =cmd|' /C calc'!A0 Record"))
    table = export_table(load_register(register.path), today=__import__("datetime").date(2026, 3, 1))
    assert "'=cmd|" in to_csv(table) and "\x1b" not in to_csv(table)
    assert "=cmd|" in to_json(table)
    write_xlsx(table, tmp_path / "x.xlsx")
    from openpyxl import load_workbook

    assert all(c.data_type != "f" for row in load_workbook(tmp_path / "x.xlsx").active.iter_rows() for c in row)
    assert not list(tmp_path.glob(".*.tmp"))


def test_utf16_is_named_as_such() -> None:
    """Was: 'binary file (contains NUL bytes)', which sends the user looking for the wrong fix."""
    with pytest.raises(YamlProblem) as refused:
        load_yaml("id: ACT-X\n".encode("utf-16"))
    assert refused.value.kind == "not-utf8" and "UTF-16" in refused.value.message


def _lines_run_in(module_file: str, work: Callable[[], object]) -> int:
    """How many lines of ``module_file`` run while ``work`` runs (a count of work, not a time)."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Callable[..., object] | None:
        nonlocal count
        if frame.f_code.co_filename != module_file:
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def test_trail_date_order_is_linear_in_the_trails_length(register: GitRepo) -> None:
    """Bug: trail-date-order looked for each entry's predecessor by scanning the whole trail,
    so a file of a few thousand progress notes (well inside the size and value limits) took
    24 s to lint instead of 1. The work per entry must not grow with the trail."""
    from govtool.lint.rules import dates

    def lines_for(notes: int) -> int:
        updates = "".join(f"  - {{date: 2026-02-{1 + i % 27:02d}, by: jane.smith, note: Night check done}}\n"
                          for i in range(notes))
        register.write("actions/ACT-ONE.yaml", ACTION + "updates:\n" + updates)
        action = load_register(register.path).actions["ACT-ONE"]
        return _lines_run_in(dates.__file__, lambda: list(dates._out_of_order(action)))

    small, large = lines_for(100), lines_for(800)
    assert large < 12 * small  # eight times the notes: about eight times the work, not sixty-four
