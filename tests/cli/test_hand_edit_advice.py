"""Lint's advice on a change made by hand can be followed as printed, and following it clears it.

The trial that found this: a measure baseline typed by hand went into a commit; lint said "make
the change with govtool edit ... --reason ...", which she did, and the warning stayed (a later
edit entry records the value it replaces, not the change made before it); only a hand-written
``lint.acknowledged`` entry cleared it. And a due date typed as 28/02/2027: lint advised a
re-date entry "to: 28/02/2027", itself no date, and ``redate`` refused the file.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import yaml


def _lines_of(cli: Any, root: Path, rule: str) -> list[str]:
    return [line for line in cli("lint", cwd=root).output.splitlines() if f" {rule} " in line]


def _acknowledge_as_printed(cli: Any, root: Path, message: str) -> None:
    """Run the command a message gives (``govtool acknowledge 1a2b3c4 --rule ... --reason "..."``),
    the reason filled in, as a manager who does not write YAML would."""
    printed = message.split("govtool acknowledge ", 1)[1]
    words = shlex.split(printed.replace('"..."', '"Typed by hand by mistake"'))
    result = cli("acknowledge", *words, "--commit", cwd=root)
    assert result.exit_code == 0, result.output


def test_a_committed_silent_edit_is_cleared_by_the_acknowledgement_lint_gives_not_by_an_edit(plan: Any,
                                                                                              cli: Any) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("  target: ", "  baseline: not known\n  target: ", 1))
    plan.repo.commit("Tidy by hand", date="2026-04-01")
    (warning,) = _lines_of(cli, plan.root, "silent-edit")
    assert "That commit is made: a govtool edit now would record a later change, not this one" in warning
    assert "make the change with" not in warning

    result = cli("edit", plan.action, "--measure-baseline", "Not measured before the inspection",
                 "--reason", "Recorded properly", "--by", "jane.smith", "--commit", cwd=plan.root)
    assert result.exit_code == 0, result.output
    assert len(_lines_of(cli, plan.root, "silent-edit")) == 1  # why the advice no longer says so

    _acknowledge_as_printed(cli, plan.root, warning)
    assert _lines_of(cli, plan.root, "silent-edit") == []


def test_an_uncommitted_silent_edit_is_put_back_then_made_with_the_command(plan: Any, cli: Any) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    original = path.read_text()
    path.write_text(original.replace("  target: ", "  baseline: not known\n  target: ", 1))
    (warning,) = _lines_of(cli, plan.root, "silent-edit")
    assert warning.endswith(f"with no edit entry saying why: remove it again by hand, then make the change with "
                            f"govtool edit {plan.action} --measure-baseline ... --reason ...")
    refused = cli("edit", plan.action, "--measure-baseline", "not known", "--reason", "Typed by hand",
                  "--by", "jane.smith", cwd=plan.root)
    assert "already says that" in refused.output  # the command alone cannot: hence 'remove it again' first
    path.write_text(original)
    result = cli("edit", plan.action, "--measure-baseline", "not known", "--reason", "No audit before the inspection",
                 "--by", "jane.smith", "--commit", cwd=plan.root)
    assert result.exit_code == 0, result.output
    assert _lines_of(cli, plan.root, "silent-edit") == []


def test_a_short_hash_of_digits_is_written_quoted_so_the_entry_reads_as_text(plan: Any, cli: Any) -> None:
    """A hash of digits alone (6781222) written bare would be read as a number, and refused."""
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("  target: ", "  baseline: not known\n  target: ", 1))
    sha = plan.repo.commit("Tidy by hand", date="2026-04-01")
    result = cli("acknowledge", sha[:7], "--rule", "GT305", "--record", plan.action.lower(),
                 "--reason", "Typed by hand", "--commit", cwd=plan.root)
    assert result.exit_code == 0, result.output
    (entry,) = yaml.safe_load((plan.root / "govtool.yaml").read_text())["lint"]["acknowledged"]
    assert entry == {"commit": sha[:12], "rule": "silent-edit", "record": plan.action, "reason": "Typed by hand"}
    assert f"commit: '{sha[:12]}'" in (plan.root / "govtool.yaml").read_text()
    again = cli("acknowledge", sha, "--rule", "silent-edit", "--record", plan.action, "--reason", "x", cwd=plan.root)
    assert again.exit_code == 2 and "is already acknowledged" in again.stderr
    for wrong, said in ((("nosuchcommit",), "no commit 'nosuchcommit' in this register's Git history"),
                        ((sha, "--rule", "vague-action"), "--rule 'vague-action' is not a rule that reads the history")):
        refused = cli("acknowledge", *wrong, "--reason", "x", cwd=plan.root)
        assert refused.exit_code == 2 and said in refused.stderr


def test_a_due_date_typed_another_way_gets_advice_that_works(plan: Any, cli: Any) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("due: 2030-12-31", "due: 28/02/2031"))
    linted = cli("lint", cwd=plan.root).output
    schema = [line for line in linted.splitlines() if " schema " in line]
    assert [line.split(" schema ", 1)[1] for line in schema] == [
        "due: '28/02/2031' is not a date: write YYYY-MM-DD (2031-02-28)"]  # once, and not "not a real date"
    (advice,) = _lines_of(cli, plan.root, "silent-redate")
    assert "from 2030-12-31 to 2031-02-28" in advice and "to: 28/02/2031" not in advice
    command = re.search(r"with: (govtool redate \S+ --to \S+)", advice)
    assert command is not None and "write it as 2031-02-28 by hand" in advice

    path.write_text(path.read_text().replace("due: 28/02/2031", "due: 2031-02-28"))  # as advised, then the command
    result = cli(*command.group(1).split()[1:], "--reason", "Supplier delay", "--by", "jane.smith", "--commit",
                 cwd=plan.root)
    assert result.exit_code == 0, result.output
    assert "silent-redate" not in cli("lint", cwd=plan.root).output


def test_a_due_date_typed_another_way_and_committed_is_recorded_by_the_same_advice(plan: Any, cli: Any) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("due: 2030-12-31", "due: 28/02/2031"))
    plan.repo.commit("Move by hand", date="2026-04-01")
    (advice,) = _lines_of(cli, plan.root, "silent-redate")
    command = re.search(r"with: (govtool redate \S+ --to \S+)", advice)
    assert command is not None
    path.write_text(path.read_text().replace("due: 28/02/2031", "due: 2031-02-28"))
    assert len(_lines_of(cli, plan.root, "silent-redate")) == 1  # writing the same day as a date is no move
    result = cli(*command.group(1).split()[1:], "--reason", "Supplier delay", "--by", "jane.smith", "--commit",
                 cwd=plan.root)
    assert result.exit_code == 0, result.output
    assert "silent-redate" not in cli("lint", cwd=plan.root).output
    assert yaml.safe_load(path.read_text())["redates"][-1]["to"].isoformat() == "2031-02-28"
