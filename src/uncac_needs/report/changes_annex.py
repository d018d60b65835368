"""The annex 'What changed since the previous analysis' (issue 12, item 4): from changes.json, which the run
writes where it has the previous session's report folder (pipeline/changes.py), the rows added with a date
before the previous cutoff, the rows edited and the rows removed, each with its id, so that a drift between
the published previous figures and the current workbook is explained row by row. evidence.html lists the same
rows with all their cells; templates/note/annex_changes.html.j2 places them (compact in the PDF)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from uncac_needs.report import evidence_page
from uncac_needs.report.wording import Wording

FILE = "changes.json"


def load(folder: Path) -> dict[str, Any] | None:
    """changes.json of a report folder, if the run wrote one."""
    path = Path(folder) / FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def view(changes: dict[str, Any] | None, words: Wording) -> dict[str, Any] | None:
    """What the annex shows, in the report's language; None where the run had no previous report."""
    rows = evidence_page.changes_view(changes, words.lang)
    if rows is None:
        return None
    n = words.n
    intro = words.label("annex.changes.intro").format(
        report=rows["previous_report"], cutoff=rows["previous_cutoff"], added_before=n(len(rows["added_before"])),
        edited=n(len(rows["edited"])), removed=n(len(rows["removed"])), added_after=n(len(rows["added_after"])))
    return {**rows, "intro": intro}
