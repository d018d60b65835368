"""The report folder's landing page, index.html: the report in each language and the files of the run."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from uncac_needs import session as session_mod
from uncac_needs.plumbing.provenance import Provenance
from uncac_needs.report.page import environment, running_header
from uncac_needs.vocabulary import i18n

#: the run's files a reader may open beside the reports, in the order the page lists them
FILES = ("statistics.json", "statistics.xlsx", "cleaning_log.csv", "manifest.json", "notebooks/")


@dataclass(frozen=True)
class Section:
    """The page's texts in one language."""

    lang: str
    labels: dict             # the catalog's `index` labels (report, html, pdf, data, files)
    title: str
    meta: str                # the meeting and the cutoff, or what a draft is
    banner: str              # the synthetic-sample warning, or nothing


def _section(lang: str, sess: session_mod.Session, prov: Provenance) -> Section:
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
    return Section(lang, labels, i18n.label(lang, "masthead.title"), meta, banner)


def render_index(sess: session_mod.Session, prov: Provenance, langs: list[str], pdf: bool) -> str:
    """index.html: one section a language (its report, HTML and PDF), then the data and audit files."""
    return environment().get_template("index.html.j2").render(
        langs=langs, symbol=running_header(langs[0], sess), sections=[_section(lang, sess, prov) for lang in langs],
        files=FILES, pdf=pdf)
