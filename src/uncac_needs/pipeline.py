"""`uncac-needs run`: the notebooks under papermill, HTML by nbconvert, PDF by WeasyPrint, one report folder.

clean → statistics → report (once per language, in parallel). The cleaning is cached by the hashes
of everything it depends on, so a new cutoff on an unchanged workbook reuses it. Everything is
written into a hidden staging folder beside the report and swapped in only when complete; a failed
notebook ends the run with its name and cell, and the partial notebook is kept for inspection.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import jinja2
from rich.console import Console

from uncac_needs import __version__, config, folders, fonts, i18n, ingest, session as session_mod
from uncac_needs.errors import UserError
from uncac_needs.folders import sha256_of
from uncac_needs.provenance import Provenance

NOTEBOOKS = {"clean": config.NOTEBOOKS_DIR / "clean.ipynb", "statistics": config.NOTEBOOKS_DIR / "statistics.ipynb",
             "report": config.NOTEBOOKS_DIR / "report.ipynb"}
CACHE_DIR = config.CACHE_DIR / "cleaning"
CLEANING_SOURCES = ("ingest.py", "clean.py", "parsers.py", "reference.py", "summary.py", "yamlfile.py")
PACKAGES = ("pandas", "python-calamine", "matplotlib", "seaborn", "papermill", "nbconvert", "weasyprint", "babel",
            "jinja2", "xlsxwriter", "pyarrow")


class NotebookFailed(RuntimeError):
    """A notebook raised an error: the run stops (exit 1) and says which notebook and which cell."""


@dataclass
class Step:
    console: Console
    total: int
    done: int = 0

    @contextlib.contextmanager
    def __call__(self, what: str):
        self.done += 1
        start = time.perf_counter()
        self.console.print(f"[{self.done}/{self.total}] {what} …", highlight=False)
        yield
        self.console.print(f"      done in {time.perf_counter() - start:.1f} s", highlight=False)


# --------------------------------------------------------------------------- provenance and caching

def _git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=config.PROJ_ROOT, capture_output=True,
                              text=True, timeout=10)
        if head.returncode != 0:
            return ""
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=config.PROJ_ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return head.stdout.strip() + ("+changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.PROJ_ROOT.resolve()))
    except ValueError:
        return str(path)


def provenance(sess: session_mod.Session, session_file: Path | None) -> Provenance:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    synthetic = sess.synthetic if sess.synthetic is not None else ingest.is_synthetic(sess.workbook_path)
    return Provenance(
        workbook=_relative(sess.workbook_path), workbook_sha256=sha256_of(sess.workbook_path),
        session_file=_relative(session_file) if session_file else "",
        session_sha256=sha256_of(session_file) if session_file else "",
        mapping_file=_relative(sess.mapping_path) if sess.mapping_path else None,
        mapping_sha256=sha256_of(sess.mapping_path) if sess.mapping_path else None,
        synthetic=synthetic, version=__version__, commit=_git_commit(), python=platform.python_version(),
        packages=versions,
    )


def cleaning_key(prov: Provenance) -> str:
    """Everything the cleaning depends on: the workbook, the mapping, the reference data and the code."""
    digest = hashlib.sha256()
    digest.update(prov.workbook_sha256.encode())
    digest.update((prov.mapping_sha256 or "").encode())
    for path in sorted(config.REFERENCE_DIR.iterdir()):
        digest.update(path.name.encode() + sha256_of(path).encode())
    here = Path(__file__).resolve().parent
    for name in CLEANING_SOURCES:
        digest.update(sha256_of(here / name).encode())
    digest.update(sha256_of(NOTEBOOKS["clean"]).encode())
    # summary dates later than the day of the run are flagged: the cleaning of another day may differ
    digest.update(dt.date.today().isoformat().encode())
    return digest.hexdigest()[:20]


# --------------------------------------------------------------------------- notebooks

def _kernel_env() -> None:
    """Kernels start with this interpreter first on PATH, so that they find the project's packages."""
    bindir = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(bindir):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


