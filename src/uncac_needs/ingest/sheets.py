"""The two sheets of the workbook: found by name, their header rows found among the first rows, their columns
placed by the names the contract (and a mapping file) gives them, and their data rows read with Excel's row
numbers. Everything a sheet can lack ends here in one plain sentence."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from uncac_needs.ingest.bounds import sheet_scan
from uncac_needs.ingest.contract import ROLES, SheetContract, contract
from uncac_needs.ingest.file import open_workbook
from uncac_needs.ingest.mapping import Mapping
from uncac_needs.ingest.messages import reading_sheet
from uncac_needs.ingest.specials import Special, special_cells
from uncac_needs.plumbing.errors import UserError

ROLE_LABEL = {"reviews": "the States' completed executive summaries", "needs": "the technical assistance needs"}
_ROW_LIMIT = "max_need_rows in data/reference/workbook.yaml; split the workbook or raise the limit."


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


def read_workbook(path: Path | str, mapping: Mapping | None = None) -> dict[str, RawSheet]:
    """Open the workbook once and read both sheets."""
    path = Path(path)
    mapping = mapping or Mapping()
    workbook = open_workbook(path)
    names = find_sheets(workbook, mapping, path)
    limit = contract().max_need_rows
    sheets = {role: read_sheet(workbook, names[role], role, mapping, path, limit) for role in ROLES}
    if not sheets["reviews"].rows:
        raise UserError(f"Sheet '{names['reviews']}' has a header row but no States below it.")
    return sheets


def header_key(text: Any) -> str:
    """Header names compared ignoring case, spaces and punctuation such as '.', ':', '(s)'."""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"[\s._:\-()/]+", "", t)


def _sheet_key(name: str) -> str:
    return re.sub(r"\s+", "", name).casefold()


def find_sheets(workbook: python_calamine.CalamineWorkbook, mapping: Mapping, path: Path) -> dict[str, str]:
    """Role -> the name of the sheet holding it: the mapping file's name, else one of the contract's aliases."""
    sheets = contract().sheets
    names = list(workbook.sheet_names)
    found: dict[str, str] = {}
    for role in ROLES:
        if role in mapping.sheets:
            wanted = mapping.sheets[role]
            matches = [n for n in names if n == wanted] or [n for n in names if _sheet_key(n) == _sheet_key(wanted)]
        else:
            keys = {_sheet_key(w) for w in sheets[role].aliases}
            matches = [n for n in names if _sheet_key(n) in keys]
        if not matches:
            listed = ", ".join(f"'{n}'" for n in names)
            accepted = ", ".join(f"'{a}'" for a in sheets[role].aliases)
            raise UserError(f"{path.name} has no sheet for {ROLE_LABEL[role]} (its sheets are {listed}); "
                            f"name that sheet one of {accepted}, or name it in a mapping file.")
        if len(matches) > 1:
            listed = " and ".join(f"'{n}'" for n in matches)
            raise UserError(f"{path.name} has two sheets that could hold {ROLE_LABEL[role]} ({listed}); "
                            f"say which in a mapping file (sheets: {role}: ...).")
        found[role] = matches[0]
    return found


def _is_blank_cell(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "")


def _cell_text(v: Any) -> str:
    return v if isinstance(v, str) else str(v)


@dataclass
class _Columns:
    """The names each column of a sheet goes by: the mapping file's first, then the contract's."""

    sheet: SheetContract
    accepted: dict[str, list[str]]               # column -> names, as written
    by_key: dict[str, str]                       # header_key of a name -> column

    @classmethod
    def of(cls, role: str, mapping: Mapping) -> _Columns:
        sheet = contract().sheets[role]
        accepted = {col: mapping.column_names(role, col) + list(spec.aliases) for col, spec in sheet.columns.items()}
        by_key: dict[str, str] = {}
        for col, names in accepted.items():
            for n in names:
                by_key.setdefault(header_key(n), col)
        return cls(sheet, accepted, by_key)

    def known(self, cells: list[Any]) -> set[str]:
        return {self.by_key[k] for c in cells if not _is_blank_cell(c) and (k := header_key(c)) in self.by_key}


def read_sheet(workbook: python_calamine.CalamineWorkbook, sheet_name: str, role: str,
               mapping: Mapping, path: Path, max_rows: int | None = None) -> RawSheet:
    """The sheet's header row found and its columns placed, and its data rows read (at most `max_rows`)."""
    columns = _Columns.of(role, mapping)
    # refused before the sheet is loaded, where the rows holding something (not the size the sheet declares, which
    # one stray formatted cell can stretch to 1,048,576) are too many: memory grows with the rows (2 KB a need row);
    # the rows are counted again as they are read, past the limit
    scan = sheet_scan(path, sheet_name)
    if max_rows is not None and scan is not None and scan.filled_rows > max_rows + contract().header_search_rows:
        raise UserError(f"Sheet '{sheet_name}' has {scan.filled_rows:,} rows, more than the limit of {max_rows:,} "
                        f"set by {_ROW_LIMIT}")
    with reading_sheet(sheet_name, path):
        sheet = workbook.get_sheet_by_name(sheet_name)
        rows = iter(sheet.iter_rows())
        header_row, header_cells = _find_header(rows, columns, mapping.header_row.get(role), sheet_name, path, role)
    raw = _place_columns(role, sheet_name, header_row, header_cells, columns)
    first_column = sheet.start[1] if sheet.start else 0
    specials = _special_rows(path, sheet_name, header_row, first_column)
    with reading_sheet(sheet_name, path):
        raw.rows = _data_rows(rows, header_row, len(header_cells), specials, sheet_name, max_rows)
    return raw


