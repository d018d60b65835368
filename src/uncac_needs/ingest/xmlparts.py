"""The sheet XML read element by element, as the reader (python-calamine) reads it: cell references, the texts
of a shared string, the cells of a sheet in the places the reader gives them, and which part holds which sheet.

This is the careful path: bounds.py measures what Excel writes with quick byte scans (cells.py, strings.py) and
comes here only for XML written some other way; special_cells comes here for sheets holding errors or formulas.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def local(tag: str) -> str:
    """A tag without its namespace: the reader takes <x:c> for <c>."""
    return tag.rpartition("}")[2]


def cell_name(row: int, col: int) -> str:
    """'B7' for the 0-based (row 6, column 1)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def _column_number(letters: str) -> int:
    """0-based: A -> 0, Z -> 25, AA -> 26."""
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return col - 1


def position(ref: str) -> tuple[int, int | None] | None:
    """A reference such as 'B7' (or a row number '7') as the reader reads it: 0-based (row, column or None)."""
    m = re.fullmatch(r"\s*([A-Za-z]{0,3})([0-9]{1,9})\s*", ref)
    if not m or int(m[2]) == 0:
        return None
    return int(m[2]) - 1, (_column_number(m[1]) if m[1] else None)


def si_texts(el: ET.Element, texts: list[str]) -> bool:
    """The texts of a shared string as the reader takes them (not those of phonetic guides); True if rich."""
    rich = False
    for child in el:
        tag = local(child.tag)
        if tag == "rPh":
            continue
        if tag == "r":
            rich = True
        if tag == "t":
            texts.append(child.text or "")
        rich = si_texts(child, texts) or rich
    return rich


def placed_cells(chunks: Iterable[bytes]) -> Iterator[tuple[int, int, ET.Element]]:
    """The <c> elements of a sheet's XML, whole, with their 0-based (row, column) as the reader places them: by
    their reference, or (without one) after the cell before. Nothing is kept of the rows already read.
    Raises ET.ParseError where the XML is not well formed."""
    parser = ET.XMLPullParser(events=("start", "end"))
    row_index = col_index = 0
    sheet_data = None
    for chunk in chunks:
        parser.feed(chunk)
        for event, el in parser.read_events():
            tag = local(el.tag)
            if event == "start":
                if tag == "row" and el.get("r") is not None:
                    pos = position(el.get("r"))
                    if pos is not None:
                        row_index = pos[0]
                elif tag == "sheetData":
                    sheet_data = el
                continue
            if tag == "row":
                row_index += 1
                col_index = 0
                el.clear()
                if sheet_data is not None:
                    sheet_data.clear()           # the rows read so far: nothing is kept of them
                continue
            if tag != "c":
                continue
            ref = el.get("r")
            pos = position(ref) if ref is not None else (row_index, col_index)
            if pos is None or pos[1] is None:
                continue                         # the reader refuses such a reference itself
            col_index = pos[1] + 1
            yield pos[0], pos[1], el
    parser.close()


def sheet_members(book_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML, from xl/workbook.xml and its relationships."""
    try:
        book = ET.fromstring(book_xml)
        rels = ET.fromstring(rels_xml)
    except ET.ParseError:
        return {}
    targets = {el.get("Id"): el.get("Target") for el in rels}
    members = {}
    for el in book.iter(f"{MAIN}sheet"):
        target = targets.get(el.get(f"{REL}id"))
        if target and el.get("name") is not None:
            members[el.get("name")] = (target.lstrip("/") if target.startswith("/")
                                       else posixpath.normpath(posixpath.join("xl", target)))
    return members