class Kernels:
    """Python kernels started ahead of the notebooks that will use them, and warmed with the imports
    their notebook needs, so that starting them overlaps with other work. Each runs one notebook.
    Kernels needed later start at a lower priority, so that they never delay the one needed first."""

    WARM = {
        "clean": "import uncac_needs.clean, uncac_needs.summary",
        "statistics": "import uncac_needs.outputs, uncac_needs.statistics, uncac_needs.clean",
        "report": "import uncac_needs.render",
    }
    PLAIN = "get_ipython().run_line_magic('colors', 'nocolor')\n"

    def __init__(self, notebooks: list[str], cwd: Path):
        import tempfile

        # IPC sockets (not TCP) in a private folder, one name per kernel: kernels started at once
        # must not pick the same socket files
        self._dir = Path(tempfile.mkdtemp(prefix="uncac-kernels-"))
        self._pool = ThreadPoolExecutor(max_workers=len(notebooks))
        self._futures = [self._pool.submit(self._start, self._dir / f"k{i}", name, i > 0, cwd)
                         for i, name in enumerate(notebooks)]
        self._started: list = []

    @staticmethod
    def _start(socket_prefix: Path, notebook: str, later: bool, cwd: Path):
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(socket_prefix))
        # the report folder is the notebooks' working folder: their parameters are paths relative to it;
        # no colour codes in what they print (the executed notebooks are kept for audit)
        km.start_kernel(cwd=str(cwd), env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"})
        if later:
            with contextlib.suppress(OSError, AttributeError):
                os.setpriority(os.PRIO_PROCESS, km.provisioner.pid, 8)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            # a failing import here is not reported: the notebook itself will fail, and say where
            kc.execute_interactive(Kernels.PLAIN + Kernels.WARM[notebook], silent=True, store_history=False, timeout=120,
                                   output_hook=lambda msg: None)
        finally:
            kc.stop_channels()
        if later:
            with contextlib.suppress(OSError, AttributeError):
                os.setpriority(os.PRIO_PROCESS, km.provisioner.pid, 0)
        return km

    def take(self):
        km = self._futures.pop(0).result()
        self._started.append(km)
        return km

    def close(self) -> None:
        for future in self._futures:
            with contextlib.suppress(Exception):
                self._started.append(future.result())
        for km in self._started:
            with contextlib.suppress(Exception):
                km.shutdown_kernel(now=True)
        self._pool.shutdown(wait=False)
        shutil.rmtree(self._dir, ignore_errors=True)


def execute(name: str, output: Path, parameters: dict, km=None, label: str | None = None,
            folder: Path | None = None) -> None:
    """Run one notebook under papermill. `folder` is the report folder its paths are relative to: the
    executed notebook names its source and itself relative to it too, so that it re-runs from there."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    extra = {"km": km} if km is not None else {}
    try:
        papermill.execute_notebook(str(NOTEBOOKS[name]), str(output), parameters=parameters, kernel_name="python3",
                                   progress_bar=False, log_output=False, **extra)
        if folder is not None:
            _relative_metadata(output, folder)
    except PapermillExecutionError as exc:
        if f"[Errno {errno.ENOSPC}]" in str(exc.evalue):            # the disk, not the notebook
            raise OSError(errno.ENOSPC, "No space left on device") from None
        if folder is not None:
            _relative_metadata(output, folder)
        first_line = str(exc.evalue).splitlines()[0] if exc.evalue else ""
        raise NotebookFailed(
            f"Notebook {NOTEBOOKS[name].name}{f' ({label})' if label else ''} failed at cell {exc.cell_index + 1} "
            f"({exc.ename}: {first_line}); the partial notebook is kept at {{kept}}/{output.name}, where that cell "
            "is the one marked with the error.") from None


def _relative_metadata(notebook: Path, folder: Path) -> None:
    """papermill records the absolute paths it read and wrote; an archived notebook names them relative to
    its report folder instead (no temporary folder, no home folder)."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    meta = nb.metadata.get("papermill", {})
    for key in ("input_path", "output_path"):
        if meta.get(key):
            meta[key] = os.path.relpath(meta[key], folder)
    nbformat.write(nb, str(notebook))


def relative_to(path: Path, folder: Path) -> str:
    """A notebook parameter: `path` as seen from the report folder (POSIX separators)."""
    return Path(os.path.relpath(Path(path).absolute(), folder)).as_posix()


# --------------------------------------------------------------------------- HTML, PDF, index

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


def export_html(executed: Path, lang: str, sess: session_mod.Session, langs: list[str], pdf: bool) -> str:
    import nbformat
    from nbconvert import TemplateExporter

    from uncac_needs.page import document_title, page_css

    # the plain template exporter with the project's own template: the outputs' HTML as it is, no code,
    # no scripts (nbconvert's HTML exporter would add nothing the report uses, and take ten times longer)
    exporter = TemplateExporter(template_name="report", template_file="index.html.j2",
                                extra_template_basedirs=[str(config.RESOURCES_DIR / "nbconvert")],
                                exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    nb = nbformat.read(str(executed), as_version=4)
    body, _ = exporter.from_notebook_node(nb, resources={
        "report_lang": lang, "report_title": document_title(lang, sess), "report_css": page_css(lang, sess),
        "report_links": _links(lang, langs, pdf), "report_nav_label": i18n.label(lang, "nav.label"),
    })
    return body


def export_pdf(html: str, folder: Path, target: Path) -> None:
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    weasyprint.HTML(string=html, base_url=str(folder)).write_pdf(str(target))


def write_index(folder: Path, sess: session_mod.Session, prov: Provenance, langs: list[str], pdf: bool) -> None:
    from uncac_needs.page import running_header

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(config.RESOURCES_DIR)), autoescape=True,
                             keep_trailing_newline=True)
    texts, banner = {}, {}
    files = ["statistics.json", "statistics.xlsx", "cleaning_log.csv", "manifest.json", "notebooks/"]
    for lang in langs:
        idx = i18n.label(lang, "index")
        cutoff = i18n.date(sess.cutoff_date, lang)
        if sess.draft:
            meta = idx["meta_draft"].format(cutoff=cutoff)
        else:
            meta = idx["meta"].format(session=session_mod.text(sess.meeting.session, lang),
                                      place=session_mod.text(sess.meeting.place, lang),
                                      dates=i18n.date_range(sess.meeting.start_date, sess.meeting.end_date, lang),
                                      cutoff=cutoff)
        texts[lang] = {**idx, "title": i18n.label(lang, "masthead.title"), "meta": meta,
                       "symbol": running_header(lang, sess)}
        banner[lang] = i18n.label(lang, "banner.synthetic").format(workbook=Path(prov.workbook).name) if prov.synthetic else ""
    html = env.get_template("index.html.j2").render(
        langs=langs, symbol=running_header(langs[0], sess), texts=texts, banner=banner, pdf=pdf,
        files=[(f, {lang: i18n.label(lang, "index.files")[f] for lang in langs}) for f in files])
    (folder / "index.html").write_text(html, encoding="utf-8")


