"""The mapping file: a person's own names for the sheets, the columns and the header row of a workbook laid
out otherwise than the contract expects (`uncac-needs clean --mapping MAP.yaml`)."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, PositiveInt, ValidationError

from uncac_needs.ingest.contract import Role, contract
from uncac_needs.plumbing import yamlfile
from uncac_needs.plumbing.errors import UserError


class Mapping(BaseModel):
    """A user's names for sheets and columns, added to the contract's aliases (tried first)."""

    model_config = ConfigDict(extra="forbid")
    sheets: dict[Role, str] = {}
    columns: dict[Role, dict[str, str | list[str]]] = {}
    header_row: dict[Role, PositiveInt] = {}

    def column_names(self, role: str, column: str) -> list[str]:
        names = self.columns.get(role, {}).get(column, [])
        return [names] if isinstance(names, str) else list(names)


def load_mapping(path: Path | str | None) -> Mapping:
    """The mapping file at `path`; none (None, or the empty text of a notebook parameter) is the default layout."""
    if path is None or path == "":
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
    sheets = contract().sheets
    for role, cols in mapping.columns.items():
        for col in cols:
            if col not in sheets[role].columns:
                known = ", ".join(sheets[role].columns)
                raise UserError(f"The mapping file {path} names an unknown column '{col}' for the {role} sheet "
                                f"(known columns: {known}).")
    return mapping
