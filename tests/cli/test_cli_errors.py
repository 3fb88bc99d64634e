"""Every refusal: one line on stderr naming the problem, exit 2, no file touched, no traceback."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.cli.conftest import MILESTONE


def snapshot(root):
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts}


def refused(plan, *args, message):
    """Run in-process (an unexpected exception would fail the test); expect a one-line refusal."""
    before = snapshot(plan.root)
    result = plan.run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("govtool: error: "), result.stderr
    assert message in lines[0]
    assert snapshot(plan.root) == before
    return lines[0]


def test_unknown_id(plan) -> None:
    refused(plan, "update", "ACT-ZZZZZZ", "--note", "Re-audit begun", message="unknown action ACT-ZZZZZZ")
    refused(plan, "close", "not-an-id", "--note", "x", message="'not-an-id' is not a record ID")
    refused(plan, "update", plan.source, "--note", "Re-audit begun", message=f"{plan.source} is a source")


def test_an_id_typed_without_its_prefix_is_suggested_with_it(plan) -> None:
    """'govtool update 8A4MT8' said only that IDs look like ACT-7Q2K9D; it is not accepted as it
    is (a guess), but the one record it can mean is named."""
    bare = plan.action.removeprefix("ACT-")
    refused(plan, "update", bare.lower(), "--note", "Re-audit begun",
            message=f"'{bare.lower()}' is not a record ID: did you mean {plan.action}?")
    refused(plan, "show", plan.source.removeprefix("SRC-"), message=f"did you mean {plan.source}?")
    refused(plan, "update", "ZZZZZZ", "--note", "Re-audit begun", message="IDs look like ACT-7Q2K9D")


def test_invalid_dates(plan) -> None:
    refused(plan, "redate", plan.action, "--to", "31/02/2031", "--reason", "Supplier delay", message="--to '31/02/2031' is not a real date")
    refused(plan, "redate", plan.action, "--to", "next week", "--reason", "Supplier delay",
            message="use YYYY-MM-DD or DD/MM/YYYY")
    refused(plan, "redate", plan.action, "--to", "2001-01-01", "--reason", "Supplier delay", message="is in the past")
    refused(plan, "update", plan.action, "--note", "Re-audit begun", "--next-milestone", "y", "--milestone-due", "soon",
            message="--milestone-due 'soon' is not a date")


def test_missing_option_without_a_terminal_names_it(plan) -> None:
    line = refused(plan, "redate", plan.action, "--to", "2031-01-01", message="missing --reason")
    assert line == "govtool: error: missing --reason: give it on the command line"
    refused(plan, "update", plan.action, message="missing --note")
    refused(plan, "update", plan.action, "--note", "Re-audit begun", "--next-milestone", "y", message="missing --milestone-due")
    refused(plan, "complete", plan.action, "--change", "99%", message="missing --evidence")
    refused(plan, "new", "action", "--title", "x", "--source", plan.source, "--finding", "F1", "--owner", "jane.smith",
            message="missing --due")


def test_evidence_must_exist_inside_the_register(plan, tmp_path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("not evidence")
    (plan.root / "evidence").mkdir()
    os.symlink(outside, plan.root / "evidence" / "link.pdf")
    base = ("complete", plan.action, "--change", "MAR charts 99% complete in three audits (was 82%)")
    refused(plan, *base, "--evidence", "evidence/missing.pdf", message="evidence file not found: evidence/missing.pdf")
    refused(plan, *base, "--evidence", "../secret.txt", message="outside the register")
    refused(plan, *base, "--evidence", str(outside), message="outside the register")
    refused(plan, *base, "--evidence", "evidence/link.pdf", message="outside the register")
    refused(plan, *base, "--evidence", "evidence", message="is a folder")
    refused(plan, *base, "--evidence", "file:///etc/passwd", message="only http:// and https://")


def test_a_record_that_does_not_parse_cannot_be_edited(plan) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("status: open", "status: [open"))
    line = refused(plan, "update", plan.action, "--note", "Re-audit begun", message="cannot edit")
    assert f"actions/{plan.action}.yaml:" in line
    refused(plan, "show", plan.action, message="cannot read this record")


def test_a_record_with_a_duplicate_key_or_schema_error_cannot_be_edited(plan) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    original = path.read_text()
    path.write_text(original + "due: 2031-01-01\n")
    line = refused(plan, "update", plan.action, "--note", "Re-audit begun", message="'due' appears twice")
    assert f"actions/{plan.action}.yaml:" in line
    path.write_text(original.replace("priority: high", "priority: urgent"))
    refused(plan, "update", plan.action, "--note", "Re-audit begun", message="'urgent' is not one of")


def test_a_merge_conflict_in_a_record_is_reported_with_its_line(plan) -> None:
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.write_text(path.read_text().replace("due: 2030-12-31\n", "<<<<<<< HEAD\ndue: 2030-12-31\n=======\ndue: 2031-01-31\n>>>>>>> b\n"))
    line = refused(plan, "redate", plan.action, "--to", "2031-05-01", "--reason", "Supplier delay", message="merge-conflict marker")
    assert f"actions/{plan.action}.yaml:8:" in line


def test_broken_settings(plan) -> None:
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text() + "colour: blue\n")
    refused(plan, "update", plan.action, "--note", "Re-audit begun", message="govtool.yaml:")
    refused(plan, "list", message="unknown field 'colour'")
    settings.write_text("provider: [unclosed\n")
    refused(plan, "new", "source", "--type", "audit", "--title", "x", "--date", "2026-01-01", message="govtool.yaml:")


def test_a_refusal_in_a_real_process_is_one_line_without_traceback(plan) -> None:
    result = plan.cli.subprocess("redate", plan.action, "--to", "31/02/2031", "--reason", "Supplier delay", cwd=plan.root)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "govtool: error: --to '31/02/2031' is not a real date: February 2031 has 28 days\n"


def test_no_register_here(tmp_path, cli) -> None:
    result = cli.subprocess("list", cwd=tmp_path)
    assert result.returncode == 2
    assert "no govtool register here or above" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_commit_requested_outside_git_writes_nothing(tmp_path, cli) -> None:
    (tmp_path / "reg").mkdir()
    (tmp_path / "reg" / "govtool.yaml").write_text("provider: Oak Lodge Ltd\n")
    result = cli.subprocess("new", "source", "--type", "audit", "--title", "Falls audit", "--date", "2026-01-01",
                            "--commit", cwd=tmp_path / "reg")
    assert result.returncode == 2 and "not in a Git repository" in result.stderr
    assert not (tmp_path / "reg" / "sources").exists()
    plain = cli.subprocess("new", "source", "--type", "audit", "--title", "Falls audit", "--date", "2026-01-01",
                           cwd=tmp_path / "reg")
    assert plain.returncode == 0, plain.stderr  # without --commit a register outside Git works


@pytest.mark.parametrize("command", ["update", "redate", "complete", "close", "cancel", "show"])
def test_help_works_for_every_command(cli, command, tmp_path) -> None:
    result = cli(command, "--help", cwd=tmp_path)
    assert result.exit_code == 0 and "Usage:" in result.output


def test_the_lock_is_kept_in_git_dir_not_the_working_tree(plan) -> None:
    plan.run("update", plan.action, "--note", "Re-audit begun", *MILESTONE)
    assert (plan.root / ".git" / "govtool.lock").exists()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=plan.root, capture_output=True, text=True).stdout
    assert status.strip() == f"M actions/{plan.action}.yaml"


@pytest.mark.parametrize("command", [
    ("digest",), ("lint",), ("list",), ("export",), ("report", "momentum"), ("portfolio", "."),
])
@pytest.mark.parametrize("day", ["9999-12-31", "01/01/0001"])
def test_a_date_at_the_ends_of_the_calendar_is_refused_in_one_line(plan, command, day) -> None:
    """Counting days from year 9999 (a digest looks 14 days ahead) overflowed: internal error, exit 70."""
    refused(plan, *command, "--as-of", day,
            message=f"--as-of {day} is out of range: give a date from 1900-01-01 to 9000-12-31")


def test_a_due_date_far_in_the_future_is_refused_before_it_is_written(plan) -> None:
    # A record due in 9999 would make every later calendar or digest count past the last date.
    refused(plan, "redate", plan.action, "--to", "9999-12-31", "--reason", "Supplier delay",
            message="--to 9999-12-31 is out of range")
    assert plan.run("digest", "--as-of", "9000-12-31", "--within", "366").exit_code == 0


@pytest.mark.parametrize("args", [
    ("lint", "--output-file", "{missing}/lint.sarif"),
    ("export", "-o", "{missing}/plan.csv"),
    ("export", "-o", "{missing}/plan.xlsx"),
    ("report", "momentum", "-o", "{missing}/momentum.html"),
    ("report", "action-plan", "-o", "{missing}/plan.docx"),
    ("report", "all", "-o", "{missing}/reports"),
    ("digest", "-o", "{missing}/digest.txt"),
    ("digest", "--eml", "{missing}/outbox"),
    ("calendar", "-o", "{missing}/plan.ics"),
    ("portfolio", ".", "-o", "{missing}/portfolio.html"),
])
def test_an_output_file_in_a_folder_that_does_not_exist_is_refused(plan, tmp_path, args) -> None:
    """A typo in a folder used to create it (and every folder above it) and leave the file there."""
    missing = tmp_path / "no-such-folder" / "below"
    option = args[args.index(next(a for a in args if "{missing}" in a)) - 1]
    written = [a.format(missing=missing) for a in args]
    refused(plan, *written, message=f"{option} {written[-1]}: {missing} does not exist: create it first, or correct the name")
    assert not (tmp_path / "no-such-folder").exists()


def test_report_all_still_creates_the_folder_it_is_given(plan, tmp_path) -> None:
    result = plan.run("report", "all", "-o", str(tmp_path / "reports"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / "action-plan.html").is_file()



def test_a_date_with_spaces_typed_without_quotes_is_told_to_quote_it(plan) -> None:
    """'--date 3 Dec 2026' reaches govtool as three words; click said only "Got unexpected extra
    arguments (Dec 2026)", which a manager new to the command line cannot act on."""
    before = snapshot(plan.root)
    result = plan.run("update", plan.action, "--note", "Re-audit begun", "--date", "3", "Dec", "2026", "--by", "jane.smith")
    assert result.exit_code == 2
    assert 'a date with spaces needs quotes: --date "3 Dec 2026" (or write it 03/12/2026)' in result.stderr
    text = plan.run("update", plan.action, "--note", "Supplier", "delayed", "the", "doors", "--by", "jane.smith")
    assert text.exit_code == 2 and 'text with spaces needs quotes: --note "Supplier delayed the doors"' in text.stderr
    assert snapshot(plan.root) == before
    extra = plan.run("show", plan.action, "ACT-OTHER")
    assert extra.exit_code == 2 and "unexpected word (ACT-OTHER)" in extra.stderr
    assert "quotes" not in extra.stderr


