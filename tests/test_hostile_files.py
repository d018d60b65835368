"""Hostile and odd workbooks: zip bombs, stray cells far from the table, lying sizes, misnamed files.

Each is refused with exit status 2 and one plain sentence naming the file, before the Excel reader
(python-calamine, which unpacks the zip itself) sees it; or, where the file is a real workbook under an odd
name or with an odd declared size, it is read like any other.
"""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import write_workbook
from uncac_needs import cli, ingest, session
from uncac_needs.plumbing import config

REVIEWS = [["State", "Date completed"], ["Kenya", "2020-01-01"], ["Ghana", "2020-02-01"]]
NEEDS = [["State", "Chapter", "Article", "Category"], ["Kenya", "II", 5, "capacity-building"],
         ["Ghana", "V", 52, "legislative assistance"]]
SST = "xl/sharedStrings.xml"
NEEDS_SHEET = "xl/worksheets/sheet2.xml"      # xlsxwriter writes the sheets in order: reviews, needs


# --------------------------------------------------------------------------- helpers

def base_workbook(tmp_path: Path, name: str = "base.xlsx", needs=NEEDS) -> Path:
    return write_workbook(tmp_path / name, {"reviews": REVIEWS, "needs": needs})


def rezip(src: Path, dst: Path, change: dict | None = None, add: dict | None = None) -> Path:
    """A copy of the workbook `src` with some parts rewritten (name -> function of the bytes) or added."""
    change, add = change or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in change:
                data = change[info.filename](data)
            zout.writestr(info.filename, data)
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


