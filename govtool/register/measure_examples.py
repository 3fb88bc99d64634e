"""An example of a measure's target that fits the action it is offered for.

The missing-measure message and ``new action``'s prompt give an example of a target. The
register does not know the kind of service (care home, GP practice, ward: govtool.yaml names
the provider and the location only), but it knows what an action answers: its own title, its
finding (the words, the regulation, the quality statement) and its source (the type, the
title). The first topic below that those name gives the example; when none does, a neutral
one that fits any service. A handful of topics, not a library: enough that an action about
falls is not told about MAR charts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from govtool.register.model import Action, Control, Finding, Risk, Source

#: (topic, what names it, an example target), in the order they are tried on each text
TOPICS = (
    ("medicines", r"\b(?:(?-i:e?-?MARs?)|mar charts?|medicines?|medications?|prn|controlled drugs?|prescri\w*|doses?)\b",
     "98% of MAR charts complete in three weekly audits"),
    ("falls", r"\b(?:falls?|fallen)\b",
     "every falls risk assessment reviewed within the month in three consecutive audits"),
    ("infection", r"\b(?:infections?|ipc|hand hygiene|clean\w*|outbreaks?)\b",
     "hand hygiene audits at 95% or above for three months running"),
    ("safeguarding", r"\b(?:safeguarding|abuse|neglect|dols|deprivation of liberty)\b",
     "every safeguarding concern referred within 24 hours, checked monthly for three months"),
    ("complaints", r"\bcomplain\w*",
     "every complaint acknowledged within 3 working days for three months running"),
    ("staffing", r"\b(?:train\w*|competenc\w*|supervisions?|inductions?|dbs|recruit\w*|staffing|appraisals?)\b",
     "100% of staff in date on the training matrix at two quarterly checks"),
)
_PATTERNS = [(re.compile(pattern, re.IGNORECASE), example) for _topic, pattern, example in TOPICS]
#: the example when nothing names a topic
NEUTRAL = "95% of the records sampled meet the standard in three monthly audits"
#: a finding's regulation or a source's type that names a topic by itself
_BY_REGULATION = {"13": "safeguarding", "16": "complaints", "18": "staffing", "19": "staffing"}
_BY_SOURCE_TYPE = {"complaint": "complaints", "safeguarding": "safeguarding"}


def example_target(texts: Iterable[str | None], regulation: str | None = None, source_type: str | None = None) -> str:
    """The example for an action described by ``texts`` (the most telling first: its title,
    then its finding's words, ...), the regulation its finding cites and its source's type."""
    for text in texts:
        for pattern, example in _PATTERNS if text else ():
            if pattern.search(text or ""):
                return example
    topic = _BY_REGULATION.get(regulation or "") or _BY_SOURCE_TYPE.get(source_type or "")
    return next((example for name, _pattern, example in TOPICS if name == topic), NEUTRAL)


def example_for(title: str | None, description: str | None = None, *, source: Source | None = None,
                finding: Finding | None = None, risk: Risk | None = None, control: Control | None = None) -> str:
    """:func:`example_target` for an action with this title and description, answering this
    finding of this source, or strengthening this control of this risk."""
    texts = [title, description]
    if finding is not None:
        texts += [finding.text, finding.quality_statement, (finding.framework_ref or "").replace("-", " ")]
    texts += [control.description if control else None, risk.title if risk else None, source.title if source else None]
    return example_target(texts, finding.regulation if finding else None, source.type if source else None)


def example_for_action(action: Action) -> str:
    """:func:`example_for` a loaded action (its links resolved)."""
    return example_for(action.title, action.description, source=action.source, finding=action.finding,
                       risk=action.risk, control=action.control)
