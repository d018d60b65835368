"""The statistics as tables: for statistics.xlsx, the report's annex and the data behind each figure.

A table's label cells (names of chapters, categories, groups, articles …) hold one text per
language; its numbers are the same in every language. Column headings and titles come from the
language catalogs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from uncac_needs.statistics.model import Statistics
from uncac_needs.vocabulary import i18n, reference


@dataclass(frozen=True)
class Column:
    key: str
    kind: str        # label (text per language) | int | share | text (one text for all languages)


@dataclass
class Table:
    code: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)

    def title(self, lang: str) -> str:
        return i18n.label(lang, f"tables.{self.code}")

    @staticmethod
    def heading(column: Column, lang: str) -> str:
        return i18n.label(lang, f"columns.{column.key}")


Labels = Callable[[Callable[[str], str]], dict[str, str]]


def _table(code: str, spec: list[tuple[str, str]]) -> Table:
    return Table(code, [Column(k, kind) for k, kind in spec])


def _chapter_columns(chapters) -> list[tuple[str, str]]:
    return [(f"chapter_{c.lower()}", "int") for c in chapters]


def _overview(stats: Statistics, L: Labels) -> list[Table]:
    t = _table("overview", [("measure", "label"), ("current", "int")])
    for key in ("states_completed", "states_with_needs", "needs"):
        t.rows.append({"measure": L(lambda lang, k=key: i18n.label(lang, f"measures.{k}")),
                       "current": getattr(stats.overview, key)})
    return [t]


def _change(stats: Statistics, L: Labels) -> list[Table]:
    if stats.previous_cutoff is None:
        return []
    t = _table("change", [("measure", "label"), ("previous", "int"), ("current", "int"), ("change", "int"),
                          ("change_share", "share")])
    change = stats.change
    items = [(k, getattr(change, k)) for k in ("states_completed", "states_with_needs", "needs")]
    items += [(f"{what}_{c}", getattr(change.by_chapter[c], what)) for what in ("states", "needs")
              for c in stats.by_chapter]
    for key, delta in items:
        t.rows.append({"measure": L(lambda lang, k=key: i18n.label(lang, f"measures.{k}")), **delta.model_dump()})
    return [t]


def _by_chapter(stats: Statistics, L: Labels) -> list[Table]:
    t = _table("by_chapter", [("chapter", "label"), ("chapter_title", "label"), ("needs", "int"), ("share", "share"),
                              ("states", "int"), ("needs_without_article", "int")])
    for c, v in stats.by_chapter.items():
        t.rows.append({"chapter": L(lambda lang, c=c: i18n.term("chapters", c, lang)),
                       "chapter_title": L(lambda lang, c=c: i18n.term("chapter_titles", c, lang)),
                       "needs": v.needs, "share": v.share, "states": v.states,
                       "needs_without_article": v.needs_without_article})
    return [t]


def _by_category(stats: Statistics, L: Labels) -> list[Table]:
    t = _table("by_category", [("category", "label"), ("needs", "int"), ("share", "share"),
                               *_chapter_columns(stats.by_chapter), ("states", "int")])
    for code, v in stats.by_category.items():
        t.rows.append({"category": L(lambda lang, c=code: i18n.term("categories", c, lang)), "needs": v.needs,
                       "share": v.share, **{f"chapter_{c.lower()}": n for c, n in v.by_chapter.items()},
                       "states": v.states})
    return [t]


def shown_regions(stats: Statistics) -> dict[str, Any]:
    """The regions a table or a figure shows: every United Nations regional group, and the States in no group
    only when there are some."""
    regions = reference.regions()
    return {code: v for code, v in stats.by_region.items() if v.states_completed or regions[code].un_group}


def _by_region(stats: Statistics, L: Labels) -> list[Table]:
    last = list(stats.by_chapter)[-1]
    t = _table("by_region", [("region", "label"), ("states_completed", "int"), ("states_completed_share", "share"),
                             ("states_with_needs", "int"), ("needs", "int"), ("needs_share", "share"),
                             *_chapter_columns(stats.by_chapter), (f"chapter_{last.lower()}_share", "share")])
    for code, v in shown_regions(stats).items():       # (the States in no group are the last row)
        t.rows.append({"region": L(lambda lang, c=code: i18n.term("regions", c, lang)),
                       "states_completed": v.states_completed, "states_completed_share": v.states_completed_share,
                       "states_with_needs": v.states_with_needs, "needs": v.needs, "needs_share": v.needs_share,
                       **{f"chapter_{c.lower()}": n for c, n in v.by_chapter.items()},
                       # a share of no needs is none ("–"), not 0%
                       f"chapter_{last.lower()}_share": v.by_chapter_share[last] if v.needs else None})
    return [t]


def _articles(stats: Statistics, L: Labels) -> list[Table]:
    tables = []
    for chapter in stats.by_chapter:
        t = _table(f"articles_{chapter.lower()}", [("article", "label"), ("article_title", "label"),
                                                     ("needs", "int"), ("states", "int")])
        for a, v in stats.articles.items():
            if v.chapter == chapter:
                t.rows.append({"article": L(lambda lang, a=int(a): i18n.article_name(a, lang, capital=True)),
                               "article_title": L(lambda lang, a=a: i18n.term("article_titles", a, lang)),
                               "needs": v.needs, "states": v.states})
        tables.append(t)
        if len(tables) == 1:
            tables += _groups_ii(stats, L)      # the first chapter's sections follow its articles
    return tables


def _groups_ii(stats: Statistics, L: Labels) -> list[Table]:
    g = _table("groups_ii", [("group", "label"), ("needs", "int"), ("share_chapter_ii", "share"), ("states", "int")])
    for v in stats.chapter_ii.groups.values():
        g.rows.append({"group": L(lambda lang, arts=v.articles: i18n.article_list(arts, lang, capital=True)),
                       "needs": v.needs, "share_chapter_ii": v.share, "states": v.states})
    return [g]


def _categories_v(stats: Statistics, L: Labels) -> list[Table]:
    t = _table("categories_v", [("category", "label"), ("needs", "int"), ("states", "int")])
    for code, v in stats.chapter_v.by_category.items():
        t.rows.append({"category": L(lambda lang, c=code: i18n.term("categories", c, lang)), **v.model_dump()})
    return [t]


def _combined(stats: Statistics, L: Labels) -> list[Table]:
    t = _table("combined", [("articles", "label"), ("needs", "int"), ("states", "int"), ("share_chapter_v", "share"),
                            ("share_all", "share")])
    for v in stats.combined.values():
        t.rows.append({"articles": L(lambda lang, v=v: i18n.article_list(v.articles, lang, capital=True)),
                       "needs": v.needs, "states": v.states, "share_chapter_v": v.share_chapter_v,
                       "share_all": v.share_all})
    return [t]


def _subcategories(stats: Statistics, L: Labels) -> list[Table]:
    t = _table("subcategories", [("subcategory", "label"), ("needs", "int"), ("share_of_cb", "share")])
    for code, v in stats.capacity_building.subcategories.items():
        t.rows.append({"subcategory": L(lambda lang, c=code: i18n.term("subcategories", c, lang)),
                       "needs": v.needs, "share_of_cb": v.share})
    return [t]


def _cleaning(stats: Statistics, L: Labels) -> list[Table]:
    if stats.cleaning is None:
        return []
    t = _table("cleaning", [("sheet", "label"), ("rows_read", "int"), ("rows_kept", "int"),
                            ("rows_corrected", "int"), ("duplicates", "int"), ("rows_rejected", "int")])
    for role, v in stats.cleaning.items():
        t.rows.append({"sheet": L(lambda lang, r=role: i18n.label(lang, f"sheets.{r}")), **v.model_dump()})
    return [t]


#: the tables, in the order of the note
_BUILDERS = (_overview, _change, _by_chapter, _by_category, _by_region, _articles, _categories_v, _combined,
             _subcategories, _cleaning)


def build(stats: Statistics, langs: tuple[str, ...] = ("en", "zh")) -> list[Table]:
    """Every table of the statistics, in the order of the note; label cells in each language of `langs`."""
    def L(make: Callable[[str], str]) -> dict[str, str]:
        return {lang: make(lang) for lang in langs}

    tables = [t for builder in _BUILDERS for t in builder(stats, L)]
    if stats.reconciliation:
        tables.append(_reconciliation(stats, L))
    return tables


def _is_share(figure: reference.PublishedFigure) -> bool:
    """A percentage figure, or an "about"/"range" one whose bounds are fractions (its bounds are always given:
    reference.PublishedFigure checks it)."""
    return figure.comparison == "percent" or (figure.comparison in ("about", "range") and figure.high <= 1)


def _value(figure: reference.PublishedFigure, value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return i18n.label(lang, f"reconciliation.{'yes' if value else 'no'}")     # a fact, not a status
    if _is_share(figure):
        # a share prints as a percentage, a bound of 0 and a growth of 150% included
        return i18n.percent(value, lang, digits=0 if figure.comparison == "percent" else 1)
    return i18n.number(value, lang)


def _bound(figure: reference.PublishedFigure, value: float, lang: str) -> str:
    """A bound of a range as the rule reads it: a share with as many decimals as it holds (one at least, four
    at most): 0.0999 prints 9.99%, never 10.0%, which the rule excludes."""
    if not _is_share(figure):
        return _value(figure, value, lang)
    digits = next((d for d in (1, 2, 3) if abs(value * 100 - round(value * 100, d)) < 1e-9), 4)
    return i18n.percent(value, lang, digits=digits)


def _published(figure: reference.PublishedFigure, lang: str) -> str:
    if figure.comparison in ("about", "range"):
        return f"{_bound(figure, figure.low, lang)} – {_bound(figure, figure.high, lang)}"
    if figure.published is None:
        return "–"
    return _value(figure, figure.published, lang)


def statement(figure: reference.PublishedFigure, lang: str) -> str:
    """What the note states, in the language (catalog `published_figures.<id>`, else the table's English)."""
    return i18n.labels(lang).get("published_figures", {}).get(figure.id, figure.statement)


def _growth_method(key: str, stats: Statistics, lang: str) -> str:
    """How the project measures a growth figure, with its own numbers."""
    delta = stats.value(key.rsplit(".", 1)[0])
    if delta is None or delta.change_share is None:
        return ""
    return i18n.label(lang, "reconciliation.growth_method").format(
        previous=i18n.number(delta.previous, lang), current=i18n.number(delta.current, lang),
        computed=i18n.percent(delta.change_share, lang))


def _reconciliation(stats: Statistics, L: Labels) -> Table:
    t = _table("reconciliation", [("figure", "text"), ("statement", "label"), ("published", "label"),
                                  ("computed", "label"), ("status", "label"), ("source", "label"),
                                  ("paragraph", "text"), ("explanation", "label")])
    for c in stats.reconciliation or []:
        f = c.figure

        def explain(lang: str, c=c) -> str:
            parts = []
            if c.figure.key and c.figure.key.endswith(".change_share"):
                parts.append(_growth_method(c.figure.key, stats, lang))
            if c.impossible is not None:
                parts.append(c.impossible.explain(lang))
            if c.status == "not computed":
                reason = "not_computed" if c.figure.key is None else \
                    "no_previous" if stats.parameters.previous_cutoff_date is None else "no_value"
                parts.append(i18n.label(lang, f"reconciliation.{reason}"))
            return i18n.label(lang, "reconciliation.separator").join(p for p in parts if p)

        t.rows.append({
            "figure": f.id, "statement": L(lambda lang, f=f: statement(f, lang)),
            "published": L(lambda lang, f=f, c=c: _value(f, bool(f.published), lang) if isinstance(c.computed, bool)
                           else _published(f, lang)),
            "computed": L(lambda lang, c=c: _value(c.figure, c.computed, lang)),
            "status": L(lambda lang, c=c: i18n.label(lang, f"reconciliation.status.{c.status}")),
            "source": L(lambda lang, f=f: i18n.labels(lang)["sources"].get(f.source, f.source)),
            "paragraph": f.paragraph, "explanation": L(explain),
        })
    return t
