"""The evidence of the sample workbook against the figures the published notes state (issue 10, speed).

statistics/evidence_sets.py takes the sets as positions over plain arrays of the selection (no DataFrame per
figure). The sample is calibrated so that at each published cutoff it gives every figure the notes state
exactly: each such count must be the number of ids the evidence gives (a States figure: the number of its
States). The expected numbers are the notes' own, read here from data/reference/published_figures.csv with
the csv module, not through the project's code.
"""
from __future__ import annotations

import csv

import pytest

from uncac_needs.plumbing import config
from uncac_needs.statistics import evidence

PREVIOUS = {"2019-08-31": None, "2020-09-30": "2019-08-31", "2021-05-31": "2020-09-30"}


def _published() -> list[tuple[str, str, int]]:
    with open(config.REFERENCE_DIR / "published_figures.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    counted = ("needs", "states", "states_completed", "states_with_needs", "by_chapter.II", "by_chapter.V")
    return [(r["cutoff"], r["key"], int(r["published"])) for r in rows
            if r["comparison"] == "exact" and r["published"].isdigit() and not r["key"].startswith("change.")
            and not r["key"].endswith(".rank") and any(r["key"].endswith(c) for c in counted)]


PUBLISHED = _published()


def test_the_published_counts_are_many():
    assert len(PUBLISHED) >= 30          # the three notes state dozens of counts


@pytest.fixture(scope="module")
def sample_evidence(sample_result):
    source = evidence.Source.from_result(sample_result)
    return {cutoff: evidence.collect(source, cutoff, previous) for cutoff, previous in PREVIOUS.items()}


@pytest.mark.parametrize("cutoff,key,published", PUBLISHED, ids=[f"{c}:{k}" for c, k, _ in PUBLISHED])
def test_each_published_count_is_the_number_of_its_rows(sample_evidence, cutoff, key, published):
    ev = sample_evidence[cutoff]
    found = ev.states[key] if evidence.is_states(key) else ev.figures[key]
    assert len(found) == published


def test_the_2020_note_in_rows(sample_evidence):
    """The 2020 note: 404 needs from 30 States, 44 States with a completed summary (its summary); 260 needs
    under chapter II from 23 States (its paragraphs 6 and 14); 177 needs of capacity-building (paragraph 7)."""
    ev = sample_evidence["2020-09-30"]
    assert (len(ev.figures["overview.needs"]), len(ev.states["overview.states_with_needs"])) == (404, 30)
    assert len(ev.states["overview.states_completed"]) == 44
    assert (len(ev.figures["by_chapter.II.needs"]), len(ev.states["by_chapter.II.states"])) == (260, 23)
    assert len(ev.figures["by_category.capacity_building.needs"]) == 177


def test_ids_are_in_natural_order_and_unique(sample_evidence):
    for ev in sample_evidence.values():
        for key, ids in ev.figures.items():
            if key.startswith("cleaning."):
                continue
            assert len(set(ids)) == len(ids), key
            assert ids == sorted(ids, key=evidence.natural), key
