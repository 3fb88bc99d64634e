"""Fit the wording models of vague-action and completion-without-change on the corpus's
development part, and write them.

    pip install '.[train]'
    python -m tests.judgement.realworld.train [--check]

The model (govtool/judgement/wording.py says what it is and how the judge uses it) is fitted
on every action of the development part, never on a held-out document, and on the written
sets of tests/judgement/data whose labels follow the same guidelines (corpus, holdout and
blind; not probe, whose labels of an activity without a number differ) and on the
must-get-right examples of tests/judgement/test_judgement.py, with scikit-learn's
tf-idf and logistic regression. The choice of features and of the regularisation was made by
leaving out one collection batch (a hundred documents) at a time on the development part
alone; README.md beside this file gives the figures. The file written,
govtool/judgement/action_wording.json, also holds a sample of texts with the probability
scikit-learn gave each, so that the tests can check the plain-Python reader against the
fitted model without scikit-learn installed. ``bench/judgement_backtest.py`` measures the
combination of model and forms on each held-out part as it was first measured. ``--check`` fits again and says whether the
shipped file is what this script writes (fitting is deterministic).

Round 30: completion-without-change's model, of the same recipe, is fitted on the development
part's completion notes and the written closure sets (the same three), and written to
govtool/judgement/completion_wording.json; ``bench/judgement_backtest.py --completion``
measures it on each held-out part as first measured.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from govtool.judgement.wording import COMPLETION_MODEL_PATH, MODEL_PATH

from . import corpus

WRITTEN_SETS = ("corpus/actions.tsv", "holdout_actions.tsv", "blind_actions.tsv")
WRITTEN_CLOSURE_SETS = ("corpus/closures.tsv", "holdout_closures.tsv", "blind_closures.tsv")

WORDS = {"ngram_range": (1, 2), "min_df": 3}
LETTERS = {"ngram_range": (2, 4), "min_df": 10}
REGULARISATION = 3.0  # scikit-learn's C: larger trusts the training items more
CHECKED_TEXTS = 40  # texts whose fitted probability the shipped file carries


def written_actions() -> list[tuple[str, bool]]:
    """(text, vague) of the written sets and must-get-right examples the model also learns from."""
    from ..test_judgement import ACTION_EXAMPLES, DATA, load

    written = [(text, label == "vague") for name in WRITTEN_SETS for label, text in load(DATA / name)]
    return written + [(text, vague) for text, vague in ACTION_EXAMPLES]


def written_closures() -> list[tuple[str, bool]]:
    """(text, completion) of the written closure sets the completion model also learns from."""
    from ..test_judgement import DATA, load

    return [(text, label == "completion") for name in WRITTEN_CLOSURE_SETS for label, text in load(DATA / name)]


# What each model is fitted on and written to, and the texts its file checks beyond a sample.
MODELS = {
    "action": (MODEL_PATH, "vague-action's wording model: see govtool/judgement/wording.py",
               ["", "...", "Improve documentation of consent",
                "Consent audit of 20 records by 31 March; report to the governance meeting"]),
    "closure": (COMPLETION_MODEL_PATH, "completion-without-change's wording model: see govtool/judgement/wording.py",
                ["", "...", "Training delivered", "Consent audit compliance moved from 78% to 96%"]),
}


def written_items(kind: str) -> list[tuple[str, bool]]:
    return written_actions() if kind == "action" else written_closures()


def fitted_pipeline(texts: list[str], vague: list[bool]) -> Any:
    """scikit-learn's tf-idf over words and letter groups, and a logistic regression, fitted."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    words = TfidfVectorizer(sublinear_tf=True, **WORDS)
    letters = TfidfVectorizer(analyzer="char_wb", sublinear_tf=True, **LETTERS)
    pipeline = make_pipeline(make_union(words, letters),
                             LogisticRegression(C=REGULARISATION, max_iter=5000, class_weight="balanced"))
    return pipeline.fit(texts, vague)


def fit(items: list[corpus.Item], written: list[tuple[str, bool]], kind: str = "action") -> dict[str, Any]:
    _, about, extra_checks = MODELS[kind]
    texts = [item.text for item in items]
    pipeline = fitted_pipeline(texts + [text for text, _ in written],
                               [item.bad for item in items] + [vague for _, vague in written])
    words, letters = (vectoriser for _, vectoriser in pipeline[0].transformer_list)
    weights = pipeline[-1].coef_[0]
    model: dict[str, Any] = {
        "about": about,
        "trained_on": {"kind": kind, "items": len(items), "written_items": len(written),
                       "documents": sorted({item.doc for item in items}, key=lambda d: int(d[1:]))},
        "intercept": float(pipeline[-1].intercept_[0]),
    }
    offset = 0
    for name, vectoriser in (("words", words), ("letters", letters)):
        terms = sorted(vectoriser.vocabulary_, key=vectoriser.vocabulary_.__getitem__)
        model[name] = {
            "ngram_range": list(vectoriser.ngram_range),
            "terms": terms,
            "idf": [round(float(value), 12) for value in vectoriser.idf_],
            "weight": [round(float(weights[offset + i]), 12) for i in range(len(terms))],
        }
        offset += len(terms)
    sample = texts[:: max(1, len(texts) // CHECKED_TEXTS)][:CHECKED_TEXTS]
    sample += extra_checks
    model["checks"] = [[text, float(p)] for text, p in zip(sample, pipeline.predict_proba(sample)[:, 1], strict=True)]
    return model


def serialised(model: dict[str, Any]) -> str:
    return json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n"


def have_scikit_learn() -> bool:
    """True when scikit-learn can be imported; else says how to install it, on one line."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("fitting needs scikit-learn: pip install '.[train]'", file=sys.stderr)
        return False
    return True


def main() -> int:
    if not have_scikit_learn():
        return 2
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="say whether the shipped models are current")
    args = parser.parse_args()
    current = True
    for kind, (path, _, _) in MODELS.items():
        development = [item for item in corpus.load() if item.kind == kind and item.part == "dev"]
        text = serialised(fit(development, written_items(kind), kind))
        if args.check:
            same = Path(path).read_text(encoding="utf-8") == text
            print(f"{path.name}: " + ("the shipped model is what this script fits" if same
                                      else "the shipped model differs: run without --check"))
            current = current and same
        else:
            Path(path).write_text(text, encoding="utf-8")
            print(f"wrote {path.name}: {len(development)} development {kind} items, {len(text):,} bytes")
    return 0 if current else 1


if __name__ == "__main__":
    sys.exit(main())