def lie_about_size(path: Path, member: str, declared: int) -> None:
    """Rewrite the uncompressed size a part declares (local header and central directory), as a bomb does."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
        start_dir = zf.start_dir
    data[info.header_offset + 22: info.header_offset + 26] = declared.to_bytes(4, "little")
    pos = start_dir
    while data[pos:pos + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = (int.from_bytes(data[pos + i: pos + i + 2], "little") for i in (28, 30, 32))
        if data[pos + 46: pos + 46 + name_len].decode() == member:
            data[pos + 24: pos + 28] = declared.to_bytes(4, "little")
        pos += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo(member).file_size == declared


def add_shared_string(text: str):
    """A change to sharedStrings.xml appending one more string (its index is past every used one)."""
    def change(data: bytes) -> bytes:
        return data.replace(b"</sst>", b"<si><t>" + text.encode() + b"</t></si></sst>")
    return change


def noise(n: int, seed: int = 1) -> str:
    """Text that compresses poorly (about 1.2:1), so that only the size bounds can catch it."""
    rng = random.Random(seed)
    return "".join(rng.choices(string.ascii_letters + string.digits, k=n))


def lower_limits(monkeypatch, tmp_path: Path, **limits) -> None:
    """Bounds lowered as a person would lower them: in a copy of data/reference/workbook.yaml."""
    folder = tmp_path / "reference"
    if not folder.exists():
        shutil.copytree(config.REFERENCE_DIR, folder)
    contract = folder / "workbook.yaml"
    text = contract.read_text(encoding="utf-8")
    for key, value in limits.items():
        text, n = re.subn(rf"^{key}: *[0-9]+", f"{key}: {value}", text, flags=re.M)
        assert n == 1, key
    contract.write_text(text, encoding="utf-8")
    monkeypatch.setattr(config, "REFERENCE_DIR", folder)


def session_for(tmp_path: Path, workbook: Path) -> Path:
    data = yaml.safe_load(session.DEFAULT_SESSION.read_text(encoding="utf-8"))
    data["workbook"] = str(workbook.resolve())
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def run(capsys, command: str, workbook: Path, tmp_path: Path) -> tuple[int, str]:
    if command == "stats":
        code = cli.main(["stats", "--raw", str(workbook), "--cutoff", "2020-09-30", "--out", str(tmp_path / "s.json")])
    else:
        code = cli.main(["check", str(session_for(tmp_path, workbook))])
    return code, capsys.readouterr().err


def assert_one_sentence(code: int, err: str, *words: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("uncac-needs: ") and line.endswith("."), line
    assert line.count(". ") == 0, line                    # one sentence
    for w in words:
        assert w in line, (w, line)
    return line


def stats_of(tmp_path: Path, workbook: Path) -> dict:
    out = tmp_path / f"{workbook.name}.json"
    assert cli.main(["stats", "--raw", str(workbook), "--cutoff", "2020-09-30", "--out", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- item 7: zip bombs

@pytest.mark.parametrize("command", ["stats", "check"])
def test_a_shared_strings_bomb_is_refused(tmp_path, capsys, command):
    # 60 MB of one repeated letter packs into about 60 KB: a real workbook never packs 1000 to 1
    bomb = rezip(base_workbook(tmp_path), tmp_path / "bomb.xlsx", {SST: add_shared_string("A" * 60_000_000)})
    assert bomb.stat().st_size < 200_000
    code, err = run(capsys, command, bomb, tmp_path)
    assert_one_sentence(code, err, "bomb.xlsx", "xl/sharedStrings.xml", "zip bomb", "save the data again from Excel")


@pytest.mark.parametrize("command", ["stats", "check"])
def test_a_part_that_lies_about_its_size_is_refused_by_what_it_unpacks_to(tmp_path, capsys, command):
    bomb = rezip(base_workbook(tmp_path), tmp_path / "liar.xlsx", {SST: add_shared_string("A" * 60_000_000)})
    lie_about_size(bomb, SST, 2_000)                       # the zip says it unpacks to 2 KB: harmless-looking
    code, err = run(capsys, command, bomb, tmp_path)
    assert_one_sentence(code, err, "liar.xlsx", "xl/sharedStrings.xml")


def test_a_sheet_bomb_is_refused(tmp_path, capsys):
    def pad(data: bytes) -> bytes:      # 50 MB of empty rows after the table: nothing to read, everything to unpack
        return data.replace(b"</sheetData>", b"<row/>" * 8_500_000 + b"</sheetData>")
    bomb = rezip(base_workbook(tmp_path), tmp_path / "rows.xlsx", {NEEDS_SHEET: pad})
    code, err = run(capsys, "stats", bomb, tmp_path)
    assert_one_sentence(code, err, "rows.xlsx", NEEDS_SHEET)


def test_a_part_over_max_member_bytes_is_refused_even_when_it_declares_less(tmp_path, capsys, monkeypatch):
    lower_limits(monkeypatch, tmp_path, max_member_bytes=1_000_000)
    big = rezip(base_workbook(tmp_path), tmp_path / "big.xlsx", {SST: add_shared_string(noise(1_500_000))})
    lie_about_size(big, SST, 900_000)
    code, err = run(capsys, "stats", big, tmp_path)
    assert_one_sentence(code, err, "big.xlsx", "xl/sharedStrings.xml", "max_member_bytes")


def test_parts_over_max_unpacked_bytes_together_are_refused(tmp_path, capsys, monkeypatch):
    lower_limits(monkeypatch, tmp_path, max_unpacked_bytes=1_000_000)
    parts = {f"customXml/item{i}.xml": f"<x>{noise(400_000, i)}</x>" for i in range(3)}
    big = rezip(base_workbook(tmp_path), tmp_path / "many.xlsx", add=parts)
    code, err = run(capsys, "stats", big, tmp_path)
    assert_one_sentence(code, err, "many.xlsx", "max_unpacked_bytes")


def test_too_many_shared_strings_are_refused(tmp_path, capsys, monkeypatch):
    lower_limits(monkeypatch, tmp_path, max_shared_strings=50)
    needs = NEEDS + [["Kenya", "II", 5, "other", f"need {i}"] for i in range(100)]
    path = base_workbook(tmp_path, "texts.xlsx", needs)
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "texts.xlsx", "max_shared_strings")


def test_a_shared_string_count_that_lies_is_refused(tmp_path, capsys):
    # the reader reserves memory for uniqueCount strings before reading one: 2,000,000,000 aborts the process
    limit = ingest.contract().max_shared_strings
    def lie(data: bytes) -> bytes:
        return re.sub(rb'uniqueCount="\d+"', f'uniqueCount="{limit + 1}"'.encode(), data)
    path = rezip(base_workbook(tmp_path), tmp_path / "count.xlsx", {SST: lie})
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "count.xlsx", "max_shared_strings")


def restyle(data: bytes, style: str) -> bytes:
    """A sheet's XML written otherwise than Excel writes it, as other programs may: the reader reads it the same."""
    if style == "reference-last":                        # <c t="s" r="A2">
        return re.sub(rb'<c r="([A-Z]+[0-9]+)"((?: [a-z]+="[^"]*")*)>', rb'<c\2 r="\1">', data)
    if style == "prefixed":                              # <x:c r="A2" t="s"><x:v>0</x:v></x:c>
        data = re.sub(rb"<(/?)([A-Za-z]+)([\s>/])", rb"<\1x:\2\3", data)
        return data.replace(b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x=")
    return data


def _far_cell(cell: str, style: str = "as-excel-writes"):
    """A change to a sheet adding one number in `cell`, far below and right of the table."""
    row = re.sub(r"[A-Z]+", "", cell)
    def change(data: bytes) -> bytes:
        data = data.replace(b"</sheetData>", f'<row r="{row}"><c r="{cell}"><v>1</v></c></row></sheetData>'.encode())
        return restyle(data, style)
    return change


STYLES = ["as-excel-writes", "reference-last", "prefixed"]


def test_one_number_in_the_last_cell_of_the_sheet_is_refused_not_a_crash(tmp_path):
    # the reader makes the sheet a dense grid: A1:XFD1048576 is 17 billion cells, 550 GB; the process aborts
    path = rezip(base_workbook(tmp_path), tmp_path / "far.xlsx", {NEEDS_SHEET: _far_cell("XFD1048576")})
    proc = subprocess.run([sys.executable, "-m", "uncac_needs", "stats", "--raw", str(path), "--cutoff", "2020-09-30"],
                          capture_output=True, text=True, timeout=120)
    assert_one_sentence(proc.returncode, proc.stderr, "'needs'", "far.xlsx", "XFD1048576", "max_sheet_cells")


@pytest.mark.parametrize("style", STYLES)
def test_a_sheet_spread_over_more_cells_than_max_sheet_cells_is_refused(tmp_path, capsys, monkeypatch, style):
    lower_limits(monkeypatch, tmp_path, max_sheet_cells=1_000)
    path = rezip(base_workbook(tmp_path), tmp_path / "wide.xlsx", {NEEDS_SHEET: _far_cell("Z100", style)})
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "'needs'", "wide.xlsx", "Z100", "max_sheet_cells")


