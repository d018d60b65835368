"""The statistics stage's files: statistics.json and statistics.xlsx, and tables for display."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from uncac_needs.plumbing.writers import write_json


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def write_statistics_xlsx(tables: list, path: Path, created: "dt.datetime", langs: tuple[str, ...] = ("en", "zh")) -> None:
    """statistics.xlsx for reviewers: a contents sheet, then one sheet a table.

    Headings in every language, the header row frozen, readable widths, shares as percentages.
    Text is written as text, always: a cell never becomes a formula. The file's bytes depend only on
    the tables and `created` (no clock), so the same statistics give the same file.
    """
    import xlsxwriter

    from uncac_needs.vocabulary import i18n

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"title": " / ".join(i18n.label(lang, "tables.contents") for lang in langs),
                       "author": "uncac-needs", "created": created})
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
    title_fmt = wb.add_format({"bold": True, "font_size": 12})
    integer = wb.add_format({"num_format": "#,##0"})
    share = wb.add_format({"num_format": "0.0%"})
    text_fmt = wb.add_format({"text_wrap": False})

    contents = wb.add_worksheet("contents")
    contents.write_string(0, 0, " / ".join(i18n.label(lang, "tables.contents") for lang in langs), title_fmt)
    head = ["sheet"] + [i18n.label(lang, "columns.table") for lang in langs]
    for c, h in enumerate(head):
        contents.write_string(1, c, h, bold)
    contents.freeze_panes(2, 0)
    widths = [12] + [20] * len(langs)
    for r, table in enumerate(tables, start=2):
        cells = [table.code] + [table.title(lang) for lang in langs]
        for c, value in enumerate(cells):
            contents.write_string(r, c, value)
            widths[c] = max(widths[c], _width(value) + 2)
    for c, w in enumerate(widths):
        contents.set_column(c, c, min(w, 70))

    for table in tables:
        ws = wb.add_worksheet(table.code[:31])
        ws.write_string(0, 0, " / ".join(table.title(lang) for lang in langs), title_fmt)
        layout = []   # (column, language or None)
        for column in table.columns:
            if column.kind == "label":
                layout += [(column, lang) for lang in langs]
            else:
                layout.append((column, None))
        widths = []
        for c, (column, lang) in enumerate(layout):
            heading = table.heading(column, lang) if lang else " / ".join(table.heading(column, l) for l in langs)
            ws.write_string(1, c, heading, bold)
            widths.append(min(max(_width(heading) // 2 + 2, 10), 40))
        for r, row in enumerate(table.rows, start=2):
            for c, (column, lang) in enumerate(layout):
                value = row.get(column.key)
                if lang:
                    value = value[lang]
                if value is None:
                    continue
                if column.kind == "int":
                    ws.write_number(r, c, value, integer)
                elif column.kind == "share":
                    ws.write_number(r, c, value, share)
                else:
                    ws.write_string(r, c, str(value), text_fmt)
                    widths[c] = max(widths[c], min(_width(str(value)) + 2, 60))
        for c, w in enumerate(widths):
            ws.set_column(c, c, w)
        ws.freeze_panes(2, 0)
    wb.close()


# --------------------------------------------------------------------------- the statistics stage's files

def save_statistics(processed_dir: Path | str, cutoff: str | dt.date, previous: str | dt.date | None,
                    out_dir: Path | str):
    """From the cleaned tables to statistics.json and statistics.xlsx (with the reconciliation)."""
    from uncac_needs import clean, statistics
    from uncac_needs.statistics import reconcile
    from uncac_needs.statistics import tables

    loaded = clean.load_outputs(processed_dir)
    stats = statistics.compute(loaded, cutoff, previous)
    checks = reconcile.reconcile(stats)
    if checks:
        stats["reconciliation"] = reconcile.as_records(checks)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_json(out / "statistics.json", stats)
    day = dt.date.fromisoformat(str(cutoff)) if not isinstance(cutoff, dt.date) else cutoff
    write_statistics_xlsx(tables.build(stats, checks), out / "statistics.xlsx", dt.datetime.combine(day, dt.time()))
    return stats, checks


def table_frame(stats: dict, code: str, checks=None, lang: str = "en"):
    """One table of the statistics as a DataFrame, for display in a notebook."""
    import pandas as pd

    from uncac_needs.statistics import tables

    table = next((t for t in tables.build(stats, checks, (lang,)) if t.code == code), None)
    if table is None:           # e.g. no reconciliation: the cutoff has no published figures
        return pd.DataFrame()
    return pd.DataFrame([{table.heading(c, lang): (row[c.key][lang] if c.kind == "label" else row.get(c.key))
                          for c in table.columns} for row in table.rows])
