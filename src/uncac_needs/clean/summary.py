"""The one-screen summary `uncac-needs clean` prints: per sheet, what happened to the rows read."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from babel.numbers import format_decimal
from rich.console import Console
from rich.table import Table

from uncac_needs.vocabulary.i18n import labels


def _n(value: int) -> str:
    return format_decimal(value, locale="en")


def print_summary(result, paths: dict[str, Path] | None = None, console: Console | None = None,
                  top: int = 5) -> None:
    # styles only on a terminal: a notebook keeps what it printed for audit, with no colour codes in it
    console = console or Console(highlight=False, width=shutil.get_terminal_size((110, 24)).columns,
                                 color_system="auto" if sys.stdout.isatty() else None, force_jupyter=False)
    rules = labels("en")["rules"]
    console.print(f"Cleaned {result.source.name}")
    table = Table(show_edge=False, pad_edge=False)
    for heading in ("sheet", "header row", "read", "kept", "corrected", "duplicates", "rejected"):
        table.add_column(heading, justify="left" if heading == "sheet" else "right")
    for s in result.summary.values():
        table.add_row(f"{s.sheet} ({s.role})", str(s.header_row), _n(s.rows_read), _n(s.rows_kept),
                      _n(s.rows_corrected), _n(s.duplicates), _n(s.rows_rejected))
    console.print(table)
    console.print("Rows read = kept + duplicates + rejected; 'corrected' counts the kept rows that needed a fix.")
    actions = {}
    for entry in result.log:
        actions.setdefault(entry.rule, entry.action)
    for s in result.summary.values():
        if not s.reasons:
            continue
        ranked = sorted(s.reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        dropped = [(r, n) for r, n in ranked if actions.get(r) in ("rejected", "duplicate")]
        fixed = [(r, n) for r, n in ranked if actions.get(r) not in ("rejected", "duplicate")][:top]
        console.print(f"'{s.sheet}':")
        for heading, items in (("rejected or dropped", dropped), ("most frequent corrections", fixed)):
            if items:
                console.print(f"  {heading}:")
                for rule, count in items:
                    console.print(f"    {_n(count):>6}  {rules.get(rule, rule)}")
    if paths:
        console.print(f"Tables written to {paths['needs'].parent}; every row not kept unchanged is listed in "
                      f"{paths['log'].name}.")
