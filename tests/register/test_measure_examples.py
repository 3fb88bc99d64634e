"""The example target offered for an action fits what it is about, else any service."""

from __future__ import annotations

from govtool.register.measure_examples import NEUTRAL, example_target


def test_the_most_telling_text_names_the_topic_first() -> None:
    # the title (training) before the finding (medicines); a month written 'Mar' is no MAR chart
    assert example_target(["Train night staff to use the handover sheet", "MAR charts had gaps"]).startswith("100% of staff")
    assert example_target([None, "Medicines were not managed safely"]).startswith("98% of MAR charts")
    assert example_target(["Audit 20 care plans by 31 Mar 2027"]) == NEUTRAL
    assert example_target(["Replace the paper charts with e-MAR on both units"]).startswith("98% of MAR charts")


def test_without_words_the_regulation_or_the_source_type_decides() -> None:
    assert example_target(["Answer call bells within 5 minutes"], source_type="complaint").startswith("every complaint")
    assert example_target(["Answer call bells within 5 minutes"], regulation="13").startswith("every safeguarding")
    assert example_target(["Answer call bells within 5 minutes"], regulation="12", source_type="incident") == NEUTRAL
