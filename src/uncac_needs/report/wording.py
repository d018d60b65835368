"""The phrases the paragraph templates call: numbers, shares, dates, rankings and lists in one language.

Every number is formatted by Babel (uncac_needs.vocabulary.i18n); every word comes from the language's
catalog (`phrases`, `plurals`, `number_words`, `prose_terms`). Nothing here writes HTML: the templates
place the text. The editorial rules the templates rely on (../shared/spec/report.md, "Editorial style"):
- whole numbers below ten in words where the catalog has words for them (`number_words`), unless a number
  of ten or more about the same thing stands beside them ("14, previously 9"): `num(value, *beside)`;
- shares in running text by the catalog's pattern (`phrases.percent`: "44 per cent"), in tables with "%";
- ties named as ties (`ranking`, `leaders`), never ranked;
- one rounding rule (i18n.rounded_percent), and one note where shares shown together do not add up to 100.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any, Iterable, Mapping

from uncac_needs.report import keyed, names
from uncac_needs.report.keyed import fmt, linked, plain
from uncac_needs.statistics.model import Delta, Statistics
from uncac_needs.vocabulary import i18n, reference

#: a group's share of the needs reads as "more" or "less" than its share of the summaries beyond these
NOTABLE_RATIO, NOTABLE_POINTS = 0.25, 0.05
#: a group's chapter V share reads as far from all States' beyond this
CHAPTER_V_GAP = 0.15


class Wording:
    """The statistics put into words in `lang`."""

    def __init__(self, stats: Statistics, lang: str):
        self.stats, self.lang = stats, lang
        self._rounding_noted = False
        self._rounding_by_theme: dict[str, bool] | None = None

    def label(self, key: str) -> Any:
        return i18n.label(self.lang, key)

    # ------------------------------------------------------------------ numbers
    def n(self, value: int | float) -> str:
        """A number in figures (tables, and where the templates want figures)."""
        return linked(i18n.number(value, self.lang), value)

    def num(self, value: int, *beside: int) -> str:
        """A count in running text: in words below ten (if the language has words for it and no count of
        ten or more about the same thing stands `beside` it), else in figures."""
        words = i18n.labels(self.lang).get("number_words") or []
        if all(isinstance(v, int) and 0 <= v < min(len(words), 10) for v in (value, *beside)):
            return linked(words[value], value)
        return self.n(value)

    def plural(self, key: str, count: int, *beside: int) -> str:
        """'one State', '3 States' beside 30, '17 States', '3个国家': the catalog's forms by Babel's rules."""
        forms = self.label(f"plurals.{key}")
        form = i18n.babel_locale(self.lang).plural_form(count)
        return linked((forms.get(form) or forms["other"]).format(n=self.num(plain(count), *beside)), count)

    def pct(self, share: float | None, digits: int = 0) -> str:
        """A share in running text ('44 per cent', '44%'); a share that would round to 0 keeps a decimal."""
        if share is None:
            return "–"
        digits = digits or names.share_digits(share)
        value = i18n.rounded_percent(share, digits)
        return linked(self.label("phrases.percent").format(value=i18n.number(value, self.lang)), share)

    def table_pct(self, share: float | None, digits: int = 1) -> str:
        """A share in a table or a chart: '43.8%'."""
        return "–" if share is None else i18n.percent(share, self.lang, digits)

    def date(self, day, style: str = "long") -> str:
        return i18n.date(day, self.lang, style)

    def month(self, day) -> str:
        return self.date(day, "month")

    # ------------------------------------------------------------------ names
    def term(self, kind: str, code: str) -> str:
        return i18n.term(kind, code, self.lang)

    def category(self, code: str) -> str:
        """A category as a sentence names it ('other forms of assistance' rather than 'other')."""
        return (self.label("prose_terms").get("categories") or {}).get(code) or self.term("categories", code)

    def region(self, code: str) -> str:
        return self.term("regions", code)

    def chapter(self, code: str) -> str:
        return self.term("chapters", code)

    def article(self, number: int | str, capital: bool = False) -> str:
        return i18n.article_name(int(number), self.lang, capital)

    def articles(self, numbers, capital: bool = False) -> str:
        return i18n.article_list([int(a) for a in numbers], self.lang, capital)

    def join(self, items: list[str]) -> str:
        return keyed.join(items, self.lang)

    def names(self, kind: str, codes: Iterable[str]) -> str:
        """Codes of a vocabulary named and joined: 'legislative assistance and institution-building'."""
        name = {"categories": self.category, "regions": self.region}.get(kind) or (lambda c: self.term(kind, c))
        return self.join([name(c) for c in codes])

    def is_group(self, code: str) -> bool:
        """Whether a region code is one of the United Nations regional groups (not 'no regional group')."""
        return bool(reference.regions()[code].un_group)

    # ------------------------------------------------------------------ phrases
    def of_states(self, part: int, total: int) -> str:
        """'3 of the 30 States', 'three of the four States', 'all 30 States', 'the one State', 'none of the …'."""
        phrases = self.label("phrases.of_states")
        if part == 0:
            key = "none"
        elif part == total:
            key = {1: "all_one", 2: "both"}.get(total, "all")
        else:
            key = "some"
        return fmt(phrases[key], part=self.num(part, total), total=self.num(total, part))

    def change(self, delta: Delta | None, unit: str = "states") -> str:
        """'risen from 15 to 23 (53 per cent)'; for needs the catalog may word it otherwise (change_needs)."""
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
        share = linked(self.pct(abs(delta.change_share) if delta.change_share is not None else 0), delta.change_share)
        return fmt(phrases[key], previous=self.num(delta.previous, delta.current),
                   current=self.num(delta.current, delta.previous), share=share)

    def _places(self, chapter: str, limit: int) -> tuple[dict[int, Any], list[list[int]]]:
        """The chapter's articles with needs, and the places the ranking names: the first three, then one
        more place if it is shared by articles that still fit within `limit`."""
        articles = keyed.View(self.stats.articles, "articles")      # counts that link to their rows
        arts = {int(a): v for a, v in articles.items() if v.chapter == chapter and v.needs > 0}
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
        return self._places_text([(self.articles(g), arts[g[0]].needs, len(g)) for g in groups])

    def leaders(self, counts: Mapping[str, Any], k: int = 2) -> str:
        """The first `k` places among categories, ties named as ties: 'capacity-building (34 needs), followed
        by legislative assistance (9)'; 'capacity-building and legislative assistance (three needs each)'."""
        places: list[tuple[list[str], int]] = []
        for code, needs in self.top_categories(counts, k=len(counts)):
            if places and places[-1][1] == needs:
                places[-1][0].append(code)
            elif len(places) < k:
                places.append(([code], needs))
            else:
                break
        return self._places_text([(self.join([self.category(c) for c in codes]), needs, len(codes))
                                  for codes, needs in places])

    def _places_text(self, places: list[tuple[str, int, int]]) -> str:
        """Places (name, needs, how many share it) as a ranking: the first with its unit, ties with 'each'."""
        phrases, counts = self.label("phrases"), [p[1] for p in places]
        texts = []
        for i, (name, needs, shared) in enumerate(places):
            needs = plain(needs) if shared > 1 else needs       # a tie's count is several figures: no link
            count = self.num(needs, *counts)
            if i == 0:
                key, unit = ("rank_first_tie" if shared > 1 else "rank_first"), self.plural("need", needs, *counts)
            else:
                key, unit = ("rank_tie" if shared > 1 else "rank_next"), count
            texts.append(fmt(phrases[key], name=name, needs=unit, count=count))
        if len(texts) > 1:       # a language may part the places otherwise than a list (a tie is itself a list)
            rest = keyed.joined(phrases["rank_separator"], texts[1:]) if phrases.get("rank_separator") \
                else self.join(texts[1:])
            return fmt(phrases["followed_by"], first=texts[0], rest=rest)
        return texts[0] if texts else ""

    @staticmethod
    def top_categories(counts: Mapping[str, Any], k: int = 2) -> list[tuple[str, int]]:
        """The `k` categories with most needs (ties in the vocabulary's order), as (code, needs)."""
        order = list(counts)
        ranked = sorted(((c, v.needs) for c, v in counts.items() if v.needs > 0),
                        key=lambda cv: (-cv[1], order.index(cv[0])))
        return ranked[:k]

    def category_list(self, counts: Mapping[str, Any], with_states: bool = True) -> str:
        """'capacity-building (14 States, 57 needs); …': every category with needs, most first, separated as
        the catalog says (category names may hold commas)."""
        ranked = self.top_categories(counts, k=len(counts))
        all_needs = [needs for _, needs in ranked]
        all_states = [counts[code].states for code, _ in ranked]
        items = []
        for code, needs in ranked:
            if with_states:
                items.append(fmt(self.label("phrases.category_states"), category=self.category(code),
                                 states=self.plural("state", counts[code].states, *all_states),
                                 needs=self.plural("need", needs, *all_needs)))
            else:
                items.append(fmt(self.label("phrases.category_count"), category=self.category(code),
                                 count=self.num(needs, *all_needs)))
        return self.series(items)

    def series(self, items: list[str]) -> str:
        """Items that may hold commas, as a list: 'a; b; and c' / 'a；b；c'."""
        if len(items) < 2:
            return items[0] if items else ""
        form = self.label("phrases.series")
        if len(items) == 2:
            return fmt(form["pair"], first=items[0], last=items[1])
        return fmt(form["last"], rest=keyed.joined(form["separator"], items[:-1]), last=items[-1])

    def top_regions(self) -> list[str]:
        """The United Nations regional groups that share the most completed executive summaries (the first is the
        template's `top_region`)."""
        regions = {c: r for c, r in self.stats.by_region.items() if self.is_group(c)}
        most = max(r.states_completed for r in regions.values())
        return [c for c, r in regions.items() if r.states_completed == most]

    def count_of(self, part: int, total: int) -> str:
        """How many of `total`: 'all', 'none' or the number ('23' of 30, 'three' of four)."""
        words = self.label("phrases.count_of")
        if part == total and total > 1:
            return linked(words["both" if total == 2 else "all"], part)
        if part == 0:
            return linked(words["none"], part)
        return self.num(part, total)

    # ------------------------------------------------------------------ readings
    def region_reading(self, code: str) -> SimpleNamespace:
        """How a group's figures read against all States': its share of the needs against its share of the
        summaries ('more', 'less', 'like'), and its chapter V share ('all', 'none', 'more', 'less', 'like')."""
        r, all_v = self.stats.by_region[code], self.stats.by_chapter["V"].share
        gap = r.needs_share - r.states_completed_share
        notable = abs(gap) >= NOTABLE_POINTS and abs(gap) >= NOTABLE_RATIO * r.states_completed_share
        compare = "like" if not notable else ("more" if gap > 0 else "less")
        v = r.by_chapter_share.get("V", 0) if r.needs else None
        if v is None:
            chapter_v = "nothing"
        elif v == 1 or v == 0:
            chapter_v = "all" if v == 1 else "none"
        elif abs(v - all_v) >= CHAPTER_V_GAP:
            chapter_v = "more" if v > all_v else "less"
        else:
            chapter_v = "like"
        return SimpleNamespace(compare=compare, chapter_v=chapter_v, group=self.is_group(code))

    def rounding_off(self, name: str) -> bool:
        """True, once in the report, where a set of shares of theme `name` shown together does not add up to
        100 once rounded (names.rounding, which the analyst's narrative reads too): the place of the rounding
        note."""
        if self._rounding_noted or not self._rounding()[name]:
            return False
        self._rounding_noted = True
        return True

    def _rounding(self) -> dict[str, bool]:
        if self._rounding_by_theme is None:
            self._rounding_by_theme = names.rounding(self.stats.as_dict())
        return self._rounding_by_theme

    def published_off(self, prefix: str) -> list[SimpleNamespace]:
        """The published figures of this session, under statistics key `prefix`, that the computed ones do
        not match: each with its published and computed share in words, for a pointer to the reconciliation."""
        out = []
        for check in self.stats.reconciliation or []:
            key = check.figure.key or ""
            if check.status == "differs" and key.startswith(prefix) and isinstance(check.computed, float):
                out.append(SimpleNamespace(key=key, published=self.pct(check.figure.published),
                                           computed=self.pct(check.computed)))
        return out
