"""The one entry point of a report: clean → statistics → report per language, into one report folder."""
from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, TextColumn, TimeElapsedColumn

from uncac_needs import session as session_mod
from uncac_needs.plumbing import config
from uncac_needs.plumbing import folders
from uncac_needs.figures import fonts
from uncac_needs.pipeline import folder, trace
from uncac_needs.pipeline.export import PdfWorkers, export_html
from uncac_needs.pipeline.manifest import cleaning_key, provenance, write_index, write_manifest
from uncac_needs.pipeline.notebooks import Kernels, NotebookFailed, execute, kernel_env, relative_to

CACHE_DIR = config.CACHE_DIR / "cleaning"


def run(sess: session_mod.Session, session_file: Path | None, out: Path | None = None, pdf: bool = True,
        console: Console | None = None, previous_report: Path | None = None) -> Path:
    """The whole report folder. `session_file` is None for a draft (see `session.draft`). `previous_report`: the
    previous session's report folder (default: found under reports/ by the previous cutoff), for the changes."""
    console = console or Console(stderr=True, highlight=False)
    out = (Path(out) if out else config.REPORTS_DIR / sess.id).absolute()
    folders.check_folder(out)
    kernel_env()
    fonts.cjk_font_files()   # stops now, naming the package to install, rather than inside a notebook

    with folder.lock(out), folder.signals_as_interrupt():
        folder.remove_stale(out)
        stage = folder.staging(out)
        shutil.rmtree(stage, ignore_errors=True)
        try:
            (stage / "notebooks").mkdir(parents=True)
            previous = previous_report or trace.find_previous(sess.previous_cutoff_date, exclude=out)
            _run_into(stage, sess, session_file, list(sess.languages), pdf, console, previous)
            mine = folders.check_folder(out)        # again: a file may have been added during the run
            kept = folders.carry_over(out, stage, mine) if mine else []
        except NotebookFailed as exc:
            if folder.no_room(out):                 # a library inside the notebook said so in its own words
                shutil.rmtree(stage, ignore_errors=True)
                raise folder.disk_full(out) from None
            failed = folder.failed(out)
            shutil.rmtree(failed, ignore_errors=True)
            os.rename(stage, failed)
            raise NotebookFailed(str(exc).replace("{kept}", str(failed / "notebooks"))) from None
        except OSError as exc:
            shutil.rmtree(stage, ignore_errors=True)
            if exc.errno == errno.ENOSPC:
                raise folder.disk_full(out) from None
            raise
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        folder.swap(stage, out)
    if kept:
        console.print(f"Kept the files you added to the report folder: {', '.join(kept)}", highlight=False)
    console.print(f"Report written to {out} (open {out / 'index.html'})", highlight=False)
    return out


def _steps(console: Console) -> Progress:
    """The three steps, each with the time it took (one line each where the output is no terminal)."""
    return Progress(TextColumn("[{task.fields[step]}/3] {task.description}"), TimeElapsedColumn(),
                    console=console, transient=False, auto_refresh=console.is_terminal)


def _run_into(stage: Path, sess: session_mod.Session, session_file: Path | None, langs: list[str], pdf: bool,
              console: Console, previous: Path | None = None) -> None:
    """Everything of the report folder, written into `stage`. The notebooks run in it, with paths relative
    to it: an executed notebook re-runs from the report folder (`papermill notebooks/report.en.ipynb x.ipynb`)."""
    prov = provenance(sess, session_file)
    (stage / "provenance.json").write_text(json.dumps(asdict(prov), ensure_ascii=False, indent=2), encoding="utf-8")
    source = f"session file {prov.session_file}" if session_file else "no session file (a draft)"
    (stage / "session.yaml").write_text(session_mod.to_yaml(sess, source), encoding="utf-8")
    cache = CACHE_DIR / f"clean-{cleaning_key(prov)}"
    reused = (cache / "cleaning_summary.json").is_file() and (cache / "clean.ipynb").is_file()
    kernels = Kernels(([] if reused else ["clean"]) + ["statistics"] + ["report"] * len(langs), stage)
    workers = PdfWorkers(len(langs)) if pdf else None
    import nbconvert  # noqa: F401,E402  (loaded while the kernels start, not after)
    import papermill  # noqa: F401,E402
    try:
        with _steps(console) as steps:
            task = steps.add_task("Cleaning the workbook" + (" (unchanged: reusing the last cleaning)" if reused else ""),
                                  step=1, total=1)
            _clean(stage, sess, cache if reused else None, kernels, cache)
            steps.update(task, completed=1)
            steps.stop_task(task)

            task = steps.add_task(f"Statistics at {sess.cutoff_date}", step=2, total=1)
            with ThreadPoolExecutor(max_workers=1) as beside:      # a core is free while the statistics run
                changed = beside.submit(trace.write_changes, stage, sess, previous)   # changes.json: annex V reads it
                beside.submit(_warm, langs)
                kernels.release(_statistics(stage, sess, langs, kernels))
                changed.result()
            steps.update(task, completed=1)
            steps.stop_task(task)

            task = steps.add_task(f"The report in {', '.join(langs)}: notebooks, HTML" + (" and PDF (A4)" if pdf else ""),
                                  step=3, total=1)
            _checked_reports(stage, sess, langs, pdf, kernels, workers)
            write_index(stage, sess, prov, langs, pdf)
            trace.write(stage, sess, langs, previous)      # evidence.html, changes.json (issue 12)
            if workers:
                workers.wait()
            steps.update(task, completed=1)
    except BaseException:
        if workers:
            workers.close(stop=True)
            workers = None
        raise
    finally:
        kernels.close()
        if workers:
            workers.close()
    write_manifest(stage, sess, prov, langs, pdf, reused)


