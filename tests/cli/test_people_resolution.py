"""--owner and --by: directory IDs or names, stored as IDs; plain names without a directory."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from tests.cli.conftest import MILESTONE

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
    signed = plan.run("update", plan.action, "--note", "Re-audit begun", "--by", "Amy Jones")
    assert signed.exit_code == 2 and "left on 2026-06-30" in signed.output
    assert plan.action_text() == before


def test_by_defaults_to_the_directory_entry_matching_gits_email(plan, monkeypatch) -> None:
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text().replace(
        "sam.patel: {name: Sam Patel, role: Deputy Manager}",
        "sam.patel: {name: Sam Patel, role: Deputy Manager, email: Sam.Patel@Example.org}"))
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "sam.patel@example.org")
    assert plan.run("update", plan.action, "--note", "Audit tool agreed", *MILESTONE).exit_code == 0
    assert yaml.safe_load(plan.action_text())["updates"][0]["by"] == "sam.patel"


def test_by_defaults_to_the_directory_entry_matching_gits_name(plan, monkeypatch) -> None:
    monkeypatch.setenv("GIT_AUTHOR_NAME", "jane smith")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "jane@example.org")  # no entry has it: the name decides
    assert plan.run("update", plan.action, "--note", "Audit tool agreed", *MILESTONE).exit_code == 0
    assert yaml.safe_load(plan.action_text())["updates"][0]["by"] == "jane.smith"


def test_without_git_identity_and_terminal_by_is_a_missing_option(plan, monkeypatch) -> None:
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"):
        monkeypatch.delenv(key)
    result = plan.run("update", plan.action, "--note", "Re-audit begun")
    assert result.exit_code == 2
    assert result.output.strip() == "govtool: error: missing --by: give it on the command line"


def action_without_directory(git_repo, cli, owner):
    """``new action --owner OWNER`` in a register whose govtool.yaml lists no people."""
    git_repo.write("govtool.yaml", NO_DIRECTORY)
    source = cli("new", "source", "--type", "complaint", "--title", "Complaint about meal times",
                 "--date", "2026-02-01", cwd=git_repo.path).output.strip().splitlines()[-1]
    return cli("new", "action", "--title", "Serve lunch at 12:30", "--source", source,
               "--owner", owner, "--due", "2030-03-01", cwd=git_repo.path)


def test_a_register_without_directory_stores_plain_names(git_repo, cli) -> None:
    result = action_without_directory(git_repo, cli, "  Mary   O'Neil ")
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
    signed = plan.run("update", plan.action, "--note", "Re-audit begun", "--by", "Care team")
    assert signed.exit_code == 2 and "is a group ('team'), not one person: one named person records it" in signed.output
    # A filter only says who is meant: nobody is added to the directory to list their actions.
    listed = plan.run("list", "--owner", "Care team")
    assert listed.exit_code == 2 and listed.output.strip().endswith(
        "is not in the people directory of govtool.yaml: give the ID or name of someone listed there")


def as_git_user(monkeypatch, name: str, email: str = "someone@example.org") -> None:
    """The person Git knows the user as (conftest's own identity is test.author, in the directory)."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", name)
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", email)


_DONE = ("complete", "--change", "MAR charts 99% complete in three weekly audits (was 82%)",
         "--evidence", "https://docs.example.org/audit", "--by", "jane.smith")


@pytest.mark.parametrize(("setup", "step"), [
    ((), ("update", "--note", "Audit tool agreed", *MILESTONE)),
    ((), ("redate", "--to", "2031-03-31", "--reason", "The e-MAR supplier moved go-live to March")),
    ((), _DONE[:-2]),
    ((), ("cancel", "--reason", "Superseded by the e-MAR roll-out on every unit")),
    ((), ("edit", "--priority", "low", "--reason", "Lower risk since the e-MAR pilot")),
    ((_DONE,), ("close", "--note", "Governance checked the three audits: 99% complete (was 82%)")),
    ((_DONE,), ("reopen", "--reason", "The April re-audit found gaps on night shifts again")),
])
def test_in_a_script_a_git_name_outside_the_directory_is_refused_before_anything_is_written(
        plan, monkeypatch, setup, step) -> None:
    """A trail entry cannot be taken back: written under 'Pat Doe', it would stay an
    unknown-owner error for good (and the pre-commit hook would stop the commit)."""
    for earlier in setup:
        assert plan.run(earlier[0], plan.action, *earlier[1:]).exit_code == 0
    as_git_user(monkeypatch, "Pat Doe")
    before, log = plan.action_text(), plan.repo.log()
    result = plan.run(step[0], plan.action, *step[1:], "--commit")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "govtool: error: missing --by: Git knows you as 'Pat Doe', who is not in govtool.yaml's people: "
        "give --by WHO (a people-directory ID or name), or add yourself first: "
        'govtool person add pat.doe --name "Pat Doe" --role ROLE')
    assert plan.action_text() == before and plan.repo.log() == log
    # The command it names makes the next run go through, recorded as the new entry's ID.
    assert plan.run("person", "add", "pat.doe", "--name", "Pat Doe", "--role", "Quality Lead").exit_code == 0
    assert plan.run(step[0], plan.action, *step[1:]).exit_code == 0
    assert "by: pat.doe" in plan.action_text()
    assert "Pat Doe" not in plan.action_text()


