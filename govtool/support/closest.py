""""Did you mean ...?" over thousands of names, in bounded time per question.

``difflib.get_close_matches`` compares the typed word with every candidate; lint asks once
per unknown owner, source or parent, so a register with 8,000 people and 2,000 unknown owners
made it compare 16 million pairs (minutes). :class:`Closest` indexes the candidates by their
letter pairs once, shortlists for each question the few that share the most pairs with it
(reading at most :data:`POSTINGS_BUDGET` index entries, so a question costs the same however
many candidates there are), and lets difflib rank only the shortlist. Answers are remembered,
so a typo repeated in 500 records is looked up once. Small sets are searched in full.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

#: Below this many candidates the plain full search is cheap and exact.
FULL_SEARCH = 256
#: How many candidates difflib ranks for one question.
SHORTLIST = 24
#: How many index entries one question may read (common pairs are skipped past this).
POSTINGS_BUDGET = 4_000
#: Words longer than this are cut before comparing (difflib is quadratic in length).
LONGEST = 80


def _pairs(word: str) -> set[str]:
    padded = f"^{word[:LONGEST]}$"
    return {padded[i:i + 2] for i in range(len(padded) - 1)}


class Closest:
    """The closest of a fixed set of candidate words to a typed word."""

    def __init__(self, candidates: Iterable[str], cutoff: float = 0.6):
        self.words = list(dict.fromkeys(candidates))
        self.cutoff = cutoff
        self.memo: dict[tuple[str, int], list[str]] = {}
        self.postings: dict[str, list[int]] = {}
        if len(self.words) > FULL_SEARCH:
            for index, word in enumerate(self.words):
                for pair in _pairs(word):
                    self.postings.setdefault(pair, []).append(index)
        #: ratio work done (a test can bound it)
        self.compared = 0

    def matches(self, word: str, n: int = 1) -> list[str]:
        key = (word, n)
        if key not in self.memo:
            self.memo[key] = self._search(word, n)
        return self.memo[key]

    def _search(self, word: str, n: int) -> list[str]:
        shortlist = self.words if not self.postings else self._shortlist(word)
        self.compared += len(shortlist)
        cut = {w[:LONGEST]: w for w in shortlist}
        return [cut[m] for m in difflib.get_close_matches(word[:LONGEST], list(cut), n=n, cutoff=self.cutoff)]

    def _shortlist(self, word: str) -> list[str]:
        lists = sorted((self.postings.get(pair, []) for pair in _pairs(word)), key=len)
        shared: Counter[int] = Counter()
        budget = POSTINGS_BUDGET
        for postings in lists:
            if len(postings) > budget:
                break  # the rarer pairs have been counted; the common ones say little
            shared.update(postings)
            budget -= len(postings)
        best = heapq.nlargest(SHORTLIST, shared.items(), key=lambda item: (item[1], -item[0]))
        return [self.words[index] for index, _count in best]


def folder_guess(typed: Path, found: Path) -> str:
    """' (did you mean clients/oakhill?)' for a folder typed as ``typed`` that is not there at
    ``found`` (its resolved path), naming the closest folder beside where it would be, written
    the way it was typed; '' when none is close."""
    try:
        beside = [p.name for p in found.parent.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return ""
    close = Closest(beside).matches(typed.name)
    if not close:
        return ""
    return f" (did you mean {typed.parent / close[0] if str(typed.parent) != '.' else close[0]}?)"
