"""What a workbook unpacks to, measured before the reader opens it, against the bounds of workbook.yaml.

python-calamine unpacks the zip's parts itself and keeps in memory every shared string, each sheet it reads
as a dense grid (32 bytes a cell, from the first to the last filled cell, however empty the grid between),
and in every cell a copy of the shared string the cell uses. A file of a few kilobytes can so ask for
gigabytes, or abort the process. Before the reader opens a workbook, each part is unpacked here once, as a
stream, by what it really unpacks to (never the size the zip declares, which a bomb lies about), and what
the reader would build is measured against the bounds in data/reference/workbook.yaml.
"""
from __future__ import annotations

import zipfile
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from uncac_needs.ingest.contract import Bounds, contract
from uncac_needs.ingest.messages import damaged, one_line
from uncac_needs.ingest.sheetscan import SheetScan, scan_sheet
from uncac_needs.ingest.strings import string_lengths
from uncac_needs.ingest.unzip import unpack
from uncac_needs.ingest.xmlparts import cell_name, sheet_members
from uncac_needs.plumbing.errors import UserError

# parts read whole, by the reader or by this tool, that are a few kilobytes in any real workbook
_SMALL_PARTS = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "docprops/core.xml", "docprops/custom.xml",
                "docprops/app.xml", "[content_types].xml", "_rels/.rels"}
_NAMES_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")     # which part holds which sheet
_SHARED_STRINGS = "xl/sharedstrings.xml"
_WORKBOOK_YAML = "data/reference/workbook.yaml"


def bounds() -> Bounds:
    return contract().bounds()


def mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 10_000_000 else f"{n / 1e6:,.1f} MB"


@dataclass
class Inspection:
    unpacked: int
    sheets: dict[str, SheetScan]                 # by lower-case part name
    sheet_parts: dict[str, str]                  # sheet name -> lower-case part name


_INSPECTED: dict[tuple, tuple[Bounds, Inspection]] = {}   # file -> (bounds, what was measured)


def _file_key(path: Path) -> tuple:
    st = path.stat()
    return (str(path.resolve()), st.st_size, st.st_mtime_ns)


def inspect_workbook(path: Path | str) -> Inspection:
    """Unpack every part once, as a stream, and refuse (UserError) a workbook beyond the bounds."""
    path = Path(path)
    limits = bounds()
    key = _file_key(path)
    cached = _INSPECTED.get(key)
    if cached is None or cached[0] != limits:
        if len(_INSPECTED) > 8:
            _INSPECTED.clear()
        _INSPECTED[key] = (limits, _Inspector(path, limits).run())
    return _INSPECTED[key][1]


def sheet_scan(path: Path, sheet_name: str) -> SheetScan | None:
    """What inspect_workbook measured of a sheet, where it has inspected this file."""
    try:
        cached = _INSPECTED.get(_file_key(path))
    except OSError:
        return None
    if cached is None:
        return None
    inspection = cached[1]
    member = inspection.sheet_parts.get(sheet_name)
    return inspection.sheets.get(member) if member else None


