"""The sentences a damaged workbook ends in, and the reader's errors that call for them."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import python_calamine

from uncac_needs.plumbing.errors import UserError

#: what python-calamine raises on a workbook it cannot read
CALAMINE_ERRORS = (
    python_calamine.CalamineError, python_calamine.ZipError, python_calamine.XmlError,
    python_calamine.PasswordError, python_calamine.WorksheetNotFound, ValueError, OSError,
)


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, at most 200 characters."""
    return " ".join(str(exc).split())[:200]


def damaged(what: Path | str, detail: BaseException | str, again: str = "it") -> UserError:
    """'{what} is damaged and cannot be read ({detail}); save {again} again from Excel.'"""
    if isinstance(detail, BaseException):
        detail = one_line(detail)
    return UserError(f"{what} is damaged and cannot be read ({detail}); save {again} again from Excel.")


@contextmanager
def reading_sheet(sheet_name: str, path: Path) -> Iterator[None]:
    """The reader's errors while a sheet is read, as one sentence naming the sheet and the file."""
    try:
        yield
    except CALAMINE_ERRORS as exc:
        raise damaged(f"Sheet '{sheet_name}' of {path.name}", exc, "the workbook") from None
