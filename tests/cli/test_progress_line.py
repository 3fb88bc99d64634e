"""The progress line: only on a terminal, only once the work has taken a second."""

from __future__ import annotations

import pytest

from govtool.cli.progress import ProgressLine


def test_a_quick_run_prints_nothing_and_a_slow_one_counts_then_clears(capsys: pytest.CaptureFixture[str]) -> None:
    line = ProgressLine("importing", "rows")
    line.enabled = True  # as on a terminal
    line(1, 3)
    assert capsys.readouterr().err == ""  # under a second in
    line.started -= ProgressLine.DELAY  # the work has now taken a second
    line(2, 3)
    line.close()
    assert capsys.readouterr().err == "\rimporting: 2/3 rows\r" + " " * 19 + "\r"


def test_nothing_is_printed_off_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    line = ProgressLine("importing", "rows")
    line.enabled = False
    line.started -= 10
    line(2, 3)
    line.close()
    assert capsys.readouterr().err == ""
