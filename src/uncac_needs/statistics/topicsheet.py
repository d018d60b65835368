"""The sheets 'topic_counts' and 'topics' of statistics.xlsx: each topic's counts, and every need with the topics
found and the words that carry them.

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

SHEET, COUNTS_SHEET = "topics", "topic_counts"
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


def write_counts(wb, fmt, stats: Statistics, langs: tuple[str, ...]) -> None:
    """The sheet 'topic_counts': each topic's needs and States, in total and by chapter (topics.<code>)."""
    ws = wb.add_worksheet(COUNTS_SHEET)
    ws.write_string(0, 0, " / ".join(_label(lang, "counts_title") for lang in langs), fmt.title)
    chapters = list(stats.by_chapter)
    head = [_label(lang, "topics") for lang in langs] + [heading(k, None, langs) for k in ("needs", "states")]
    head += [heading("states_share", None, langs)] + [" / ".join(
        _label(lang, "chapter_states").format(chapter=i18n.term("chapters", c, lang)) for lang in langs)
        for c in chapters]
    for c, text in enumerate(head):
        ws.write_string(1, c, text, fmt.bold)
        ws.set_column(c, c, 36 if c < len(langs) else 14)
    for r, (code, t) in enumerate(stats.topics.items(), start=2):
        for c, lang in enumerate(langs):
            ws.write_string(r, c, i18n.term("topics", code, lang), fmt.text)
        numbers = [t.needs, t.states] + [t.by_chapter[ch].states for ch in chapters if ch in t.by_chapter]
        for c, value in enumerate(numbers[:2], start=len(langs)):
            ws.write_number(r, c, value, fmt.integer)
        ws.write_number(r, len(langs) + 2, t.states_share, fmt.share)
        for c, value in enumerate(numbers[2:], start=len(langs) + 3):
            ws.write_number(r, c, value, fmt.integer)
    ws.freeze_panes(2, len(langs))


def write(wb, fmt, stats: Statistics, langs: tuple[str, ...]) -> None:
    """The two sheets, after the others; no review where the statistics carry none (read from statistics.json)."""
    if stats.topics:
        write_counts(wb, fmt, stats, langs)
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
