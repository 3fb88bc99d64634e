"""Any text gets a verdict from every judge, and no text can make a judge slow or fooled.

The work is bounded by construction (the judges read at most JUDGED_CHARACTERS of a field), so
these tests check the bound and the verdicts, never the clock; bench/judgement_rates.py times
the judges.
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govtool.judgement import Verdict, judge_action, judge_completion, judge_owner
from govtool.judgement.normalise import JUDGED_CHARACTERS, normalise

JUDGES = (judge_action, judge_owner, judge_completion)

# Text that looks like plan text, and text that looks like nothing at all.
plan_like = st.text(alphabet=string.ascii_letters + string.digits + " ,.;:/&%()-'\n", max_size=300)
anything = st.text(max_size=300)


@given(text=st.one_of(plan_like, anything))
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_every_text_gets_a_verdict_from_every_judge(text: str) -> None:
    for judge in JUDGES:
        verdict = judge(text)
        assert verdict is None or (isinstance(verdict, Verdict) and verdict.reason and verdict.fix)


def test_punctuation_and_empty_text_get_verdicts() -> None:
    for text in ("", " ", ".", "-", "...", "?!", "/", "&", "—", "()", "1", "%"):
        for judge in JUDGES:
            judge(text)  # no exception is the point: each returns None or a Verdict


def test_a_huge_field_is_judged_on_its_head() -> None:
    """A 1 MiB field costs what its first JUDGED_CHARACTERS cost: the verdict is the head's."""
    head = "Improve the culture of the home " * 10
    huge = head + "and more " * ((1 << 20) // 9)
    assert len(normalise(huge)) <= JUDGED_CHARACTERS
    assert normalise(huge) == normalise(huge[: JUDGED_CHARACTERS * 4])
    for judge in JUDGES:
        assert (judge(huge) is None) == (judge(normalise(huge)) is None)


def test_spaces_and_digits_are_bounded() -> None:
    """The slow case that was found: 20 KB of spaces and digits."""
    text = "1 2 3 45 6 78 9 0 " * 1200
    assert len(normalise(text)) <= JUDGED_CHARACTERS
    for judge in JUDGES:
        judge(text)


def test_disguised_groups_read_as_groups() -> None:
    for disguised in ("Nursing te\u200bam", "Nur\u00adsing team", "Nursing t\u0435am", "\uff2e\uff55\uff52\uff53\uff49\uff4e\uff47 team",
                      "All\u2060 staff", "Clinical\u00a0team"):
        assert judge_owner(disguised) is not None, disguised
    assert normalise("Nursing t\u0435am") == "Nursing team"


def test_a_name_written_in_cyrillic_is_still_one_person() -> None:
    assert judge_owner("Ольга Петренко") is None
