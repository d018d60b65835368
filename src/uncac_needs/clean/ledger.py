"""The row accounting: every row read ends kept, kept with corrections, dropped as a duplicate, or rejected.

The rules of a sheet say what they found in a row as `Finding`s; a `Ledger` counts the row's outcome (the
gravest thing found) and writes its lines of the cleaning log. A kept row may also carry a note or a warning
(a completion date later than the latest plausible date): these change no count.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from uncac_needs.clean.parsers import show
from uncac_needs.clean.reasons import LOG_LANGUAGE, Reason
from uncac_needs.clean.rejected import Rejected

if TYPE_CHECKING:
    from uncac_needs.ingest import RawSheet

LOG_COLUMNS = ["sheet", "row", "column", "value", "action", "rule", "reason"]
OUTCOMES = ("kept", "corrected", "duplicate", "rejected")
COUNTS = ("rows_read", "rows_kept", "rows_corrected", "duplicates", "rows_rejected")
CELL = object()      # a finding's value: the cell's own


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One line of the cleaning log."""

    sheet: str
    row: int
    column: str
    value: str
    action: str      # corrected | noted | warning | duplicate | rejected
    why: Reason

    @property
    def rule(self) -> str:
        return self.why.rule

    @property
    def reason(self) -> str:
        """Why, in the log's language."""
        return self.why.text(LOG_LANGUAGE)

    def as_row(self, lang: str = LOG_LANGUAGE) -> list[Any]:
        return [self.sheet, self.row, self.column, self.value, self.action, self.why.rule, self.why.text(lang)]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found in one cell of a row ('' for the row as a whole)."""

    column: str
    action: str      # corrected | noted | warning | rejected
    why: Reason
    value: Any = CELL


@dataclass
class SheetSummary:
    role: str
    sheet: str
    header_row: int
    rows_read: int = 0
    rows_kept: int = 0          # kept rows, with or without corrections
    rows_corrected: int = 0     # kept rows that needed a fix
    duplicates: int = 0
    rows_rejected: int = 0
    reasons: Counter = field(default_factory=Counter)   # rule -> log lines
    rejected: list = field(default_factory=list)        # clean.rejected.Rejected: each rejected row, in order

    def counts(self) -> dict[str, int]:
        return {key: getattr(self, key) for key in COUNTS}

    def ranked_reasons(self) -> dict[str, int]:
        """Log lines per rule, most frequent first."""
        return dict(sorted(self.reasons.items(), key=lambda kv: (-kv[1], kv[0])))

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "header_row": self.header_row, **self.counts(), "reasons": self.ranked_reasons()}


class Ledger:
    """The outcome of every row of one sheet, counted, and its lines of the cleaning log, in sheet order."""

    def __init__(self, sheet: RawSheet, log: list[LogEntry]):
        self.sheet, self.log = sheet, log
        self.summary = SheetSummary(sheet.role, sheet.name, sheet.header_row)

    def kept_as_written(self, rows: int = 1) -> None:
        """Rows kept with nothing to say about them."""
        self.summary.rows_read += rows
        self.summary.rows_kept += rows

    def record(self, excel_row: int, cells: list[Any], findings: tuple[Finding, ...] | list[Finding],
               duplicate: Reason | None = None) -> None:
        """A row's outcome: rejected if a rule rejected it, else a duplicate if `duplicate` says so, else kept."""
        s = self.summary
        s.rows_read += 1
        if any(f.action == "rejected" for f in findings):
            s.rows_rejected += 1
            entries = [self._entry(excel_row, cells, f) for f in findings if f.action == "rejected"]
            s.rejected.append(Rejected(excel_row, self._cell(cells, "state"), self._cell(cells, "summary_date"),
                                       tuple(entries)))
        elif duplicate is not None:
            s.duplicates += 1
            entries = [LogEntry(self.sheet.name, excel_row, "", "", "duplicate", duplicate)]
        else:
            s.rows_kept += 1
            s.rows_corrected += any(f.action == "corrected" for f in findings)
            entries = [self._entry(excel_row, cells, f) for f in findings]
        self.log.extend(entries)
        s.reasons.update(e.rule for e in entries)

    def _cell(self, cells: list[Any], column: str) -> Any:
        pos = self.sheet.columns.get(column)
        return None if pos is None else cells[pos]

    def _entry(self, excel_row: int, cells: list[Any], finding: Finding) -> LogEntry:
        column, value = finding.column, finding.value
        if value is CELL:
            pos = self.sheet.columns.get(column) if column else None
            value = None if pos is None else cells[pos]
        return LogEntry(self.sheet.name, excel_row, self.sheet.header_of(column) if column else "", show(value),
                        finding.action, finding.why)
