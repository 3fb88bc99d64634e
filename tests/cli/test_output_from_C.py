"""`-C DIR` runs govtool as if started in DIR: every relative output path and folder a command is
given is taken from DIR, whichever command it is (docs/cli.md). A consultant who runs
`govtool -C clients/acme report all -o reports` and `... report action-plan -o plan.html` from
the repository root finds both beside each other, in the client's folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

OUTPUTS = [
    (("report", "all", "-o", "out"), "out/action-plan.html"),
    (("report", "action-plan", "-o", "out/plan.html"), "out/plan.html"),
    (("report", "action-plan", "-o", "out/plan.docx"), "out/plan.docx"),
    (("report", "momentum", "-o", "out/momentum.json"), "out/momentum.json"),
    (("report", "risks", "-o", "out/risks.md"), "out/risks.md"),
    (("export", "-o", "out/plan.csv"), "out/plan.csv"),
    (("export", "-o", "out/plan.xlsx"), "out/plan.xlsx"),
    (("digest", "-o", "out/digest.txt"), "out/digest.txt"),
    (("digest", "--as-of", "2031-01-10", "--eml", "out/outbox"), "out/outbox/jane.smith.eml"),  # overdue by then
    (("calendar", "-o", "out/plan.ics"), "out/plan.ics"),
    (("portfolio", ".", "-o", "out/portfolio.html"), "out/portfolio.html"),
    (("lint", "--exit-zero", "--output-file", "out/lint.sarif"), "out/lint.sarif"),
]


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the user stands: not the register, and holding an `out` folder of its own, so
    that a path taken from here would succeed too (and be caught)."""
    here = tmp_path / "standing-here"
    (here / "out").mkdir(parents=True)
    monkeypatch.chdir(here)
    return here


@pytest.mark.parametrize(("args", "written"), OUTPUTS, ids=[" ".join(args[:2]) for args, _ in OUTPUTS])
def test_a_relative_output_is_taken_from_the_C_folder(plan: Any, elsewhere: Path, args: tuple[str, ...],
                                                      written: str) -> None:
    (plan.root / "out").mkdir()
    if args[0] == "digest" and "--eml" in args:
        (plan.root / "govtool.yaml").write_text((plan.root / "govtool.yaml").read_text().replace(
            "name: Jane Smith,", "name: Jane Smith, email: jane@example.org,"))
    result = plan.run(*args)  # govtool -C <register> ...
    assert result.exit_code == 0, result.output
    assert (plan.root / written).exists()
    assert list((elsewhere / "out").iterdir()) == []


def test_report_all_creates_its_folder_in_the_C_folder(plan: Any, elsewhere: Path) -> None:
    result = plan.run("report", "all", "-o", "reports")
    assert result.exit_code == 0, result.output
    assert (plan.root / "reports" / "action-plan.docx").is_file()
    assert not (elsewhere / "reports").exists()
    assert result.stdout.splitlines()[0] == str(Path("reports", "action-plan.md"))  # as typed, from -C's folder


def test_templates_are_taken_from_the_C_folder(plan: Any, elsewhere: Path) -> None:
    ours = plan.root / "house-style"
    ours.mkdir()
    (ours / "momentum.md.j2").write_text("OUR MOMENTUM for {{ view.header.provider }}\n")
    (elsewhere / "house-style").mkdir()  # an empty one where the user stands would change nothing
    result = plan.run("report", "momentum", "--templates", "house-style")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OUR MOMENTUM for ")


def test_a_C_folder_that_does_not_exist_is_one_error_line_with_the_folder_meant(tmp_path: Path, cli: Any) -> None:
    """The trial's finding: `-C oakhil` printed click's three-line usage error, unlike every
    other error."""
    (tmp_path / "oakhill").mkdir()
    (tmp_path / "notes.txt").write_text("x\n")
    missing = cli.subprocess("-C", "oakhil", "list", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr == "govtool: error: -C oakhil: no such folder (did you mean oakhill?)\n"
    a_file = cli.subprocess("-C", "notes.txt", "list", cwd=tmp_path)
    assert a_file.returncode == 2 and a_file.stderr == "govtool: error: -C notes.txt: is a file, not a folder\n"
    far = cli.subprocess("-C", str(tmp_path / "nowhere" / "at-all"), "list", cwd=tmp_path)
    assert far.returncode == 2 and far.stderr == f"govtool: error: -C {tmp_path / 'nowhere' / 'at-all'}: no such folder\n"


@pytest.mark.parametrize("args", [
    ("report", "action-plan", "-o", "out/plan.html"), ("report", "action-plan", "-o", "out/plan.docx"),
    ("calendar", "-o", "out/plan.ics"), ("portfolio", ".", "-o", "out/portfolio.html"),
    ("digest", "-o", "out/digest.txt"),
], ids=lambda args: " ".join(args[:2]))
def test_the_wrote_line_names_the_file_from_where_the_user_stands(plan: Any, elsewhere: Path,
                                                                  args: tuple[str, ...]) -> None:
    # A manager's trial: 'wrote plan.docx' sent her looking in the folder she stood in.
    (plan.root / "out").mkdir()
    result = plan.run(*args)
    assert result.exit_code == 0, result.output
    assert f"wrote {(plan.root / args[-1]).resolve()}\n" in result.stderr


def test_the_wrote_line_is_as_typed_without_C(plan: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plan.root)
    (plan.root / "out").mkdir()
    result = plan.cli("report", "action-plan", "-o", "out/plan.html", cwd=plan.root)
    assert result.exit_code == 0, result.output
    assert "wrote out/plan.html\n" in result.stderr