def _find_header(rows: Iterator[list[Any]], columns: _Columns, forced: int | None, sheet_name: str, path: Path,
                 role: str) -> tuple[int, list[Any]]:
    """The header row: the one the mapping file names, else the first of the first rows holding enough known
    column names. (Excel row, its cells)."""
    search, min_known = contract().header_search_rows, contract().header_min_known
    first_filled: list[str] | None = None
    for excel_row, cells in enumerate(rows, start=1):
        if forced is not None:
            if excel_row == forced:
                return excel_row, cells
            continue
        if excel_row > search:
            break
        texts = [_cell_text(c) for c in cells if not _is_blank_cell(c)]
        if texts and first_filled is None:
            first_filled = texts
        if len(columns.known(cells)) >= min_known:
            return excel_row, cells
    if forced is not None:
        raise UserError(f"Sheet '{sheet_name}' has no row {forced}, which the mapping file names as its header row.")
    if first_filled is None:
        raise UserError(f"Sheet '{sheet_name}' of {path.name} is empty; it should hold {ROLE_LABEL[role]}.")
    shown = ", ".join(f"'{t}'" for t in first_filled[:8])
    raise UserError(f"Sheet '{sheet_name}' has no header row in its first {search} rows (no row holds two known "
                    f"column names; the first filled row holds {shown}); rename the headers or use a mapping file.")


def _place_columns(role: str, sheet_name: str, header_row: int, header_cells: list[Any],
                   columns: _Columns) -> RawSheet:
    """Each contract column at the first header naming it; other headers kept as extras; a sheet lacking a
    required column (or both chapter and article) refused."""
    raw = RawSheet(role, sheet_name, header_row, {}, {})
    for i, cell in enumerate(header_cells):
        if _is_blank_cell(cell):
            continue
        col = columns.by_key.get(header_key(cell))
        text = " ".join(_cell_text(cell).split())
        if col is not None and col not in raw.columns:
            raw.columns[col] = i
            raw.headers[col] = text
        else:
            name = text
            while name in raw.extras or name in columns.sheet.columns:
                name += " (2)"
            raw.extras[name] = i
    found = ", ".join(f"'{' '.join(_cell_text(c).split())}'" for c in header_cells if not _is_blank_cell(c))
    for col, spec in columns.sheet.columns.items():
        if spec.required and col not in raw.columns:
            names = ", ".join(f"'{n}'" for n in columns.accepted[col])
            raise UserError(f"Sheet '{sheet_name}' (header in row {header_row}) has no '{col}' column: its headers "
                            f"are {found}; a column named {names} would be accepted, or name it in a mapping file.")
    one_of = columns.sheet.one_of
    if one_of and not any(c in raw.columns for c in one_of):
        raise UserError(f"Sheet '{sheet_name}' (header in row {header_row}) has neither a chapter nor an article "
                        f"column: its headers are {found}.")
    return raw


def _special_rows(path: Path, sheet_name: str, header_row: int, first_column: int) -> dict[int, dict[int, Special]]:
    """Excel row -> (position in the row -> Special) for the errors and uncomputed formulas below the header."""
    specials: dict[int, dict[int, Special]] = {}
    for (row, col), value in special_cells(path, sheet_name).items():
        if row > header_row and col >= first_column:
            specials.setdefault(row, {})[col - first_column] = value
    return specials


def _data_rows(rows: Iterator[list[Any]], header_row: int, width: int, specials: dict[int, dict[int, Special]],
               sheet_name: str, max_rows: int | None) -> list[tuple[int, list[Any]]]:
    """The rows below the header that hold something, each as wide as the header at least, with the Specials in
    place; rows holding only Specials (which the reader never gives) added at the end."""
    kept: list[tuple[int, list[Any]]] = []
    keep = kept.append
    limit = max_rows if max_rows is not None else float("inf")
    excel_row = header_row
    for excel_row, cells in enumerate(rows, start=header_row + 1):
        if specials and excel_row in specials:
            cells = _with_specials(cells, specials[excel_row])
        for cell in cells:                       # a blank row (as _is_blank_cell, inline: this runs a million times)
            if cell.__class__ is str:
                if cell and not cell.isspace():
                    break
            elif cell is not None:
                break
        else:
            continue
        if len(kept) >= limit:
            raise UserError(f"Sheet '{sheet_name}' has more than {max_rows:,} rows, the limit set by {_ROW_LIMIT}")
        if len(cells) < width:
            cells = list(cells) + [""] * (width - len(cells))
        keep((excel_row, cells))
    for row in sorted(r for r in specials if r > excel_row):
        cells = _with_specials([], specials[row])
        kept.append((row, cells + [""] * max(0, width - len(cells))))
    return kept


def _with_specials(cells: list[Any], specials: dict[int, Special]) -> list[Any]:
    cells = list(cells) + [""] * max(0, max(specials) + 1 - len(cells))
    for pos, value in specials.items():
        cells[pos] = value
    return cells
