"""Reading the cells of a row: each distinct value of a column parsed once, and what the reading found."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from uncac_needs.clean.ledger import Finding
from uncac_needs.clean.parsers import Parsed, Unreadable, is_blank, show
from uncac_needs.clean.reasons import Reason, because
from uncac_needs.ingest.specials import Special


class Reader:
    """A column's reader, remembering each distinct value it has read (by type too: 1, 1.0 and True differ)."""

    __slots__ = ("parse", "seen")

    def __init__(self, parse: Callable[[Any], Parsed]):
        self.parse = parse
        self.seen: dict[tuple[type, Any], Parsed | Unreadable] = {}

    def __call__(self, raw: Any) -> Parsed | Unreadable:
        key = (raw.__class__, raw)
        result = self.seen.get(key)
        if result is None:
            try:
                result = self.parse(raw)
            except Unreadable as exc:
                result = exc
            self.seen[key] = result
        return result


def special(raw: Special) -> Finding:
    """A cell holding an Excel error or a formula never computed: rejected, saying which."""
    if raw.kind == "error":
        return Finding("", "rejected", because("cell_error", error=str(raw)))
    return Finding("", "rejected", because("formula_not_computed", formula=str(raw)))


def read(column: str, raw: Any, reader: Reader, findings: list[Finding]) -> Parsed | None:
    """One cell read: its reading, or None (and a rejection found) if it cannot be read; a reading that
    changed the cell is found as a correction."""
    if isinstance(raw, Special):
        findings.append(Finding(column, "rejected", special(raw).why))
        return None
    result = reader(raw)
    if isinstance(result, Unreadable):
        findings.append(Finding(column, "rejected", result.reason))
        return None
    if result.reason is not None:
        findings.append(Finding(column, "corrected", result.reason))
    return result


def filled(raw: Any) -> bool:
    return raw is not None and not (raw.__class__ is str and not raw.strip())


def is_record(key_cells: Sequence[Any], cells: list[Any], states: Reader) -> bool:
    """False for notes and headings typed into the table: nothing in the key columns (`key_cells`, the State's
    first), or one lone cell in the State column that names no State (a sentence such as 'Source: ...')."""
    present = [i for i, raw in enumerate(key_cells) if filled(raw)]
    if len(present) != 1:
        return bool(present)
    if present[0] != 0 or sum(1 for c in cells if not is_blank(c)) > 1:
        return True
    raw = key_cells[0]
    return isinstance(raw, Special) or not isinstance(states(raw), Unreadable)  # an error: say so, not 'a note'


def not_a_record(why: Reason, cells: list[Any]) -> Finding:
    """The one finding of a row that is no record: what it holds, shown."""
    return Finding("", "rejected", why, " | ".join(show(c) for c in cells if not is_blank(c))[:200])
