"""Report test fixtures: the fixture register copied into a real Git repository."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from typing import Any

import pytest

FIXTURE_REGISTER = Path(__file__).parent / "fixtures" / "register"
GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-26"
#: Set GOVTOOL_REGEN_GOLDEN=1 to rewrite the golden files from the current output.
REGEN_ENV = "GOVTOOL_REGEN_GOLDEN"
_VERSION = re.compile(r"govtool \d+\.\d+\.\d+\S*")


def scrub(text: str) -> str:
    """Remove what changes between releases (the version) from a report."""
    return _VERSION.sub("govtool VERSION", text)


@pytest.fixture
def fixture_register(git_repo: Any) -> Path:
    """The fixture register at the root of a committed repository; returns its folder."""
    shutil.copytree(FIXTURE_REGISTER, git_repo.path, dirs_exist_ok=True)
    git_repo.commit("Fixture register", date="2026-11-01")
    return git_repo.path
