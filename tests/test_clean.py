"""Cleaning the hand-made fixture workbook: every row accounted for, as counted by hand."""
import csv
import re
import datetime as dt

import pandas as pd
import pytest

from conftest import write_workbook
from uncac_needs import cli, clean


def log_rows(result, sheet):
    return {(e.row, e.action, e.rule) for e in result.log if e.sheet == sheet}


def test_header_rows_found_below_titles(fixture_result):
    assert fixture_result.summary["reviews"].header_row == 3
    assert fixture_result.summary["needs"].header_row == 2


def test_row_accounting_reviews(fixture_result):
    s = fixture_result.summary["reviews"]
    # rows 4-10 hold something; Vietnam (row 9) repeats Viet Nam (row 5) with the same date
    assert (s.rows_read, s.rows_kept, s.rows_corrected, s.duplicates, s.rows_rejected) == (7, 6, 2, 1, 0)
    assert log_rows(fixture_result, "Executive summaries") == {
        (5, "corrected", "date_as_text"), (6, "corrected", "region_spelling"), (9, "duplicate", "duplicate")}


def test_row_accounting_needs(fixture_result):
    s = fixture_result.summary["needs"]
    # rows 3-28: 26 read; row 21 repeats row 3; rows 22 and 28 cite articles of both chapters with no chapter,
    # row 23 names no State party
    assert (s.rows_read, s.rows_kept, s.duplicates, s.rows_rejected) == (26, 22, 1, 3)
    # corrected: 5 (ICT tools), 9 (7/8, policymaking), 10 (awareness-raising), 14 (good practices), 25 (two
    # spellings), 26 ('52/14'), 27 ('第五十二条和第十四条')
    assert s.rows_corrected == 7
    entries = log_rows(fixture_result, "Needs")
    assert (21, "duplicate", "duplicate") in entries
    assert (22, "rejected", "articles_span_chapters") in entries
    assert (23, "rejected", "state_unknown") in entries
    assert (28, "rejected", "articles_span_chapters") in entries
    corrected_rows = {row for row, action, _ in entries if action == "corrected"}
    assert corrected_rows == {5, 9, 10, 14, 25, 26, 27}


def test_log_lines_say_where_and_why(fixture_result):
    dup = next(e for e in fixture_result.log if e.action == "duplicate" and e.sheet == "Needs")
    assert dup.row == 21 and "row 3" in dup.reason
    span = next(e for e in fixture_result.log if e.rule == "articles_span_chapters")
    assert (span.column, span.value) == ("Article", "52/14")
    assert "fill in the row's chapter" in span.reason
    vn = next(e for e in fixture_result.log if e.action == "duplicate" and e.sheet == "Executive summaries")
    assert "row 5" in vn.reason


def test_cleaned_tables(fixture_result):
    reviews, needs = fixture_result.reviews, fixture_result.needs
    assert list(reviews["state"]) == ["KEN", "VNM", "ECU", "GEO", "AUT", "GHA"]
    assert reviews.set_index("state").loc["VNM", "summary_date"] == pd.Timestamp("2019-07-15")
    assert reviews.set_index("state").loc["ECU", "regional_group"] == "latin_american_caribbean"
    assert len(needs) == 22
    by_row = needs.set_index("sheet_row")
    assert by_row.loc[4, "articles"] == "5;6" and by_row.loc[4, "chapter"] == "II"
    assert by_row.loc[7, "articles"] == "" and by_row.loc[7, "chapter"] == "V"
    assert by_row.loc[9, "category"] == "policymaking"
    assert by_row.loc[25, "subcategory"] == "training"
    assert pd.isna(by_row.loc[13, "subcategory"])
    assert by_row.loc[3, "need_id"] == "1"
    # one row per (need, article): 2 for row 4, none for the general needs
    arts = fixture_result.need_articles
    assert sorted(arts.loc[arts["need_key"] == 4, "article"]) == [5, 6]
    assert (arts["need_key"] == 7).sum() == 0


