"""`uncac-needs diff OLD.xlsx NEW.xlsx` (issue 12, item 3): two hand-made versions of a workbook, whose
differences are known because they were made by hand (below), compared with and without need ids; the
sample workbook against a copy edited cell by cell; the command's exit codes and refusals."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import write_workbook
from uncac_needs import cli
from uncac_needs.pipeline import diff
from uncac_needs.plumbing import config

CB = "capacity-building"
HEAD = ["No.", "Country", "Chapter", "Article", "Category", "Subcategory", "Description"]
# the old version: Excel rows 3-5 of the reviews, 3-6 of the needs (row 1 a title, row 2 the headings)
REVIEWS_OLD = [["Reviews"], ["State", "Date completed"],
               ["Kenya", dt.date(2019, 5, 10)],        # 3
               ["Viet Nam", dt.date(2019, 7, 15)],     # 4
               ["Ecuador", dt.date(2020, 1, 20)]]      # 5
NEEDS_OLD = [["Needs"], HEAD,
             [1, "Kenya", "II", 5, CB, "training", "a"],             # 3
             [2, "Kenya", "V", 52, CB, "training", "b"],             # 4
             [3, "Viet Nam", "II", 7, "policymaking", None, "c"],    # 5
             [4, "Ecuador", "II", 5, "other", None, "d"]]            # 6
# the new version, by hand: Viet Nam renamed 'Vietnam' (the same State: no change) and moved above Kenya,
# Kenya's date corrected, Ecuador's review removed, Georgia's added; needs 1 and 2 swapped (need 1 moved),
# need 3's category edited, need 4 (Ecuador) removed, need 5 (Georgia) added
REVIEWS_NEW = [["Reviews"], ["State", "Date completed"],
               ["Vietnam", dt.date(2019, 7, 15)],      # 3
               ["Kenya", dt.date(2019, 5, 11)],        # 4
               ["Georgia", dt.date(2020, 3, 3)]]       # 5
NEEDS_NEW = [["Needs"], HEAD,
             [2, "Kenya", "V", 52, CB, "training", "b"],                       # 3
             [1, "Kenya", "II", 5, CB, "training", "a"],                       # 4
             [3, "Vietnam", "II", 7, "legislative assistance", None, "c"],     # 5
             [5, "Georgia", "V", 51, "other", None, "e"]]                      # 6

REVIEWS_EXPECTED = {"added": ["GEO"], "removed": ["ECU"],
                    "changed": [{"id": "KEN", "fields": {"summary_date": {"old": "2019-05-10", "new": "2019-05-11"}},
                                 "old_row": 3, "new_row": 4}]}


def _without_ids(rows):
    return [r[1:] if i else r for i, r in enumerate(rows)]


@pytest.fixture(scope="module")
def sample_path():
    return config.SAMPLE_WORKBOOK


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff")
    made = {}
    for name, needs_old, needs_new in (("ids", NEEDS_OLD, NEEDS_NEW),
                                       ("no_ids", _without_ids(NEEDS_OLD), _without_ids(NEEDS_NEW))):
        made[name] = (write_workbook(folder / f"{name}-old.xlsx", {"Executive summaries": REVIEWS_OLD, "Needs": needs_old}),
                      write_workbook(folder / f"{name}-new.xlsx", {"Executive summaries": REVIEWS_NEW, "Needs": needs_new}))
    return made


def test_matched_by_need_id(versions):
    d = diff.diff(*versions["ids"]).as_dict()
    assert d["added"] == ["5"] and d["removed"] == ["4"]
    assert d["changed"] == [{"id": "3", "fields": {"category": {"old": "policymaking", "new": "legislative_assistance"}},
                             "old_row": 5, "new_row": 5}]
    assert d["moved"] == [{"id": "1", "old_row": 3, "new_row": 4}]      # 1 and 2 swapped: one of them moved
    assert d["matched"] == {"by_id": 3, "by_content": 0, "by_similarity": 0}
    assert d["unmatched"] == {"old": 0, "new": 0}
    assert d["rows"]["added"]["5"]["state"] == "GEO" and d["rows"]["removed"]["4"]["state"] == "ECU"
    assert {k: d["reviews"][k] for k in REVIEWS_EXPECTED} == REVIEWS_EXPECTED


def test_matched_by_content_without_ids(versions):
    d = diff.diff(*versions["no_ids"]).as_dict()
    # rows 3 and 4 swapped: matched by content; row 5 edited: matched by similarity (daff), same State;
    # row 6 (Ecuador's 'd') and row 6 (Georgia's 'e') have nothing but the category in common: not matched
    assert d["matched"] == {"by_id": 0, "by_content": 2, "by_similarity": 1}
    assert d["unmatched"] == {"old": 1, "new": 1}
    assert d["added"] == ["Needs!6"] and d["removed"] == ["Needs!6"]
    assert d["rows"]["removed"]["Needs!6"]["description"] == "d" and d["rows"]["added"]["Needs!6"]["description"] == "e"
    assert d["changed"] == [{"id": "Needs!5", "fields": {"category": {"old": "policymaking",
                                                                      "new": "legislative_assistance"}},
                             "old_row": 5, "new_row": 5}]
    assert d["moved"] == [{"id": "Needs!4", "old_row": 3, "new_row": 4}]


def test_same_workbook_no_difference(sample_path):
    d = diff.diff(sample_path, sample_path)
    assert not (d.needs.added or d.needs.removed or d.needs.changed or d.needs.moved)
    assert not (d.reviews.added or d.reviews.removed or d.reviews.changed)


def test_two_versions_of_the_sample(sample_path, tmp_path):
    """The sample edited by hand with openpyxl: one need's category changed, one need deleted, one added,
    one State's date changed. Deleting a row shifts the rows below it: that is no move."""
    from openpyxl import load_workbook

    wb = load_workbook(sample_path)
    ws = wb["TA needs"]
    rows = {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1)}
    ws.cell(rows["TA-0003"], 5).value = "other"                # was 'legislative assistance'
    ws.delete_rows(rows["TA-0010"])
    ws.append(["TA-9999", "Guatemala", "II", 5, "other", None, "a need added by hand", "ZZ"])
    summaries = wb["Executive summaries"]
    row = next(r for r in range(1, summaries.max_row + 1) if summaries.cell(r, 1).value == "Finland")
    summaries.cell(row, 2).value = dt.date(2017, 1, 2)
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    d = diff.diff(sample_path, edited).as_dict()
    assert d["added"] == ["TA-9999"] and d["removed"] == ["TA-0010"]
    assert [(c["id"], c["fields"]) for c in d["changed"]] == [
        ("TA-0003", {"category": {"old": "legislative_assistance", "new": "other"}})]
    assert d["moved"] == []
    assert [(c["id"], list(c["fields"])) for c in d["reviews"]["changed"]] == [("FIN", ["summary_date"])]
    assert d["reviews"]["changed"][0]["fields"]["summary_date"]["new"] == "2017-01-02"


