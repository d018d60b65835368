"""The report's trail to the workbook (issue 12): what changed since the previous analysis (changes.json) and
the rows behind every figure in each language (<lang>/evidence.html), written into the report folder with the
rest, before its manifest."""
from __future__ import annotations

from pathlib import Path

from uncac_needs import session as session_mod
from uncac_needs.pipeline import changes
from uncac_needs.report import evidence_page

find_previous = changes.find_previous


def write_changes(stage: Path, sess: session_mod.Session, previous: Path | None) -> None:
    """changes.json where there is a previous report folder, before the reports (their annex V reads it)."""
    if previous is not None:
        changes.write(changes.changes(previous, stage / "processed", sess.previous_cutoff_date), stage)


def write(stage: Path, sess: session_mod.Session, langs: list[str], previous: Path | None) -> None:
    """evidence.html in every language (changes.json, if not written yet, first)."""
    if previous is not None and not (stage / changes.FILE).is_file():
        write_changes(stage, sess, previous)
    evidence_page.write(stage, langs)
