"""The project's vocabularies, read from data/reference/ (their one home) and checked when loaded.

States parties with Chinese names, aliases and regional groups; regional groups; chapters; articles and
their groups; categories and subcategories; the workbook contract; the figures stated by the published
notes. Code and tests read them from here. Each table is read once (cached; `clear_caches` forgets them),
each row by its model (vocabulary.rows), and the tables are checked against one another: a State's
regional group exists, an article lies in its chapter's range, a group's articles exist and lie in its
chapter, exactly one category has subcategories. A mistake raises ReferenceFileError: one sentence naming
the file, the line and the column.
"""
from __future__ import annotations

import re
from functools import lru_cache

from uncac_needs.plumbing import config
from uncac_needs.vocabulary.rows import (
    Article, ArticleGroup, Category, Chapter, PublishedFigure, Region, State, Term, Topic,
)
from uncac_needs.vocabulary.spelling import StateTable, Vocabulary, name_key
from uncac_needs.vocabulary.tablefile import ReferenceFileError, fail, read_table

__all__ = [
    "Article", "ArticleGroup", "Category", "Chapter", "PublishedFigure", "ReferenceFileError", "State",
    "StateTable", "Term", "Vocabulary", "article_groups", "articles", "categories", "chapter_codes",
    "chapter_vocabulary", "chapters", "clear_caches", "name_key", "published_cutoffs", "published_figures",
    "regions", "states", "subcategorised_category", "subcategories", "Topic", "topics", "NO_TOPIC", "read_topics_cell",
]

BOTH = "both"      # the chapter of an article group whose articles may lie in either chapter (art14_52)


@lru_cache(maxsize=1)
def states() -> StateTable:
    groups = regions().codes
    rows = read_table("states.csv", State)
    for line, s in rows:
        if s.regional_group not in groups:
            raise fail("states.csv", line, f"the regional group '{s.regional_group}' is not a code of "
                                           f"regional_groups.csv ({', '.join(groups)})")
    return StateTable([s for _, s in rows])


@lru_cache(maxsize=1)
def regions() -> Vocabulary:
    """The five UN regional groups, then `none` (a State party in no group, e.g. the EU)."""
    return Vocabulary([t for _, t in read_table("regional_groups.csv", Region)], "regional groups")


@lru_cache(maxsize=1)
def categories() -> Vocabulary:
    """The categories of assistance; exactly one of them (`subcategorised_category`) has subcategories."""
    rows = read_table("categories.csv", Category)
    split = [(line, c.code) for line, c in rows if c.subcategorised]
    if not split:
        raise fail("categories.csv", 1, "no category has 'yes' in the column 'subcategorised'; exactly one must "
                                        "(the one whose needs subcategories.csv divides)")
    if len(split) > 1:
        (_, first), (line, second) = split[:2]
        raise fail("categories.csv", line, f"the column 'subcategorised' says 'yes' for '{second}' as well as for "
                                           f"'{first}'; exactly one category may have subcategories")
    return Vocabulary([c for _, c in rows], "categories")


def subcategorised_category() -> str:
    """The one category whose needs are split into the subcategories of subcategories.csv."""
    return next(t.code for t in categories() if t.subcategorised)


@lru_cache(maxsize=1)
def subcategories() -> Vocabulary:
    return Vocabulary([t for _, t in read_table("subcategories.csv", Term)], "capacity-building subcategories")


@lru_cache(maxsize=1)
def chapters() -> dict[str, Chapter]:
    return {c.code: c for _, c in read_table("chapters.csv", Chapter)}


def chapter_codes() -> tuple[str, ...]:
    """The chapters of the analysis, in order (chapters.csv)."""
    return tuple(chapters())


@lru_cache(maxsize=1)
def chapter_vocabulary() -> Vocabulary:
    return Vocabulary(
        [Term(code=c.code, name_en=c.name_en, name_zh=c.name_zh, aliases=(c.title_en, c.title_zh, *c.aliases))
         for c in chapters().values()],
        "chapters",
    )


@lru_cache(maxsize=1)
def articles() -> dict[int, Article]:
    """The articles of the analysed chapters, each inside its chapter's range (chapters.csv)."""
    known = chapters()
    found = {}
    for line, a in read_table("articles.csv", Article):
        chapter = known.get(a.chapter)
        if chapter is None:
            raise fail("articles.csv", line, f"the column 'chapter' holds '{a.chapter}', which is not a code of "
                                             f"chapters.csv ({', '.join(known)})")
        if a.number not in chapter.articles:
            raise fail("articles.csv", line, f"the column 'article' holds {a.number}, outside chapter {a.chapter} "
                                             f"(articles {chapter.first_article}–{chapter.last_article})")
        found[a.number] = a
    return found


