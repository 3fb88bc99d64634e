"""Reports, the digest and the calendar name a record file they had to leave out, and exit 1, as
list and export do.

The trial that found this: a hand edit left ``title: Replace the broken call bell: room 14``
(invalid YAML) in an action; ``report action-plan``, ``report all`` and ``digest`` exited 0 with
nothing on standard error, the action only missing from the report.
"""

from __future__ import annotations

import pytest

from tests.cli.conftest import new_id

BROKEN_TITLE = "title: Replace the broken call bell: room 14\n"
#: The records are made by 'govtool new' (created today); a date before that would show the
#: register as it stood then, without them. A date still to come reads the files as they are.
AS_OF = "2099-12-31"


@pytest.fixture
def broken(plan, cli) -> str:
    """A second action, hand-edited into invalid YAML on its line 2."""
    action = new_id(cli("new", "action", "--title", "Fit a new call bell in room 14 and test it every week",
                        "--source", plan.source, "--finding", "F2", "--owner", "jane.smith", "--due", "2030-12-31",
                        "--target", "Call bell answered within 3 minutes in 4 weekly tests", cwd=plan.root))
    path = plan.root / "actions" / f"{action}.yaml"
    lines = path.read_text().splitlines(keepends=True)
    assert lines[1].startswith("title: ")
    path.write_text("".join([lines[0], BROKEN_TITLE, *lines[2:]]))
    return action


def _warned(result, action: str) -> None:
    assert result.exit_code == 1, result.output
    assert f"govtool: warning: actions/{action}.yaml:2: left out, the file cannot be read" in result.stderr
    assert "put the whole value in quotes" in result.stderr


@pytest.mark.parametrize("report", ["action-plan", "momentum", "risks"])
def test_a_report_names_the_file_it_left_out_and_exits_1(plan, broken, cli, report) -> None:
    result = cli("report", report, "--as-of", AS_OF, cwd=plan.root)
    _warned(result, broken)
    assert f"could not be read and is not in this report:** actions/{broken}.yaml" in result.stdout


def test_the_action_plan_still_shows_every_readable_action(plan, broken, cli) -> None:
    result = cli("report", "action-plan", "--as-of", AS_OF, "-o", str(plan.root / "plan.html"), cwd=plan.root)
    _warned(result, broken)
    html = (plan.root / "plan.html").read_text()
    assert plan.action in html and broken not in html.replace(f"actions/{broken}.yaml", "")


def test_report_all_writes_every_report_then_exits_1(plan, broken, cli) -> None:
    result = cli("report", "all", "--as-of", AS_OF, "-o", "reports", cwd=plan.root)
    _warned(result, broken)
    assert result.stderr.count("left out, the file cannot be read") == 1  # once, not once per report
    assert (plan.root / "reports" / "action-plan.docx").is_file()
    assert (plan.root / "reports" / "momentum.html").is_file()


def test_the_digest_names_the_file_it_left_out_and_exits_1(plan, broken, cli, tmp_path) -> None:
    result = cli("digest", "--as-of", AS_OF, cwd=plan.root)
    _warned(result, broken)
    assert f"could not be read and are not included: actions/{broken}.yaml" in result.stdout
    emailed = cli("digest", "--as-of", AS_OF, "--eml", str(tmp_path / "outbox"), cwd=plan.root)
    _warned(emailed, broken)


def test_the_calendar_names_the_file_it_left_out_and_exits_1(plan, broken, cli, tmp_path) -> None:
    """It exited 0 with nothing on standard error: a scheduled job published a feed short of
    an action's due date, and nobody knew."""
    result = cli("calendar", "--as-of", AS_OF, cwd=plan.root)
    _warned(result, broken)
    assert f"{plan.action}.due." in result.stdout and broken not in result.stdout  # the rest is still there
    target = tmp_path / "plan.ics"
    written = cli("calendar", "--as-of", AS_OF, "-o", str(target), cwd=plan.root)
    _warned(written, broken)
    assert target.read_text().startswith("BEGIN:VCALENDAR")


def test_a_readable_register_still_exits_0(plan, cli) -> None:
    for args in (("report", "action-plan"), ("report", "all", "-o", "reports"), ("digest",), ("calendar",)):
        result = cli(*args, "--as-of", AS_OF, cwd=plan.root)
        assert result.exit_code == 0 and "warning" not in result.stderr, result.output
