"""Error and formula cells are found wherever the reader (python-calamine) places them.

python-calamine gives an Excel error, or a formula saved without its value, as an empty cell; the ingest stage
reads the sheet's XML for them so that the cleaning can say what they are. A reference written in lower case
(`r="d2"`, which the reader takes for D2) once stopped the run with a TypeError, and a cell written without a
reference (which the reader places after the cell before it) was taken for an empty cell.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import write_workbook
from uncac_needs import ingest

NEEDS_SHEET = "xl/worksheets/sheet2.xml"      # xlsxwriter writes the sheets in order: reviews, needs
REVIEWS = [["State", "Date completed"], ["Kenya", "2020-01-01"]]
NEEDS = [["State", "Chapter", "Article", "Category"], ["Kenya", "II", 5, "capacity-building"],
         ["Ghana", "V", 52, "legislative assistance"]]


def with_cell(tmp_path: Path, name: str, cell: str, where: str = "D2") -> Path:
    """The workbook with the needs sheet's cell `where` (a text as xlsxwriter writes it) replaced by `cell`."""
    base = write_workbook(tmp_path / "base.xlsx", {"reviews": REVIEWS, "needs": NEEDS})
    dst = tmp_path / name
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == NEEDS_SHEET:
                data, n = re.subn(rb'<c r="' + where.encode() + rb'" t="s"><v>\d+</v></c>', cell.encode(), data)
                assert n == 1
            zout.writestr(info.filename, data)
    return dst


@pytest.mark.parametrize("cell", ['<c r="d2" t="e"><v>#N/A</v></c>',       # a reference in lower case
                                  '<c t="e"><v>#N/A</v></c>',                # no reference: after C2
                                  '<x:c r="D2" t="e" xmlns:x="http://schemas.openxmlformats.org/'
                                  'spreadsheetml/2006/main"><x:v>#N/A</x:v></x:c>'])   # a prefixed element
def test_an_error_cell_is_found_where_the_reader_places_it(tmp_path, cell):
    path = with_cell(tmp_path, "error.xlsx", cell)
    specials = ingest.special_cells(path, "needs")
    assert specials == {(2, 3): "#N/A"} and specials[(2, 3)].kind == "error"
    needs = ingest.read_workbook(path)["needs"]
    row, cells = needs.rows[0]
    assert row == 2 and cells[needs.columns["category"]] == "#N/A"
    assert isinstance(cells[needs.columns["category"]], ingest.Special)
    assert needs.rows[1][1][needs.columns["category"]] == "legislative assistance"


def test_a_formula_without_its_value_is_found_without_a_reference(tmp_path):
    path = with_cell(tmp_path, "formula.xlsx", '<c><f>UPPER(A3)</f></c>', where="A2")
    specials = ingest.special_cells(path, "needs")
    assert specials == {(2, 0): "=UPPER(A3)"} and specials[(2, 0)].kind == "formula"


def test_a_formula_with_its_value_is_read_by_its_value(tmp_path):
    path = with_cell(tmp_path, "computed.xlsx", '<c r="D2" t="str"><f>"other"</f><v>other</v></c>')
    assert ingest.special_cells(path, "needs") == {}
    needs = ingest.read_workbook(path)["needs"]
    assert needs.rows[0][1][needs.columns["category"]] == "other"


def test_a_sheet_without_errors_or_formulas_is_not_read_again(tmp_path, monkeypatch):
    path = write_workbook(tmp_path / "plain.xlsx", {"reviews": REVIEWS, "needs": NEEDS})
    ingest.inspect_workbook(path)

    def never(*args):
        raise AssertionError("the sheet was read again")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    assert ingest.special_cells(path, "needs") == {}
