"""People-directory IDs: which characters one may hold, and the ID a person's name suggests.

An ID is what every record stores (names change, IDs do not), typed at a keyboard and matched
by scripts, so it is plain ASCII. A name is anything: ``Seán Ó Murchú``, ``Siobhán O'Brien``.
The suggested ID keeps the name's letters without their accents (é -> e, ø -> o, ß -> ss) and
its digits, and puts one '.' wherever anything else stood (spaces, apostrophes, hyphens):
``sean.o.murchu``, ``siobhan.o.brien``, ``mary.jane.smith``.
"""

from __future__ import annotations

import re
import unicodedata

#: The settings schema's pattern for a people-directory ID (govtool/schemas/settings.schema.json).
PERSON_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

#: What :data:`PERSON_ID` allows, said the way a user reads it.
ID_CHARACTERS = ("an ID holds only the letters a-z and A-Z without accents, the digits 0-9, '.', '_' and '-', "
                 "starts with a letter or digit and is at most 64 characters long")

#: Letters that Unicode does not split into a plain letter and an accent.
_UNSPLIT_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def suggested_id(name: str) -> str:
    """'Seán Ó Murchú' -> 'sean.o.murchu': the usual form of a directory ID ('' for no letters)."""
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_UNSPLIT_LETTERS))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", plain)
    return ".".join(words)[:64].rstrip(".")