@pytest.mark.parametrize("args", [
    ("complete", "{action}", "--evidence", "https://docs.example.org/audit"),
    ("update", "{action}", "--note", "Re-audit begun", "--date", "today"),
])
def test_an_action_file_that_is_a_named_pipe_is_refused_in_one_line(plan, args) -> None:
    """complete without --change, and --date, read the action before the step does: a named
    pipe there was an internal error, not the step's one-line refusal."""
    path = plan.root / "actions" / f"{plan.action}.yaml"
    path.unlink()
    os.mkfifo(path)
    refused(plan, *(arg.format(action=plan.action) for arg in args), "--by", "jane.smith",
            message=f"actions/{plan.action}.yaml: cannot edit: not a regular file (a named pipe or a device)")


@pytest.mark.parametrize(("args", "said"), [
    (["lint", "--format", "sarf"], "govtool: error: Invalid value for '--format': 'sarf' is not one of 'text', 'json', "
                                   "'sarif', 'github' ('govtool lint --help' shows what it takes)"),
    (["momentum"], "govtool: error: No such command 'momentum': did you mean 'govtool report momentum'?"),
    (["report", "all"], "govtool: error: Missing option '-o' / '--output' ('govtool report all --help' shows what it takes)"),
    # click gives no command with an option left without its value: it is read from the words
    (["list", "--owner"], "govtool: error: Option '--owner' requires an argument ('govtool list --help' shows what "
                          "it takes)"),
    (["person", "add", "--role"], "govtool: error: Option '--role' requires an argument ('govtool person add --help' "
                                  "shows what it takes)"),
])
def test_a_usage_error_is_one_line_with_where_to_look(register, cli, args: list[str], said: str) -> None:
    """A consultant's trial met click's three-line usage block ("Usage: ... Try ... Error: ...")
    where every other refusal is one line."""
    result = cli(*args, cwd=register.path)
    assert result.exit_code == 2
    assert result.stderr == said + "\n"


