"""What changed in the workbook since the previous analysis, row by row (issue 12, item 4).

The previous session's report folder keeps the tables its cleaning made (`processed/`) and its statistics
(`statistics.json`, with its cutoff). Compared with this run's tables the way `uncac-needs diff` compares two
workbooks (pipeline/diff.py), they explain a drift between the published previous figures and what the
current workbook gives for that cutoff: needs added to States whose summary was already complete by the
previous cutoff (they would have counted then), needs edited, needs removed, and the same for the reviews.
The result is `changes.json` in the report folder; the annex of evidence.html lists it.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd

from uncac_needs.pipeline import diff
from uncac_needs.plumbing import config
from uncac_needs.plumbing.errors import UserError

FILE = "changes.json"


def _tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    summary = json.loads((folder / "cleaning_summary.json").read_text(encoding="utf-8"))
    sheets = {role: s["sheet"] for role, s in summary["sheets"].items()}
    return pd.read_parquet(folder / "needs.parquet"), pd.read_parquet(folder / "reviews.parquet"), sheets


def _cutoff_of(report: Path) -> dt.date | None:
    try:
        data = json.loads((report / "statistics.json").read_text(encoding="utf-8"))
        return dt.date.fromisoformat(data["parameters"]["cutoff_date"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def find_previous(previous_cutoff: dt.date | None, reports: Path | None = None, exclude: Path | None = None) -> Path | None:
    """The report folder under reports/ made at the previous cutoff (the latest written, if several)."""
    if previous_cutoff is None:
        return None
    reports = reports or config.REPORTS_DIR
    found = [p for p in sorted(reports.glob("*/statistics.json")) if (p.parent / "processed").is_dir()
             and _cutoff_of(p.parent) == previous_cutoff and p.parent.resolve() != (exclude and exclude.resolve())]
    return max(found, key=lambda p: p.stat().st_mtime).parent if found else None


def check_previous(report: Path) -> Path:
    """A folder given with --previous-report must be a report folder of this tool, with its processed tables."""
    if not (report / "processed" / "needs.parquet").is_file() or _cutoff_of(report) is None:
        raise UserError(f"{report} is not a report folder of uncac-needs (it should hold statistics.json and "
                        "processed/needs.parquet); give the folder of the previous session's report.")
    return report


def changes(previous_report: Path, processed: Path, previous_cutoff: dt.date | None = None) -> dict[str, Any]:
    """The rows added, edited and removed since the previous report; added needs split by whether their State's
    summary was complete by the previous cutoff (then they change the previous figures)."""
    cutoff = previous_cutoff or _cutoff_of(previous_report)
    old_needs, old_reviews, old_sheets = _tables(previous_report / "processed")
    new_needs, new_reviews, new_sheets = _tables(processed)
    needs = diff.diff_needs(diff.needs_frame(old_needs, old_sheets["needs"]), diff.needs_frame(new_needs, new_sheets["needs"]))
    reviews = diff.diff_reviews(old_reviews, new_reviews)
    dates = dict(zip(new_reviews["state"], pd.to_datetime(new_reviews["summary_date"]).dt.date))
    early = [i for i in needs.added if _completed(needs.rows["added"][i]["state"], dates, cutoff)]
    return {
        "previous_report": previous_report.name, "previous_cutoff": cutoff.isoformat() if cutoff else None,
        "needs": {"added_before_previous_cutoff": early, "added": needs.added, "removed": needs.removed,
                  "edited": [{"id": c.id, "fields": c.fields, "old_row": c.old_row, "new_row": c.new_row}
                             for c in needs.changed],
                  "unmatched": needs.unmatched, "rows": needs.rows},
        "reviews": {"added_before_previous_cutoff": [s for s in reviews.added
                                                     if _completed(s, dates, cutoff)],
                    "added": reviews.added, "removed": reviews.removed,
                    "edited": [{"id": c.id, "fields": c.fields} for c in reviews.changed], "rows": reviews.rows},
    }


def _completed(state: str, dates: dict, cutoff: dt.date | None) -> bool:
    day = dates.get(state)
    return cutoff is not None and day is not None and day <= cutoff


def write(found: dict[str, Any], folder: Path) -> Path:
    path = Path(folder) / FILE
    path.write_text(json.dumps(found, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    return path