def test_a_git_name_close_to_someone_in_the_directory_is_refused_with_them_suggested(plan, monkeypatch) -> None:
    as_git_user(monkeypatch, "Sam Patell")
    result = plan.run("update", plan.action, "--note", "Audit tool agreed")
    assert result.exit_code == 2
    assert ("Git knows you as 'Sam Patell', who is not in govtool.yaml's people (did you mean sam.patel, Sam Patel?): "
            "give --by WHO") in result.output
    assert "updates" not in plan.action_text()


def test_a_git_identity_of_someone_who_has_left_is_refused_in_a_script(plan, monkeypatch) -> None:
    """amy.jones left on 2026-06-30: an entry she signs now would be reported as signed after leaving."""
    as_git_user(monkeypatch, "Amy Jones")
    result = plan.run("update", plan.action, "--note", "Audit tool agreed")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "govtool: error: missing --by: Git knows you as Amy Jones (amy.jones), who left on 2026-06-30: "
        "give --by WHO, someone still in post")
    assert "updates" not in plan.action_text()


def test_without_a_directory_a_script_records_the_name_git_gives(git_repo, cli, monkeypatch) -> None:
    git_repo.write("govtool.yaml", NO_DIRECTORY)
    source = cli("new", "source", "--type", "complaint", "--title", "Complaint about meal times",
                 "--date", "2026-02-01", cwd=git_repo.path).output.strip().splitlines()[-1]
    action = cli("new", "action", "--title", "Serve lunch at 12:30", "--source", source, "--owner", "Mary O'Neil",
                 "--due", "2030-03-01", cwd=git_repo.path).output.strip().splitlines()[-1]
    as_git_user(monkeypatch, "Pat Doe")
    assert cli("update", action, "--note", "New lunch time agreed", "--next-milestone", "First week of lunches at 12:30",
               "--milestone-due", "2030-03-01", cwd=git_repo.path).exit_code == 0
    data = yaml.safe_load((git_repo.path / "actions" / f"{action}.yaml").read_text())
    assert data["updates"][0]["by"] == "Pat Doe"


# -- what is not a name, and a person named by their role (the trial's reports) ---------------

def _stored_owner(plan, result) -> str:
    assert result.exit_code == 0, result.output
    return yaml.safe_load(plan.action_text(result.output.strip().splitlines()[-1]))["owner"]


