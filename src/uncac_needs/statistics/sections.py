"""The figures of the note, one function per section of statistics.json.

Counting rules (../shared/spec/input-workbook.md): a need is one cleaned row of the needs sheet;
totals count needs, never article mentions; a need citing several articles counts once in every
total and once under each article it cites; a need citing articles of both chapters (the keepers'
'52/14') counts in the totals of the chapter its chapter cell names and under each article it cites, of
either chapter (a chapter V need citing 52/14 is in article 14's row and States, and in article group
14); "States" means distinct States with at least one need in that cell of the table; the cutoff
selects the States whose summary is dated on or before it, with all their needs. Chapters,
categories, groups and articles are those of data/reference/, in their order there.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from uncac_needs.clean.result import Tables
from uncac_needs.statistics import model
from uncac_needs.vocabulary import reference

#: capacity-building needs that name no subcategory
SUBCATEGORY_UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class Selection:
    """The reviews completed by a cutoff, with their needs and the articles those cite."""

    reviews: pd.DataFrame
    needs: pd.DataFrame           # with regional_group
    mentions: pd.DataFrame        # need_key, article, state


def select(tables: Tables, cutoff: dt.date) -> Selection:
    reviews = tables.reviews[tables.reviews["summary_date"] <= pd.Timestamp(cutoff)]
    groups = reviews.set_index("state")["regional_group"]
    needs = tables.needs[tables.needs["state"].isin(groups.index)]
    needs = needs.assign(regional_group=needs["state"].map(groups))
    by_key = needs.set_index("need_key")
    mentions = tables.need_articles[tables.need_articles["need_key"].isin(by_key.index)]
    mentions = mentions.assign(state=mentions["need_key"].map(by_key["state"]))
    return Selection(reviews, needs, mentions)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _count(frame: pd.DataFrame, by: str, index: list) -> pd.DataFrame:
    """needs and States per value of `by`, one row for every value of `index`, zeros included."""
    grouped = frame.groupby(by, observed=True).agg(needs=("state", "size"), states=("state", "nunique"))
    return grouped.reindex(index, fill_value=0).astype("int64")


def _counts(frame: pd.DataFrame, by: str, index: list) -> dict[str, model.Count]:
    table = _count(frame, by, index)
    return {code: model.Count(needs=int(table.at[code, "needs"]), states=int(table.at[code, "states"]))
            for code in index}


def _by_chapter_of(frame: pd.DataFrame, by: str, index: list) -> pd.DataFrame:
    chapters = list(reference.chapter_codes())
    return pd.crosstab(frame[by], frame["chapter"]).reindex(index=index, columns=chapters, fill_value=0)


def _ranks(needs: pd.Series) -> dict:
    """Competition ranking by needs, most first: ties share a rank (1, 2, 2, 4)."""
    return needs.rank(method="min", ascending=False).astype(int).to_dict()


def _mentioning(sel: Selection, numbers) -> pd.DataFrame:
    """The needs citing any of the articles `numbers`, once each."""
    return sel.mentions[sel.mentions["article"].isin(numbers)].drop_duplicates("need_key")


# --------------------------------------------------------------------------- II. the needs identified

def overview(sel: Selection) -> model.Overview:
    return model.Overview(states_completed=int(sel.reviews["state"].nunique()),
                          states_with_needs=int(sel.needs["state"].nunique()), needs=int(len(sel.needs)))


def by_chapter(sel: Selection) -> dict[str, model.ChapterCount]:
    chapters = list(reference.chapter_codes())
    table = _count(sel.needs, "chapter", chapters)
    general = sel.needs[~sel.needs["need_key"].isin(sel.mentions["need_key"])]
    without = general.groupby("chapter", observed=True).size().reindex(chapters, fill_value=0)
    return {c: model.ChapterCount(needs=int(table.at[c, "needs"]), states=int(table.at[c, "states"]),
                                  share=_share(int(table.at[c, "needs"]), len(sel.needs)),
                                  needs_without_article=int(without[c])) for c in chapters}


def by_category(sel: Selection) -> dict[str, model.CategoryCount]:
    codes = reference.categories().codes
    table = _count(sel.needs, "category", codes)
    split = _by_chapter_of(sel.needs, "category", codes)
    rank = _ranks(table["needs"])
    return {code: model.CategoryCount(
        needs=int(table.at[code, "needs"]), share=_share(int(table.at[code, "needs"]), len(sel.needs)),
        states=int(table.at[code, "states"]), rank=rank[code],
        by_chapter={c: int(split.at[code, c]) for c in split.columns}) for code in codes}


def by_region(sel: Selection) -> dict[str, model.RegionCount]:
    codes = reference.regions().codes
    completed = sel.reviews.groupby("regional_group").size().reindex(codes, fill_value=0)
    table = _count(sel.needs, "regional_group", codes)
    split = _by_chapter_of(sel.needs, "regional_group", codes)
    result = {}
    for code in codes:
        n = int(table.at[code, "needs"])
        chapters = {c: int(split.at[code, c]) for c in split.columns}
        result[code] = model.RegionCount(
            states_completed=int(completed[code]), states_completed_share=_share(int(completed[code]), len(sel.reviews)),
            states_with_needs=int(table.at[code, "states"]), needs=n, needs_share=_share(n, len(sel.needs)),
            by_chapter=chapters, by_chapter_share={c: _share(v, n) for c, v in chapters.items()})
    return result


def articles(sel: Selection) -> dict[str, model.ArticleCount]:
    numbers = list(reference.articles())
    table = _count(sel.mentions, "article", numbers)
    result: dict[str, model.ArticleCount] = {}
    for chapter in reference.chapter_codes():
        in_chapter = [a for a in numbers if reference.articles()[a].chapter == chapter]
        ranks = _ranks(table.loc[in_chapter, "needs"])
        for a in in_chapter:
            result[str(a)] = model.ArticleCount(needs=int(table.at[a, "needs"]), states=int(table.at[a, "states"]),
                                                chapter=chapter, rank=ranks[a])
    return result


# --------------------------------------------------------------------------- III. and IV. the two chapters

def chapter_groups(sel: Selection, chapter: str, chapter_needs: int) -> dict[str, model.ArticleGroupCount]:
    """The article groups of one chapter (article_groups.csv), with their categories.

    A group counts every need citing one of its articles, as the article rows do, whatever the need's chapter
    (a chapter V need citing 52/14 is in group 14); its share is of the chapter's needs.
    """
    codes = reference.categories().codes
    category_of = sel.needs.set_index("need_key")["category"]
    result = {}
    for code, group in reference.article_groups().items():
        if group.chapter != chapter:
            continue
        hit = _mentioning(sel, group.articles)
        hit = hit.assign(category=hit["need_key"].map(category_of))
        result[code] = model.ArticleGroupCount(
            articles=list(group.articles), needs=len(hit), states=int(hit["state"].nunique()),
            share=_share(len(hit), chapter_needs), by_category=_counts(hit, "category", codes))
    return result


def chapter_categories(sel: Selection, chapter: str) -> dict[str, model.Count]:
    return _counts(sel.needs[sel.needs["chapter"] == chapter], "category", reference.categories().codes)


def combined(sel: Selection, chapters: dict[str, model.ChapterCount],
             per_article: dict[str, model.ArticleCount]) -> dict[str, model.CombinedCount]:
    """Article groups that span the chapters (articles 14 and 52 together), as shares of the later chapter."""
    later = reference.chapter_codes()[-1]
    most = max(v.needs for v in per_article.values())     # every article in scope is there, with 0 if none
    result = {}
    for code, group in reference.article_groups().items():
        if group.chapter in chapters:
            continue
        hit = _mentioning(sel, group.articles)
        result[code] = model.CombinedCount(
            articles=list(group.articles), needs=len(hit), states=int(hit["state"].nunique()),
            share_chapter_v=_share(len(hit), chapters[later].needs), share_all=_share(len(hit), len(sel.needs)),
            exceeds_every_article=bool(len(hit) > most))
    return result


# --------------------------------------------------------------------------- capacity-building, cross-cutting

def capacity_building(sel: Selection) -> model.CapacityBuilding:
    cb = sel.needs[sel.needs["category"] == reference.subcategorised_category()]
    codes = reference.subcategories().codes + [SUBCATEGORY_UNSPECIFIED]
    counts = cb["subcategory"].fillna(SUBCATEGORY_UNSPECIFIED).value_counts().reindex(codes, fill_value=0)
    return model.CapacityBuilding(
        needs=int(len(cb)), states=int(cb["state"].nunique()),
        subcategories={code: model.SubcategoryCount(needs=int(counts[code]), share=_share(int(counts[code]), len(cb)))
                       for code in codes})


def cross_cutting(sel: Selection) -> model.CrossCutting:
    per_need_articles = sel.mentions.groupby("need_key").size()
    categories_per_state = sel.needs.groupby("state")["category"].nunique()
    return model.CrossCutting(
        multi_article_needs=int((per_need_articles > 1).sum()),
        states_three_or_more_categories=int((categories_per_state >= 3).sum()),
        states_one_category=int((categories_per_state == 1).sum()))


# --------------------------------------------------------------------------- the change since the last analysis

def _delta(previous: int, current: int) -> model.Delta:
    return model.Delta(previous=previous, current=current, change=current - previous,
                       change_share=(current - previous) / previous if previous else None)


def change(tables: Tables, current: Selection, previous_cutoff: dt.date | None) -> model.Change:
    chapters = reference.chapter_codes()
    if previous_cutoff is None:
        return model.Change(states_completed=None, states_with_needs=None, needs=None,
                            by_chapter={c: model.ChapterChange(states=None, needs=None) for c in chapters})
    before = select(tables, previous_cutoff)
    now_o, then_o = overview(current), overview(before)
    now_c, then_c = by_chapter(current), by_chapter(before)
    return model.Change(
        states_completed=_delta(then_o.states_completed, now_o.states_completed),
        states_with_needs=_delta(then_o.states_with_needs, now_o.states_with_needs),
        needs=_delta(then_o.needs, now_o.needs),
        by_chapter={c: model.ChapterChange(states=_delta(then_c[c].states, now_c[c].states),
                                           needs=_delta(then_c[c].needs, now_c[c].needs)) for c in chapters})
