"""weak-action: does an action rely only on the weakest kinds of intervention?

Principle: patient-safety science ranks the actions taken after harm by how much they depend
on people remembering to do better. The US Department of Veterans Affairs National Center for
Patient Safety's action hierarchy, adopted by RCA² (National Patient Safety Foundation,
"RCA²: Improving Root Cause Analyses and Actions to Prevent Harm", 2015), calls *weaker*
the actions that change only what people know or are told: training, education, reminders,
warnings, memos, new or re-issued policies and procedures, and "raising awareness". Stronger
actions change the system so that the right thing is the easy thing (physical changes,
forcing functions, standardised equipment and process, checklists and cognitive aids,
staffing, software); checks and audits at least show whether the harm has stopped.

This judge names the weak kind when an action's text asks only for weak interventions, and
passes everything else: an action that names anything that is not a weak intervention (an
audit, a checklist, a new piece of equipment, a change of rota) or names no intervention it
can recognise is left alone. When in doubt it passes: the rule is a warning that invites a
stronger action beside the weak one, not a verdict on the weak one.
"""

from __future__ import annotations

import re

from .verdict import Verdict, as_text, quote

# The weaker kinds, each with the words that ask for it (stems; matched at word starts).
_WEAK = {
    "training": r"train|retrain|re-train|educat|teach|e-learning|elearning|learning session|toolbox talk|workshop"
                r"|teaching session|study day|refresher",
    "reminders": r"remind|reiterat|re-iterat|reinforc|emphasi[sz]|highlight|made aware|make aware|be aware"
                 r"|reflect|reflective",
    "telling staff": r"brief|debrief|cascad|circulat|recirculat|re-circulat|disseminat|share|shared|sharing"
                     r"|communicat|inform|email|e-mail|memo|newsletter|bulletin|safety message|message to staff"
                     r"|discuss|discussed",
    "a policy or procedure": r"policy|policies|procedure|guidance|guideline|sop\b|re-issu|reissu|re-launch|relaunch",
    "raising awareness": r"awareness|aware\b",
}
# Words that name an intervention outside the weak list: their presence means the action
# does (or checks) something more than telling people. Deliberately broad.
_NOT_WEAK = (
    r"audit|check|spot.check|monitor|observ|competenc|assess|review of \d|sampl|measure|dashboard|report(ed)? (to|monthly|weekly)"
    r"|install|fit\b|fitted|replac|remov|purchas|buy|procur|equip|alarm|sensor|lock|barrier|rail|mat\b|signage|label"
    r"|checklist|check list|template|form\b|tool\b|aide.memoire|prompt card|bundle|pathway|sticker|flowchart"
    r"|electronic|e-mar|emar|system\b|software|alert|barcode|scan"
    r"|staffing|recruit|rota|establishment|appoint|post\b|additional staff|extra staff|dedicated"
    r"|redesign|standardis|standardiz|simplif|eliminat|separat|relocat|move the|forcing"
    r"|supervis|mentor|buddy|double.check|second check|sign.off|signed off|escalat"
)
_WEAK_RE = {kind: re.compile(rf"\b(?:{pattern})", re.IGNORECASE) for kind, pattern in _WEAK.items()}
_NOT_WEAK_RE = re.compile(rf"\b(?:{_NOT_WEAK})", re.IGNORECASE)


def judge_strength(title: str, description: str | None = None) -> Verdict | None:
    """None unless the action asks only for weak interventions; then which, and what to add."""
    text = as_text(title)
    whole = f"{text} {as_text(description)}"
    if not text or _NOT_WEAK_RE.search(whole):
        return None
    kinds = [kind for kind, pattern in _WEAK_RE.items() if pattern.search(whole)]
    if not kinds:
        return None
    named = " and ".join(kinds[:2])
    return Verdict(
        f"{quote(text)} relies only on {named}, the weakest kind of action after harm "
        "(VA patient-safety action hierarchy; RCA²)",
        "add a stronger action beside it (a change to the system: a checklist, equipment, a forcing "
        "function, staffing) or give this action an outcome measure that shows the harm has stopped",
    )