def test_a_date_given_as_owner_is_a_date_in_the_wrong_place_not_three_people(plan) -> None:
    result = new_action(plan, "31/03/2027")
    assert result.exit_code == 2
    assert result.stderr == (
        "govtool: error: --owner '31/03/2027' is not a person in the people directory of govtool.yaml: it looks "
        "like a date, typed in the wrong place: give one person's people-directory ID or name\n")


def test_a_date_is_refused_as_owner_without_a_directory_too(git_repo, cli) -> None:
    result = action_without_directory(git_repo, cli, "2027-03-31")
    assert result.exit_code == 2 and "'2027-03-31' is not a person's name: it looks like a date" in result.stderr
    assert not list((git_repo.path / "actions").glob("*.yaml"))


def test_a_sentence_given_as_by_is_not_a_person_not_two_people(plan) -> None:
    before = plan.action_text()
    result = plan.run("update", plan.action, "--note", "Parts ordered", "--by",
                      "Waiting for the engineer and the parts")
    assert result.exit_code == 2
    assert "names 2 people" not in result.stderr
    assert ("--by 'Waiting for the engineer and the parts' is not a person in the people directory of "
            "govtool.yaml: it reads as a sentence") in result.stderr
    assert plan.action_text() == before


def test_the_guided_redate_asks_again_who_agreed_when_answered_with_a_sentence(plan, monkeypatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.lifecycle
    import govtool.cli.options

    for module in (govtool.cli.ask, govtool.cli.commands.lifecycle, govtool.cli.options):
        monkeypatch.setattr(module, "interactive", lambda: True)
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL"):
        monkeypatch.delenv(key)
    result = plan.cli("redate", plan.action, "--to", "2031-01-31", "--reason", "Supplier cannot deliver until January",
                      cwd=plan.root, input="We agreed it at the governance meeting\njane.smith\n")
    assert result.exit_code == 0, result.output
    assert "'We agreed it at the governance meeting' is not a person in the people directory" in result.stderr
    assert "names 2 people" not in result.stderr
    assert yaml.safe_load(plan.action_text())["redates"][-1]["by"] == "jane.smith"


def test_a_role_held_by_one_person_is_that_person(plan) -> None:
    result = new_action(plan, "Registered Manager")
    assert _stored_owner(plan, result) == "jane.smith"
    assert "--owner: matched 'Registered Manager' to jane.smith (Jane Smith)" in result.stderr
    assert "person add" not in result.output


def test_a_name_with_the_role_beside_it_is_that_person(plan) -> None:
    result = new_action(plan, "Sam Patel (Deputy Manager)")
    assert _stored_owner(plan, result) == "sam.patel"
    assert "sam.patel.deputy.manager" not in result.output


def test_a_role_several_people_hold_is_refused_naming_them(plan) -> None:
    assert plan.run("person", "add", "lee.wong", "--name", "Lee Wong", "--role", "Registered Manager").exit_code == 0
    result = new_action(plan, "Registered Manager")
    assert result.exit_code == 2
    assert result.stderr == ("govtool: error: --owner 'Registered Manager' matches several people "
                             "(jane.smith (Jane Smith), lee.wong (Lee Wong)): give the ID\n")


def test_a_role_no_one_holds_does_not_propose_a_person_called_by_it(plan) -> None:
    result = new_action(plan, "Director of Nursing")
    assert result.exit_code == 2
    assert "director.of.nursing" not in result.stderr
    assert ("--owner 'Director of Nursing' reads as a role, and no one in the people directory of govtool.yaml "
            "holds it: give the ID or name of the person who does, or add them first "
            "(govtool person add ID --name NAME --role \"Director of Nursing\")") in result.stderr


def test_someone_new_with_their_role_beside_is_told_the_command_with_name_and_role_apart(plan) -> None:
    result = new_action(plan, "Tom Brown (Night Nurse)")
    assert result.exit_code == 2
    assert "(govtool person add tom.brown --name \"Tom Brown\" --role \"Night Nurse\")" in result.stderr


# -- several people as one owner; filters that read a person as --owner does ------------------

def test_an_owner_naming_several_people_is_refused_by_new_and_edit(plan) -> None:
    """Both are in the directory: the command must not take the first of them for the owner."""
    for owner in ("Jane Smith, Sam Patel", "Jane Smith / Sam Patel", "Jane Smith and Sam Patel",
                  "Jane Smith (RM), Sam Patel (DM)"):
        created = new_action(plan, owner)
        assert created.exit_code == 2, owner
        assert created.stderr.startswith(f"govtool: error: --owner {owner!r} names 2 people, so no one person is "
                                         "accountable: one named person must own it"), created.stderr
        before = plan.action_text()
        edited = plan.run("edit", plan.action, "--owner", owner, "--reason", "Shared while Jane is on leave")
        assert edited.exit_code == 2 and "names 2 people" in edited.stderr, edited.output
        assert plan.action_text() == before
    assert len(list((plan.root / "actions").glob("*.yaml"))) == 1
    # One person with a title that has 'and' in it is one person.
    assert plan.run("person", "add", "sam.lee", "--name", "Sam Lee", "--role",
                    "Director of Quality and Standards").exit_code == 0
    assert _stored_owner(plan, new_action(plan, "Sam Lee, Director of Quality and Standards")) == "sam.lee"


def _filtered(plan, command: tuple[str, ...], owner: str):
    return plan.run(*command, "--owner", owner, *(("--as-of", "2030-12-20") if command[0] != "list" else ()))  # due soon


FILTERS = [("list",), ("digest",), ("calendar",), ("report", "action-plan")]


@pytest.mark.parametrize("command", FILTERS, ids=" ".join)
@pytest.mark.parametrize("owner", ["Registered Manager", "RM", "Jane Smith (RM)", "jane"])
def test_a_filter_reads_a_role_or_a_name_with_its_role_as_new_action_does(plan, command, owner) -> None:
    """It took only IDs and full names: 'list --owner "Registered Manager"' was refused although
    'new action --owner "Registered Manager"' had stored that person."""
    result = _filtered(plan, command, owner)
    assert result.exit_code == 0, result.output
    assert f"--owner: matched {owner!r} to jane.smith (Jane Smith)" in result.stderr
    assert plan.action in result.stdout or "Jane Smith" in result.stdout


@pytest.mark.parametrize("command", FILTERS, ids=" ".join)
def test_a_filter_by_a_role_several_people_hold_is_refused_naming_them(plan, command) -> None:
    assert plan.run("person", "add", "lee.wong", "--name", "Lee Wong", "--role", "Registered Manager").exit_code == 0
    result = _filtered(plan, command, "Registered Manager")
    assert result.exit_code == 2
    assert result.stderr == ("govtool: error: --owner 'Registered Manager' matches several people "
                             "(jane.smith (Jane Smith), lee.wong (Lee Wong)): give the ID\n")


@pytest.mark.parametrize("command", FILTERS, ids=" ".join)
def test_a_filter_naming_no_one_is_refused_not_answered_with_nothing(plan, command) -> None:
    """'report action-plan --owner "Jane Smyth"' wrote a plan of no actions, exit 0."""
    result = _filtered(plan, command, "Jane Smyth")
    assert result.exit_code == 2
    assert result.stderr == ("govtool: error: --owner 'Jane Smyth' is not in the people directory of govtool.yaml: "
                             "did you mean jane.smith (Jane Smith)?\n")
    several = _filtered(plan, command, "Jane Smith, Sam Patel")  # neither of them
    assert several.exit_code == 2 and "is not in the people directory" in several.stderr


def test_a_filter_still_finds_someone_who_has_left(plan) -> None:
    """Their actions are still theirs to hand over: a filter is not a new owner."""
    settings = plan.root / "govtool.yaml"
    data = settings.read_text()
    settings.write_text(data.replace("sam.patel: {name: Sam Patel, role: Deputy Manager}",
                                     "sam.patel: {name: Sam Patel, role: Deputy Manager, left: 2026-06-30}"))
    listed = plan.run("list", "--owner", "Sam Patel")
    assert listed.exit_code == 0 and "No actions match." in listed.stderr


@pytest.mark.parametrize("command", FILTERS, ids=" ".join)
def test_without_a_directory_a_filter_is_an_owner_as_the_records_spell_it(git_repo, cli, command) -> None:
    """digest and calendar compared the text exactly ('mary o'neil' kept nothing of "Mary O'Neil"),
    and a name no record has gave an empty answer."""
    created = action_without_directory(git_repo, cli, "Mary O'Neil")
    action = created.output.strip().splitlines()[-1]
    day = ("--as-of", "2030-02-20") if command[0] != "list" else ()
    found = cli(*command, "--owner", "mary o'neil", *day, cwd=git_repo.path)
    assert found.exit_code == 0, found.output
    assert action in found.stdout or "Mary O'Neil" in found.stdout
    refused = cli(*command, "--owner", "Mary ONeill", *day, cwd=git_repo.path)
    assert refused.exit_code == 2
    assert refused.stderr == ("govtool: error: --owner 'Mary ONeill' owns no action or risk in this register: "
                              "did you mean \"Mary O'Neil\"?\n")


def test_digest_lead_without_a_directory_is_one_line_not_a_crash(git_repo, cli, tmp_path) -> None:
    action_without_directory(git_repo, cli, "Mary O'Neil")
    result = cli("digest", "--eml", str(tmp_path / "outbox"), "--lead", "Mary O'Neil", cwd=git_repo.path)
    assert result.exit_code == 2
    assert result.stderr.startswith("govtool: error: --lead \"Mary O'Neil\": govtool.yaml lists no people, so there "
                                    "is no email address to send to")


def test_digest_lead_may_be_named_by_the_role_one_person_holds(plan, tmp_path) -> None:
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text().replace(
        "jane.smith: {name: Jane Smith, role: Registered Manager}",
        "jane.smith: {name: Jane Smith, role: Registered Manager, email: jane@example.org}"))
    outbox = tmp_path / "outbox"
    result = plan.run("digest", "--as-of", "2026-12-01", "--eml", str(outbox), "--lead", "Registered Manager")
    assert result.exit_code == 0, result.output
    assert "--lead: matched 'Registered Manager' to jane.smith (Jane Smith)" in result.stderr
    assert (outbox / "whole-register.eml").is_file()


