"""The files a reader opens: the HTML of each language (nbconvert, with the project's own template: no
code, no script, nothing from another host) and its PDF (WeasyPrint, in worker processes that load it while
the notebooks run, so that both languages' PDFs are made at once on the machine's two cores; the workers'
side is plumbing/pdfworker.py, which imports nothing of the pipeline)."""
from __future__ import annotations

import contextlib
import errno
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from uncac_needs import session as session_mod
from uncac_needs.plumbing import config, pdfworker
from uncac_needs.vocabulary import i18n


def _links(lang: str, langs: list[str], pdf: bool) -> list[dict]:
    nav = i18n.label(lang, "nav")
    links = [{"href": "../index.html", "text": nav["index"], "lang": None}]
    for other in langs:
        if other != lang:
            links.append({"href": f"../{other}/report.html", "text": i18n.label(other, "language_name"), "lang": other})
    if pdf:
        links.append({"href": "report.pdf", "text": "PDF", "lang": None})
    links.append({"href": "../statistics.xlsx", "text": nav["statistics"], "lang": None})
    return links


@dataclass
class Entry:
    """A heading of the page: its id, its text and, for a section, the headings under it."""

    id: str
    text: str
    children: list["Entry"] = field(default_factory=list)


class _Headings(HTMLParser):
    """The page's section headings (h2) and the headings under them (h3), each with an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self._open: tuple[int, str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        ident = dict(attrs).get("id")
        if tag in ("h2", "h3") and ident:
            self._open = (int(tag[1]), ident, [])

    def handle_data(self, data):
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag):
        if self._open and tag == f"h{self._open[0]}":
            level, ident, text = self._open
            entry = Entry(ident, " ".join("".join(text).split()))
            if level == 3 and self.entries:
                self.entries[-1].children.append(entry)
            elif level == 2:
                self.entries.append(entry)
            self._open = None


def table_of_contents(parts: list[str], lang: str) -> str:
    """The page's table of contents (note/toc.html.j2), from the HTML of its parts."""
    from uncac_needs.report.page import environment

    parser = _Headings()
    for part in parts:
        parser.feed(part)
    return environment().get_template("note/toc.html.j2").render(title=i18n.label(lang, "nav.contents"),
                                                                 entries=parser.entries)


def export_html(executed: Path, lang: str, sess: session_mod.Session, langs: list[str], pdf: bool) -> str:
    import nbformat
    from nbconvert import TemplateExporter

    from uncac_needs.report.page import document_title, page_css

    # the plain template exporter with the project's own template: the outputs' HTML as it is, no code,
    # no scripts (nbconvert's HTML exporter would add nothing the report uses, and take ten times longer)
    exporter = TemplateExporter(template_name="report", template_file="index.html.j2",
                                extra_template_basedirs=[str(config.TEMPLATES_DIR / "nbconvert")],
                                exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    nb = nbformat.read(str(executed), as_version=4)
    parts = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    body, _ = exporter.from_notebook_node(nb, resources={
        "report_toc": table_of_contents(parts, lang),
        "report_lang": lang, "report_title": document_title(lang, sess), "report_css": page_css(lang, sess),
        "report_links": _links(lang, langs, pdf), "report_nav_label": i18n.label(lang, "nav.label"),
    })
    return body


export_pdf = pdfworker.export_pdf     # made in a worker process (plumbing/pdfworker.py: imports WeasyPrint only)


class PdfWorkers:
    """A process pool of `count` workers, started (and WeasyPrint loaded) now, used when the HTML is ready."""

    def __init__(self, count: int):
        # spawned, not forked: the run has threads (kernel managers), which a fork would copy half-way
        self._pool = ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=pdfworker.start)
        self._warm = [self._pool.submit(pdfworker.ready) for _ in range(count)]
        # lower at once, before the worker's own imports (Python, WeasyPrint): the kernel the first notebook
        # waits for starts at the same time
        for proc in list(getattr(self._pool, "_processes", {}).values()):
            with contextlib.suppress(OSError, AttributeError):
                os.setpriority(os.PRIO_PROCESS, proc.pid, 8)
        self._jobs: list[Future] = []

    def submit(self, html: Path, pdf: Path) -> None:
        self._jobs.append(self._pool.submit(pdfworker.export_pdf, html, pdf))

    def wait(self) -> None:
        for job in self._jobs:
            try:
                job.result()
            except OSError as exc:
                if exc.errno == errno.ENOSPC:
                    raise
                raise RuntimeError(f"the PDF could not be written: {exc}") from None

    def close(self, stop: bool = False) -> None:
        """`stop` ends the workers at once (an interrupted or failed run); otherwise they finish their PDFs, then
        end. A worker with every PDF written (and closed) has nothing left to lose: it is ended (SIGTERM) rather
        than left to tear WeasyPrint down, which takes a spawned interpreter a second or two."""
        idle = all(job.done() for job in self._warm + self._jobs)
        if stop or idle:
            for proc in list(getattr(self._pool, "_processes", {}).values()):   # no public way before 3.14
                with contextlib.suppress(Exception):
                    proc.kill() if stop else proc.terminate()
        self._pool.shutdown(wait=not stop, cancel_futures=stop)
