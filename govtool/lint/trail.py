"""Helpers for the rules that check an action's trail (``Action.trail``) and who signed it."""

from __future__ import annotations

from govtool.register.model import Register


def same_person(register: Register, a: str | None, b: str | None) -> bool:
    """Whether two owner/by values name the same person (by directory entry, else by text)."""
    return register.same_person(a, b)
