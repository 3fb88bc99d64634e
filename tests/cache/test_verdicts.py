"""The verdict cache: a text judged before takes its stored verdict, and the result is exactly
what judging it afresh gives; a new text, a corrupt cache or new judges mean judging again."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from govtool.cache.store import read_checked, write_checked
from govtool.cache.verdicts import FORMAT, judges_version
from govtool.lint.engine import lint_register
from govtool.register.load import load_settings

from ..conftest import EXAMPLE_REGISTER, PROJECT_ROOT, GitRepo

TODAY = dt.date(2026, 11, 26)
JUDGED = {"vague-action", "collective-owner", "completion-without-change"}


def judged_problems(root: Path) -> list[tuple[str, str, int | None, str]]:
    result = lint_register(root, TODAY)
    return [(p.rule, p.path, p.line, p.message) for p in result.problems if p.rule in JUDGED]


def cache_file(repo: GitRepo) -> Path:
    (path,) = (repo.path / ".git" / "govtool").glob("verdicts-*.json")
    return path


def stored(repo: GitRepo) -> dict[str, str | None]:
    value, reason = read_checked(cache_file(repo), FORMAT, judges_version())
    assert reason == "used"
    return value["verdicts"]


def example(repo: GitRepo) -> Path:
    shutil.copytree(EXAMPLE_REGISTER, repo.path, dirs_exist_ok=True)
    repo.commit("Example register", date="2026-03-01")
    return repo.path


def test_verdicts_from_the_cache_are_the_judges_own(git_repo: GitRepo, tmp_path: Path) -> None:
    root = example(git_repo)
    outside = tmp_path / "no-git"
    shutil.copytree(root, outside, ignore=shutil.ignore_patterns(".git"))
    fresh = judged_problems(outside)  # outside Git: judged every time, nothing stored
    assert {rule for rule, *_ in fresh} == JUDGED  # the example plants all three

    assert judged_problems(root) == fresh
    assert any(verdict is None for verdict in stored(git_repo).values())  # passes are stored too
    assert sum(verdict is not None for verdict in stored(git_repo).values()) == len(fresh)
    written = cache_file(git_repo).stat().st_ino
    assert judged_problems(root) == fresh
    assert cache_file(git_repo).stat().st_ino == written  # nothing new: not rewritten


def test_a_cached_run_does_not_load_the_judges(git_repo: GitRepo) -> None:
    root = example(git_repo)
    script = (
        "import datetime, sys; from pathlib import Path; from govtool.lint.engine import lint_register\n"
        f"lint_register(Path({str(root)!r}), datetime.date(2026, 11, 26))\n"
        "print(any(f'govtool.judgement.{judge}' in sys.modules for judge in ('action', 'owner', 'completion')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}

    def judges_loaded() -> str:
        return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                              check=True).stdout.strip()

    assert judges_loaded() == "True"  # the first run judges every text
    assert judges_loaded() == "False"  # the second takes every verdict from the cache


def test_an_edited_text_is_judged_again(register: GitRepo) -> None:
    action = register.write("actions/ACT-1.yaml", """
        id: ACT-1
        title: Weekly audit of 10 MAR charts, reported to the governance meeting
        owner: Jane Smith
        status: open
    """)
    assert judged_problems(register.path) == []
    action.write_text(action.read_text().replace("Weekly audit of 10 MAR charts, reported to the governance meeting",
                                                 "Improve medicines management"))
    assert [rule for rule, *_ in judged_problems(register.path)] == ["vague-action"]
    action.write_text(action.read_text().replace("owner: Jane Smith", "owner: Nursing team"))
    assert sorted(rule for rule, *_ in judged_problems(register.path)) == ["collective-owner", "vague-action"]
    # only what this run asked for (the title, the owner, the directory's names): the earlier title's entry is gone
    assert len(stored(register)) == 2 + len(load_settings(register.path).people)


def test_a_corrupt_or_foreign_cache_is_judged_afresh(register: GitRepo) -> None:
    register.write("actions/ACT-1.yaml", "id: ACT-1\ntitle: Improve medicines management\nstatus: open\n")
    fresh = judged_problems(register.path)
    assert [rule for rule, *_ in fresh] == ["vague-action"]
    path = cache_file(register)
    good = path.read_bytes()
    for damage in (good[: len(good) // 2], good.replace(b"vague", b"fine!"), b"", b"\x00" * 64):
        path.write_bytes(damage)
        assert judged_problems(register.path) == fresh
        assert read_checked(path, FORMAT, judges_version())[1] == "used"  # rebuilt

    # Made by other judges (an older govtool): its verdicts are not used, even well-formed.
    value, _ = read_checked(path, FORMAT, judges_version())
    write_checked(path, FORMAT, "1:older-judges", {"verdicts": {key: None for key in value["verdicts"]}})
    assert judged_problems(register.path) == fresh
    # A well-formed entry of the wrong type is judged again rather than trusted.
    write_checked(path, FORMAT, judges_version(), {"verdicts": {key: 7 for key in value["verdicts"]}})
    assert judged_problems(register.path) == fresh


def test_a_refitted_wording_model_is_new_judges(tmp_path: Path, monkeypatch) -> None:
    """The fitted model is data beside the code: refitting it must judge every text again."""
    import govtool

    package = tmp_path / "govtool"
    shutil.copytree(Path(govtool.__file__).parent / "judgement", package / "judgement")
    monkeypatch.setattr(govtool, "__file__", str(package / "__init__.py"))
    judges_version.cache_clear()
    try:
        before = judges_version()
        model = package / "judgement" / "action_wording.json"
        model.write_text(model.read_text(encoding="utf-8").replace('"intercept":', '"intercept": ', 1),
                         encoding="utf-8")
        judges_version.cache_clear()
        assert before is not None and judges_version() != before
    finally:
        judges_version.cache_clear()
