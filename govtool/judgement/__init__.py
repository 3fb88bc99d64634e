"""The three judgement rules: is an action specific, an owner one person, a completion a change?

Each judge takes the user's text and returns ``None`` when it passes, or a
:class:`Verdict` with the reason it fails and how to fix it. They are pure functions over
strings (stdlib only, regexes compiled at import), fast enough to run over every action in
a pre-commit hook. The linter rules ``vague-action``, ``collective-owner`` and
``completion-without-change`` call them; ``bench/judgement_rates.py`` measures them.

The judges are imported on first use (PEP 562): importing one compiles dozens of patterns,
and a lint run whose verdicts are all cached (govtool/cache/verdicts.py), or a module that
needs only a text helper from ``verdict``, should not pay for that.
"""

from __future__ import annotations

import importlib
from typing import Any

from .verdict import Verdict

_JUDGES = {"judge_action": ".action", "judge_completion": ".completion", "judge_owner": ".owner",
           "judge_strength": ".strength"}

__all__ = ["Verdict", "judge_action", "judge_completion", "judge_owner", "judge_strength"]


def __getattr__(name: str) -> Any:
    if name in _JUDGES:
        return getattr(importlib.import_module(_JUDGES[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