def test_command_writes_json_xlsx_and_a_summary(versions, tmp_path, capsys):
    from openpyxl import load_workbook

    old, new = versions["ids"]
    assert cli.main(["diff", str(old), str(new), "--json", str(tmp_path / "d.json"),
                     "--xlsx", str(tmp_path / "d.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "Needs: 1 added, 1 removed, 1 changed, 1 moved" in out
    assert "~ 3: category 'policymaking' -> 'legislative_assistance'" in out
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert set(data) >= {"added", "removed", "changed", "reviews"} and data["reviews"]["added"] == ["GEO"]
    lines = list(load_workbook(tmp_path / "d.xlsx", read_only=True)["changes"].iter_rows(min_row=3, values_only=True))
    assert ("needs", "changed", "3", "category", "policymaking", "legislative_assistance", 5, 5) in lines
    assert ("needs", "removed", "4", None, None, None, 6, None) in lines
    assert ("reviews", "added", "GEO", None, None, None, None, 5) in lines


@pytest.mark.parametrize("option", ["--json", "--xlsx"])
def test_command_refuses_to_write_over_an_input(versions, option, capsys):
    old, new = versions["ids"]
    before = new.read_bytes()
    assert cli.main(["diff", str(old), str(new), option, str(new)]) == 2
    err = capsys.readouterr().err
    assert "one of this command's inputs" in err and "Traceback" not in err and err.count("\n") == 1
    assert new.read_bytes() == before


def test_command_missing_workbook(versions, tmp_path, capsys):
    assert cli.main(["diff", str(versions["ids"][0]), str(tmp_path / "none.xlsx")]) == 2
    assert "Traceback" not in capsys.readouterr().err
