"""Round 8: does a small learned model carry across collection batches better than the rules?

    python bench/judgement_learned.py [--rule vague-action|completion-without-change]
        [--learner nb|logreg] [--features words|classes|chars|words+rule] [--pooled]
        [--forward] [--sweep] [--misses]

Leave-one-batch-out over the real-world development documents (those the corpus calls dev,
``tests/judgement/realworld/items.tsv``; the batches of ``bench/judgement_folds.py``): for each
batch, a model is trained on the *other* batches only, and the one choice a variant needs (its
decision threshold) is made on those batches too, by an inner leave-one-batch-out among them.
The measured batch is never seen in training or in choosing. The hand rules are the baseline;
they were tuned on every batch, so their figures are optimistic, and a model that merely ties
them here would be behind them on new writers. Held-out documents
(from ``corpus.FIRST_HELD_OUT_DOCUMENT`` on) are never read. Everything is pure Python and deterministic (no dependency, no randomness): the same
command prints the same figures on any machine, in about two minutes.

Variants, each printed as bad items caught and good items flagged per batch and pooled:

* ``rules``: the judge as shipped.
* ``model``: the model alone; it flags when its log-odds of "bad" reach a threshold chosen on
  the training batches to minimise missed rate + 2 x flagged rate (a false alarm costs more
  than a miss).
* ``gate``: rules AND model. The rule still finds the reason and writes the message; the model
  only decides whether to speak. Threshold chosen to minimise the same cost.
* ``gate, no catch lost``: the same gate at the highest threshold that keeps every catch the
  rule made in the training batches (the shipping criterion: fewer false alarms, no lost catch).
* ``rules OR model``: the model may add a catch the rule missed (threshold chosen by the cost).

Learners: naive Bayes over the presence of features, add-0.5 smoothed (``nb``), and
L2-regularised logistic regression with balanced classes, fitted by full-batch gradient descent
(``logreg``). Feature sets, over the text as the judges read it (``govtool.judgement.normalise``):
``words`` (the words, adjacent pairs, the first word and first two words, a length bucket,
whether a digit appears); ``classes`` (``words`` plus each word's class in the action judge's
own vocabularies, vague verb, deliverable verb, abstract noun..., and the classes of the
opening: a form rather than a writer's words); ``chars`` (character 4-grams);
``words+rule`` (``words`` plus the kind of reason the rule gave, its verdict as a feature).

Each model's line also gives its ranking quality (AUC: the chance that a bad item scores above
a good one, 0.5 being none) over all items, among the items the rule flags (what a gate needs)
and among those it passes (what "rules OR model" needs).

``--forward`` trains each model on the batches collected *before* the one it decides (from the
third batch on), as a new held-out part meets the judges: a model alone is then comparable with
what the rules, as they were, scored on that part when it was new (the corpus README's tables),
though not with the rules' figures printed here, which are the rules of today.

``--pooled`` prints one pooled line per variant; ``--sweep`` adds the gate at fixed thresholds,
the same for every batch: chosen by looking at it, that table is a diagnostic, not a result.
``--misses`` lists what each gate silenced.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.judgement_folds import BATCHES, batch_of, rate  # noqa: E402
from govtool.judgement import action, judge_action, judge_completion  # noqa: E402
from govtool.judgement.verdict import as_text, base_form, words  # noqa: E402
from tests.judgement.realworld import corpus as realworld  # noqa: E402

RULES: dict[str, tuple[Callable[[str], object], str]] = {
    "vague-action": (judge_action, "action"),
    "completion-without-change": (judge_completion, "closure"),
}
FALSE_ALARM_COST = 2.0  # a flagged good item costs twice a missed bad one (rates, not counts)
NAMES = [name for name, _, _ in BATCHES]
FIRST_FORWARD_BATCH = 2  # --forward: the first batch with two earlier ones to choose a threshold on


# --- features --------------------------------------------------------------------------------

def features(text: str) -> list[str]:
    """The text's features, each once: linear in the text's length (the judges' bound applies)."""
    tokens = words(as_text(text))
    found = {f"w:{t}" for t in tokens}
    found.update(f"b:{a}_{b}" for a, b in pairwise(tokens))
    if tokens:
        found.add(f"f:{tokens[0]}")
        found.add(f"f2:{'_'.join(tokens[:2])}")
    found.add(f"len:{min(len(tokens).bit_length(), 6)}")
    if any(ch.isdigit() for ch in text):
        found.add("digit")
    return sorted(found)


# Word classes from the action judge's own vocabularies (vague, activity, deliverable, abstract
# ...): a model that reads "a vague verb, then an abstract noun" can carry from one writer's
# words to another's, where a model of the words themselves cannot. Read from the judge
# rather than copied, so the experiment follows the vocabularies as they change.
_CLASSES = (("vague", action._VAGUE), ("directional", action._DIRECTIONAL),
            ("activity", action._ACTIVITY), ("deliverable", action._DELIVERABLE),
            ("aspirational", action._ASPIRATIONAL), ("abstract", action._ABSTRACT),
            ("intangible", action._INTANGIBLE), ("hedge", action._HEDGE_OPENINGS),
            ("create", action._CREATE))
_FUNCTION_WORDS = frozenset("""
    should must will would shall can could may might need needs to be is are was were been
    have has had we our all staff ensure continue now by the a an this that it
    """.split())


def word_class(token: str) -> str:
    """A word's class: a function word is its own class, else the vocabularies it is in."""
    if token in _FUNCTION_WORDS:
        return token
    if token.isdigit():
        return "#"
    found = [name for name, vocabulary in _CLASSES if base_form(token, vocabulary)]
    for ending in ("ing", "ed", "ly", "s"):
        if token.endswith(ending):
            found.append(f"-{ending}")
            break
    return "+".join(found) or "?"


def class_features(text: str) -> list[str]:
    """``features`` plus the word classes, class pairs and the opening's classes."""
    classes = [word_class(t) for t in words(as_text(text))]
    found = set(features(text))
    found.update(f"c:{c}" for c in classes)
    found.update(f"cb:{a}_{b}" for a, b in pairwise(classes))
    for n in (1, 2, 3):
        if len(classes) >= n:
            found.add(f"fc{n}:{'_'.join(classes[:n])}")
    return sorted(found)


def char_features(text: str) -> list[str]:
    """Character 4-grams of the words (spelling variants and word parts share features)."""
    joined = f" {' '.join(words(as_text(text)))} "
    return sorted({f"c4:{joined[i:i + 4]}" for i in range(len(joined) - 3)})


def rule_kind(verdict: object) -> str:
    """Which kind of reason a rule gave: the reason's words after the quoted text, up to the
    quoted word (e.g. "uses the vague verb", "restates a standing duty")."""
    reason = getattr(verdict, "reason", "")
    after = reason.split("' ", 1)[-1]
    return "_".join(after.split("'", 1)[0].split()[:4])


FEATURE_SETS: dict[str, Callable[[str], list[str]]] = {
    "words": features, "classes": class_features, "chars": char_features}


@dataclass(frozen=True)
class Example:
    id: str
    doc: str
    batch: int
    bad: bool
    text: str
    rule_flags: bool
    feats: dict[str, tuple[str, ...]]  # feature set -> features ("...+rule": with the verdict's)


def examples(kind: str, judge: Callable[[str], object]) -> list[Example]:
    chosen = [i for i in realworld.load() if i.part == "dev" and i.kind == kind]
    out = []
    for item in chosen:
        verdict = judge(item.text)
        feats = {name: tuple(extract(item.text)) for name, extract in FEATURE_SETS.items()}
        verdict_feats = ("rule:pass",) if verdict is None else ("rule:flag", f"rule:{rule_kind(verdict)}")
        feats["words+rule"] = feats["words"] + verdict_feats
        out.append(Example(item.id, item.doc, batch_of(item.doc), item.bad, item.text,
                           verdict is not None, feats))
    return out


# --- learners --------------------------------------------------------------------------------

Model = Callable[[Sequence[str]], float]  # features -> log-odds that the item is bad


def train_nb(data: list[tuple[Sequence[str], bool]], alpha: float = 0.5) -> Model:
    """Bernoulli-style naive Bayes over present features, with add-alpha smoothing."""
    counts = {True: Counter[str](), False: Counter[str]()}
    totals = Counter[bool]()
    for feats, bad in data:
        totals[bad] += 1
        counts[bad].update(feats)
    vocabulary = set(counts[True]) | set(counts[False])
    prior = math.log((totals[True] + 1) / (totals[False] + 1))
    weight = {f: math.log((counts[True][f] + alpha) / (totals[True] + 2 * alpha))
              - math.log((counts[False][f] + alpha) / (totals[False] + 2 * alpha)) for f in vocabulary}

    def predict(feats: Sequence[str]) -> float:
        return prior + sum(weight.get(f, 0.0) for f in feats)
    return predict


def train_logreg(data: list[tuple[Sequence[str], bool]], l2: float = 1.0, epochs: int = 300,
                 step: float = 0.5) -> Model:
    """L2-regularised logistic regression, full-batch gradient descent (deterministic).

    Classes are weighted to balance (bad items are a quarter of the actions), so the
    threshold, not the class ratio of the training batches, sets the trade-off."""
    index: dict[str, int] = {}
    rows = [[index.setdefault(f, len(index)) for f in feats] for feats, _ in data]
    labels = [1.0 if bad else 0.0 for _, bad in data]
    n_bad = sum(labels)
    n = len(labels)
    sample_weight = [n / (2 * n_bad) if y else n / (2 * (n - n_bad)) for y in labels]
    w = [0.0] * len(index)
    bias = 0.0
    for _ in range(epochs):
        grad = [0.0] * len(index)
        grad_bias = 0.0
        for row, y, sw in zip(rows, labels, sample_weight, strict=True):
            z = bias + sum(w[j] for j in row)
            p = 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))
            g = (p - y) * sw
            grad_bias += g
            for j in row:
                grad[j] += g
        for j in range(len(w)):
            w[j] -= step * (grad[j] / n + l2 * w[j] / n)
        bias -= step * grad_bias / n
    weight = {f: w[j] for f, j in index.items()}

    def predict(feats: Sequence[str]) -> float:
        return bias + sum(weight.get(f, 0.0) for f in feats)
    return predict


