"""The sheet 'topics' of statistics.xlsx: every need with the topics found and the words that carry them.

So that an analyst can check the tagging in minutes: one row a need (in the workbook's order), its id, State,
chapter, articles and category, its description, what decided its topics (the description, or the keepers'
topics column), the topics in each language of the session, and the words of the description that carry each
topic. Headings in every language of the session (catalog `topic_review`). A need with no topic has empty
topic cells, so a filter on them shows what the tagging left out.
"""
from __future__ import annotations

from typing import Any

from uncac_needs.statistics.model import Statistics, TopicTag
from uncac_needs.vocabulary import i18n

SHEET = "topics"
#: (column, per language?) in the order of the sheet
COLUMNS = (("need", False), ("state", True), ("chapter", False), ("articles", False), ("category", True),
           ("description", False), ("source", True), ("topics", True), ("words", False))
WIDTHS = {"need": 12, "state": 16, "chapter": 8, "articles": 10, "category": 20, "description": 60, "source": 18,
          "topics": 36, "words": 40}


def _label(lang: str, key: str) -> str:
    return i18n.label(lang, f"topic_review.{key}")


def layout(langs: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """(column, language or None): a column in each language where its cells are words of a language."""
    return [(c, lang) for c, per_language in COLUMNS for lang in (langs if per_language else (None,))]


def heading(column: str, lang: str | None, langs: tuple[str, ...]) -> str:
    return _label(lang, column) if lang else " / ".join(_label(l, column) for l in langs)


def cells(tag: TopicTag, langs: tuple[str, ...]) -> list[Any]:
    """One need's row, in the order of `layout(langs)`."""
    values = {
        "need": lambda _: tag.need_id,
        "state": lambda lang: i18n.term("states", tag.state, lang),
        "chapter": lambda _: tag.chapter,
        "articles": lambda _: tag.articles or "",
        "category": lambda lang: i18n.term("categories", tag.category, lang),
        "description": lambda _: tag.description or "",
        "source": lambda lang: _label(lang, f"sources.{tag.source}"),
        "topics": lambda lang: "; ".join(i18n.term("topics", code, lang) for code in tag.topics),
        "words": lambda _: "; ".join(f"{code}: {', '.join(words)}" for code, words in tag.topics.items()
                                     if tag.source == "description"),
    }
    return [values[column](lang) for column, lang in layout(langs)]


def write(wb, fmt, stats: Statistics, langs: tuple[str, ...]) -> None:
    """The sheet, after the others; nothing where the statistics carry no review (read from an older file)."""
    if stats.topic_review is None:
        return
    ws = wb.add_worksheet(SHEET)
    ws.write_string(0, 0, " / ".join(_label(lang, "title") for lang in langs), fmt.title)
    for c, (column, lang) in enumerate(layout(langs)):
        ws.write_string(1, c, heading(column, lang, langs), fmt.bold)
        ws.set_column(c, c, WIDTHS[column])
    for r, tag in enumerate(stats.topic_review, start=2):
        for c, value in enumerate(cells(tag, langs)):
            if value:
                ws.write_string(r, c, str(value), fmt.text)
    ws.freeze_panes(2, 1)
    ws.autofilter(1, 0, 1 + len(stats.topic_review), len(layout(langs)) - 1)
