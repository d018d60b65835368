"""The rows behind every figure: for each key of statistics.json, the ids of the needs (or reviews) it counts.

The sets are taken from the same selection (`sections.select`) and the same columns as the figures of
statistics/sections.py, so a figure and its evidence follow one rule: a count is the number of its ids, a
"States" figure the number of distinct States of its ids, a share has the ids of its numerator, a rank
the ids of the item ranked. The property test (tests/test_evidence.py) checks this for every figure.

A need's id is the keepers' `need_id`; where the row has none (or shares its id with another kept row),
`<sheet>!<Excel row>`. A review row (the States completed) is `<sheet>!<Excel row>` of the reviews sheet.
Needs citing no article and the rows the cleaning rejected have their own lists.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from uncac_needs.clean.result import Cleaned
from uncac_needs.statistics import evidence_sets, sections
from uncac_needs.statistics.evidence_sets import SECTIONS, is_states, natural

#: the sheet names where the cleaning's files do not say them
DEFAULT_SHEETS = {"reviews": "reviews", "needs": "needs"}


@dataclass(frozen=True)
class Evidence:
    """Per figure key, the sorted ids behind it; per "States" figure, its States; per id, its row."""

    cutoff: dt.date
    figures: dict[str, list[str]]
    states: dict[str, list[str]]
    rows: dict[str, dict[str, Any]]
    without_article: list[str] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"cutoff_date": self.cutoff.isoformat(), "figures": self.figures, "states": self.states,
                "needs_without_article": self.without_article, "rejected": self.rejected, "rows": self.rows}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def write(self, path: Path | str) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")


# --------------------------------------------------------------------------- ids and rows

def need_ids(needs: pd.DataFrame, sheet: str) -> pd.Series:
    """Each kept need's id, by need_key: the keepers' need_id, else (none, or not unique) `<sheet>!<row>`."""
    given = needs["need_id"].astype("string")
    own = given.notna() & (given != needs["sheet_row"].astype(str)) & ~given.duplicated(keep=False)
    ids = given.where(own, sheet + "!" + needs["sheet_row"].astype(str))
    return pd.Series(ids.to_numpy(), index=needs["need_key"].to_numpy(), dtype="string")


def _text(value: Any) -> Any:
    return None if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) else value


def _need_rows(needs: pd.DataFrame, ids: pd.Series, sheet: str) -> dict[str, dict[str, Any]]:
    rows = {}
    for rec in needs.to_dict("records"):
        articles = _text(rec["articles"])
        rows[str(ids[rec["need_key"]])] = {
            "kind": "need", "state": rec["state"], "chapter": _text(rec["chapter"]),
            "articles": [int(a) for a in articles.split(";")] if articles else [],
            "category": _text(rec["category"]), "subcategory": _text(rec["subcategory"]),
            "description": _text(rec["description"]), "sheet": sheet, "row": int(rec["sheet_row"])}
    return rows


def _review_rows(reviews: pd.DataFrame, sheet: str) -> dict[str, dict[str, Any]]:
    return {f"{sheet}!{int(rec['sheet_row'])}": {
        "kind": "review", "state": rec["state"], "summary_date": pd.Timestamp(rec["summary_date"]).date().isoformat(),
        "regional_group": _text(rec["regional_group"]), "sheet": sheet, "row": int(rec["sheet_row"])}
        for rec in reviews.to_dict("records")}


def _rejected(log: pd.DataFrame, cleaned: Cleaned, cutoff: dt.date) -> list[dict[str, Any]]:
    """The rows the cleaning rejected that would have counted at the cutoff, once each, with the columns and
    reasons of their rejection. Within the cutoff as statistics.json's cleaning_rejected has them (a row whose
    date, its own or its State's summary's, is known and later is left out); every rejected row where the
    cleaning did not say (files of an older cleaning)."""
    out = []
    rejected = log[log["action"] == "rejected"]
    if cleaned.rejected:
        later = {(r["sheet_name"], int(r["row"])) for r in cleaned.rejected if r.get("date") and r["date"] > cutoff.isoformat()}
        rejected = rejected[[(sh, int(r)) not in later for sh, r in zip(rejected["sheet"], rejected["row"])]]
    for (sheet, row), entries in rejected.groupby(["sheet", "row"], sort=False):
        out.append({"id": f"{sheet}!{int(row)}", "sheet": sheet, "row": int(row),
                    "columns": [str(c) for c in entries["column"]], "values": [str(v) for v in entries["value"]],
                    "reasons": [str(r) for r in entries["reason"]], "rules": [str(r) for r in entries["rule"]]})
    return sorted(out, key=lambda r: (r["sheet"], r["row"]))


# --------------------------------------------------------------------------- what the evidence is drawn from

@dataclass(frozen=True)
class Source:
    """The cleaning as the evidence reads it: the cleaned tables, the sheets' names, the cleaning log."""

    cleaned: Cleaned
    sheets: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SHEETS))
    log: pd.DataFrame | None = None       # the cleaning log's columns (clean.LOG_COLUMNS)

    @classmethod
    def from_result(cls, result) -> "Source":
        """From a cleaning in memory (clean.CleanResult)."""
        from uncac_needs.clean import log_frame

        return cls(result.cleaned, {role: s.sheet for role, s in result.summary.items()}, log_frame(result))

    @classmethod
    def from_folder(cls, folder: Path | str) -> "Source":
        """From the files the cleaning wrote (cleaning_summary.json, cleaning_log.csv, the tables)."""
        from uncac_needs.clean import load_outputs

        folder = Path(folder)
        summary = json.loads((folder / "cleaning_summary.json").read_text(encoding="utf-8"))
        log_path = folder / "cleaning_log.csv"
        log = pd.read_csv(log_path, dtype=str, keep_default_na=False) if log_path.is_file() else None
        if log is not None:
            log["row"] = log["row"].astype(int)
        sheets = {role: s.get("sheet", DEFAULT_SHEETS.get(role, role)) for role, s in summary["sheets"].items()}
        return cls(load_outputs(folder), sheets, log)


