"""Stage 2 — clean: from the raw rows to typed tables, accounting for every row read.

Every row read ends in exactly one of: kept, kept with corrections, dropped as a duplicate,
rejected. The cleaning log has a line for every correction, duplicate and rejection: sheet,
Excel row, column, value found, what was done, and why, in plain words. A kept row may also carry
a note or a warning (a completion date later than the latest plausible date): these change no count.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from uncac_needs import ingest
from uncac_needs.vocabulary import reference
from uncac_needs.plumbing.folders import sha256_of
from uncac_needs.plumbing.writers import write_csv, write_json
from uncac_needs.clean.result import Cleaned, Tables
from uncac_needs.clean.parsers import (
    Parsed, Special, Unreadable, chapter_of_articles, is_blank, parse_articles, parse_category, parse_chapter,
    parse_date, parse_region, parse_state, parse_subcategory, show, tidy,
)

LOG_COLUMNS = ["sheet", "row", "column", "value", "action", "rule", "reason"]
OUTCOMES = ("kept", "corrected", "duplicate", "rejected")


@dataclass
class LogEntry:
    sheet: str
    row: int
    column: str
    value: str
    action: str      # corrected | noted | warning | duplicate | rejected
    rule: str
    reason: str


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

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet, "header_row": self.header_row, "rows_read": self.rows_read,
            "rows_kept": self.rows_kept, "rows_corrected": self.rows_corrected,
            "duplicates": self.duplicates, "rows_rejected": self.rows_rejected,
            "reasons": dict(sorted(self.reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        }


@dataclass
class CleanResult:
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
        return {role: s.as_dict()["reasons"] for role, s in self.summary.items()}

    def counts(self) -> dict[str, dict[str, int]]:
        keys = ("rows_read", "rows_kept", "rows_corrected", "duplicates", "rows_rejected")
        return {role: {k: getattr(s, k) for k in keys} for role, s in self.summary.items()}

    @property
    def cleaned(self) -> Cleaned:
        """What the statistics stage takes."""
        return Cleaned(Tables(self.reviews, self.needs, self.need_articles), self.counts(), self.reasons(),
                       self.source_sha256, self.suspect_dates, self.latest_date)


class _Row:
    """Collects what happens to one row; its outcome is the gravest thing that happened."""

    __slots__ = ("sheet", "excel_row", "cells", "positions", "entries", "rejected", "corrected")

    def __init__(self, sheet: ingest.RawSheet, excel_row: int, cells: list[Any]):
        self.sheet, self.excel_row, self.cells = sheet, excel_row, cells
        self.positions = sheet.columns
        self.entries: list[LogEntry] = []
        self.rejected = False
        self.corrected = False

    def raw(self, column: str) -> Any:
        pos = self.positions.get(column)
        if pos is None:
            return None
        value = self.cells[pos]
        return None if value == "" else value

    def _entry(self, column: str, value: Any, action: str, rule: str, reason: str) -> None:
        self.entries.append(LogEntry(self.sheet.name, self.excel_row, self.sheet.header_of(column) if column else "",
                                     show(value), action, rule, reason))

    def reject(self, column: str, rule: str, reason: str, value: Any = None) -> None:
        self.rejected = True
        self._entry(column, self.raw(column) if value is None and column else value, "rejected", rule, reason)

    def correct(self, column: str, rule: str, reason: str) -> None:
        self.corrected = True
        self._entry(column, self.raw(column), "corrected", rule, reason)

    def note(self, column: str, rule: str, reason: str) -> None:
        self._entry(column, self.raw(column), "noted", rule, reason)

    def warn(self, column: str, rule: str, reason: str) -> None:
        """A kept row whose value is read as written but is probably a typing error: it changes no count."""
        self._entry(column, self.raw(column), "warning", rule, reason)

    def parse(self, column: str, parser: Callable[[Any], Parsed], memo: dict) -> Parsed | None:
        """Read one cell (each distinct value is parsed once); log the reading or the rejection."""
        raw = self.raw(column)
        if isinstance(raw, Special):
            self.reject(column, raw.rule, raw.explain())
            return None
        result = _cached(memo, parser, raw)
        if isinstance(result, Unreadable):
            self.reject(column, result.rule, str(result))
            return None
        if result.note:
            self.correct(column, result.rule, result.note)
        return result


def _is_record(row: _Row, columns: tuple[str, ...], state_memo: dict) -> bool:
    """False for notes and headings typed into the table: nothing in the key columns, or one lone
    cell in the State column that names no State (a sentence such as 'Source: ...')."""
    first = None
    for c in columns:
        v = row.raw(c)
        if v is not None and not (v.__class__ is str and not v.strip()):
            if first is not None:
                return True          # two key columns filled: a record (the common case, decided fast)
            first = c
    if first is None:
        return False
    if first != "state":
        return True
    if sum(1 for c in row.cells if not is_blank(c)) > 1:
        return True
    raw = row.raw("state")
    if isinstance(raw, Special):
        return True              # an error or a formula: say so, rather than call it a note
    result = state_memo.get((type(raw), raw))
    if result is None:
        try:
            result = parse_state(raw)
        except Unreadable as exc:
            result = exc
        state_memo[(type(raw), raw)] = result
    return not isinstance(result, Unreadable)


def _finish(rows: list[_Row], summary: SheetSummary, log: list[LogEntry], duplicate_of: dict[int, str]) -> None:
    for row in rows:
        summary.rows_read += 1
        if row.rejected:
            summary.rows_rejected += 1
            entries = [e for e in row.entries if e.action == "rejected"]
        elif row.excel_row in duplicate_of:
            summary.duplicates += 1
            entries = [LogEntry(row.sheet.name, row.excel_row, "", "", "duplicate", "duplicate", duplicate_of[row.excel_row])]
        else:
            summary.rows_kept += 1
            summary.rows_corrected += row.corrected
            entries = row.entries
        log.extend(entries)
        summary.reasons.update(e.rule for e in entries)


# --------------------------------------------------------------------------- reviews

def _clean_reviews(sheet: ingest.RawSheet, log: list[LogEntry], latest: dt.date
                   ) -> tuple[pd.DataFrame, SheetSummary, dict[str, str], list[dict[str, Any]]]:
    states = reference.states()
    earliest = reference.workbook_schema()["earliest_summary_date"]
    summary = SheetSummary("reviews", sheet.name, sheet.header_row)
    memo: dict[str, dict] = {"state": {}, "summary_date": {}, "regional_group": {}}
    rows: list[_Row] = []
    records: list[dict[str, Any]] = []
    first_row: dict[str, tuple[int, dt.date]] = {}
    duplicate_of: dict[int, str] = {}
    rejected_states: dict[str, str] = {}
    suspect: list[dict[str, Any]] = []

    for excel_row, cells in sheet.rows:
        row = _Row(sheet, excel_row, cells)
        rows.append(row)
        if not _is_record(row, ("state", "summary_date"), memo["state"]):
            row.reject("", "not_a_record", "the row names no State and gives no date to count; it looks like a note or a heading",
                       value=" | ".join(show(c) for c in cells if not is_blank(c))[:200])
            continue
        state = row.parse("state", parse_state, memo["state"])
        date = row.parse("summary_date", parse_date, memo["summary_date"])
        if date is not None and date.value < earliest:
            row.reject("summary_date", "date_too_early",
                       f"{date.value.isoformat()} is before the second review cycle began ({earliest.year})")
        group, source = None, "reference"
        if state is not None:
            ref_group = states[state.value].regional_group
            group = ref_group
            if "regional_group" in sheet.columns:
                raw_group = row.raw("regional_group")
                try:
                    parsed = memo["regional_group"].get((type(raw_group), raw_group)) or parse_region(raw_group)
                    memo["regional_group"][(type(raw_group), raw_group)] = parsed
                except Unreadable:
                    parsed = None
                    row.correct("regional_group", "region_unknown",
                                f"'{tidy(show(raw_group))}' is not a known regional group; the reference table's group "
                                f"({reference.regions()[ref_group].name_en}) is used")
                if parsed is not None and parsed.value is not None:
                    if parsed.note:
                        row.correct("regional_group", parsed.rule, parsed.note)
                    if parsed.value != ref_group:
                        row.note("regional_group", "region_differs",
                                 f"the sheet says {reference.regions()[parsed.value].name_en}, the reference table says "
                                 f"{reference.regions()[ref_group].name_en}; the sheet's group is used")
                    group, source = parsed.value, "sheet"
        if row.rejected:
            if state is not None:
                rejected_states.setdefault(state.value, f"its row {excel_row} in sheet '{sheet.name}' was rejected")
            continue
        earlier = first_row.get(state.value)
        if earlier is not None:
            if earlier[1] == date.value:
                duplicate_of[excel_row] = (f"{states[state.value].name_en} is already listed in row {earlier[0]} "
                                           "with the same date; this row is dropped")
            else:
                row.reject("state", "state_listed_twice",
                           f"{states[state.value].name_en} is already listed in row {earlier[0]} with the date "
                           f"{earlier[1].isoformat()}; this row's date {date.value.isoformat()} is not used. "
                           "Keep one row per State")
            continue
        first_row[state.value] = (excel_row, date.value)
        if date.value > latest:
            row.warn("summary_date", "summary_date_future",
                     f"{date.value.isoformat()} is later than {latest.isoformat()}, the latest date a completed summary "
                     "can have in this run (the document's date or the day of the run): probably a typing error. "
                     "The State is kept, and counts only at cutoffs on or after that date; check the date")
            suspect.append({"state": state.value, "state_name": states[state.value].name_en, "sheet": sheet.name,
                            "row": excel_row, "date": date.value.isoformat()})
        records.append({
            "state": state.value, "state_name": states[state.value].name_en, "summary_date": date.value,
            "regional_group": group, "region_source": source, "sheet_row": excel_row,
        })

    _finish(rows, summary, log, duplicate_of)
    for iso3 in first_row:
        rejected_states.pop(iso3, None)
    table = pd.DataFrame.from_records(records, columns=["state", "state_name", "summary_date", "regional_group",
                                                        "region_source", "sheet_row"])
    table["summary_date"] = pd.to_datetime(table["summary_date"]).astype("datetime64[s]")
    table["sheet_row"] = table["sheet_row"].astype("int64")
    return table, summary, rejected_states, suspect


# --------------------------------------------------------------------------- needs

def _norm_text(value: Any) -> str | None:
    """A free-text cell as duplicates are compared: white space and case do not count."""
    if value is None:
        return None
    text = " ".join((value if value.__class__ is str else show(value)).split()).casefold()
    return text or None


class _NeedContext:
    """What every need row is checked against, and the memos that make each distinct value parsed once."""

    def __init__(self, sheet: ingest.RawSheet, completed: set[str], rejected_states: dict[str, str]):
        self.sheet, self.completed, self.rejected_states = sheet, completed, rejected_states
        self.memo: dict[str, dict] = {c: {} for c in ("state", "chapter", "article", "category", "subcategory")}
        self.placement: dict[tuple, str | Unreadable] = {}
        self.seen: dict[tuple, int] = {}
        self.duplicate_of: dict[int, str] = {}
        self.columns = ["need_key", "need_id", "state", "chapter", "articles", "category", "subcategory",
                        "description", "sheet_row", *(f"extra: {n}" for n in sheet.extras)]
        self.records: dict[str, list] = {c: [] for c in self.columns}     # the kept needs, column by column

    def place(self, articles: tuple[int, ...], chapter: str | None) -> str | Unreadable:
        placed = self.placement.get((articles, chapter))
        if placed is None:
            try:
                placed = chapter_of_articles(articles, chapter)
            except Unreadable as exc:
                placed = exc
            self.placement[(articles, chapter)] = placed
        return placed

    def keep(self, excel_row: int, cells: list[Any], state: str, chapter: str, articles: tuple[int, ...],
             category: str, sub: str | None) -> bool:
        """Record a need that passed every check; False (and nothing recorded) if it repeats an earlier row."""
        sheet = self.sheet
        need_id = cells[sheet.columns["need_id"]] if "need_id" in sheet.columns else None
        description = cells[sheet.columns["description"]] if "description" in sheet.columns else None
        need_id = None if need_id == "" else need_id
        description = None if description == "" else description
        extra_values = {name: (None if is_blank(cells[pos]) else show(cells[pos])) for name, pos in sheet.extras.items()}
        key = (
            _norm_text(need_id) if "need_id" in sheet.columns else None,
            state, chapter, articles, category, sub, _norm_text(description),
            *(None if v is None else tidy(v).casefold() for v in extra_values.values()),
        )
        if key in self.seen:
            self.duplicate_of[excel_row] = (f"identical to row {self.seen[key]} once spellings are read; "
                                            "entered twice, counted once")
            return False
        self.seen[key] = excel_row
        values = (excel_row, show(need_id) if need_id is not None else str(excel_row), state, chapter,
                  ";".join(str(a) for a in articles), category, sub,
                  None if description is None else show(description), excel_row, *extra_values.values())
        for column, value in zip(self.columns, values):
            self.records[column].append(value)
        return True


def _cached(memo: dict, parser: Callable[[Any], Parsed], raw: Any) -> Parsed | Unreadable:
    key = (type(raw), raw)
    result = memo.get(key)
    if result is None:
        try:
            result = parser(raw)
        except Unreadable as exc:
            result = exc
        memo[key] = result
    return result


def _need_fast(ctx: _NeedContext, excel_row: int, cells: list[Any]) -> bool:
    """The common case, decided without building a log: every cell in standard form, the need new.

    Returns False whenever anything needs a word in the log (a correction, a rejection, a duplicate): the
    row then goes through `_need_row`, which applies the same rules and says what it did.
    """
    cols = ctx.sheet.columns
    values = {}
    for column, parser in (("state", parse_state), ("chapter", parse_chapter), ("article", parse_articles),
                           ("category", parse_category), ("subcategory", parse_subcategory)):
        pos = cols.get(column)
        raw = None if pos is None else cells[pos]
        if raw == "":
            raw = None
        if isinstance(raw, Special):
            return False
        result = _cached(ctx.memo[column], parser, raw)
        if isinstance(result, Unreadable) or result.note:
            return False
        values[column] = result.value
    if values["state"] not in ctx.completed or values["category"] is None:
        return False
    sub = values["subcategory"]
    if sub is not None and values["category"] != "capacity_building":
        return False
    placed = ctx.place(values["article"], values["chapter"])
    if not isinstance(placed, str):
        return False
    if not ctx.keep(excel_row, cells, values["state"], placed, values["article"], values["category"], sub):
        del ctx.duplicate_of[excel_row]      # a duplicate: the full path logs it
        return False
    return True


def _need_row(ctx: _NeedContext, row: _Row) -> None:
    """One need row, every rule applied and every correction, rejection or duplicate logged."""
    sheet, memo, states = ctx.sheet, ctx.memo, reference.states()
    if not _is_record(row, ("state", "chapter", "article", "category"), memo["state"]):
        row.reject("", "not_a_record",
                   "the row names no State, chapter, article or category; it looks like a note or a heading",
                   value=" | ".join(show(c) for c in row.cells if not is_blank(c))[:200])
        return
    state = row.parse("state", parse_state, memo["state"])
    if state is not None and state.value not in ctx.completed:
        why = ctx.rejected_states.get(state.value, "it has no row in the reviews sheet")
        row.reject("state", "state_without_summary",
                   f"{states[state.value].name_en} has no completed executive summary ({why}), so its needs cannot be counted")
    chapter = row.parse("chapter", parse_chapter, memo["chapter"])
    articles = row.parse("article", parse_articles, memo["article"])
    effective = None
    if chapter is not None and articles is not None:
        placed = ctx.place(articles.value, chapter.value)
        if isinstance(placed, str):
            effective = placed
        else:
            column = "chapter" if placed.rule == "chapter_and_article_missing" else "article"
            if column not in sheet.columns:
                column = "article" if "article" in sheet.columns else "chapter"
            row.reject(column, placed.rule, str(placed))
    category = row.parse("category", parse_category, memo["category"])
    sub = None
    if "subcategory" in sheet.columns:
        raw_sub = row.raw("subcategory")
        parsed_sub = _cached(memo["subcategory"], parse_subcategory, raw_sub)
        if isinstance(parsed_sub, Unreadable):
            if category is None or category.value == "capacity_building":
                row.correct("subcategory", "subcategory_unknown", f"{parsed_sub}; the need is counted as unspecified")
        elif parsed_sub.value is not None:
            if category is not None and category.value != "capacity_building":
                row.correct("subcategory", "subcategory_not_applicable",
                            f"subcategories apply to capacity-building only; ignored for "
                            f"{reference.categories()[category.value].name_en}")
            else:
                if parsed_sub.note:
                    row.correct("subcategory", parsed_sub.rule, parsed_sub.note)
                sub = parsed_sub.value
    if row.rejected:
        return
    ctx.keep(row.excel_row, row.cells, state.value, effective, articles.value, category.value, sub)


def _clean_needs(sheet: ingest.RawSheet, completed: set[str], rejected_states: dict[str, str],
                 log: list[LogEntry]) -> tuple[pd.DataFrame, pd.DataFrame, SheetSummary]:
    summary = SheetSummary("needs", sheet.name, sheet.header_row)
    ctx = _NeedContext(sheet, completed, rejected_states)
    rows: list[_Row] = []          # the rows that took the full path (those that may have something to log)
    plain = 0                      # rows kept as they were written, decided on the fast path
    for excel_row, cells in sheet.rows:
        if _need_fast(ctx, excel_row, cells):
            plain += 1
            continue
        row = _Row(sheet, excel_row, cells)
        rows.append(row)
        _need_row(ctx, row)
    summary.rows_read += plain
    summary.rows_kept += plain

    _finish(rows, summary, log, ctx.duplicate_of)
    columns = ctx.columns
    needs = pd.DataFrame(ctx.records, columns=columns)
    for col in ("need_key", "sheet_row"):
        needs[col] = needs[col].astype("int64")
    for col in columns:
        if col not in ("need_key", "sheet_row"):
            needs[col] = needs[col].astype("string")
    exploded = needs[["need_key", "articles"]].assign(article=needs["articles"].str.split(";")).explode("article")
    exploded = exploded[exploded["article"].notna() & (exploded["article"] != "")]
    need_articles = pd.DataFrame({
        "need_key": exploded["need_key"].astype("int64").to_numpy(),
        "article": exploded["article"].astype("int64").to_numpy(),
    })
    return needs, need_articles, summary


# --------------------------------------------------------------------------- the whole workbook

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
    reviews, reviews_summary, rejected_states, suspect = _clean_reviews(sheets["reviews"], log, latest)
    needs, need_articles, needs_summary = _clean_needs(sheets["needs"], set(reviews["state"]), rejected_states, log)
    return CleanResult(reviews, needs, need_articles, log, {"reviews": reviews_summary, "needs": needs_summary},
                       path, sha256_of(path), suspect, latest)


def write_outputs(result: CleanResult, out_dir: Path | str) -> dict[str, Path]:
    """The processed tables (Parquet), the cleaning log (CSV) and the row accounting (JSON)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "reviews": out / "reviews.parquet",
        "needs": out / "needs.parquet",
        "need_articles": out / "need_articles.parquet",
        "log": out / "cleaning_log.csv",
        "summary": out / "cleaning_summary.json",
    }
    result.reviews.to_parquet(paths["reviews"], index=False)
    result.needs.to_parquet(paths["needs"], index=False)
    result.need_articles.to_parquet(paths["need_articles"], index=False)
    write_log(result.log, paths["log"])
    write_json(paths["summary"], {
        "source": result.source.name, "source_sha256": result.source_sha256,
        "sheets": {role: s.as_dict() for role, s in result.summary.items()},
        "latest_date": None if result.latest_date is None else result.latest_date.isoformat(),
        "suspect_dates": result.suspect_dates,
    })
    return paths


