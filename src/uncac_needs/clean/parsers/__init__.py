"""Readers for the values people type into the needs workbook.

Each reader takes one cell's value (text, number, date, bool or None) and returns a `Parsed`: the
normalised value and, when the cell was not already written in its canonical form, the `Reason` saying
how it was read. A value that cannot be read raises `Unreadable`, whose reason says why. The readers
never guess silently: every reading that changes a cell is noted.

- cells     Parsed, Unreadable, and how a cell's value is shown
- terms     States, categories, subcategories, regional groups
- dates     completion dates
- articles  chapters, articles, and the one chapter a need belongs to
- numerals  Chinese numerals read
"""
from uncac_needs.clean.parsers.articles import chapter_of_articles, parse_articles, parse_chapter
from uncac_needs.clean.parsers.cells import Parsed, Unreadable, is_blank, show, spaced, tidy
from uncac_needs.clean.parsers.dates import parse_date
from uncac_needs.clean.parsers.numerals import zh_to_int
from uncac_needs.clean.parsers.terms import parse_category, parse_region, parse_state, parse_subcategory
from uncac_needs.ingest.specials import Special

__all__ = [
    "Parsed", "Special", "Unreadable", "chapter_of_articles", "is_blank", "parse_articles",
    "parse_category", "parse_chapter", "parse_date", "parse_region", "parse_state", "parse_subcategory", "show",
    "spaced", "tidy", "zh_to_int",
]
