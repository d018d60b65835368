"""Stage 1 — ingest: open the keepers' workbook, find its two sheets and their header rows.

Everything a user can get wrong about the file itself (a missing path, a CSV, a legacy .xls, a
password, a damaged file, a missing sheet or column) ends here with one plain sentence
(`UserError`). What comes out is the raw cells of each data row with its Excel row number.
"""
from __future__ import annotations

import copy
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import olefile
import python_calamine
from pydantic import BaseModel, ConfigDict, PositiveInt, ValidationError

from uncac_needs.vocabulary import reference
from uncac_needs.plumbing import yamlfile
from uncac_needs.plumbing.errors import UserError
from uncac_needs.clean.parsers import Special

ROLES = ("reviews", "needs")
ROLE_LABEL = {"reviews": "the States' completed executive summaries", "needs": "the technical assistance needs"}


# --------------------------------------------------------------------------- the mapping file

class Mapping(BaseModel):
    """A user's names for sheets and columns, added to the contract's aliases (tried first)."""

    model_config = ConfigDict(extra="forbid")
    sheets: dict[Literal["reviews", "needs"], str] = {}
    columns: dict[Literal["reviews", "needs"], dict[str, str | list[str]]] = {}
    header_row: dict[Literal["reviews", "needs"], PositiveInt] = {}

    def column_names(self, role: str, column: str) -> list[str]:
        names = self.columns.get(role, {}).get(column, [])
        return [names] if isinstance(names, str) else list(names)


def load_mapping(path: Path | str | None) -> Mapping:
    if path is None:
        return Mapping()
    path = Path(path)
    if not path.is_file():
        raise UserError(f"There is no mapping file at {path}.")
    data = yamlfile.load(path, "The mapping file") or {}
    try:
        mapping = Mapping.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"] if p != "[key]")
        raise UserError(f"The mapping file {path} has a problem at '{where}': {err['msg'].lower()}.") from None
    schema = reference.workbook_schema()["sheets"]
    for role, cols in mapping.columns.items():
        for col in cols:
            if col not in schema[role]["columns"]:
                known = ", ".join(schema[role]["columns"])
                raise UserError(f"The mapping file {path} names an unknown column '{col}' for the {role} sheet "
                                f"(known columns: {known}).")
    return mapping


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200]


# --------------------------------------------------------------------------- the file

def _check_file(path: Path) -> None:
    """Refuse anything that is not a readable .xlsx/.xlsm workbook, with a sentence saying what it is."""
    try:
        _check_file_kind(path)
    except OSError as exc:          # a name too long, a file the system will not let us open, a vanished disk
        raise UserError(f"{path} cannot be read ({exc.strerror or _one_line(exc)}); check the path, and that "
                        "the file may be opened by you and is not locked by another program.") from None


def _check_file_kind(path: Path) -> None:
    if not path.exists():
        raise UserError(f"There is no file at {path}; check the path to the needs workbook.")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not an Excel workbook; give the path of the .xlsx file.")
    size = path.stat().st_size
    if size == 0:
        raise UserError(f"{path} is empty (0 bytes); it is not an Excel workbook.")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        try:
            with olefile.OleFileIO(str(path)) as ole:
                encrypted = ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage")
        except Exception:  # noqa: BLE001 - olefile fails in many ways on a damaged container
            encrypted = False
        if encrypted:
            raise UserError(f"{path} is protected by a password; open it in Excel, remove the password "
                            "(File > Info > Protect Workbook > Encrypt with Password) and save it again.")
        raise UserError(f"{path} is a legacy Excel 97-2003 (.xls) file; open it in Excel and save it as "
                        "an Excel Workbook (.xlsx).")
    if head.startswith(b"PK"):
        if not zipfile.is_zipfile(path):
            raise UserError(f"{path} is damaged or incomplete (perhaps cut short while copying); "
                            "save it again from Excel.")
        with path.open("rb") as fh:
            parts = _declared_part_count(fh)
        limit = _limits()["max_parts"]
        if parts is not None and parts > limit:
            raise UserError(f"{path} holds {parts:,} parts, more than the {limit:,} allowed by max_parts in "
                            "data/reference/workbook.yaml, which no workbook needs; save it again from Excel.")
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, ValueError, EOFError):
            raise UserError(f"{path} is damaged and cannot be opened; save it again from Excel.") from None
        if "xl/workbook.xml" in names:
            return
        if "xl/workbook.bin" in names:
            raise UserError(f"{path} is an Excel binary workbook (.xlsb); save it as an Excel Workbook (.xlsx).")
        if "content.xml" in names:
            raise UserError(f"{path} is an OpenDocument spreadsheet; save it as an Excel Workbook (.xlsx).")
        raise UserError(f"{path} is a zip archive but not an Excel workbook.")
    with path.open("rb") as fh:
        sample = fh.read(4096)
    try:
        sample.decode("utf-8")
        is_text = b"\x00" not in sample
    except UnicodeDecodeError:
        is_text = False
    if path.suffix.lower() in (".csv", ".tsv") or (is_text and (b"," in sample or b"\t" in sample or b";" in sample)):
        raise UserError(f"{path} is a CSV or text file, not an Excel workbook; open it in Excel and save it as "
                        "an Excel Workbook (.xlsx).")
    if is_text:
        raise UserError(f"{path} is a text file, not an Excel workbook (.xlsx).")
    raise UserError(f"{path} is not an Excel workbook (.xlsx).")


def _declared_part_count(fh) -> int | None:
    """How many parts the zip's end record says it holds (read from its last bytes, before any directory)."""
    fh.seek(0, 2)
    size = fh.tell()
    fh.seek(max(0, size - 65_557))
    tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count = int.from_bytes(tail[at + 10: at + 12], "little")
    if count != 0xFFFF or at < 20 or tail[at - 20: at - 16] != b"PK\x06\x07":
        return count
    fh.seek(int.from_bytes(tail[at - 12: at - 4], "little"))     # the Zip64 end record
    record = fh.read(56)
    if len(record) == 56 and record[:4] == b"PK\x06\x06":
        return int.from_bytes(record[32:40], "little")
    return count


