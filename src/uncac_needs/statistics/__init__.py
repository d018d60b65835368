"""Stage 3 — statistics: every figure of the note, for any cutoff date, computed once.

Counting rules (../shared/spec/input-workbook.md): a need is one cleaned row of the needs sheet;
totals count needs, never article mentions; a need citing several articles counts once in every
total and once under each article it cites; "States" means distinct States with at least one need
in that cell of the table; the cutoff selects the States whose summary is dated on or before it,
with all their needs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from uncac_needs.clean.result import Cleaned, Tables
from uncac_needs.vocabulary import reference

CHAPTERS = ("II", "V")
SUBCATEGORY_UNSPECIFIED = "unspecified"


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _as_timestamp(day: dt.date | str) -> pd.Timestamp:
    return pd.Timestamp(dt.date.fromisoformat(day) if isinstance(day, str) else day)


@dataclass(frozen=True)
class _Selection:
    reviews: pd.DataFrame
    needs: pd.DataFrame           # with regional_group
    mentions: pd.DataFrame        # need_key, article, state, chapter


def _select(tables: Tables, cutoff: dt.date | str) -> _Selection:
    reviews = tables.reviews[tables.reviews["summary_date"] <= _as_timestamp(cutoff)]
    groups = reviews.set_index("state")["regional_group"]
    needs = tables.needs[tables.needs["state"].isin(groups.index)]
    needs = needs.assign(regional_group=needs["state"].map(groups))
    by_key = needs.set_index("need_key")
    mentions = tables.need_articles[tables.need_articles["need_key"].isin(by_key.index)]
    mentions = mentions.assign(state=mentions["need_key"].map(by_key["state"]),
                               chapter=mentions["need_key"].map(by_key["chapter"]))
    return _Selection(reviews, needs, mentions)


def _count(frame: pd.DataFrame, by: str, index: list) -> pd.DataFrame:
    """needs and States per value of `by`, one row for every value of `index`, zeros included."""
    grouped = frame.groupby(by, observed=True).agg(needs=("state", "size"), states=("state", "nunique"))
    return grouped.reindex(index, fill_value=0).astype("int64")


def _ranks(needs: pd.Series) -> dict:
    """Competition ranking by needs, most first: ties share a rank (1, 2, 2, 4)."""
    return needs.rank(method="min", ascending=False).astype(int).to_dict()


def _overview(sel: _Selection) -> dict[str, int]:
    return {
        "states_completed": int(sel.reviews["state"].nunique()),
        "states_with_needs": int(sel.needs["state"].nunique()),
        "needs": int(len(sel.needs)),
    }


def _by_chapter(sel: _Selection) -> dict[str, dict]:
    total = len(sel.needs)
    table = _count(sel.needs, "chapter", list(CHAPTERS))
    return {c: {"needs": int(table.at[c, "needs"]), "states": int(table.at[c, "states"]),
                "share": _share(int(table.at[c, "needs"]), total)} for c in CHAPTERS}


def compute(cleaned: Cleaned, cutoff: dt.date | str, previous_cutoff: dt.date | str | None = None) -> dict[str, Any]:
    """All the figures of the note at `cutoff` (and the change since `previous_cutoff`)."""
    tables = cleaned.tables
    cleaning, reasons, suspect_dates = cleaned.counts, cleaned.reasons, cleaned.suspect_dates
    sel = _select(tables, cutoff)
    needs, mentions = sel.needs, sel.mentions
    total = len(needs)
    chapters = _by_chapter(sel)

    category_codes = reference.categories().codes
    cat = _count(needs, "category", category_codes)
    cat_chapter = pd.crosstab(needs["category"], needs["chapter"]).reindex(
        index=category_codes, columns=list(CHAPTERS), fill_value=0)
    cat_rank = _ranks(cat["needs"])
    by_category = {
        code: {
            "needs": int(cat.at[code, "needs"]), "share": _share(int(cat.at[code, "needs"]), total),
            "states": int(cat.at[code, "states"]), "rank": cat_rank[code],
            "by_chapter": {c: int(cat_chapter.at[code, c]) for c in CHAPTERS},
        }
        for code in category_codes
    }

    region_codes = reference.regions().codes
    completed = sel.reviews.groupby("regional_group").size().reindex(region_codes, fill_value=0)
    reg = _count(needs, "regional_group", region_codes)
    reg_chapter = pd.crosstab(needs["regional_group"], needs["chapter"]).reindex(
        index=region_codes, columns=list(CHAPTERS), fill_value=0)
    n_completed = len(sel.reviews)
    by_region = {}
    for code in region_codes:
        n = int(reg.at[code, "needs"])
        split = {c: int(reg_chapter.at[code, c]) for c in CHAPTERS}
        by_region[code] = {
            "states_completed": int(completed[code]),
            "states_completed_share": _share(int(completed[code]), n_completed),
            "states_with_needs": int(reg.at[code, "states"]),
            "needs": n, "needs_share": _share(n, total),
            "by_chapter": split,
            "by_chapter_share": {c: _share(split[c], n) for c in CHAPTERS},
        }

    article_numbers = list(reference.articles())
    art = _count(mentions, "article", article_numbers)
    articles: dict[str, dict] = {}
    for chapter in CHAPTERS:
        in_chapter = [a for a in article_numbers if reference.articles()[a].chapter == chapter]
        ranks = _ranks(art.loc[in_chapter, "needs"])
        for a in in_chapter:
            articles[str(a)] = {"needs": int(art.at[a, "needs"]), "states": int(art.at[a, "states"]),
                                "chapter": chapter, "rank": ranks[a]}

    def group_counts(numbers: tuple[int, ...]) -> tuple[int, int]:
        hit = mentions[mentions["article"].isin(numbers)].drop_duplicates("need_key")
        return len(hit), int(hit["state"].nunique())

    ch2_needs = chapters["II"]["needs"]
    category_of = needs.set_index("need_key")["category"]
    groups = {}
    for code, group in reference.article_groups().items():
        if group.chapter != "II":
            continue
        n, s = group_counts(group.articles)
        hit = mentions[mentions["article"].isin(group.articles)].drop_duplicates("need_key")
        hit = hit.assign(category=hit["need_key"].map(category_of))
        by_cat = _count(hit, "category", category_codes)
        groups[code] = {"articles": list(group.articles), "needs": n, "states": s, "share": _share(n, ch2_needs),
                        "by_category": {c: {"needs": int(by_cat.at[c, "needs"]), "states": int(by_cat.at[c, "states"])}
                                        for c in category_codes}}

    ch5 = needs[needs["chapter"] == "V"]
    ch5_cat = _count(ch5, "category", category_codes)
    chapter_v = {"by_category": {code: {"needs": int(ch5_cat.at[code, "needs"]), "states": int(ch5_cat.at[code, "states"])}
                                 for code in category_codes}}

    combined_numbers = reference.article_groups()["art14_52"].articles
    n, s = group_counts(combined_numbers)
    combined = {"art14_52": {
        "articles": list(combined_numbers), "needs": n, "states": s,
        "share_chapter_v": _share(n, chapters["V"]["needs"]), "share_all": _share(n, total),
        "exceeds_every_article": bool(n > max((v["needs"] for v in articles.values()), default=0)),
    }}

    cb = needs[needs["category"] == "capacity_building"]
    sub_codes = reference.subcategories().codes + [SUBCATEGORY_UNSPECIFIED]
    sub_counts = cb["subcategory"].fillna(SUBCATEGORY_UNSPECIFIED).value_counts().reindex(sub_codes, fill_value=0)
    capacity_building = {
        "needs": int(len(cb)),
        "states": int(cb["state"].nunique()),
        "subcategories": {code: {"needs": int(sub_counts[code]), "share": _share(int(sub_counts[code]), len(cb))}
                          for code in sub_codes},
    }

    per_need_articles = mentions.groupby("need_key").size()
    categories_per_state = needs.groupby("state")["category"].nunique()
    cross_cutting = {
        "multi_article_needs": int((per_need_articles > 1).sum()),
        "states_three_or_more_categories": int((categories_per_state >= 3).sum()),
        "states_one_category": int((categories_per_state == 1).sum()),
    }

    stats: dict[str, Any] = {
        "parameters": {
            "cutoff_date": _as_timestamp(cutoff).date().isoformat(),
            "previous_cutoff_date": None if previous_cutoff is None else _as_timestamp(previous_cutoff).date().isoformat(),
        },
        "overview": _overview(sel),
        "by_chapter": chapters,
        "by_category": by_category,
        "by_region": by_region,
        "articles": articles,
        "chapter_ii": {"groups": groups},
        "chapter_v": chapter_v,
        "combined": combined,
        "capacity_building": capacity_building,
        "cross_cutting": cross_cutting,
        "change": _change(tables, sel, previous_cutoff),
    }
    if cleaning is not None:
        stats["cleaning"] = cleaning
    if reasons is not None:
        stats["cleaning_reasons"] = reasons
    if suspect_dates is not None:       # summary dates later than the day of the cleaning: typing errors?
        stats["cleaning_suspect_dates"] = suspect_dates
    return stats


def _delta(previous: int, current: int) -> dict[str, Any]:
    return {"previous": previous, "current": current, "change": current - previous,
            "change_share": (current - previous) / previous if previous else None}


def _change(tables: Tables, current: _Selection, previous_cutoff: dt.date | str | None) -> dict[str, Any]:
    if previous_cutoff is None:
        return {"states_completed": None, "states_with_needs": None, "needs": None,
                "by_chapter": {c: {"states": None, "needs": None} for c in CHAPTERS}}
    before = _select(tables, previous_cutoff)
    now_o, then_o = _overview(current), _overview(before)
    now_c, then_c = _by_chapter(current), _by_chapter(before)
    return {
        "states_completed": _delta(then_o["states_completed"], now_o["states_completed"]),
        "states_with_needs": _delta(then_o["states_with_needs"], now_o["states_with_needs"]),
        "needs": _delta(then_o["needs"], now_o["needs"]),
        "by_chapter": {c: {"states": _delta(then_c[c]["states"], now_c[c]["states"]),
                           "needs": _delta(then_c[c]["needs"], now_c[c]["needs"])} for c in CHAPTERS},
    }


def lookup(stats: dict[str, Any], key: str) -> Any:
    """The value at a dotted key such as 'by_chapter.II.needs'; KeyError names the missing part."""
    node: Any = stats
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(key)
        node = node[part]
    return node
