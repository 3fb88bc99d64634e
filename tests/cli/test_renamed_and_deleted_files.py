"""A record file renamed or deleted by hand: commands find the record by its ``id:``, say in
one line how to name the file again (or put it back), and never write where Git does not look."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import MILESTONE


def renamed(plan, name: str = "falls huddle.yaml") -> Path:
    """The plan's action moved by hand (``mv``) to ``actions/NAME``."""
    target = plan.root / "actions" / name
    (plan.root / "actions" / f"{plan.action}.yaml").rename(target)
    return target


def test_show_finds_an_action_in_a_file_renamed_by_hand_and_says_how_to_name_it_back(plan) -> None:
    renamed(plan)
    shown = plan.run("show", plan.action)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith(f"{plan.action}  Weekly audit of 10 MAR charts")
    notice = (f"govtool: notice: {plan.action} is in actions/falls huddle.yaml, a file renamed by hand: rename it "
              f'back to actions/{plan.action}.yaml (mv "actions/falls huddle.yaml" actions/{plan.action}.yaml)')
    assert shown.stderr.splitlines() == [notice]
    # The record's Git timeline is its file's, under the name Git knows.
    assert "created" in shown.stdout.split("Timeline (from Git)", 1)[1]
    assert plan.run("show", plan.action.lower()).exit_code == 0  # an ID typed in lower case too


def test_an_update_of_an_action_in_a_renamed_file_is_refused_in_one_line_and_writes_nothing(plan) -> None:
    moved = renamed(plan)
    before = moved.read_bytes()
    log = plan.repo.log()
    refused = plan.run("update", plan.action, "--note", "Audit tool agreed with the pharmacist.", *MILESTONE, "--by", "jane.smith",
                       "--commit")
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"govtool: error: {plan.action} is in actions/falls huddle.yaml, a file renamed by hand: rename it back to "
        f'actions/{plan.action}.yaml (mv "actions/falls huddle.yaml" actions/{plan.action}.yaml) and run the '
        "command again"]
    assert moved.read_bytes() == before and plan.repo.log() == log
    assert not (plan.root / "actions" / f"{plan.action}.yaml").exists()
    # Named back as the line says, the update goes through.
    moved.rename(plan.root / "actions" / f"{plan.action}.yaml")
    done = plan.run("update", plan.action, "--note", "Audit tool agreed with the pharmacist.", *MILESTONE, "--by", "jane.smith")
    assert done.exit_code == 0, done.output


def test_a_file_renamed_with_git_mv_is_named_back_with_git_mv(plan) -> None:
    plan.repo.git("mv", f"actions/{plan.action}.yaml", "actions/falls-huddle.yaml")
    refused = plan.run("redate", plan.action, "--to", "2031-03-31", "--reason", "Supplier delayed the e-MAR go-live",
                       "--by", "jane.smith")
    assert refused.exit_code == 2
    assert (f"(git mv actions/falls-huddle.yaml actions/{plan.action}.yaml)") in refused.stderr


def test_an_unknown_id_is_still_unknown_when_no_file_holds_it(plan) -> None:
    renamed(plan)
    result = plan.run("show", "ACT-ZZZZZZ")
    assert result.exit_code == 2
    assert "unknown action ACT-ZZZZZZ: there is no actions/ACT-ZZZZZZ.yaml" in result.stderr


def test_a_command_that_commits_names_an_action_file_deleted_by_hand(plan) -> None:
    other = plan.run("new", "action", "--title", "Train night staff on the MAR audit tool", "--source", plan.source,
                     "--finding", "F2", "--owner", "sam.patel", "--due", "2030-06-30", "--commit")
    other_id = other.output.strip().splitlines()[-1]
    (plan.root / "actions" / f"{other_id}.yaml").unlink()
    done = plan.run("update", plan.action, "--note", "Audit tool agreed with the pharmacist.", *MILESTONE, "--by", "jane.smith",
                    "--commit")
    assert done.exit_code == 0, done.output
    assert done.stderr.splitlines() == [
        f"govtool: notice: actions/{other_id}.yaml was deleted and the deletion is not committed (the pre-commit "
        f"check refuses it): restore the file (git checkout HEAD -- actions/{other_id}.yaml) and cancel the record "
        f"with the reason (govtool cancel {other_id} --reason ...): cancel, don't delete"]
    assert plan.repo.git("status", "--porcelain") == f"D actions/{other_id}.yaml"  # the deletion left as it was
    # list leaves the record out, and says why.
    listed = plan.run("list")
    assert other_id not in listed.stdout and f"actions/{other_id}.yaml was deleted" in listed.stderr
    # show says how to put it back, not only that it is unknown.
    shown = plan.run("show", other_id)
    assert shown.exit_code == 2
    assert f"unknown action {other_id}: actions/{other_id}.yaml was deleted and the deletion is not committed" \
        in shown.stderr
    plan.repo.git("checkout", "HEAD", "--", f"actions/{other_id}.yaml")  # as the line says
    quiet = plan.run("list")
    assert quiet.stderr == ""


def test_a_file_renamed_by_hand_is_named_once_as_renamed_not_as_deleted(plan) -> None:
    renamed(plan)
    listed = plan.run("list")
    assert plan.action in listed.stdout  # read from the renamed file, as lint reads it
    assert listed.stderr.splitlines() == [
        f"govtool: notice: {plan.action} is in actions/falls huddle.yaml, a file renamed by hand: rename it back to "
        f'actions/{plan.action}.yaml (mv "actions/falls huddle.yaml" actions/{plan.action}.yaml)']


def test_nothing_is_said_when_no_record_file_is_deleted(plan) -> None:
    done = plan.run("update", plan.action, "--note", "Audit tool agreed with the pharmacist.", *MILESTONE, "--by", "jane.smith")
    assert done.exit_code == 0 and done.stderr == ""
