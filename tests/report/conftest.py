"""Report test fixtures: the fixture register copied into a real Git repository."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from .report_support import FIXTURE_REGISTER


@pytest.fixture
def fixture_register(git_repo: Any) -> Path:
    """The fixture register at the root of a committed repository; returns its folder."""
    shutil.copytree(FIXTURE_REGISTER, git_repo.path, dirs_exist_ok=True)
    git_repo.commit("Fixture register", date="2026-11-01")
    return git_repo.path