LEARNERS: dict[str, Callable[[list[tuple[Sequence[str], bool]]], Model]] = {
    "nb": train_nb, "logreg": train_logreg}


# --- variants and thresholds -----------------------------------------------------------------

# A variant decides "flag" from (the rule's decision, the model's log-odds, a threshold).
Decide = Callable[[bool, float, float], bool]
VARIANTS: dict[str, Decide] = {
    "model": lambda rule, z, t: z >= t,
    "gate": lambda rule, z, t: rule and z >= t,
    "gate, no catch lost": lambda rule, z, t: rule and z >= t,
    "rules OR model": lambda rule, z, t: rule or z >= t,
}


def cost(decisions: list[tuple[bool, bool]]) -> float:
    """missed rate + FALSE_ALARM_COST x flagged rate, over (bad, flagged) pairs."""
    bad = [f for b, f in decisions if b]
    good = [f for b, f in decisions if not b]
    missed = (len(bad) - sum(bad)) / len(bad) if bad else 0.0
    flagged = sum(good) / len(good) if good else 0.0
    return missed + FALSE_ALARM_COST * flagged


_FITTED: dict[tuple[frozenset[str], str, bool], Model] = {}


def fit(train: list[Example], learner: str, feature_set: str) -> Model:
    """A model trained on ``train`` (kept: the inner and outer folds share training sets)."""
    key = (frozenset(e.id for e in train), learner, feature_set)
    if key not in _FITTED:
        _FITTED[key] = LEARNERS[learner]([(e.feats[feature_set], e.bad) for e in train])
    return _FITTED[key]


