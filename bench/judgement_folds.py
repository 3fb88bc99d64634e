"""Cross-validation by document: the judges' rates on five folds of the real-world dev corpus.

    python bench/judgement_folds.py [--misses]

Every development document (D001-D499, ``tests/judgement/realworld/items.tsv``) falls into
one of five folds by a hash of its ID, so a fold holds whole documents (one writer's style
stays in one fold). For each rule it prints bad items caught and good items wrongly flagged
per fold and pooled, with counts. A change to a judge that helps only one fold is probably
fitted to that fold's writers; a change that generalises moves every fold. Held-out documents
(D500 and later) are never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govtool.judgement import judge_action, judge_completion, judge_owner  # noqa: E402
from tests.judgement.realworld import corpus as realworld  # noqa: E402

FOLDS = 5
RULES = (
    ("vague-action", judge_action, "action"),
    ("collective-owner", judge_owner, "owner"),
    ("completion-without-change", judge_completion, "closure"),
)


def fold_of(doc: str) -> int:
    """The fold of a document, fixed by its ID alone (stable across runs and machines)."""
    return hashlib.sha256(doc.encode("utf-8")).digest()[0] % FOLDS


def rate(hits: int, total: int) -> str:
    share = f"{hits / total:4.0%}" if total else "   -"
    return f"{hits:>3}/{total:<3} {share}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every misjudged item")
    args = parser.parse_args()
    items = [i for i in realworld.load() if i.part == "dev"]
    header = "".join(f"{'fold ' + str(f):>17}" for f in range(FOLDS))
    print(f"{'rule':27} {'':8}{header}{'pooled':>17}")
    for rule, judge, kind in RULES:
        own = [i for i in items if i.kind == kind]
        wrong = [i for i in own if (judge(i.text) is not None) != i.bad]
        for side, bad in (("caught", True), ("flagged", False)):
            cells = []
            for fold in [*range(FOLDS), None]:
                group = [i for i in own if i.bad == bad and (fold is None or fold_of(i.doc) == fold)]
                hits = sum((judge(i.text) is not None) for i in group)
                cells.append(f"{rate(hits, len(group)):>17}")
            print(f"{rule if bad else '':27} {side:8}{''.join(cells)}")
        if args.misses:
            for item in wrong:
                what = "missed " if item.bad else "flagged"
                print(f"    {what} {item.id} f{fold_of(item.doc)}: {item.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
