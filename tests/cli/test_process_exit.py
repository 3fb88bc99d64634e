"""The govtool executable ends its process at once after a command (see ``govtool.cli.run``):
its output must still arrive whole, its exit status must still say what happened, and a
reader that stops early must not get a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_a_large_output_through_a_pipe_arrives_whole(cli) -> None:
    example = PROJECT_ROOT / "examples" / "register"
    done = cli.subprocess("lint", "--as-of", "2026-11-26", "--format", "sarif", cwd=example)
    assert done.returncode == 1, done.stderr  # the example register has planted faults
    sarif = json.loads(done.stdout)  # cut short, this would not parse
    assert len(sarif["runs"][0]["results"]) > 5
    assert len(done.stdout) > 20_000


def test_exit_statuses_survive_the_quick_exit(tmp_path, cli) -> None:
    assert cli.subprocess("--version", cwd=tmp_path).returncode == 0
    usage = cli.subprocess("lint", "--no-such-option", cwd=tmp_path)
    assert usage.returncode == 2 and "No such option" in usage.stderr
    assert cli.subprocess("list", cwd=tmp_path).returncode == 2  # no register here


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `govtool lint --format sarif | head -1`: the pipe closes under govtool while it writes
    # (here before it writes at all, so that the broken pipe happens on every run).
    govtool = subprocess.Popen([sys.executable, "-m", "govtool", "lint", "--format", "sarif"], env=_env(),
                               cwd=PROJECT_ROOT / "examples" / "register",
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert govtool.stdout is not None and govtool.stderr is not None
    govtool.stdout.close()
    errors = govtool.stderr.read().decode()
    assert govtool.wait(timeout=60) == 1
    assert "Traceback" not in errors and "Error" not in errors, errors


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", [("rules",), ("--version",), ("lint", "--format", "sarif")])
def test_output_that_cannot_be_written_is_an_error_in_one_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:  # every write fails: "No space left on device"
        done = subprocess.run([sys.executable, "-m", "govtool", *args], env=_env(),
                              cwd=PROJECT_ROOT / "examples" / "register",
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("govtool: error: ") and "No space left on device" in done.stderr
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr
