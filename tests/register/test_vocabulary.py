"""The vocabulary's labels and groups cover exactly what the schemas accept."""

from govtool.register import vocabulary


def test_every_status_and_source_type_the_schema_accepts_has_a_label_and_no_other():
    assert set(vocabulary.STATUS_LABELS) == set(vocabulary.STATUSES)
    assert set(vocabulary.SOURCE_TYPE_LABELS) == set(vocabulary.SOURCE_TYPES)


def test_active_done_and_pending_statuses_are_statuses_the_schema_accepts():
    for group in (vocabulary.ACTIVE_STATUSES, vocabulary.DONE_STATUSES, vocabulary.PENDING_STATUSES):
        assert set(group) <= set(vocabulary.STATUSES)
    assert not set(vocabulary.ACTIVE_STATUSES) & set(vocabulary.DONE_STATUSES)
