"""Cells the fast reader shows as empty but are not: Excel errors (#N/A, #REF! …) and formulas never computed.

python-calamine gives such a cell as empty. Read as empty, a need would silently lose its State or its
category; so the sheet's XML is read for them, and they reach the cleaning as `Special` values.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

from uncac_needs.ingest.bounds import sheet_scan
from uncac_needs.ingest.unzip import read_chunks
from uncac_needs.ingest.xmlparts import local, placed_cells, sheet_members


class Special(str):
    """A cell whose value calamine cannot give: an Excel error (#N/A, #REF! …) or a formula that was
    never computed (no cached value). The cleaning rejects or notes it (its words in cleaning.yaml), never reads it
    as empty."""

    kind: str = "error"

    def __new__(cls, text: str, kind: str):
        obj = super().__new__(cls, text)
        obj.kind = kind
        return obj


def special_cells(path: Path, sheet_name: str) -> dict[tuple[int, int], Special]:
    """(Excel row, 0-based column) -> Special, for the cells of the sheet holding an error or an uncomputed formula.

    The sheet's XML is first scanned as bytes; only a sheet that holds such cells is parsed, element by element;
    where inspect_workbook found none, nothing is read again."""
    scan = sheet_scan(path, sheet_name)
    if scan is not None and not scan.specials:
        return {}
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_member(zf, sheet_name)
            if member is None or not _mentions_specials(zf, member):
                return {}
            with zf.open(member) as fh:
                return {(row + 1, col): special for row, col, el in placed_cells(read_chunks(fh))
                        if (special := _special(el)) is not None}
    except (zipfile.BadZipFile, OSError, ET.ParseError, KeyError, zlib.error, EOFError):
        return {}        # a damaged sheet: the reader itself says so, with the file's name


def _sheet_member(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding a sheet's XML."""
    return sheet_members(zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels")).get(sheet_name)


def _mentions_specials(zf: zipfile.ZipFile, member: str) -> bool:
    """Whether the sheet's bytes hold an error type (t="e") or a formula (<f) at all."""
    with zf.open(member) as fh:
        tail = b""
        for chunk in read_chunks(fh):
            window = tail + chunk
            if b't="e"' in window or b"<f" in window:
                return True
            tail = window[-16:]
    return False


def _special(el: ET.Element) -> Special | None:
    """The cell as a Special, if it holds an error, or a formula without a computed value."""
    value = formula = None
    for child in el:
        tag = local(child.tag)
        if tag == "v" and value is None:
            value = child
        elif tag == "f" and formula is None:
            formula = child
    text = value.text if value is not None else None
    if el.get("t") == "e":
        return Special(text or "#ERROR", "error")
    if formula is not None and not text:
        return Special("=" + (formula.text or "(shared formula)"), "formula")
    return None
