"""The computed figures set against the figures the published notes state.

Each published figure (data/reference/published_figures.csv) is compared the way the text states
it: `exact` counts must be equal; `percent` shares must round to the stated whole percent;
`about` and `range` figures, stated in words ('about 10', 'more than half'), must fall within the
bounds written beside them; `descriptive` figures depend on the content of the need descriptions
and are not computed. Some published figures cannot hold together with the others: `impossible`
finds them from the published figures alone, and says why.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from uncac_needs.vocabulary import i18n, reference

if TYPE_CHECKING:
    from uncac_needs.statistics.model import Statistics


@dataclass(frozen=True)
class Check:
    figure: reference.PublishedFigure
    computed: Any
    status: str          # match | differs | not computed
    impossible: Impossible | None   # why the figure cannot be met, where the published figures show it

    @property
    def ok(self) -> bool:
        return self.status != "differs"


def whole_percent(share: float) -> int:
    return int(i18n.rounded_percent(share))


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


@dataclass(frozen=True)
class Impossible:
    """A published growth rate that the published counts rule out."""

    chapter: str
    cutoff: str
    previous_cutoff: str
    current: int          # States with needs in the chapter at the cutoff (published)
    ceiling: int          # States with any needs at the previous cutoff (published)
    published: float

    @property
    def least(self) -> float:
        return self.current / self.ceiling - 1

    def explain(self, lang: str = "en") -> str:
        return i18n.label(lang, "reconciliation.growth_impossible").format(
            chapter=self.chapter, chapter_name=i18n.term("chapters", self.chapter, lang),
            cutoff=i18n.date(self.cutoff, lang), previous_cutoff=i18n.date(self.previous_cutoff, lang),
            current=i18n.number(self.current, lang), ceiling=i18n.number(self.ceiling, lang),
            least=i18n.percent(self.least, lang), published=i18n.percent(self.published, lang),
        )


def impossible() -> dict[str, Impossible]:
    """Published figures that contradict other published figures.

    A growth in the number of States with needs in a chapter is measured from the previous
    analysis: the previous count cannot exceed the States with needs stated for that analysis,
    so the growth cannot be below current / that number − 1.
    """
    found: dict[str, Impossible] = {}
    cutoffs = reference.published_cutoffs()
    for f in reference.published_figures():
        if not (f.key and f.key.startswith("change.by_chapter.") and f.key.endswith(".states.change_share")):
            continue
        chapter = f.key.split(".")[2]
        earlier = [c for c in cutoffs if c < f.cutoff]
        if not earlier:
            continue
        current = _published_value(f.cutoff, f"by_chapter.{chapter}.states")
        ceiling = _published_value(earlier[-1], "overview.states_with_needs")
        if current is None or ceiling is None:
            continue
        case = Impossible(chapter, f.cutoff, earlier[-1], int(current), int(ceiling), f.published)
        if whole_percent(case.least) > whole_percent(f.published):
            found[f.id] = case
    return found


def reconcile(stats: Statistics) -> list[Check]:
    """Every published figure for the statistics' cutoff, with the computed value beside it."""
    cutoff = stats.cutoff.isoformat()
    known = impossible()
    checks = []
    for f in reference.published_figures():
        if f.cutoff != cutoff:
            continue
        if f.key is None:
            checks.append(Check(f, None, "not computed", None))
            continue
        try:
            computed = stats.value(f.key)
        except KeyError:
            computed = None
        # nothing computed (a change with no previous cutoff to count from) is not computed, never "differs"
        status = "not computed" if computed is None else "match" if matches(f, computed) else "differs"
        checks.append(Check(f, computed, status, known.get(f.id)))
    return checks


def as_records(checks: list[Check]) -> list[dict[str, Any]]:
    """The reconciliation for statistics.json: one record a published figure."""
    return [{
        "id": c.figure.id, "key": c.figure.key, "comparison": c.figure.comparison, "published": c.figure.published,
        "low": c.figure.low, "high": c.figure.high, "computed": c.computed, "status": c.status,
        "impossible": c.impossible is not None, "source": c.figure.source, "paragraph": c.figure.paragraph,
    } for c in checks]


def from_records(records: list[dict[str, Any]]) -> list[Check]:
    """The reconciliation read back from statistics.json: each record's figure from data/reference."""
    figures = {f.id: f for f in reference.published_figures()}
    known = impossible()
    return [Check(figures[r["id"]], r["computed"], r["status"], known.get(r["id"]) if r["impossible"] else None)
            for r in records]
