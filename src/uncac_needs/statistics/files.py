"""The statistics for people: statistics.xlsx for reviewers, and any table as a DataFrame for a notebook."""
from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Any, Callable

import pandas as pd
import xlsxwriter

from uncac_needs.statistics import tables as tables_mod
from uncac_needs.statistics import topicsheet
from uncac_needs.statistics.model import Statistics
from uncac_needs.vocabulary import i18n


def _width(text: str) -> int:
    """Display width in columns: wide and full-width characters (Chinese) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
        self.title = wb.add_format({"bold": True, "font_size": 12})
        self.integer = wb.add_format({"num_format": "#,##0"})
        self.share = wb.add_format({"num_format": "0.0%"})
        self.text = wb.add_format({"text_wrap": False})


def _contents(wb: xlsxwriter.Workbook, fmt: _Formats, tables: list[tables_mod.Table], langs: tuple[str, ...],
              others: tuple[tuple[str, dict[str, str]], ...] = ()) -> None:
    """The first sheet: each table's sheet and title, then the other sheets' (`others`: sheet, title by language)."""
    contents = wb.add_worksheet("contents")
    contents.write_string(0, 0, " / ".join(i18n.label(lang, "tables.contents") for lang in langs), fmt.title)
    head = ["sheet"] + [i18n.label(lang, "columns.table") for lang in langs]
    for c, h in enumerate(head):
        contents.write_string(1, c, h, fmt.bold)
    contents.freeze_panes(2, 0)
    widths = [12] + [20] * len(langs)
    listed = [(t.code, {lang: t.title(lang) for lang in langs}) for t in tables] + list(others)
    for r, (sheet, titles) in enumerate(listed, start=2):
        cells = [sheet] + [titles[lang] for lang in langs]
        for c, value in enumerate(cells):
            contents.write_string(r, c, value)
            widths[c] = max(widths[c], _width(value) + 2)
    for c, w in enumerate(widths):
        contents.set_column(c, c, min(w, 70))


def _sheet(wb: xlsxwriter.Workbook, fmt: _Formats, table: tables_mod.Table, langs: tuple[str, ...]) -> None:
    ws = wb.add_worksheet(table.code[:31])
    ws.write_string(0, 0, " / ".join(table.title(lang) for lang in langs), fmt.title)
    layout = []   # (column, language or None): a label column once per language
    for column in table.columns:
        layout += [(column, lang) for lang in langs] if column.kind == "label" else [(column, None)]
    widths = []
    for c, (column, lang) in enumerate(layout):
        heading = table.heading(column, lang) if lang else " / ".join(table.heading(column, l) for l in langs)
        ws.write_string(1, c, heading, fmt.bold)
        widths.append(min(max(_width(heading) // 2 + 2, 10), 40))
    for r, row in enumerate(table.rows, start=2):
        for c, (column, lang) in enumerate(layout):
            value = row.get(column.key)
            if lang:
                value = value[lang]
            if value is None:
                continue
            if column.kind == "int":
                ws.write_number(r, c, value, fmt.integer)
            elif column.kind == "share":
                ws.write_number(r, c, value, fmt.share)
            else:
                ws.write_string(r, c, str(value), fmt.text)
                widths[c] = max(widths[c], min(_width(str(value)) + 2, 60))
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    ws.freeze_panes(2, 0)


def write_tables_xlsx(tables: list[tables_mod.Table], path: Path | str, created: dt.datetime,
                      langs: tuple[str, ...] = ("en", "zh"), more: Callable | None = None,
                      others: tuple[tuple[str, dict[str, str]], ...] = ()) -> None:
    """A workbook for reviewers: a contents sheet, then one sheet a table (then the sheets `more` writes, listed
    in the contents as `others` names them).

    Headings in every language of `langs`, the header row frozen, readable widths, shares as percentages.
    Text is written as text, always: a cell never becomes a formula. The file's bytes depend only on
    the tables and `created` (no clock), so the same tables give the same file.
    """
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"title": " / ".join(i18n.label(lang, "tables.contents") for lang in langs),
                       "author": "uncac-needs", "created": created})
    fmt = _Formats(wb)
    _contents(wb, fmt, tables, langs, others)
    for table in tables:
        _sheet(wb, fmt, table, langs)
    if more is not None:                # more sheets: more(workbook, formats), e.g. the evidence
        more(wb, fmt)
    wb.close()


def write_statistics_xlsx(stats: Statistics, path: Path | str, langs: tuple[str, ...] = ("en", "zh"),
                          evidence: Any = None) -> None:
    """statistics.xlsx: every table of the statistics, dated by the cutoff (never by the clock); with the
    `evidence` (statistics.evidence.Evidence), a last sheet of the rows behind each figure."""
    def more(wb, fmt):
        topicsheet.write(wb, fmt, stats, langs)        # every need with its topics and the words found
        if evidence is not None:
            from uncac_needs.statistics.evidence import write_sheet

            write_sheet(wb, fmt, evidence, {k: _value(stats, k) for k in evidence.figures}, langs)
    write_tables_xlsx(tables_mod.build(stats, langs), path, dt.datetime.combine(stats.cutoff, dt.time()), langs, more,
                      _more_sheets(stats, langs, evidence is not None))


def _more_sheets(stats: Statistics, langs: tuple[str, ...], evidence: bool) -> tuple[tuple[str, dict[str, str]], ...]:
    """The sheets after the tables, as the contents lists them: the topics' counts and review, the evidence."""
    sheets = []
    if stats.topics:
        sheets.append((topicsheet.COUNTS_SHEET, {lang: i18n.label(lang, "topic_review.counts_title") for lang in langs}))
    if stats.topic_review is not None:
        sheets.append((topicsheet.SHEET, {lang: i18n.label(lang, "topic_review.title") for lang in langs}))
    if evidence:
        sheets.append(("evidence", {lang: i18n.label(lang, "evidence.title") for lang in langs}))
    return tuple(sheets)


def _value(stats: Statistics, key: str) -> Any:
    try:
        return stats.value(key)
    except KeyError:
        return None


def table_frame(stats: Statistics, code: str, lang: str = "en") -> pd.DataFrame:
    """One table of the statistics as a DataFrame, for display in a notebook (empty if the table is absent)."""
    table = next((t for t in tables_mod.build(stats, (lang,)) if t.code == code), None)
    if table is None:           # e.g. no reconciliation: the cutoff has no published figures
        return pd.DataFrame()
    return pd.DataFrame([{table.heading(c, lang): (row[c.key][lang] if c.kind == "label" else row.get(c.key))
                          for c in table.columns} for row in table.rows])
