"""`uncac-needs run` on the default session against the naive chain a user would otherwise script.

    .venv/bin/python benchmarks/bench_run.py [--repeat 3]

The naive chain runs the same notebooks with the tools' own command lines, one process each: papermill
for the cleaning, the statistics and the report in each language, then `jupyter nbconvert --to html
--no-input` and `weasyprint` for each language. `uncac-needs run` is timed twice: from scratch (its
cleaning cache emptied) and re-run with a new cutoff on the unchanged workbook (the cleaning reused).
The results go to docs/benchmarks.md (the section of this benchmark is replaced).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from record import replace_section

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SECTION = "`uncac-needs run` against the naive chain"


def forget_cleaning() -> None:
    """Empty the cleaning cache of the default session (its workbook, reference data and code), so that the
    next run cleans the workbook again."""
    from uncac_needs import session
    from uncac_needs.pipeline.manifest import cleaning_key, provenance
    from uncac_needs.pipeline.run import CACHE_DIR

    sess = session.load(session.DEFAULT_SESSION)
    shutil.rmtree(CACHE_DIR / f"clean-{cleaning_key(provenance(sess, session.DEFAULT_SESSION))}", ignore_errors=True)


def timed(commands: list[list[str]]) -> float:
    start = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def naive_chain(work: Path) -> list[list[str]]:
    processed = work / "processed"
    pm = [str(BIN / "papermill"), "--no-progress-bar"]
    cmds = [
        pm + ["notebooks/clean.ipynb", str(work / "clean.ipynb"), "-p", "raw_path", "data/raw/ta_needs_sample.xlsx",
              "-p", "out_dir", str(processed)],
        pm + ["notebooks/statistics.ipynb", str(work / "statistics.ipynb"), "-p", "processed_dir", str(processed),
              "-p", "cutoff_date", "2020-09-30", "-p", "previous_cutoff_date", "2019-08-31", "-p", "out_dir", str(work)],
    ]
    for lang in ("en", "zh"):
        cmds.append(pm + ["notebooks/report.ipynb", str(work / f"report.{lang}.ipynb"), "-p", "lang", lang,
                          "-p", "statistics_path", str(work / "statistics.json"),
                          "-p", "session_path", "sessions/2020-irg-11-2.yaml"])
    for lang in ("en", "zh"):
        cmds.append([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(work / f"report.{lang}.ipynb")])
        cmds.append([str(BIN / "weasyprint"), str(work / f"report.{lang}.html"), str(work / f"report.{lang}.pdf")])
    return cmds


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    cli = str(BIN / "uncac-needs")
    naive, full, rerun = [], [], []
    load = [os.getloadavg()[0]]
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            (work / "naive").mkdir()
            naive.append(timed(naive_chain(work / "naive")))
            forget_cleaning()
            full.append(timed([[cli, "run", "--out", str(work / "report")]]))
            rerun.append(timed([[cli, "run", "--cutoff", "2021-05-31", "--previous-cutoff", "2020-09-30",
                                 "--out", str(work / "report")]]))
        load.append(os.getloadavg()[0])
    n, f, r = min(naive), min(full), min(rerun)
    print(f"naive chain {n:.1f} s; uncac-needs run {f:.1f} s ({f / n:.2f}×); re-run, new cutoff {r:.1f} s ({r / n:.2f}×)")
    body = "\n".join([
        f"Measured {dt.date.today().isoformat()} by benchmarks/bench_run.py, best of {args.repeat} runs, on the default "
        f"session (both languages, HTML and PDF), on {os.cpu_count()} cores; load average (1 min) "
        f"at the start and after each round: {', '.join(f'{x:.1f}' for x in load)}.", "",
        "| run | time | against the naive chain |", "|---|---:|---:|",
        f"| naive chain: papermill ×4, `jupyter nbconvert` ×2, `weasyprint` ×2 | {n:.1f} s | 1.00× |",
        f"| `uncac-needs run`, from scratch | {f:.1f} s | {f / n:.2f}× (target 0.60×) |",
        f"| `uncac-needs run --cutoff …`, the workbook unchanged (cleaning reused) | {r:.1f} s | {r / n:.2f}× (target 0.40×) |",
    ])
    print(f"Recorded in {replace_section(SECTION, body)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
