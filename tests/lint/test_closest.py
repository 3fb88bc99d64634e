"""Did-you-mean stays useful and bounded: each question against 8,000 people ranks a shortlist
of a few dozen, not all 8,000 (bench/slow_paths_bench.py times 2,000 unknown owners)."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

from govtool.support.closest import FULL_SEARCH, SHORTLIST, Closest

FIRST = ["amy", "ben", "cara", "dev", "ella", "faye", "gus", "hana", "ivan", "jane", "kofi", "lena", "mo", "nia"]
LAST = ["smith", "patel", "jones", "khan", "brown", "okafor", "nowak", "evans", "ahmed", "wright"]


def _people(count: int) -> list[str]:
    rng = random.Random(15)
    return [f"{rng.choice(FIRST)}.{rng.choice(LAST)}{i}" for i in range(count)]


def test_a_typo_finds_the_same_person_as_a_full_search() -> None:
    people = _people(2000)
    closest = Closest(people)
    rng = random.Random(3)
    for person in rng.sample(people, 30):
        typo = person[:3] + person[4:]  # one letter dropped
        [full] = difflib.get_close_matches(typo, people, n=1, cutoff=0.6)
        [found] = closest.matches(typo)
        # as close as the full search's answer (several people can be equally close)
        assert _ratio(typo, found) == _ratio(typo, full), (typo, found, full)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def test_the_work_per_question_is_bounded() -> None:
    closest = Closest(_people(8000))
    unknown = [f"nobody{i}.{LAST[i % len(LAST)]}" for i in range(300)]
    for who in unknown:
        closest.matches(who)
    assert closest.compared <= 300 * SHORTLIST  # a full search: 2,400,000
    for who in unknown:  # asked again (the same typo in another record): remembered
        closest.matches(who)
    assert closest.compared <= 300 * SHORTLIST


def test_a_small_set_is_searched_in_full() -> None:
    people = _people(FULL_SEARCH)
    closest = Closest(people)
    assert closest.matches("jane.smth") == difflib.get_close_matches("jane.smth", people, n=1, cutoff=0.6)
    assert Closest([]).matches("anyone") == []


def test_lint_with_8000_people_and_unknown_owners_suggests_and_stays_bounded(tmp_path: Path, monkeypatch) -> None:
    import datetime as dt

    import govtool.support.closest as closest_module
    from govtool.lint.engine import lint_register
    from tests.lint.casebuild import base_files, write_files

    write_files(tmp_path, base_files())
    settings = tmp_path / "govtool.yaml"
    people = "".join(f"  person.{i:04d}: {{name: Person {i:04d}, role: Carer}}\n" for i in range(8000))
    settings.write_text(settings.read_text().replace("people:\n", "people:\n" + people, 1), encoding="utf-8")
    action = (tmp_path / "actions").glob("*.yaml").__next__().read_text(encoding="utf-8")
    owner_line = next(line for line in action.splitlines() if line.startswith("owner:"))
    for i in range(150):
        text = action.replace(owner_line, f"owner: persn.{i:04d}x").replace("id: ACT-", f"id: ACT-U{i:04d}", 1)
        (tmp_path / "actions" / f"ACT-U{i:04d}.yaml").write_text(text, encoding="utf-8")
    made: list[Closest] = []
    real = closest_module.Closest

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr("govtool.lint.rules.people.Closest", Counting)
    result = lint_register(tmp_path, today=dt.date(2026, 11, 26), paths=None)
    unknown = [p for p in result.problems if "is not in the people directory" in p.message and "persn." in p.message]
    assert len(unknown) == 150
    assert all("did you mean person." in p.message for p in unknown)
    assert sum(c.compared for c in made) <= 150 * SHORTLIST
