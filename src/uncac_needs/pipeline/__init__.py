"""`uncac-needs run`: the notebooks under papermill, HTML by nbconvert, PDF by WeasyPrint, one report folder.

clean → statistics → report (once per language, in parallel), written into a hidden staging folder beside
the report and swapped in only when complete.

- `run`       the order of the work (this is the one entry point)
- `notebooks` kernels started ahead, papermill, paths relative to the report folder
- `export`    HTML (nbconvert, the project's template) and PDF (WeasyPrint, in a process pool)
- `folder`    the report folder: lock, staging, swap, signals, a full disk
- `manifest`  what the report was made from: provenance, the cleaning cache key, manifest.json, index.html

`uncac-needs preview` serves the same pages from memory while an analyst writes (no notebooks, no PDF):
- `preview`        the server on 127.0.0.1, the watch on the session's files, the page that reloads itself
- `preview_pages`  the pages rendered again from what is kept (cleaning, statistics, figures)
"""
from uncac_needs.pipeline.notebooks import NOTEBOOKS, NotebookFailed
from uncac_needs.pipeline.run import run

__all__ = ["NOTEBOOKS", "NotebookFailed", "run"]
