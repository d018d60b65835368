"""The PDF worker processes' side of pipeline/export.py's pool: WeasyPrint loaded behind the notebooks'
kernels, then each page to its PDF (A4, fonts embedded).

Apart from the pipeline package on purpose: a spawned worker imports the module of every function it is
given, and importing anything under uncac_needs.pipeline imports the whole pipeline (pandas and the rest),
a second of a core per worker that the kernels starting beside it need. This module imports only WeasyPrint.
"""
from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path


def start() -> None:
    """Each worker loads WeasyPrint behind the notebooks' kernels (lower priority), then returns to normal
    priority where allowed. Ctrl-C is the run's to handle: it stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, 8)
    import weasyprint  # noqa: F401  (loaded before the first page)

    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, 0)


def ready() -> bool:
    return True


def export_pdf(html: Path, target: Path) -> None:
    """The PDF of one HTML page (A4, fonts embedded), made in a worker process."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    weasyprint.HTML(string=Path(html).read_text(encoding="utf-8"), base_url=str(Path(html).parent)).write_pdf(str(target))
