"""The default content of each section of the note's body: its paragraphs, sub-headings and figures, in order.

An analyst's section file replaces a section's defaults and may take any default paragraph back by its
key (`{{ default.comparison }}`); docs/narrative.md lists the keys. A default that does not apply to the
statistics (growth with no previous cutoff, a regional group with no completed summary) is listed with
`present=False`: its key exists, and it inserts nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from uncac_needs.report.keyed import View
from uncac_needs.statistics import Statistics

#: the figures of each section, in their order
FIGURES = {"summary": (), "introduction": (), "needs": ("I", "II", "III"), "chapter_ii": ("IV",),
           "chapter_v": ("V",), "further_consideration": ("VI",)}


@dataclass(frozen=True)
class Slot:
    """A default piece of a section: kind 'paragraph' (from paragraphs.yaml: `template`), 'heading' (the label
    `template`) or 'figure' (`key` is the figure's number)."""

    kind: str
    key: str
    template: str = ""
    args: dict[str, Any] = field(default_factory=dict)
    anchor: str = ""
    present: bool = True


def _p(key: str, template: str | None = None, present: bool = True, **args: Any) -> Slot:
    return Slot("paragraph", key, template or key, args, present=present)


def _needs(stats: Statistics, has: Callable[[str], bool]) -> list[Slot]:
    slots = [_p("comparison"), Slot("figure", "I"), _p("chapters"),
             _p("growth", present=stats.previous_cutoff is not None), Slot("figure", "II"),
             _p("capacity_building"), _p("legislative"), _p("cross_cutting"), Slot("figure", "III"),
             _p("regions_intro")]
    for code, r in stats.by_region.items():
        slots.append(_p(f"region.{code}", "region", present=r.states_completed > 0, code=code,
                        r=View(r, f"by_region.{code}")))
    return slots


def _chapter_ii(stats: Statistics, has: Callable[[str], bool]) -> list[Slot]:
    slots = [_p("chapter_ii_overview"), Slot("figure", "IV")]
    for code, g in stats.chapter_ii.groups.items():
        slots.append(Slot("heading", f"heading.{code}", f"headings.groups.{code}", anchor=f"group-{code}"))
        template = f"group_{code}" if has(f"group_{code}") else "group"
        slots.append(_p(f"group.{code}", template, code=code, g=View(g, f"chapter_ii.groups.{code}")))
    return slots


def _chapter_v(stats: Statistics, has: Callable[[str], bool]) -> list[Slot]:
    return [Slot("figure", "V"), _p("chapter_v_overview"), _p("chapter_v_articles"), _p("chapter_v_categories"),
            Slot("heading", "heading.52", "headings.article_52", anchor="group-52"), _p("combined")]


_DEFAULTS: dict[str, Callable[[Statistics, Callable[[str], bool]], list[Slot]]] = {
    "summary": lambda stats, has: [_p("summary")],
    "introduction": lambda stats, has: [],
    "needs": _needs,
    "chapter_ii": _chapter_ii,
    "chapter_v": _chapter_v,
    "further_consideration": lambda stats, has: [Slot("figure", "VI")],
}


def defaults(section: str, stats: Statistics, has_paragraph: Callable[[str], bool]) -> list[Slot]:
    """The section's default pieces, in order; `has_paragraph(key)` says whether the language has a template."""
    return _DEFAULTS[section](stats, has_paragraph)


def default_keys(section: str, stats: Statistics, has_paragraph: Callable[[str], bool]) -> dict[str, Slot]:
    """The pieces a section file may take back with {{ default.<key> }}: paragraphs and headings."""
    return {s.key: s for s in defaults(section, stats, has_paragraph) if s.kind != "figure"}