def collect(source: Source | Cleaned, cutoff: dt.date | str, previous_cutoff: dt.date | str | None = None) -> Evidence:
    """The evidence of every figure statistics.compute gives for the same cleaning and cutoffs."""
    from uncac_needs.statistics import as_date

    if isinstance(source, Cleaned):
        source = Source(source)
    cutoff, previous_cutoff = as_date(cutoff), as_date(previous_cutoff)
    tables, sheets = source.cleaned.tables, source.sheets
    sel = sections.select(tables, cutoff)
    before = sections.select(tables, previous_cutoff) if previous_cutoff else None
    id_of = need_ids(tables.needs, sheets["needs"])
    now = evidence_sets.Arrays(sel, id_of, sheets["reviews"])
    then = evidence_sets.Arrays(before, id_of, sheets["reviews"]) if before is not None else None

    figures: dict[str, list[str]] = {}
    states: dict[str, list[str]] = {}
    for key, found in itertools.chain(*(section(now) for section in SECTIONS), evidence_sets.change(now, then)):
        figures[key] = found.ids()
        if is_states(key):
            states[key] = found.states()
    if source.log is not None:
        for key, found in evidence_sets.cleaning(tables.needs, tables.reviews, id_of, sheets, source.log):
            figures[key] = sorted(found, key=natural)
    rows = _need_rows(tables.needs, id_of, sheets["needs"]) | _review_rows(tables.reviews, sheets["reviews"])
    general = now.need(~now.mask(now.cited_by))
    return Evidence(cutoff, figures, states, rows, general.ids(),
                    [] if source.log is None else _rejected(source.log, source.cleaned, cutoff))


SHEET_COLUMNS = ("figure", "value", "id", "state", "sheet", "row")


def write_sheet(wb, fmt, ev: Evidence, values: dict[str, Any], langs: tuple[str, ...]) -> None:
    """The sheet "evidence" of statistics.xlsx: one line per figure and row behind it (figures with no row:
    one line), with the row's State, sheet and Excel row; filterable by figure."""
    from uncac_needs.vocabulary import i18n

    ws = wb.add_worksheet("evidence")
    ws.write_string(0, 0, " / ".join(i18n.label(lang, "evidence.title") for lang in langs), fmt.title)
    for c, key in enumerate(SHEET_COLUMNS):
        ws.write_string(1, c, " / ".join(i18n.label(lang, f"evidence.{key}") for lang in langs), fmt.bold)
    r = 2
    for key, ids in ev.figures.items():
        for need in ids or [None]:
            row = ev.rows.get(need, {}) if need else {}
            ws.write_string(r, 0, key)
            value = values.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, 1, value, fmt.share if isinstance(value, float) else fmt.integer)
            for c, cell in enumerate((need, row.get("state"), row.get("sheet") or _sheet_of(need)), start=2):
                if cell:
                    ws.write_string(r, c, cell)
            excel_row = row.get("row") or _row_of(need)
            if excel_row:
                ws.write_number(r, 5, excel_row, fmt.integer)
            r += 1
    ws.autofilter(1, 0, max(r - 1, 1), len(SHEET_COLUMNS) - 1)
    ws.freeze_panes(2, 0)
    for c, width in enumerate((44, 10, 18, 8, 22, 10)):
        ws.set_column(c, c, width)


def _sheet_of(need: str | None) -> str | None:
    return need.rpartition("!")[0] or None if need else None


def _row_of(need: str | None) -> int | None:
    tail = need.rpartition("!")[2] if need and "!" in need else ""
    return int(tail) if tail.isdigit() else None
