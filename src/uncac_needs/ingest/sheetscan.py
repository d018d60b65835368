"""What the reader would build of one sheet, measured from its XML as it unpacks, before the reader opens it.

python-calamine holds a sheet as a dense grid (32 bytes a cell, from the first to the last filled cell, however
empty the grid between) and copies into each cell the text it shows. `scan_sheet` finds the corners of the
filled cells, counts the rows holding something, and adds up that text: quickly where the sheet is written as
Excel writes it (cells.py), element by element otherwise.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from uncac_needs.ingest.cells import AFTER_NAME, Careful, scan_cells
from uncac_needs.ingest.messages import damaged
from uncac_needs.ingest.unzip import recut
from uncac_needs.ingest.xmlparts import local, placed_cells, si_texts

_SHEET_DATA = re.compile(rb"<sheetData(?:\s[^>]*)?(/?)>")


@dataclass
class SheetScan:
    """What the reader would build of one sheet, measured before it reads it."""

    member: str
    first: tuple[int, int] | None = None         # 0-based (row, column) corners of the filled cells
    last: tuple[int, int] | None = None
    filled_rows: int = 0                         # rows holding at least one value
    text_bytes: int = 0                          # text the cells would hold (their own, or copied shared strings)
    specials: bool = False                       # errors or formulas (see special_cells)

    @property
    def cells(self) -> int:
        if self.first is None:
            return 0
        return (self.last[0] - self.first[0] + 1) * (self.last[1] - self.first[1] + 1)

    def widen(self, top: int, left: int, bottom: int, right: int) -> None:
        """Filled cells found from (top, left) to (bottom, right)."""
        if self.first is None:
            self.first, self.last = (top, left), (bottom, right)
        else:
            self.first = (min(self.first[0], top), min(self.first[1], left))
            self.last = (max(self.last[0], bottom), max(self.last[1], right))


def scan_sheet(member: str, chunks: Callable[[], Iterator[bytes]], shared: array,
               check: Callable[[SheetScan], None], label: str) -> SheetScan:
    """The sheet in part `member` measured; `chunks()` unpacks it (again each time it is called), `shared` holds
    the bytes of each shared string, `check` refuses a sheet beyond the bounds (called as the measures grow,
    so that a bomb is refused before it is unpacked whole), `label` names the sheet in messages."""
    try:
        scan = _scan_fast(member, chunks(), shared, check)
    except Careful:
        scan = _scan_careful(member, chunks(), shared, check, label)
    check(scan)
    return scan


def _sheet_data(buffers: Iterable[bytes]) -> Iterator[bytes]:
    """What lies inside <sheetData> ... </sheetData>, buffer by buffer (every buffer is unpacked, the rest too)."""
    state = "before"                             # before <sheetData>, inside it, after it
    for buf in buffers:
        if state == "before":
            m = _SHEET_DATA.search(buf)
            if m is None:
                if b"sheetData" in buf:
                    raise Careful                # a prefixed <x:sheetData>, or one cut oddly
                continue
            if m[1] == b"/":
                state = "after"
                continue
            buf, state = buf[m.end():], "inside"
        if state == "after":
            continue
        end = buf.find(b"</sheetData")
        while end >= 0 and not AFTER_NAME[(buf[end + 11: end + 12] or b">")[0]]:
            end = buf.find(b"</sheetData", end + 1)
        if end >= 0:
            buf, state = buf[:end], "after"
        yield buf
    if state == "before":
        raise Careful                            # no <sheetData> found the quick way


def _scan_fast(member: str, chunks: Iterator[bytes], shared: array, check: Callable[[SheetScan], None]) -> SheetScan:
    """Cells as Excel writes them (<c r="B7" ...>), measured a buffer at a time with numpy."""
    scan = SheetScan(member)
    lengths = np.frombuffer(shared, dtype=np.uint64) if len(shared) else None
    last_row = -1
    open_text = False                            # inside an inline string that runs on from the last buffer
    for buf in _sheet_data(recut(chunks, b"<c ", 4096)):
        found = scan_cells(buf, lengths, open_text)
        open_text = found.open_text
        scan.text_bytes += found.text
        scan.specials = scan.specials or found.specials
        rows = found.rows
        if len(rows):
            scan.widen(int(rows.min()), int(found.cols.min()), int(rows.max()), int(found.cols.max()))
            step = np.diff(rows)
            distinct = int(np.count_nonzero(step)) + 1 if (step >= 0).all() else len(np.unique(rows))
            scan.filled_rows += distinct - (int(rows[0]) == last_row)
            last_row = int(rows[-1])
        check(scan)
    return scan


def _scan_careful(member: str, chunks: Iterator[bytes], shared: array, check: Callable[[SheetScan], None],
                  label: str) -> SheetScan:
    """Element by element, placing the cells as the reader does (a cell without a reference follows the last)."""
    scan = SheetScan(member)
    last_row = None
    try:
        for row, col, el in placed_cells(chunks):
            if _measure_cell(el, scan, shared):
                scan.widen(row, col, row, col)
                if row != last_row:
                    scan.filled_rows += 1
                    last_row = row
            check(scan)
    except ET.ParseError as exc:
        raise damaged(label, exc, "the workbook") from None
    return scan


def _measure_cell(el: ET.Element, scan: SheetScan, shared: array) -> bool:
    """Adds what the cell would hold to `scan`; True if the cell is filled."""
    kind = el.get("t")
    filled = False
    for child in el:
        tag = local(child.tag)
        if tag == "v" and child.text:
            filled = True
            scan.text_bytes += len(child.text.encode("utf-8"))
            if kind == "s":                      # the reader takes anything else than digits as string 0
                index = int(child.text) if re.fullmatch(r"[0-9]{1,10}", child.text) else 0
                scan.text_bytes += shared[index] if index < len(shared) else 0
        elif tag == "is":
            filled = True
            texts: list[str] = []
            si_texts(child, texts)
            scan.text_bytes += sum(len(t.encode("utf-8")) for t in texts)
        elif tag == "f":
            scan.specials = True
    if kind == "e":
        scan.specials = True
    return filled
