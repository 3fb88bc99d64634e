"""Helpers for the rules that check an action's trail (``Action.trail``) and who signed it."""

from __future__ import annotations

from govtool.register.model import Register


def same_person(register: Register, a: str | None, b: str | None) -> bool:
    """Whether two owner/by values name the same person (by directory entry, else by text)."""
    if not a or not b:
        return False
    pa, pb = register.person(a), register.person(b)
    if pa is not None and pb is not None:
        return pa.id == pb.id
    return a.strip().casefold() == b.strip().casefold()
