"""The computed figures set against the figures the published notes state.

Each published figure (data/reference/published_figures.csv) is compared the way the text states
it: `exact` counts must be equal; `percent` shares must round to the stated whole percent;
`about` and `range` figures, stated in words ('about 10', 'more than half'), must fall within the
bounds written beside them; `descriptive` figures depend on the content of the need descriptions
and are not computed. Some published figures cannot hold together with the others: `impossible`
finds them from the published figures alone, and says why.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from uncac_needs import reference
from uncac_needs.statistics import lookup


@dataclass(frozen=True)
class Check:
    figure: reference.PublishedFigure
    computed: Any
    status: str          # match | differs | not computed
    explanation: str     # why a figure cannot be met, where that is known from the published figures

    @property
    def ok(self) -> bool:
        return self.status != "differs"


def whole_percent(share: float) -> int:
    return int((Decimal(repr(share)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def matches(figure: reference.PublishedFigure, computed: Any) -> bool:
    if computed is None:
        return False
    if figure.comparison == "exact":
        return computed == figure.published
    if figure.comparison == "percent":
        return whole_percent(computed) == whole_percent(figure.published)
    if figure.comparison in ("about", "range"):
        return figure.low <= computed <= figure.high
    raise ValueError(f"{figure.id}: no comparison for '{figure.comparison}'")


def _published_value(cutoff: str, key: str) -> Any:
    for f in reference.published_figures():
        if f.cutoff == cutoff and f.key == key and f.comparison == "exact":
            return f.published
    return None


def impossible() -> dict[str, str]:
    """Published figures that contradict other published figures, with the reason in plain words.

    A growth in the number of States with needs in a chapter is measured from the previous
    analysis: the previous count cannot exceed the States with needs stated for that analysis,
    so the growth cannot be below current / that number − 1.
    """
    reasons: dict[str, str] = {}
    cutoffs = reference.published_cutoffs()
    for f in reference.published_figures():
        if not (f.key and f.key.startswith("change.by_chapter.") and f.key.endswith(".states.change_share")):
            continue
        chapter = f.key.split(".")[2]
        earlier = [c for c in cutoffs if c < f.cutoff]
        if not earlier:
            continue
        previous = earlier[-1]
        current = _published_value(f.cutoff, f"by_chapter.{chapter}.states")
        ceiling = _published_value(previous, "overview.states_with_needs")
        if current is None or ceiling is None:
            continue
        least = current / ceiling - 1
        if whole_percent(least) > whole_percent(f.published):
            reasons[f.id] = (
                f"The note states {current} States with chapter {chapter} needs at {f.cutoff} and only {ceiling} "
                f"States with any needs at {previous}, so the number of States with chapter {chapter} needs grew by at "
                f"least {whole_percent(least)} per cent ({current} / {ceiling} − 1), not {whole_percent(f.published)} per cent."
            )
    return reasons


def reconcile(stats: dict[str, Any], cutoff: str | dt.date | None = None) -> list[Check]:
    """Every published figure for the statistics' cutoff, with the computed value beside it."""
    cutoff = str(cutoff or stats["parameters"]["cutoff_date"])
    known = impossible()
    checks = []
    for f in reference.published_figures():
        if f.cutoff != cutoff:
            continue
        if f.key is None:
            checks.append(Check(f, None, "not computed", ""))
            continue
        try:
            computed = lookup(stats, f.key)
        except KeyError:
            computed = None
        status = "match" if matches(f, computed) else "differs"
        checks.append(Check(f, computed, status, known.get(f.id, "")))
    return checks
