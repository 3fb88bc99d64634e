"""The vocabulary's labels and groups cover exactly what the schemas accept."""

import pytest

from govtool.register import vocabulary
from govtool.register.vocabulary import CitedRegulation, cited_regulation


def test_every_status_and_source_type_the_schema_accepts_has_a_label_and_no_other():
    assert set(vocabulary.STATUS_LABELS) == set(vocabulary.STATUSES)
    assert set(vocabulary.SOURCE_TYPE_LABELS) == set(vocabulary.SOURCE_TYPES)


def test_active_done_and_pending_statuses_are_statuses_the_schema_accepts():
    for group in (vocabulary.ACTIVE_STATUSES, vocabulary.DONE_STATUSES, vocabulary.PENDING_STATUSES):
        assert set(group) <= set(vocabulary.STATUSES)
    assert not set(vocabulary.ACTIVE_STATUSES) & set(vocabulary.DONE_STATUSES)


@pytest.mark.parametrize(("typed", "number", "paragraph"), [
    ("Regulation 17(2)(a)", "17", "(2)(a)"), ("Reg 17(2)(a)", "17", "(2)(a)"), ("17(2)(a)", "17", "(2)(a)"),
    ("Reg. 17", "17", ""), ("regulation 9a", "9A", ""), ("20A(1)", "20A", "(1)"),
    ("Regulation 12: Safe care and treatment", "12", ""),
])
def test_a_regulation_is_read_as_cqc_writes_it(typed: str, number: str, paragraph: str) -> None:
    assert cited_regulation(typed, whole=True) == CitedRegulation(number, paragraph)
    assert cited_regulation(typed) == CitedRegulation(number, paragraph)  # a spreadsheet cell, as import reads it


@pytest.mark.parametrize("typed", ["21", "17 and 12", "Breach of Regulation 12 found", "seventeen", "17abc"])
def test_an_option_or_answer_must_be_a_regulation_and_nothing_else(typed: str) -> None:
    assert cited_regulation(typed, whole=True) is None