def test_needs_citing_both_chapters(fixture_result):
    """input-workbook.md, counting rules: '52/14' is kept under the chapter its chapter cell names (row 26: V,
    row 27: II), with both articles; without a chapter cell (rows 22, 28) it is rejected, and the log says to
    fill in the chapter, in the Article column where the keeper reads the articles."""
    by_row = fixture_result.needs.set_index("sheet_row")
    assert (by_row.loc[26, "state"], by_row.loc[26, "chapter"], by_row.loc[26, "articles"]) == ("GEO", "V", "14;52")
    assert (by_row.loc[27, "state"], by_row.loc[27, "chapter"], by_row.loc[27, "articles"]) == ("VNM", "II", "14;52")
    arts = fixture_result.need_articles
    for key in by_row.loc[[26, 27], "need_key"]:
        assert sorted(arts.loc[arts["need_key"] == key, "article"]) == [14, 52]
    assert 22 not in by_row.index and 28 not in by_row.index
    rejected = {e.row: e for e in fixture_result.log if e.rule == "articles_span_chapters"}
    assert set(rejected) == {22, 28}
    assert (rejected[28].column, rejected[28].value, rejected[28].action) == ("Article", "arts. 52 and 14", "rejected")
    assert "fill in the row's chapter" in rejected[28].reason
    # the kept rows are noted for their article forms only
    notes = {(e.row, e.rule) for e in fixture_result.log if e.row in (26, 27) and e.sheet == "Needs"}
    assert notes == {(26, "article_form"), (27, "article_form")}


def test_a_code_typed_in_a_cell_is_logged_as_a_spelling(fixture_result):
    """Only the English and Chinese names of data/reference are canonical: row 9's category 'policymaking' (the
    category's code) is read, and logged like any other spelling."""
    line = next(e for e in fixture_result.log if e.row == 9 and e.rule == "category_spelling")
    assert (line.column, line.value, line.action) == ("Category", "policymaking", "corrected")
    assert line.reason == "read 'policymaking' as policymaking (policy advice)"


def test_outputs_written(fixture_result, tmp_path):
    paths = clean.write_outputs(fixture_result, tmp_path)
    needs = pd.read_parquet(paths["needs"])
    assert len(needs) == 22 and str(needs["sheet_row"].dtype) == "int64"
    with paths["log"].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["sheet", "row", "column", "value", "action", "rule", "reason"]
    assert len(rows) == len(fixture_result.log)


