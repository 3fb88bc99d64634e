"""The judges' result type, and the few text helpers all three judges share.

A judge returns ``None`` when the text passes, or a :class:`Verdict` that says, in one
sentence each, why the text fails the rule and how to fix it. The linter turns a verdict
into a problem message; the CLI can show it at the prompt before a bad value is saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalise import normalise


@dataclass(frozen=True)
class Verdict:
    """Why a value fails a judgement rule, and how to fix it (one sentence each).

    ``trigger`` names the test inside the judge that gave the verdict ("duty:modal",
    "group:head"): it is for measuring how often each test is right
    (``bench/judgement_triggers.py``), never shown to the user and never compared.
    """

    reason: str
    fix: str
    trigger: str = field(default="", compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.reason}; {self.fix}"


# Words keep inner apostrophes and hyphens ("resident's", "re-audit", "o'neill").
_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SPACE_RE = re.compile(r"\s+")
_QUOTE_LIMIT = 70

# A month name or its abbreviation, for the date and figure patterns of the judges.
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")


def as_text(value: object) -> str:
    """A YAML value as the judges read it (see :mod:`.normalise`): None is empty, a number or
    date its own spelling, disguised letters and invisible characters undone, length bounded."""
    return "" if value is None else normalise(str(value))


def words(text: str) -> list[str]:
    """The text's words, lower-cased, punctuation dropped."""
    return _WORD_RE.findall(text.lower())


def quote(text: str) -> str:
    """The user's text, trimmed to one line and a readable length, in single quotes."""
    flat = _SPACE_RE.sub(" ", text).strip()
    if len(flat) > _QUOTE_LIMIT:
        flat = flat[: _QUOTE_LIMIT - 1].rstrip() + "…"
    return f"'{flat}'"


def base_form(word: str, vocabulary: frozenset[str]) -> str | None:
    """``word``'s base form if that form is in ``vocabulary``, else None.

    A crude suffix stripper is enough because the vocabularies are short lists of verbs
    and nouns we wrote ourselves: "improving", "improved", "improves" -> "improve";
    "carried" -> "carry"; "fitted" -> "fit"; "deputies" -> "deputy"; "re-signed" -> "sign".
    """
    if word in vocabulary:
        return word
    for cut, add in _SUFFIXES:
        if word.endswith(cut) and len(word) - len(cut) >= 2:
            base = word[: len(word) - len(cut)] + add
            if base in vocabulary:
                return base
    doubled = _DOUBLED_RE.match(word)
    if doubled and doubled.group(1) in vocabulary:
        return doubled.group(1)
    if word.startswith("re-") and len(word) > 5:
        return base_form(word[3:], vocabulary)  # "re-signed" is signing again
    return None


_SUFFIXES = (
    ("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
    ("es", ""), ("s", ""), ("d", ""),
)
_DOUBLED_RE = re.compile(r"^(\w*([bdglmnprt]))\2(?:ed|ing)$")
