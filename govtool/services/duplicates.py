"""A new action that repeats one already in the plan: the same title, answering the same thing.

A manager who ran ``new action`` again (thinking the first attempt had failed), or typed the
same action for the same finding twice, got two ACT- files for one piece of work, and the
inspector read it twice in the action plan. This finds the action a new one would repeat; what
to say about it, and whether to go on, is the command line's business.
"""

from __future__ import annotations

import re

from govtool.register.model import Action, Register
from govtool.register.vocabulary import FINISHED_STATUSES
from govtool.services.create import Links, canonical_links, inherit_from_parent

_TRAILING_STOP = re.compile(r"\s*\.$")


def same_title_key(title: str) -> str:
    """``title`` as compared: case, surrounding and repeated spaces, and one trailing full stop
    ignored ('Audit MAR charts weekly.' is the same title as ' audit  MAR charts  weekly')."""
    return _TRAILING_STOP.sub("", " ".join(title.split())).casefold()


def _answers(register: Register, links: Links) -> tuple[str, str | None, str | None]:
    """What an action answers: its source's finding (or the source alone, when it has none),
    else its risk's control; a sub-action that names only its parent answers what that does."""
    links = canonical_links(register, inherit_from_parent(register, links))
    if links.source:
        return ("source", links.source, links.finding)
    return ("risk", links.risk, links.control)


def duplicate_of(register: Register, title: str, links: Links) -> Action | None:
    """The action, not closed or cancelled, that a new action titled ``title`` with ``links``
    would repeat: the same title (as :func:`same_title_key` compares them), answering the same
    finding (or the same source with no finding, or the same risk control). None: there is none.
    Of several, the one with the lowest ID."""
    wanted = same_title_key(title)
    answering = _answers(register, links)
    if answering[1] is None:  # it answers nothing yet: the link checks say what is missing
        return None
    for action in sorted(register.actions.values(), key=lambda a: a.id):
        if action.status in FINISHED_STATUSES or action.title is None:
            continue
        if same_title_key(action.title) != wanted:
            continue
        existing = Links(action.source_id, action.finding_id, action.risk_id, action.control_id, action.parent_id)
        if _answers(register, existing) == answering:
            return action
    return None
