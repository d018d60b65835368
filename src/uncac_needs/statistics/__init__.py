"""Stage 3 — statistics: every figure of the note for any cutoff date, computed once, typed.

`compute` takes the cleaning's result (`clean.result.Cleaned`) and returns a `Statistics`: the
sections of the note (statistics/sections.py, one function each), the row accounting of the
cleaning, and the reconciliation with the figures the published notes state for that cutoff
(statistics/reconcile.py). `write` puts it into statistics.json and statistics.xlsx; the command line
and the statistics notebook both call `run`, which does the two.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from uncac_needs.clean.result import Cleaned
from uncac_needs.statistics import drift, model, reconcile, sections, topics
from uncac_needs.statistics.model import Statistics

__all__ = ["Statistics", "compute", "run", "write", "as_date"]


def as_date(day: dt.date | str | None) -> dt.date | None:
    """A cutoff as a date: ISO text (a session file, a papermill parameter) is read here, once; None or empty
    text (a notebook's parameter left empty) is no date."""
    if day is None or day == "" or isinstance(day, dt.date):
        return day or None
    return dt.date.fromisoformat(str(day))


def compute(cleaned: Cleaned, cutoff: dt.date | str, previous_cutoff: dt.date | str | None = None) -> Statistics:
    """All the figures of the note at `cutoff`, the change since `previous_cutoff`, and the reconciliation."""
    cutoff, previous_cutoff = as_date(cutoff), as_date(previous_cutoff)
    sel = sections.select(cleaned.tables, cutoff)
    chapters = sections.by_chapter(sel)
    articles = sections.articles(sel)
    first, last = tuple(chapters)[0], tuple(chapters)[-1]
    tags = topics.review(sel)
    stats = Statistics(
        parameters=model.Parameters(cutoff_date=cutoff, previous_cutoff_date=previous_cutoff),
        overview=sections.overview(sel),
        by_chapter=chapters,
        by_category=sections.by_category(sel),
        by_region=sections.by_region(sel),
        articles=articles,
        chapter_ii=model.ChapterII(groups=sections.chapter_groups(sel, first, chapters[first].needs)),
        chapter_v=model.ChapterV(by_category=sections.chapter_categories(sel, last)),
        combined=sections.combined(sel, chapters, articles),
        capacity_building=sections.capacity_building(sel),
        cross_cutting=sections.cross_cutting(sel),
        change=sections.change(cleaned.tables, sel, previous_cutoff),
        topics=topics.topics(sel, tags),
        topic_review=tags,
        cleaning=cleaned.counts,
        cleaning_reasons=cleaned.reasons,
        cleaning_suspect_dates=cleaned.suspect_dates,
        # the rejected rows that would have counted at the cutoff: those whose date is not known to be later
        cleaning_rejected=[r for r in cleaned.rejected if not r.get("date") or r["date"] <= cutoff.isoformat()] or None,
    )
    if previous_cutoff is not None and drift.published(previous_cutoff):      # the change from what was published
        stats = drift.apply(stats, compute(cleaned, previous_cutoff))
    return stats.with_reconciliation(reconcile.reconcile(stats))


def write(stats: Statistics, json_path: Path | None = None, xlsx_path: Path | None = None,
          langs: tuple[str, ...] = ("en", "zh"), evidence=None, evidence_path: Path | None = None) -> None:
    """statistics.json and statistics.xlsx (headings in every language of `langs`); with the `evidence`
    (statistics.evidence.collect), its sheet in statistics.xlsx and evidence.json at `evidence_path`."""
    from uncac_needs.statistics import files

    if json_path is not None:
        Path(json_path).write_text(stats.to_json(), encoding="utf-8")
    if xlsx_path is not None:
        files.write_statistics_xlsx(stats, xlsx_path, langs, evidence)
    if evidence is not None and evidence_path is not None:
        evidence.write(evidence_path)


def run(cleaned: Cleaned | Path | str, cutoff: dt.date | str, previous_cutoff: dt.date | str | None = None,
        out_dir: Path | str | None = None, langs: tuple[str, ...] | str = ("en", "zh")) -> Statistics:
    """The statistics stage: from the cleaning (or the folder it wrote) to statistics.json and .xlsx (with the
    rows behind each figure, also in evidence.json) in `out_dir`.

    The command line and the statistics notebook both call it; the notebook's parameters are text, so the
    languages may be given as "en,zh" and an empty previous cutoff means none."""
    from uncac_needs.statistics import evidence

    if isinstance(langs, str):
        langs = tuple(lang.strip() for lang in langs.split(",") if lang.strip())

    source = evidence.Source(cleaned) if isinstance(cleaned, Cleaned) else evidence.Source.from_folder(cleaned)
    stats = compute(source.cleaned, cutoff, previous_cutoff)
    if out_dir is not None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        write(stats, out / "statistics.json", out / "statistics.xlsx", langs,
              evidence.collect(source, cutoff, previous_cutoff), out / "evidence.json")
    return stats
