"""The topics of the needs (data/reference/topics.csv): topics.<code> of statistics.json, and the review of the tagging.

A need carries the topics its description carries (statistics.tagging), unless the keepers' `topics` cell names
topics (or says there are none): then the cell decides, and the description is not read. A topic that requires
others (asset_return_training: training and asset_return) is carried where all of them are. Each topic is
counted like the other figures: needs, and distinct States with at least one such need; crossed with the
chapters, the article groups of the note and the articles (a need citing several articles counts under each).
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
        rows.append(model.TopicTag(
            need_id=str(need.need_id), state=need.state, chapter=need.chapter, articles=_cell(need.articles),
            category=need.category, description=description, source=source,
            topics={code: list(words) for code, words in found.items()}))
    return rows


def _long(sel: Selection, tags: list[model.TopicTag]) -> pd.DataFrame:
    """One row per (need, topic): need_key, state, chapter, topic."""
    keys = sel.needs["need_key"].tolist()
    rows = [(key, t.state, t.chapter, code) for key, t in zip(keys, tags) for code in t.topics]
    return pd.DataFrame(rows, columns=["need_key", "state", "chapter", "topic"])


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _cell_count(hit: pd.DataFrame, whole_states: int) -> model.TopicShare:
    states = int(hit["state"].nunique())
    return model.TopicShare(needs=int(hit["need_key"].nunique()), states=states,
                            states_share=_share(states, whole_states))


def _crossed(of_topic: pd.DataFrame, sel: Selection) -> dict:
    """The topic's needs by chapter, article group and article."""
    cited = sel.mentions.merge(of_topic[["need_key"]], on="need_key")
    chapters = {c: _cell_count(of_topic[of_topic["chapter"] == c],
                               int(sel.needs.loc[sel.needs["chapter"] == c, "state"].nunique()))
                for c in reference.chapter_codes()}
    groups = {}
    for code, group in reference.article_groups().items():
        in_group = sel.mentions[sel.mentions["article"].isin(group.articles)]
        groups[code] = _cell_count(cited[cited["article"].isin(group.articles)].drop_duplicates("need_key"),
                                   int(in_group["state"].nunique()))
    articles = {}
    for number in reference.articles():
        hit = cited[cited["article"] == number]
        articles[str(number)] = model.Count(needs=int(len(hit)), states=int(hit["state"].nunique()))
    return {"by_chapter": chapters, "by_group": groups, "by_article": articles}


def topics(sel: Selection, tags: list[model.TopicTag]) -> dict[str, model.TopicCount]:
    """topics.<code> of statistics.json, for every topic of topics.csv (zeros included)."""
    long = _long(sel, tags)
    with_needs = int(sel.needs["state"].nunique())
    result = {}
    for code in reference.topics().codes:
        of_topic = long[long["topic"] == code]
        states = int(of_topic["state"].nunique())
        result[code] = model.TopicCount(needs=int(len(of_topic)), states=states,
                                        states_share=_share(states, with_needs), **_crossed(of_topic, sel))
    return result
