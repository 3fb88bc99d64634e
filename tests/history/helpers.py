"""Helpers for history tests: action files written field by field, and rule runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from govtool.lint.history_rules import lint_history
from govtool.lint.rule import LintContext, all_rules
from govtool.register.load import load_register

TODAY = dt.date(2026, 11, 26)


def action(record_id: str = "ACT-1", **fields: Any) -> str:
    """An action file's text; every field can be overridden, None drops it."""
    data: dict[str, Any] = {
        "id": record_id,
        "title": "Weekly audit of 10 MAR charts reported to the governance meeting",
        "source": "SRC-1",
        "owner": "jane.smith",
        "created": "2026-01-10",
        "due": "2026-03-31",
        "status": "open",
        "measure": {"target": "98% of MAR charts complete in three weekly audits"},
    }
    data.update(fields)
    data = {k: v for k, v in data.items() if v is not None}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def note(date: str, text: str = "Audit tool agreed.") -> dict[str, str]:
    return {"date": date, "by": "jane.smith", "note": text}


def redate(date: str, old: str, new: str, reason: str = "Supplier delay") -> dict[str, str]:
    return {"date": date, "from": old, "to": new, "reason": reason}


SOURCE = """\
id: SRC-1
type: audit
title: Medicines audit, January 2026
date: 2026-01-05
"""


def run_rule(root, name: str, base: str | None = None, today: dt.date = TODAY, options: dict | None = None):  # type: ignore[no-untyped-def]
    """The rule's reports, as the lint engine would produce them (history built lazily)."""
    register = load_register(root)
    spec = all_rules()[name]
    ctx = LintContext(register=register, today=today, base=base,
                      history_loader=lambda: lint_history(register, base))
    return list(spec.check(ctx, {**spec.options, **(options or {})}))
