"""Drift against the previous analysis (issue 12, item 4).

The fixture (tests/fixture_workbook.py) plays a workbook edited after a first analysis at cutoff A: rows 26-28
were appended later (26 Georgia, 27 Viet Nam, 28 rejected). Counted by hand, the first analysis at A saw Kenya's
8 needs and Viet Nam's 5 (rows 9-12, 25) = 13 needs, 9 of them in chapter II (rows 3 4 5 8 20 24 of Kenya,
9 10 25 of Viet Nam), from 2 States; those are the figures "published" for A below. Today's workbook gives 14
needs and 10 in chapter II at A: row 27 (Viet Nam, summary of 2019-07-15, so before A) was added with an old
date. Row 26 (Georgia, summary 2020-03-03) was added too, but after A: it changes nothing published.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import shutil

import pytest

from conftest import write_workbook
from fixture_workbook import CUTOFF_A, CUTOFF_B, NEEDS, REVIEWS
from uncac_needs import clean, statistics
from uncac_needs.pipeline import changes
from uncac_needs.plumbing import config
from uncac_needs.vocabulary import reference

PUBLISHED_A = {"overview.needs": 13, "by_chapter.II.needs": 9, "overview.states_with_needs": 2}


@pytest.fixture
def published_for_a(tmp_path, monkeypatch):
    folder = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, folder)
    with (folder / "published_figures.csv").open("a", encoding="utf-8", newline="") as fh:
        for key, value in PUBLISHED_A.items():
            csv.writer(fh).writerow([f"fixture-{key}", CUTOFF_A, key, value, "exact", "", "", "000_7350e9b028e5c2ba.txt",
                                     "1", "fixture"])
    monkeypatch.setattr(config, "REFERENCE_DIR", folder)
    reference.clear_caches()
    yield folder
    monkeypatch.undo()
    reference.clear_caches()


def test_change_starts_from_the_published_figures(fixture_result, published_for_a):
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B, CUTOFF_A)
    # at B: 21 needs (test_hand_counted), 12 in chapter II; from the published 13 and 9
    assert stats.change.needs.model_dump() == {"previous": 13, "current": 21, "change": 8, "change_share": 8 / 13}
    assert (stats.change.by_chapter["II"].needs.previous, stats.change.by_chapter["II"].needs.change) == (9, 3)
    assert stats.change.states_with_needs.previous == 2
    assert [(d.key, d.published, d.workbook) for d in stats.drift] == [("overview.needs", 13, 14),
                                                                       ("by_chapter.II.needs", 9, 10)]
    assert json.loads(stats.to_json())["drift"][0] == {"key": "overview.needs", "cutoff": CUTOFF_A,
                                                       "published": 13, "workbook": 14}


def test_no_published_figures_no_drift(fixture_result):
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B, CUTOFF_A)
    assert stats.drift is None and stats.change.needs.previous == 14     # recomputed: 8 + 6 at A
    assert "drift" not in json.loads(stats.to_json())


def _report_folder(path, needs_rows, reviews_rows, cutoff):
    """A report folder as a run leaves it, as far as the changes read it: processed/ and statistics.json."""
    path.mkdir(parents=True, exist_ok=True)
    workbook = write_workbook(path / "workbook.xlsx", {"Executive summaries": reviews_rows, "Needs": needs_rows})
    result = clean.clean_workbook(workbook)
    clean.write_outputs(result, path / "processed")
    (path / "statistics.json").write_text(statistics.compute(result.cleaned, cutoff).to_json(), encoding="utf-8")
    return path


def test_changes_since_the_previous_report(tmp_path):
    # the first analysis: the fixture before rows 26-28 were appended (the last three rows of NEEDS)
    previous = _report_folder(tmp_path / "previous", NEEDS[:-3], REVIEWS, CUTOFF_A)
    # today's workbook: rows 26-28 appended; row 5's description edited; row 20 (No. 18) deleted
    edited = [list(r) for r in NEEDS]
    edited[4][6] = "c, corrected"          # NEEDS[4] is Excel row 5 (NEEDS[0] is row 1), No. 3
    del edited[19]                         # Excel row 20, No. 18
    current = _report_folder(tmp_path / "current", edited, REVIEWS, CUTOFF_B)
    found = changes.changes(previous, current / "processed", None)
    assert found["previous_cutoff"] == CUTOFF_A
    needs = found["needs"]
    assert needs["added"] == ["23", "24"]                       # rows 26 (GEO) and 27 (VNM); 28 is rejected
    assert needs["added_before_previous_cutoff"] == ["24"]      # VNM completed 2019-07-15; GEO only in 2020
    assert needs["removed"] == ["18"]
    assert [(e["id"], e["fields"]) for e in needs["edited"]] == [("3", {"description": {"old": "c", "new": "c, corrected"}})]
    assert found["reviews"]["added"] == [] and found["reviews"]["edited"] == []


def test_find_previous_by_cutoff(tmp_path):
    _report_folder(tmp_path / "2019", NEEDS[:-3], REVIEWS, CUTOFF_A)
    _report_folder(tmp_path / "2020", NEEDS, REVIEWS, CUTOFF_B)
    import datetime as dt
    assert changes.find_previous(dt.date.fromisoformat(CUTOFF_A), tmp_path) == tmp_path / "2019"
    assert changes.find_previous(dt.date(2018, 1, 1), tmp_path) is None
    with pytest.raises(Exception, match="not a report folder"):
        changes.check_previous(tmp_path)


def test_run_refuses_a_previous_report_that_is_none(fixture_workbook, tmp_path, capsys):
    from uncac_needs import cli

    assert cli.main(["run", "--raw", str(fixture_workbook), "--cutoff", CUTOFF_B, "--previous-cutoff", CUTOFF_A,
                     "--previous-report", str(tmp_path), "--out", str(tmp_path / "out"), "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert "not a report folder" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_the_report_says_where_the_workbook_gives_other_figures(fixture_result, fixture_workbook, published_for_a):
    from bs4 import BeautifulSoup
    from uncac_needs import figures, session
    from uncac_needs.report import render

    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B, CUTOFF_A)
    typed = statistics.Statistics.model_validate(json.loads(stats.to_json()))
    sess = session.draft(dt.date.fromisoformat(CUTOFF_B), dt.date.fromisoformat(CUTOFF_A), fixture_workbook, None,
                         ["en"])
    html = render.Report(typed, figures.draw(typed, "en"), sess, "en").document()
    note = BeautifulSoup(html, "html.parser").select_one("p.drift")
    assert "overview.needs: published 13, now 14" in note.get_text(" ", strip=True)
    assert "by_chapter.II.needs: published 9, now 10" in note.get_text(" ", strip=True)
    assert note.find("a")["href"] == "evidence.html#drift"
    zh = BeautifulSoup(render.Report(typed, figures.draw(typed, "zh"), sess, "zh").document(), "html.parser")
    text = zh.select_one("p.drift").get_text()          # the Chinese list in Chinese punctuation, no Latin '; '
    assert "现为14和by_chapter.II.needs" in text and "; " not in text and "现为10。" in text


# ------------------------------------------------------------------------------------------------------
# Annex V of the report: the 2020 session run twice, on a workbook edited between the runs

def _edit_sample(source, target):
    """The sample with, known by construction: a need added (TA-9901) to a State whose executive summary was
    complete before the previous cutoff (2019-08-31), the description of TA-0001 edited, TA-0007 deleted."""
    import openpyxl

    wb = openpyxl.load_workbook(source)
    summaries = wb["Executive summaries"]
    early = next(r[0] for r in summaries.iter_rows(min_row=5, values_only=True)
                 if r[0] and isinstance(r[1], dt.datetime) and r[1].date() < dt.date(2019, 8, 1))
    needs = wb["TA needs"]
    ids = {row[0].value: row[0].row for row in needs.iter_rows(min_row=4)}
    needs.cell(ids["TA-0001"], 7).value = "Risk management training for fraud investigators (corrected)"
    needs.delete_rows(ids["TA-0007"])
    needs.append(["TA-9901", early, "II", "Art. 9", "institution-building", None, "A need keyed in late", "ZZ", None])
    wb.save(target)
    return early


@pytest.mark.slow
def test_the_report_lists_what_changed_since_the_previous_run(tmp_path):
    from bs4 import BeautifulSoup
    from uncac_needs import pipeline, session
    from uncac_needs.vocabulary import i18n

    first_book, second_book = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    shutil.copy2(config.SAMPLE_WORKBOOK, first_book)
    early = _edit_sample(first_book, second_book)
    base = session.load(session.DEFAULT_SESSION)
    first = pipeline.run(base.model_copy(update={"workbook": first_book}), session.DEFAULT_SESSION,
                         tmp_path / "first", pdf=False, previous_report=None)
    second = pipeline.run(base.model_copy(update={"workbook": second_book}), session.DEFAULT_SESSION,
                          tmp_path / "second", pdf=False, previous_report=first)
    for lang in ("en", "zh"):
        soup = BeautifulSoup((second / lang / "report.html").read_text(encoding="utf-8"), "html.parser")
        annex = soup.find(id="annex-V")
        assert annex is not None and annex.find_parent("section", class_="annexes") is not None
        ids = {t: [th.get_text(strip=True) for th in soup.select(f"#{t} tbody th")]
               for t in ("changes-added-before", "changes-edited", "changes-removed")}
        assert ids == {"changes-added-before": ["TA-9901"], "changes-edited": ["TA-0001"],
                       "changes-removed": ["TA-0007"]}, lang
        assert soup.select_one("#changes-edited tbody td:nth-of-type(2)").get_text() == \
            i18n.label(lang, "evidence.description")                        # the field, in the language
        assert soup.select_one("#changes-added-before tbody td").get_text() == session_term(early, lang)
        evidence = BeautifulSoup((second / lang / "evidence.html").read_text(encoding="utf-8"), "html.parser")
        assert evidence.find(id="changes") is not None          # the annex's link to every cell of the rows
    index = BeautifulSoup((second / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in index.find_all("a", href=True)}
    assert {"en/evidence.html", "zh/evidence.html", "evidence.json", "changes.json"} <= links
    assert all((second / href).exists() for href in links if not href.startswith("../"))
    # the annex only where the run had a previous report (the first run's may be found under reports/)
    first_annex = BeautifulSoup((first / "en" / "report.html").read_text(encoding="utf-8"), "html.parser").find(id="annex-V")
    assert (first_annex is not None) == (first / "changes.json").is_file()



def session_term(name: str, lang: str) -> str:
    """The State as the report names it in `lang` (the workbook names it in English)."""
    from uncac_needs.vocabulary import i18n

    return i18n.term("states", reference.states().lookup(name).iso3, lang)
