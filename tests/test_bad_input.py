"""Every kind of bad input ends with exit status 2 and one plain sentence on stderr, no traceback."""
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from conftest import write_workbook
from uncac_needs import cli
from uncac_needs.plumbing import config

GOOD_REVIEWS = [["State", "Date completed"], ["Kenya", "2020-01-01"]]
GOOD_NEEDS = [["State", "Chapter", "Article", "Category"], ["Kenya", "II", 5, "capacity-building"]]


def run_clean(capsys, raw: Path, tmp_path: Path, *extra: str) -> tuple[int, str]:
    code = cli.main(["clean", "--raw", str(raw), "--out", str(tmp_path / "out"), *extra])
    err = capsys.readouterr().err
    return code, err


def assert_one_sentence(code: int, err: str, *words: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("uncac-needs: ") and lines[0].endswith(".")
    for w in words:
        assert w in lines[0], (w, lines[0])


def test_missing_path(capsys, tmp_path):
    assert_one_sentence(*run_clean(capsys, tmp_path / "nowhere.xlsx", tmp_path), "no file at", "nowhere.xlsx")


def test_folder_instead_of_file(capsys, tmp_path):
    assert_one_sentence(*run_clean(capsys, tmp_path, tmp_path), "is a folder")


def test_csv(capsys, tmp_path):
    path = tmp_path / "needs.csv"
    path.write_text("state,date\nKenya,2020-01-01\n", encoding="utf-8")
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "CSV", "save it as")


def test_csv_named_xlsx(capsys, tmp_path):
    path = tmp_path / "needs.xlsx"
    path.write_text("state,date\nKenya,2020-01-01\n", encoding="utf-8")
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "CSV")


def test_text_file_named_xlsx(capsys, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("These are my notes about the needs\n", encoding="utf-8")
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "text file")


def test_empty_file(capsys, tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "empty")


def test_legacy_xls(capsys, tmp_path):
    # an OLE2 compound file, the container of Excel 97-2003 workbooks
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    assert_one_sentence(*run_clean(capsys, path, tmp_path), ".xls", ".xlsx")


def test_password_protected(capsys, tmp_path):
    plain = write_workbook(tmp_path / "plain.xlsx", {"reviews": GOOD_REVIEWS, "needs": GOOD_NEEDS})
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as dst:
        OOXMLFile(src).encrypt("secret", dst)
    assert_one_sentence(*run_clean(capsys, locked, tmp_path), "password")


def test_truncated_workbook(capsys, tmp_path):
    data = config.SAMPLE_WORKBOOK.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "damaged or incomplete")


def test_corrupt_workbook(capsys, tmp_path):
    # the zip directory is intact, but the needs sheet's compressed bytes are garbage
    data = bytearray(config.SAMPLE_WORKBOOK.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet3.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + min(info.compress_size - 20, 2000)):
        data[i] ^= 0x5A
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(bytes(data))
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "damaged")


def test_zip_that_is_not_a_workbook(capsys, tmp_path):
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "zip archive but not an Excel workbook")


def test_workbook_without_the_two_sheets(capsys, tmp_path):
    path = write_workbook(tmp_path / "other.xlsx", {"Sheet1": GOOD_REVIEWS, "Data": GOOD_NEEDS})
    code, err = run_clean(capsys, path, tmp_path)
    assert_one_sentence(code, err, "no sheet for", "'Sheet1'", "'Data'", "mapping file")


def test_two_sheets_could_be_the_needs(capsys, tmp_path):
    path = write_workbook(tmp_path / "two.xlsx", {"reviews": GOOD_REVIEWS, "needs": GOOD_NEEDS, "TA needs": GOOD_NEEDS})
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "'needs' and 'TA needs'")


def test_sheet_without_a_required_column(capsys, tmp_path):
    needs = [["State", "Chapter", "Article", "Type d'assistance"], ["Kenya", "II", 5, "capacity-building"]]
    path = write_workbook(tmp_path / "nocat.xlsx", {"reviews": GOOD_REVIEWS, "needs": needs})
    code, err = run_clean(capsys, path, tmp_path)
    # which headers were found, and which names would be accepted
    assert_one_sentence(code, err, "no 'category' column", "'Type d'assistance'", "'type of assistance'", "'类别'")


def test_needs_without_chapter_or_article_column(capsys, tmp_path):
    needs = [["State", "Category"], ["Kenya", "capacity-building"]]
    path = write_workbook(tmp_path / "noart.xlsx", {"reviews": GOOD_REVIEWS, "needs": needs})
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "neither a chapter nor an article column")


def test_empty_sheet(capsys, tmp_path):
    path = write_workbook(tmp_path / "emptysheet.xlsx", {"reviews": [], "needs": GOOD_NEEDS})
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "'reviews'", "is empty")


def test_empty_needs_sheet(capsys, tmp_path):
    path = write_workbook(tmp_path / "emptyneeds.xlsx", {"reviews": GOOD_REVIEWS, "needs": []})
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "'needs'", "is empty")


def test_reviews_with_a_header_but_no_states(capsys, tmp_path):
    path = write_workbook(tmp_path / "noreviews.xlsx", {"reviews": [GOOD_REVIEWS[0]], "needs": GOOD_NEEDS})
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "no States")


def test_no_header_row(capsys, tmp_path):
    rows = [["Kenya", "2020-01-01"], ["Ghana", "2020-02-01"]]
    path = write_workbook(tmp_path / "noheader.xlsx", {"reviews": rows, "needs": GOOD_NEEDS})
    assert_one_sentence(*run_clean(capsys, path, tmp_path), "no header row", "'Kenya'")


def test_missing_mapping_file(capsys, tmp_path):
    path = write_workbook(tmp_path / "ok.xlsx", {"reviews": GOOD_REVIEWS, "needs": GOOD_NEEDS})
    assert_one_sentence(*run_clean(capsys, path, tmp_path, "--mapping", str(tmp_path / "map.yaml")), "no mapping file")


@pytest.mark.parametrize("text, words", [
    ("sheets:\n  reviews: A\n  extra: B\n", ["'sheets.extra'"]),
    ("colums:\n  needs: {}\n", ["'colums'"]),
    ("columns:\n  needs:\n    colour: Farbe\n", ["unknown column 'colour'"]),
    ("sheets: [unclosed\n", ["not valid YAML"]),
])
def test_bad_mapping_file(capsys, tmp_path, text, words):
    path = write_workbook(tmp_path / "ok.xlsx", {"reviews": GOOD_REVIEWS, "needs": GOOD_NEEDS})
    mapping = tmp_path / "map.yaml"
    mapping.write_text(text, encoding="utf-8")
    assert_one_sentence(*run_clean(capsys, path, tmp_path, "--mapping", str(mapping)), *words)


def test_stats_previous_cutoff_after_cutoff(capsys):
    code = cli.main(["stats", "--raw", str(config.SAMPLE_WORKBOOK), "--cutoff", "2020-09-30",
                     "--previous-cutoff", "2021-01-01"])
    assert_one_sentence(code, capsys.readouterr().err, "--previous-cutoff")


@pytest.mark.parametrize("args", [
    ["stats", "--raw", "x.xlsx", "--cutoff", "30/09/2020"],
    ["clean", "--raw", "x.xlsx"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(args):
    proc = subprocess.run([sys.executable, "-m", "uncac_needs", *args], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_real_process_prints_one_sentence(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "uncac_needs", "clean", "--raw", str(tmp_path / "none.xlsx"),
                           "--out", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
