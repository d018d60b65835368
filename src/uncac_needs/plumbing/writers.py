"""Writing CSV and JSON files people open: no cell may ever become a formula."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: Any) -> Any:
    """Text that Excel would take for a formula gets a leading apostrophe (CSV has no text type)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[Any]]) -> None:
    """UTF-8 with BOM (so Excel shows Chinese correctly), '\\n' line ends, formulas defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else defuse(v) for v in row])
    Path(path).write_text("\ufeff" + buffer.getvalue(), encoding="utf-8")


def write_json(path: Path, data: Any) -> None:
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
