"""The phrases the paragraph templates call: numbers, shares, dates, rankings and lists in one language.

Every number is formatted by Babel (uncac_needs.vocabulary.i18n); every word comes from the language's
catalog (`phrases`, `plurals`, `names`). Nothing here writes HTML: the templates place the text.
"""
from __future__ import annotations

from typing import Any, Mapping

from uncac_needs.statistics.model import Delta, Statistics
from uncac_needs.vocabulary import i18n


class Wording:
    """The statistics put into words in `lang`."""

    def __init__(self, stats: Statistics, lang: str):
        self.stats, self.lang = stats, lang

    def label(self, key: str) -> Any:
        return i18n.label(self.lang, key)

    def n(self, value: int | float) -> str:
        return i18n.number(value, self.lang)

    def pct(self, share: float | None, digits: int = 0) -> str:
        """A share as a percentage; a share that would round to 0 but is not zero keeps a decimal."""
        if share is None:
            return "–"
        if digits == 0 and 0 < share < 0.005:
            digits = 1
        return i18n.percent(share, self.lang, digits)

    def date(self, day, style: str = "long") -> str:
        return i18n.date(day, self.lang, style)

    def month(self, day) -> str:
        return self.date(day, "month")

    def plural(self, key: str, count: int) -> str:
        return i18n.plural(key, count, self.lang)

    def term(self, kind: str, code: str) -> str:
        return i18n.term(kind, code, self.lang)

    def category(self, code: str) -> str:
        return self.term("categories", code)

    def region(self, code: str) -> str:
        return self.term("regions", code)

    def chapter(self, code: str) -> str:
        return self.term("chapters", code)

    def article(self, number: int | str, capital: bool = False) -> str:
        return i18n.article_name(int(number), self.lang, capital)

    def articles(self, numbers, capital: bool = False) -> str:
        return i18n.article_list([int(a) for a in numbers], self.lang, capital)

    def join(self, items: list[str]) -> str:
        return i18n.join(items, self.lang)

    def of_states(self, part: int, total: int) -> str:
        """'3 of the 4 States', 'all 4 States', 'the one State', 'none of the 4 States'."""
        phrases = self.label("phrases.of_states")
        if part == 0:
            key = "none"
        elif part == total:
            key = "all_one" if total == 1 else "all"
        else:
            key = "some"
        return phrases[key].format(part=self.n(part), total=self.n(total))

    def change(self, delta: Delta | None, unit: str = "states") -> str:
        """'risen from 15 to 23 (53%)'; for needs the catalog may word it otherwise (phrases.change_needs)."""
        if not delta:
            return ""
        phrases = self.label("phrases").get(f"change_{unit}") or self.label("phrases.change")
        if delta.previous == 0 and delta.current > 0:
            key = "from_zero"
        elif delta.change > 0:
            key = "up"
        elif delta.change < 0:
            key = "down"
        else:
            key = "same"
        share = abs(delta.change_share) if delta.change_share is not None else 0
        return phrases[key].format(previous=self.n(delta.previous), current=self.n(delta.current),
                                   share=self.pct(share))

    def _places(self, chapter: str, limit: int) -> tuple[dict[int, Any], list[list[int]]]:
        """The chapter's articles with needs, and the places the ranking names: the first three, then one
        more place if it is shared by articles that still fit within `limit`."""
        arts = {int(a): v for a, v in self.stats.articles.items() if v.chapter == chapter and v.needs > 0}
        by_rank: dict[int, list[int]] = {}
        for a, v in sorted(arts.items(), key=lambda kv: (kv[1].rank, kv[0])):
            by_rank.setdefault(v.rank, []).append(a)
        groups: list[list[int]] = []
        taken = 0
        for rank in sorted(by_rank):
            group = by_rank[rank]
            if taken < 3:
                groups.append(group)
                taken += len(group)
            else:
                if len(group) > 1 and taken + len(group) <= limit and len(groups[-1]) == 1:
                    groups.append(group)
                break
        return arts, groups

    def ranking(self, chapter: str, limit: int = 5) -> str:
        """'article 5 (42 needs), article 7 (30) and article 9 (29), followed by articles 6 and 13 (28 each)'."""
        arts, groups = self._places(chapter, limit)
        phrases = self.label("phrases")
        texts = []
        for i, group in enumerate(groups):
            needs = arts[group[0]].needs
            if len(group) > 1:
                texts.append(phrases["rank_tie"].format(articles=self.articles(group), count=self.n(needs)))
            elif i == 0:
                texts.append(phrases["rank_first"].format(article=self.article(group[0]),
                                                          needs=self.plural("need", needs)))
            else:
                texts.append(phrases["rank_next"].format(article=self.article(group[0]), count=self.n(needs)))
        singles = [t for t, g in zip(texts, groups) if len(g) == 1]
        ties = [t for t, g in zip(texts, groups) if len(g) > 1]
        if singles and ties and len(groups[-1]) > 1 and all(len(g) == 1 for g in groups[:-1]):
            return phrases["followed_by"].format(first=self.join(singles), rest=self.join(ties))
        return self.join(texts)

    @staticmethod
    def top_categories(counts: Mapping[str, Any], k: int = 2) -> list[tuple[str, int]]:
        """The `k` categories with most needs (ties in the vocabulary's order), as (code, needs)."""
        order = list(counts)
        ranked = sorted(((c, v.needs) for c, v in counts.items() if v.needs > 0),
                        key=lambda cv: (-cv[1], order.index(cv[0])))
        return ranked[:k]

    def category_list(self, counts: Mapping[str, Any], with_states: bool = True) -> str:
        """'capacity-building (12 States, 30 needs), …': every category with needs, most first."""
        items = []
        for code, needs in self.top_categories(counts, k=len(counts)):
            if with_states:
                items.append(self.label("phrases.category_states").format(
                    category=self.category(code), states=self.plural("state", counts[code].states),
                    needs=self.plural("need", needs)))
            else:
                items.append(self.label("phrases.category_count").format(category=self.category(code),
                                                                         count=self.n(needs)))
        return self.join(items)

    def top_region(self) -> str:
        """The regional group with most completed executive summaries (the first of the vocabulary if tied)."""
        regions = self.stats.by_region
        return max(regions, key=lambda c: regions[c].states_completed)