# -- a name decides over the role beside it; a role nobody holds is no one ---------------------

@pytest.mark.parametrize("owner", ["Priya Shah (Registered Manager)", "Registered Manager - Priya Shah",
                                   "Priya Shah (RM)", "Priya (RM)"])
def test_someone_not_in_the_directory_beside_a_role_is_not_given_to_whoever_holds_it(plan, owner) -> None:
    """'Priya Shah (Registered Manager)' was stored as jane.smith, the Registered Manager, and listed
    her actions: someone else made accountable without a word."""
    name, pid = ("Priya", "priya") if owner.startswith("Priya (") else ("Priya Shah", "priya.shah")
    command = f'govtool person add {pid} --name "{name}" --role "Registered Manager"'
    created = new_action(plan, owner)
    assert created.exit_code == 2
    assert created.stderr == (
        f"govtool: error: --owner {owner!r}: {name} is not in the people directory of govtool.yaml (its Registered "
        f"Manager is jane.smith (Jane Smith)): give jane.smith if you mean them, or add {name} first ({command})\n")
    assert len(list((plan.root / "actions").glob("*.yaml"))) == 1
    before = plan.action_text()
    edited = plan.run("edit", plan.action, "--owner", owner, "--reason", "Priya covers the audits now")
    assert edited.exit_code == 2 and f"{name} is not in the people directory" in edited.stderr, edited.output
    assert plan.action_text() == before
    for filtered in FILTERS:  # no one to list: who the role's holder is, to give instead
        result = _filtered(plan, filtered, owner)
        assert result.exit_code == 2, filtered
        assert result.stderr == (f"govtool: error: --owner {owner!r}: {name} is not in the people directory of "
                                 "govtool.yaml (its Registered Manager is jane.smith (Jane Smith)): give jane.smith "
                                 "if you mean them\n")
    # The command it names adds the person named, who is then the owner.
    assert plan.run("person", "add", pid, "--name", name, "--role", "Registered Manager").exit_code == 0
    assert _stored_owner(plan, new_action(plan, owner)) == pid


