"""The notebooks: kernels started (and warmed) ahead of the notebook that will use them, papermill, and
the executed notebooks' paths made relative to the report folder, so that they re-run from there."""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from uncac_needs.plumbing import config

NOTEBOOKS = {"clean": config.NOTEBOOKS_DIR / "clean.ipynb", "statistics": config.NOTEBOOKS_DIR / "statistics.ipynb",
             "report": config.NOTEBOOKS_DIR / "report.ipynb"}


class NotebookFailed(RuntimeError):
    """A notebook raised an error: the run stops (exit 1) and says which notebook and which cell."""


def kernel_env() -> None:
    """Kernels start with this interpreter first on PATH, so that they find the project's packages."""
    bindir = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(bindir):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


class Kernels:
    """Python kernels started ahead of the notebooks that will use them, and warmed with the imports
    their notebook needs, so that starting them overlaps with other work. Each runs one notebook.
    Kernels needed later start at a lower priority, so that they never delay the one needed first."""

    WARM = {
        "clean": "import uncac_needs.clean, uncac_needs.clean.summary",
        "statistics": "import uncac_needs.statistics.files, uncac_needs.statistics, uncac_needs.clean, uncac_needs.figures.charts",
        "report": "import uncac_needs.report.render, uncac_needs.figures.charts",
    }
    PLAIN = "get_ipython().run_line_magic('colors', 'nocolor')\n"

    def __init__(self, notebooks: list[str], cwd: Path):
        # IPC sockets (not TCP) in a private folder, one name per kernel: kernels started at once
        # must not pick the same socket files
        self._dir = Path(tempfile.mkdtemp(prefix="uncac-kernels-"))
        self._pool = ThreadPoolExecutor(max_workers=len(notebooks))
        self._futures = [self._pool.submit(self._start, self._dir / f"k{i}", name, i > 0, cwd)
                         for i, name in enumerate(notebooks)]
        self._started: list = []
        self._ending: list[threading.Thread] = []      # kernels released, shutting down

    @staticmethod
    def _start(socket_prefix: Path, notebook: str, later: bool, cwd: Path):
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name="python3", transport="ipc", ip=str(socket_prefix))
        # the report folder is the notebooks' working folder: their parameters are paths relative to it;
        # no colour codes in what they print (the executed notebooks are kept for audit)
        # what the kernel process itself prints (not its notebook's output, which papermill records) goes to a
        # log beside its sockets, never to the user's terminal: a kernel still starting when a run is
        # interrupted must not print a traceback there
        with open(f"{socket_prefix}.log", "ab") as log:
            km.start_kernel(cwd=str(cwd), env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"}, stderr=log, stdout=log)
        if later:
            with contextlib.suppress(OSError, AttributeError):
                os.setpriority(os.PRIO_PROCESS, km.provisioner.pid, 8)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            # a failing import here is not reported: the notebook itself will fail, and say where
            kc.execute_interactive(Kernels.PLAIN + Kernels.WARM[notebook], silent=True, store_history=False,
                                   timeout=120, output_hook=lambda msg: None)
        finally:
            kc.stop_channels()
        if later:
            with contextlib.suppress(OSError, AttributeError):
                os.setpriority(os.PRIO_PROCESS, km.provisioner.pid, 0)
        return km

    def take(self):
        """The next kernel, once started. Interrupted while it starts, it stays in the list: close() stops it."""
        km = self._futures[0].result()
        self._futures.pop(0)
        self._started.append(km)
        return km

    def release(self, km) -> None:
        """A kernel whose notebook is done, shut down in the background while the run goes on (close() waits for
        it), rather than with the others at the end."""
        with contextlib.suppress(ValueError):
            self._started.remove(km)
        thread = threading.Thread(target=self._shut, args=(km,), daemon=True)
        thread.start()
        self._ending.append(thread)

    @staticmethod
    def _shut(km) -> None:
        with contextlib.suppress(Exception):
            km.shutdown_kernel(now=True)

    def close(self) -> None:
        for thread in self._ending:
            thread.join()
        for future in self._futures:
            with contextlib.suppress(Exception):
                self._started.append(future.result())
        for km in self._started:
            self._shut(km)
        self._pool.shutdown(wait=False)
        shutil.rmtree(self._dir, ignore_errors=True)


def relative_to(path: Path, folder: Path) -> str:
    """A notebook parameter: `path` as seen from the report folder (POSIX separators)."""
    return Path(os.path.relpath(Path(path).absolute(), folder)).as_posix()


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
                                   request_save_on_cell_execute=False,     # written once, at the end (or the failure)
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