def test_clean_command_prints_summary(fixture_workbook, tmp_path, capsys):
    assert cli.main(["clean", "--raw", str(fixture_workbook), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Executive summaries (reviews)" in out and "Needs (needs)" in out
    assert "articles of both chapters, no chapter given" in out
    assert (tmp_path / "cleaning_log.csv").is_file()


# --------------------------------------------------------------------------- rules, one by one

REVIEWS = [["State", "Date completed"], ["Kenya", dt.date(2020, 1, 1)], ["Ghana", dt.date(2020, 2, 1)]]


def clean_rows(tmp_path, reviews=REVIEWS, needs=None, **kw):
    needs = needs or [["State", "Chapter", "Article", "Category"], ["Kenya", "II", 5, "other"]]
    return clean.clean_workbook(write_workbook(tmp_path / "w.xlsx", {"reviews": reviews, "needs": needs}), **kw)


def test_state_listed_twice_with_another_date(tmp_path):
    reviews = REVIEWS + [["kenya", dt.date(2020, 5, 5)]]
    result = clean_rows(tmp_path, reviews)
    entry = next(e for e in result.log if e.rule == "state_listed_twice")
    assert entry.row == 4 and "row 2" in entry.reason
    assert result.reviews.set_index("state").loc["KEN", "summary_date"] == pd.Timestamp("2020-01-01")


def test_need_of_state_without_summary_is_rejected(tmp_path):
    needs = [["State", "Article", "Category"], ["Kenya", 5, "other"], ["Nigeria", 5, "other"]]
    result = clean_rows(tmp_path, needs=needs)
    assert [e.rule for e in result.log] == ["state_without_summary"]
    assert len(result.needs) == 1


def test_region_in_the_sheet_wins_and_is_noted(tmp_path):
    reviews = [["State", "Date", "Region"], ["Türkiye", dt.date(2020, 1, 1), "Asia-Pacific Group"],
               ["Kenya", dt.date(2020, 1, 1), "Bermuda Triangle"]]
    result = clean_rows(tmp_path, reviews)
    groups = result.reviews.set_index("state")["regional_group"]
    assert groups["TUR"] == "asia_pacific" and groups["KEN"] == "african"
    assert {e.rule for e in result.log} == {"region_differs", "region_unknown"}
    s = result.summary["reviews"]
    assert (s.rows_kept, s.rows_corrected) == (2, 1)   # the noted difference is not a correction


def test_subcategory_only_for_capacity_building(tmp_path):
    needs = [["State", "Article", "Category", "Subcategory"], ["Kenya", 5, "other", "training"],
             ["Kenya", 6, "capacity-building", "mentoring"]]
    result = clean_rows(tmp_path, needs=needs)
    assert {e.rule for e in result.log} == {"subcategory_not_applicable", "subcategory_unknown"}
    assert result.needs["subcategory"].isna().all()


def test_duplicates_compare_normalised_values(tmp_path):
    needs = [["State", "Chapter", "Article", "Category", "Description"],
             ["Kenya", "II", 5, "other", "Training  for judges"],
             ["KENYA ", "Chapter II", "Art. 5", "Others", "training for judges"],
             ["Kenya", "II", 5, "other", "Training for prosecutors"]]
    result = clean_rows(tmp_path, needs=needs)
    assert result.summary["needs"].duplicates == 1 and len(result.needs) == 2


def test_other_columns_are_carried_through(tmp_path):
    needs = [["State", "Article", "Category", "Priority"], ["Kenya", 5, "other", "high"]]
    result = clean_rows(tmp_path, needs=needs)
    assert result.needs.loc[0, "extra: Priority"] == "high"


def test_notes_below_the_table(tmp_path):
    needs = [["State", "Article", "Category"], ["Kenya", 5, "other"], [], ["Source: compiled by the secretariat"]]
    result = clean_rows(tmp_path, needs=needs)
    s = result.summary["needs"]
    assert (s.rows_read, s.rows_kept, s.rows_rejected) == (2, 1, 1)
    assert result.log[0].rule == "not_a_record" and result.log[0].row == 4


def test_early_dates_are_rejected(tmp_path):
    reviews = REVIEWS + [["Nigeria", dt.date(2005, 1, 1)]]
    result = clean_rows(tmp_path, reviews)
    assert [e.rule for e in result.log] == ["date_too_early"]


def test_mapping_file_for_another_layout(tmp_path):
    reviews = [["Member", "ES adopted"], ["Kenya", dt.date(2020, 1, 1)]]
    needs = [["Member", "Provision", "Kind of help"], ["Kenya", "5", "other"]]
    path = write_workbook(tmp_path / "other.xlsx", {"Countries": reviews, "Help": needs})
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "sheets:\n  reviews: Countries\n  needs: Help\n"
        "columns:\n  reviews:\n    state: Member\n    summary_date: ES adopted\n"
        "  needs:\n    state: Member\n    article: Provision\n    category: [Kind of help, Type]\n",
        encoding="utf-8")
    result = clean.clean_workbook(path, mapping)
    assert len(result.needs) == 1 and result.needs.loc[0, "chapter"] == "II"


def test_header_row_named_in_mapping(tmp_path):
    needs = [["Kenya", 5, "other"], ["State", "Article", "Category"], ["Kenya", 6, "other"]]
    path = write_workbook(tmp_path / "w.xlsx", {"reviews": REVIEWS, "needs": needs})
    mapping = tmp_path / "map.yaml"
    mapping.write_text("header_row:\n  needs: 2\n", encoding="utf-8")
    result = clean.clean_workbook(path, mapping)
    assert list(result.needs["articles"]) == ["6"]


@pytest.mark.parametrize("cell, articles", [("第五十二条", "52"), ("arts. 5 and 6", "5;6"), ("5-7", "5;6;7")])
def test_articles_in_every_form_reach_the_tables(tmp_path, cell, articles):
    needs = [["State", "Article", "Category"], ["Kenya", cell, "other"]]
    assert clean_rows(tmp_path, needs=needs).needs.loc[0, "articles"] == articles


# --------------------------------------------------------------------------- issue 8, item 11

def test_month_first_date_is_kept_and_logged(tmp_path):
    reviews = REVIEWS + [["Nigeria", "06/13/2020"]]
    result = clean_rows(tmp_path, reviews)
    assert result.reviews.set_index("state").loc["NGA", "summary_date"] == pd.Timestamp("2020-06-13")
    entry = next(e for e in result.log if e.row == 4)
    assert (entry.action, entry.rule, entry.value) == ("corrected", "date_month_first", "06/13/2020")
    assert "write the date as YYYY-MM-DD" in entry.reason
    assert result.summary["reviews"].rows_corrected == 1


def test_unreadable_date_asks_for_the_form(tmp_path):
    result = clean_rows(tmp_path, REVIEWS + [["Nigeria", "soon"]])
    entry = next(e for e in result.log if e.rule == "date_unreadable")
    assert entry.reason == "'soon' cannot be read as a date; write the date as YYYY-MM-DD"


def test_paragraph_references_reach_the_tables_as_one_article(tmp_path):
    needs = [["State", "Article", "Category"], ["Kenya", "art. 9, paragraphs 1 and 2", "other"], ["Kenya", "5.1", "other"],
             ["Kenya", 52.1, "other"], ["Kenya", "第5、6条", "other"]]
    result = clean_rows(tmp_path, needs=needs)
    assert list(result.needs["articles"]) == ["9", "5", "52", "5;6"]
    assert result.summary["needs"].rows_rejected == 0


FUTURE = [["State", "Date completed"], ["Kenya", dt.date(2020, 1, 1)], ["Ghana", dt.date(2031, 2, 1)],
          ["Nigeria", "2020-12-01"], ["Peru", dt.date(2020, 11, 16)]]


def test_summary_date_after_the_latest_date_is_kept_with_a_warning(tmp_path):
    """input-workbook.md, "Dates": kept (it falls after the cutoff), logged as a warning, listed for the annex."""
    result = clean_rows(tmp_path, FUTURE, latest_date=dt.date(2020, 11, 16))
    assert set(result.reviews["state"]) == {"KEN", "GHA", "NGA", "PER"}
    warnings = [e for e in result.log if e.rule == "summary_date_future"]
    assert [(e.row, e.action, e.column, e.value) for e in warnings] == [
        (3, "warning", "Date completed", "2031-02-01"), (4, "warning", "Date completed", "2020-12-01")]
    assert "2031-02-01 is later than 2020-11-16" in warnings[0].reason
    s = result.summary["reviews"]
    # the warning changes no count: Ghana is kept unchanged, Nigeria kept with one correction (a date typed as text)
    assert (s.rows_read, s.rows_kept, s.rows_corrected, s.duplicates, s.rows_rejected) == (4, 4, 1, 0, 0)
    assert s.reasons["summary_date_future"] == 2
    assert result.suspect_dates == [
        {"state": "GHA", "state_name": "Ghana", "sheet": "reviews", "row": 3, "date": "2031-02-01"},
        {"state": "NGA", "state_name": "Nigeria", "sheet": "reviews", "row": 4, "date": "2020-12-01"}]
    assert result.latest_date == dt.date(2020, 11, 16)


def test_latest_date_defaults_to_today(tmp_path):
    result = clean_rows(tmp_path, FUTURE)
    assert result.latest_date == dt.date.today()
    assert [d["state"] for d in result.suspect_dates] == ["GHA"]


def test_a_rejected_or_duplicate_row_is_no_suspect_date(tmp_path):
    reviews = FUTURE + [["Ghana", dt.date(2031, 2, 1)], ["Atlantis", dt.date(2031, 2, 1)],
                        ["Kenya", dt.date(2032, 1, 1)]]
    result = clean_rows(tmp_path, reviews, latest_date=dt.date(2020, 11, 16))
    assert [d["row"] for d in result.suspect_dates] == [3, 4]
    assert {(e.row, e.action) for e in result.log if e.row >= 6} == {
        (6, "duplicate"), (7, "rejected"), (8, "rejected")}


def test_suspect_dates_travel_with_the_outputs(tmp_path):
    result = clean_rows(tmp_path, FUTURE, latest_date=dt.date(2020, 11, 16))
    paths = clean.write_outputs(result, tmp_path / "out")
    with paths["log"].open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["rule"] == "summary_date_future"]
    assert [r["action"] for r in rows] == ["warning", "warning"]
    loaded = clean.load_outputs(tmp_path / "out")
    assert loaded.suspect_dates == result.suspect_dates
    assert loaded.latest_date == dt.date(2020, 11, 16)
    assert loaded.counts["reviews"]["rows_corrected"] == 1
    # the same inputs and latest date give the same bytes
    again = clean.write_outputs(clean_rows(tmp_path, FUTURE, latest_date=dt.date(2020, 11, 16)), tmp_path / "again")
    for name in ("log", "summary"):
        assert paths[name].read_bytes() == again[name].read_bytes()