@pytest.mark.parametrize(("owner", "stored"), [
    ("Registered Manager, Oakwood", "jane.smith"),  # a post and where it is: no one named
    ("Registered Manager - Ward 3", "jane.smith"),
    ("Jane Smith (RM)", "jane.smith"),
    ("Deputy Manager - Jane Smith", "jane.smith"),  # the name decides: it was sam.patel, the Deputy Manager
    ("Jane (Deputy Manager)", "jane.smith"),
    ("Deputy Manager (Jane)", "jane.smith"),  # one word after a post, someone listed by that name: it was sam.patel
])
def test_a_role_beside_a_place_is_its_holder_and_beside_a_listed_name_that_person(plan, owner, stored) -> None:
    result = new_action(plan, owner)
    assert _stored_owner(plan, result) == stored
    assert f"--owner: matched {owner!r} to {stored}" in result.stderr
    listed = plan.run("list", "--owner", owner)
    assert listed.exit_code == 0 and f"--owner: matched {owner!r} to {stored}" in listed.stderr


@pytest.mark.parametrize(("owner", "role"), [("HoC", "Head of Care"), ("DoN", "Director of Nursing"),
                                             ("Director of Nursing (DoN)", "Director of Nursing")])
def test_a_role_nobody_holds_in_any_spelling_is_not_offered_as_a_person_to_add(plan, owner, role) -> None:
    """'HoC' proposed 'govtool person add hoc --name "HoC"', a person called by the role."""
    result = new_action(plan, owner)
    assert result.exit_code == 2
    assert result.stderr == (
        f"govtool: error: --owner {owner!r} reads as a role, and no one in the people directory of govtool.yaml "
        f"holds it: give the ID or name of the person who does, or add them first (govtool person add ID --name "
        f"NAME --role \"{role}\")\n")