def test_shared_strings_over_the_text_bound_are_refused(tmp_path, capsys, monkeypatch):
    lower_limits(monkeypatch, tmp_path, max_cell_text_bytes=100_000)
    needs = [NEEDS[0] + ["Description"]] + [["Kenya", "II", 5, "other", noise(1_000, i)] for i in range(200)]
    path = base_workbook(tmp_path, "texts.xlsx", needs)
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "texts.xlsx", "shared strings", "max_cell_text_bytes")


@pytest.mark.parametrize("style", STYLES)
def test_a_long_text_repeated_in_many_cells_is_refused(tmp_path, capsys, monkeypatch, style):
    # one shared string of 20,000 characters in 200 cells: the reader copies it into every cell (4 MB)
    lower_limits(monkeypatch, tmp_path, max_cell_text_bytes=1_000_000)
    long = "x" * 20_000
    needs = NEEDS + [["Kenya", "II", 5, "other", long] for _ in range(200)]
    base = base_workbook(tmp_path, "base.xlsx", [NEEDS[0] + ["Description"]] + needs[1:])
    path = rezip(base, tmp_path / "repeat.xlsx", {NEEDS_SHEET: lambda data: restyle(data, style)})
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "'needs'", "repeat.xlsx", "max_cell_text_bytes")


def _empty_strings_first(data: bytes) -> bytes:
    """Two shared-string items with no text of their own put first (python-calamine gives each an index)."""
    return re.sub(rb"(<sst[^>]*>)", rb'\1<si/><si><rPh sb="0" eb="1"><t>x</t></rPh></si>', data)


def _indexes_moved_by_two(data: bytes) -> bytes:
    return re.sub(rb'( t="s"[^>]*><v>)([0-9]+)', lambda m: m[1] + str(int(m[2]) + 2).encode(), data)


