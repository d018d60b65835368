"""The rows the cleaning rejected, each with what the statistics need to tell whether it would have counted at
a cutoff: its State (where the row names one the reference knows) and its date (a review row's own completion
date, a need's State's kept summary date), and the rules that rejected it (the catalogs name them in each
language: labels.yaml `rules`; the cleaning log gives the full reason)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from uncac_needs.clean.parsers import Unreadable, parse_date, parse_state, show


@dataclass(frozen=True)
class Rejected:
    """A rejected row as the ledger saw it: its Excel row, its State and date cells as written, its log lines."""

    row: int
    state_cell: Any
    date_cell: Any
    entries: tuple


def _parsed(parse, raw: Any) -> Any:
    try:
        return None if raw is None or raw == "" else parse(raw).value
    except (Unreadable, ValueError, TypeError, KeyError):
        return None


def rows(summary: dict, reviews: pd.DataFrame) -> list[dict[str, Any]]:
    """Every rejected row of every sheet (SheetSummary.rejected), in sheet order, as statistics.json keeps it."""
    dates = {s: d for s, d in zip(reviews["state"], pd.to_datetime(reviews["summary_date"]).dt.date)}
    out = []
    for role, s in summary.items():
        for r in s.rejected:
            state = _parsed(parse_state, r.state_cell)
            date = _parsed(parse_date, r.date_cell) if role == "reviews" else dates.get(state)
            out.append({"sheet": role, "sheet_name": s.sheet, "row": r.row, "state": state,
                        "state_written": show(r.state_cell), "date": None if date is None else date.isoformat(),
                        "columns": [e.column for e in r.entries], "values": [e.value for e in r.entries],
                        "rules": [e.rule for e in r.entries]})
    return out
