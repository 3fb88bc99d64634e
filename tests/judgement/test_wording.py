"""vague-action's wording model: what it was fitted on, that it is read back as fitted, and
how it may overrule the forms (govtool/judgement/wording.py, judge_action's docstring)."""

from __future__ import annotations

import json

import pytest

from govtool.judgement import judge_action, judge_completion, wording
from govtool.judgement.action import _judge_forms
from govtool.judgement.normalise import JUDGED_CHARACTERS
from tests.judgement.realworld.corpus import load

MODEL = json.loads(wording.MODEL_PATH.read_text(encoding="utf-8"))


def test_the_plain_python_reader_gives_the_fitted_probabilities() -> None:
    """The file carries what scikit-learn's fitted pipeline said of a sample of texts; reading
    the weights back in plain Python must say the same, or every verdict drifts silently."""
    checks = MODEL["checks"]
    assert len(checks) >= 40
    for text, fitted in checks:
        assert wording.vague_probability(text) == pytest.approx(fitted, abs=1e-9), text


def test_no_held_out_document_taught_the_model() -> None:
    development = [item for item in load() if item.kind == "action" and item.part == "dev"]
    trained = MODEL["trained_on"]
    assert trained["items"] == len(development)
    assert set(trained["documents"]) == {item.doc for item in development}


def test_wording_overrules_a_form_only_where_it_reads_plainly_specific() -> None:
    # Issue 14's own false alarm: a form calls "to be a standing item" a duty, but this is
    # how the specific actions of published plans are worded, and the judge now passes it.
    agenda = "Infection control to be a standing item on the staff meeting agenda"
    assert _judge_forms(agenda)[0] is not None
    assert judge_action(agenda) is None
    # ... while the standing duty the issue names stays flagged.
    assert judge_action("Staff should follow the hand hygiene policy") is not None


def sure_wording(monkeypatch: pytest.MonkeyPatch, probability: float) -> None:
    """The model made certain either way, to show what no wording can change."""
    monkeypatch.setattr(wording, "vague_probability", lambda text: probability)


def test_a_word_that_says_the_act_never_ends_is_never_overruled(monkeypatch: pytest.MonkeyPatch) -> None:
    sure_wording(monkeypatch, 0.0)
    for text in ("Night staff to constantly monitor the fire doors on Ward 3.",
                 "We aim to reduce falls on the dementia unit.", "Continue to audit 10 care plans a month.",
                 # round 17: a direction with no end point, an opening or a hedge that keeps the
                 # act going, a way of working, a duty to comply
                 "Reduce the number of falls on the dementia unit.", "Ongoing audits of the MAR charts.",
                 "Care plans to be updated as required.", "Medicines will be stored securely.",
                 "Staff must adhere to the infection control protocol."):
        assert judge_action(text) is not None, text
    assert judge_action("Review the complaints process.") is None  # any other form gives way
    assert judge_action("The practice should follow up the complaint with the family.") is None


def test_wording_alone_flags_what_no_form_catches_and_says_which_words() -> None:
    text = "Maintain and improve our CQC ratings"
    assert _judge_forms(text) == (None, False)
    verdict = judge_action(text)
    assert verdict is not None
    assert "('improve')" in verdict.reason  # the word that says why, not "CQC" or "ratings"
    assert "how its completion will be checked" in verdict.fix
    heading = judge_action("Reporting of clinical incidents")  # a topic, with no vague word in it
    assert heading is not None and "cannot be checked, naming an aim or a topic" in heading.reason


def test_wording_never_undoes_a_checkable_act_or_a_target(monkeypatch: pytest.MonkeyPatch) -> None:
    sure_wording(monkeypatch, 1.0)
    rescued = "Improve the safety culture. The manager will hold a debrief after every fall."
    assert _judge_forms(rescued) == (None, True)  # the later sentence commits
    assert judge_action(rescued) is None
    target = {"target": "95% of the 20 sampled care plans audited as complete"}
    assert judge_action("Maintain and improve our CQC ratings", measure=target) is None
    assert judge_action("Maintain and improve our CQC ratings") is not None


def test_the_work_is_bounded_by_the_judged_head() -> None:
    """Letter groups are cut from the normalised head only, whatever the field's length."""
    head = "improve " * (JUDGED_CHARACTERS // 8)
    long = head + "x" * 1_000_000
    assert judge_action(long) == judge_action(head)
    assert len(wording.letter_grams(head, 2, 4)) <= 3 * JUDGED_CHARACTERS


@pytest.mark.parametrize("text", ["", ".", "…!?", "\u200b", "9" * 50, "ǅ ß ﬁ İ"])
def test_any_text_gets_a_probability(text: str) -> None:
    assert 0.0 < wording.vague_probability(text) < 1.0


# ---------------------------------------------------------------- completion-without-change
COMPLETION_MODEL = json.loads(wording.COMPLETION_MODEL_PATH.read_text(encoding="utf-8"))


def test_the_completion_model_is_read_back_as_fitted_and_learnt_no_held_out_note() -> None:
    for text, fitted in COMPLETION_MODEL["checks"]:
        assert wording.completion_probability(text) == pytest.approx(fitted, abs=1e-9), text
    development = [item for item in load() if item.kind == "closure" and item.part == "dev"]
    trained = COMPLETION_MODEL["trained_on"]
    assert trained["kind"] == "closure" and trained["items"] == len(development)
    assert set(trained["documents"]) == {item.doc for item in development}


def test_a_change_note_worded_as_published_ones_passes_though_no_form_names_its_result() -> None:
    # Round 30: a development change note (D5203-3) the forms flag for naming no result.
    note = ("The medication system has been restructured. Medication is stored correctly and "
            "records are clear and easy to read.")
    assert wording.completion_probability(note) < 0.4
    assert judge_completion(note) is None
    # Worded as the work done, a note of the same length stays flagged ...
    assert judge_completion("Policy reviewed and updated and circulated to all staff at the team "
                            "meeting on 4 May 2026.") is not None
    # ... and a short note gives the wording too little to weigh against the forms.
    assert wording.completion_probability("Medication is stored correctly.") < 0.4
    assert judge_completion("Medication is stored correctly.") is not None


def test_a_note_worded_as_the_work_done_is_flagged_though_a_form_found_a_result() -> None:
    # "improvements have been made" reads to a form as an outcome; the rest is the work.
    note = ("Some improvements have been made to the environment: the lounge has been "
            "redecorated and new chairs have been purchased.")
    verdict = judge_completion(note)
    assert verdict is not None and verdict.trigger == "wording:model"
    assert "a report of the work done" in verdict.reason and "now different" in verdict.fix
    # A figure compared with an earlier one is never outweighed, however it is worded.
    survey = "Staff survey 2024: 72% would recommend the ward as a place to work (2023: 55%)."
    assert wording.completion_probability(survey) >= 0.85
    assert judge_completion(survey) is None


@pytest.mark.parametrize("text", ["", ".", "…!?", "\u200b", "9" * 50, "ǅ ß ﬁ İ", "x " * 600_000])
def test_any_note_gets_a_probability_and_a_verdict(text: str) -> None:
    assert 0.0 < wording.completion_probability(text) < 1.0
    judge_completion(text)  # a verdict or None, never an error