@pytest.mark.parametrize("owner", ["Clinical Lead", "CL"])
def test_a_role_whose_holder_has_left_names_them(plan, owner) -> None:
    """It said no one held the role, as if the directory had never had a Clinical Lead."""
    result = new_action(plan, owner)
    assert result.exit_code == 2
    assert result.stderr == (
        f"govtool: error: --owner {owner!r} is the Clinical Lead, and Amy Jones (amy.jones), who held it, left on "
        "2026-06-30: give the ID or name of the Clinical Lead now, or add them first (govtool person add ID --name "
        "NAME --role \"Clinical Lead\")\n")


def test_a_role_is_held_by_whoever_is_in_post_today_even_with_a_leaving_date_to_come(plan) -> None:
    """Someone with a leaving date was never found by their role, even while still in post."""
    last_day = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    settings = plan.root / "govtool.yaml"
    settings.write_text(settings.read_text().replace(
        "sam.patel: {name: Sam Patel, role: Deputy Manager}",
        f"sam.patel: {{name: Sam Patel, role: Deputy Manager, left: {last_day}}}"))
    result = new_action(plan, "Deputy Manager")
    assert _stored_owner(plan, result) == "sam.patel"
    assert (f"--owner: matched 'Deputy Manager' to sam.patel (Sam Patel, whose last working day is {last_day})"
            in result.stderr)
