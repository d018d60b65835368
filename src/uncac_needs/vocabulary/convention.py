"""Facts of the Convention that no workbook holds: how many States are parties to it on a date.

Their one home is data/reference/states_parties.csv: a row per date from which a count of States parties
holds (`as_at`, `states_parties`, and the published document and paragraph that state it). Read and checked
when loaded (dates in order, counts positive); a mistake raises ReferenceFileError naming the file and
line. A narrative names the count that holds at its session's cutoff as `convention.states_parties`
(docs/narrative.md): the latest row on or before the cutoff; before the first row there is none, and the
name is unknown. Add a row, with its source, when the count changes.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import AfterValidator

from uncac_needs.vocabulary.rows import Text, WholeNumber, _iso_date, _Row
from uncac_needs.vocabulary.tablefile import fail, read_table

FILE = "states_parties.csv"


class StatesParties(_Row):
    """The number of States parties to the Convention from a date on, as a published document states it."""

    unique: ClassVar[str] = "as_at"

    as_at: Annotated[Text, AfterValidator(_iso_date)]
    states_parties: WholeNumber
    source: Text
    paragraph: Text
    statement: Text


def states_parties_table() -> tuple[StatesParties, ...]:
    """The rows of states_parties.csv, checked: counts above zero, dates in increasing order."""
    rows = read_table(FILE, StatesParties)
    last = ""
    for line, row in rows:
        if row.states_parties <= 0:
            raise fail(FILE, line, f"the column 'states_parties' holds {row.states_parties}; a count of States "
                                   "parties is above zero")
        if row.as_at <= last:
            raise fail(FILE, line, f"the column 'as_at' holds {row.as_at}, not after the row above ({last}); "
                                   "write the rows in the order of their dates")
        last = row.as_at
    return tuple(row for _, row in rows)


def facts(cutoff: dt.date) -> dict[str, int]:
    """The facts a narrative names under `convention` at `cutoff`: {'states_parties': n} from the latest
    row on or before the cutoff, or nothing before the first row."""
    held = [row for row in states_parties_table() if row.as_at <= cutoff.isoformat()]
    return {"states_parties": held[-1].states_parties} if held else {}
