"""The sets behind the figures, section by section: each yields (figure key, the rows it counts).

They read the same selection (`sections.select`) and the same columns as statistics/sections.py, one
generator per section of statistics.json; statistics/evidence.py turns the rows into ids.
"""
from __future__ import annotations

import re
from typing import Iterator

import pandas as pd

from uncac_needs.statistics import sections, topics
from uncac_needs.statistics.sections import Selection
from uncac_needs.vocabulary import reference

Frames = Iterator[tuple[str, pd.DataFrame]]


def is_states(key: str) -> bool:
    """A figure counting States (distinct States of its ids), not rows."""
    return any(part.startswith("states") for part in key.split("."))


def natural(text: str) -> tuple:
    """Sort key: the numbers in an id compared as numbers ('Needs!9' before 'Needs!10', 'TA-2' before 'TA-10')."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text) if p)


def _of(sel: Selection, keys) -> pd.DataFrame:
    """The selected needs whose need_key is in `keys`."""
    return sel.needs[sel.needs["need_key"].isin(keys)]


def _overview(sel: Selection) -> Frames:
    yield "overview.states_completed", sel.reviews
    yield "overview.states_with_needs", sel.needs
    yield "overview.needs", sel.needs


def _by_chapter(sel: Selection) -> Frames:
    general = sel.needs[~sel.needs["need_key"].isin(sel.mentions["need_key"])]
    for c in reference.chapter_codes():
        hit = sel.needs[sel.needs["chapter"] == c]
        for part in ("needs", "states", "share"):
            yield f"by_chapter.{c}.{part}", hit
        yield f"by_chapter.{c}.needs_without_article", general[general["chapter"] == c]


def _by_category(sel: Selection) -> Frames:
    for code in reference.categories().codes:
        hit = sel.needs[sel.needs["category"] == code]
        for part in ("needs", "share", "states", "rank"):
            yield f"by_category.{code}.{part}", hit
        for c in reference.chapter_codes():
            yield f"by_category.{code}.by_chapter.{c}", hit[hit["chapter"] == c]


def _by_region(sel: Selection) -> Frames:
    for code in reference.regions().codes:
        completed = sel.reviews[sel.reviews["regional_group"] == code]
        yield f"by_region.{code}.states_completed", completed
        yield f"by_region.{code}.states_completed_share", completed
        hit = sel.needs[sel.needs["regional_group"] == code]
        for part in ("states_with_needs", "needs", "needs_share"):
            yield f"by_region.{code}.{part}", hit
        for c in reference.chapter_codes():
            yield f"by_region.{code}.by_chapter.{c}", hit[hit["chapter"] == c]
            yield f"by_region.{code}.by_chapter_share.{c}", hit[hit["chapter"] == c]


def _articles(sel: Selection) -> Frames:
    for a in reference.articles():
        hit = _of(sel, sel.mentions.loc[sel.mentions["article"] == a, "need_key"])
        for part in ("needs", "states", "rank"):
            yield f"articles.{a}.{part}", hit


def _groups(sel: Selection) -> Frames:
    """The article groups: chapter II's (with their categories) and those spanning the chapters (combined)."""
    chapters = reference.chapter_codes()
    for code, group in reference.article_groups().items():
        hit = _of(sel, sections._mentioning(sel, group.articles)["need_key"])
        if group.chapter == chapters[0]:
            for part in ("needs", "states", "share"):
                yield f"chapter_ii.groups.{code}.{part}", hit
            for cat in reference.categories().codes:
                for part in ("needs", "states"):
                    yield f"chapter_ii.groups.{code}.by_category.{cat}.{part}", hit[hit["category"] == cat]
        elif group.chapter not in chapters:
            for part in ("needs", "states", "share_chapter_v", "share_all"):
                yield f"combined.{code}.{part}", hit


def _chapter_v(sel: Selection) -> Frames:
    last = sel.needs[sel.needs["chapter"] == reference.chapter_codes()[-1]]
    for cat in reference.categories().codes:
        for part in ("needs", "states"):
            yield f"chapter_v.by_category.{cat}.{part}", last[last["category"] == cat]


def _capacity_building(sel: Selection) -> Frames:
    cb = sel.needs[sel.needs["category"] == reference.subcategorised_category()]
    yield "capacity_building.needs", cb
    yield "capacity_building.states", cb
    sub = cb["subcategory"].fillna(sections.SUBCATEGORY_UNSPECIFIED)
    for code in reference.subcategories().codes + [sections.SUBCATEGORY_UNSPECIFIED]:
        for part in ("needs", "share"):
            yield f"capacity_building.subcategories.{code}.{part}", cb[sub == code]


