"""What each figure of the note shows: its rows, read from the statistics, in the language's words.

One function a figure (I–VI). Each gives the rows to draw, the texts beside the bars, the items of
the alt text and the values its caption states. Articles stay in numeric order; chapters, categories,
regions and subcategories come in the order of their vocabulary, as in the annex's tables and
statistics.xlsx (a category stands in the same place in figures II and V and in every table).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from uncac_needs.figures.charts import flat, wrap
from uncac_needs.statistics import tables
from uncac_needs.vocabulary import i18n, reference

if TYPE_CHECKING:
    from uncac_needs.statistics.model import Statistics


@dataclass
class Content:
    """The rows of one figure: `data` (a label and the values a row), the bar labels, the alt text's items,
    the values the caption states and how the bars are drawn."""

    data: pd.DataFrame
    value_labels: list
    items: list[str]
    caption: dict[str, str]
    height: float
    keys: dict[str, str] = field(default_factory=dict)    # the key of statistics.json of each caption value
    xlabel: str = ""
    paired: bool = False


class _Words:
    """The language's formatting of the values a figure shows."""

    def __init__(self, lang: str):
        self.lang = lang

    def n(self, value: int) -> str:
        return i18n.number(value, self.lang)

    def pct(self, share: float) -> str:
        return i18n.percent(share, self.lang, 1 if 0 < share < 0.005 else 0)

    def value_share(self, value: int, share: float) -> str:
        return i18n.label(self.lang, "figures.value_share").format(value=self.n(value), share=self.pct(share))

    def axis(self, key: str) -> str:
        return i18n.label(self.lang, f"figures.axis.{key}")


def _single(rows: list[tuple[str, int, float]], words: _Words, height: float, axis: str,
            keys: dict[str, str] | None = None, names: list[str] | None = None, **caption: str) -> Content:
    """Bars of one value each, labelled with the value and its share; `names`: each bar's name in the alt
    text, where it differs from its label."""
    item = i18n.label(words.lang, "figures.alt_item")
    labels = [words.value_share(v, s) for _, v, s in rows]
    data = pd.DataFrame(rows, columns=["label", "value", "share"])
    return Content(data=data, value_labels=labels, height=height, xlabel=words.axis(axis), caption=caption,
                   keys=keys or {}, items=[item.format(label=name, value=text)
                          for name, text in zip(names or [flat(l) for l, _, _ in rows], labels)])


def _paired(entries: list[tuple[str, int, int]], words: _Words, height: float, keys: dict[str, str],
            **caption: str) -> Content:
    """Two bars a row: the needs and the number of States."""
    lang = words.lang
    data = pd.DataFrame(entries, columns=["label", "needs", "states"])
    pair = i18n.label(lang, "figures.alt_pair")
    items = [pair.format(label=flat(l), needs=i18n.plural("need", v, lang), states=i18n.plural("state", s, lang))
             for l, v, s in entries]
    return Content(data=data, value_labels=[[words.n(v) for _, v, _ in entries], [words.n(s) for _, _, s in entries]],
                   items=items, caption=caption, keys=keys, height=height, paired=True)


def figure_i(stats: Statistics, words: _Words) -> Content:
    lang = words.lang
    rows = [(f"{i18n.term('chapters', c, lang)}\n{wrap(i18n.term('chapter_titles', c, lang))}",
             stats.by_chapter[c].needs, stats.by_chapter[c].share) for c in reference.chapter_codes()]
    # the alt text names a chapter as a sentence does: "Chapter II (preventive measures)"
    alt = i18n.label(lang, "figures.alt_chapter")
    names = [alt.format(chapter=i18n.term("chapters", c, lang), title=i18n.term("chapter_titles", c, lang).lower())
             for c in reference.chapter_codes()]
    return _single(rows, words, 1.9, "needs", {"needs": "overview.needs"}, names,
                   needs=words.n(stats.overview.needs))


def figure_ii(stats: Statistics, words: _Words) -> Content:
    # the categories in the vocabulary's order, as in figure V and the tables (one order throughout)
    rows = [(wrap(i18n.term("categories", c, words.lang)), v.needs, v.share) for c, v in stats.by_category.items()]
    return _single(rows, words, 3.4, "needs", {"needs": "overview.needs"}, needs=words.n(stats.overview.needs))


def figure_iii(stats: Statistics, words: _Words) -> Content:
    rows = [(wrap(i18n.term("regions", c, words.lang)), v.states_completed, v.states_completed_share)
            for c, v in tables.shown_regions(stats).items()]
    return _single(rows, words, 3.0, "summaries", {"completed": "overview.states_completed"},
                   completed=words.n(stats.overview.states_completed))


def figure_iv(stats: Statistics, words: _Words) -> Content:
    chapter = reference.chapter_codes()[0]             # the first chapter's articles, in numeric order
    entries = [(i18n.article_name(int(a), words.lang, capital=True), v.needs, v.states)
               for a, v in stats.articles.items() if v.chapter == chapter]
    # the caption says how many of the chapter's needs cite no article: the bars need not add up to its total
    keys = {"needs": f"by_chapter.{chapter}.needs", "general": f"by_chapter.{chapter}.needs_without_article"}
    return _paired(entries, words, 3.6, keys, needs=words.n(stats.by_chapter[chapter].needs),
                   general=words.n(stats.by_chapter[chapter].needs_without_article))


def figure_v(stats: Statistics, words: _Words) -> Content:
    chapter = reference.chapter_codes()[-1]            # the last chapter's needs, by category
    entries = [(wrap(i18n.term("categories", c, words.lang), 22), v.needs, v.states)
               for c, v in stats.chapter_v.by_category.items()]
    return _paired(entries, words, 4.4, {"needs": f"by_chapter.{chapter}.needs"},
                   needs=words.n(stats.by_chapter[chapter].needs))


def figure_vi(stats: Statistics, words: _Words) -> Content:
    cb = stats.capacity_building
    rows = [(wrap(i18n.term("subcategories", c, words.lang), 30), v.needs, v.share)
            for c, v in cb.subcategories.items()]
    return _single(rows, words, 3.9, "needs", {"needs": "capacity_building.needs"}, needs=words.n(cb.needs))


#: the figures of the note, in order
CONTENT = {"I": figure_i, "II": figure_ii, "III": figure_iii, "IV": figure_iv, "V": figure_v, "VI": figure_vi}


def content(number: str, stats: Statistics, lang: str) -> Content:
    return CONTENT[number](stats, _Words(lang))
