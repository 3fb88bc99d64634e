"""--owner and --by: directory IDs or names, stored as IDs; plain names without a directory."""

from __future__ import annotations

import yaml

NO_DIRECTORY = "provider: Oak Lodge Ltd\n"


def new_action(plan, owner):
    return plan.run("new", "action", "--title", "Add a consent section to every care plan", "--source", plan.source,
                    "--finding", "F2", "--owner", owner, "--due", "2030-06-30")


def test_a_name_in_any_case_is_stored_as_the_directory_id(plan) -> None:
    result = new_action(plan, "SAM PATEL")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(plan.action_text(result.output.strip().splitlines()[-1]))
    assert data["owner"] == "sam.patel"


def test_an_unknown_person_suggests_close_matches(plan) -> None:
    result = new_action(plan, "Sam Patell")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "govtool: error: --owner 'Sam Patell' is not in the people directory of govtool.yaml: "
        "did you mean sam.patel (Sam Patel)?"
    )


def test_someone_who_left_cannot_own_or_sign(plan) -> None:
    owned = new_action(plan, "amy.jones")
    assert owned.exit_code == 2 and "Amy Jones (amy.jones) left on 2026-06-30" in owned.output
    before = plan.action_text()
    signed = plan.run("update", plan.action, "--note", "x", "--by", "Amy Jones")
    assert signed.exit_code == 2 and "left on 2026-06-30" in signed.output
    assert plan.action_text() == before


def test_by_defaults_to_the_directory_entry_matching_gits_email(plan, monkeypatch) -> None:
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text().replace(
        "sam.patel: {name: Sam Patel, role: Deputy Manager}",
        "sam.patel: {name: Sam Patel, role: Deputy Manager, email: Author@Example.org}"))
    assert plan.run("update", plan.action, "--note", "Audit tool agreed").exit_code == 0
    assert yaml.safe_load(plan.action_text())["updates"][0]["by"] == "sam.patel"


def test_by_defaults_to_the_directory_entry_matching_gits_name(plan, monkeypatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_NAME", "jane smith")
    assert plan.run("update", plan.action, "--note", "Audit tool agreed").exit_code == 0
    assert yaml.safe_load(plan.action_text())["updates"][0]["by"] == "jane.smith"


def test_without_git_identity_and_terminal_by_is_a_missing_option(plan, monkeypatch) -> None:
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"):
        monkeypatch.delenv(key)
    result = plan.run("update", plan.action, "--note", "x")
    assert result.exit_code == 2
    assert result.output.strip() == "govtool: error: missing --by: give it on the command line"


def test_a_register_without_directory_stores_plain_names(git_repo, cli) -> None:
    git_repo.write("govtool.yaml", NO_DIRECTORY)
    source = cli("new", "source", "--type", "complaint", "--title", "Complaint about meal times",
                 "--date", "2026-02-01", cwd=git_repo.path).output.strip().splitlines()[-1]
    result = cli("new", "action", "--title", "Serve lunch at 12:30", "--source", source,
                 "--owner", "  Mary   O'Neil ", "--due", "2030-03-01", cwd=git_repo.path)
    assert result.exit_code == 0, result.output
    action = result.output.strip().splitlines()[-1]
    data = yaml.safe_load((git_repo.path / "actions" / f"{action}.yaml").read_text())
    assert data["owner"] == "Mary O'Neil"


def test_someone_not_yet_in_the_directory_is_told_the_command_that_adds_them(plan) -> None:
    """It said "add them under 'people:' first", which means editing govtool.yaml by hand."""
    result = new_action(plan, "Siobhán O'Brien")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "govtool: error: --owner \"Siobhán O'Brien\" is not in the people directory of govtool.yaml: add them first "
        "(govtool person add siobhan.o.brien --name \"Siobhán O'Brien\" --role ROLE), or give the ID of someone "
        "listed there")
    # ... and the command it names works as written.
    added = plan.run("person", "add", "siobhan.o.brien", "--name", "Siobhán O'Brien", "--role", "Nurse")
    assert added.exit_code == 0, added.output
    assert new_action(plan, "Siobhán O'Brien").exit_code == 0


def test_a_group_as_owner_is_told_one_named_person_must_own_it(plan) -> None:
    """Adding 'Care team' to the directory is not the fix, so it is not suggested."""
    for group, word in (("Care team", "team"), ("All staff", "all")):
        result = new_action(plan, group)
        assert result.exit_code == 2
        assert result.output.strip() == (
            f"govtool: error: --owner {group!r} is a group ({word!r}), not one person: one named person must own it: "
            "give their people-directory ID or name, or add them first (govtool person add ID --name NAME --role ROLE)")
    signed = plan.run("update", plan.action, "--note", "x", "--by", "Care team")
    assert signed.exit_code == 2 and "is a group ('team'), not one person: one named person records it" in signed.output
    # A filter only says who is meant: nobody is added to the directory to list their actions.
    listed = plan.run("list", "--owner", "Care team")
    assert listed.exit_code == 2 and listed.output.strip().endswith(
        "is not in the people directory of govtool.yaml: give the ID or name of someone listed there")
