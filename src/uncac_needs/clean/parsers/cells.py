"""What every reader shares: a reading (`Parsed`), a refusal (`Unreadable`), and how a cell's value is shown."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from uncac_needs.clean.reasons import Reason, because


class Unreadable(ValueError):
    """A cell that cannot be read, and why (`reason`: its rule and the template's fields)."""

    def __init__(self, reason: Reason):
        super().__init__(reason)
        self.reason = reason

    @property
    def rule(self) -> str:
        return self.reason.rule

    def __str__(self) -> str:
        return self.reason.text()


@dataclass(frozen=True)
class Parsed:
    """A cell's value as read, and, when the cell was not already in canonical form, how it was read."""

    value: Any
    reason: Reason | None = None    # None: the cell was already in canonical form

    @property
    def note(self) -> str | None:
        """How the cell was read, in the log's words (None: as written)."""
        return None if self.reason is None else self.reason.text()

    @property
    def rule(self) -> str:
        return "" if self.reason is None else self.reason.rule


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def tidy(text: str) -> str:
    """Surrounding spaces removed, inner runs of white space (including no-break spaces) made one."""
    return " ".join(text.split())


def show(value: Any) -> str:
    """A cell's value as the log shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def spaced(raw: Any, parsed: Parsed) -> Parsed:
    """A reading otherwise as written, of a text with extra spaces: noted as such."""
    if parsed.reason is None and isinstance(raw, str) and raw != tidy(raw):
        return Parsed(parsed.value, because("spaces"))
    return parsed
