"""The NHS 5x5 risk matrix (NPSA): labels, scores and bands, shared by rules and reports.

Score = likelihood x consequence, each 1-5. Bands are a setting (``risk_bands`` in
govtool.yaml: band name -> lowest score in it) because organisations band differently; the
defaults are the NPSA's: 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme.
"""

from __future__ import annotations

from collections.abc import Mapping

from govtool.register.model import Score

CONSEQUENCE_LABELS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Catastrophic"}
LIKELIHOOD_LABELS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
DEFAULT_BANDS: dict[str, int] = {"low": 1, "moderate": 4, "high": 8, "extreme": 15}
#: Colours used by reports for the default band names (RAG-like, as the NPSA matrix is drawn).
BAND_COLOURS = {"low": "#2e7d32", "moderate": "#f2c500", "high": "#ef6c00", "extreme": "#c62828"}


def bands(configured: Mapping[str, int] | None = None) -> list[tuple[str, int]]:
    """Bands as (name, lowest score), lowest first."""
    chosen = dict(configured) if configured else DEFAULT_BANDS
    return sorted(chosen.items(), key=lambda item: item[1])


def band_of(score: int | None, configured: Mapping[str, int] | None = None) -> str | None:
    """The band a score falls in (None for no score)."""
    if score is None:
        return None
    name = None
    for band, lowest in bands(configured):
        if score >= lowest:
            name = band
    return name


def describe(score: Score, configured: Mapping[str, int] | None = None) -> str:
    """'12 high (likely x moderate)' for people reading a report or a message."""
    if score.value is None:
        return "not scored"
    likelihood = LIKELIHOOD_LABELS.get(score.likelihood or 0, "?").lower()
    consequence = CONSEQUENCE_LABELS.get(score.consequence or 0, "?").lower()
    return f"{score.value} {band_of(score.value, configured)} ({likelihood} x {consequence})"
