"""The cleaning's files: the processed tables (Parquet), the cleaning log (CSV), the row accounting (JSON)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from uncac_needs.clean.ledger import COUNTS, LOG_COLUMNS, LogEntry
from uncac_needs.clean.reasons import LOG_LANGUAGE
from uncac_needs.clean.result import Cleaned, Tables
from uncac_needs.clean.workbook import CleanResult
from uncac_needs.plumbing.writers import write_csv, write_json


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
        "rejected": result.cleaned.rejected,
    })
    return paths


def write_log(log: list[LogEntry], path: Path, lang: str = LOG_LANGUAGE) -> None:
    """The cleaning log as CSV, its reasons in `lang` (cleaning_log.csv: in LOG_LANGUAGE)."""
    write_csv(path, LOG_COLUMNS, (entry.as_row(lang) for entry in log))


def log_frame(result: CleanResult, lang: str = LOG_LANGUAGE) -> pd.DataFrame:
    """The cleaning log as a DataFrame, for display, its reasons in `lang`."""
    return pd.DataFrame([entry.as_row(lang) for entry in result.log], columns=LOG_COLUMNS)


def load_outputs(out_dir: Path | str) -> Cleaned:
    """The cleaning's files read back, as the statistics stage takes them."""
    out = Path(out_dir)
    summary = json.loads((out / "cleaning_summary.json").read_text(encoding="utf-8"))
    counts = {role: {k: s[k] for k in COUNTS} for role, s in summary["sheets"].items()}
    reasons = {role: s["reasons"] for role, s in summary["sheets"].items()}
    tables = Tables(pd.read_parquet(out / "reviews.parquet"), pd.read_parquet(out / "needs.parquet"),
                    pd.read_parquet(out / "need_articles.parquet"))
    latest = summary.get("latest_date")
    return Cleaned(tables, counts, reasons, summary["source_sha256"], summary.get("suspect_dates", []),
                   None if latest is None else dt.date.fromisoformat(latest), summary.get("rejected", []))
