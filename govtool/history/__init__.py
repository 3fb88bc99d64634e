"""Git history of a register: the only package (with govtool/support/gitrepo.py) that talks to Git.

``lint_history(register, base)`` builds the :class:`History` that history rules read as
``ctx.history``; ``record_timeline`` (timeline.py) tells one record's story commit by commit.
"""

from govtool.history.history import History, acknowledged_mistakes, lint_history, run_history_rules
from govtool.history.model import AcknowledgedMistake, Acknowledgement, Change, Where

__all__ = [
    "History",
    "lint_history",
    "acknowledged_mistakes",
    "run_history_rules",
    "AcknowledgedMistake",
    "Acknowledgement",
    "Change",
    "Where",
]
