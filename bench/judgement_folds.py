"""Cross-validation by document: the judges' rates on folds of the real-world dev corpus.

    python bench/judgement_folds.py [--by hash|batch] [--misses]

``--by hash`` (the default): every development document (below
``corpus.FIRST_HELD_OUT_DOCUMENT``,
``tests/judgement/realworld/items.tsv``) falls into one of five folds by a hash of its ID, so
a fold holds whole documents (one writer's style stays in one fold).

``--by batch``: leave-one-batch-out. The documents are grouped by the collection batch they
came in (``BATCHES`` below), each gathered by different
collectors from different organisations after the previous batch had been tuned on. A batch is the
nearest thing in the development data to "writers never seen": a change prompted by one
batch's items should also help on the others, or it is fitted to that batch's writers.
The rates are still optimistic (the hand rules were tuned on every batch), but a change's
effect on the batches that did not prompt it is the honest part.

For each rule it prints bad items caught and good items wrongly flagged per group and
pooled, with counts. Held-out documents (from ``corpus.FIRST_HELD_OUT_DOCUMENT`` on) are never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govtool.judgement import judge_action, judge_completion, judge_owner  # noqa: E402
from tests.judgement.realworld import corpus as realworld  # noqa: E402

FOLDS = 5
# Collection batches: (name, first document number, last document number).
BATCHES = (("D001-199", 1, 199), ("D200-299", 200, 299), ("D300-499", 300, 499),
           ("D500-599", 500, 599), ("D600-699", 600, 699), ("D700-799", 700, 799),
           ("D800-899", 800, 899), ("D900-999", 900, 999),
           ("D1000-1099", 1000, 1099), ("D1100-1199", 1100, 1199), ("D1200-1399", 1200, 1399),
           ("D1400-1599", 1400, 1599), ("D1600-1699", 1600, 1699),
           ("D1700-1799", 1700, 1799), ("D1800-1899", 1800, 1899),
           ("D1900-1999", 1900, 1999), ("D2000-2099", 2000, 2099),
           ("D2100-2399", 2100, 2399), ("D2400-2699", 2400, 2699),
           ("D2700-2999", 2700, 2999),
           ("D3000-3399", 3000, 3399), ("D3400-3699", 3400, 3699),
           ("D3700-3999", 3700, 3999), ("D4000-4399", 4000, 4399),
           ("D4400-4999", 4400, 4999), ("D5000-5499", 5000, 5499))
RULES = (
    ("vague-action", judge_action, "action"),
    ("collective-owner", judge_owner, "owner"),
    ("completion-without-change", judge_completion, "closure"),
)


def fold_of(doc: str) -> int:
    """The fold of a document, fixed by its ID alone (stable across runs and machines)."""
    return hashlib.sha256(doc.encode("utf-8")).digest()[0] % FOLDS


def batch_of(doc: str) -> int:
    """The index in BATCHES of the collection batch a document came in."""
    number = int(doc.lstrip("D"))
    return next(i for i, (_, first, last) in enumerate(BATCHES) if first <= number <= last)


def rate(hits: int, total: int) -> str:
    share = f"{hits / total:4.0%}" if total else "   -"
    return f"{hits:>3}/{total:<3} {share}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--by", choices=("hash", "batch"), default="hash",
                        help="group documents by a hash of the ID (5 folds) or by collection batch")
    parser.add_argument("--misses", action="store_true", help="list every misjudged item")
    args = parser.parse_args()
    group_of: Callable[[str], int] = batch_of if args.by == "batch" else fold_of
    names = [b[0] for b in BATCHES] if args.by == "batch" else [f"fold {f}" for f in range(FOLDS)]
    items = [i for i in realworld.load() if i.part == "dev"]
    header = "".join(f"{name:>17}" for name in names)
    print(f"{'rule':27} {'':8}{header}{'pooled':>17}")
    for rule, judge, kind in RULES:
        own = [i for i in items if i.kind == kind]
        wrong = [i for i in own if (judge(i.text) is not None) != i.bad]
        for side, bad in (("caught", True), ("flagged", False)):
            cells = []
            for group in [*range(len(names)), None]:
                chosen = [i for i in own if i.bad == bad and (group is None or group_of(i.doc) == group)]
                hits = sum((judge(i.text) is not None) for i in chosen)
                cells.append(f"{rate(hits, len(chosen)):>17}")
            print(f"{rule if bad else '':27} {side:8}{''.join(cells)}")
        if args.misses:
            for item in wrong:
                what = "missed " if item.bad else "flagged"
                print(f"    {what} {item.id} {names[group_of(item.doc)]}: {item.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
