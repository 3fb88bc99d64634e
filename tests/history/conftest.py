"""Fixtures for history tests."""

from __future__ import annotations

import pytest

from tests.history.helpers import SOURCE


@pytest.fixture
def reg(register):  # type: ignore[no-untyped-def]
    """The shared register fixture with one source, committed."""
    register.write("sources/SRC-1.yaml", SOURCE)
    register.commit("Add the medicines audit", date="2026-01-06")
    return register