def write_manifest(folder: Path, sess: session_mod.Session, prov: Provenance, langs: list[str], pdf: bool,
                   cleaning_reused: bool) -> None:
    inputs = {prov.workbook: prov.workbook_sha256}
    if prov.session_file:
        inputs[prov.session_file] = prov.session_sha256
    if prov.mapping_file:
        inputs[prov.mapping_file] = prov.mapping_sha256
    for lang in langs:
        for part in ("introduction", "further_consideration"):
            path = sess.narrative_path(lang, part)
            inputs[_relative(path)] = sha256_of(path)
    for path in sorted(config.REFERENCE_DIR.iterdir()):
        inputs[_relative(path)] = sha256_of(path)
    folders.write_manifest(folder, {
        "version": __version__,
        "git_commit": prov.commit or None,
        "session": sess.id,
        "parameters": json.loads(sess.model_dump_json()) | {"languages": langs, "pdf": pdf},
        "synthetic_workbook": prov.synthetic,
        "inputs_sha256": inputs,
        "python": prov.python,
        "packages": prov.packages,
        "cleaning_reused": cleaning_reused,
    })


# --------------------------------------------------------------------------- the folder

@contextlib.contextmanager
def _lock(out: Path):
    path = out.parent / f".{out.name}.lock"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fh = path.open("w")
    except OSError as exc:
        raise UserError(f"Cannot write to {out.parent} ({exc.strerror}); choose a folder you can write to.") from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(f"Another run is writing {out} right now; wait for it to finish and run again.") from None
        try:
            yield
        finally:
            path.unlink(missing_ok=True)
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextlib.contextmanager
def _signals_as_interrupt():
    """Ctrl-C (SIGINT) and `kill` (SIGTERM) end a run alike: the staging folder is removed, the old report
    stays. SIGINT is set explicitly: a run started in the background inherits an ignored SIGINT."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:            # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _remove_stale(out: Path) -> None:
    """Staging folders left by a run that was killed outright (SIGKILL, power cut): their process is gone."""
    for stale in out.parent.glob(f".{out.name}.partial-*"):
        try:
            os.kill(int(stale.name.rsplit("-", 1)[1]), 0)
        except (ValueError, ProcessLookupError):
            shutil.rmtree(stale, ignore_errors=True)
        except PermissionError:
            pass


def _swap(staging: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(staging, out)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _no_room(out: Path) -> bool:
    try:
        return shutil.disk_usage(out.parent).free < 1024 * 1024
    except OSError:
        return False


def _disk_full(out: Path) -> UserError:
    return UserError(f"The disk holding {out.parent} filled up during the run; the previous report is unchanged. "
                     "Free some space and run again.")


def run(sess: session_mod.Session, session_file: Path | None, out: Path | None = None, pdf: bool = True,
        console: Console | None = None) -> Path:
    """The whole report folder. `session_file` is None for a draft (see `session.draft`)."""
    console = console or Console(stderr=True, highlight=False)
    out = (Path(out) if out else config.REPORTS_DIR / sess.id).absolute()
    langs = list(sess.languages)
    folders.check_folder(out)
    _kernel_env()
    fonts.cjk_font_files()   # stops now, naming the package to install, rather than inside a notebook

    step = Step(console, 3)
    with _lock(out), _signals_as_interrupt():
        _remove_stale(out)
        staging = out.parent / f".{out.name}.partial-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            (staging / "notebooks").mkdir(parents=True)
            _run_into(staging, sess, session_file, langs, pdf, step)
            mine = folders.check_folder(out)        # again: a file may have been added during the run
            kept = folders.carry_over(out, staging, mine) if mine else []
        except NotebookFailed as exc:
            if _no_room(out):                   # a library inside the notebook said so in its own words
                shutil.rmtree(staging, ignore_errors=True)
                raise _disk_full(out) from None
            failed = out.parent / f".{out.name}.failed"
            shutil.rmtree(failed, ignore_errors=True)
            os.rename(staging, failed)
            raise NotebookFailed(str(exc).replace("{kept}", str(failed / "notebooks"))) from None
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if exc.errno == errno.ENOSPC:
                raise _disk_full(out) from None
            raise
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap(staging, out)
    if kept:
        console.print(f"Kept the files you added to the report folder: {', '.join(kept)}", highlight=False)
    console.print(f"Report written to {out} (open {out / 'index.html'})", highlight=False)
    return out


class PdfWorkers:
    """Processes that load WeasyPrint while the notebooks run, then print one PDF each when asked:
    the two languages' PDFs are made at the same time, on the machine's two cores."""

    def __init__(self, count: int):
        self._procs = [subprocess.Popen([sys.executable, "-m", "uncac_needs.pipeline", "pdf-worker"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                        preexec_fn=lambda: os.nice(8))      # behind the notebooks' kernels
                       for _ in range(count)]

    def submit(self, i: int, html: Path, pdf: Path) -> None:
        self._procs[i].stdin.write(f"{html}\t{pdf}\n")
        self._procs[i].stdin.flush()

    def wait(self, i: int) -> None:
        answer = self._procs[i].stdout.readline().strip()
        if answer == "no-space":
            raise OSError(errno.ENOSPC, "No space left on device")
        if answer != "ok":
            raise RuntimeError(f"the PDF could not be written: {answer or 'the PDF process stopped'}")

    def close(self, stop: bool = False) -> None:
        """Closing their input ends the workers (reaped in the background); `stop` ends them at once."""
        for proc in self._procs:
            with contextlib.suppress(Exception):
                proc.stdin.close()
            if stop and proc.poll() is None:
                proc.kill()
            threading.Thread(target=proc.wait, daemon=True).start()


def _pdf_worker() -> None:
    import weasyprint  # noqa: F401  (loaded before the first request)

    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the run stops its workers itself
    with contextlib.suppress(OSError):       # back to normal priority once loaded (allowed where permitted)
        os.setpriority(os.PRIO_PROCESS, 0, 0)

    for line in sys.stdin:
        html, pdf = line.rstrip("\n").split("\t")
        try:
            export_pdf(Path(html).read_text(encoding="utf-8"), Path(html).parent, Path(pdf))
            print("ok", flush=True)
        except OSError as exc:
            print("no-space" if exc.errno == errno.ENOSPC else " ".join(str(exc).split())[:300], flush=True)
        except Exception as exc:  # noqa: BLE001 - reported to the run, which stops
            print(" ".join(str(exc).split())[:300] or type(exc).__name__, flush=True)


def _run_into(staging: Path, sess: session_mod.Session, session_file: Path | None, langs: list[str], pdf: bool,
              step: Step) -> None:
    """Everything of the report folder, written into `staging`. The notebooks run in it, with paths relative
    to it: an executed notebook re-runs from the report folder (`papermill notebooks/report.en.ipynb x.ipynb`)."""
    prov = provenance(sess, session_file)
    (staging / "provenance.json").write_text(json.dumps(asdict(prov), ensure_ascii=False, indent=2), encoding="utf-8")
    source = f"session file {prov.session_file}" if session_file else "no session file (a draft)"
    (staging / "session.yaml").write_text(session_mod.to_yaml(sess, source), encoding="utf-8")
    notebooks = staging / "notebooks"
    processed = staging / "processed"

    def rel(path: Path) -> str:
        return relative_to(path, staging)

    cache = CACHE_DIR / f"clean-{cleaning_key(prov)}"
    reused = (cache / "cleaning_summary.json").is_file() and (cache / "clean.ipynb").is_file()
    kernels = Kernels(([] if reused else ["clean"]) + ["statistics"] + ["report"] * len(langs), staging)
    workers = PdfWorkers(len(langs)) if pdf else None
    import nbconvert  # noqa: F401,E402  (loaded while the kernels start, not after)
    import papermill  # noqa: F401,E402
    try:
        with step("Cleaning the workbook" + (" (unchanged: reusing the last cleaning)" if reused else "")):
            if reused:
                shutil.copytree(cache, processed, ignore=shutil.ignore_patterns("clean.ipynb"))
                shutil.copy2(cache / "clean.ipynb", notebooks / "clean.ipynb")
            else:
                execute("clean", notebooks / "clean.ipynb", {
                    "raw_path": rel(sess.workbook_path), "mapping_path": rel(sess.mapping_path) if sess.mapping_path else "",
                    "out_dir": rel(processed)}, km=kernels.take(), folder=staging)
                tmp = cache.with_name(cache.name + f".tmp-{os.getpid()}")
                shutil.rmtree(tmp, ignore_errors=True)
                shutil.copytree(processed, tmp)
                shutil.copy2(notebooks / "clean.ipynb", tmp / "clean.ipynb")
                shutil.rmtree(cache, ignore_errors=True)
                os.rename(tmp, cache)
            shutil.copy2(processed / "cleaning_log.csv", staging / "cleaning_log.csv")

        with step(f"Statistics at {sess.cutoff_date}"):
            execute("statistics", notebooks / "statistics.ipynb", {
                "processed_dir": rel(processed), "cutoff_date": sess.cutoff_date.isoformat(),
                "previous_cutoff_date": sess.previous_cutoff_date.isoformat() if sess.previous_cutoff_date else "",
                "out_dir": "."}, km=kernels.take(), folder=staging)

        what = f"The report in {', '.join(langs)}: notebooks, HTML" + (" and PDF (A4)" if pdf else "")
        with step(what):
            def one(i: int, lang: str, km) -> None:
                executed = notebooks / f"report.{lang}.ipynb"
                execute("report", executed, {
                    "lang": lang, "statistics_path": "statistics.json", "session_path": "session.yaml",
                    "provenance_path": "provenance.json"}, km=km, label=lang, folder=staging)
                page = staging / lang / "report.html"
                page.parent.mkdir()
                page.write_text(export_html(executed, lang, sess, langs, pdf), encoding="utf-8")
                if workers:
                    workers.submit(i, page, page.with_suffix(".pdf"))

            with ThreadPoolExecutor(max_workers=len(langs)) as pool:
                for future in [pool.submit(one, i, lang, kernels.take()) for i, lang in enumerate(langs)]:
                    future.result()
            write_index(staging, sess, prov, langs, pdf)
            if workers:
                for i in range(len(langs)):
                    workers.wait(i)
    except BaseException:
        if workers:
            workers.close(stop=True)
            workers = None
        raise
    finally:
        kernels.close()
        if workers:
            workers.close()
    write_manifest(staging, sess, prov, langs, pdf, reused)


if __name__ == "__main__":          # python -m uncac_needs.pipeline pdf-worker (see PdfWorkers)
    if sys.argv[1:] == ["pdf-worker"]:
        _pdf_worker()
    else:
        raise SystemExit("usage: python -m uncac_needs.pipeline pdf-worker")