def inner_scores(train: list[Example], learner: str, feature_set: str) -> list[tuple[Example, float]]:
    """Each training item's log-odds from a model trained without its batch."""
    scored: list[tuple[Example, float]] = []
    for inner in sorted({e.batch for e in train}):
        model = fit([e for e in train if e.batch != inner], learner, feature_set)
        scored += [(e, model(e.feats[feature_set])) for e in train if e.batch == inner]
    return scored


def choose_threshold(train: list[Example], learner: str, feature_set: str, variant: str) -> float:
    """The threshold chosen on an inner leave-one-batch-out among ``train``'s batches: the
    least cost (ties to the higher threshold: the model speaks less), or for "gate, no catch
    lost" the highest threshold at which the gate keeps every catch the rule made there."""
    decide = VARIANTS[variant]
    scored = inner_scores(train, learner, feature_set)
    if variant == "gate, no catch lost":
        return min((z for e, z in scored if e.bad and e.rule_flags), default=-math.inf)
    # Every distinct score is a candidate (on log-odds: naive Bayes is over-confident, so a
    # grid of probabilities would be too coarse at the ends), and +inf: never flag.
    candidates = sorted({z for _, z in scored} | {math.inf})
    return min(candidates, key=lambda t: (cost([(e.bad, decide(e.rule_flags, z, t)) for e, z in scored]), -t))