def test_outputs_of_an_earlier_version_still_load(fixture_result, tmp_path):
    import json

    clean.write_outputs(fixture_result, tmp_path)
    summary = json.loads((tmp_path / "cleaning_summary.json").read_text(encoding="utf-8"))
    summary.pop("suspect_dates"), summary.pop("latest_date")
    (tmp_path / "cleaning_summary.json").write_text(json.dumps(summary), encoding="utf-8")
    loaded = clean.load_outputs(tmp_path)
    assert loaded.suspect_dates == [] and loaded.latest_date is None


# --------------------------------------------------------------------------- issue 9: one path, reasons per language

def test_the_log_is_written_in_english_and_reads_in_chinese(fixture_result, tmp_path):
    assert clean.LOG_LANGUAGE == "en"
    paths = clean.write_outputs(fixture_result, tmp_path)
    with paths["log"].open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.DictReader(fh))
    assert [r["reason"] for r in written] == [e.reason for e in fixture_result.log]
    span = next(r for r in written if r["rule"] == "articles_span_chapters")
    assert span["reason"] == ("articles 14 and 52 belong to both chapter II and chapter V; fill in the row's "
                              "chapter: the need then counts under that chapter and under each of its articles")
    zh = clean.log_frame(fixture_result, "zh")
    assert list(zh["rule"]) == [r["rule"] for r in written] and list(zh["value"]) == [r["value"] for r in written]
    assert set(zh.loc[zh["rule"] == "articles_span_chapters", "reason"]) == \
        {"第十四条和第五十二条分属第二章和第五章；请填写该行的章：该需求将计入所填的章，并分别计入所引各条"}
    dup = zh.loc[(zh["action"] == "duplicate") & (zh["sheet"] == "Needs"), "reason"].item()
    assert dup == "识别各项写法后与第3行完全相同；系重复录入，只计一次"
    clean.write_log(fixture_result.log, tmp_path / "zh.csv", "zh")
    assert "第十四条和第五十二条" in (tmp_path / "zh.csv").read_text(encoding="utf-8-sig")


