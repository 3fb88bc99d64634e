"""``govtool person add|leave``: the people directory without hand-editing govtool.yaml."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from tests.cli.test_cli_errors import refused

SETTINGS_WITH_COMMENTS = """\
# Willowbrook's register
provider: Willowbrook Care Ltd
commit: true   # every change is committed
people:
  jane.smith: {name: Jane Smith, role: Registered Manager}   # the RM
  sam.patel: {name: Sam Patel, role: Deputy Manager}
# lint settings follow
lint:
  severity: {stale-action: off}
"""


def _settings(root: Any) -> dict[str, Any]:
    return yaml.safe_load((root / "govtool.yaml").read_text())


def test_add_keeps_comments_matches_the_style_and_commits(register: Any, cli: Any) -> None:
    register.write("govtool.yaml", SETTINGS_WITH_COMMENTS)
    register.commit("Settings", date="2026-01-06")
    result = cli("person", "add", "amy.jones", "--name", "Amy  Jones", "--role", "Clinical Lead",
                 "--email", "amy.jones@willowbrook.example", cwd=register.path)
    assert result.exit_code == 0, result.output
    text = (register.path / "govtool.yaml").read_text()
    assert text == SETTINGS_WITH_COMMENTS.replace(
        "  sam.patel: {name: Sam Patel, role: Deputy Manager}\n",
        "  sam.patel: {name: Sam Patel, role: Deputy Manager}\n"
        "  amy.jones: {name: Amy Jones, role: Clinical Lead, email: amy.jones@willowbrook.example}\n")
    assert register.log()[0] == "people: added amy.jones (Amy Jones, Clinical Lead)"
    assert register.git("status", "--porcelain") == ""
    # the new person can own an action at once, by name
    register.write("sources/SRC-1.yaml", "id: SRC-1\ntype: audit\ntitle: MAR audit\ndate: 2026-01-05\n")
    result = cli("new", "action", "--source", "SRC-1", "--owner", "Amy Jones", "--due", "2030-01-31",
                 "--title", "Weekly audit of 10 MAR charts reported to governance", "--target", "98% complete",
                 "--no-commit", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert "owner: amy.jones\n" in (register.path / "actions" / f"{result.stdout.split()[-1]}.yaml").read_text()


def test_add_to_the_empty_directory_init_writes(tmp_path: Any, cli: Any) -> None:
    assert cli("init", str(tmp_path / "reg"), "--provider", "P").exit_code == 0
    root = tmp_path / "reg"
    result = cli("person", "add", "jane.smith", "--name", "Jane Smith", "--role", "Registered Manager", cwd=root)
    assert result.exit_code == 0, result.output
    text = (root / "govtool.yaml").read_text()
    assert "people:\n  jane.smith:\n    name: Jane Smith\n    role: Registered Manager\n" in text
    assert "# The people directory" in text  # init's explanation stays
    assert _settings(root)["people"] == {"jane.smith": {"name": "Jane Smith", "role": "Registered Manager"}}


@pytest.mark.parametrize("args, message", [
    (("add", "jane.smith", "--name", "Jane Smith", "--role", "RM"), "jane.smith is already in the people directory"),
    (("add", "Jane Smith", "--name", "Jane Smith", "--role", "RM"), "is not a people-directory ID"),
    (("add", "ola.b", "--name", "Ola B", "--role", "RM", "--email", "not-an-address"), "is not an email address"),
    (("add", "ola.b", "--name", "Ola B"), "missing --role: give it on the command line"),
    (("leave", "nobody", "--date", "2026-06-30"), "'nobody' is not in the people directory"),
    (("leave", "jane", "--date", "2026-06-30"), "did you mean jane.smith (Jane Smith)?"),
    (("leave", "amy.jones", "--date", "2026-06-30"), "Amy Jones (amy.jones) already left on 2026-06-30: nothing to change"),
    (("leave", "sam.patel", "--date", "31/02/2026"), "not a real date"),
])
def test_refusals_leave_govtool_yaml_untouched(plan: Any, args: tuple[str, ...], message: str) -> None:
    refused(plan, "person", *args, message=message)


@pytest.mark.parametrize("who", ["jane.smith", "Jane Smith"])  # her name, as every other command takes it
def test_leave_records_the_date_and_lists_the_actions_to_hand_over(plan: Any, who: str) -> None:
    result = plan.run("person", "leave", who, "--date", "30/11/2026", "--commit")
    assert result.exit_code == 0, result.output
    assert _settings(plan.root)["people"]["jane.smith"] == {
        "name": "Jane Smith", "role": "Registered Manager", "left": dt.date(2026, 11, 30)}
    assert f"Jane Smith still owns 1 active action ({plan.action})" in result.stdout
    assert "govtool edit ID --owner WHO" in result.stdout
    assert plan.repo.log()[0] == "people: jane.smith left on 2026-11-30 (Jane Smith)"
    # the handover it asks for
    assert plan.run("edit", plan.action, "--owner", "sam.patel", "--reason", "Jane left").exit_code == 0


def test_leave_again_corrects_a_wrong_leaving_date(plan: Any) -> None:
    result = plan.run("person", "leave", "amy.jones", "--date", "31/07/2026", "--commit")
    assert result.exit_code == 0, result.output
    assert _settings(plan.root)["people"]["amy.jones"]["left"] == dt.date(2026, 7, 31)
    assert "the leaving date moved from 2026-06-30 to 2026-07-31" in result.stdout
    assert plan.repo.log()[0] == "people: amy.jones left on 2026-07-31, not 2026-06-30 (Amy Jones)"


@pytest.mark.parametrize("name, suggested", [
    ("Seán Ó Murchú", "sean.o.murchu"),
    ("Siobhán O'Brien", "siobhan.o.brien"),
    ("Søren Ærø", "soren.aero"),
    ("Mary-Jane Smith", "mary.jane.smith"),
])
def test_an_id_with_accents_is_refused_with_the_characters_allowed_and_the_name_folded(
        plan: Any, name: str, suggested: str) -> None:
    """'Seán Ó Murchú' suggested 'se.n.murch' and said "use letters", though é is a letter."""
    line = refused(plan, "person", "add", name, "--name", name, "--role", "Nurse",
                   message=f"(e.g. {suggested})")
    assert ("an ID holds only the letters a-z and A-Z without accents, the digits 0-9, '.', '_' and '-', "
            "starts with a letter or digit and is at most 64 characters long") in line
    assert plan.run("person", "add", suggested, "--name", name, "--role", "Nurse").exit_code == 0


def test_the_suggestion_comes_from_the_id_typed_when_the_name_gives_none(plan: Any) -> None:
    refused(plan, "person", "add", "Seán Ó Murchú", "--name", "  ", "--role", "Nurse", message="(e.g. sean.o.murchu)")


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import govtool.cli.ask
    import govtool.cli.commands.person

    for module in (govtool.cli.ask, govtool.cli.commands.person):
        monkeypatch.setattr(module, "interactive", lambda: True)


def test_person_add_at_a_terminal_asks_the_name_then_proposes_the_id(register, cli, terminal) -> None:
    """It said "Missing argument 'ID'": the guided path asks, name first, and the ID is proposed from it."""
    result = cli("person", "add", cwd=register.path, input="Priya Shah\n\nClinical Lead\n\n")
    assert result.exit_code == 0, result.output
    assert "Missing argument" not in result.output
    assert "ID (what actions store; Enter takes the one proposed) [priya.shah]:" in result.output
    people = yaml.safe_load((register.path / "govtool.yaml").read_text())["people"]
    assert people["priya.shah"] == {"name": "Priya Shah", "role": "Clinical Lead"}


def test_the_id_proposed_is_one_nobody_has(register, cli, terminal) -> None:
    result = cli("person", "add", cwd=register.path, input="Jane Smith\n\nNight Nurse\n\n")
    assert result.exit_code == 0, result.output
    assert "[jane.smith2]" in result.output
    people = yaml.safe_load((register.path / "govtool.yaml").read_text())["people"]
    assert people["jane.smith2"]["role"] == "Night Nurse"


def test_a_wrong_id_is_asked_again_and_the_email_is_asked_too(register, cli, terminal) -> None:
    """A trial typed the role at the ID prompt: the command ended, the name with it; and the
    email that tells govtool who runs a command was never asked."""
    typed = "Priya Shah\nClinical Lead\njane.smith\npriya.shah\nClinical Lead\nnot-an-email\npriya@example.org\n"
    result = cli("person", "add", cwd=register.path, input=typed)
    assert result.exit_code == 0, result.output
    assert "'Clinical Lead' is not an ID" in result.output and "'jane.smith' is already in the directory" in result.output
    assert "'not-an-email' is not an email address" in result.output
    people = yaml.safe_load((register.path / "govtool.yaml").read_text())["people"]
    assert people["priya.shah"] == {"name": "Priya Shah", "role": "Clinical Lead", "email": "priya@example.org"}


def test_person_add_in_a_script_without_an_id_says_how_to_give_it(register, cli) -> None:
    result = cli("person", "add", "--name", "Priya Shah", "--role", "Clinical Lead", cwd=register.path)
    assert result.exit_code == 2
    assert result.stderr.startswith("govtool: error: missing ID: give the person's ID first, e.g. govtool person add")


# -- person edit: a new email, a promotion, a corrected name ------------------------------------

def test_edit_changes_details_in_place_keeps_comments_and_commits(register: Any, cli: Any) -> None:
    register.write("govtool.yaml", SETTINGS_WITH_COMMENTS)
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: Weekly MAR audit\nowner: sam.patel\n")
    register.commit("Settings", date="2026-01-06")
    actions_before = (register.path / "actions" / "ACT-1.yaml").read_bytes()
    result = cli("person", "edit", "sam.patel", "--role", "Registered Manager", "--email", "sam@willowbrook.example",
                 cwd=register.path)
    assert result.exit_code == 0, result.output
    assert (register.path / "govtool.yaml").read_text() == SETTINGS_WITH_COMMENTS.replace(
        "  sam.patel: {name: Sam Patel, role: Deputy Manager}\n",
        "  sam.patel: {name: Sam Patel, role: Registered Manager, email: sam@willowbrook.example}\n")
    assert register.log()[0].startswith("people: changed sam.patel (role Registered Manager, email sam@")
    assert register.git("log", "-1", "--format=%b").splitlines() == [
        "role: Deputy Manager -> Registered Manager", "email: (none) -> sam@willowbrook.example"]
    assert register.git("status", "--porcelain") == ""
    assert (register.path / "actions" / "ACT-1.yaml").read_bytes() == actions_before  # actions store the ID
    assert "none of them changes" in result.output
    assert "jane.smith also holds the role Registered Manager: give the ID" in result.output  # allowed, said

    renamed = cli("person", "edit", "Jane Smith", "--name", "Jane Smith-Okafor", "--email", "", cwd=register.path)
    assert renamed.exit_code == 0, renamed.output
    assert "  jane.smith: {name: Jane Smith-Okafor, role: Registered Manager} # the RM\n" in (
        register.path / "govtool.yaml").read_text()  # its comment kept (ruamel sets the space before it)


def test_edit_honours_the_commit_setting_and_block_entries(register: Any, cli: Any) -> None:
    register.write("govtool.yaml", "provider: P\ncommit: false\npeople:\n  jane.smith:\n    name: Jane Smith\n"
                                   "    left: 2026-06-30   # moved to another home\n")
    register.commit("Settings", date="2026-01-06")
    result = cli("person", "edit", "jane.smith", "--role", "Registered Manager", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert (register.path / "govtool.yaml").read_text().endswith(
        "  jane.smith:\n    name: Jane Smith\n    role: Registered Manager\n    left: 2026-06-30   # moved to another home\n")
    assert register.log() == ["Settings", "Start the register"] and "committed" not in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["jane.smyth", "--email", "j@x.example"],
     "'jane.smyth' is not in the people directory of govtool.yaml: did you mean jane.smith (Jane Smith)?"),
    (["jane.smith"], "nothing to change for jane.smith: give --name, --role or --email"),
    (["jane.smith", "--role", "Registered Manager"],
     "Jane Smith (jane.smith) has role 'Registered Manager' already: nothing to change"),
    (["jane.smith", "--email", "not-an-address"], "--email 'not-an-address' is not an email address"),
    (["jane.smith", "--name", "  "], "--name is empty"),
])
def test_edit_refuses_in_one_line_and_changes_nothing(register: Any, cli: Any, args: list[str], message: str) -> None:
    before = (register.path / "govtool.yaml").read_bytes()
    result = cli("person", "edit", *args, cwd=register.path)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"govtool: error: {message}"
    assert (register.path / "govtool.yaml").read_bytes() == before


def test_person_edit_at_a_terminal_offers_each_current_detail(register, cli, terminal) -> None:
    result = cli("person", "edit", "sam.patel", cwd=register.path, input="\n\nsam.patel@willowbrook.example\n")
    assert result.exit_code == 0, result.output
    assert "Full name [Sam Patel]:" in result.output and "Role or post [Deputy Manager]:" in result.output
    people = yaml.safe_load((register.path / "govtool.yaml").read_text())["people"]
    assert people["sam.patel"] == {"name": "Sam Patel", "role": "Deputy Manager", "email": "sam.patel@willowbrook.example"}
    assert "people: changed sam.patel (email sam.patel@willowbrook.example)" in result.output


def test_a_name_given_where_the_id_goes_is_said_with_an_id_made_from_it(plan: Any) -> None:
    """'person add "Sandra Hughes" --role ...' said only "missing --name"."""
    refused(plan, "person", "add", "Sandra Hughes", "--role", "Deputy Manager",
            message="'Sandra Hughes' looks like a name, not an ID (the first argument is the ID actions store): give "
                    'an ID and the name, e.g. govtool person add sandra.hughes --name "Sandra Hughes" --role "Deputy Manager"')
    # capitals are allowed in an ID, so 'Sandra' may be one: said as the ID taken, with the other reading
    refused(plan, "person", "add", "Sandra", message="missing --name: 'Sandra' is taken as the ID; if it is the "
                                                     'person\'s name, give an ID and the name, e.g. govtool person add sandra')
    refused(plan, "person", "add", "sandra", "--role", "Nurse", message="missing --name: give it on the command line")
    assert plan.run("person", "add", "Sandra", "--name", "Sandra Hughes", "--role", "Nurse").exit_code == 0
