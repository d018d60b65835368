"""The report's trail to the workbook (issue 12): what changed since the previous analysis (changes.json) and
the rows behind every figure in each language (<lang>/evidence.html), written into the report folder with the
rest, before its manifest."""
from __future__ import annotations

from pathlib import Path

from uncac_needs import session as session_mod
from uncac_needs.pipeline import changes
from uncac_needs.report import evidence_page

find_previous = changes.find_previous


def write(stage: Path, sess: session_mod.Session, langs: list[str], previous: Path | None) -> None:
    """changes.json where there is a previous report folder; evidence.html in every language."""
    if previous is not None:
        changes.write(changes.changes(previous, stage / "processed", sess.previous_cutoff_date), stage)
    evidence_page.write(stage, langs)
