"""Round 28: would another recipe for vague-action's wording model rank better on writers it
had not read?

    pip install '.[train]'
    python bench/judgement_recipes.py [RECIPE ...]

For each part of ``bench/judgement_backtest.py``, each recipe is fitted on the documents
collected before the part and on the written sets (exactly what the backtest fits the shipped
recipe on) and scores the part's actions. Printed per recipe: the pooled ranking quality (AUC,
the chance that a vague action scores above a specific one), and bad items caught / good items
flagged when the model is combined with each part's forms of the day as ``judge_action``
combines them, at five pairs of thresholds. Held-out documents are never read. A few minutes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.judgement_backtest import PARTS, combined, old_verdicts  # noqa: E402
from govtool.judgement import action  # noqa: E402
from tests.judgement.realworld import corpus, train  # noqa: E402


@dataclass(frozen=True)
class Recipe:
    words: tuple[int, int, int]  # lowest and highest n-gram, least document count
    letters: tuple[int, int, int]
    regularisation: float
    opening_token: bool = False  # a token before the text, so that the opening word is a bigram with it


RECIPES = {
    "shipped": Recipe((1, 2, 3), (2, 4, 10), 3.0),
    "C1": Recipe((1, 2, 3), (2, 4, 10), 1.0),
    "C10": Recipe((1, 2, 3), (2, 4, 10), 10.0),
    "opening": Recipe((1, 2, 3), (2, 4, 10), 3.0, opening_token=True),
    "opening+triples": Recipe((1, 3, 3), (2, 4, 10), 3.0, opening_token=True),
    "opening+letters5": Recipe((1, 2, 3), (2, 5, 10), 3.0, opening_token=True),
}
THRESHOLDS = ((0.5, 0.85), (0.55, 0.85), (0.65, 0.85), (0.7, 0.9), (0.75, 0.95))


def fitted(recipe: Recipe, texts: list[str], vague: list[bool]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    low, high, least = recipe.words
    words = TfidfVectorizer(sublinear_tf=True, ngram_range=(low, high), min_df=least)
    low, high, least = recipe.letters
    letters = TfidfVectorizer(analyzer="char_wb", sublinear_tf=True, ngram_range=(low, high), min_df=least)
    model = LogisticRegression(C=recipe.regularisation, max_iter=5000, class_weight="balanced")
    return make_pipeline(make_union(words, letters), model).fit(texts, vague)


def main() -> int:
    if not train.have_scikit_learn():
        return 2
    from sklearn.metrics import roc_auc_score

    chosen = sys.argv[1:] or list(RECIPES)
    actions = [item for item in corpus.load() if item.kind == "action"]
    written = train.written_actions()
    shipped = (action._WORDING_SPECIFIC_BELOW, action._WORDING_VAGUE_FROM)
    forms = {part.name: old_verdicts(part.judges, [i.text for i in actions if part.holds(i)]) for part in PARTS}
    for name in chosen:
        recipe = RECIPES[name]
        prepared = (lambda text: "xxopening " + text) if recipe.opening_token else (lambda text: text)
        judged: list[tuple[bool, bool, bool, float, str]] = []
        for part in PARTS:
            earlier = [item for item in actions if int(item.doc.lstrip("D")) < part.first]
            items = [item for item in actions if part.holds(item)]
            model = fitted(recipe, [prepared(i.text) for i in earlier] + [prepared(t) for t, _ in written],
                           [i.bad for i in earlier] + [v for _, v in written])
            vague = model.predict_proba([prepared(i.text) for i in items])[:, 1]
            judged += [(i.bad, flagged, found, float(p), i.text)
                       for i, (flagged, found), p in zip(items, forms[part.name], vague, strict=True)]
        cells = []
        for below, vague_from in THRESHOLDS:
            action._WORDING_SPECIFIC_BELOW, action._WORDING_VAGUE_FROM = below, vague_from
            verdicts = [(bad, combined(flagged, found, p, text)) for bad, flagged, found, p, text in judged]
            cells.append(f"{below}/{vague_from}: {sum(b and v for b, v in verdicts)} caught, "
                         f"{sum(v and not b for b, v in verdicts)} flagged")
        auc = roc_auc_score([bad for bad, *_ in judged], [p for _, _, _, p, _ in judged])
        print(f"{name:18} AUC {auc:.3f}  " + " | ".join(cells), flush=True)
    action._WORDING_SPECIFIC_BELOW, action._WORDING_VAGUE_FROM = shipped
    return 0


if __name__ == "__main__":
    sys.exit(main())
