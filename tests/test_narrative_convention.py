"""`convention.states_parties` (docs/narrative.md): the number of States parties to the Convention, a fact
no workbook holds, read from data/reference/states_parties.csv and named in a narrative at its session's
cutoff. The expected count is the one the 2020 note states (seed 000, summary: 187个《公约》缔约国)."""
from __future__ import annotations

import datetime as dt

import pytest

from uncac_needs.report import names, narrative
from uncac_needs.vocabulary import convention, reference

def render(template: str, lang: str, cutoff: dt.date) -> str:
    figures = names.figures({}, cutoff, None)
    return narrative.environment(lang).from_string(template).render(**figures)


def test_the_2020_note_counts_187_states_parties(seeds_dir):
    assert "187个《公约》缔约国" in (seeds_dir / "000_7350e9b028e5c2ba.txt").read_text(encoding="utf-8")


def test_the_count_at_the_2020_cutoff_is_the_notes():
    assert convention.facts(dt.date(2020, 9, 30)) == {"states_parties": 187}


@pytest.mark.parametrize("lang, text", [("en", "one quarter of the 187 States parties"),
                                        ("zh", "187个缔约国的四分之一")])
def test_a_narrative_names_it(lang, text):
    template = {"en": "one quarter of the {{ convention.states_parties|noun('State party') }}",
                "zh": "{{ convention.states_parties|noun('State party') }}的四分之一"}[lang]
    assert render(template, lang, dt.date(2021, 5, 31)) == text


def test_before_the_first_row_the_name_is_unknown():
    with pytest.raises(names.UnknownName, match="convention.states_parties"):
        render("{{ convention.states_parties }}", "en", dt.date(2019, 8, 31))


ROW = "2020-09-30,187,"


@pytest.mark.parametrize("rows, words", [
    ([ROW.replace("187", "0")], "line 2: the column 'states_parties' holds 0"),
    ([ROW.replace("187", "many")], "line 2: the column 'states_parties' holds 'many', which is not a whole number"),
    ([ROW.replace("2020-09-30", "30/09/2020")], "line 2: the column 'as_at' holds '30/09/2020'"),
    ([ROW, "2019-08-31,186,000_7350e9b028e5c2ba.txt,summary,earlier"], "line 3: the column 'as_at' holds 2019-08-31"),
])
def test_the_table_is_checked_when_read(reference_copy, rows, words):
    path = reference_copy / convention.FILE
    header, first = path.read_text(encoding="utf-8").splitlines()[:2]
    first = rows[0] + first[len(ROW):]
    path.write_text("\n".join([header, first, *rows[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(reference.ReferenceFileError, match=rf"states_parties.csv, {words}"):
        convention.states_parties_table()
