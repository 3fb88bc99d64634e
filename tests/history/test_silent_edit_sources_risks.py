"""silent-edit on sources and risks, as a manager meets it: what govtool writes passes, a hand
edit to a source's response date or a finding, or to a risk's score or a control's rating, is
reported where it was made, in real repositories with dated commits. Lint reads each changed
file's versions in the one history pass it already makes: no Git process per file."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

import govtool.support.gitcommand
from govtool.lint.engine import lint_register
from tests.cli.conftest import new_id


def _silent(root: Path) -> list[tuple[str, int | None, str]]:
    """Linted on the day it is asked (read then, not when the file loads: a run may cross midnight)."""
    problems = lint_register(root, today=dt.date.today()).problems
    return [(p.path, p.line, p.message) for p in problems if p.rule == "silent-edit"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def source(register: Any, cli: Any) -> str:
    """An inspection report recorded and committed through the command line."""
    source_id = new_id(cli("new", "source", "--type", "inspection_report", "--title", "CQC inspection report, March 2026",
                           "--date", "2026-03-02", "--response-due", "2026-03-30",
                           "--finding", "MAR charts had gaps.", "--regulation", "12", "--level", "must",
                           "--finding", "Care plans did not record consent.", "--regulation", "11", "--level", "should",
                           cwd=register.path))
    register.commit("Record the March inspection", date="2026-03-03")
    return source_id


def test_what_edit_writes_passes_and_a_hand_edit_of_a_finding_is_reported_on_its_line(
        register: Any, cli: Any, source: str) -> None:
    result = cli("edit", source, "--response-due", "2026-04-13", "--reason", "CQC agreed two more weeks",
                 "--by", "jane.smith", "--commit", cwd=register.path)
    assert result.exit_code == 0, result.output
    result = cli("edit", source, "--finding", "F2", "--level", "must", "--reason", "The requirement notice cites it",
                 "--by", "jane.smith", "--commit", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert _silent(register.path) == []

    path = register.path / "sources" / f"{source}.yaml"
    _replace(path, "    level: must\nedits:", "    level: should\nedits:")
    found = _silent(register.path)
    line = path.read_text().splitlines().index("    level: should") + 1
    assert found == [(f"sources/{source}.yaml", line,
                      f"the level of finding F2 of {source} was changed in the file by hand "
                      f"from 'must' to 'should', and not yet committed, with no edit entry saying why: put it back to 'must' by hand, then "
                      f"make the change with govtool edit {source} --finding F2 --level ... --reason ...")]

    register.commit("Tidy the source", date="2026-04-20")
    (message,) = [m for _, _, m in _silent(register.path)]
    assert re.match(r"commit [0-9a-f]{7} \(2026-04-20, ", message)
    sha = message.split()[1]
    assert message.endswith(  # a later edit entry would not settle it: the acknowledgement, in full
        f"That commit is made: a govtool edit now would record a later change, not this one, so acknowledge it "
        f'with why it changed: govtool acknowledge {sha} --rule silent-edit --record {source} --reason "..."')
    shown = cli("show", source, cwd=register.path).stdout
    assert "level of finding F2 changed without an edit entry" in shown


def test_a_response_date_moved_by_hand_is_reported_and_the_new_source_advice_avoids_it(
        register: Any, cli: Any) -> None:
    result = cli("new", "source", "--type", "inspection_report", "--title", "CQC inspection report, March 2026",
                 "--date", "2026-03-02", "--finding", "MAR charts had gaps.", cwd=register.path)
    source_id = new_id(result)
    register.commit("Record the March inspection", date="2026-03-03")
    advice = re.search(r"record it with (govtool edit .*)$", result.stdout, flags=re.MULTILINE)
    assert advice is not None
    path = register.path / "sources" / f"{source_id}.yaml"
    original = path.read_text()
    _replace(path, "date: 2026-03-02\n", "date: 2026-03-02\nresponse_due: 2026-03-30\n")  # by hand, as once advised
    assert [m for _, _, m in _silent(register.path)] == [
        f"the response_due of {source_id} was changed in the file by hand from (none) to "
        f"'2026-03-30', and not yet committed, with no edit entry saying why: remove it again by hand, then make the change with "
        f"govtool edit {source_id} --response-due ... --reason ..."]
    path.write_text(original)
    command = advice.group(1).replace("--reason ...", "").split()[1:]
    assert cli(*command, "--reason", "The requirement notice's date", "--by", "jane.smith",
               cwd=register.path).exit_code == 0  # the advice, as printed
    assert _silent(register.path) == []


def test_a_control_rated_effective_by_hand_is_reported_until_a_review_records_it(register: Any, cli: Any) -> None:
    risk = new_id(cli("new", "risk", "--title", "Residents are harmed by missed doses", "--owner", "jane.smith",
                      "--likelihood", "4", "--consequence", "4", "--control", "Weekly MAR audit:inadequate",
                      cwd=register.path))
    register.commit("Add the medicines risk", date="2026-09-01")
    result = cli("review", risk, "--likelihood", "4", "--consequence", "4", "--note", "Audits still monthly",
                 "--date", "2026-10-01", "--no-commit", cwd=register.path)
    assert result.exit_code == 0, result.output
    register.commit("Review the medicines risk", date="2026-10-01")
    assert _silent(register.path) == []

    path = register.path / "risks" / f"{risk}.yaml"
    _replace(path, "effectiveness: inadequate", "effectiveness: effective")
    _replace(path, "residual:\n  likelihood: 4", "residual:\n  likelihood: 2")
    register.commit("Update the medicines risk", date="2026-10-20")
    messages = sorted(m for _, _, m in _silent(register.path))
    assert len(messages) == 2
    assert (f"changed the effectiveness of control C1 of {risk} from 'inadequate' to 'effective' with no review "
            f"saying why: record it in a review (govtool review {risk} --likelihood N --consequence N "
            "--control C1=effective --note ...)") in messages[0]
    assert f"changed the residual likelihood of {risk} from '4' to '2' with no review saying why" in messages[1]
    shown = cli("show", risk, cwd=register.path).stdout
    assert "residual likelihood, effectiveness of control C1 changed without a review" in shown

    # The review that should have been: from then on the risk stands on a recorded review.
    result = cli("review", risk, "--likelihood", "2", "--consequence", "4", "--control", "C1=effective",
                 "--note", "Weekly audits at 100% for six weeks", "--date", "2026-11-02", "--no-commit", cwd=register.path)
    assert result.exit_code == 0, result.output
    assert _silent(register.path) == []


def test_lint_asks_git_no_more_often_for_many_edited_sources_than_for_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any) -> None:
    """Each file's versions come from the one history read (one log, one cat-file): the number
    of Git processes does not grow with the files changed or the versions of each."""
    from tests.conftest import MINIMAL_SETTINGS, GitRepo

    def history_with(sources: int) -> Path:
        repo = GitRepo(tmp_path / f"repo-{sources}")
        repo.path.mkdir()
        repo.git("init", "-q", "-b", "main")
        repo.write("govtool.yaml", MINIMAL_SETTINGS)
        for month in range(1, 5):
            for n in range(sources):
                repo.write(f"sources/SRC-{n}.yaml", f"""\
                    id: SRC-{n}
                    type: audit
                    title: Medicines audit {n}
                    date: 2026-01-0{1 + n % 9}
                    response_due: 2026-0{month + 1}-15
                    findings:
                      - id: F1
                        text: MAR charts had gaps.
                        level: {"must" if month % 2 else "should"}
                    """)
            repo.commit(f"Month {month}", date=f"2026-0{month}-20")
        return repo.path

    calls: list[tuple[str, ...]] = []
    real = govtool.support.gitcommand.run_git

    def counted(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
        calls.append(args)
        return real(folder, *args, stdin=stdin)

    monkeypatch.setattr(govtool.support.gitcommand, "run_git", counted)
    counts = {}
    for sources in (1, 6):
        root = history_with(sources)
        calls.clear()
        found = _silent(root)
        counts[sources] = len(calls)
        assert len(found) == 2 * 3 * sources  # each month after the first: the response date and F1's level
    assert counts[6] == counts[1], counts


def test_two_branches_correcting_one_source_merge_clean_and_a_resolution_of_its_own_is_reported(
        register: Any, cli: Any, source: str) -> None:
    """A consultant's review branch corrects the response date while main corrects a finding:
    a merge that keeps both corrections is clean; one that also changes a field itself is
    reported on the merge."""
    path = register.path / "sources" / f"{source}.yaml"

    def on(branch: str, *args: str) -> dict[str, Any]:
        register.git("checkout", "-q", branch)
        result = cli("edit", source, *args, "--by", "jane.smith", cwd=register.path)
        assert result.exit_code == 0, result.output
        register.commit(f"{branch}: {' '.join(args[:2])}", date="2026-03-10")
        return dict(yaml.safe_load(path.read_text()))

    register.git("branch", "review")
    review = on("review", "--response-due", "2026-04-13", "--reason", "CQC agreed two more weeks")
    main = on("main", "--finding", "F2", "--level", "must", "--reason", "The requirement notice cites it")

    def merge(title: str) -> str:
        """Both appended to edits: Git leaves the file to the person merging, who keeps both."""
        done = subprocess.run(["git", "merge", "-q", "--no-commit", "review"], cwd=register.path, capture_output=True)
        assert done.returncode == 1  # the conflict
        merged = {**main, "title": title, "response_due": review["response_due"],
                  "edits": [*main["edits"], review["edits"][-1]]}
        path.write_text(yaml.safe_dump(merged, sort_keys=False, allow_unicode=True))
        return register.commit("Merge review", date="2026-03-11")

    merge(main["title"])
    assert _silent(register.path) == []
    register.git("reset", "-q", "--hard", "HEAD~1")
    sha = merge("CQC inspection report")
    [(_, _, message)] = _silent(register.path)
    assert message.startswith(f"merge {sha[:7]} (2026-03-11, ")
    assert f"changed the title of {source} from 'CQC inspection report, March 2026' to 'CQC inspection report'" in message