def decide_batch(data: list[Example], batch: int, learner: str, feature_set: str, variant: str,
                 fixed: float | None = None, forward: bool = False) -> tuple[dict[str, bool], float]:
    """The decisions on ``batch``'s items by a model trained on the other batches (``forward``:
    on the earlier ones only), with its threshold chosen on those batches (or ``fixed``), and
    that threshold."""
    train = [e for e in data if (e.batch < batch if forward else e.batch != batch)]
    threshold = fixed if fixed is not None else choose_threshold(train, learner, feature_set, variant)
    model = fit(train, learner, feature_set)
    decide = VARIANTS[variant]
    return {e.id: decide(e.rule_flags, model(e.feats[feature_set]), threshold)
            for e in data if e.batch == batch}, threshold


def leave_one_batch_out(data: list[Example], learner: str, feature_set: str, variant: str,
                        fixed: float | None = None, forward: bool = False) -> tuple[dict[str, bool], list[float]]:
    """Every item's decision with its batch left out of training and of the threshold's choice,
    and the threshold chosen for each batch. ``forward``: each batch decided by a model of the
    batches collected before it, as a new held-out part meets the judges (from the third batch
    on: an inner leave-one-batch-out needs two earlier batches)."""
    decided: dict[str, bool] = {}
    chosen: list[float] = []
    for batch in sorted({e.batch for e in data}):
        if forward and batch < FIRST_FORWARD_BATCH:
            continue
        decisions, threshold = decide_batch(data, batch, learner, feature_set, variant, fixed, forward)
        decided.update(decisions)
        chosen.append(threshold)
    return decided, chosen


def auc(scored: list[tuple[Example, float]]) -> str:
    """The chance that a bad item scores above a good one (0.5: the model cannot tell them)."""
    bad = [z for e, z in scored if e.bad]
    good = [z for e, z in scored if not e.bad]
    if not bad or not good:
        return "  -  "
    wins = sum((b > g) + 0.5 * (b == g) for b in bad for g in good)
    return f"{wins / len(bad) / len(good):.2f} "


def separation(data: list[Example], learner: str, feature_set: str, forward: bool = False) -> str:
    """How well the model, trained without each batch (``forward``: on the earlier ones), ranks
    that batch's items: over all items, among those the rule flags (what a gate needs) and
    among those it passes."""
    scored = []
    for batch in sorted({e.batch for e in data}):
        if forward and batch < FIRST_FORWARD_BATCH:
            continue
        model = fit([e for e in data if (e.batch < batch if forward else e.batch != batch)], learner, feature_set)
        scored += [(e, model(e.feats[feature_set])) for e in data if e.batch == batch]
    return (f"AUC all {auc(scored)} among the rule's flags {auc([p for p in scored if p[0].rule_flags])}"
            f"among its passes {auc([p for p in scored if not p[0].rule_flags])}".rstrip())


