"""How much an action's wording reads like the vague actions of published plans, and a
completion note's like the notes that report only the work done.

Principle: the rules in :mod:`.action` recognise the forms of a vague action that someone has
named and written down; writers nobody here has read find new forms. A linear model over the
action's words, word pairs and letter groups, trained on the labelled development part of the
real-world corpus (tests/judgement/realworld), weighs the evidence of every word the labellers
saw instead. It is a second opinion, never the only one where it is unsure: see
:func:`.action.judge_action` for how the two are combined.

The model is a tf-idf weighting (sublinear term frequency, each family of features scaled to
unit length) and a logistic regression, the standard text classifier. It was fitted with
scikit-learn by ``python -m tests.judgement.realworld.train``, which writes
``action_wording.json`` beside this module; this module only applies it, in plain Python,
so that the linter needs no numerical library at run time. The file carries texts with the
probabilities scikit-learn gave them, and a test checks that this module reproduces them.

Round 30: completion-without-change has a model of the same recipe, fitted on the
development part's completion notes (``completion_wording.json``): it reads how like a mere
completion a note is worded, and :func:`.completion.judge_completion` lets a note its forms
flag through where the wording reads plainly like the change notes of published plans.

The text is the judges' normalised text (:func:`.verdict.as_text`), at most 2,000
characters, so the work is bounded whatever a register holds.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

MODEL_PATH = Path(__file__).with_name("action_wording.json")
COMPLETION_MODEL_PATH = Path(__file__).with_name("completion_wording.json")

# scikit-learn's default token pattern: runs of two or more word characters.
_TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")
_SPACES_RE = re.compile(r"\s\s+")


@dataclass(frozen=True)
class Features:
    """One family of features: the ``n``-grams it counts, and each term's idf and weight."""

    low: int
    high: int
    terms: dict[str, tuple[float, float]]


@dataclass(frozen=True)
class WordingModel:
    words: Features
    letters: Features
    intercept: float

    def probability(self, text: str) -> float:
        """The model's probability that a text worded like ``text`` is bad (a vague action, or
        a completion note that reports no change)."""
        score = self.intercept + _score(self.words, word_grams(text, self.words.low, self.words.high))
        score += _score(self.letters, letter_grams(text, self.letters.low, self.letters.high))
        return 1.0 / (1.0 + math.exp(-score))

    def vague_words(self, text: str) -> list[str]:
        """The words of ``text`` that weigh towards vague, heaviest first. Many weigh only because
        of the plans they came from ("incidents", "patients"): a message quotes only those the
        forms also know as vague (:func:`.action.judge_action`)."""
        weights = {word: self.words.terms[word][1] for word in set(word_grams(text, 1, 1))
                   if word in self.words.terms}
        return sorted((word for word, weight in weights.items() if weight > 0),
                      key=lambda word: (-weights[word], word))


def word_grams(text: str, low: int, high: int) -> list[str]:
    """Words of two letters or more, lower-cased, and their runs of ``low``..``high`` words."""
    tokens = _TOKEN_RE.findall(text.lower())
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), high + 1):
        grams.extend(" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
    return grams


def letter_grams(text: str, low: int, high: int) -> list[str]:
    """Runs of ``low``..``high`` letters inside each word padded with a space on each side
    (a short word counts once, whole), as scikit-learn's ``char_wb`` analyser makes them."""
    grams: list[str] = []
    for word in _SPACES_RE.sub(" ", text.lower()).split():
        grams.extend(_word_letter_grams(word, low, high))
    return grams


@lru_cache(maxsize=8192)  # plans repeat their words: most are cut up once per process
def _word_letter_grams(word: str, low: int, high: int) -> tuple[str, ...]:
    padded = f" {word} "
    grams: list[str] = []
    for n in range(low, high + 1):
        if len(padded) <= n:
            grams.append(padded)
            break
        grams.extend(padded[i:i + n] for i in range(len(padded) - n + 1))
    return tuple(grams)


def _score(features: Features, grams: list[str]) -> float:
    """The family's contribution: sum of weight x tf-idf, the tf-idf vector of unit length."""
    terms = features.terms
    dot = square = 0.0
    for term, count in Counter(grams).items():
        known = terms.get(term)
        if known is not None:
            idf, weight = known
            value = idf if count == 1 else (1.0 + math.log(count)) * idf
            dot += value * weight
            square += value * value
    return dot / math.sqrt(square) if square else 0.0


@cache
def model(path: Path = MODEL_PATH) -> WordingModel:
    """A shipped model (vague-action's unless ``path`` names another), read once per process,
    on the first text that needs it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return WordingModel(_features(data["words"]), _features(data["letters"]), float(data["intercept"]))


def _features(family: dict[str, Any]) -> Features:
    low, high = family["ngram_range"]
    terms = zip(family["terms"], family["idf"], family["weight"], strict=True)
    return Features(int(low), int(high), {term: (float(idf), float(weight)) for term, idf, weight in terms})


def vague_probability(text: str) -> float:
    return model().probability(text)


def completion_probability(text: str) -> float:
    """How likely a completion note worded like ``text`` reports only the work done."""
    return model(COMPLETION_MODEL_PATH).probability(text)
