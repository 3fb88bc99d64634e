"""Helpers for history tests: action files written field by field, and rule runs."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import yaml

from govtool.lint.history_rules import lint_history
from govtool.lint.rule import LintContext, all_rules
from govtool.register.load import load_register

if TYPE_CHECKING:
    from tests.conftest import GitRepo

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


def branch_moving_two_dates(reg: GitRepo) -> tuple[str, str]:
    """main with ACT-1 and ACT-2 (1 Feb); branch 'fix' moves ACT-1's date by hand on 3 Feb and
    ACT-2's on 20 Feb; main gets a source on 10 Feb; 'fix' is merged into main on 1 March, and
    main stays checked out. Returns the two commits on 'fix' that moved a date."""
    reg.write("actions/ACT-1.yaml", action())
    reg.write("actions/ACT-2.yaml", action("ACT-2", title="Replace the sensor mats in rooms 1 to 12"))
    reg.commit("Start", date="2026-02-01")
    reg.git("checkout", "-q", "-b", "fix")
    reg.write("actions/ACT-1.yaml", action(due="2026-04-30"))
    early = reg.commit("Move ACT-1", date="2026-02-03")
    reg.write("actions/ACT-2.yaml", action("ACT-2", title="Replace the sensor mats in rooms 1 to 12", due="2026-05-31"))
    late = reg.commit("Move ACT-2", date="2026-02-20")
    reg.git("checkout", "-q", "main")
    reg.write("sources/SRC-2.yaml", "id: SRC-2\ntype: incident\ntitle: Fall in room 12 at night\ndate: 2026-02-09\n")
    reg.commit("Another incident", date="2026-02-10")
    reg.git("merge", "-q", "--no-ff", "-m", "Merge fix", "fix", date="2026-03-01")
    return early, late

