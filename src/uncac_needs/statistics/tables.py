"""The statistics as tables: for statistics.xlsx, the report's annex and the data behind each figure.

A table's label cells (names of chapters, categories, groups, articles …) hold one text per
language; its numbers are the same in every language. Column headings and titles come from the
language catalogs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from uncac_needs.vocabulary import i18n
from uncac_needs.vocabulary import reference
from uncac_needs.statistics.reconcile import Check

CHAPTERS = ("II", "V")


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


def _labels(langs: tuple[str, ...], make: Callable[[str], str]) -> dict[str, str]:
    return {lang: make(lang) for lang in langs}


def _table(code: str, spec: list[tuple[str, str]]) -> Table:
    return Table(code, [Column(k, kind) for k, kind in spec])


def build(stats: dict[str, Any], checks: list[Check] | None = None,
          langs: tuple[str, ...] = ("en", "zh")) -> list[Table]:
    """Every table of the statistics, in the order of the note."""
    L = lambda make: _labels(langs, make)  # noqa: E731
    tables: list[Table] = []

    t = _table("overview", [("measure", "label"), ("current", "int")])
    for key in ("states_completed", "states_with_needs", "needs"):
        t.rows.append({"measure": L(lambda lang, k=key: i18n.label(lang, f"measures.{k}")),
                       "current": stats["overview"][key]})
    tables.append(t)

    if stats["parameters"]["previous_cutoff_date"]:
        t = _table("change", [("measure", "label"), ("previous", "int"), ("current", "int"), ("change", "int"),
                              ("change_share", "share")])
        change = stats["change"]
        items = [(k, change[k]) for k in ("states_completed", "states_with_needs", "needs")]
        items += [(f"{what}_{c}", change["by_chapter"][c][what]) for what in ("states", "needs") for c in CHAPTERS]
        for key, delta in items:
            t.rows.append({"measure": L(lambda lang, k=key: i18n.label(lang, f"measures.{k}")), **delta})
        tables.append(t)

    t = _table("by_chapter", [("chapter", "label"), ("chapter_title", "label"), ("needs", "int"), ("share", "share"),
                              ("states", "int")])
    for c in CHAPTERS:
        v = stats["by_chapter"][c]
        t.rows.append({"chapter": L(lambda lang, c=c: i18n.term("chapters", c, lang)),
                       "chapter_title": L(lambda lang, c=c: i18n.term("chapter_titles", c, lang)),
                       "needs": v["needs"], "share": v["share"], "states": v["states"]})
    tables.append(t)

    t = _table("by_category", [("category", "label"), ("needs", "int"), ("share", "share"), ("chapter_ii", "int"),
                               ("chapter_v", "int"), ("states", "int")])
    for code, v in stats["by_category"].items():
        t.rows.append({"category": L(lambda lang, c=code: i18n.term("categories", c, lang)), "needs": v["needs"],
                       "share": v["share"], "chapter_ii": v["by_chapter"]["II"], "chapter_v": v["by_chapter"]["V"],
                       "states": v["states"]})
    tables.append(t)

    t = _table("by_region", [("region", "label"), ("states_completed", "int"), ("states_completed_share", "share"),
                             ("states_with_needs", "int"), ("needs", "int"), ("needs_share", "share"),
                             ("chapter_ii", "int"), ("chapter_v", "int"), ("chapter_v_share", "share")])
    for code, v in stats["by_region"].items():
        t.rows.append({"region": L(lambda lang, c=code: i18n.term("regions", c, lang)),
                       "states_completed": v["states_completed"], "states_completed_share": v["states_completed_share"],
                       "states_with_needs": v["states_with_needs"], "needs": v["needs"], "needs_share": v["needs_share"],
                       "chapter_ii": v["by_chapter"]["II"], "chapter_v": v["by_chapter"]["V"],
                       "chapter_v_share": v["by_chapter_share"]["V"]})
    tables.append(t)

    for code, chapter in (("articles_ii", "II"), ("articles_v", "V")):
        t = _table(code, [("article", "label"), ("article_title", "label"), ("needs", "int"), ("states", "int")])
        for a, v in stats["articles"].items():
            if v["chapter"] != chapter:
                continue
            t.rows.append({"article": L(lambda lang, a=int(a): i18n.article_name(a, lang, capital=True)),
                           "article_title": L(lambda lang, a=a: i18n.term("article_titles", a, lang)),
                           "needs": v["needs"], "states": v["states"]})
        tables.append(t)
        if chapter == "II":
            g = _table("groups_ii", [("group", "label"), ("needs", "int"), ("share_chapter_ii", "share"),
                                     ("states", "int")])
            for v in stats["chapter_ii"]["groups"].values():
                g.rows.append({"group": L(lambda lang, arts=v["articles"]: i18n.article_list(arts, lang, capital=True)),
                               "needs": v["needs"], "share_chapter_ii": v["share"], "states": v["states"]})
            tables.append(g)

    t = _table("categories_v", [("category", "label"), ("needs", "int"), ("states", "int")])
    for code, v in stats["chapter_v"]["by_category"].items():
        t.rows.append({"category": L(lambda lang, c=code: i18n.term("categories", c, lang)), **v})
    tables.append(t)

    t = _table("combined", [("articles", "label"), ("needs", "int"), ("states", "int"), ("share_chapter_v", "share"),
                            ("share_all", "share")])
    v = stats["combined"]["art14_52"]
    t.rows.append({"articles": L(lambda lang: i18n.article_list(v["articles"], lang, capital=True)),
                   "needs": v["needs"], "states": v["states"], "share_chapter_v": v["share_chapter_v"],
                   "share_all": v["share_all"]})
    tables.append(t)

    t = _table("subcategories", [("subcategory", "label"), ("needs", "int"), ("share_of_cb", "share")])
    for code, v in stats["capacity_building"]["subcategories"].items():
        t.rows.append({"subcategory": L(lambda lang, c=code: i18n.term("subcategories", c, lang)),
                       "needs": v["needs"], "share_of_cb": v["share"]})
    tables.append(t)

    if "cleaning" in stats:
        t = _table("cleaning", [("sheet", "label"), ("rows_read", "int"), ("rows_kept", "int"),
                                ("rows_corrected", "int"), ("duplicates", "int"), ("rows_rejected", "int")])
        for role, v in stats["cleaning"].items():
            t.rows.append({"sheet": L(lambda lang, r=role: i18n.label(lang, f"sheets.{r}")), **v})
        tables.append(t)

    if checks:
        tables.append(_reconciliation(checks, stats, langs))
    return tables


def _value(figure: reference.PublishedFigure, value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return i18n.label(lang, "reconciliation.status.match") if value else "–"
    if figure.comparison in ("percent", "about", "range") and isinstance(value, float) and value <= 1 and \
            (figure.comparison == "percent" or (figure.high or 0) <= 1):
        return i18n.percent(value, lang, digits=1 if figure.comparison != "percent" else 0)
    return i18n.number(value, lang)


def _published(figure: reference.PublishedFigure, lang: str) -> str:
    if figure.comparison in ("about", "range"):
        return f"{_value(figure, figure.low, lang)} – {_value(figure, figure.high, lang)}"
    if figure.published is None:
        return "–"
    return _value(figure, figure.published, lang)


def statement(figure: reference.PublishedFigure, lang: str) -> str:
    """What the note states, in the language (catalog `published_figures.<id>`, else the table's English)."""
    return i18n.labels(lang).get("published_figures", {}).get(figure.id, figure.statement)


def _growth_method(key: str, stats: dict[str, Any], lang: str) -> str:
    """How the project measures a growth figure, with its own numbers."""
    from uncac_needs.statistics import lookup

    delta = lookup(stats, key.rsplit(".", 1)[0])
    if delta is None or delta["change_share"] is None:
        return ""
    return i18n.label(lang, "reconciliation.growth_method").format(
        previous=i18n.number(delta["previous"], lang), current=i18n.number(delta["current"], lang),
        computed=i18n.percent(delta["change_share"], lang))


def _reconciliation(checks: list[Check], stats: dict[str, Any], langs: tuple[str, ...]) -> Table:
    t = _table("reconciliation", [("figure", "text"), ("statement", "label"), ("published", "label"),
                                  ("computed", "label"), ("status", "label"), ("source", "label"),
                                  ("paragraph", "text"), ("explanation", "label")])
    for c in checks:
        f = c.figure

        def explain(lang: str, c=c) -> str:
            parts = []
            if c.figure.key and c.figure.key.endswith(".change_share"):
                parts.append(_growth_method(c.figure.key, stats, lang))
            if c.impossible is not None:
                parts.append(c.impossible.explain(lang))
            if c.status == "not computed":
                parts.append(i18n.label(lang, "reconciliation.not_computed"))
            return " ".join(p for p in parts if p)

        t.rows.append({
            "figure": f.id, "statement": _labels(langs, lambda lang, f=f: statement(f, lang)),
            "published": _labels(langs, lambda lang, f=f: _published(f, lang)),
            "computed": _labels(langs, lambda lang, c=c: _value(c.figure, c.computed, lang)),
            "status": _labels(langs, lambda lang, c=c: i18n.label(lang, f"reconciliation.status.{c.status}")),
            "source": _labels(langs, lambda lang, f=f: i18n.labels(lang).get("sources", {}).get(f.source, f.source)),
            "paragraph": f.paragraph, "explanation": _labels(langs, explain),
        })
    return t