@lru_cache(maxsize=1)
def article_groups() -> dict[str, ArticleGroup]:
    """The sections of the note, in their order: each group's articles are articles of articles.csv in the
    group's chapter (for chapter 'both', in any chapter)."""
    known, arts = chapters(), articles()
    rows = read_table("article_groups.csv", ArticleGroup)
    for line, g in rows:
        if g.chapter != BOTH and g.chapter not in known:
            raise fail("article_groups.csv", line, f"the column 'chapter' holds '{g.chapter}', which is neither a "
                                                   f"code of chapters.csv ({', '.join(known)}) nor '{BOTH}'")
        for n in g.articles:
            if n not in arts:
                raise fail("article_groups.csv", line, f"the column 'articles' names article {n}, which is not "
                                                       "in articles.csv")
            if g.chapter != BOTH and arts[n].chapter != g.chapter:
                raise fail("article_groups.csv", line, f"the column 'articles' names article {n}, which is in "
                                                       f"chapter {arts[n].chapter}, not {g.chapter}")
    return {g.code: g for _, g in sorted(rows, key=lambda line: line.row.order)}


@lru_cache(maxsize=1)
def published_figures() -> tuple[PublishedFigure, ...]:
    """The figures the published notes state (their keys are dotted keys of statistics.json; whether the
    statistics compute each key is the statistics stage's check)."""
    return tuple(f for _, f in read_table("published_figures.csv", PublishedFigure))


@lru_cache(maxsize=1)
def topics() -> Vocabulary:
    """The themes of the descriptions (topics.csv): each tied to articles of articles.csv and a chapter of
    chapters.csv (or to none), each topic it requires a topic of the table listed before it, each with keywords
    or topics it requires."""
    arts, known = articles(), chapters()
    rows = read_table("topics.csv", Topic)
    seen: set[str] = set()
    for line, t in rows:
        wrong = [n for n in t.articles if n not in arts]
        if wrong:
            raise fail("topics.csv", line, f"the column 'articles' names article {wrong[0]}, which is not in articles.csv")
        if t.chapter and t.chapter not in known:
            raise fail("topics.csv", line, f"the column 'chapter' holds '{t.chapter}', which is not a code of "
                                           f"chapters.csv ({', '.join(known)})")
        unknown = [c for c in t.requires if c not in seen]
        if unknown:
            raise fail("topics.csv", line, f"the column 'requires' names '{unknown[0]}', which is not a topic on an "
                                           "earlier line")
        if not (t.keywords_en or t.keywords_zh or t.requires):
            raise fail("topics.csv", line, "the topic has no keywords and requires no topics, so no description "
                                           "could carry it")
        seen.add(t.code)
    return Vocabulary([t for _, t in rows], "topics.csv")


#: what a keepers' topics cell may hold to say that a need carries no topic, whatever its description says
NO_TOPIC = ("none", "no topic", "-", "无", "没有")


def read_topics_cell(text: object) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """A keepers' topics cell ('conflicts of interest; 举报人; training'): the codes it names, in topics.csv order,
    and the names that are no topic. The codes are () where the cell says there is none (NO_TOPIC) and names no
    topic, None where it names no topic and does not say so (blank, or only unknown names): the description
    then decides."""
    names = [n.strip() for n in re.split(r"[;；\n]", "" if text is None else str(text)) if n.strip()]
    nothing = {name_key(w) for w in NO_TOPIC}
    named = [n for n in names if name_key(n) not in nothing]
    codes = {topics().lookup(n) for n in named}
    unknown = tuple(n for n in named if topics().lookup(n) is None)
    found = tuple(c for c in topics().codes if c in codes)
    if found or len(named) < len(names):
        return found, unknown
    return None, unknown


def published_cutoffs() -> list[str]:
    return sorted({f.cutoff for f in published_figures()})


def clear_caches() -> None:
    """Forget every table read, so that the next call reads data/reference/ (config.REFERENCE_DIR) again."""
    for loader in (states, regions, categories, subcategories, chapters, chapter_vocabulary, articles,
                   article_groups, published_figures, topics):
        loader.cache_clear()