def _cross_cutting(sel: Selection) -> Frames:
    per_need = sel.mentions.groupby("need_key").size()
    yield "cross_cutting.multi_article_needs", _of(sel, per_need[per_need > 1].index)
    per_state = sel.needs.groupby("state")["category"].nunique()
    yield "cross_cutting.states_three_or_more_categories", sel.needs[sel.needs["state"].isin(per_state[per_state >= 3].index)]
    yield "cross_cutting.states_one_category", sel.needs[sel.needs["state"].isin(per_state[per_state == 1].index)]


def change(sel: Selection, before: Selection | None) -> Frames:
    """previous and current: the rows at each cutoff; change and change_share: the rows added since (a cutoff
    selects every row an earlier cutoff selects, so the change is the current rows less the previous)."""
    if before is None:
        return
    pairs = [("states_completed", before.reviews, sel.reviews), ("states_with_needs", before.needs, sel.needs),
             ("needs", before.needs, sel.needs)]
    for c in reference.chapter_codes():
        then, now = before.needs[before.needs["chapter"] == c], sel.needs[sel.needs["chapter"] == c]
        pairs += [(f"by_chapter.{c}.states", then, now), (f"by_chapter.{c}.needs", then, now)]
    for key, then, now in pairs:
        column = "state" if is_states(key) else ("need_key" if "need_key" in now else "sheet_row")
        added = now[~now[column].isin(then[column])]
        yield f"change.{key}.previous", then
        yield f"change.{key}.current", now
        yield f"change.{key}.change", added
        yield f"change.{key}.change_share", added


def _topics(sel: Selection) -> Frames:
    """topics.<code>: the needs the tagging of statistics/topics.py gives each topic (its own functions, so the
    evidence follows the tagging), by chapter, article group and article."""
    of = topics.by_topic(sel, topics.review(sel))
    cited = sel.mentions.merge(of[["need_key", "topic"]], on="need_key")
    for code in reference.topics().codes:
        hit = _of(sel, of.loc[of["topic"] == code, "need_key"])
        for part in ("needs", "states", "states_share"):
            yield f"topics.{code}.{part}", hit
        for c in reference.chapter_codes():
            for part in ("needs", "states", "states_share"):
                yield f"topics.{code}.by_chapter.{c}.{part}", hit[hit["chapter"] == c]
        for cross, column, values in (("by_region", "regional_group", reference.regions().codes),
                                      ("by_category", "category", reference.categories().codes)):
            for value in values:
                for part in ("needs", "states"):
                    yield f"topics.{code}.{cross}.{value}.{part}", hit[hit[column] == value]
        for region in reference.regions().codes:
            for part in ("needs", "states"):
                yield f"topics.{code}.by_region.{region}.{part}", hit[hit["regional_group"] == region]
        for cat in reference.categories().codes:
            for part in ("needs", "states"):
                yield f"topics.{code}.by_category.{cat}.{part}", hit[hit["category"] == cat]
        mine = cited[cited["topic"] == code]
        for group, g in reference.article_groups().items():
            in_group = _of(sel, mine.loc[mine["article"].isin(g.articles), "need_key"])
            for part in ("needs", "states", "states_share"):
                yield f"topics.{code}.by_group.{group}.{part}", in_group
        for a in reference.articles():
            for part in ("needs", "states"):
                yield f"topics.{code}.by_article.{a}.{part}", _of(sel, mine.loc[mine["article"] == a, "need_key"])


SECTIONS = (_overview, _by_chapter, _by_category, _by_region, _articles, _groups, _chapter_v, _capacity_building,
            _cross_cutting, _topics)


def cleaning(needs: pd.DataFrame, reviews: pd.DataFrame, need_ids: pd.Series, sheets: dict[str, str],
              log: pd.DataFrame) -> Iterator[tuple[str, list[str]]]:
    """The row accounting of each sheet (the whole workbook, whatever the cutoff): kept rows by their ids,
    the rows the log names (duplicates, rejected) as `<sheet>!<row>`."""
    kept = {"reviews": (reviews["sheet_row"], [f"{sheets['reviews']}!{r}" for r in reviews["sheet_row"]]),
            "needs": (needs["sheet_row"], [str(need_ids[k]) for k in needs["need_key"]])}
    for role, (rows, ids) in kept.items():
        entries = log[log["sheet"] == sheets[role]]
        by_row = dict(zip(rows.astype(int), ids))
        corrected = set(entries.loc[entries["action"] == "corrected", "row"].astype(int))
        dropped = {action: sorted({f"{sheets[role]}!{r}" for r in entries.loc[entries["action"] == action, "row"]},
                                  key=natural) for action in ("duplicate", "rejected")}
        yield f"cleaning.{role}.rows_kept", list(by_row.values())
        yield f"cleaning.{role}.rows_corrected", [i for r, i in by_row.items() if r in corrected]
        yield f"cleaning.{role}.duplicates", dropped["duplicate"]
        yield f"cleaning.{role}.rows_rejected", dropped["rejected"]
        yield f"cleaning.{role}.rows_read", list(by_row.values()) + dropped["duplicate"] + dropped["rejected"]


