"""The report folder's landing page, index.html: the headline figures, the report in each language, the files
of the run, and the reports of the other sessions found beside this one (in the same reports/ folder)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from uncac_needs import session as session_mod
from uncac_needs.plumbing.provenance import Provenance
from uncac_needs.report.page import environment, running_header
from uncac_needs.vocabulary import i18n

#: the run's files a reader may open beside the reports, in the order the page lists them
FILES = ("statistics.json", "statistics.xlsx", "cleaning_log.csv", "evidence.json", "manifest.json", "notebooks/")
#: a file listed where the report folder has it: changes.json, where the run had the previous report
#: the name of a report folder while it is being made (pipeline/folder.py): .<name>.partial-<pid>
_STAGING = re.compile(r"^\.(.+)\.partial-\d+$")


@dataclass(frozen=True)
class Headline:
    """One headline figure: what it counts and its value, in the language."""

    measure: str
    value: str


@dataclass(frozen=True)
class Other:
    """Another session's report in the same reports/ folder."""

    folder: str              # its folder's name: the link is ../<folder>/index.html
    title: str               # its document symbol, or its id
    cutoff: str              # its cutoff date, in the language


@dataclass(frozen=True)
class Section:
    """The page's texts in one language."""

    lang: str
    labels: dict             # the catalog's `index` labels (report, html, pdf, data, files, …)
    title: str
    meta: str                # the meeting and the cutoff, or what a draft is
    banner: str              # the synthetic-sample warning, or nothing
    headline: list[Headline]
    others: list[Other]


def headline(statistics: dict, lang: str) -> list[Headline]:
    """The figures the summary opens with (statistics.json): States with a completed summary, States with
    needs, needs, and the needs of each chapter."""
    measures, n = i18n.label(lang, "measures"), lambda v: i18n.number(v, lang)
    overview = statistics.get("overview") or {}
    out = [Headline(measures[key], n(overview[key])) for key in ("states_completed", "states_with_needs", "needs")
           if key in overview]
    for chapter, values in (statistics.get("by_chapter") or {}).items():
        if f"needs_{chapter}" in measures:
            out.append(Headline(measures[f"needs_{chapter}"], n(values["needs"])))
    return out


def other_reports(folder: Path) -> list[tuple[str, dict]]:
    """The other report folders beside `folder` (the one being made, possibly under its staging name): each
    folder with an index.html and a session.yaml, with the session it was made from, by cutoff."""
    staging = _STAGING.match(folder.name)
    own = staging[1] if staging else folder.name
    out = []
    for sibling in sorted(folder.parent.iterdir()) if folder.parent.is_dir() else []:
        if sibling.name.startswith(".") or sibling.name == own or not (sibling / "index.html").is_file():
            continue
        try:
            data = yaml.safe_load((sibling / "session.yaml").read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and data.get("cutoff_date"):
            out.append((sibling.name, data))
    return sorted(out, key=lambda item: (str(item[1]["cutoff_date"]), item[0]))      # in the order of the cutoffs


def _other(name: str, data: dict, lang: str) -> Other:
    """Another report, named as its session file names it: its document symbol, else its meeting (a document
    without a symbol), else its id (a draft)."""
    document, meeting = data.get("document") or {}, data.get("meeting") or {}
    title = None
    if not data.get("draft"):
        session = meeting.get("session") if isinstance(meeting, dict) else None
        title = (document.get("symbol") if isinstance(document, dict) else None) or \
            (session.get(lang) or session.get("en") if isinstance(session, dict) else session)
    return Other(name, str(title or data.get("id") or name), i18n.date(str(data["cutoff_date"]), lang))


def _section(lang: str, sess: session_mod.Session, prov: Provenance, statistics: dict,
             others: list[tuple[str, dict]]) -> Section:
    labels = i18n.label(lang, "index")
    cutoff = i18n.date(sess.cutoff_date, lang)
    if sess.draft:
        meta = labels["meta_draft"].format(cutoff=cutoff)
    else:
        meta = labels["meta"].format(session=session_mod.text(sess.meeting.session, lang),
                                     place=session_mod.text(sess.meeting.place, lang),
                                     dates=i18n.date_range(sess.meeting.start_date, sess.meeting.end_date, lang),
                                     cutoff=cutoff)
    banner = i18n.label(lang, "banner.synthetic").format(workbook=Path(prov.workbook).name) if prov.synthetic else ""
    return Section(lang, labels, i18n.label(lang, "masthead.title"), meta, banner, headline(statistics, lang),
                   [_other(name, data, lang) for name, data in others])


def _files(folder: Path | None) -> tuple[str, ...]:
    """The data and audit files the landing page lists (changes.json where the run wrote it)."""
    changes = folder is not None and (folder / "changes.json").is_file()
    return FILES[:4] + ("changes.json",) + FILES[4:] if changes else FILES


def render_index(sess: session_mod.Session, prov: Provenance, langs: list[str], pdf: bool,
                 folder: Path | None = None) -> str:
    """index.html: one section a language (its headline figures, its report, HTML and PDF, the other sessions'
    reports), then the data and audit files. `folder` is the report folder being written (its statistics.json
    gives the figures; its siblings are the other sessions' reports)."""
    statistics, others = {}, []
    if folder is not None:
        path = folder / "statistics.json"
        statistics = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        others = other_reports(folder)
    return environment().get_template("index.html.j2").render(
        langs=langs, symbol=running_header(langs[0], sess), files=_files(folder), pdf=pdf,
        sections=[_section(lang, sess, prov, statistics, others) for lang in langs])
