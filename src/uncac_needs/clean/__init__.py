"""Stage 2 — clean: from the raw rows to typed tables, accounting for every row read.

Every row read ends in exactly one of: kept, kept with corrections, dropped as a duplicate,
rejected. The cleaning log has a line for every correction, duplicate and rejection: sheet,
Excel row, column, value found, what was done, and why, in plain words. A kept row may also carry
a note or a warning (a completion date later than the latest plausible date): these change no count.

- parsers   the readers of each kind of cell (States, dates, chapters, articles, categories …)
- reasons   why, as catalog templates per rule, in every language (catalogs/<lang>/cleaning.yaml)
- rows      reading a row's cells, each distinct value once
- ledger    the row accounting and the log lines
- reviews   the reviews sheet;  needs  the needs sheet;  workbook  both, read once
- files     the processed tables, the log and the accounting written and read back
- result    what the statistics stage takes (Cleaned);  summary  the one-screen summary
"""
from uncac_needs.clean.files import load_outputs, log_frame, write_log, write_outputs
from uncac_needs.clean.ledger import LOG_COLUMNS, OUTCOMES, LogEntry, SheetSummary
from uncac_needs.clean.reasons import LOG_LANGUAGE, Reason
from uncac_needs.clean.result import Cleaned, Tables
from uncac_needs.clean.workbook import CleanResult, clean_workbook

__all__ = [
    "LOG_COLUMNS", "LOG_LANGUAGE", "OUTCOMES", "CleanResult", "Cleaned", "LogEntry", "Reason", "SheetSummary",
    "Tables", "clean_workbook", "load_outputs", "log_frame", "write_log", "write_outputs",
]
