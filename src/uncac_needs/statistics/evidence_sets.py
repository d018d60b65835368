"""The sets behind the figures, section by section: each yields (figure key, the rows it counts).

They read the same selection (`sections.select`) and the same columns as statistics/sections.py, one
generator per section of statistics.json; statistics/evidence.py turns the rows into ids. The selection is
read once into plain arrays (`Arrays`): a set is the positions of its rows (`Rows`), taken with boolean masks
over those arrays, a few microseconds each, where a DataFrame filtered 1,900 times took a second.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterator

import numpy as np
import pandas as pd

from uncac_needs.statistics import sections, topics
from uncac_needs.statistics.sections import Selection
from uncac_needs.vocabulary import reference


def is_states(key: str) -> bool:
    """A figure counting States (distinct States of its ids), not rows."""
    return any(part.startswith("states") for part in key.split("."))


def natural(text: str) -> tuple:
    """Sort key: the numbers in an id compared as numbers ('Needs!9' before 'Needs!10', 'TA-2' before 'TA-10')."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text) if p)


def _plain(column: pd.Series) -> np.ndarray:
    """A column as Python values (a missing text is None, which equals no code, as a missing value does)."""
    if column.dtype.kind in "iub":
        return column.to_numpy()
    return column.astype(object).where(column.notna(), None).to_numpy(dtype=object)


class Table:
    """One table of a selection (its needs, or its reviews) as arrays: the columns the sets read, each row's
    id, and each row's place among the ids in natural order (ties in the table's order, as a stable sort)."""

    def __init__(self, frame: pd.DataFrame, columns: tuple[str, ...], ids: list[str]):
        self.columns = {c: _plain(frame[c]) for c in columns}
        self.ids = np.array(ids, dtype=object)
        order = sorted(range(len(ids)), key=lambda i: natural(ids[i]))
        self.rank = np.empty(len(ids), dtype=np.int64)
        self.rank[order] = np.arange(len(ids))

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, column: str) -> np.ndarray:
        return self.columns[column]


class Rows:
    """The rows of one table a figure counts, by position (in the table's order)."""

    def __init__(self, table: Table, at: np.ndarray):
        self.table, self.at = table, at

    def ids(self) -> list[str]:
        """The rows' ids, in natural order."""
        return self.table.ids[self.at[np.argsort(self.table.rank[self.at], kind="stable")]].tolist()

    def states(self) -> list[str]:
        return sorted(set(self.table["state"][self.at]))

    def values(self, column: str) -> np.ndarray:
        return self.table[column][self.at]


class Arrays:
    """A selection as the sets read it: its needs and reviews (`Table`), and which needs cite which articles."""

    def __init__(self, sel: Selection, need_ids: pd.Series, review_sheet: str):
        self.sel = sel
        keys = sel.needs["need_key"]
        self.needs = Table(sel.needs, ("need_key", "state", "chapter", "category", "subcategory", "regional_group"),
                           [str(i) for i in need_ids.reindex(keys.to_numpy()).to_numpy(dtype=object)])
        self.reviews = Table(sel.reviews, ("sheet_row", "state", "regional_group"),
                             [f"{review_sheet}!{r}" for r in sel.reviews["sheet_row"]])
        self._where = pd.Index(keys.to_numpy())
        self.cited_by = self.positions(sel.mentions["need_key"])        # each mention's need, by position
        self.article = sel.mentions["article"].to_numpy()
        self.all = np.ones(len(self.needs), dtype=bool)

    def positions(self, keys) -> np.ndarray:
        """The positions of the needs of `keys` (need_key)."""
        return self._where.get_indexer(pd.Index(keys))

    def mask(self, positions) -> np.ndarray:
        """The needs at `positions`, as a mask."""
        out = np.zeros(len(self.needs), dtype=bool)
        out[positions] = True
        return out

    def citing(self, numbers) -> np.ndarray:
        """The needs citing any of the articles `numbers` (sections._mentioning), as a mask."""
        return self.mask(self.cited_by[np.isin(self.article, list(numbers))])

    def need(self, mask: np.ndarray) -> Rows:
        return Rows(self.needs, np.flatnonzero(mask))

    def review(self, mask: np.ndarray) -> Rows:
        return Rows(self.reviews, np.flatnonzero(mask))


Frames = Iterator[tuple[str, Rows]]


def _overview(a: Arrays) -> Frames:
    yield "overview.states_completed", a.review(np.ones(len(a.reviews), dtype=bool))
    yield "overview.states_with_needs", a.need(a.all)
    yield "overview.needs", a.need(a.all)


def _by_chapter(a: Arrays) -> Frames:
    general = ~a.mask(a.cited_by)
    for c in reference.chapter_codes():
        hit = a.needs["chapter"] == c
        for part in ("needs", "states", "share"):
            yield f"by_chapter.{c}.{part}", a.need(hit)
        yield f"by_chapter.{c}.needs_without_article", a.need(general & hit)


def _by_category(a: Arrays) -> Frames:
    for code in reference.categories().codes:
        hit = a.needs["category"] == code
        for part in ("needs", "share", "states", "rank"):
            yield f"by_category.{code}.{part}", a.need(hit)
        for c in reference.chapter_codes():
            yield f"by_category.{code}.by_chapter.{c}", a.need(hit & (a.needs["chapter"] == c))


def _by_region(a: Arrays) -> Frames:
    for code in reference.regions().codes:
        completed = a.reviews["regional_group"] == code
        yield f"by_region.{code}.states_completed", a.review(completed)
        yield f"by_region.{code}.states_completed_share", a.review(completed)
        hit = a.needs["regional_group"] == code
        for part in ("states_with_needs", "needs", "needs_share"):
            yield f"by_region.{code}.{part}", a.need(hit)
        for c in reference.chapter_codes():
            yield f"by_region.{code}.by_chapter.{c}", a.need(hit & (a.needs["chapter"] == c))
            yield f"by_region.{code}.by_chapter_share.{c}", a.need(hit & (a.needs["chapter"] == c))


