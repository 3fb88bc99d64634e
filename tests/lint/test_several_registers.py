"""Several client registers in one repository (clients/acme, clients/willow): the pre-commit
hook at the root lints each register the commit changes, each with its own result."""

from __future__ import annotations

from tests.conftest import MINIMAL_SETTINGS, GitRepo

SOURCE = """\
id: SRC-AUDIT
type: audit
title: MAR audit, September 2026
date: 2026-09-30
findings:
  - {id: F1, text: MAR charts had gaps.}
"""
ACME_GOOD = """\
id: ACT-GOOD
title: Audit 10 MAR charts every week and report the results to the monthly governance meeting
source: SRC-AUDIT
finding: F1
owner: jane.smith
created: 2026-10-01
due: 2027-10-31
status: open
measure:
  target: 98% of MAR charts complete in three consecutive weekly audits
"""
WILLOW_VAGUE = ACME_GOOD.replace("ACT-GOOD", "ACT-VAGUE").replace(
    "Audit 10 MAR charts every week and report the results to the monthly governance meeting", "Improve things"
).split("measure:")[0]


def _clients(repo: GitRepo) -> GitRepo:
    for client in ("acme", "willow"):
        repo.write(f"clients/{client}/govtool.yaml", MINIMAL_SETTINGS)
        repo.write(f"clients/{client}/sources/SRC-AUDIT.yaml", SOURCE)
        repo.write(f"clients/{client}/actions/ACT-GOOD.yaml", ACME_GOOD)
    repo.write("clients/willow/actions/ACT-VAGUE.yaml", WILLOW_VAGUE)  # willow's own error, already committed
    repo.write("README.md", "Client registers\n")
    repo.commit("Two clients", date="2026-11-01")
    return repo


def test_staged_at_the_root_lints_only_the_register_the_commit_changes(git_repo: GitRepo, cli) -> None:
    repo = _clients(git_repo)
    repo.write("clients/acme/actions/ACT-NEW.yaml", ACME_GOOD.replace("ACT-GOOD", "ACT-NEW"))
    repo.git("add", ".")
    result = cli("lint", "--staged", "--as-of", "2026-11-26", cwd=repo.path)
    assert result.exit_code == 0, result.output  # willow's vague action is not this commit's business
    assert result.stdout == "register clients/acme:\nNo problems found.\n"
    assert "willow" not in result.output
    named = cli("lint", "--staged", "--as-of", "2026-11-26", "clients/acme", "clients/willow", cwd=repo.path)
    assert named.exit_code == 0 and named.stdout == result.stdout
    assert "govtool: notice: clients/willow has no staged changes: not linted" in named.stderr


def test_each_register_gets_its_own_result_and_any_stop_stops_the_commit(git_repo: GitRepo, cli) -> None:
    repo = _clients(git_repo)
    repo.write("clients/acme/actions/ACT-NEW.yaml", ACME_GOOD.replace("ACT-GOOD", "ACT-NEW"))
    repo.write("clients/willow/actions/ACT-VAGUE2.yaml", WILLOW_VAGUE.replace("ACT-VAGUE", "ACT-VAGUE2"))
    repo.git("add", ".")
    for args in ((), ("clients/acme", "clients/willow")):
        result = cli("lint", "--staged", "--as-of", "2026-11-26", *args, cwd=repo.path)
        assert result.exit_code == 1, result.output
        acme, willow = result.stdout.split("register clients/willow:\n")
        assert acme == "register clients/acme:\nNo problems found.\n"
        assert "clients/willow/actions/ACT-VAGUE2.yaml:2: error vague-action" in willow
        assert "ACT-VAGUE.yaml" not in willow  # a file the commit leaves alone: counted, not listed
        assert willow.endswith("1 error, 1 warning in 1 file this commit changes; 2 problems in files it "
                               "leaves alone ('govtool lint' lists them).\n")
        (line,) = result.stderr.splitlines()  # acme has no errors, so no verdict of its own
        assert line.startswith("govtool: the commit is stopped by 1 problem in the files it changes; "
                                    "clients/willow/actions/ACT-VAGUE2.yaml:2: error vague-action")


def test_a_commit_that_changes_no_register_lints_nothing(git_repo: GitRepo, cli) -> None:
    repo = _clients(git_repo)
    repo.write("README.md", "Client registers, one folder each\n")
    repo.git("add", "README.md")
    result = cli("lint", "--staged", cwd=repo.path)
    assert (result.exit_code, result.stdout) == (0, "")
    assert "no register here has staged changes: nothing to lint" in result.stderr


def test_several_registers_without_staged_are_each_linted_and_one_register_is_as_before(git_repo: GitRepo,
                                                                                          cli) -> None:
    repo = _clients(git_repo)
    both = cli("lint", "--as-of", "2026-11-26", "clients/acme", "clients/willow", cwd=repo.path)
    assert both.exit_code == 1 and "register clients/acme:\nNo problems found.\nregister clients/willow:\n" in both.stdout
    # a message's command runs from where lint was run (a consultant's trial copied it at the root)
    assert "(govtool -C clients/willow edit ACT-VAGUE" in both.stdout and "(govtool edit" not in both.stdout
    one = cli("lint", "--as-of", "2026-11-26", "clients/willow", cwd=repo.path)
    assert one.exit_code == 1 and one.stdout.startswith("actions/ACT-VAGUE.yaml:2: warning missing-measure")
    assert "register " not in one.stdout  # one register: the output it always had
    refused = cli("lint", "--format", "json", "clients/acme", "clients/willow", cwd=repo.path)
    assert refused.exit_code == 2 and "lint several registers one at a time" in refused.output
    nowhere = cli("lint", cwd=repo.path)
    assert nowhere.exit_code == 2 and "no govtool register here" in nowhere.output
    assert "there are registers below it (clients/acme, clients/willow): point at one with -C DIR" in nowhere.output


def test_the_restore_command_for_a_deleted_record_works_from_the_top_of_the_repository(git_repo: GitRepo, cli) -> None:
    """A record deleted in one client's register: lint's fix names the file from the top of the
    repository (Git's ":/" form), so it works where a consultant types it."""
    repo = _clients(git_repo)
    repo.git("rm", "-q", "clients/willow/actions/ACT-GOOD.yaml")
    result = cli("lint", "--as-of", "2026-11-26", "--staged", cwd=repo.path)
    command = 'git checkout HEAD -- ":/clients/willow/actions/ACT-GOOD.yaml"'
    assert result.exit_code == 1 and command in result.stdout, result.output
    repo.git("checkout", "HEAD", "--", ":/clients/willow/actions/ACT-GOOD.yaml")  # as typed at the top
    assert (repo.path / "clients" / "willow" / "actions" / "ACT-GOOD.yaml").is_file()
