"""The real-world corpus: verbatim items from published plans, labelled twice, split by document.

``items.tsv`` (this folder) holds every item with its source, both labellers' labels, the
settled label and, where the labellers disagreed, the written reason for the settlement.
A document's items are all in one part, so a held-out rate measures the judges on writers
they have never seen. Tune on ``dev`` only; report ``holdout``. README.md beside this file
tells how the parts came to be and what was measured on each: each held-out part was measured
before anyone tuned on it, and later joined the development data. Today every item below
D2000 is development data (the sixteenth part joined it after its one measurement, the judges
unchanged since), and the held-out part is the seventeenth, D2000 and above.

    python -m tests.judgement.realworld.corpus agreement   # labeller agreement, per kind
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ITEMS = HERE / "items.tsv"
BAD_LABEL = {"action": "vague", "owner": "collective", "closure": "completion"}
GOOD_LABEL = {"action": "specific", "owner": "single", "closure": "change"}
FIRST_HELD_OUT_DOCUMENT = 5500


@dataclass(frozen=True)
class Item:
    id: str
    kind: str
    text: str
    doc: str
    source_url: str
    source_title: str
    label_a: str
    label_b: str
    label: str
    settled: str

    @property
    def bad(self) -> bool:
        return self.label == BAD_LABEL[self.kind]

    @property
    def part(self) -> str:
        return part_of(self.doc)


def part_of(doc: str) -> str:
    """'holdout' or 'dev', fixed by the document's ID alone ("D514" would be held out)."""
    return "holdout" if int(doc.lstrip("D")) >= FIRST_HELD_OUT_DOCUMENT else "dev"


def load(path: Path = ITEMS) -> list[Item]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Item(r["id"], r["kind"], r["text"], r["doc"], r["source_url"], r["source_title"],
                 r["label_a"], r["label_b"], r["label"], r.get("settled", "")) for r in rows]


def cohen_kappa(pairs: list[tuple[str, str]]) -> float:
    """Agreement beyond chance between two labellers (1 = perfect, 0 = chance)."""
    n = len(pairs)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(items: list[Item]) -> list[str]:
    lines = [f"{'kind':8} {'items':>5} {'agree':>6} {'kappa':>6}"]
    for kind in BAD_LABEL:
        pairs = [(i.label_a, i.label_b) for i in items if i.kind == kind]
        agree = sum(a == b for a, b in pairs)
        lines.append(f"{kind:8} {len(pairs):5} {agree / len(pairs):6.1%} {cohen_kappa(pairs):6.2f}")
    pairs = [(i.label_a, i.label_b) for i in items]
    lines.append(f"{'all':8} {len(pairs):5} {sum(a == b for a, b in pairs) / len(pairs):6.1%}")
    return lines


if __name__ == "__main__":
    if sys.argv[1:] == ["agreement"]:
        print("\n".join(agreement(load())))
    else:
        print(__doc__)
