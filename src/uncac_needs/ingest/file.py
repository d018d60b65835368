"""The file itself: what it is (a workbook, a CSV, a legacy .xls, a password-protected file, something damaged),
refused in one plain sentence unless it is an .xlsx/.xlsm workbook; then opened, once its bounds are checked."""
from __future__ import annotations

import zipfile
from pathlib import Path

import olefile
import python_calamine

from uncac_needs.ingest.bounds import bounds, inspect_workbook
from uncac_needs.ingest.messages import CALAMINE_ERRORS, damaged, one_line
from uncac_needs.plumbing.errors import UserError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # a legacy .xls, or an encrypted workbook
# python-calamine picks its parser from the file's extension; an .xlsx under any other name is read from its bytes
_XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam")


def open_workbook(path: Path | str) -> python_calamine.CalamineWorkbook:
    """The workbook opened by the reader, once the file is known to be a workbook within the bounds."""
    path = Path(path)
    check_file(path)
    inspect_workbook(path)
    try:
        if path.suffix.lower() in _XLSX_SUFFIXES:
            return python_calamine.CalamineWorkbook.from_path(str(path))
        with path.open("rb") as fh:              # read, never renamed or copied beside the user's file
            return python_calamine.CalamineWorkbook.from_filelike(fh)
    except python_calamine.PasswordError:
        raise UserError(f"{path} is protected by a password; remove the password in Excel and save it again.") from None
    except CALAMINE_ERRORS as exc:
        raise damaged(path, exc) from None


def check_file(path: Path) -> None:
    """Refuse anything that is not a readable .xlsx/.xlsm workbook, with a sentence saying what it is."""
    try:
        _check_file_kind(path)
    except OSError as exc:          # a name too long, a file the system will not let us open, a vanished disk
        raise UserError(f"{path} cannot be read ({exc.strerror or one_line(exc)}); check the path, and that "
                        "the file may be opened by you and is not locked by another program.") from None


def _check_file_kind(path: Path) -> None:
    if not path.exists():
        raise UserError(f"There is no file at {path}; check the path to the needs workbook.")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not an Excel workbook; give the path of the .xlsx file.")
    if path.stat().st_size == 0:
        raise UserError(f"{path} is empty (0 bytes); it is not an Excel workbook.")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE_MAGIC):
        _refuse_ole(path)
    if head.startswith(b"PK"):
        _check_zip(path)
        return
    _refuse_text(path)


def _refuse_ole(path: Path) -> None:
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


def _check_zip(path: Path) -> None:
    if not zipfile.is_zipfile(path):
        raise UserError(f"{path} is damaged or incomplete (perhaps cut short while copying); "
                        "save it again from Excel.")
    with path.open("rb") as fh:
        parts = _declared_part_count(fh)
    limit = bounds().max_parts
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


def _refuse_text(path: Path) -> None:
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
