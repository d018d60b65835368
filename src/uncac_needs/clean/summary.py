"""The one-screen summary `uncac-needs clean` prints: per sheet, what happened to the rows read.

Its words are the catalog's (cleaning.yaml, `summary:`; the rules' labels from labels.yaml), in the log's
language unless another is asked for."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from uncac_needs.clean.reasons import LOG_LANGUAGE, catalog
from uncac_needs.clean.workbook import CleanResult
from uncac_needs.vocabulary import i18n

DROPPED = ("rejected", "duplicate")     # the actions that leave a row out of the tables


def print_summary(result: CleanResult, paths: dict[str, Path] | None = None, console: Console | None = None,
                  top: int = 5, lang: str = LOG_LANGUAGE) -> None:
    # styles only on a terminal: a notebook keeps what it printed for audit, with no colour codes in it
    console = console or Console(highlight=False, width=shutil.get_terminal_size((110, 24)).columns,
                                 color_system="auto" if sys.stdout.isatty() else None, force_jupyter=False)
    words = catalog(lang)["summary"]
    console.print(words["cleaned"].format(source=result.source.name))
    console.print(_table(result, words["headings"], words["sheet"], lang))
    console.print(words["rows"])
    _reasons(result, console, words, top, lang)
    if paths:
        console.print(words["written"].format(folder=paths["needs"].parent, log=paths["log"].name))


def _table(result: CleanResult, headings: list[str], sheet: str, lang: str) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for i, heading in enumerate(headings):
        table.add_column(heading, justify="left" if i == 0 else "right")
    for s in result.summary.values():
        table.add_row(sheet.format(sheet=s.sheet, role=s.role), str(s.header_row),
                      *(i18n.number(n, lang) for n in s.counts().values()))
    return table


def _reasons(result: CleanResult, console: Console, words: dict[str, str], top: int, lang: str) -> None:
    """Per sheet, the rules that left rows out, then the most frequent corrections."""
    rules = i18n.labels(lang)["rules"]
    actions: dict[str, str] = {}
    for entry in result.log:
        actions.setdefault(entry.rule, entry.action)
    for s in result.summary.values():
        if not s.reasons:
            continue
        ranked = list(s.ranked_reasons().items())
        dropped = [(r, n) for r, n in ranked if actions.get(r) in DROPPED]
        fixed = [(r, n) for r, n in ranked if actions.get(r) not in DROPPED][:top]
        console.print(words["sheet_reasons"].format(sheet=s.sheet))
        for heading, items in ((words["dropped"], dropped), (words["fixed"], fixed)):
            if items:
                console.print(f"  {heading}")
                for rule, count in items:
                    console.print(f"    {i18n.number(count, lang):>6}  {rules.get(rule, rule)}")
