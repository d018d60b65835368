"""The previous analysis as it was published, not as the current workbook recomputes it (issue 12, item 4).

The keepers correct old rows, add rows with old dates and delete duplicates between sessions, so the
current workbook may give, for the previous cutoff, other figures than the note published then ("282 needs"
becoming 280). Where the previous cutoff is one the project has published figures for
(data/reference/published_figures.csv), the change since the previous analysis starts from the published
figures, and `Statistics.drift` lists each published figure of that cutoff that the current workbook gives
otherwise: the report says so, and the annex of the changed rows (pipeline/changes.py) explains it row by row.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Optional

from uncac_needs.statistics import model
from uncac_needs.vocabulary import reference

if TYPE_CHECKING:
    from uncac_needs.statistics.model import Statistics

#: the change's measures and the figure of the previous analysis each starts from
CHANGE_FROM = {"states_completed": "overview.states_completed", "states_with_needs": "overview.states_with_needs",
               "needs": "overview.needs"}


def published(cutoff: dt.date | None) -> dict[str, Any]:
    """The exact figures the project has published for a cutoff, by key of statistics.json."""
    if cutoff is None:
        return {}
    day = cutoff.isoformat()
    return {f.key: f.published for f in reference.published_figures()
            if f.cutoff == day and f.key and f.comparison == "exact"}


def _delta(previous: int, current: int) -> model.Delta:
    return model.Delta(previous=previous, current=current, change=current - previous,
                       change_share=(current - previous) / previous if previous else None)


def _from_published(delta: Optional[model.Delta], value: Any) -> Optional[model.Delta]:
    if delta is None or value is None:
        return delta
    return _delta(int(value), delta.current)


def apply(stats: "Statistics", earlier: "Statistics") -> "Statistics":
    """`stats` with its change measured from the published figures of its previous cutoff, and the drift: every
    published figure of that cutoff the current workbook (`earlier`: computed at that cutoff) gives otherwise."""
    figures = published(stats.previous_cutoff)
    if not figures:
        return stats
    change = stats.change
    update = {name: _from_published(getattr(change, name), figures.get(key)) for name, key in CHANGE_FROM.items()}
    chapters = {c: model.ChapterChange(states=_from_published(v.states, figures.get(f"by_chapter.{c}.states")),
                                       needs=_from_published(v.needs, figures.get(f"by_chapter.{c}.needs")))
                for c, v in change.by_chapter.items()}
    found = []
    for key, value in figures.items():
        try:
            workbook = earlier.value(key)
        except KeyError:
            continue
        if workbook != value:
            found.append(model.Drift(key=key, cutoff=stats.previous_cutoff, published=value, workbook=workbook))
    return stats.model_copy(update={"change": change.model_copy(update={**update, "by_chapter": chapters}),
                                    "drift": found or None})


def drifted(stats: "Statistics") -> set[str]:
    """The change figures that start from a published figure the current workbook gives otherwise."""
    keys = {d.key for d in stats.drift or []}
    out = set()
    for name, key in CHANGE_FROM.items():
        if key in keys:
            out |= {f"change.{name}.{p}" for p in ("previous", "change", "change_share")}
    for key in keys:
        if key.startswith("by_chapter.") and key.count(".") == 2:
            out |= {f"change.{key}.{p}" for p in ("previous", "change", "change_share")}
    return out
