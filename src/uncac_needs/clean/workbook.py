"""The whole workbook cleaned: both sheets read once, the reviews first (the needs depend on them)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from uncac_needs import ingest
from uncac_needs.clean import rejected
from uncac_needs.clean.ledger import LogEntry, SheetSummary
from uncac_needs.clean.needs import clean_needs
from uncac_needs.clean.result import Cleaned, Tables
from uncac_needs.clean.reviews import clean_reviews
from uncac_needs.plumbing.folders import sha256_of


@dataclass
class CleanResult:
    """The cleaned tables, the cleaning log and, per sheet, what happened to the rows read."""

    reviews: pd.DataFrame
    needs: pd.DataFrame
    need_articles: pd.DataFrame
    log: list[LogEntry]
    summary: dict[str, SheetSummary]
    source: Path
    source_sha256: str
    #: the kept rows of `reviews` whose summary_date is later than `latest_date`, in sheet order:
    #: {"state": ISO3, "state_name": English name, "sheet": sheet name, "row": Excel row, "date": "YYYY-MM-DD"}
    suspect_dates: list[dict[str, Any]] = field(default_factory=list)
    latest_date: dt.date | None = None

    def reasons(self) -> dict[str, dict[str, int]]:
        """Log lines per rule, per sheet, most frequent first."""
        return {role: s.ranked_reasons() for role, s in self.summary.items()}

    def counts(self) -> dict[str, dict[str, int]]:
        return {role: s.counts() for role, s in self.summary.items()}

    @property
    def cleaned(self) -> Cleaned:
        """What the statistics stage takes."""
        return Cleaned(Tables(self.reviews, self.needs, self.need_articles), self.counts(), self.reasons(),
                       self.source_sha256, self.suspect_dates, self.latest_date,
                       rejected.rows(self.summary, self.reviews))


def clean_workbook(path: Path | str, mapping: ingest.Mapping | Path | str | None = None, *,
                   latest_date: dt.date | None = None) -> CleanResult:
    """Read the workbook once and clean both sheets.

    `latest_date` is the latest plausible completion date (the caller passes the earlier of the session's
    document date and today); a later summary_date is kept but logged as a warning and listed in
    `CleanResult.suspect_dates`. None means today. A fixed `latest_date` keeps the outputs deterministic.
    """
    path = Path(path)
    latest = dt.date.today() if latest_date is None else latest_date
    if not isinstance(mapping, ingest.Mapping):
        mapping = ingest.load_mapping(mapping)
    sheets = ingest.read_workbook(path, mapping)
    log: list[LogEntry] = []
    reviews = clean_reviews(sheets["reviews"], log, latest)
    needs, need_articles, needs_summary = clean_needs(sheets["needs"], set(reviews.table["state"]),
                                                      reviews.rejected_states, log)
    return CleanResult(reviews.table, needs, need_articles, log, {"reviews": reviews.summary, "needs": needs_summary},
                       path, sha256_of(path), reviews.suspect_dates, latest)