# --------------------------------------------------------------------------- what the workbook unpacks to
#
# python-calamine unpacks the zip's parts itself and keeps in memory every shared string, each sheet it reads
# as a dense grid (32 bytes a cell, from the first to the last filled cell, however empty the grid between),
# and in every cell a copy of the shared string the cell uses. A file of a few kilobytes can so ask for
# gigabytes, or abort the process. Before the reader opens a workbook, each part is unpacked here once, as a
# stream, by what it really unpacks to (never the size the zip declares, which a bomb lies about), and what
# the reader would build is measured against the bounds in data/reference/workbook.yaml.

_LIMIT_DEFAULTS = {
    "max_parts": 10_000,
    "max_unpacked_bytes": 1_000_000_000,
    "max_member_bytes": 700_000_000,
    "max_small_part_bytes": 10_000_000,
    "max_compression_ratio": 100,
    "ratio_free_bytes": 10_000_000,
    "max_shared_strings": 5_000_000,
    "max_sheet_cells": 16_000_000,
    "max_cell_text_bytes": 400_000_000,
}
# parts read whole, by the reader or by this tool, that are a few kilobytes in any real workbook
_SMALL_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "docprops/core.xml", "docprops/custom.xml",
                "docprops/app.xml", "[content_types].xml", "_rels/.rels"}
_SHARED_STRINGS = "xl/sharedstrings.xml"
_CHUNK = 1 << 20                                 # unpacked at a time: 1 MB


def _limits() -> dict[str, int]:
    schema = reference.workbook_schema()
    return {key: int(schema.get(key, default)) for key, default in _LIMIT_DEFAULTS.items()}


def _mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 10_000_000 else f"{n / 1e6:,.1f} MB"


