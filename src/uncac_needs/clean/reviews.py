"""The reviews sheet: one row per State party whose executive summary is completed, with its date and group."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from uncac_needs import ingest
from uncac_needs.clean.ledger import Finding, Ledger, LogEntry, SheetSummary
from uncac_needs.clean.parsers import Parsed, Unreadable, parse_date, parse_region, parse_state, show, tidy
from uncac_needs.clean.reasons import Term, because
from uncac_needs.clean.rows import Reader, is_record, not_a_record, read
from uncac_needs.vocabulary import reference

if TYPE_CHECKING:
    from uncac_needs.ingest import RawSheet

COLUMNS = ["state", "state_name", "summary_date", "regional_group", "region_source", "sheet_row"]


@dataclass
class Reviews:
    """The reviews sheet cleaned: the table, its accounting, and what the needs sheet must know of it."""

    table: pd.DataFrame
    summary: SheetSummary
    #: States whose every row was rejected -> (Excel row, sheet) of the first: their needs say why they count not
    rejected_states: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: kept rows whose date is later than the latest plausible date (CleanResult.suspect_dates)
    suspect_dates: list[dict[str, Any]] = field(default_factory=list)


class _ReviewRules:
    def __init__(self, sheet: RawSheet, log: list[LogEntry], latest: dt.date):
        self.sheet, self.latest = sheet, latest
        self.ledger = Ledger(sheet, log)
        self.earliest = ingest.contract().earliest_summary_date
        self.readers = {"state": Reader(parse_state), "summary_date": Reader(parse_date),
                        "regional_group": Reader(parse_region)}
        self.first_row: dict[str, tuple[int, dt.date]] = {}
        self.rejected: dict[str, tuple[int, str]] = {}
        self.suspect: list[dict[str, Any]] = []
        self.records: list[dict[str, Any]] = []

    def raw(self, cells: list[Any], column: str) -> Any:
        pos = self.sheet.columns.get(column)
        return None if pos is None or cells[pos] == "" else cells[pos]

    def row(self, excel_row: int, cells: list[Any]) -> None:
        raw_state, raw_date = self.raw(cells, "state"), self.raw(cells, "summary_date")
        if not is_record((raw_state, raw_date), cells, self.readers["state"]):
            self.ledger.record(excel_row, cells, [not_a_record(because("not_a_record", "reviews"), cells)])
            return
        found: list[Finding] = []
        state = read("state", raw_state, self.readers["state"], found)
        date = read("summary_date", raw_date, self.readers["summary_date"], found)
        if date is not None and date.value < self.earliest:
            found.append(Finding("summary_date", "rejected",
                                 because("date_too_early", date=date.value, year=self.earliest.year)))
        group, source = self.group(cells, state, found)
        if any(f.action == "rejected" for f in found):
            if state is not None:
                self.rejected.setdefault(state.value, (excel_row, self.sheet.name))
            self.ledger.record(excel_row, cells, found)
            return
        duplicate = self.once(excel_row, state.value, date.value, found)
        if duplicate is None and not any(f.action == "rejected" for f in found):
            self.keep(excel_row, state.value, date.value, group, source, found)
        self.ledger.record(excel_row, cells, found, duplicate)

    def group(self, cells: list[Any], state: Parsed | None, found: list[Finding]) -> tuple[str | None, str]:
        """The State's regional group: the sheet's where it names one (a difference noted), else the reference's."""
        if state is None:
            return None, "reference"
        reference_group = reference.states()[state.value].regional_group
        if "regional_group" not in self.sheet.columns:
            return reference_group, "reference"
        raw = self.raw(cells, "regional_group")
        parsed = self.readers["regional_group"](raw)
        if isinstance(parsed, Unreadable):
            found.append(Finding("regional_group", "corrected", because(
                "region_unknown", "reference_used", text=tidy(show(raw)), region=Term("regions", reference_group))))
            return reference_group, "reference"
        if parsed.value is None:
            return reference_group, "reference"
        if parsed.reason is not None:
            found.append(Finding("regional_group", "corrected", parsed.reason))
        if parsed.value != reference_group:
            found.append(Finding("regional_group", "noted", because(
                "region_differs", sheet_region=Term("regions", parsed.value),
                reference_region=Term("regions", reference_group))))
        return parsed.value, "sheet"

    def once(self, excel_row: int, state: str, date: dt.date, found: list[Finding]):
        """A State listed again: a duplicate (its reason) with the same date, rejected with another."""
        earlier = self.first_row.get(state)
        if earlier is None:
            self.first_row[state] = (excel_row, date)
            return None
        if earlier[1] == date:
            return because("duplicate", "reviews", state=Term("states", state), row=earlier[0])
        found.append(Finding("state", "rejected", because(
            "state_listed_twice", state=Term("states", state), row=earlier[0], first_date=earlier[1], date=date)))
        return None

    def keep(self, excel_row: int, state: str, date: dt.date, group: str | None, source: str,
             found: list[Finding]) -> None:
        name = reference.states()[state].name_en
        if date > self.latest:
            found.append(Finding("summary_date", "warning", because("summary_date_future", date=date,
                                                                    latest=self.latest)))
            self.suspect.append({"state": state, "state_name": name, "sheet": self.sheet.name, "row": excel_row,
                                 "date": date.isoformat()})
        self.records.append({"state": state, "state_name": name, "summary_date": date, "regional_group": group,
                             "region_source": source, "sheet_row": excel_row})


def clean_reviews(sheet: RawSheet, log: list[LogEntry], latest: dt.date) -> Reviews:
    """Every row of the reviews sheet accounted for; a completion date later than `latest` kept with a warning."""
    rules = _ReviewRules(sheet, log, latest)
    for excel_row, cells in sheet.rows:
        rules.row(excel_row, cells)
    for iso3 in rules.first_row:
        rules.rejected.pop(iso3, None)
    table = pd.DataFrame.from_records(rules.records, columns=COLUMNS)
    table["summary_date"] = pd.to_datetime(table["summary_date"]).astype("datetime64[s]")
    table["sheet_row"] = table["sheet_row"].astype("int64")
    return Reviews(table, rules.ledger.summary, rules.rejected, rules.suspect)