def _articles(a: Arrays) -> Frames:
    for n in reference.articles():
        hit = a.citing([n])
        for part in ("needs", "states", "rank"):
            yield f"articles.{n}.{part}", a.need(hit)


def _groups(a: Arrays) -> Frames:
    """The article groups: chapter II's (with their categories) and those spanning the chapters (combined)."""
    chapters = reference.chapter_codes()
    for code, group in reference.article_groups().items():
        hit = a.citing(group.articles)
        if group.chapter == chapters[0]:
            for part in ("needs", "states", "share"):
                yield f"chapter_ii.groups.{code}.{part}", a.need(hit)
            for cat in reference.categories().codes:
                for part in ("needs", "states"):
                    yield f"chapter_ii.groups.{code}.by_category.{cat}.{part}", a.need(hit & (a.needs["category"] == cat))
        elif group.chapter not in chapters:
            for part in ("needs", "states", "share_chapter_v", "share_all"):
                yield f"combined.{code}.{part}", a.need(hit)


def _chapter_v(a: Arrays) -> Frames:
    last = a.needs["chapter"] == reference.chapter_codes()[-1]
    for cat in reference.categories().codes:
        for part in ("needs", "states"):
            yield f"chapter_v.by_category.{cat}.{part}", a.need(last & (a.needs["category"] == cat))


def _capacity_building(a: Arrays) -> Frames:
    cb = a.needs["category"] == reference.subcategorised_category()
    yield "capacity_building.needs", a.need(cb)
    yield "capacity_building.states", a.need(cb)
    sub = np.array([sections.SUBCATEGORY_UNSPECIFIED if s is None else s for s in a.needs["subcategory"]], dtype=object)
    for code in reference.subcategories().codes + [sections.SUBCATEGORY_UNSPECIFIED]:
        for part in ("needs", "share"):
            yield f"capacity_building.subcategories.{code}.{part}", a.need(cb & (sub == code))


def _cross_cutting(a: Arrays) -> Frames:
    yield "cross_cutting.multi_article_needs", a.need(np.bincount(a.cited_by, minlength=len(a.needs)) > 1)
    categories = defaultdict(set)          # per State, its distinct categories (a missing one not counted)
    for state, category in zip(a.needs["state"], a.needs["category"]):
        if state is not None:
            categories[state].update(() if category is None else (category,))
    count = np.array([len(categories.get(s, ())) for s in a.needs["state"]], dtype=np.int64)
    yield "cross_cutting.states_three_or_more_categories", a.need(count >= 3)
    yield "cross_cutting.states_one_category", a.need(count == 1)


def change(a: Arrays, before: Arrays | None) -> Frames:
    """previous and current: the rows at each cutoff; change and change_share: the rows added since (a cutoff
    selects every row an earlier cutoff selects, so the change is the current rows less the previous)."""
    if before is None:
        return
    pairs = [("states_completed", before.review(np.ones(len(before.reviews), dtype=bool)),
              a.review(np.ones(len(a.reviews), dtype=bool))),
             ("states_with_needs", before.need(before.all), a.need(a.all)), ("needs", before.need(before.all), a.need(a.all))]
    for c in reference.chapter_codes():
        then, now = before.need(before.needs["chapter"] == c), a.need(a.needs["chapter"] == c)
        pairs += [(f"by_chapter.{c}.states", then, now), (f"by_chapter.{c}.needs", then, now)]
    for key, then, now in pairs:
        column = "state" if is_states(key) else ("need_key" if now.table is a.needs else "sheet_row")
        prior = set(then.values(column).tolist())
        added = Rows(now.table, now.at[np.fromiter((v not in prior for v in now.values(column).tolist()), bool, len(now.at))])
        yield f"change.{key}.previous", then
        yield f"change.{key}.current", now
        yield f"change.{key}.change", added
        yield f"change.{key}.change_share", added


def _topics(a: Arrays) -> Frames:
    """topics.<code>: the needs the tagging of statistics/topics.py gives each topic (its own functions, so the
    evidence follows the tagging), by chapter, article group and article."""
    of = topics.by_topic(a.sel, topics.review(a.sel))
    where = a.positions(of["need_key"])
    groups = {group: a.citing(g.articles) for group, g in reference.article_groups().items()}
    articles = {n: a.citing([n]) for n in reference.articles()}
    crosses = (("by_region", "regional_group", reference.regions().codes),
               ("by_category", "category", reference.categories().codes))
    for code in reference.topics().codes:
        hit = a.mask(where[(of["topic"] == code).to_numpy()])
        for part in ("needs", "states", "states_share"):
            yield f"topics.{code}.{part}", a.need(hit)
        for c in reference.chapter_codes():
            for part in ("needs", "states", "states_share"):
                yield f"topics.{code}.by_chapter.{c}.{part}", a.need(hit & (a.needs["chapter"] == c))
        for cross, column, values in crosses:
            for value in values:
                for part in ("needs", "states"):
                    yield f"topics.{code}.{cross}.{value}.{part}", a.need(hit & (a.needs[column] == value))
        for group, cites in groups.items():          # a need of the topic citing an article of the group
            for part in ("needs", "states", "states_share"):
                yield f"topics.{code}.by_group.{group}.{part}", a.need(hit & cites)
        for n, cites in articles.items():
            for part in ("needs", "states"):
                yield f"topics.{code}.by_article.{n}.{part}", a.need(hit & cites)


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


