"""The three judgement rules: is an action specific, an owner one person, a completion a change?

Each judge takes the user's text and returns ``None`` when it passes, or a
:class:`Verdict` with the reason it fails and how to fix it. They are pure functions over
strings (stdlib only, regexes compiled at import), fast enough to run over every action in
a pre-commit hook. The linter rules ``vague-action``, ``collective-owner`` and
``completion-without-change`` call them; ``bench/judgement_rates.py`` measures them.
"""

from .action import judge_action
from .completion import judge_completion
from .owner import judge_owner
from .verdict import Verdict

__all__ = ["Verdict", "judge_action", "judge_completion", "judge_owner"]