def write_log(log: list[LogEntry], path: Path) -> None:
    write_csv(path, LOG_COLUMNS, ([e.sheet, e.row, e.column, e.value, e.action, e.rule, e.reason] for e in log))


def load_outputs(out_dir: Path | str) -> Cleaned:
    """The cleaning's files read back, as the statistics stage takes them."""
    out = Path(out_dir)
    summary = json.loads((out / "cleaning_summary.json").read_text(encoding="utf-8"))
    keys = ("rows_read", "rows_kept", "rows_corrected", "duplicates", "rows_rejected")
    counts = {role: {k: s[k] for k in keys} for role, s in summary["sheets"].items()}
    reasons = {role: s["reasons"] for role, s in summary["sheets"].items()}
    tables = Tables(pd.read_parquet(out / "reviews.parquet"), pd.read_parquet(out / "needs.parquet"),
                    pd.read_parquet(out / "need_articles.parquet"))
    latest = summary.get("latest_date")
    return Cleaned(tables, counts, reasons, summary["source_sha256"], summary.get("suspect_dates", []),
                   None if latest is None else dt.date.fromisoformat(latest))


def log_frame(result: CleanResult) -> pd.DataFrame:
    """The cleaning log as a DataFrame, for display."""
    return pd.DataFrame([[e.sheet, e.row, e.column, e.value, e.action, e.rule, e.reason] for e in result.log],
                        columns=LOG_COLUMNS)