def test_shared_strings_are_counted_as_the_reader_counts_them(tmp_path, capsys, monkeypatch):
    long = "x" * 20_000
    needs = [NEEDS[0] + ["Description"]] + NEEDS[1:] + [["Kenya", "II", 5, "other", long] for _ in range(200)]
    base = base_workbook(tmp_path, "base.xlsx", needs)
    odd = rezip(base, tmp_path / "empties.xlsx", {SST: _empty_strings_first, NEEDS_SHEET: _indexes_moved_by_two,
                                                   "xl/worksheets/sheet1.xml": _indexes_moved_by_two})
    assert stats_of(tmp_path, odd)["overview"] == stats_of(tmp_path, base)["overview"]
    lower_limits(monkeypatch, tmp_path, max_cell_text_bytes=1_000_000)          # the 200 long texts are found where they are
    code, err = run(capsys, "stats", odd, tmp_path)
    assert_one_sentence(code, err, "'needs'", "empties.xlsx", "max_cell_text_bytes")


@pytest.mark.parametrize("style", STYLES[1:])
def test_a_sheet_written_another_way_reads_the_same(tmp_path, style):
    # measured the careful way, element by element: nothing refused, the same figures
    base = base_workbook(tmp_path)
    def rewrite(data: bytes) -> bytes:
        return restyle(data, style)
    odd = rezip(base, tmp_path / "odd.xlsx", {NEEDS_SHEET: rewrite, "xl/worksheets/sheet1.xml": rewrite})
    assert zipfile.ZipFile(odd).read(NEEDS_SHEET) != zipfile.ZipFile(base).read(NEEDS_SHEET)
    assert stats_of(tmp_path, odd)["overview"] == stats_of(tmp_path, base)["overview"]


def test_the_sample_and_ordinary_workbooks_pass_the_bounds(tmp_path):
    from uncac_needs.plumbing import config
    stats = stats_of(tmp_path, config.SAMPLE_WORKBOOK)
    assert stats["cleaning"]["needs"]["rows_read"] > 500
    assert stats_of(tmp_path, base_workbook(tmp_path))["overview"]["needs"] == 2


def test_a_zip_of_too_many_parts_is_refused_before_its_directory_is_read(tmp_path, capsys, monkeypatch):
    lower_limits(monkeypatch, tmp_path, max_parts=20)
    parts = {f"customXml/item{i}.xml": "<x/>" for i in range(30)}
    path = rezip(base_workbook(tmp_path), tmp_path / "parts.xlsx", add=parts)
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "parts.xlsx", "max_parts")


def test_a_part_twice_under_one_name_is_refused(tmp_path, capsys):
    # the reader would take one copy, a check another: say the file is damaged
    with pytest.warns(UserWarning, match="Duplicate name"):
        path = rezip(base_workbook(tmp_path), tmp_path / "twice.xlsx", add={SST: b"<sst/>"})
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "twice.xlsx", "damaged", "xl/sharedStrings.xml", "save it again from Excel")


# --------------------------------------------------------------------------- item 8: the declared dimension

def _declare(ref: bytes):
    def change(data: bytes) -> bytes:
        data, n = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="' + ref + b'"/>', data)
        assert n == 1
        return data
    return change


def test_a_sheet_declaring_the_whole_grid_is_read_by_what_it_holds(tmp_path, capsys):
    needs = [["No."] + NEEDS[0]] + [[f"N{i:03d}"] + NEEDS[1 + i % 2] for i in range(537)]
    base = base_workbook(tmp_path, "537.xlsx", needs)
    def declare_and_format_the_last_cell(data: bytes) -> bytes:   # one stray formatted (empty) cell
        data = _declare(b"A1:XFD1048576")(data)
        return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="1"/></row></sheetData>')
    path = rezip(base, tmp_path / "declared.xlsx", {NEEDS_SHEET: declare_and_format_the_last_cell})
    stats = stats_of(tmp_path, path)
    assert stats["cleaning"]["needs"]["rows_read"] == 537
    assert stats["overview"]["needs"] == 537


def test_the_row_limit_holds_when_the_dimension_understates(tmp_path, capsys, monkeypatch):
    lower_limits(monkeypatch, tmp_path, max_need_rows=50)
    needs = [["State", "Article", "Category"]] + [["Kenya", 5, "other"]] * 200
    base = base_workbook(tmp_path, "many.xlsx", needs)
    path = rezip(base, tmp_path / "small-dim.xlsx", {NEEDS_SHEET: _declare(b"A1")})
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "201 rows, more than the limit of 50", "max_need_rows")


