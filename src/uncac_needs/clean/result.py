"""What the cleaning stage hands to the statistics stage: the cleaned tables and the row accounting.

The same `Cleaned` comes from a cleaning in memory (`CleanResult.cleaned`) and from the files the
cleaning wrote (`clean.load_outputs`), so the statistics never know which.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Tables:
    """The cleaned tables."""

    reviews: pd.DataFrame        # state, summary_date, regional_group
    needs: pd.DataFrame          # need_key, state, chapter, category, subcategory
    need_articles: pd.DataFrame  # need_key, article


@dataclass(frozen=True)
class Cleaned:
    """The cleaned tables and, per sheet, how many rows were kept, corrected, dropped, rejected and why."""

    tables: Tables
    counts: dict[str, dict[str, int]]          # sheet role -> rows_read, rows_kept, rows_corrected, duplicates, rows_rejected
    reasons: dict[str, dict[str, int]]         # sheet role -> rule -> log lines, most frequent first
    source_sha256: str
    #: kept reviews whose summary date is later than `latest_date`:
    #: {"state", "state_name", "sheet", "row", "date" ("YYYY-MM-DD")}
    suspect_dates: list[dict[str, Any]] = field(default_factory=list)
    latest_date: dt.date | None = None
    #: every rejected row (clean.rejected.rows): sheet, row, State, date, the values, rules and reasons of its rejection
    rejected: list[dict[str, Any]] = field(default_factory=list)
