"""lint's command-line habits: colour on a real terminal, --base/--require-history, --select,
--ignore, --quiet, --exit-zero, --output-file and shell completion."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT, GitRepo
from tests.lint.casebuild import base_files, write_files
from tests.lint.test_formats import LATE, make

ESC = "\x1b["


def _through_a_terminal(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """govtool lint run with its standard output on a real pseudo-terminal; what it printed."""
    primary, secondary = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {}, PYTHONPATH=str(PROJECT_ROOT), TERM="xterm")
    process = subprocess.Popen([sys.executable, "-m", "govtool", "lint", "--as-of", "2026-11-26", *args],
                               cwd=root, env=environment, stdout=secondary, stderr=subprocess.DEVNULL)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(primary)
    assert process.wait(timeout=60) == 1
    return b"".join(chunks).decode("utf-8")


def test_colour_on_a_real_terminal_is_escape_codes_not_replacement_characters(tmp_path: Path) -> None:
    # A title holding an escape sequence of its own: that one must still be made inert.
    hostile = LATE.replace("ACT-LATE", "ACT-EVIL").replace("owner: jane.smith", 'owner: "\\e[2Jnobody"')
    root = make(tmp_path, **{"actions/ACT-EVIL.yaml": hostile})
    shown = _through_a_terminal(root)
    assert ESC + "1m" in shown and ESC + "31m" in shown  # bold path, red "error"
    assert "\ufffd" not in shown  # no colour code was spoiled
    assert ESC + "2J" not in shown  # the register's own escape sequence never reaches the terminal
    plain = _through_a_terminal(root, env={"NO_COLOR": "1"})
    assert ESC not in plain and "error overdue" in plain
    assert ESC not in _through_a_terminal(root, "--color", "never")


def test_force_color_and_color_always_colour_a_pipe(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert ESC not in cli("lint", "--as-of", "2026-11-26", cwd=root).stdout
    assert ESC + "31m" in cli("lint", "--as-of", "2026-11-26", "--color", "always", cwd=root).stdout
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ESC + "31m" in cli("lint", "--as-of", "2026-11-26", cwd=root).stdout
    assert ESC not in cli("lint", "--as-of", "2026-11-26", "--color", "never", cwd=root).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESC not in cli("lint", "--as-of", "2026-11-26", cwd=root).stdout


def test_a_base_that_does_not_exist_exits_2_in_one_line(register: GitRepo, cli) -> None:
    result = cli("lint", "--base", "origin/mian", cwd=register.path)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--base origin/mian: no such revision" in result.stderr
    assert result.stdout == ""


def test_require_history_turns_a_shallow_clone_into_exit_2(register: GitRepo, cli, tmp_path: Path) -> None:
    register.commit("Second commit", date="2026-01-06")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{register.path}", str(clone)], check=True)
    relaxed = cli("lint", cwd=clone)
    assert relaxed.exit_code == 0 and "history rules skipped" in relaxed.stderr and "shallow clone" in relaxed.stderr
    strict = cli("lint", "--require-history", cwd=clone)
    assert strict.exit_code == 2 and strict.stderr.count("\n") == 1
    assert "--require-history" in strict.stderr and "fetch-depth: 0" in strict.stderr


def test_require_history_outside_git_exits_2(tmp_path: Path, cli) -> None:
    root = make(tmp_path)
    assert cli("lint", "--as-of", "2026-11-26", cwd=root).exit_code == 1
    result = cli("lint", "--as-of", "2026-11-26", "--require-history", cwd=root)
    assert result.exit_code == 2 and "not in a Git repository" in result.stderr


def test_select_ignore_exit_zero_and_quiet(tmp_path: Path, cli) -> None:
    root = make(tmp_path)
    only = cli("lint", "--as-of", "2026-11-26", "--select", "GT212", cwd=root)
    assert only.exit_code == 0 and "missing-measure" in only.stdout and "overdue" not in only.stdout
    without = cli("lint", "--as-of", "2026-11-26", "--ignore", "overdue,missing-measure", cwd=root)
    assert (without.exit_code, without.stdout) == (0, "No problems found.\n")
    typo = cli("lint", "--select", "overdeu", cwd=root)
    assert typo.exit_code == 2 and "did you mean 'overdue'" in typo.stderr
    zero = cli("lint", "--as-of", "2026-11-26", "--exit-zero", cwd=root)
    assert zero.exit_code == 0 and "1 error, 1 warning" in zero.stdout
    quiet = cli("lint", "--as-of", "2026-11-26", "-q", cwd=root)
    assert quiet.exit_code == 1 and len(quiet.stdout.splitlines()) == 2 and "1 error" not in quiet.stdout
    assert cli("lint", "--as-of", "2026-11-26", "-q", "--ignore", "overdue,missing-measure", cwd=root).stdout == ""


def test_output_file_writes_sarif_while_the_screen_gets_text(tmp_path: Path, cli) -> None:
    root = make(tmp_path)
    (root / "out").mkdir()  # an output file's folder must exist (a missing one is refused: a typo)
    result = cli("lint", "--as-of", "2026-11-26", "--output-file", "out/lint.sarif", "--output-file",
                 "json:problems.out", cwd=root)
    assert result.exit_code == 1 and result.stdout.endswith("1 error, 1 warning in 1 file\n")
    sarif = json.loads((root / "out" / "lint.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["missing-measure", "overdue"]
    assert [p["rule"] for p in json.loads((root / "problems.out").read_text(encoding="utf-8"))] == [
        "missing-measure", "overdue"]
    unknown = cli("lint", "--output-file", "lint.xml", cwd=root)
    assert unknown.exit_code == 2 and "sarif:lint.xml" in unknown.stderr


def _complete(words: str, cwd: Path) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), _GOVTOOL_COMPLETE="bash_complete",
               COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    script = "import sys; from govtool.cli import main; main(prog_name='govtool')"
    done = subprocess.run([sys.executable, "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


def test_shell_completion_completes_ids_and_rule_names(tmp_path: Path) -> None:
    root = make(tmp_path, **{"actions/ACT-LATE2.yaml": LATE.replace("ACT-LATE", "ACT-LATE2")})
    assert _complete("govtool update act-la", root) == ["ACT-LATE", "ACT-LATE2"]
    assert _complete("govtool show SRC", root) == ["SRC-BASE"]
    assert "overdue,silent-redate" in _complete("govtool lint --select overdue,silent", root)
    assert all(c.startswith("overdue,silent-") for c in _complete("govtool lint --select overdue,silent", root))
    assert _complete("govtool lint --explain GT206", root) == ["overdue"]


def test_the_documented_completion_line_produces_a_script(tmp_path: Path) -> None:
    docs = (PROJECT_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert 'eval "$(_GOVTOOL_COMPLETE=bash_source govtool)"' in docs
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), _GOVTOOL_COMPLETE="bash_source")
    script = "from govtool.cli import main; main(prog_name='govtool')"
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert "complete -o nosort -F _govtool_completion govtool" in done.stdout


def test_without_git_history_is_a_notice_or_with_require_history_exit_2(register: GitRepo) -> None:
    """A machine with no git program: lint still runs (a notice), unless CI requires history."""
    write_files(register.path, base_files())
    register.commit("The plan", date="2026-11-01")
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), PATH=str(register.path / "no-git-here"))
    env.pop("GIT_PYTHON_GIT_EXECUTABLE", None)

    def lint(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "govtool", "lint", "--as-of", "2026-11-26", *args],
                              cwd=register.path, env=env, capture_output=True, text=True, timeout=60)

    relaxed = lint()
    assert relaxed.returncode == 0 and "history rules skipped" in relaxed.stderr and "Git cannot be run" in relaxed.stderr
    strict = lint("--require-history")
    assert strict.returncode == 2 and strict.stderr.count("\n") == 1 and "Git cannot be run" in strict.stderr
