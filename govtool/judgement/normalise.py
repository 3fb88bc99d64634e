"""What the judges read: the user's text with disguises removed and its length bounded.

A register is untrusted input, and the judges are a gate: an owner typed as "Nursing te\u200bam"
(a zero-width space), "Nur\u00adsing team" (a soft hyphen), "Nursing tеam" (a Cyrillic "е") or
"Ｎｕｒｓｉｎｇ ｔｅａｍ" (full-width forms) reads as "Nursing team" to every person, so it must read
that way to the judge too. Unicode's compatibility normalisation (NFKC) folds full-width and
other compatibility forms; format characters (Unicode category Cf: zero-width spaces and joiners,
soft hyphens, bidirectional controls) are dropped; and the Cyrillic and Greek letters that look
exactly like Latin ones are mapped to them (a small, closed table: Unicode's confusables data is
large and built for identifiers, and these are the letters that occur in English words).

The length is bounded so that no text can make a judge slow: a title, an owner or a completion
note says what it is in its first sentences; a field longer than :data:`JUDGED_CHARACTERS` is
judged on its head, cut at a space.
"""

from __future__ import annotations

import re
import unicodedata

JUDGED_CHARACTERS = 2_000

# Cyrillic and Greek letters that are drawn like Latin letters in every common font.
_LOOK_ALIKES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "І": "I", "Ї": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "ι": "i", "κ": "k", "χ": "x", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """``text`` as a reader sees it: compatibility forms folded, invisible characters dropped,
    look-alike letters made Latin, runs of white space made one space, and at most
    :data:`JUDGED_CHARACTERS` long."""
    head = text[: JUDGED_CHARACTERS * 4]  # NFKC can only grow a text a few times over
    if head.isascii():  # most text: NFKC leaves ASCII as it is, and it holds no Cf character or look-alike
        plain = _SPACES.sub(" ", head).strip()
    else:
        folded = unicodedata.normalize("NFKC", head)
        visible = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
        plain = _SPACES.sub(" ", visible.translate(_LOOK_ALIKES)).strip()
    if len(plain) > JUDGED_CHARACTERS:
        cut = plain.rfind(" ", 0, JUDGED_CHARACTERS)
        plain = plain[: cut if cut > 0 else JUDGED_CHARACTERS]
    return plain
