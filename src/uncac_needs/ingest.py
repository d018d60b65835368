"""Stage 1 — ingest: open the keepers' workbook, find its two sheets and their header rows.

Everything a user can get wrong about the file itself (a missing path, a CSV, a legacy .xls, a
password, a damaged file, a missing sheet or column) ends here with one plain sentence
(`UserError`). What comes out is the raw cells of each data row with its Excel row number.
"""
from __future__ import annotations

import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import olefile
import python_calamine
import yaml
from pydantic import BaseModel, ConfigDict, PositiveInt, ValidationError

from uncac_needs import reference
from uncac_needs.errors import UserError
from uncac_needs.parsers import Special

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
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UserError(f"The mapping file {path} is not valid YAML ({_one_line(exc)}).") from None
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
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError):
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


_CALAMINE_ERRORS = (
    python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError,
    python_calamine.PasswordError, python_calamine.WorksheetNotFound, ValueError, OSError,
)


def open_workbook(path: Path | str) -> python_calamine.CalamineWorkbook:
    path = Path(path)
    _check_file(path)
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
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


def _sheet_member(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip member holding a sheet's XML, from xl/workbook.xml and its relationships."""
    try:
        book = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return None
    rid = next((el.get(f"{_REL}id") for el in book.iter(f"{_MAIN}sheet") if el.get("name") == sheet_name), None)
    target = next((el.get("Target") for el in rels if el.get("Id") == rid), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _cell_position(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col - 1


def special_cells(path: Path, sheet_name: str) -> dict[tuple[int, int], Special]:
    """Cells the fast reader shows as empty but are not: Excel errors and formulas never computed.

    (Excel row, 0-based column) -> Special. The sheet's XML is first scanned as bytes; only a sheet that
    holds such cells is parsed, element by element.
    """
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


def declared_rows(path: Path, sheet_name: str) -> int | None:
    """The last row the sheet declares (its <dimension>), read from the first bytes of its XML, or None."""
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_member(zf, sheet_name)
            if member is None:
                return None
            with zf.open(member) as fh:
                head = fh.read(4096).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError, zlib.error, EOFError):
        return None
    m = re.search(r'<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"', head)
    return int(m[1]) if m and m[1] else None


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

    declared = declared_rows(path, sheet_name)
    if max_rows is not None and declared is not None and declared > max_rows + schema["header_search_rows"]:
        # refused before the sheet is loaded: memory grows with the rows (about 2 KB a need row)
        raise UserError(f"Sheet '{sheet_name}' has {declared:,} rows, more than the limit of {max_rows:,} set by "
                        "max_need_rows in data/reference/workbook.yaml; split the workbook or raise the limit.")
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

    last_row = header_row
    try:
        for excel_row, cells in enumerate(rows_iter, start=header_row + 1):
            last_row = excel_row
            if excel_row in specials:
                cells = list(cells) + [""] * max(0, max(specials[excel_row]) + 1 - len(cells))
                for pos, value in specials[excel_row].items():
                    cells[pos] = value
            if all(_is_blank_cell(c) for c in cells):
                continue
            if max_rows is not None and len(raw.rows) >= max_rows:
                raise UserError(f"Sheet '{sheet_name}' has more than {max_rows:,} rows, the limit set by "
                                "max_need_rows in data/reference/workbook.yaml; split the workbook or raise the limit.")
            if len(cells) < width:
                cells = list(cells) + [""] * (width - len(cells))
            raw.rows.append((excel_row, cells))
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
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "docProps/core.xml" in names:
                core = zf.read("docProps/core.xml").decode("utf-8", "replace")
                for tag in ("title", "subject", "description", "keywords"):
                    m = re.search(rf"<(?:dc|cp):{tag}>(.*?)</(?:dc|cp):{tag}>", core, re.S)
                    if m:
                        props[tag] = m[1]
            if "docProps/custom.xml" in names:
                custom = zf.read("docProps/custom.xml").decode("utf-8", "replace")
                for name, value in re.findall(r'name="([^"]+)".*?<vt:\w+>(.*?)</vt:\w+>', custom, re.S):
                    props[f"custom:{name}"] = value
    except (zipfile.BadZipFile, OSError, KeyError):
        pass
    return props


def is_synthetic(path: Path | str) -> bool:
    """True for a workbook that says it is synthetic (the project's sample does, in two places)."""
    props = workbook_properties(path)
    return "synthetic" in props.get("title", "").casefold() or props.get("custom:Synthetic", "").lower() in ("true", "1")
