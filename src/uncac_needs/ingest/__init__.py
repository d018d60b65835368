"""Stage 1 — ingest: open the keepers' workbook, find its two sheets and their header rows.

Everything a user can get wrong about the file itself (a missing path, a CSV, a legacy .xls, a
password, a damaged file, a missing sheet or column) ends here with one plain sentence
(`UserError`). What comes out is the raw cells of each data row with its Excel row number.

The modules, in the order a workbook meets them:

- contract: data/reference/workbook.yaml as a validated model (sheets, columns, bounds);
- mapping: a person's own names for sheets and columns (the mapping file);
- file: what the file is (workbook, CSV, legacy .xls, password, damaged), and opening it;
- bounds: what the workbook unpacks to, measured part by part before the reader opens it
  (unzip: the parts as streams; strings: the shared strings; sheetscan and cells: each sheet's grid and texts;
  xmlparts: the XML element by element, where it is not written the way Excel writes it);
- sheets: the two sheets found, their header rows and columns placed, their rows read;
- specials: error and formula cells, which the reader gives as empty;
- properties: the document properties (is the workbook the synthetic sample?).
"""
from __future__ import annotations

from uncac_needs.ingest.bounds import Inspection, inspect_workbook
from uncac_needs.ingest.contract import ROLES, WorkbookContract, contract, load_contract
from uncac_needs.ingest.file import open_workbook
from uncac_needs.ingest.mapping import Mapping, load_mapping
from uncac_needs.ingest.properties import is_synthetic, workbook_properties
from uncac_needs.ingest.sheets import ROLE_LABEL, RawSheet, find_sheets, header_key, read_sheet, read_workbook
from uncac_needs.ingest.sheetscan import SheetScan
from uncac_needs.ingest.specials import Special, special_cells

__all__ = [
    "ROLES", "ROLE_LABEL",
    "WorkbookContract", "contract", "load_contract",
    "Mapping", "load_mapping",
    "open_workbook", "inspect_workbook", "Inspection", "SheetScan",
    "RawSheet", "read_workbook", "find_sheets", "read_sheet", "header_key",
    "Special", "special_cells",
    "workbook_properties", "is_synthetic",
]
