"""Peak memory and time of `uncac-needs stats` on hostile workbooks ("zip bombs") and on ordinary ones.

    .venv/bin/python benchmarks/bench_bomb.py [--before REV] [--legit-million]

Each workbook runs in a fresh process, as a user would run it; the memory is the process's peak resident set
(from wait4). The hostile workbooks are built once and cached in benchmarks/.cache (outside git):

- shared strings of 2 GB and of 10 GB (one letter repeated) packed into 2 MB and 10 MB;
- the 10 MB one again with its part declaring 2 KB (the zip's directory lies);
- a sheet of 2 GB of empty rows;
- one number in the last cell of the grid, XFD1048576 (python-calamine then asks for 550 GB at once);
- a text of 32,767 characters (Excel's largest) in 100,000 cells (the reader copies it into each: 3.3 GB);
- and two that stay just within the bounds, and are read: that text in 11,500 cells (377 MB), and one number in
  P999999 (a grid of 16 columns by 999,999 rows).

--before REV also runs the ingest module of a git revision (say HEAD) on the same files, under a 3 GB address
space limit so that the machine survives it. --legit-million also builds the 1,000,000-need workbook as Excel
saves it (shared strings) and reports what it unpacks to against the bounds of data/reference/workbook.yaml.
The results go to docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import xlsxwriter

from bench_stats import CACHE, canonical_workbook, machine
from record import replace_section

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "ta_needs_sample.xlsx"
SST = "xl/sharedStrings.xml"
NEEDS_SHEET = "xl/worksheets/sheet2.xml"
BLOCK = b"A" * (1 << 24)


def small_workbook(path: Path, extra_needs: int = 0, long_text: str | None = None) -> Path:
    """Two sheets as the contract wants them (xlsxwriter: shared strings, Excel's layout)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    ws = wb.add_worksheet("reviews")
    for r, row in enumerate([["State", "Date completed"], ["Kenya", "2020-01-01"], ["Ghana", "2020-02-01"]]):
        ws.write_row(r, 0, row)
    ws = wb.add_worksheet("needs")
    ws.write_row(0, 0, ["State", "Chapter", "Article", "Category", "Description"])
    ws.write_row(1, 0, ["Kenya", "II", 5, "capacity-building", "a need"])
    for r in range(extra_needs):
        ws.write_row(2 + r, 0, ["Ghana", "V", 52, "other", long_text or f"need {r}"])
    wb.close()
    return path


def rezip(src: Path, dst: Path, change: dict, stream: dict | None = None) -> Path:
    """A copy of `src` with parts rewritten (name -> bytes -> bytes) or streamed (name -> iterator of bytes)."""
    tmp = dst.with_suffix(".tmp")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if stream and info.filename in stream:
                with zout.open(info.filename, "w", force_zip64=True) as fh:
                    for piece in stream[info.filename](data):
                        fh.write(piece)
                continue
            zout.writestr(info.filename, change[info.filename](data) if info.filename in change else data)
    tmp.rename(dst)
    return dst


def repeated(data: bytes, before: bytes, head: bytes, tail: bytes, size: int, block: bytes = BLOCK):
    """`data` with `head` + `size` bytes of `block` repeated + `tail` inserted before `before`."""
    cut = data.index(before)
    yield data[:cut] + head
    for _ in range(size // len(block)):
        yield block
    yield tail + data[cut:]


def lie_about_size(path: Path, member: str, declared: int) -> None:
    """Set the uncompressed size a part declares (its local header, and its Zip64 record where it has one)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
        start_dir = zf.start_dir
    for base, size_at, extra_at in ((info.header_offset, 22, 30),):
        name_len = int.from_bytes(data[base + 26: base + 28], "little")
        extra_len = int.from_bytes(data[base + 28: base + 30], "little")
        _patch_sizes(data, base + size_at, base + extra_at + name_len, extra_len, declared)
    pos = start_dir
    while data[pos:pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = (int.from_bytes(data[pos + i: pos + i + 2], "little") for i in (28, 30, 32))
        if data[pos + 46: pos + 46 + name_len].decode() == member:
            _patch_sizes(data, pos + 24, pos + 46 + name_len, extra_len, declared)
        pos += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))


def _patch_sizes(data: bytearray, size_at: int, extra_at: int, extra_len: int, declared: int) -> None:
    if int.from_bytes(data[size_at: size_at + 4], "little") != 0xFFFFFFFF:
        data[size_at: size_at + 4] = declared.to_bytes(4, "little")
        return
    end = extra_at + extra_len
    while extra_at + 4 <= end:                       # the Zip64 extra field: its first value is the size
        tag, length = int.from_bytes(data[extra_at: extra_at + 2], "little"), \
            int.from_bytes(data[extra_at + 2: extra_at + 4], "little")
        if tag == 1:
            data[extra_at + 4: extra_at + 12] = declared.to_bytes(8, "little")
            return
        extra_at += 4 + length


def hostile_workbooks() -> dict[str, Path]:
    CACHE.mkdir(parents=True, exist_ok=True)
    base = small_workbook(CACHE / "bomb_base.xlsx")
    out: dict[str, Path] = {}

    def build(name: str, make) -> None:
        path = CACHE / f"{name}.xlsx"
        if not path.exists():
            print(f"building {path.name} ...", flush=True)
            make(path)
        out[name] = path

    for label, gib in (("shared strings 2 GB", 2), ("shared strings 10 GB", 10)):
        build(f"bomb_sst_{gib}gb", lambda p, gib=gib: rezip(base, p, {}, {SST: lambda d, gib=gib: repeated(
            d, b"</sst>", b"<si><t>", b"</t></si>", gib << 30)}))
    build("bomb_sst_10gb_lying", lambda p: (shutil.copy(out["bomb_sst_10gb"], p), lie_about_size(p, SST, 2048)))
    rows = b"<row/>" * (len(BLOCK) // 6)
    build("bomb_rows_2gb", lambda p: rezip(base, p, {}, {NEEDS_SHEET: lambda d: repeated(
        d, b"</sheetData>", b"", b"", 2 << 30, rows)}))
    build("bomb_far_cell", lambda p: rezip(base, p, {NEEDS_SHEET: lambda d: d.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')}))
    build("bomb_repeated_text", lambda p: small_workbook(p, 100_000, "x" * 32_767))
    # the worst a workbook may do within the bounds: it is read, and must stay within 1 GB
    build("bounds_repeated_text", lambda p: small_workbook(p, 11_500, "x" * 32_767))
    build("bounds_far_cell", lambda p: rezip(base, p, {NEEDS_SHEET: lambda d: d.replace(
        b"</sheetData>", b'<row r="999999"><c r="P999999"><v>1</v></c></row></sheetData>')}))
    return out


def excel_style(src: Path, dst: Path) -> Path:
    """The workbook `src` (inline strings, as xlsxwriter's constant-memory mode writes them) as Excel saves it:
    every text in the shared strings, the cells naming them by number."""
    if dst.exists():
        return dst
    print(f"building {dst.name} (a few minutes) ...", flush=True)
    cell = re.compile(rb'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>(.*?)</t></is></c>')
    index: dict[bytes, int] = {}
    refs = 0

    def shared(m: re.Match) -> bytes:
        nonlocal refs
        refs += 1
        i = index.setdefault(m[2], len(index))
        return b'<c r="' + m[1] + b'" t="s"><v>' + str(i).encode() + b"</v></c>"

    tmp = dst.with_suffix(".tmp")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename.startswith("xl/worksheets/"):
                with zin.open(info) as fin, zout.open(info.filename, "w", force_zip64=True) as fout:
                    carry = b""
                    for chunk in iter(lambda: fin.read(1 << 24), b""):
                        data = carry + chunk
                        cut = data.rfind(b"</row>") + 6
                        fout.write(cell.sub(shared, data[:cut]))
                        carry = data[cut:]
                    fout.write(cell.sub(shared, carry))
            elif info.filename == "[Content_Types].xml":
                zout.writestr(info.filename, zin.read(info).replace(b"</Types>", (
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')))
            elif info.filename == "xl/_rels/workbook.xml.rels":
                zout.writestr(info.filename, zin.read(info).replace(b"</Relationships>", (
                    b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')))
            else:
                zout.writestr(info, zin.read(info))
        with zout.open(SST, "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
                     b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (refs, len(index)))
            batch = []
            for text in index:
                batch.append(b"<si><t>" + text + b"</t></si>")
                if len(batch) >= 100_000:
                    fh.write(b"".join(batch))
                    batch = []
            fh.write(b"".join(batch) + b"</sst>")
    tmp.rename(dst)
    return dst


def unpacked(path: Path) -> str:
    from uncac_needs import ingest

    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: i.file_size for i in zf.infolist()}
    inspection = ingest.inspect_workbook(path)
    sheets = ", ".join(f"{m}: {s.filled_rows:,} rows x {s.cells // max(1, s.filled_rows)} columns, "
                       f"{s.text_bytes / 1e6:,.0f} MB of text in its cells" for m, s in inspection.sheets.items()
                       if s.filled_rows > 1000)
    sst = parts.get(SST, 0)
    return (f"{inspection.unpacked / 1e6:,.1f} MB unpacked (largest part {max(parts.values()) / 1e6:,.1f} MB; "
            f"shared strings {sst / 1e6:,.1f} MB)" + (f"; {sheets}" if sheets else ""))


def measure(workbook: Path, before: Path | None = None) -> tuple[int, float, float, str]:
    """Exit status, seconds, peak memory (MiB) and first stderr line of one `stats` run in a fresh process."""
    env = dict(os.environ)
    limit = None
    if before is not None:
        env.update(PYTHONPATH=str(before), UNCAC_NEEDS_HOME=str(ROOT))
        limit = 3 << 30
    cmd = [sys.executable, "-m", "uncac_needs", "stats", "--raw", str(workbook), "--cutoff", "2030-12-31",
           "--out", os.devnull]

    def cap():
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, preexec_fn=cap)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    lines = [line for line in err.splitlines() if line.strip()]
    first = lines[0] if lines else ""
    if len(lines) > 1:
        first = next((line for line in lines if "Error" in line or "memory" in line), lines[-1])
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024, first


def package_at(rev: str, into: Path) -> Path:
    """The package as it is now, with the ingest stage of revision `rev` (a module, ingest.py, before the
    package ingest/; workbook.yaml's bounds unused where it predates them)."""
    package = into / "uncac_needs"
    shutil.copytree(ROOT / "src" / "uncac_needs", package)
    shutil.rmtree(package / "ingest")
    listed = subprocess.run(["git", "ls-tree", "-r", "--name-only", rev, "src/uncac_needs/ingest.py",
                             "src/uncac_needs/ingest"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in listed.stdout.split():
        old = subprocess.run(["git", "show", f"{rev}:{name}"], cwd=ROOT, capture_output=True, check=True).stdout
        target = into / Path(name).relative_to("src")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(old)
    return into


def short(message: str, width: int | None = 140) -> str:
    message = message.replace("uncac-needs: ", "").replace(str(CACHE) + "/", "").replace(str(ROOT) + "/", "")
    return (message[:width] + " …") if width and len(message) > width else message


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--before", metavar="REV", help="also run the ingest module of this git revision")
    p.add_argument("--legit-million", action="store_true", help="also measure the 1,000,000-need workbook")
    args = p.parse_args()
    ordinary = {"sample (537 needs)": SAMPLE, "canonical 100,000 needs": canonical_workbook(100_000)}
    if args.legit_million:
        ordinary["1,000,000 needs, as Excel saves it"] = excel_style(
            canonical_workbook(1_000_000), CACHE / "excel_style_1000000.xlsx")
    hostile = hostile_workbooks()
    rows, notes = [], []
    with tempfile.TemporaryDirectory() as tmp:
        before = package_at(args.before, Path(tmp)) if args.before else None
        for label, path in [*ordinary.items(), *hostile.items()]:
            size = path.stat().st_size / 2**20
            runs = [measure(path) for _ in range(3 if path in ordinary.values() and size < 10 else 1)]
            code, seconds, mib, message = min(runs, key=lambda r: r[1])
            mib = max(r[2] for r in runs)
            old = measure(path, before) if before else None
            rows.append((label, size, code, seconds, mib, message, old))
            shown = f"{label:38} {size:7.1f} MiB  exit {code}  {seconds:6.2f} s  {mib:6.0f} MiB peak"
            if old:
                shown += f"   | {args.before}: exit {old[0]}  {old[1]:6.2f} s  {old[2]:6.0f} MiB"
            print(shown, flush=True)
            if message:
                print(f"    {short(message)}", flush=True)
        for label, path in ordinary.items():
            notes.append(f"- {label}: {unpacked(path)}.")
        if args.legit_million:
            notes.append(f"- 1,000,000 needs as benchmarks/bench_stats.py writes them (inline strings): "
                         f"{unpacked(canonical_workbook(1_000_000))}.")
    head = "| workbook | file | exit | time | peak memory |" + (f" before ({args.before}) |" if before else "")
    lines = [
        f"Measured {dt.date.today().isoformat()} on {machine()} by benchmarks/bench_bomb.py: each workbook in a "
        "fresh process (start-up included), best time of 3 runs for the small ordinary ones; peak resident memory "
        "of the process. A hostile workbook is refused (exit 2, one sentence) before python-calamine opens it."
        + (f" \"Before\" runs the ingest module of {args.before} under a 3 GB address-space limit." if before else ""),
        "",
        head,
        "|---|---:|---:|---:|---:|" + ("---|" if before else ""),
    ]
    for label, size, code, seconds, mib, message, old in rows:
        line = f"| {label} | {size:.1f} MiB | {code} | {seconds:.2f} s | {mib:.0f} MiB |"
        if old:
            line += f" exit {old[0]}, {old[1]:.1f} s, {old[2]:.0f} MiB: {short(old[3], 90) or 'read'} |"
        lines.append(line)
    if before:
        lines += ["", "Exit -6: the process aborted (python-calamine could not allocate what it asked for)."]
    lines += ["", "The sentences:", ""]
    lines += [f"- {label}: {short(message, None)}" for label, _, code, _, _, message, _ in rows if code == 2]
    lines += ["", "What the ordinary workbooks unpack to:", ""] + notes
    lines += ["", "Target: a hostile workbook under 50 MB refused in seconds within 1 GB, and reading any workbook "
              "within the bounds (data/reference/workbook.yaml) within 1 GB (the bounds_ rows). A real workbook of "
              "1,000,000 needs passes the bounds; its cleaning then takes 1.8 GB, as in the first section."]
    print(f"Recorded in {replace_section('`uncac-needs stats` on hostile workbooks', chr(10).join(lines))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
