"""Time and peak memory of `uncac-needs stats` on canonical workbooks of 1,000, 10,000 and 100,000 needs.

    make bench            (or: .venv/bin/python benchmarks/bench_stats.py [--sizes 1000 10000 100000])

The workbooks are generated once and cached in benchmarks/.cache (outside git). Each size runs in a
fresh process, as a user would run it: the time is wall-clock from start to exit, the memory the
process's peak resident set. The results go to docs/benchmarks.md with the date and the machine.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

import xlsxwriter

from record import replace_section
from uncac_needs.vocabulary import reference

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CATEGORIES = [c.name_en for c in reference.categories()]
SUBCATEGORIES = [s.name_en for s in reference.subcategories()]


def canonical_workbook(needs: int) -> Path:
    """Every State party with a summary; `needs` needs in plain, canonical form."""
    path = CACHE / f"canonical_{needs}.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    rng = random.Random(needs)
    states = [s for s in reference.states() if s.uncac_party]
    articles = list(reference.articles().values())
    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet("reviews")
    ws.write_row(0, 0, ["State", "Date completed"])
    for r, s in enumerate(states, start=1):
        ws.write_string(r, 0, s.name_en)
        ws.write_datetime(r, 1, dt.datetime(2016, 1, 1) + dt.timedelta(days=rng.randrange(2500)), date_fmt)
    ws = wb.add_worksheet("needs")
    ws.write_row(0, 0, ["No.", "State", "Chapter", "Article", "Category", "Subcategory", "Description"])
    for r in range(1, needs + 1):
        article = rng.choice(articles)
        category = rng.choice(CATEGORIES)
        ws.write_string(r, 0, f"N{r:06d}")
        ws.write_string(r, 1, rng.choice(states).name_en)
        ws.write_string(r, 2, article.chapter)
        if rng.random() < 0.85:
            ws.write_number(r, 3, article.number)
        if category == CATEGORIES[0] and rng.random() < 0.9:
            ws.write_string(r, 5, rng.choice(SUBCATEGORIES))
        ws.write_string(r, 4, category)
        ws.write_string(r, 6, f"Synthetic need {r} under {article.title_en.lower()}")
    wb.close()
    tmp.rename(path)
    return path


def measure(workbook: Path, out: Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one `uncac-needs stats` run in a fresh process."""
    cmd = [sys.executable, "-m", "uncac_needs", "stats", "--raw", str(workbook), "--cutoff", "2030-12-31",
           "--out", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"uncac-needs stats failed on {workbook}")
    return seconds, usage.ru_maxrss / 1024


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    p.add_argument("--repeat", type=int, default=3, help="runs per size; the best is reported")
    args = p.parse_args()
    rows = []
    for n in args.sizes:
        workbook = canonical_workbook(n)
        runs = [measure(workbook, CACHE / f"stats_{n}.json") for _ in range(args.repeat if n <= 100_000 else 1)]
        seconds = min(r[0] for r in runs)
        mib = max(r[1] for r in runs)
        rows.append((n, workbook.stat().st_size / 2**20, seconds, mib))
        print(f"{n:>9,} needs  {rows[-1][1]:6.1f} MiB workbook  {seconds:6.2f} s  {mib:7.0f} MiB peak", flush=True)
    lines = [
        f"Measured {dt.date.today().isoformat()} on {machine()} by `make bench` "
        "(benchmarks/bench_stats.py): best of "
        f"{args.repeat} runs (one run above 100,000 needs), each a fresh process (start-up included); peak "
        "resident memory of the process.",
        "",
        "| needs | workbook | time | peak memory |",
        "|---:|---:|---:|---:|",
    ]
    lines += [f"| {n:,} | {size:.1f} MiB | {s:.2f} s | {m:.0f} MiB |" for n, size, s, m in rows]
    lines += ["", "Target: 100,000 needs in at most 10 s and 1.5 GB, growing about linearly."]
    print(f"Recorded in {replace_section('`uncac-needs stats` on canonical workbooks', chr(10).join(lines))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