def _clean(stage: Path, sess: session_mod.Session, reuse: Path | None, kernels: Kernels, cache: Path) -> None:
    """Step 1: the cleaning notebook, or the last cleaning of the same workbook and code (`reuse`)."""
    notebooks, processed = stage / "notebooks", stage / "processed"
    if reuse is not None:
        shutil.copytree(reuse, processed, ignore=shutil.ignore_patterns("clean.ipynb"))
        shutil.copy2(reuse / "clean.ipynb", notebooks / "clean.ipynb")
    else:
        km = kernels.take()
        execute("clean", notebooks / "clean.ipynb", {
            "raw_path": relative_to(sess.workbook_path, stage),
            "mapping_path": relative_to(sess.mapping_path, stage) if sess.mapping_path else "",
            "out_dir": relative_to(processed, stage)}, km=km, folder=stage)
        kernels.release(km)
        _keep_for_reuse(processed, notebooks / "clean.ipynb", cache)
    shutil.copy2(processed / "cleaning_log.csv", stage / "cleaning_log.csv")


def _warm(langs: list[str]) -> None:
    """What step 3 loads in this process (the narrative's check, evidence.html), loaded while the statistics
    notebook leaves a core free: the report's templates compiled, each language's catalogs, paragraph templates
    and number formats. Only caches are filled: a failure here is left for step 3 to meet and report."""
    with contextlib.suppress(Exception):
        from uncac_needs.report import page, paragraphs
        from uncac_needs.vocabulary import i18n

        env = page.environment()
        for name in env.list_templates(extensions=["j2"]):
            if name.startswith("note/") or name == "evidence.html.j2":
                env.get_template(name)
        for lang in langs:
            paragraphs.paragraph_templates(lang)
            i18n.label(lang, "evidence")
            i18n.number(1234, lang), i18n.percent(0.5, lang, digits=1), i18n.date("2020-01-31", lang)


def _statistics(stage: Path, sess: session_mod.Session, langs: list[str], kernels: Kernels):
    """Step 2: the statistics notebook, in the report folder (statistics.json, statistics.xlsx); it shows each
    figure as its caption and data (charts=False): the report draws them. Returns its kernel, done with."""
    km = kernels.take()
    execute("statistics", stage / "notebooks" / "statistics.ipynb", {
        "processed_dir": relative_to(stage / "processed", stage), "cutoff_date": sess.cutoff_date.isoformat(),
        "previous_cutoff_date": sess.previous_cutoff_date.isoformat() if sess.previous_cutoff_date else "",
        "out_dir": ".", "languages": ",".join(langs), "lang": langs[0], "charts": False},
        km=km, folder=stage)
    return km


def _keep_for_reuse(processed: Path, notebook: Path, cache: Path) -> None:
    """The cleaning, kept under its key (workbook, mapping, reference data, code) for the next run."""
    tmp = cache.with_name(cache.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(processed, tmp)
    shutil.copy2(notebook, tmp / "clean.ipynb")
    shutil.rmtree(cache, ignore_errors=True)
    os.rename(tmp, cache)


def _checked_reports(stage: Path, sess: session_mod.Session, langs: list[str], pdf: bool, kernels: Kernels,
                     workers: PdfWorkers | None) -> None:
    """Step 3, while the narrative is checked against the statistics beside it (report/check.py): an unknown
    name, or languages that differ, stop the run with the narrative's own sentence (exit 2), not a notebook's."""
    def check() -> None:
        from uncac_needs.report import check as narrative

        narrative.check(sess, stage / "statistics.json")

    with ThreadPoolExecutor(max_workers=1) as pool:
        checked = pool.submit(check)
        try:
            _reports(stage, sess, langs, pdf, kernels, workers)
        except NotebookFailed:
            checked.result()          # a narrative's mistake is said as such
            raise
        checked.result()


def _reports(stage: Path, sess: session_mod.Session, langs: list[str], pdf: bool, kernels: Kernels,
             workers: PdfWorkers | None) -> None:
    """The report notebook once per language, side by side; each page's PDF started as soon as it exists."""
    def one(lang: str, km) -> None:
        executed = stage / "notebooks" / f"report.{lang}.ipynb"
        execute("report", executed, {"lang": lang, "statistics_path": "statistics.json", "session_path": "session.yaml",
                                     "provenance_path": "provenance.json"}, km=km, label=lang, folder=stage)
        kernels.release(km)
        page = stage / lang / "report.html"
        page.parent.mkdir()
        page.write_text(export_html(executed, lang, sess, langs, pdf), encoding="utf-8")
        if workers:
            workers.submit(page, page.with_suffix(".pdf"))

    with ThreadPoolExecutor(max_workers=len(langs)) as pool:
        for future in [pool.submit(one, lang, kernels.take()) for lang in langs]:
            future.result()
