"""Constants and helpers shared by the report tests (a plain module: test files import it)."""

from __future__ import annotations

import re
from pathlib import Path

FIXTURE_REGISTER = Path(__file__).parent / "fixtures" / "register"
GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-26"
#: Set GOVTOOL_REGEN_GOLDEN=1 to rewrite the golden files from the current output.
REGEN_ENV = "GOVTOOL_REGEN_GOLDEN"
_VERSION = re.compile(r"govtool \d+\.\d+\.\d+\S*")


def scrub(text: str) -> str:
    """Remove what changes between releases (the version) from a report."""
    return _VERSION.sub("govtool VERSION", text)