def test_rows_with_the_same_key_cells_are_each_logged_as_themselves(tmp_path):
    # rows 2-4 share State, article and category; each line of the log names its own row and value
    needs = [["State", "Article", "Category", "Description"], ["kenya", "Art. 5", "other", "a"],
             ["kenya", "Art. 5", "other", "b"], ["kenya", "Art. 5", "other", "a"], ["Kenya", 5, "other", "c"]]
    result = clean_rows(tmp_path, needs=needs)
    assert [(e.row, e.action, e.rule, e.value) for e in result.log] == [
        (2, "corrected", "state_spelling", "kenya"), (2, "corrected", "article_form", "Art. 5"),
        (3, "corrected", "state_spelling", "kenya"), (3, "corrected", "article_form", "Art. 5"),
        (4, "duplicate", "duplicate", "")]
    s = result.summary["needs"]
    assert (s.rows_read, s.rows_kept, s.rows_corrected, s.duplicates, s.rows_rejected) == (4, 3, 2, 1, 0)


def test_a_lone_state_cell_is_judged_with_its_row(tmp_path):
    # rows 3 and 4 hold the same lone State cell: row 3 is a note below the table, row 4 a need with an unknown State
    needs = [["State", "Article", "Category", "Description"], ["Kenya", 5, "other", "a"],
             ["Source: the secretariat"], ["Source: the secretariat", None, None, "a need"]]
    result = clean_rows(tmp_path, needs=needs)
    assert [(e.row, e.rule) for e in result.log] == [
        (3, "not_a_record"), (4, "state_unknown"), (4, "chapter_and_article_missing"), (4, "category_missing")]
    assert result.log[0].value == "Source: the secretariat" and result.log[1].column == "State"


def test_a_cell_error_is_rejected_with_its_reason_in_every_language(tmp_path):
    from uncac_needs.clean.ledger import Finding
    from uncac_needs.clean.rows import special
    from uncac_needs.ingest.specials import Special

    error = special(Special("#REF!", "error"))
    formula = special(Special("=B2*2", "formula"))
    assert isinstance(error, Finding) and error.action == "rejected"
    assert error.why.text("en") == "the cell holds the Excel error #REF!, not a value"
    assert error.why.text("zh") == "单元格中是Excel错误值#REF!，而不是数值"
    assert formula.why.rule == "formula_not_computed" and "=B2*2" in formula.why.text("zh")


def test_the_summary_prints_in_the_catalogs_words(fixture_result):
    from rich.console import Console

    from uncac_needs.clean import summary

    printed = {}
    for lang in ("en", "zh"):
        console = Console(width=200, record=True, color_system=None)
        summary.print_summary(fixture_result, console=console, lang=lang)
        printed[lang] = console.export_text()
    assert "Rows read = kept + duplicates + rejected" in printed["en"]
    assert "articles of both chapters, no chapter given" in printed["en"]
    assert "已清理fixture.xlsx" in printed["zh"] and "条款分属两章，未填章" in printed["zh"]
    # the same counts in both: Needs (fixture) read 26, kept 22, corrected 7, duplicates 1, rejected 3
    for lang, sheet in (("en", "Needs (needs)"), ("zh", "Needs（needs）")):
        row = next(line for line in printed[lang].splitlines() if line.startswith(sheet))
        assert [int(n) for n in re.findall(r"\d+", row.split(sheet)[1])] == [2, 26, 22, 7, 1, 3]