def table_rows(label: str, data: list[Example], decided: dict[str, bool], pooled_only: bool = False) -> list[str]:
    """Caught and flagged per batch and pooled (or pooled only, on one line)."""
    groups: list[int | None] = [None] if pooled_only else [*range(len(NAMES)), None]
    cells = {}
    for side, bad in (("caught", True), ("flagged", False)):
        cells[side] = []
        for group in groups:
            chosen = [e for e in data if e.bad == bad and e.id in decided and group in (None, e.batch)]
            cells[side].append(f"{rate(sum(decided[e.id] for e in chosen), len(chosen)):>17}")
    if pooled_only:
        return [f"{label:40} {cells['caught'][0]} {cells['flagged'][0]}"]
    return [f"{label:27} {'caught':8}{''.join(cells['caught'])}",
            f"{'':27} {'flagged':8}{''.join(cells['flagged'])}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", choices=RULES, help="one rule (default: both)")
    parser.add_argument("--learner", choices=LEARNERS, help="one learner (default: both)")
    parser.add_argument("--features", choices=(*FEATURE_SETS, "words+rule"), help="one feature set (default: all)")
    parser.add_argument("--pooled", action="store_true", help="one pooled line per variant")
    parser.add_argument("--forward", action="store_true",
                        help="train on the earlier batches only, from the third batch on (rules: those batches too)")
    parser.add_argument("--sweep", action="store_true", help="also the gate at fixed thresholds (diagnostic)")
    parser.add_argument("--misses", action="store_true", help="list the rule's flags each gate silences")
    args = parser.parse_args()
    learners = [args.learner] if args.learner else list(LEARNERS)
    feature_sets = [args.features] if args.features else [*FEATURE_SETS, "words+rule"]
    for rule in [args.rule] if args.rule else list(RULES):
        judge, kind = RULES[rule]
        data = examples(kind, judge)
        how = "trained on the earlier batches" if args.forward else "leave-one-batch-out"
        print(f"\n{rule}: {how}, every threshold chosen inside the training batches")
        if args.pooled:
            print(f"{'variant':40} {'caught (pooled)':>17} {'flagged (pooled)':>17}")
        else:
            print(f"{'variant':27} {'':8}{''.join(f'{name:>17}' for name in NAMES)}{'pooled':>17}")
        measured = [e for e in data if not args.forward or e.batch >= FIRST_FORWARD_BATCH]
        print("\n".join(table_rows("rules", data, {e.id: e.rule_flags for e in measured}, args.pooled)))
        for learner in learners:
            for feature_set in feature_sets:
                print(f"{learner}, {feature_set}: {separation(data, learner, feature_set, args.forward)}")
                for variant in VARIANTS:
                    decided, chosen = leave_one_batch_out(data, learner, feature_set, variant, forward=args.forward)
                    label = f"  {variant}"
                    lines = table_rows(label, data, decided, args.pooled)
                    if not args.pooled:  # the threshold chosen for each batch, on the log-odds
                        lines[-1] += f"   t={[round(t, 1) for t in chosen]}"
                    print("\n".join(lines))
                    if args.misses and variant.startswith("gate"):
                        for e in data:
                            if e.rule_flags and not decided[e.id]:
                                what = "lost catch" if e.bad else "silenced  "
                                print(f"    {what} {e.id} {NAMES[e.batch]}: {e.text[:100]}")
                if args.sweep:
                    for threshold in (-4.0, -2.0, -1.0, 0.0, 1.0):
                        decided, _ = leave_one_batch_out(data, learner, feature_set, "gate", threshold, args.forward)
                        print("\n".join(table_rows(f"  gate t={threshold} (fixed)", data, decided, args.pooled)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