class _Inspector:
    def __init__(self, path: Path, limits: Bounds):
        self.path, self.limits = path, limits
        self.sizes: dict[str, int] = {}
        self.shared = array("Q")                 # bytes of each shared string, in the reader's order
        self.shared_bytes = 0                    # ... and of them all, which the reader holds throughout
        self.names: dict[str, str] = {}          # lower-case part -> sheet name
        self.declared_total = 0
        self.kept: dict[str, bytes] = {}         # the parts that say which part holds which sheet

    # ---- the whole file
    def run(self) -> Inspection:
        try:
            with zipfile.ZipFile(self.path) as zf:
                infos = zf.infolist()
                self._check_declared(infos)
                order = sorted(infos, key=lambda i: (i.filename.lower() != _SHARED_STRINGS,
                                                     i.filename.lower() not in _SMALL_PARTS))
                sheets = {}
                for info in order:
                    name = info.filename.lower()
                    if name == _SHARED_STRINGS:
                        self._shared_strings(zf, info)
                    elif name.startswith("xl/worksheets/") and name.endswith(".xml"):
                        label = self._label(name)
                        sheets[name] = scan_sheet(name, lambda info=info: self._chunks(zf, info), self.shared,
                                                  self._check_sheet, label)
                    else:
                        self._drain(zf, info, keep=name in _NAMES_PARTS)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
            raise damaged(self.path, exc) from None
        self.shared = array("Q")
        return Inspection(sum(self.sizes.values()), sheets, {v: k for k, v in self.names.items()})

    def _check_declared(self, infos: list[zipfile.ZipInfo]) -> None:
        """The sizes the zip declares: a quick first refusal (they are checked again against what unpacks)."""
        seen: set[str] = set()
        for info in infos:
            name = info.filename.lower()
            if name in seen:                     # the reader would take one, this check another
                raise UserError(f"{self.path} is damaged (it holds the part {info.filename} twice); "
                                "save it again from Excel.")
            seen.add(name)
            self.declared_total += info.file_size
            self._bound(info, info.file_size, self.declared_total)

    def _bound(self, info: zipfile.ZipInfo, size: int, total: int, packed: int | None = None) -> None:
        """`size` bytes of the part unpacked from `packed` bytes (all of them where not given), `total` in all."""
        lim = self.limits
        name = info.filename
        key = "max_small_part_bytes" if name.lower() in _SMALL_PARTS else "max_member_bytes"
        cap = getattr(lim, key)
        packed = info.compress_size if packed is None else packed
        if size > lim.ratio_free_bytes and size > lim.max_compression_ratio * max(packed, 1):
            raise UserError(f"{self.path} looks built to exhaust memory (a \"zip bomb\"): its part {name} unpacks "
                            f"to more than {lim.max_compression_ratio} times its packed size, which Excel never "
                            "writes, so it was not read; save the data again from Excel into a new workbook.")
        if size > cap:
            raise UserError(f"{self.path} is too large to read safely: its part {name} unpacks to more than "
                            f"{mb(cap)}, the limit set by {key} in {_WORKBOOK_YAML}; if the workbook "
                            "really holds that much, split it, otherwise save it again from Excel.")
        if total > lim.max_unpacked_bytes:
            raise UserError(f"{self.path} is too large to read safely: its parts unpack to more than "
                            f"{mb(lim.max_unpacked_bytes)} together, the limit set by max_unpacked_bytes in "
                            f"{_WORKBOOK_YAML}; if the workbook really holds that much, split it, "
                            "otherwise save it again from Excel.")

    # ---- one part, as it really unpacks
    def _chunks(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The part's bytes as they really unpack, a megabyte at a time, measured as they come: a bomb is
        refused once its first megabytes show the ratio (it is never unpacked whole, nor trusted for its size)."""
        before = sum(v for k, v in self.sizes.items() if k != info.filename)
        size = 0
        try:
            for chunk, packed in unpack(self.path, zf, info):
                size += len(chunk)
                self._bound(info, size, before + size, packed)
                yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
            raise damaged(self.path, f"part {info.filename}: {one_line(exc)}") from None
        self.sizes[info.filename] = size

    def _drain(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, keep: bool) -> None:
        kept = [chunk for chunk in self._chunks(zf, info) if keep]
        if keep:
            self.kept[info.filename.lower()] = b"".join(kept)
            if len(self.kept) == len(_NAMES_PARTS):
                members = sheet_members(*(self.kept[name] for name in _NAMES_PARTS))
                self.names = {member.lower(): sheet for sheet, member in members.items()}

    def _label(self, member: str) -> str:
        sheet = self.names.get(member)
        return f"Sheet '{sheet}' of {self.path.name}" if sheet else f"The part {member} of {self.path.name}"

    # ---- what the reader holds: the shared strings throughout, and each sheet's grid and texts
    def _shared_strings(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        self.shared = string_lengths(lambda: self._chunks(zf, info), self.path, self.limits.max_shared_strings)
        self.shared_bytes = self.sizes[info.filename]
        limit = self.limits.max_cell_text_bytes
        if self.shared_bytes > limit:
            raise UserError(f"{self.path} holds more than {mb(limit)} of text (its shared strings), more than it "
                            f"can read safely (max_cell_text_bytes in {_WORKBOOK_YAML}); split the "
                            "workbook, or raise the limit if it really holds that much text.")

    def _check_sheet(self, scan: SheetScan) -> None:
        lim = self.limits
        if scan.cells > lim.max_sheet_cells:
            raise UserError(f"{self._label(scan.member)} has filled cells from {cell_name(*scan.first)} to "
                            f"{cell_name(*scan.last)}, a grid of {scan.cells:,} cells, more than the "
                            f"{lim.max_sheet_cells:,} allowed by max_sheet_cells in {_WORKBOOK_YAML}; "
                            "delete what lies far below or to the right of the table, and save it again.")
        if self.shared_bytes + scan.text_bytes > lim.max_cell_text_bytes:
            # the reader holds the shared strings, and in each cell its own copy of the text the cell shows
            raise UserError(f"{self._label(scan.member)} holds (or repeats) so much text that reading it would take "
                            f"more than {mb(lim.max_cell_text_bytes)} of memory, the limit set by "
                            f"max_cell_text_bytes in {_WORKBOOK_YAML}; split the workbook, or raise the "
                            "limit if it really holds that much text.")
