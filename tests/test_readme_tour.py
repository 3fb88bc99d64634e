"""The README's five-minute tour works as written: every command, in order, in a new folder.

The IDs in the README (SRC-A7XWZC, ACT-RP4BM4) are random; each is replaced by the one the
run printed. Shell lines that are not govtool (cd, printf) run in a real shell.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

import govtool.cli
from govtool.cli.session import Session
from tests.conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
#: The day the README's tour and docs/tour.md were run: their fixed dates (due 31/01/2027, a
#: milestone on 15/01/2027, ...) are in the future on that day, so every command runs on it.
TOUR_DAY = "2026-11-26"


@pytest.fixture
def on_the_tour_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every govtool command of the tour runs on TOUR_DAY and commits dated then, whatever day
    the test runs: each command's today comes from its Session, and Git's dates from these two."""
    day = dt.date.fromisoformat(TOUR_DAY)
    monkeypatch.setattr(govtool.cli, "Session", lambda start: Session(start=start, today=day))
    for key in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(key, f"{TOUR_DAY}T12:00:00+00:00")


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


def test_the_tour_runs_as_written(tmp_path: Path, cli, on_the_tour_day: None) -> None:
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


TOUR = (PROJECT_ROOT / "docs" / "tour.md").read_text(encoding="utf-8")


def _tour_steps() -> list[tuple[str, str, list[str]]]:
    """(section, command, the output the tour shows for it), in order, from every console block."""
    steps: list[tuple[str, str, list[str]]] = []
    section = ""
    in_block = False
    for line in TOUR.splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif line.startswith("```console"):
            in_block = True
        elif line.startswith("```"):
            in_block = False
        elif in_block and line.startswith("$ "):
            steps.append((section, line[2:].split("   #")[0].strip(), []))
        elif in_block:
            steps[-1][2].append(line)
    return steps


def _normal(lines: list[str], ids: dict[str, str], today: str) -> list[str]:
    """Output with what differs from run to run made the same: IDs as the tour wrote them,
    commit hashes, and the day of the run."""
    text = "\n".join(line.rstrip() for line in lines)
    for written, real in ids.items():
        text = text.replace(real, written)
    text = re.sub(r"\b[0-9a-f]{7}\b", "HASH", text).replace(today, TOUR_DAY)
    return text.strip("\n").splitlines()


def test_every_output_in_the_tour_is_what_govtool_prints(tmp_path: Path, cli, monkeypatch,
                                                         on_the_tour_day: None) -> None:
    for key in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(key, "Jane Smith")  # the tour's Jane runs every command: her email is in the directory
    for key in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(key, "jane.smith@willowbrook.example")
    monkeypatch.setenv("COLUMNS", "100")
    today = TOUR_DAY  # the day every command runs on: no date in the outputs needs changing back
    here, ids, status, differ = tmp_path, {}, 0, []
    steps = _tour_steps()
    assert len(steps) >= 25
    for section, command, shown in steps:
        for written, real in ids.items():
            command = command.replace(written, real)
        where = here
        if section.startswith("5a."):  # "the rest of this tour follows the action as first closed"
            where = tmp_path / "5a"
            if not where.exists():
                shutil.copytree(here, where, symlinks=True)
        if command.startswith("cd "):
            here = here / command[3:].strip()
            continue
        if command == "echo $?":
            output = [str(status)]
        elif command.startswith("govtool "):
            monkeypatch.chdir(where)  # the reader stands in the tour's folder ('wrote FILE' is said from there)
            result = cli(*shlex.split(command)[1:], cwd=where)
            status, output = result.exit_code, result.output.splitlines()
            made = output[-1] if output else ""
            for written in re.findall(r"\b(?:SRC|ACT)-[A-Z0-9]{6}\b", "\n".join(shown)):
                if written not in ids and re.fullmatch(r"(SRC|ACT)-[0-9A-Z]{6}", made) and made[:4] == written[:4]:
                    ids[written] = made
        else:
            done = subprocess.run(command, shell=True, cwd=where, capture_output=True, text=True, timeout=60)
            status, output = done.returncode, (done.stdout + done.stderr).splitlines()
        if _normal(output, ids, today) != _normal(shown, ids, today):
            differ.append("\n".join([f"{section}: $ {command}", "  the tour shows:", *_normal(shown, ids, today),
                                      "  govtool prints:", *_normal(output, ids, today)]))
    assert not differ, "\n\n".join(differ)
    _the_files_are_as_the_tour_shows(here, ids, today)


def _the_files_are_as_the_tour_shows(root: Path, ids: dict[str, str], today: str) -> None:
    """The tour's YAML: the people in govtool.yaml, the source and the closed action, as written."""
    people, source, action = re.findall(r"```yaml\n(.*?)```", TOUR, flags=re.DOTALL)
    assert people in (root / "govtool.yaml").read_text(encoding="utf-8")
    for shown, written in ((source, "SRC-A7XWZC"), (action, "ACT-RP4BM4")):
        folder = "sources" if written.startswith("SRC") else "actions"
        text = (root / folder / f"{ids[written]}.yaml").read_text(encoding="utf-8")
        assert _normal(text.splitlines(), ids, today) == _normal(shown.splitlines(), ids, today), written