@pytest.mark.parametrize("group", ["report", "person"])
def test_a_command_group_alone_shows_what_it_holds(register, cli, group: str) -> None:
    """'govtool report' asks which reports there are: a trial got its help wrapped in a usage error."""
    result = cli(group, cwd=register.path)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("Usage: ") and f" {group} [OPTIONS] COMMAND" in result.stdout and "Commands:" in result.stdout


def test_the_registers_below_hint_is_typed_from_where_the_command_ran(tmp_path, cli) -> None:
    """'govtool -C clients lint' suggested '-C birch', which from there is no such folder."""
    (tmp_path / "clients" / "birch").mkdir(parents=True)
    (tmp_path / "clients" / "birch" / "govtool.yaml").write_text("provider: Birch House\n", encoding="utf-8")
    done = cli.subprocess("-C", "clients", "lint", cwd=tmp_path)  # run from tmp_path itself
    assert done.returncode == 2
    assert "point at one with -C DIR (e.g. govtool -C clients/birch ...)" in done.stderr


def test_a_register_beside_the_folder_is_named_not_only_init(tmp_path, cli) -> None:
    # A manager's trial: in Documents, her register in the folder beside it, she was told to run
    # 'govtool init', which would have started a second register.
    (tmp_path / "Documents").mkdir()
    (tmp_path / "larchcourt").mkdir()
    (tmp_path / "larchcourt" / "govtool.yaml").write_text("provider: Larch Court\n", encoding="utf-8")
    result = cli.subprocess("list", cwd=tmp_path / "Documents")
    assert result.returncode == 2
    assert result.stderr == (
        f"govtool: error: no govtool register here or above {(tmp_path / 'Documents').resolve()}, but there is one "
        f"beside it (larchcourt): point at it with -C DIR (e.g. govtool -C {(tmp_path / 'larchcourt').resolve()} ...), "
        "or run 'govtool init' to make a new one here\n")