# --------------------------------------------------------------------------- item 10: encodings and names

MAPPING = "# 映射\nsheets:\n  needs: Données\n"


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-16-be", "utf-16-le", "utf-32"])
def test_a_mapping_file_not_in_utf8_is_named_as_such(tmp_path, capsys, encoding):
    path = write_workbook(tmp_path / "ok.xlsx", {"reviews": REVIEWS, "Données": NEEDS})
    mapping = tmp_path / "map.yaml"
    text = MAPPING if encoding != "utf-16-be" else "\ufeff" + MAPPING     # a BOM, big-endian
    mapping.write_bytes(text.encode(encoding))
    code = cli.main(["stats", "--raw", str(path), "--cutoff", "2020-09-30", "--mapping", str(mapping)])
    assert_one_sentence(code, capsys.readouterr().err, "map.yaml", "is not saved as UTF-8", "save it as UTF-8")


def test_a_mapping_file_with_a_utf8_bom_just_works(tmp_path, capsys):
    path = write_workbook(tmp_path / "ok.xlsx", {"reviews": REVIEWS, "Données": NEEDS})
    mapping = tmp_path / "map.yaml"
    mapping.write_bytes(MAPPING.encode("utf-8-sig"))
    out = tmp_path / "s.json"
    code = cli.main(["stats", "--raw", str(path), "--cutoff", "2020-09-30", "--mapping", str(mapping), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8"))["overview"]["needs"] == 2


@pytest.mark.parametrize("name", ["needs.xlsb", "needs.xls", "needs.ods", "needs.dat", "needs"])
def test_an_xlsx_under_another_name_is_read_by_its_content(tmp_path, name):
    base = base_workbook(tmp_path)
    folder = tmp_path / "user"
    folder.mkdir()
    renamed = folder / name
    renamed.write_bytes(base.read_bytes())
    assert stats_of(tmp_path, renamed)["overview"] == stats_of(tmp_path, base)["overview"]
    assert [p.name for p in folder.iterdir()] == [name]          # nothing written beside the user's file


def test_a_real_xlsb_is_named_as_such(tmp_path, capsys):
    path = tmp_path / "binary.xlsb"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    code, err = run(capsys, "stats", path, tmp_path)
    assert_one_sentence(code, err, "binary.xlsb", "Excel binary workbook (.xlsb)", "save it as an Excel Workbook (.xlsx)")


# --------------------------------------------------------------------------- where the path itself is wrong

def test_a_folder_named_like_a_workbook(tmp_path, capsys):
    folder = tmp_path / "needs.xlsx"
    folder.mkdir()
    code, err = run(capsys, "stats", folder, tmp_path)
    assert_one_sentence(code, err, "needs.xlsx", "is a folder")


def test_a_name_too_long_for_the_system(tmp_path, capsys):
    code, err = run(capsys, "stats", tmp_path / ("n" * 300 + ".xlsx"), tmp_path)
    assert_one_sentence(code, err, "nnnn")


def test_a_path_through_a_file(tmp_path, capsys):
    base = base_workbook(tmp_path)
    code, err = run(capsys, "stats", base / "inner.xlsx", tmp_path)
    assert_one_sentence(code, err, "inner.xlsx")


def test_a_broken_link(tmp_path, capsys):
    link = tmp_path / "link.xlsx"
    link.symlink_to(tmp_path / "gone.xlsx")
    code, err = run(capsys, "stats", link, tmp_path)
    assert_one_sentence(code, err, "link.xlsx")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file(tmp_path, capsys):
    base = base_workbook(tmp_path)
    base.chmod(0)
    try:
        code, err = run(capsys, "stats", base, tmp_path)
    finally:
        base.chmod(0o644)
    assert_one_sentence(code, err, "base.xlsx", "permission")


def test_a_file_the_system_refuses_to_open(tmp_path, capsys, monkeypatch):
    # what an unreadable file gives where the tests run as root (who reads everything)
    base = base_workbook(tmp_path)
    real_open = Path.open
    def refuse(self, *args, **kwargs):
        if self == base:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)
    monkeypatch.setattr(Path, "open", refuse)
    code, err = run(capsys, "stats", base, tmp_path)
    assert_one_sentence(code, err, "base.xlsx", "ermission")
