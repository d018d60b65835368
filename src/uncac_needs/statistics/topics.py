"""The topics of the needs (data/reference/topics.csv): topics.<code> of statistics.json, and the review of the tagging.

A need carries the topics its description carries (statistics.tagging), unless the keepers' `topics` cell names
topics (or says there are none): then the cell decides, and the description is not read. A topic that requires
others (asset_return_training: training and asset_return) is carried where all of them are. Each topic is
counted like the other figures: needs, and distinct States with at least one such need; crossed with the
chapters, the article groups of the note and the articles (a need citing several articles counts under each), and
with the regional groups and the categories (paragraphs 20, 23 and 24 of the 2020 note).
"""
from __future__ import annotations

import pandas as pd

from uncac_needs.statistics import model, tagging
from uncac_needs.statistics.sections import Selection
from uncac_needs.vocabulary import reference

SOURCE_COLUMN, SOURCE_DESCRIPTION = "column", "description"


def _cell(value) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else str(value)


def tag(description: str | None, topics_cell: str | None) -> tuple[str, tagging.Found]:
    """Where a need's topics come from, and the topics with the words that carry them.

    `topics_cell` is the cleaned `topics` column: codes separated by ';', or one of reference.NO_TOPIC."""
    if topics_cell is not None:
        named, _ = reference.read_topics_cell(topics_cell)
        if named is not None:
            return SOURCE_COLUMN, {code: (SOURCE_COLUMN,) for code in tagging.with_required(named)}
    return SOURCE_DESCRIPTION, tagging.find(description)


def review(sel: Selection) -> list[model.TopicTag]:
    """Every need of the selection, in the workbook's order, with its topics and the words that carry them."""
    needs = sel.needs
    cells = needs["topics"] if "topics" in needs.columns else pd.Series([None] * len(needs), index=needs.index)
    rows = []
    for need, cell in zip(needs.itertuples(index=False), cells):
        description = _cell(need.description)
        source, found = tag(description, _cell(cell))
        rows.append(model.TopicTag(need_id=str(need.need_id), state=need.state, chapter=need.chapter,
                                   articles=_cell(need.articles), category=need.category, description=description,
                                   source=source, topics=found))
    return rows


def by_topic(sel: Selection, tags: list[model.TopicTag]) -> pd.DataFrame:
    """One row per (need, topic it carries): need_key, state, chapter, topic."""
    keys = sel.needs["need_key"].tolist()
    return pd.DataFrame([(key, t.state, t.chapter, code) for key, t in zip(keys, tags) for code in t.topics],
                        columns=["need_key", "state", "chapter", "topic"])


_long = by_topic       # the name statistics/evidence_sets.py reads it by


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _counted(frame: pd.DataFrame, by: list[str]) -> dict:
    """(needs, States) for each value of `by`: distinct needs, distinct States."""
    grouped = frame.groupby(by, observed=True).agg(needs=("need_key", "nunique"), states=("state", "nunique"))
    return {key: (int(n), int(s)) for key, n, s in zip(grouped.index, grouped["needs"], grouped["states"])}


def _shares(counts: dict, code: str, keys, whole: dict) -> dict[str, model.TopicShare]:
    out = {}
    for key in keys:
        needs, states = counts.get((code, key), (0, 0))
        out[str(key)] = model.TopicShare(needs=needs, states=states, states_share=_share(states, whole[key]))
    return out


def _counts(counts: dict, code: str, keys) -> dict[str, model.Count]:
    return {str(key): model.Count(needs=counts.get((code, key), (0, 0))[0], states=counts.get((code, key), (0, 0))[1])
            for key in keys}


def topics(sel: Selection, tags: list[model.TopicTag]) -> dict[str, model.TopicCount]:
    """topics.<code> of statistics.json, for every topic of topics.csv (zeros included)."""
    long = by_topic(sel, tags)
    cited = long.merge(sel.mentions[["need_key", "article"]], on="need_key")
    groups = reference.article_groups()
    in_group = pd.concat([cited[cited["article"].isin(g.articles)].assign(group=code) for code, g in groups.items()]
                         + [cited.iloc[:0].assign(group="")])
    chapters, articles = reference.chapter_codes(), list(reference.articles())
    overall, by_chapter = _counted(long, ["topic"]), _counted(long, ["topic", "chapter"])
    by_group, by_article = _counted(in_group, ["topic", "group"]), _counted(cited, ["topic", "article"])
    chapter_states = sel.needs.groupby("chapter", observed=True)["state"].nunique().to_dict()
    group_states = {code: int(sel.mentions.loc[sel.mentions["article"].isin(g.articles), "state"].nunique())
                    for code, g in groups.items()}
    with_needs = int(sel.needs["state"].nunique())
    crossed = long.merge(sel.needs[["need_key", "regional_group", "category"]], on="need_key")
    by_region, by_category = _counted(crossed, ["topic", "regional_group"]), _counted(crossed, ["topic", "category"])
    result = {}
    for code in reference.topics().codes:
        needs, states = overall.get((code,), overall.get(code, (0, 0)))
        result[code] = model.TopicCount(
            needs=needs, states=states, states_share=_share(states, with_needs),
            by_chapter=_shares(by_chapter, code, chapters, {c: chapter_states.get(c, 0) for c in chapters}),
            by_group=_shares(by_group, code, groups, group_states),
            by_region=_counts(by_region, code, reference.regions().codes),
            by_category=_counts(by_category, code, reference.categories().codes),
            by_article={str(a): model.Count(needs=by_article.get((code, a), (0, 0))[0],
                                            states=by_article.get((code, a), (0, 0))[1]) for a in articles})
    return result
