"""statistics.xlsx and the CSVs: readable, bilingual, and never a formula."""
import csv
import datetime as dt
import json

import openpyxl
import pytest

from conftest import write_workbook
from uncac_needs import cli, clean, statistics
from uncac_needs.vocabulary import i18n
from uncac_needs.statistics import files as outputs
from uncac_needs.statistics import reconcile
from uncac_needs.statistics import tables


@pytest.fixture(scope="module")
def stats_2020(sample_result):
    return statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")


@pytest.fixture(scope="module")
def xlsx(stats_2020, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "statistics.xlsx"
    outputs.write_statistics_xlsx(stats_2020, path)
    return path


def all_cells(path):
    wb = openpyxl.load_workbook(path)
    return wb, [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def test_one_sheet_a_table_with_bilingual_headers(xlsx):
    wb, _ = all_cells(xlsx)
    assert wb.sheetnames[:5] == ["contents", "overview", "change", "by_chapter", "by_category"]
    assert "reconciliation" in wb.sheetnames
    ws = wb["by_category"]
    assert ws.freeze_panes == "A3"
    headers = [c.value for c in ws[2]]
    assert headers[:3] == ["category", "类别", "needs / 需求"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    assert rows["capacity-building"][1:3] == ("能力建设", 177)
    assert ws["D3"].number_format == "0.0%" and abs(ws["D3"].value - 177 / 404) < 1e-12
    assert ws.column_dimensions["A"].width >= 20


def test_no_cell_is_a_formula(xlsx):
    _, cells = all_cells(xlsx)
    assert cells and all(c.data_type != "f" for c in cells)


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    t = tables.Table("overview", [tables.Column("measure", "label"), tables.Column("current", "int")])
    t.rows.append({"measure": {"en": "=SUM(A1:A9)", "zh": "+cmd|' /C calc'!A0"}, "current": 1})
    t.rows.append({"measure": {"en": "@SUM(1)", "zh": "-2+3"}, "current": 2})
    path = tmp_path / "t.xlsx"
    outputs.write_tables_xlsx([t], path, dt.datetime(2020, 1, 1))
    ws = openpyxl.load_workbook(path)["overview"]
    assert [(c.value, c.data_type) for c in ws[3][:2]] == [("=SUM(A1:A9)", "s"), ("+cmd|' /C calc'!A0", "s")]
    assert [(c.value, c.data_type) for c in ws[4][:2]] == [("@SUM(1)", "s"), ("-2+3", "s")]


def test_same_statistics_same_bytes(stats_2020, xlsx, tmp_path):
    again = tmp_path / "again.xlsx"
    outputs.write_statistics_xlsx(stats_2020, again)
    assert again.read_bytes() == xlsx.read_bytes()


def test_csv_cells_never_become_formulas(tmp_path):
    reviews = [["State", "Date"], ["Kenya", dt.date(2020, 1, 1)]]
    needs = [["State", "Article", "Category"], ['=HYPERLINK("http://evil.example","x")', 5, "other"],
             ["Kenya", 5, "@SUM(1+1)"], ["Kenya", "-5", "other"]]
    result = clean.clean_workbook(write_workbook(tmp_path / "w.xlsx", {"reviews": reviews, "needs": needs}))
    paths = clean.write_outputs(result, tmp_path / "out")
    with paths["log"].open(encoding="utf-8-sig", newline="") as fh:
        values = [row["value"] for row in csv.DictReader(fh)]
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in values
    assert "'@SUM(1+1)" in values and "'-5" in values
    with paths["log"].open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_reconciliation_table_explains_the_growth_figures(stats_2020):
    t = tables.build(stats_2020)[-1]
    rows = {r["figure"]: r for r in t.rows}
    growth = rows["2020-ch5-growth"]
    assert growth["status"] == {"en": "differs", "zh": "不一致"}
    assert (growth["published"]["en"], growth["computed"]["en"]) == ("35%", "76%")
    assert "(current − previous) / previous: 17 → 30 States, 76%" in growth["explanation"]["en"]
    assert "at least 76%" in growth["explanation"]["en"] and "至少增加了76%" in growth["explanation"]["zh"]
    assert rows["2020-needs"]["status"]["en"] == "matches"
    assert rows["2020-pep"]["status"]["en"] == "matches"           # a topic of the descriptions (issue 11)
    assert rows["2020-g56-share"]["published"]["en"] == "23.0% – 27.0%"


def test_catalogs_have_every_label_in_both_languages(stats_2020):
    for table in tables.build(stats_2020):
        for lang in ("en", "zh"):
            assert table.title(lang)
            for column in table.columns:
                assert table.heading(column, lang)
    assert set(i18n.label("en", "rules")) == set(i18n.label("zh", "rules"))


def test_stats_command_writes_json_and_xlsx(tmp_path, capsys):
    from uncac_needs.plumbing import config

    out, book = tmp_path / "s.json", tmp_path / "s.xlsx"
    assert cli.main(["stats", "--raw", str(config.SAMPLE_WORKBOOK), "--cutoff", "2021-05-31",
                     "--previous-cutoff", "2020-09-30", "--out", str(out), "--xlsx", str(book)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["overview"] == {"states_completed": 57, "states_with_needs": 39, "needs": 455}
    assert {r["status"] for r in data["reconciliation"]} == {"match"}
    combined = openpyxl.load_workbook(book)["combined"]
    assert (combined["C3"].value, combined["D3"].value) == (44, 19)   # needs, States
