"""Reading one reference table (data/reference/<name>.csv) into its row model, or one sentence saying why not.

The csv module splits the lines; the row model (vocabulary.rows) reads and checks each cell. What is
wrong is said as "<file>, line <n>: <what>. Correct the file and run again." (ReferenceFileError, a
UserError: the command line prints it and exits with status 2). People edit these files (a new alias
for a State), and a mistake there must never pass silently.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from uncac_needs.plumbing import config
from uncac_needs.plumbing.errors import UserError
from uncac_needs.vocabulary.rows import CELL, REQUIRED

Model = TypeVar("Model", bound=BaseModel)


class ReferenceFileError(UserError, ValueError):
    """A reference file under data/reference/ that cannot be read as it stands: the message names the file,
    the line and what is wrong, as one sentence."""


class Line(NamedTuple):
    """A row of a table and the line of the file where it ends (for messages)."""

    number: int
    row: BaseModel


def where(path: Path) -> str:
    """The path as a message shows it: relative to the project when it lies inside it."""
    try:
        return str(path.relative_to(config.PROJ_ROOT))
    except ValueError:
        return str(path)


def fail(name: str, line: int, what: str) -> ReferenceFileError:
    path = config.REFERENCE_DIR / name
    return ReferenceFileError(f"{where(path)}, line {line}: {what}. Correct the file and run again.")


def columns(model: type[BaseModel]) -> list[str]:
    """The columns the file must have: every field of the model without a default, by its column name."""
    return [f.alias or name for name, f in model.model_fields.items() if f.is_required()]


def _problem(error: dict) -> str:
    """The first error pydantic found in a row, as the middle of the sentence."""
    column = error["loc"][0] if error["loc"] else None
    if column is None:                                  # a check across the row: its message names the columns
        return error["msg"]
    if error["type"] == REQUIRED:
        return f"the required column '{column}' is empty"
    if error["type"].startswith(CELL):
        return f"the column '{column}' {error['msg']}"      # the row model's own words (vocabulary.rows)
    return f"the column '{column}' holds '{error['input']}', which is not valid ({error['msg']})"


def _header(name: str, reader, model: type[BaseModel]) -> list[str]:
    header = next(reader, None)
    if not header:
        raise fail(name, 1, "the file is empty; its first line must name the columns")
    missing = [c for c in columns(model) if c not in header]
    if missing:
        raise fail(name, 1, f"the header has no column {', '.join(repr(c) for c in missing)} "
                            f"(it has {', '.join(repr(c) for c in header)})")
    return header


def read_table(name: str, model: type[Model]) -> list[Line]:
    """The rows of data/reference/<name> (config.REFERENCE_DIR), each read by `model`, with their lines:
    as many fields as the header, the model's columns present, each cell as the model reads it, the values
    of the model's `unique` column unique. Anything else raises ReferenceFileError."""
    path = config.REFERENCE_DIR / name
    rows: list[Line] = []
    seen: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = _header(name, reader, model)
            for fields in reader:
                line = reader.line_num
                if not fields:
                    continue                           # a blank line
                if len(fields) != len(header):
                    hint = ("; a cell that holds a comma (the aliases often do) must be in double quotes, "
                            "and aliases are separated by ';'") if len(fields) > len(header) else ""
                    raise fail(name, line, f"{len(fields)} fields where the header has {len(header)}{hint}")
                cells = dict(zip(header, fields))
                try:
                    row = model.model_validate(cells)
                except ValidationError as exc:
                    raise fail(name, line, _problem(exc.errors(include_url=False)[0])) from None
                code = cells[model.unique]
                if code in seen:
                    raise fail(name, line, f"the {model.unique} '{code}' is already used on line {seen[code]}; "
                                           "each must appear once")
                seen[code] = line
                rows.append(Line(line, row))
    except UnicodeDecodeError:
        raise ReferenceFileError(f"{where(path)} is not UTF-8 text; save it as 'CSV UTF-8' and run again.") from None
    except csv.Error as exc:
        raise fail(name, reader.line_num, f"the line cannot be read as CSV ({exc})") from None
    return rows
