"""How often each judge's trigger is right: per collection batch, of the items a test flags, how many are bad.

    python bench/judgement_triggers.py [--items TRIGGER] [--min N]

Each verdict names the test inside the judge that gave it (``Verdict.trigger``:
"duty:modal", "group:head", "activity"...). For every trigger the table gives, per batch of
the development corpus (``bench/judgement_folds.py``'s ``BATCHES``) and pooled, how many of
the items it fired on are labelled bad, out of how many it fired on: its precision. A
trigger that is often wrong in batches it was not written for speculates about writers it
has not seen, and is a candidate to narrow or drop ("when in doubt, pass").

``--items TRIGGER`` lists the items that trigger fired on (``-`` before a good item, the
false alarms), ``--min N`` hides triggers that fired fewer than N times. Held-out documents
(from ``corpus.FIRST_HELD_OUT_DOCUMENT`` on) are never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.judgement_folds import BATCHES, RULES, batch_of  # noqa: E402
from tests.judgement.realworld import corpus as realworld  # noqa: E402


def cell(bad: int, fired: int) -> str:
    return f"{bad}/{fired}" if fired else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", metavar="TRIGGER", help="list the items this trigger fired on")
    parser.add_argument("--min", type=int, default=1, help="hide triggers that fired fewer times")
    args = parser.parse_args()
    items = [i for i in realworld.load() if i.part == "dev"]
    names = [b[0] for b in BATCHES]
    print(f"{'rule / trigger':40}" + "".join(f"{n[:8]:>9}" for n in names) + f"{'pooled':>10}{'prec':>6}")
    for rule, judge, kind in RULES:
        # trigger -> batch -> [bad, fired]
        counts: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        listed = []
        for item in (i for i in items if i.kind == kind):
            verdict = judge(item.text)
            if verdict is None:
                continue
            tally = counts[verdict.trigger][batch_of(item.doc)]
            tally[0] += item.bad
            tally[1] += 1
            if verdict.trigger == args.items:
                listed.append(item)
        print(rule)
        for trigger in sorted(counts, key=lambda t: -sum(c[1] for c in counts[t].values())):
            by_batch = counts[trigger]
            bad = sum(c[0] for c in by_batch.values())
            fired = sum(c[1] for c in by_batch.values())
            if fired < args.min:
                continue
            row = "".join(f"{cell(*by_batch[b]) if b in by_batch else '-':>9}" for b in range(len(names)))
            print(f"  {trigger:38}{row}{cell(bad, fired):>10}{bad / fired:6.0%}")
        for item in listed:
            print(f"    {' ' if item.bad else '-'} {item.id:9} {names[batch_of(item.doc)]}: {item.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
