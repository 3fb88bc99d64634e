"""The README's five-minute tour works as written: every command, in order, in a new folder.

The IDs in the README (SRC-A7XWZC, ACT-RP4BM4) are random; each is replaced by the one the
run printed. Shell lines that are not govtool (cd, printf) run in a real shell.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

from tests.conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def _tour_commands() -> list[str]:
    tour = README.split("## A five-minute tour", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    commands, current = [], ""
    for line in tour.splitlines():
        if line.startswith("$ "):
            current = line[2:]
        elif current and line.startswith("    "):
            current = current[:-1].rstrip() + " " + line.strip()  # a continued line ("\\" then indent)
        else:
            continue
        if not current.endswith("\\"):
            commands.append(current.split("  #")[0].strip())
            current = ""
    return commands


def test_the_tour_runs_as_written(tmp_path: Path, cli) -> None:
    commands = _tour_commands()
    assert any(c.startswith("govtool complete") for c in commands)
    here, ids = tmp_path, {}
    for command in commands:
        for written, real in ids.items():
            command = command.replace(written, real)
        if command.startswith("cd "):
            here = here / command[3:].strip()
            continue
        if not command.startswith("govtool "):
            done = subprocess.run(command, shell=True, cwd=here, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, (command, done.stderr)
            continue
        result = cli(*shlex.split(command)[1:], cwd=here)
        assert result.exit_code == 0, (command, result.output)
        for written in re.findall(r"\b(?:SRC|ACT)-[A-Z0-9]{6}\b", README):
            made = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
            if written not in ids and made[:4] == written[:4] and re.fullmatch(r"(SRC|ACT)-[0-9A-Z]+", made):
                ids[written] = made
    log = subprocess.run(["git", "log", "--format=%s"], cwd=here, capture_output=True, text=True).stdout
    action = ids["ACT-RP4BM4"]
    assert log.splitlines()[:2] == [f"{action}: closed", f"{action}: completed"]
    assert (here / "response.html").is_file()


def test_the_first_command_lints_the_example_as_of_the_day_its_faults_are_listed_for() -> None:
    first = README.split("```sh\n", 1)[1].splitlines()[0]
    assert "govtool -C examples/register lint --as-of 2026-11-26" in first
    listed = (PROJECT_ROOT / "examples" / "register" / "README.md").read_text(encoding="utf-8")
    assert "2026-11-26" in listed