def _cell_name(row: int, col: int) -> str:
    """'B7' for the 0-based (row 6, column 1)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


class _Careful(Exception):
    """A part not written the way Excel writes it: measured again, element by element."""


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


@dataclass
class Inspection:
    unpacked: int
    sheets: dict[str, SheetScan]                 # by lower-case part name
    sheet_parts: dict[str, str]                  # sheet name -> lower-case part name


_INSPECTED: dict[tuple, tuple[dict, Inspection]] = {}   # file -> (bounds, what was measured)


def _file_key(path: Path) -> tuple:
    st = path.stat()
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)


def inspect_workbook(path: Path | str) -> Inspection:
    """Unpack every part once, as a stream, and refuse (UserError) a workbook beyond the bounds."""
    path = Path(path)
    limits = _limits()
    key = _file_key(path)
    cached = _INSPECTED.get(key)
    if cached is None or cached[0] != limits:
        if len(_INSPECTED) > 8:
            _INSPECTED.clear()
        _INSPECTED[key] = (limits, _Inspector(path, limits).run())
    return _INSPECTED[key][1]


def _cached_inspection(path: Path) -> Inspection | None:
    try:
        cached = _INSPECTED.get(_file_key(path))
    except OSError:
        return None
    return cached[1] if cached else None


class _Inspector:
    def __init__(self, path: Path, limits: dict[str, int]):
        self.path, self.limits = path, limits
        self.sizes: dict[str, int] = {}
        self.shared = array("Q")                 # bytes of each shared string, in the reader's order
        self.shared_bytes = 0                    # ... and of them all, which the reader holds throughout
        self.names: dict[str, str] = {}          # lower-case part -> sheet name
        self.declared_total = 0
        self._book: bytes | None = None
        self._rels: bytes | None = None

    # ---- the whole file
    def run(self) -> Inspection:
        try:
            with zipfile.ZipFile(self.path) as zf:
                infos = zf.infolist()
                seen: set[str] = set()
                for info in infos:
                    name = info.filename.lower()
                    if name in seen:             # the reader would take one, this check another
                        raise UserError(f"{self.path} is damaged (it holds the part {info.filename} twice); "
                                        "save it again from Excel.")
                    seen.add(name)
                    self._declared(info)
                order = sorted(infos, key=lambda i: (i.filename.lower() != _SHARED_STRINGS,
                                                     i.filename.lower() not in _SMALL_PARTS))
                sheets: dict[str, SheetScan] = {}
                for info in order:
                    name = info.filename.lower()
                    if name == _SHARED_STRINGS:
                        self._shared_strings(zf, info)
                    elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                        sheets[name] = self._sheet(zf, info)
                    else:
                        data = self._drain(zf, info, keep=name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"))
                        if data is not None:
                            self._keep_for_names(name, data)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise UserError(f"{self.path} is damaged and cannot be read ({_one_line(exc)}); "
                            "save it again from Excel.") from None
        self.shared = array("Q")
        return Inspection(sum(self.sizes.values()), sheets, {v: k for k, v in self.names.items()})

    def _declared(self, info: zipfile.ZipInfo) -> None:
        """The sizes the zip declares: a quick first refusal (they are checked again against what unpacks)."""
        self.declared_total += info.file_size
        self._bound(info, info.file_size, self.declared_total)

    def _bound(self, info: zipfile.ZipInfo, size: int, total: int, packed: int | None = None) -> None:
        """`size` bytes of the part unpacked from `packed` bytes (all of them where not given), `total` in all."""
        lim = self.limits
        name = info.filename
        small = name.lower() in _SMALL_PARTS
        cap, key = (lim["max_small_part_bytes"], "max_small_part_bytes") if small else \
                   (lim["max_member_bytes"], "max_member_bytes")
        packed = info.compress_size if packed is None else packed
        if size > lim["ratio_free_bytes"] and size > lim["max_compression_ratio"] * max(packed, 1):
            raise UserError(f"{self.path} looks built to exhaust memory (a \"zip bomb\"): its part {name} unpacks "
                            f"to more than {lim['max_compression_ratio']} times its packed size, which Excel never "
                            "writes, so it was not read; save the data again from Excel into a new workbook.")
        if size > cap:
            raise UserError(f"{self.path} is too large to read safely: its part {name} unpacks to more than "
                            f"{_mb(cap)}, the limit set by {key} in data/reference/workbook.yaml; if the workbook "
                            "really holds that much, split it, otherwise save it again from Excel.")
        if total > lim["max_unpacked_bytes"]:
            raise UserError(f"{self.path} is too large to read safely: its parts unpack to more than "
                            f"{_mb(lim['max_unpacked_bytes'])} together, the limit set by max_unpacked_bytes in "
                            "data/reference/workbook.yaml; if the workbook really holds that much, split it, "
                            "otherwise save it again from Excel.")

    # ---- one part, as it really unpacks
    def _chunks(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The part's bytes as they really unpack, a megabyte at a time, measured as they come: a bomb is
        refused once its first megabytes show the ratio (it is never unpacked whole, nor trusted for its size)."""
        before = sum(v for k, v in self.sizes.items() if k != info.filename)
        size = 0
        try:
            if info.flag_bits & 0x1:
                raise zipfile.BadZipFile("the part is encrypted")
            if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                pieces = _raw_unpack(self.path, info)
            else:                                # bzip2, lzma: Python's reader, told not to stop at the declared size
                pieces = _zipfile_unpack(zf, info)
            for chunk, packed in pieces:
                size += len(chunk)
                self._bound(info, size, before + size, packed)
                yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
            raise UserError(f"{self.path} is damaged and cannot be read (part {info.filename}: "
                            f"{_one_line(exc)}); save it again from Excel.") from None
        self.sizes[info.filename] = size

    def _drain(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool) -> bytes | None:
        kept = [] if keep else None
        for chunk in self._chunks(zf, info):
            if kept is not None:
                kept.append(chunk)
        return b"".join(kept) if kept is not None else None

    def _keep_for_names(self, name: str, data: bytes) -> None:
        if name == "xl/workbook.xml":
            self._book = data
        else:
            self._rels = data
        if self._book is not None and self._rels is not None:
            self.names = {member.lower(): sheet for sheet, member in _sheet_members(self._book, self._rels).items()}

    def _label(self, member: str) -> str:
        sheet = self.names.get(member)
        return f"Sheet '{sheet}' of {self.path.name}" if sheet else f"The part {member} of {self.path.name}"

    # ---- the shared strings: how many, and how long each is
    def _shared_strings(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        try:
            self.shared = self._shared_strings_fast(self._chunks(zf, info))
        except _Careful:
            self.shared = self._shared_strings_careful(self._chunks(zf, info))
        self.shared_bytes = self.sizes[info.filename]
        limit = self.limits["max_cell_text_bytes"]
        if self.shared_bytes > limit:
            raise UserError(f"{self.path} holds more than {_mb(limit)} of text (its shared strings), more than it "
                            "can read safely (max_cell_text_bytes in data/reference/workbook.yaml); split the "
                            "workbook, or raise the limit if it really holds that much text.")

    def _too_many_strings(self, count: int, declared: bool = False) -> UserError:
        limit = self.limits["max_shared_strings"]
        says = "declares" if declared else "holds"
        return UserError(f"{self.path} {says} {count:,} different texts (its shared strings), more than the "
                         f"{limit:,} allowed by max_shared_strings in data/reference/workbook.yaml; split the "
                         "workbook, or raise the limit if it really holds that many.")

    def _check_declared_count(self, head: bytes) -> None:
        # the reader reserves memory for uniqueCount strings before it reads one
        m = re.search(rb"<(?:[\w.-]+:)?sst\b[^>]*>", head)
        count = m and re.search(rb"\buniqueCount\s*=\s*[\"']\s*([0-9]+)", m[0])
        if count and int(count[1]) > self.limits["max_shared_strings"]:
            raise self._too_many_strings(int(count[1]), declared=True)

    def _shared_strings_fast(self, chunks: Iterator[bytes]) -> array:
        """Each <si> element's bytes (markup included: at least its text), split on '<si>' a buffer at a time."""
        limit = self.limits["max_shared_strings"]
        lengths = array("Q")
        current = -1                             # bytes so far of the open <si>, -1 before the first
        first = True
        for buf in _recut(chunks, b"<si>", 64):
            if first:
                self._check_declared_count(buf[:65536])
                first = False
            head, *rest = buf.split(b"<si>")
            if buf.count(b"<si") != len(rest) or b":si" in buf:
                raise _Careful                   # <si/>, <si ...>, <x:si>: each takes an index too
            if current >= 0:
                current += len(head)
            if rest:
                if current >= 0:
                    lengths.append(current)
                lengths.extend(map(len, rest[:-1]))
                current = len(rest[-1])
                if len(lengths) + 1 > limit:
                    raise self._too_many_strings(len(lengths) + 1)
        if current >= 0:
            lengths.append(current)
        return lengths

    def _shared_strings_careful(self, chunks: Iterator[bytes]) -> array:
        """Element by element. python-calamine 0.9 (pinned in pyproject.toml) gives every <si> an index, an empty one
        as ''; calamine releases before it skipped an <si> with no text of its own: each string's length is taken
        as the larger of the two readings, so that a change of reader cannot shift the indexes unnoticed."""
        limit = self.limits["max_shared_strings"]
        every, with_text = array("Q"), array("Q")
        parser = ET.XMLPullParser(events=("start", "end"))
        root = None
        try:
            for chunk in chunks:
                if root is None:
                    self._check_declared_count(chunk[:65536])
                parser.feed(chunk)
                for event, el in parser.read_events():
                    if root is None:
                        root = el
                    if event != "end" or _local(el.tag) != "si":
                        continue
                    texts: list[str] = []
                    rich = _si_texts(el, texts)
                    size = sum(len(t.encode("utf-8")) for t in texts)
                    every.append(size)
                    if rich or texts:
                        with_text.append(size)
                    if len(every) > limit:
                        raise self._too_many_strings(len(every))
                    root.clear()
            parser.close()
        except ET.ParseError as exc:
            raise UserError(f"{self.path} is damaged and cannot be read (part xl/sharedStrings.xml: "
                            f"{_one_line(exc)}); save it again from Excel.") from None
        return array("Q", map(max, every, with_text + array("Q", bytes(8 * (len(every) - len(with_text))))))

    # ---- a sheet: where its filled cells lie, how much shared text they copy
    def _sheet(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> SheetScan:
        member = info.filename.lower()
        try:
            scan = self._sheet_fast(member, self._chunks(zf, info))
        except _Careful:
            scan = self._sheet_careful(member, self._chunks(zf, info))
        self._check_sheet(scan)
        return scan

    def _check_sheet(self, scan: SheetScan) -> None:
        lim = self.limits
        if scan.cells > lim["max_sheet_cells"]:
            raise UserError(f"{self._label(scan.member)} has filled cells from {_cell_name(*scan.first)} to "
                            f"{_cell_name(*scan.last)}, a grid of {scan.cells:,} cells, more than the "
                            f"{lim['max_sheet_cells']:,} allowed by max_sheet_cells in data/reference/workbook.yaml; "
                            "delete what lies far below or to the right of the table, and save it again.")
        if self.shared_bytes + scan.text_bytes > lim["max_cell_text_bytes"]:
            # the reader holds the shared strings, and in each cell its own copy of the text the cell shows
            raise UserError(f"{self._label(scan.member)} holds (or repeats) so much text that reading it would take "
                            f"more than {_mb(lim['max_cell_text_bytes'])} of memory, the limit set by "
                            "max_cell_text_bytes in data/reference/workbook.yaml; split the workbook, or raise the "
                            "limit if it really holds that much text.")

    def _shared_text(self, indexes) -> int:
        lengths = self.shared
        try:
            return sum(map(lengths.__getitem__, map(int, indexes)))
        except IndexError:                       # the reader fails on such a cell, with its own message
            n = len(lengths)
            return sum(lengths[i] for i in map(int, indexes) if i < n)

    def _sheet_fast(self, member: str, chunks: Iterator[bytes]) -> SheetScan:
        """Cells as Excel writes them (<c r="B7" ...>), measured a buffer at a time with numpy."""
        scan = SheetScan(member)
        lengths = np.frombuffer(self.shared, dtype=np.uint64) if len(self.shared) else None
        state = "before"                          # before <sheetData>, inside it, after it
        rmin = cmin = 1 << 40
        rmax = cmax = -1
        last_row = -1
        open_text = False                         # inside an inline string that runs on from the last buffer
        for buf in _recut(chunks, b"<c ", 4096):
            if state == "before":
                m = _SHEET_DATA.search(buf)
                if m is None:
                    if b"sheetData" in buf:
                        raise _Careful           # a prefixed <x:sheetData>, or one cut oddly
                    continue
                if m[1] == b"/":
                    state = "after"
                    continue
                buf, state = buf[m.end():], "inside"
            if state == "after":
                continue
            end = buf.find(b"</sheetData")
            while end >= 0 and not _AFTER_NAME[(buf[end + 11: end + 12] or b">")[0]]:
                end = buf.find(b"</sheetData", end + 1)
            if end >= 0:
                buf, state = buf[:end], "after"
            rows, cols, text, specials, open_text = _scan_cells(buf, lengths, open_text)
            scan.text_bytes += text
            scan.specials = scan.specials or specials
            if len(rows):
                rmin, rmax = min(rmin, int(rows.min())), max(rmax, int(rows.max()))
                cmin, cmax = min(cmin, int(cols.min())), max(cmax, int(cols.max()))
                step = np.diff(rows)
                distinct = int(np.count_nonzero(step)) + 1 if (step >= 0).all() else len(np.unique(rows))
                scan.filled_rows += distinct - (int(rows[0]) == last_row)
                last_row = int(rows[-1])
                scan.first, scan.last = (rmin, cmin), (rmax, cmax)
            self._check_sheet(scan)
        if state == "before":
            raise _Careful                       # no <sheetData> found the quick way
        return scan

    def _sheet_careful(self, member: str, chunks: Iterator[bytes]) -> SheetScan:
        """Element by element, placing the cells as the reader does (a cell without a reference follows the last)."""
        scan = SheetScan(member)
        parser = ET.XMLPullParser(events=("start", "end"))
        row_index = col_index = 0
        rmin = cmin = 1 << 40
        rmax = cmax = -1
        last_row = None
        sheet_data = None
        try:
            for chunk in chunks:
                parser.feed(chunk)
                for event, el in parser.read_events():
                    tag = _local(el.tag)
                    if event == "start":
                        if tag == "row" and el.get("r") is not None:
                            pos = _position(el.get("r"))
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
                            sheet_data.clear()   # the rows read so far: nothing is kept of them
                        continue
                    if tag != "c":
                        continue
                    ref = el.get("r")
                    pos = _position(ref) if ref is not None else (row_index, col_index)
                    if pos is None or pos[1] is None:
                        continue                 # the reader refuses such a reference itself
                    row, col = pos
                    col_index = col + 1
                    kind = el.get("t")
                    filled = False
                    for child in el:
                        child_tag = _local(child.tag)
                        if child_tag == "v" and child.text:
                            filled = True
                            scan.text_bytes += len(child.text.encode("utf-8"))
                            if kind == "s":      # the reader takes anything else than digits as string 0
                                index = child.text if re.fullmatch(r"[0-9]{1,10}", child.text) else "0"
                                scan.text_bytes += self._shared_text([index])
                        elif child_tag == "is":
                            filled = True
                            texts: list[str] = []
                            _si_texts(child, texts)
                            scan.text_bytes += sum(len(t.encode("utf-8")) for t in texts)
                        elif child_tag == "f":
                            scan.specials = True
                    if kind == "e":
                        scan.specials = True
                    if filled:
                        rmin, rmax, cmin, cmax = min(rmin, row), max(rmax, row), min(cmin, col), max(cmax, col)
                        if row != last_row:
                            scan.filled_rows += 1
                            last_row = row
                        scan.first, scan.last = (rmin, cmin), (rmax, cmax)
                    self._check_sheet(scan)
            parser.close()
        except ET.ParseError as exc:
            raise UserError(f"{self._label(member)} is damaged and cannot be read ({_one_line(exc)}); "
                            "save the workbook again from Excel.") from None
        return scan


_SHEET_DATA = re.compile(rb"<sheetData(?:\s[^>]*)?(/?)>")


def _byte_table(chars: bytes, dtype=bool, values=None) -> np.ndarray:
    table = np.zeros(256, dtype)
    table[list(chars)] = True if values is None else values
    return table


_WS = _byte_table(b" \t\n\r")
_AFTER_NAME = _byte_table(b" \t\n\r/>")
_NAME_CHAR = _byte_table(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_LETTER = _byte_table(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", np.int32, np.arange(1, 27))
_LETTER[97:123] = np.arange(1, 27)               # the reader takes b7 for B7
_DIGIT = np.full(256, -1, np.int32)
_DIGIT[48:58] = np.arange(10)
_STRUCTURE = bytes(range(256)).translate(None, b"<>\"'")    # every byte but these, deleted by translate
_PAD = b"\0" * 64


def _scan_cells(buf: bytes, lengths: np.ndarray | None, open_text: bool
                ) -> tuple[np.ndarray, np.ndarray, int, bool, bool]:
    """The 0-based rows and columns of the filled cells in a stretch of <sheetData>; the bytes of text its cells
    would hold (what <v> and <is> elements hold, and the shared string each <v> could name, whatever its cell's
    type: an upper bound); whether it holds formulas or errors (t="e"), which special_cells reads; and whether
    it ends inside an inline string (`open_text`: it began inside one).
    _Careful where the XML is not written the way Excel writes it, so that these quick measures might miss
    what the reader would see."""
    empty = np.empty(0, np.int64)
    # the structure first: every tag '<' ... '>' holds only attributes in double quotes, with no '<', '>' or "'"
    # inside them (so that no tag hides in an attribute, as the reader would allow); text may hold anything
    marks = buf.translate(None, _STRUCTURE).replace(b'""', b"")
    if marks.count(b"<") != marks.count(b"<>"):
        raise _Careful
    n = len(buf)
    a = np.frombuffer(buf + _PAD, dtype=np.uint8)
    lt = np.flatnonzero(a[:n] == 60)
    if not len(lt):
        return empty, empty, n if open_text else 0, False, open_text
    c1, c2 = a[lt + 1], a[lt + 2]
    if ((c1 == 33) | (c1 == 63)).any():
        raise _Careful                           # comments, CDATA, processing instructions among the cells
    specials = bool(((c1 == 102) & _AFTER_NAME[c2]).any())
    if not specials:
        e = np.flatnonzero(a[:n] == 101)
        e = e[e >= 3]
        specials = bool(((a[e - 3] == 116) & (a[e - 2] == 61) & (a[e - 1] == 34) & (a[e + 1] == 34)).any())
    colon = np.flatnonzero(a[:n] == 58)
    if len(colon):                               # a prefixed <x:c>, <x:v>, <x:f>, <x:is>: the reader takes them
        after, then = a[colon + 1], a[colon + 2]
        named = colon[(((after == 99) | (after == 118) | (after == 102)) & _AFTER_NAME[then])
                      | ((after == 105) & (then == 115) & _AFTER_NAME[a[colon + 3]])]
        for c in named.tolist():
            b = buf.rfind(b"<", 0, c)
            name = buf[b + 1: c].lstrip(b"/")
            if b >= 0 and name and _NAME_CHAR[np.frombuffer(name, np.uint8)].all():
                raise _Careful
    # inline strings: the bytes between <is> and </is>, which may run on into the next buffers
    c3 = a[lt + 3]
    starts = lt[(c1 == 105) & (c2 == 115) & _AFTER_NAME[c3]]
    ends = lt[(c1 == 47) & (c2 == 105) & (c3 == 115) & _AFTER_NAME[a[lt + 4]]]
    text = 0
    if open_text:
        if not len(ends):
            return empty, empty, n, specials, True   # all of it inside the inline string
        if len(starts) and starts[0] < ends[0]:
            raise _Careful
        text += int(ends[0])
        ends = ends[1:]
    open_text = len(starts) == len(ends) + 1
    if (not open_text and len(starts) != len(ends) or (ends < starts[:len(ends)]).any()
            or (starts[1:] < ends[:len(starts) - 1]).any()):
        raise _Careful                           # nested or unpaired
    text += int(ends.sum() - starts[:len(ends)].sum()) + (n - int(starts[-1]) if open_text else 0)
    is_cell = (c1 == 99) & _AFTER_NAME[c2]
    at = np.flatnonzero(is_cell)                  # indexes in lt of the cells' tags
    cells = lt[at]
    m = len(cells)
    if not m:
        return empty, empty, text, specials, open_text
    # each cell's reference comes first: <c r="B7"
    if not ((c2[at] == 32) & (a[cells + 3] == 114) & (a[cells + 4] == 61) & (a[cells + 5] == 34)).all():
        raise _Careful
    l0, l1, l2, l3 = (_LETTER[a[cells + k]] for k in (6, 7, 8, 9))
    if not (l0 > 0).all() or (l3[(l1 > 0) & (l2 > 0)] > 0).any():
        raise _Careful
    col = np.where(l1 == 0, l0, np.where(l2 == 0, l0 * 26 + l1, (l0 * 26 + l1) * 26 + l2)) - 1
    start = cells + 6 + (l0 > 0) + (l1 > 0) + (l2 > 0)
    row = np.zeros(m, np.int32)
    digits = np.zeros(m, np.int32)
    going = np.ones(m, bool)
    for k in range(8):
        d = _DIGIT[a[start + k]]
        going &= d >= 0
        if not going.any():
            break
        row = np.where(going, row * 10 + d, row)
        digits += going
    if ((digits == 0) | (digits > 7)).any() or (a[start + digits] != 34).any() or (row == 0).any():
        raise _Careful
    row -= 1
    # one reference a cell: the reader takes the last of several (every attribute named r: ' r=', ' r =')
    rr = np.flatnonzero(a[:n] == 114)
    rr = rr[(rr > 0) & _WS[a[rr - 1]] & ((a[rr + 1] == 61) | _WS[a[rr + 1]])]
    owner = np.searchsorted(lt, rr) - 1
    if np.count_nonzero(is_cell[owner[owner >= 0]]) != m:
        raise _Careful
    # filled: the next tag is the cell's value, formula or inline string (an empty cell ends at once)
    following = np.minimum(at + 1, len(lt) - 1)
    f1, f2 = c1[following], c2[following]
    filled = (at + 1 < len(lt)) & (((f1 == 118) | (f1 == 102)) & _AFTER_NAME[f2] | (f1 == 105) & (f2 == 115))
    filled[-1] |= at[-1] + 1 >= len(lt)          # the buffer ends inside the last cell: count it
    # what the <v> elements hold (a number; text for formulas giving text), and the shared strings they may name
    where = np.flatnonzero((c1 == 118) & _AFTER_NAME[c2])
    values = lt[where]
    odd = a[values + 2] != 62
    if odd.any():                                # <v/> and <v /> hold nothing; <v ...> with attributes is odd
        for v in values[odd].tolist():
            if buf[v: buf.find(b">", v) + 1].replace(b" ", b"") != b"<v/>":
                raise _Careful
        values, where = values[~odd], where[~odd]
    if len(values):
        closing = lt[np.minimum(where + 1, len(lt) - 1)]
        text += int(np.where(where + 1 < len(lt), closing, n).sum() - values.sum()) - 3 * len(values)
    if lengths is not None:
        if len(values):
            begin = values + 3
            index = np.zeros(len(values), np.int64)
            size = np.zeros(len(values), np.int32)
            going = np.ones(len(values), bool)
            for k in range(11):
                d = _DIGIT[a[begin + k]]
                going &= d >= 0
                if not going.any():
                    break
                index = np.where(going, index * 10 + d, index)
                size += going
            # the reader takes anything else than digits (1.5, -1, 2 ) as string 0
            clean = (size > 0) & (size <= 10) & (a[begin + size] == 60)
            index = np.where(clean, index, 0)
            index = index[index < len(lengths)]
            text += int(lengths[index].sum())
    return row[filled], col[filled], text, specials, open_text


def _raw_unpack(path: Path, info: zipfile.ZipInfo) -> Iterator[tuple[bytes, int]]:
    """A stored or deflated part read from the file itself: (up to 4 MB unpacked, packed bytes used so far).

    Reads its packed bytes a megabyte at a time and stops where the deflate stream ends, whatever sizes the zip
    declares; the CRC is checked at the end, as a zip reader does."""
    with path.open("rb") as fh:
        fh.seek(info.header_offset)
        header = fh.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("bad local header")
        fh.seek(info.header_offset + 30 + int.from_bytes(header[26:28], "little")
                + int.from_bytes(header[28:30], "little"))
        left, read, crc = info.compress_size, 0, 0
        if info.compress_type == zipfile.ZIP_STORED:
            while left > 0:
                chunk = fh.read(min(_CHUNK, left))
                if not chunk:
                    raise EOFError("the part is cut short")
                left -= len(chunk)
                read += len(chunk)
                crc = zlib.crc32(chunk, crc)
                yield chunk, read
        else:
            inflate = zlib.decompressobj(-15)
            pending = b""
            while not inflate.eof:
                if not pending:
                    pending = fh.read(min(1 << 16, left)) if left > 0 else b""
                    if not pending:
                        raise EOFError("the part is cut short")
                    left -= len(pending)
                    read += len(pending)
                chunk = inflate.decompress(pending, _CHUNK)
                pending = inflate.unconsumed_tail
                if chunk:
                    crc = zlib.crc32(chunk, crc)
                    yield chunk, read - len(pending)     # packed bytes this much came from
    if crc != info.CRC:
        raise zipfile.BadZipFile("bad CRC-32")


def _zipfile_unpack(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[tuple[bytes, int]]:
    probe = copy.copy(info)
    probe.file_size = 1 << 62                    # read to the end of the data, whatever size the part declares
    with zf.open(probe) as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk, info.compress_size


def _recut(chunks: Iterator[bytes], start: bytes, reach: int) -> Iterator[bytes]:
    """The chunks cut again so that no tag, and no record beginning with `start` within `reach` bytes of the
    end, is split between two buffers (a record or text longer than that is: the scans allow for it)."""
    carry = b""
    for chunk in chunks:
        buf = carry + chunk if carry else chunk
        cut = buf.rfind(start, max(0, len(buf) - reach))
        if cut <= 0:
            cut = buf.rfind(b"<", max(0, len(buf) - 4096))
        if cut <= 0:
            carry = b""
            yield buf
        else:
            carry = buf[cut:]
            yield buf[:cut]
    if carry:
        yield carry


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _column_number(letters: bytes | str) -> int:
    """0-based: A -> 0, Z -> 25, AA -> 26."""
    col = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.upper().decode("ascii"):
        col = col * 26 + ord(ch) - 64
    return col - 1


def _position(ref: str) -> tuple[int, int | None] | None:
    """A reference such as 'B7' (or a row number '7') as the reader reads it: 0-based (row, column or None)."""
    m = re.fullmatch(r"\s*([A-Za-z]{0,3})([0-9]{1,9})\s*", ref)
    if not m or int(m[2]) == 0:
        return None
    return int(m[2]) - 1, (_column_number(m[1]) if m[1] else None)


def _si_texts(el: ET.Element, texts: list[str]) -> bool:
    """The texts of a shared string as the reader takes them (not those of phonetic guides); True if rich."""
    rich = False
    for child in el:
        tag = _local(child.tag)
        if tag == "rPh":
            continue
        if tag == "r":
            rich = True
        if tag == "t":
            texts.append(child.text or "")
        rich = _si_texts(child, texts) or rich
    return rich


_CALAMINE_ERRORS = (
    python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError,
    python_calamine.PasswordError, python_calamine.WorksheetNotFound, ValueError, OSError,
)
# python-calamine picks its parser from the file's extension; an .xlsx under any other name is read from its bytes
_XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam")


def open_workbook(path: Path | str) -> python_calamine.CalamineWorkbook:
    path = Path(path)
    _check_file(path)
    inspect_workbook(path)
    try:
        if path.suffix.lower() in _XLSX_SUFFIXES:
            return python_calamine.CalamineWorkbook.from_path(str(path))
        with path.open("rb") as fh:              # read, never renamed or copied beside the user's file
            return python_calamine.CalamineWorkbook.from_filelike(fh)
    except python_calamine.PasswordError:
        raise UserError(f"{path} is protected by a password; remove the password in Excel and save it again.") from None
    except _CALAMINE_ERRORS as exc:
        raise UserError(f"{path} is damaged and cannot be read ({_one_line(exc)}); save it again from Excel.") from None


# --------------------------------------------------------------------------- sheets and headers

def header_key(text: Any) -> str:
    """Header names compared ignoring case, spaces and punctuation such as '.', ':', '(s)'."""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s._:\-()/]+", "", t)


def find_sheets(workbook: python_calamine.CalamineWorkbook, mapping: Mapping, path: Path) -> dict[str, str]:
    schema = reference.workbook_schema()["sheets"]
    names = list(workbook.sheet_names)
    found: dict[str, str] = {}
    for role in ROLES:
        wanted = [mapping.sheets[role]] if role in mapping.sheets else []
        wanted += schema[role]["aliases"]
        keys = {re.sub(r"\s+", "", w).casefold() for w in wanted}
        if role in mapping.sheets:
            matches = [n for n in names if n == mapping.sheets[role]] or \
                      [n for n in names if re.sub(r"\s+", "", n).casefold() == re.sub(r"\s+", "", mapping.sheets[role]).casefold()]
        else:
            matches = [n for n in names if re.sub(r"\s+", "", n).casefold() in keys]
        if not matches:
            listed = ", ".join(f"'{n}'" for n in names)
            accepted = ", ".join(f"'{a}'" for a in schema[role]["aliases"])
            raise UserError(f"{path.name} has no sheet for {ROLE_LABEL[role]} (its sheets are {listed}); "
                            f"name that sheet one of {accepted}, or name it in a mapping file.")
        if len(matches) > 1:
            listed = " and ".join(f"'{n}'" for n in matches)
            raise UserError(f"{path.name} has two sheets that could hold {ROLE_LABEL[role]} ({listed}); "
                            f"say which in a mapping file (sheets: {role}: ...).")
        found[role] = matches[0]
    return found


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _sheet_members(book_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML, from xl/workbook.xml and its relationships."""
    try:
        book = ET.fromstring(book_xml)
        rels = ET.fromstring(rels_xml)
    except ET.ParseError:
        return {}
    targets = {el.get("Id"): el.get("Target") for el in rels}
    members = {}
    for el in book.iter(f"{_MAIN}sheet"):
        target = targets.get(el.get(f"{_REL}id"))
        if target and el.get("name") is not None:
            members[el.get("name")] = (target.lstrip("/") if target.startswith("/")
                                       else posixpath.normpath(posixpath.join("xl", target)))
    return members


def _sheet_member(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding a sheet's XML."""
    try:
        return _sheet_members(zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels")).get(sheet_name)
    except KeyError:
        return None


def _sheet_scan(path: Path, sheet_name: str) -> SheetScan | None:
    """What inspect_workbook measured of a sheet, where it has inspected this file."""
    inspection = _cached_inspection(path)
    if inspection is None:
        return None
    member = inspection.sheet_parts.get(sheet_name)
    return inspection.sheets.get(member) if member else None


def _cell_position(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col - 1


def special_cells(path: Path, sheet_name: str) -> dict[tuple[int, int], Special]:
    """Cells the fast reader shows as empty but are not: Excel errors and formulas never computed.

    (Excel row, 0-based column) -> Special. The sheet's XML is first scanned as bytes; only a sheet that
    holds such cells is parsed, element by element; where inspect_workbook found none, nothing is read again.
    """
    scan = _sheet_scan(path, sheet_name)
    if scan is not None and not scan.specials:
        return {}
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_member(zf, sheet_name)
            if member is None:
                return {}
            with zf.open(member) as fh:
                tail, found = b"", False
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    window = tail + chunk
                    if b't="e"' in window or b"<f" in window:
                        found = True
                        break
                    tail = window[-16:]
            if not found:
                return {}
            specials: dict[tuple[int, int], Special] = {}
            with zf.open(member) as fh:
                for _, el in ET.iterparse(fh, events=("end",)):
                    if el.tag != f"{_MAIN}c":
                        if el.tag == f"{_MAIN}row":
                            el.clear()
                        continue
                    value = el.find(f"{_MAIN}v")
                    formula = el.find(f"{_MAIN}f")
                    text = value.text if value is not None else None
                    ref = el.get("r")
                    if ref and el.get("t") == "e":
                        specials[_cell_position(ref)] = Special(text or "#ERROR", "error")
                    elif ref and formula is not None and not text:
                        specials[_cell_position(ref)] = Special("=" + (formula.text or "(shared formula)"), "formula")
            return specials
    except (zipfile.BadZipFile, OSError, ET.ParseError, KeyError, zlib.error, EOFError):
        return {}        # a damaged sheet: the reader itself says so, with the file's name


@dataclass
class RawSheet:
    """The cells of one sheet below its header row, with Excel's row numbers."""

    role: str
    name: str
    header_row: int                              # as Excel shows it (1-based)
    columns: dict[str, int]                      # contract column -> position in the row
    headers: dict[str, str]                      # contract column -> header as written
    extras: dict[str, int] = field(default_factory=dict)   # other headers -> position
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    def header_of(self, column: str) -> str:
        return self.headers.get(column) or column


def _is_blank_cell(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def _cell_text(v: Any) -> str:
    return v if isinstance(v, str) else str(v)


def read_sheet(workbook: python_calamine.CalamineWorkbook, sheet_name: str, role: str,
               mapping: Mapping, path: Path, max_rows: int | None = None) -> RawSheet:
    schema = reference.workbook_schema()
    columns_schema = schema["sheets"][role]["columns"]
    accepted: dict[str, list[str]] = {
        col: mapping.column_names(role, col) + list(spec["aliases"]) for col, spec in columns_schema.items()
    }
    key_to_col: dict[str, str] = {}
    for col, names in accepted.items():
        for n in names:
            key_to_col.setdefault(header_key(n), col)

    # refused before the sheet is loaded, where the rows holding something (not the size the sheet declares, which
    # one stray formatted cell can stretch to 1,048,576) are too many: memory grows with the rows (2 KB a need row);
    # the rows are counted again as they are read, past the limit
    scan = _sheet_scan(path, sheet_name)
    if max_rows is not None and scan is not None and scan.filled_rows > max_rows + schema["header_search_rows"]:
        raise UserError(f"Sheet '{sheet_name}' has {scan.filled_rows:,} rows, more than the limit of {max_rows:,} set "
                        "by max_need_rows in data/reference/workbook.yaml; split the workbook or raise the limit.")
    try:
        sheet = workbook.get_sheet_by_name(sheet_name)
        rows_iter = iter(sheet.iter_rows())
    except _CALAMINE_ERRORS as exc:
        raise UserError(f"Sheet '{sheet_name}' of {path.name} is damaged and cannot be read ({_one_line(exc)}); "
                        "save the workbook again from Excel.") from None

    search = schema["header_search_rows"]
    forced = mapping.header_row.get(role)
    header_cells: list[Any] | None = None
    header_row = 0
    first_nonblank: list[str] | None = None
    excel_row = 0
    try:
        for excel_row, cells in enumerate(rows_iter, start=1):
            if forced is not None:
                if excel_row == forced:
                    header_cells = cells
                    break
                continue
            if excel_row > search:
                break
            texts = [_cell_text(c) for c in cells if not _is_blank_cell(c)]
            if texts and first_nonblank is None:
                first_nonblank = texts
            known = {key_to_col[k] for c in cells if not _is_blank_cell(c) and (k := header_key(c)) in key_to_col}
            if len(known) >= schema["header_min_known"]:
                header_cells = cells
                break
    except _CALAMINE_ERRORS as exc:
        raise UserError(f"Sheet '{sheet_name}' of {path.name} is damaged and cannot be read ({_one_line(exc)}); "
                        "save the workbook again from Excel.") from None

    if header_cells is None:
        if forced is not None:
            raise UserError(f"Sheet '{sheet_name}' has no row {forced}, which the mapping file names as its header row.")
        if first_nonblank is None:
            raise UserError(f"Sheet '{sheet_name}' of {path.name} is empty; it should hold {ROLE_LABEL[role]}.")
        shown = ", ".join(f"'{t}'" for t in first_nonblank[:8])
        raise UserError(f"Sheet '{sheet_name}' has no header row in its first {search} rows (no row holds two known "
                        f"column names; the first filled row holds {shown}); rename the headers or use a mapping file.")
    header_row = excel_row

    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    extras: dict[str, int] = {}
    for i, cell in enumerate(header_cells):
        if _is_blank_cell(cell):
            continue
        col = key_to_col.get(header_key(cell))
        text = " ".join(_cell_text(cell).split())
        if col is not None and col not in positions:
            positions[col] = i
            headers[col] = text
        else:
            name = text
            while name in extras or name in columns_schema:
                name += " (2)"
            extras[name] = i

    found_headers = ", ".join(f"'{' '.join(_cell_text(c).split())}'" for c in header_cells if not _is_blank_cell(c))
    for col, spec in columns_schema.items():
        if spec["required"] and col not in positions:
            names = ", ".join(f"'{n}'" for n in accepted[col])
            raise UserError(f"Sheet '{sheet_name}' (header in row {header_row}) has no '{col}' column: its headers are "
                            f"{found_headers}; a column named {names} would be accepted, or name it in a mapping file.")
    one_of = schema["sheets"][role].get("one_of")
    if one_of and not any(c in positions for c in one_of):
        raise UserError(f"Sheet '{sheet_name}' (header in row {header_row}) has neither a chapter nor an article column: "
                        f"its headers are {found_headers}.")

    raw = RawSheet(role, sheet_name, header_row, positions, headers, extras)
    width = len(header_cells)
    first_column = sheet.start[1] if sheet.start else 0
    specials: dict[int, dict[int, Special]] = {}
    for (row, col), value in special_cells(path, sheet_name).items():
        if row > header_row and col >= first_column:
            specials.setdefault(row, {})[col - first_column] = value
    def special_rows_after(last: int):
        """Rows the reader never reached because they hold only errors or uncomputed formulas."""
        for row in sorted(r for r in specials if r > last):
            cells = [""] * (max(specials[row]) + 1)
            for pos, value in specials[row].items():
                cells[pos] = value
            yield row, cells

    kept = raw.rows
    keep = kept.append
    limit = max_rows if max_rows is not None else float("inf")
    excel_row = header_row
    try:
        for excel_row, cells in enumerate(rows_iter, start=header_row + 1):
            if specials and excel_row in specials:
                cells = list(cells) + [""] * max(0, max(specials[excel_row]) + 1 - len(cells))
                for pos, value in specials[excel_row].items():
                    cells[pos] = value
            for cell in cells:                   # a blank row (as _is_blank_cell, inline: this runs a million times)
                if cell.__class__ is str:
                    if cell and not cell.isspace():
                        break
                elif cell is not None:
                    break
            else:
                continue
            if len(kept) >= limit:
                raise UserError(f"Sheet '{sheet_name}' has more than {max_rows:,} rows, the limit set by "
                                "max_need_rows in data/reference/workbook.yaml; split the workbook or raise the limit.")
            if len(cells) < width:
                cells = list(cells) + [""] * (width - len(cells))
            keep((excel_row, cells))
        last_row = excel_row
        for excel_row, cells in special_rows_after(last_row):
            raw.rows.append((excel_row, cells + [""] * max(0, width - len(cells))))
    except _CALAMINE_ERRORS as exc:
        raise UserError(f"Sheet '{sheet_name}' of {path.name} is damaged and cannot be read ({_one_line(exc)}); "
                        "save the workbook again from Excel.") from None
    return raw


def read_workbook(path: Path | str, mapping: Mapping | None = None) -> dict[str, RawSheet]:
    """Open the workbook once and read both sheets."""
    path = Path(path)
    mapping = mapping or Mapping()
    workbook = open_workbook(path)
    names = find_sheets(workbook, mapping, path)
    limit = reference.workbook_schema().get("max_need_rows")
    sheets = {role: read_sheet(workbook, names[role], role, mapping, path, limit) for role in ROLES}
    if not sheets["reviews"].rows:
        raise UserError(f"Sheet '{names['reviews']}' has a header row but no States below it.")
    return sheets


def workbook_properties(path: Path | str) -> dict[str, str]:
    """The workbook's document properties (title, subject, custom properties), read from the file itself."""
    props: dict[str, str] = {}
    cap = _limits()["max_small_part_bytes"]

    def read(zf: zipfile.ZipFile, name: str) -> str:
        # may run before the workbook is inspected: never more than the declared size, itself bounded
        info = zf.getinfo(name)
        return zf.read(info).decode("utf-8", "replace") if info.file_size <= cap else ""

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "docProps/core.xml" in names:
                core = read(zf, "docProps/core.xml")
                for tag in ("title", "subject", "description", "keywords"):
                    m = re.search(rf"<(?:dc|cp):{tag}>(.*?)</(?:dc|cp):{tag}>", core, re.S)
                    if m:
                        props[tag] = m[1]
            if "docProps/custom.xml" in names:
                custom = read(zf, "docProps/custom.xml")
                for name, value in re.findall(r'name="([^"]+)".*?<vt:\w+>(.*?)</vt:\w+>', custom, re.S):
                    props[f"custom:{name}"] = value
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, zlib.error, ValueError, RuntimeError,
            NotImplementedError):
        pass
    return props


def is_synthetic(path: Path | str) -> bool:
    """True for a workbook that says it is synthetic (the project's sample does, in two places)."""
    props = workbook_properties(path)
    return "synthetic" in props.get("title", "").casefold() or props.get("custom:Synthetic", "").lower() in ("true", "1")
