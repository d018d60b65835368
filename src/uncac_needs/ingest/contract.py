"""The needs workbook contract (data/reference/workbook.yaml), validated when it is read.

The contract names the two sheets and their columns (with the names people give them), where the header row
is looked for, and the bounds a workbook must stay within before the Excel reader opens it. A contract that
does not have this shape stops the run with one sentence naming the file and the key, never a KeyError deep
inside the reader.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PositiveInt, ValidationError, model_validator

from uncac_needs.plumbing import config, yamlfile
from uncac_needs.vocabulary import reference   # ReferenceFileError: a mistake in a reference file

Role = Literal["reviews", "needs"]
ROLES: tuple[Role, ...] = ("reviews", "needs")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(_Strict):
    """One column of a sheet: whether a sheet without it is refused, and the names it goes by."""

    required: bool
    aliases: list[str] = Field(min_length=1)


class SheetContract(_Strict):
    """One sheet: the names it goes by, its columns, and the columns of which at least one must be present."""

    aliases: list[str] = Field(min_length=1)
    columns: dict[str, Column] = Field(min_length=1)
    one_of: list[str] = []

    @model_validator(mode="after")
    def _one_of_names_columns(self) -> SheetContract:
        unknown = [c for c in self.one_of if c not in self.columns]
        if unknown:
            raise ValueError(f"one_of names {', '.join(unknown)}, which is not one of its columns")
        return self


class Bounds(_Strict):
    """What a workbook may unpack to, checked part by part before the Excel reader opens it."""

    max_parts: PositiveInt
    max_unpacked_bytes: PositiveInt
    max_member_bytes: PositiveInt
    max_small_part_bytes: PositiveInt
    max_compression_ratio: PositiveInt
    ratio_free_bytes: PositiveInt
    max_shared_strings: PositiveInt
    max_sheet_cells: PositiveInt
    max_cell_text_bytes: PositiveInt


class WorkbookContract(Bounds):
    """data/reference/workbook.yaml as a whole: the bounds, the header search and the two sheets."""

    header_search_rows: PositiveInt
    header_min_known: PositiveInt
    earliest_summary_date: dt.date
    max_need_rows: PositiveInt
    sheets: dict[Role, SheetContract]

    @model_validator(mode="after")
    def _both_sheets(self) -> WorkbookContract:
        missing = [role for role in ROLES if role not in self.sheets]
        if missing:
            raise ValueError(f"sheets has no {' and no '.join(missing)} sheet")
        return self

    def bounds(self) -> Bounds:
        return Bounds(**{key: getattr(self, key) for key in Bounds.model_fields})


def _where(path: Path) -> str:
    try:
        return str(path.relative_to(config.PROJ_ROOT))
    except ValueError:
        return str(path)


def load_contract(path: Path) -> WorkbookContract:
    """The contract in `path`, validated; a ReferenceFileError (one sentence, file and key named) otherwise."""
    data = yamlfile.load(path, "The workbook contract")
    try:
        return WorkbookContract.model_validate(data if data is not None else {})
    except ValidationError as exc:
        raise reference.ReferenceFileError(f"{_where(path)} {_problem(exc)}; correct the file and run again.") from None


def _problem(exc: ValidationError) -> str:
    """What is wrong, and where: an unknown key first (a misspelt key is also a missing one)."""
    errors = sorted(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    err = errors[0]
    key = ".".join(str(p) for p in err["loc"] if p != "[key]")
    if not key:
        return "is not a mapping of keys to values"
    if err["type"] == "extra_forbidden":
        return f"has a key '{key}' that the contract does not know"
    if err["type"] == "missing":
        return f"has no key '{key}'"
    message = err["msg"][0].lower() + err["msg"][1:].rstrip(".")
    return f"has a problem at '{key}': {message.removeprefix('value error, ')}"


def contract() -> WorkbookContract:
    """The contract in config.REFERENCE_DIR (data/reference/workbook.yaml), read once, and again if the file
    changes or REFERENCE_DIR is pointed elsewhere (as tests do)."""
    path = config.REFERENCE_DIR / "workbook.yaml"
    try:
        stat = path.stat()
        version = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        version = None                           # load_contract says what is wrong with the file
    return _read(path, version)


@lru_cache(maxsize=4)
def _read(path: Path, version: tuple[int, int] | None) -> WorkbookContract:
    return load_contract(path)
