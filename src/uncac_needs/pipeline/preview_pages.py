"""The pages `uncac-needs preview` serves, rendered in the process from what it keeps between saves.

The cleaning is kept under its key (pipeline/manifest.py `cleaning_key`: workbook, mapping, reference data,
code) and read from the run's cache where a run left it; the statistics are kept for the cleaning and the two
cutoffs; the figures for those statistics and a language. A save of the session or of a narrative file
so re-renders only the pages (the report parts, the nbconvert page around them, the landing page): no
notebook, no PDF. The pages are the report folder's files, as `run --no-pdf` writes them.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from uncac_needs import session as session_mod
from uncac_needs.pipeline.manifest import cleaning_key, provenance
from uncac_needs.pipeline.run import CACHE_DIR
from uncac_needs.plumbing.errors import UserError


@dataclass
class Pages:
    """One rendering: each served path (`index.html`, `en/report.html` …) and its HTML, or the error that
    stopped it (one sentence), and the files whose saving renders again."""

    html: dict[str, str] = field(default_factory=dict)
    error: str = ""
    watched: frozenset[Path] = frozenset()
    statistics: Any = None           # the Statistics the pages show (statistics.json, statistics.xlsx)
    evidence: Any = None             # the rows behind its figures (evidence.json, <lang>/evidence.html)
    changes: Any = None              # what changed since the previous report, if one is found (changes.json)
    langs: tuple[str, ...] = ()
    stamps: dict[Path, tuple[int, int] | None] = field(default_factory=dict)   # the watched files as read

    def changed(self) -> list[Path]:
        """The watched files saved since they were read for these pages."""
        return [path for path, now in stamps(self.watched).items() if now != self.stamps.get(path)]


def stamps(paths) -> dict[Path, tuple[int, int] | None]:
    """Each file's modification time and size (None: no such file)."""
    out = {}
    for path in paths:
        try:
            stat = path.stat()
            out[path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            out[path] = None
    return out


def watched_files(session_file: Path, sess: session_mod.Session | None) -> frozenset[Path]:
    """The files whose saving renders the pages again: the session file, its narrative files, the workbook
    and the mapping (a new workbook is cleaned again)."""
    files = {Path(session_file)}
    if sess is not None:
        files |= set(sess.narrative_files()) | {sess.workbook_path}
        if sess.mapping_path:
            files.add(sess.mapping_path)
    return frozenset(p.absolute() for p in files)


class Renderer:
    """Renders the pages of a session file, keeping the cleaning, the statistics and the figures while what
    they depend on is unchanged. `langs` limits the languages (None: the session's)."""

    def __init__(self, session_file: Path, langs: list[str] | None = None):
        self.session_file = Path(session_file).absolute()
        self.langs = langs
        self._cleaned: tuple[str, Any] | None = None
        self._stats: tuple[tuple, Any] | None = None
        self._evidence: tuple[tuple, Any, dict[str, str]] | None = None
        self._changes: tuple[tuple, Any] | None = None
        self._figures: dict[str, Any] = {}
        self._pages_kept: dict[str, tuple[tuple, str]] = {}
        self._reports: dict[str, tuple[tuple, Any]] = {}

    def render(self) -> Pages:
        """The pages, or the error that stopped them (a UserError's sentence: a session, a narrative or a
        workbook to correct); an unexpected error propagates."""
        sess = None
        try:
            sess = session_mod.load(self.session_file)
            read = stamps(watched_files(self.session_file, sess))       # before the narrative files are read
            pages = self._pages(sess)
        except UserError as exc:
            if sess is None:
                sess = self._last_readable()
            watched = watched_files(self.session_file, sess)
            return Pages(error=str(exc), watched=watched, stamps=stamps(watched))
        pages.stamps = read
        return pages

    def _last_readable(self) -> session_mod.Session | None:
        """The session without its files checked, so that a narrative file named by an edit is watched even
        before it exists; None where the session file itself is at fault."""
        try:
            return session_mod.load(self.session_file, check_files=False)
        except UserError:
            return None

    def _pages(self, sess: session_mod.Session) -> Pages:
        from uncac_needs.report import check as narrative_check

        langs = [lang for lang in sess.languages if self.langs is None or lang in self.langs]
        if not langs:
            raise UserError(f"The session file {self.session_file} lists the languages {', '.join(sess.languages)}; "
                            f"--lang {','.join(self.langs or [])} names none of them.")
        prov = provenance(sess, self.session_file)
        stats = self._statistics(sess, cleaning_key(prov))
        changes = self._changes_since(sess, cleaning_key(prov))
        # every language of the session is rendered (those not previewed without figures), as `run` checks
        # them: a narrative error is a UserError naming file and paragraph; then the languages compared
        reports = {lang: self._report(stats, sess, lang, prov, lang in langs, changes) for lang in sess.languages}
        narrative_check.compare({lang: report.shapes for lang, report in reports.items()}, sess)
        html = {"index.html": index_html(sess, prov, langs, stats, changes)}
        for lang in langs:
            html[f"{lang}/report.html"] = self._page(reports[lang], sess, langs)
        evidence, pages = self._evidence_pages(sess, stats, langs, changes)
        html.update(pages)
        return Pages(html, "", watched_files(self.session_file, sess), stats, evidence=evidence, changes=changes,
                     langs=tuple(langs))

    def _statistics(self, sess: session_mod.Session, key: str):
        from uncac_needs import statistics

        if self._cleaned is None or self._cleaned[0] != key:
            self._cleaned = (key, _cleaning(sess, key))
            self._stats, self._figures, self._evidence = None, {}, None
        params = (key, sess.cutoff_date, sess.previous_cutoff_date)
        if self._stats is None or self._stats[0] != params:
            self._stats = (params, statistics.compute(self._cleaned[1][0].cleaned, sess.cutoff_date,
                                                      sess.previous_cutoff_date))
            self._figures = {}
        return self._stats[1]

    def _changes_since(self, sess: session_mod.Session, key: str) -> dict | None:
        """changes.json as `run` would write it: against the previous session's report found under reports/."""
        from uncac_needs import clean
        from uncac_needs.pipeline import changes, trace
        from uncac_needs.plumbing import config

        previous = trace.find_previous(sess.previous_cutoff_date, exclude=config.REPORTS_DIR / sess.id)
        params = (key, sess.previous_cutoff_date, previous, previous and stamps([previous / "statistics.json"]))
        if self._changes is None or self._changes[0] != params:
            found, result = None, self._cleaned[1][1]
            if previous is not None and result is None:          # the run's cached cleaning: its tables
                found = changes.changes(previous, CACHE_DIR / f"clean-{key}", sess.previous_cutoff_date)
            elif previous is not None:
                with tempfile.TemporaryDirectory(prefix="uncac-preview-") as tmp:
                    clean.write_outputs(result, Path(tmp))
                    found = changes.changes(previous, Path(tmp), sess.previous_cutoff_date)
            self._changes = (params, found and json.loads(json.dumps(found, default=str)))
        return self._changes[1]

    def _report(self, stats, sess: session_mod.Session, lang: str, prov, shown: bool, changes: dict | None = None):
        """A language's report (without its figures where it is not `shown`), rendered again only where what
        it reads changed: the statistics, the session, the provenance or one of its narrative files (a save
        of the English narrative leaves the Chinese report as it was)."""
        from uncac_needs.report import check as narrative_check
        from uncac_needs.report.render import Report

        files = [path for part in session_mod.SECTIONS if (path := sess.narrative_file(lang, part))]
        key = (self._stats[0], shown, sess.model_dump_json(), json.dumps(asdict(prov)), tuple(stamps(files).items()),
               json.dumps(changes))
        kept = self._reports.get(lang)
        if kept is None or kept[0] != key:
            report = (Report(stats, self._drawn(stats, lang), sess, lang, prov, changes) if shown
                      else narrative_check.render(stats, sess, lang))
            kept = self._reports[lang] = (key, report)
        return kept[1]

    def _page(self, report, sess: session_mod.Session, langs: list[str]) -> str:
        """The page of a language, exported again only where its parts or the session changed (a save of
        the English narrative leaves the Chinese page as it was)."""
        key = (tuple(report.html(part) for part in report.PARTS), sess.model_dump_json(), tuple(langs))
        kept = self._pages_kept.get(report.lang)
        if kept is None or kept[0] != key:
            kept = self._pages_kept[report.lang] = (key, page_html(report, sess, langs))
        return kept[1]

    def _evidence_pages(self, sess: session_mod.Session, stats, langs: list[str],
                        changes: dict | None) -> tuple[Any, dict[str, str]]:
        """The rows behind the figures and <lang>/evidence.html, collected again only for new statistics (the
        report's figures link there), with the changes since the previous report where there is one."""
        from uncac_needs.report import evidence_page
        from uncac_needs.statistics import evidence

        key = (self._stats[0], tuple(langs), json.dumps(changes))
        if self._evidence is None or self._evidence[0] != key:
            found = evidence.collect(self._cleaned[1][0], sess.cutoff_date, sess.previous_cutoff_date)
            with tempfile.TemporaryDirectory(prefix="uncac-preview-") as tmp:
                found.write(Path(tmp) / "evidence.json")
                _write_folder(Path(tmp), stats, changes)
                pages = {f"{lang}/{evidence_page.PAGE}": evidence_page.render(Path(tmp), lang, langs) for lang in langs}
            self._evidence = (key, found, pages)
        return self._evidence[1], self._evidence[2]

    def _drawn(self, stats, lang: str):
        from uncac_needs import figures

        if lang not in self._figures:
            self._figures[lang] = figures.draw(stats, lang)
        return self._figures[lang]


def _cleaning(sess: session_mod.Session, key: str):
    """The cleaning of the session's workbook, with its log (statistics.evidence.Source): the one a run keeps
    under the same key (and None), else done now (and the cleaning itself, for the changes' tables)."""
    from uncac_needs import clean
    from uncac_needs.statistics import evidence

    cached = CACHE_DIR / f"clean-{key}"
    if (cached / "cleaning_summary.json").is_file():
        try:
            return evidence.Source.from_folder(cached), None
        except (OSError, ValueError, KeyError):
            pass                       # a cache being replaced by a run: clean again
    result = clean.clean_workbook(sess.workbook_path, sess.mapping_path)
    return evidence.Source.from_result(result), result


def _write_folder(folder: Path, stats, changes: dict | None) -> None:
    """statistics.json, and changes.json where there are changes, as a report folder holds them."""
    from uncac_needs.pipeline import changes as changes_mod

    (folder / "statistics.json").write_text(stats.to_json(), encoding="utf-8")
    if changes is not None:
        changes_mod.write(changes, folder)


def index_html(sess: session_mod.Session, prov, langs: list[str], stats, changes: dict | None = None) -> str:
    """The landing page with the statistics' headline figures. The landing page reads them from a report
    folder's statistics.json: a temporary folder holds them (it has no sibling reports: the preview lists no
    other session's report, which it does not serve)."""
    from uncac_needs.report.landing import render_index

    with tempfile.TemporaryDirectory(prefix="uncac-preview-") as tmp:
        folder = Path(tmp) / sess.id
        folder.mkdir()
        _write_folder(folder, stats, changes)
        return render_index(sess, prov, langs, False, folder)


def page_html(report, sess: session_mod.Session, langs: list[str]) -> str:
    """The page of one language as the run writes it: the report's parts as the report notebook displays them
    (one output a part), through the same nbconvert export."""
    from nbformat import v4

    from uncac_needs.pipeline.export import export_html

    cells = [v4.new_code_cell(outputs=[v4.new_output("display_data", data={"text/html": report.html(part)})])
             for part in report.PARTS]
    with tempfile.TemporaryDirectory(prefix="uncac-preview-") as tmp:
        path = Path(tmp) / f"report.{report.lang}.ipynb"
        path.write_text(json.dumps(v4.new_notebook(cells=cells)), encoding="utf-8")   # valid by construction
        return export_html(path, report.lang, sess, langs, False)
