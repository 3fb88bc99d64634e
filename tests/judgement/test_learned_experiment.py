"""The round-8 experiment (bench/judgement_learned.py) measures honestly and can be repeated.

Its figures are only worth reading if no model that decides a batch's items, and no threshold
it uses, ever saw that batch, and if the same command prints the same figures again (the next
person repeats it to compare a new idea). Naive Bayes on the word features keeps this cheap.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bench import judgement_learned as experiment
from govtool.judgement import judge_action


@pytest.fixture(scope="module")
def actions() -> list[experiment.Example]:
    return experiment.examples("action", judge_action)


def test_no_model_or_threshold_sees_the_batch_it_decides(actions: list[experiment.Example],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    batch_of_item = {e.id: e.batch for e in actions}
    seen: list[set[int]] = []
    real_fit: Callable[..., experiment.Model] = experiment.fit

    def recording_fit(train: list[experiment.Example], learner: str, feature_set: str) -> experiment.Model:
        seen.append({batch_of_item[e.id] for e in train})
        return real_fit(train, learner, feature_set)

    monkeypatch.setattr(experiment, "fit", recording_fit)
    batches = sorted(set(batch_of_item.values()))
    assert len(batches) >= 5
    for batch in batches:
        seen.clear()
        for variant in experiment.VARIANTS:
            decisions, _ = experiment.decide_batch(actions, batch, "nb", "words", variant)
            assert set(decisions) == {e.id for e in actions if e.batch == batch}
        # the outer model and one inner model per other batch, each without the measured batch
        assert seen and all(batch not in trained_on for trained_on in seen)
        assert any(trained_on == set(batches) - {batch} for trained_on in seen)
        if batch >= experiment.FIRST_FORWARD_BATCH:  # --forward: the earlier batches only
            seen.clear()
            experiment.decide_batch(actions, batch, "nb", "words", "gate", forward=True)
            assert seen and all(max(trained_on) < batch for trained_on in seen)


def test_the_figures_repeat(actions: list[experiment.Example]) -> None:
    experiment._FITTED.clear()  # trained afresh, not taken from the first run's models
    first, thresholds = experiment.leave_one_batch_out(actions, "nb", "words", "gate")
    experiment._FITTED.clear()
    assert experiment.leave_one_batch_out(actions, "nb", "words", "gate") == (first, thresholds)
    assert len(first) == len(actions)


def test_a_gate_only_silences_the_rule() -> None:
    """A gate never flags what the rule passes: the message is always the rule's reason."""
    gate = experiment.VARIANTS["gate"]
    assert not gate(False, 100.0, 0.0)
    assert gate(True, 1.0, 0.0) and not gate(True, -1.0, 0.0)
