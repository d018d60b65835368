"""Tests written for the mutants of the statistics stage that the rest of the suite let live (docs/mutation.md).

Each checks a value known from outside the code under test: the hand counts of the fixture workbook
(tests/test_hand_counted.py, where every figure is counted from the rows), the figures the published notes
state (data/reference/published_figures.csv, read here with the csv module), the texts of the language
catalogs as a reader sees them, or a property the statistics must have whatever the data.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import math

import openpyxl
import pytest
import yaml

from conftest import write_workbook
from fixture_workbook import CUTOFF_A, CUTOFF_B
from test_hand_counted import EXPECTED_B
from uncac_needs import cli, statistics
from uncac_needs.plumbing import config
from uncac_needs.statistics import reconcile, sections, tables
from uncac_needs.statistics.model import Statistics
from uncac_needs.vocabulary import reference


def stats_files(workbook, folder, cutoff, previous=None):
    """statistics.json and statistics.xlsx as `uncac-needs stats` writes them."""
    out, book = folder / "statistics.json", folder / "statistics.xlsx"
    argv = ["stats", "--raw", str(workbook), "--cutoff", cutoff, "--out", str(out), "--xlsx", str(book)]
    if previous:
        argv += ["--previous-cutoff", previous]
    assert cli.main(argv) == 0
    return out, book


# Function-scoped on purpose: mutmut runs, for each mutant, only the tests that called the mutated code, and
# counts a fixture's calls against the first test that set it up; each test here writes its own files.

@pytest.fixture
def fixture_files(fixture_workbook, tmp_path):
    """The fixture at cutoff B since cutoff A."""
    folder = tmp_path / "fixture"
    folder.mkdir()
    return stats_files(fixture_workbook, folder, CUTOFF_B, CUTOFF_A)


def sample_files(cleaned, folder, cutoff, previous=None):
    """The shipped sample's statistics files (the sample cleaned once for the session)."""
    statistics.run(cleaned, cutoff, previous, out_dir=folder)
    return folder / "statistics.json", folder / "statistics.xlsx"


@pytest.fixture
def sample_2020(sample_result, tmp_path):
    """The shipped sample at the 2020 note's cutoff, since the 2019 analysis: every published figure of 2020."""
    return sample_files(sample_result.cleaned, tmp_path / "sample", "2020-09-30", "2019-08-31")


# ------------------------------------------------------------------------------------------------------
# statistics.xlsx of the fixture at cutoff B since cutoff A: every sheet, cell by cell. The numbers are the
# hand counts of tests/test_hand_counted.py (EXPECTED_B, CHANGE_B_SINCE_A, CLEANING), the labels the
# catalogs' texts. I: an integer cell (#,##0), S: a share (0.0%).

I, S = "#,##0", "0.0%"
CATEGORIES = [("capacity-building", "能力建设"), ("legislative assistance", "立法援助"),
              ("institution-building", "机构建设"), ("policymaking (policy advice)", "决策援助"),
              ("research, data collection and analysis", "研究/数据收集和分析"),
              ("facilitation of international cooperation", "促进国际合作"), ("other", "其他")]
MEASURES = [("States with a completed executive summary", "已完成执行摘要的国家"),
            ("States that identified needs", "确定了需求的国家"), ("needs identified", "已确定的需求")]

FIXTURE_XLSX = {   # sheet: (title, headings, formats of the number columns, rows)
    "overview": ("Overview / 概况", ["measure", "指标", "this analysis / 本次分析"], [I],
                 [[*MEASURES[0], 5], [*MEASURES[1], 4], [*MEASURES[2], 21]]),
    "change": ("Change since the previous analysis / 与上次分析相比的变化",
               ["measure", "指标", "previous analysis / 上次分析", "this analysis / 本次分析", "change / 变化",
                "relative change / 相对变化"], [I, I, I, S],
               [[*MEASURES[0], 2, 5, 3, 3 / 2], [*MEASURES[1], 2, 4, 2, 2 / 2], [*MEASURES[2], 14, 21, 7, 7 / 14],
                ["States with chapter II needs", "有第二章需求的国家", 2, 4, 2, 2 / 2],
                ["States with chapter V needs", "有第五章需求的国家", 2, 4, 2, 2 / 2],
                ["chapter II needs", "第二章需求", 10, 12, 2, 2 / 10], ["chapter V needs", "第五章需求", 4, 9, 5, 5 / 4]]),
    "by_chapter": ("Figure I: needs by chapter / 图一：按章节分列的需求",
                   ["chapter", "章", "title", "标题", "needs / 需求", "share of needs / 占需求比例", "States / 国家",
                    "needs citing no article / 未援引具体条款的需求"],
                   [I, S, I, I],
                   [["Chapter II", "第二章", "Preventive measures", "预防措施", 12, 12 / 21, 4, 1],
                    ["Chapter V", "第五章", "Asset recovery", "资产的追回", 9, 9 / 21, 4, 1]]),
    "by_category": ("Figure II: needs by category / 图二：按类别分列的需求",
                    ["category", "类别", "needs / 需求", "share of needs / 占需求比例", "chapter II / 第二章",
                     "chapter V / 第五章", "States / 国家"], [I, S, I, I, I],
                    [[*CATEGORIES[0], 11, 11 / 21, 7, 4, 4], [*CATEGORIES[1], 4, 4 / 21, 2, 2, 3],
                     [*CATEGORIES[2], 2, 2 / 21, 1, 1, 2], [*CATEGORIES[3], 1, 1 / 21, 1, 0, 1],
                     [*CATEGORIES[4], 1, 1 / 21, 1, 0, 1], [*CATEGORIES[5], 1, 1 / 21, 0, 1, 1],
                     [*CATEGORIES[6], 1, 1 / 21, 0, 1, 1]]),
    # the table is captioned as its figure is (区域组分布, "regional groups", not 区域分布, "regions")
    "by_region": ("Figure III: regional groups of the States with a completed summary / 图三：已完成执行摘要国家的区域组分布",
                  ["regional group", "区域组", "summaries completed / 已完成执行摘要",
                   "share of summaries / 占执行摘要比例", "States with needs / 有需求的国家", "needs / 需求",
                   "share of needs / 占需求比例", "chapter II / 第二章", "chapter V / 第五章",
                   "share of the group's needs in chapter V / 该组需求中第五章所占比例"], [I, S, I, I, S, I, I, S],
                  [["African Group", "非洲国家组", 1, 1 / 5, 1, 8, 8 / 21, 6, 2, 2 / 8],
                   ["Asia-Pacific Group", "亚洲-太平洋国家组", 1, 1 / 5, 1, 6, 6 / 21, 4, 2, 2 / 6],
                   ["Eastern European Group", "东欧国家组", 1, 1 / 5, 1, 4, 4 / 21, 1, 3, 3 / 4],
                   ["Latin American and Caribbean Group", "拉丁美洲和加勒比国家组", 1, 1 / 5, 1, 3, 3 / 21, 1, 2, 2 / 3],
                   # no needs: no share of them in chapter V (an empty cell, "–" in the annex); the States
                   # in no group: none, so no row (as in figure III)
                   ["Western European and other States Group", "西欧和其他国家组", 1, 1 / 5, 0, 0, 0, 0, 0, None]]),
    "articles_ii": ("Figure IV: needs and States by article, chapter II / 图四：第二章各条的需求和国家数量",
                    ["article", "条", "title", "标题", "needs / 需求", "States / 国家"], [I, I],
                    [["Article 5", "第五条", "Preventive anti-corruption policies and practices", "预防性反腐败政策和做法", 3, 2],
                     ["Article 6", "第六条", "Preventive anti-corruption body or bodies", "预防性反腐败机构", 1, 1],
                     ["Article 7", "第七条", "Public sector", "公共部门", 1, 1],
                     ["Article 8", "第八条", "Codes of conduct for public officials", "公职人员行为守则", 1, 1],
                     ["Article 9", "第九条", "Public procurement and management of public finances", "公共采购和公共财政管理", 1, 1],
                     ["Article 10", "第十条", "Public reporting", "公共报告", 1, 1],
                     ["Article 11", "第十一条", "Measures relating to the judiciary and prosecution services",
                      "与审判和检察机关有关的措施", 1, 1],
                     ["Article 12", "第十二条", "Private sector", "私营部门", 1, 1],
                     ["Article 13", "第十三条", "Participation of society", "社会参与", 2, 2],
                     ["Article 14", "第十四条", "Measures to prevent money-laundering", "预防洗钱的措施", 3, 3]]),
    "groups_ii": ("Chapter II by section / 第二章各节",
                  ["section", "节", "needs / 需求", "share of chapter II needs / 占第二章需求比例", "States / 国家"],
                  [I, S, I],
                  [["Articles 5 and 6", "第五条和第六条", 3, 3 / 12, 2], ["Articles 7 and 8", "第七条和第八条", 1, 1 / 12, 1],
                   ["Article 9", "第九条", 1, 1 / 12, 1], ["Articles 10 and 13", "第十条和第十三条", 2, 2 / 12, 2],
                   ["Article 11", "第十一条", 1, 1 / 12, 1], ["Article 12", "第十二条", 1, 1 / 12, 1],
                   ["Article 14", "第十四条", 3, 3 / 12, 3]]),
    "articles_v": ("Needs and States by article, chapter V / 第五章各条的需求和国家数量",
                   ["article", "条", "title", "标题", "needs / 需求", "States / 国家"], [I, I],
                   [["Article 51", "第五十一条", "General provision", "一般规定", 3, 3],
                    ["Article 52", "第五十二条", "Prevention and detection of transfers of proceeds of crime",
                     "预防和监测犯罪所得的转移", 4, 4],
                    ["Article 53", "第五十三条", "Measures for direct recovery of property", "直接追回财产的措施", 0, 0],
                    ["Article 54", "第五十四条", "Mechanisms for recovery of property through international cooperation "
                     "in confiscation", "通过没收事宜国际合作追回资产的机制", 1, 1],
                    ["Article 55", "第五十五条", "International cooperation for purposes of confiscation",
                     "为没收事宜而开展的国际合作", 1, 1],
                    ["Article 56", "第五十六条", "Special cooperation", "特别合作", 0, 0],
                    ["Article 57", "第五十七条", "Return and disposal of assets", "资产的返还和处分", 1, 1],
                    ["Article 58", "第五十八条", "Financial intelligence unit", "金融情报机构", 0, 0],
                    ["Article 59", "第五十九条", "Bilateral and multilateral agreements and arrangements",
                     "双边和多边协定及安排", 0, 0]]),
    "categories_v": ("Figure V: chapter V needs by category, with the number of States / 图五：第五章需求，按类别和国家数量分列",
                     ["category", "类别", "needs / 需求", "States / 国家"], [I, I],
                     [[*CATEGORIES[0], 4, 3], [*CATEGORIES[1], 2, 2], [*CATEGORIES[2], 1, 1], [*CATEGORIES[3], 0, 0],
                      [*CATEGORIES[4], 0, 0], [*CATEGORIES[5], 1, 1], [*CATEGORIES[6], 1, 1]]),
    "combined": ("Articles 14 and 52 together / 第十四条和第五十二条合计",
                 ["articles", "条款", "needs / 需求", "States / 国家", "share of chapter V needs / 占第五章需求比例",
                  "share of all needs / 占全部需求比例"], [I, I, S, S],
                 [["Articles 14 and 52", "第十四条和第五十二条", 5, 4, 5 / 9, 5 / 21]]),
    "subcategories": ("Figure VI: capacity-building needs by subcategory / 图六：能力建设需求，按子类别分列",
                      ["subcategory", "子类别", "needs / 需求", "share of capacity-building needs / 占能力建设需求比例"], [I, S],
                      [["training and skills development", "培训和技能发展", 6, 6 / 11],
                       ["technical support for information and communications technology tools", "信息和通信技术工具技术支持",
                        1, 1 / 11],
                       ["awareness-raising materials and activities", "提高认识材料和活动", 1, 1 / 11],
                       ["exchange of good practices and experience", "交流良好做法和经验", 1, 1 / 11],
                       ["other", "其他", 0, 0], ["unspecified", "未具体说明", 2, 2 / 11]]),
    "cleaning": ("Rows of the workbook / 工作簿各行",
                 ["sheet", "工作表", "rows read / 读取行数", "kept / 保留", "of which corrected / 其中经更正",
                  "duplicates / 重复", "rejected / 剔除"], [I, I, I, I, I],
                 [["States (executive summaries)", "国家（执行摘要）", 7, 6, 2, 1, 0], ["needs", "需求", 26, 22, 7, 1, 3]]),
}


def same(cell, wanted) -> bool:
    if isinstance(wanted, float):       # xlsx keeps 15 significant digits
        return isinstance(cell, (int, float)) and not isinstance(cell, bool) and math.isclose(cell, wanted)
    return type(cell) is type(wanted) and cell == wanted


def test_the_hand_counts_fill_the_reviewers_workbook(fixture_files):
    wb = openpyxl.load_workbook(fixture_files[1])
    assert wb.sheetnames[:1 + len(FIXTURE_XLSX)] == ["contents", *FIXTURE_XLSX]   # then the review sheets (topics, …)
    contents = [[c.value for c in row] for row in wb["contents"].iter_rows(min_row=3)]
    assert contents[:len(FIXTURE_XLSX)] == [[code, *FIXTURE_XLSX[code][0].split(" / ")] for code in FIXTURE_XLSX]
    assert [row[0] for row in contents[len(FIXTURE_XLSX):]] == wb.sheetnames[1 + len(FIXTURE_XLSX):]  # the others
    for code, (title, headings, formats, rows) in FIXTURE_XLSX.items():
        ws = wb[code]
        assert ws["A1"].value == title, code
        assert [c.value for c in ws[2]] == headings, code
        got = [list(row) for row in ws.iter_rows(min_row=3)]
        assert len(got) == len(rows), code
        for cells, wanted in zip(got, rows):
            labels = len(wanted) - len(formats)
            assert [c.value for c in cells[:labels]] == wanted[:labels], code
            for cell, value, number_format in zip(cells[labels:], wanted[labels:], formats):
                # an empty cell (a share of nothing) has no number to format
                assert same(cell.value, value) and (value is None or cell.number_format == number_format), \
                    (code, wanted[0], cell.value)


def test_the_hand_counted_region_split_by_chapter(fixture_result):
    """Each regional group's needs by chapter, as counted by hand (not only the English sentence that uses them)."""
    got = statistics.compute(fixture_result.cleaned, CUTOFF_B, CUTOFF_A).by_region
    for code, wanted in EXPECTED_B["by_region"].items():
        assert got[code].by_chapter == wanted["by_chapter"], code
        assert got[code].by_chapter_share == wanted["by_chapter_share"], code


def test_every_column_is_of_a_kind_the_outputs_know(fixture_result, sample_result):
    """The xlsx writer and the report's annex tell columns apart by these four kinds only."""
    kinds = {c.kind for stats in (statistics.compute(fixture_result.cleaned, CUTOFF_B, CUTOFF_A),
                                  statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31"))
             for t in tables.build(stats) for c in t.columns}
    assert kinds == {"label", "int", "share", "text"}


# ------------------------------------------------------------------------------------------------------
# the reconciliation of the sample at 2020-09-30 against data/reference/published_figures.csv

def published_rows(cutoff: str) -> list[dict]:
    with (config.REFERENCE_DIR / "published_figures.csv").open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["cutoff"] == cutoff]


#: the two growth rates the other published figures rule out (the note's 23 and 30 States against the 17
#: with needs a year earlier), everything else comparable matches on the calibrated sample
IMPOSSIBLE_2020 = {"2020-ch2-growth", "2020-ch5-growth"}
STATUS = {"match": ("matches", "一致"), "differs": ("differs", "不一致"), "not computed": ("not computed", "未计算")}
NOT_COMPUTED = ("depends on the content of the need descriptions, which the workbook's columns do not classify",
                "取决于需求说明的内容，工作簿各列并未对此分类")
IMPOSSIBLE_TEXT = {
    "2020-ch2-growth": (
        "The note gives 23 States with chapter II needs at 30 September 2020 and only 17 States with any needs at "
        "31 August 2019, so the number of States with chapter II needs grew by at least 35% (23 / 17 − 1), not 34%.",
        "说明称2020年9月30日有23个国家确定了与第二章有关的需求，而2019年8月31日确定了任何需求的国家仅有17个，"
        "因此确定第二章需求的国家数量至少增加了35%（23 / 17 − 1），而不是34%。"),
    "2020-ch5-growth": (
        "The note gives 30 States with chapter V needs at 30 September 2020 and only 17 States with any needs at "
        "31 August 2019, so the number of States with chapter V needs grew by at least 76% (30 / 17 − 1), not 35%.",
        "说明称2020年9月30日有30个国家确定了与第五章有关的需求，而2019年8月31日确定了任何需求的国家仅有17个，"
        "因此确定第五章需求的国家数量至少增加了76%（30 / 17 − 1），而不是35%。"),
}


ZH_STATEMENTS = yaml.safe_load((config.CATALOGS_DIR / "zh" / "published_figures.yaml").read_text(encoding="utf-8"))


def status_of(row: dict) -> str:
    if row["comparison"] == "descriptive":
        return "not computed"
    return "differs" if row["id"] in IMPOSSIBLE_2020 else "match"


def as_printed(cell: str, percent: bool, digits: int) -> str:
    """A figure of the CSV as the note prints it, rounded half away from zero."""
    if cell == "":
        return "–"
    value = float(cell)
    if percent:
        scaled = abs(value) * 100 * 10 ** digits
        whole = math.floor(scaled + 0.5 + 1e-9) / 10 ** digits
        return f"{whole:.{digits}f}%"
    return str(int(value))


def exact(cell: str, percent: bool) -> str:
    """A bound of a range as the CSV writes it: a share with as many decimals as it has (one at least)."""
    if not percent:
        return as_printed(cell, False, 0)
    decimals = len(cell.split(".")[1]) if "." in cell else 0     # 0.0699: four, so 6.99%
    return as_printed(cell, True, max(1, decimals - 2))


def published_text(row: dict) -> str:
    if row["comparison"] in ("about", "range"):
        shares = row["high"] != "" and float(row["high"]) <= 1
        return f"{exact(row['low'], shares)} – {exact(row['high'], shares)}"
    return as_printed(row["published"], row["comparison"] == "percent", 0)


def in_bounds(text: str, row: dict) -> bool:
    value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    return float(row["low"]) - 0.0005 <= value <= float(row["high"]) + 0.0005


def test_the_reconciliation_sheet_states_every_published_figure(sample_2020):
    ws = openpyxl.load_workbook(sample_2020[1])["reconciliation"]
    assert [c.value for c in ws[2]] == ["figure / 数字", "what the note states", "说明所述", "published", "公布值",
                                        "computed", "计算值", "status", "核对结果", "source", "来源",
                                        "paragraph / 段落", "note", "注"]
    got = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    rows = published_rows("2020-09-30")
    assert list(got) == [r["id"] for r in rows]
    for r in rows:
        figure, statement_en, statement_zh, pub_en, pub_zh, comp_en, comp_zh, st_en, st_zh, src_en, src_zh, \
            paragraph, note_en, note_zh = got[r["id"]]
        where = r["id"]
        assert (statement_en, statement_zh) == (r["statement"], ZH_STATEMENTS.get(where, r["statement"])), where
        assert pub_en == pub_zh == published_text(r), where
        assert (st_en, st_zh) == STATUS[status_of(r)], where
        assert (src_en, src_zh) == ("2020 note", "2020年说明"), where
        assert paragraph == r["paragraph"], where
        if status_of(r) == "not computed":
            assert comp_en == comp_zh == "–" and (note_en, note_zh) == NOT_COMPUTED, where
        elif status_of(r) == "match":
            assert comp_en == comp_zh, where
            assert in_bounds(comp_en, r) if r["comparison"] in ("about", "range") else comp_en == pub_en, where
            assert (note_en, note_zh) == ("", ""), where
        else:
            assert comp_en != pub_en and note_en.endswith(IMPOSSIBLE_TEXT[where][0]), where
            assert note_zh.endswith(IMPOSSIBLE_TEXT[where][1]), where
    ch5 = got["2020-ch5-growth"]
    assert ch5[12] == ("The project measures growth as (current − previous) / previous: 17 → 30 States, 76%. "
                       + IMPOSSIBLE_TEXT["2020-ch5-growth"][0])
    assert ch5[13] == ("本项目按（本次 − 上次）/ 上次计算增幅：由17个国家增至30个国家，增幅76%。"
                       + IMPOSSIBLE_TEXT["2020-ch5-growth"][1])


def test_without_a_previous_cutoff_the_growth_rates_are_not_computed(sample_result, tmp_path):
    """A 2020 draft with no previous analysis: nothing to measure growth from, and the note's growth rates are
    still explained from the published figures alone."""
    _, book = sample_files(sample_result.cleaned, tmp_path / "draft", "2020-09-30")
    got = {r[0]: r for r in openpyxl.load_workbook(book)["reconciliation"].iter_rows(min_row=3, values_only=True)}
    no_previous = ("a change since the previous analysis, and this run has no previous cutoff date to count from",
                   "此数字为与上次分析相比的变化，而本次运行没有可供比较的上次截止日期")
    for figure_id, (en, zh) in IMPOSSIBLE_TEXT.items():
        row = got[figure_id]
        assert (row[5], row[6], row[7], row[8]) == ("–", "–", "not computed", "未计算")
        assert (row[12], row[13]) == (f"{en} {no_previous[0]}", f"{zh}{no_previous[1]}")    # no space after 。
    # a change with nothing before it is not computed (never "differs"), and says why
    assert got["2020-new-completed"][5:9] == ("–", "–", "not computed", "未计算")
    assert got["2020-new-completed"][12:14] == no_previous
    assert {r[7] for r in got.values()} == {"matches", "not computed"}


def test_the_reconciliation_records_of_statistics_json(sample_2020):
    records = json.loads(sample_2020[0].read_text(encoding="utf-8"))["reconciliation"]
    rows = published_rows("2020-09-30")
    assert [r["id"] for r in records] == [r["id"] for r in rows]

    def number(cell: str):
        return None if cell == "" else (float(cell) if "." in cell else int(cell))

    for record, r in zip(records, rows):
        assert set(record) == {"id", "key", "comparison", "published", "low", "high", "computed", "status",
                               "impossible", "source", "paragraph"}
        assert record["key"] == (r["key"] or None) and record["comparison"] == r["comparison"], r["id"]
        assert (record["published"], record["low"], record["high"]) == \
            (number(r["published"]), number(r["low"]), number(r["high"])), r["id"]
        assert (record["source"], record["paragraph"]) == (r["source"], r["paragraph"]), r["id"]
        assert record["status"] == status_of(r), r["id"]
        assert record["impossible"] is (r["id"] in IMPOSSIBLE_2020), r["id"]
        if r["comparison"] == "exact" and record["status"] == "match":
            assert record["computed"] == number(r["published"]), r["id"]
        if record["status"] == "not computed":
            assert record["computed"] is None, r["id"]


def test_statistics_json_reads_back_into_the_same_file(sample_2020, fixture_files):
    """`Statistics.load` then `to_json` gives the file's bytes again, the reconciliation's checks included."""
    for path in (sample_2020[0], fixture_files[0]):
        text = path.read_text(encoding="utf-8")
        assert Statistics.load(path).to_json() == text
    loaded = Statistics.load(sample_2020[0])
    checks = {c.figure.id: c for c in loaded.reconciliation}
    assert {i for i, c in checks.items() if c.impossible is not None} == IMPOSSIBLE_2020
    assert checks["2020-ch5-growth"].impossible.explain("en") == IMPOSSIBLE_TEXT["2020-ch5-growth"][0]
    assert checks["2020-ch2-growth"].impossible.explain("zh") == IMPOSSIBLE_TEXT["2020-ch2-growth"][1]
    assert checks["2020-needs"].computed == 404 and checks["2020-needs"].ok


def test_statistics_json_keeps_its_layout(fixture_files):
    """Two-space indents, keys in the interface's order, a final newline: the file shipped sessions compare."""
    text = fixture_files[0].read_text(encoding="utf-8")
    assert text.startswith('{\n  "parameters": {\n    "cutoff_date": "2020-06-30",\n'
                           '    "previous_cutoff_date": "2019-12-31"\n  },\n  "overview": {\n'
                           '    "states_completed": 5,\n')
    assert text.endswith("\n}\n") and not text.endswith("\n\n")


def test_names_in_statistics_json_are_written_as_they_are_spelled(tmp_path):
    """A State's name with letters beyond ASCII (a suspect date lists it) is written as UTF-8, not escaped."""
    path = write_workbook(tmp_path / "w.xlsx", {
        "reviews": [["State", "Date"], ["Kenya", "2020-01-10"], ["Côte d'Ivoire", "2031-02-01"]],
        "needs": [["State", "Article", "Category"], ["Kenya", 5, "other"], ["Côte d'Ivoire", 6, "other"]]})
    out = tmp_path / "s.json"
    assert cli.main(["stats", "--raw", str(path), "--cutoff", "2020-09-30", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert '"state_name": "Côte d\'Ivoire"' in text and "\\u00f4" not in text


def test_optional_keys_stay_absent(fixture_files, tmp_path):
    """statistics.json has `cleaning…` and `reconciliation` only when the statistics have them (interface.md)."""
    data = json.loads(fixture_files[0].read_text(encoding="utf-8"))
    assert "reconciliation" not in data             # no note was published at 2020-06-30
    for key in ("cleaning", "cleaning_reasons", "cleaning_suspect_dates"):
        del data[key]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert json.loads(Statistics.load(path).to_json()) == data


def test_a_missing_key_is_named(fixture_result):
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B)
    assert stats.value("by_chapter.V.needs") == 9
    with pytest.raises(KeyError) as caught:
        stats.value("by_chapter.III.needs")
    assert caught.value.args == ("by_chapter.III.needs",)


# ------------------------------------------------------------------------------------------------------
# how a published figure is compared, on figures made for the purpose

def figure(comparison: str, published=None, low=None, high=None, id="test-figure", cutoff="2020-09-30",
           key="overview.needs") -> reference.PublishedFigure:
    return reference.PublishedFigure(id=id, cutoff=cutoff, key=key, published=published, comparison=comparison,
                                     low=low, high=high, source="000_7350e9b028e5c2ba.txt", paragraph="1",
                                     statement="a figure made for the test")


@pytest.mark.parametrize("made", [figure("exact", 0), figure("percent", 0.0), figure("about", 10, 9, 11),
                                  figure("range", None, 0, 1)])
def test_nothing_computed_never_matches(made):
    assert reconcile.matches(made, None) is False


def test_a_range_holds_its_bounds():
    made = figure("range", None, 16, 30)
    assert [reconcile.matches(made, n) for n in (15, 16, 30, 31)] == [False, True, True, False]
    share = figure("about", 0.25, 0.23, 0.27)
    assert [reconcile.matches(share, s) for s in (0.2299, 0.23, 0.27, 0.2701)] == [False, True, True, False]


def test_a_figure_without_a_comparison_is_refused_by_name():
    """A descriptive figure has nothing to compare with: asking is a mistake, and the message names the figure."""
    with pytest.raises(ValueError, match="^test-figure: no comparison for 'descriptive'$"):
        reconcile.matches(figure("descriptive", 10, key=None), 10)


def growth(id, cutoff, chapter, published):
    return figure("percent", published, id=id, cutoff=cutoff, key=f"change.by_chapter.{chapter}.states.change_share")


def test_impossible_growth_is_found_past_figures_it_cannot_judge(monkeypatch):
    """From the published figures alone: a growth with no earlier analysis, or without the counts it needs, is
    not judged and does not stop the search; a growth the counts allow once rounded is not called impossible."""
    made = (
        growth("g-first", "2019-08-31", "II", 0.5),               # no analysis before the first
        figure("exact", 17, id="with-needs-2019", cutoff="2019-08-31", key="overview.states_with_needs"),
        growth("g-no-count", "2020-09-30", "II", 0.1),            # chapter II States not published for 2020
        figure("exact", 30, id="ch5-states", cutoff="2020-09-30", key="by_chapter.V.states"),
        growth("g-rounds-to-it", "2020-09-30", "V", 0.76),        # at least 30 / 17 − 1 = 76.5%: rounds to 76%
        growth("g-impossible", "2020-09-30", "V", 0.35),
    )
    monkeypatch.setattr(reference, "published_figures", lambda: made)
    monkeypatch.setattr(reference, "published_cutoffs", lambda: ["2019-08-31", "2020-09-30"])
    found = reconcile.impossible()
    assert list(found) == ["g-impossible"]
    case = found["g-impossible"]
    assert (case.chapter, case.cutoff, case.previous_cutoff, case.current, case.ceiling, case.published) == \
        ("V", "2020-09-30", "2019-08-31", 30, 17, 0.35)
    # without the States with needs of the earlier analysis, no growth can be judged
    monkeypatch.setattr(reference, "published_figures", lambda: made[2:])
    assert reconcile.impossible() == {}


def test_a_hundred_percent_prints_as_a_percentage(fixture_result):
    """A share of 1 (every State) is a percentage in the reconciliation, never '1'; a count stays a count."""
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B)
    made = [reconcile.Check(figure("percent", 1.0, id="all"), 1.0, "match", None),
            reconcile.Check(figure("about", 0.99, 0.98, 1.0, id="nearly-all"), 1.0, "match", None),
            reconcile.Check(figure("range", None, 1, 2, id="count"), 1, "match", None)]
    table = tables.build(stats.with_reconciliation(made), ("en",))[-1]
    got = {r["figure"]: (r["published"]["en"], r["computed"]["en"]) for r in table.rows}
    assert got == {"all": ("100%", "100%"), "nearly-all": ("98.0% – 100.0%", "100.0%"), "count": ("1 – 2", "1")}


def test_a_share_range_from_zero_prints_both_bounds_as_percentages(fixture_result):
    """The 2020 note's "under 7 per cent" of the summaries is the range 0 to 0.0699, its low bound written 0:
    both bounds are percentages, each as exact as the rule ("0.0% – 6.99%", never "0 – 7.0%" nor "0.0% – 7.0%",
    which the rule excludes); a range of counts stays counts."""
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B)
    made = [reconcile.Check(figure("range", None, 0, 0.0699, id="under-seven"), 0.05, "match", None),
            reconcile.Check(figure("range", None, 12, 14, id="states"), 13, "match", None)]
    table = tables.build(stats.with_reconciliation(made), ("en",))[-1]
    got = {r["figure"]: (r["published"]["en"], r["computed"]["en"]) for r in table.rows}
    assert got == {"under-seven": ("0.0% – 6.99%", "5.0%"), "states": ("12 – 14", "13")}


def test_a_yes_or_no_figure_and_an_unnamed_source(fixture_result):
    """'Articles 14 and 52 together exceed every article' (2021 report) is a yes or a no; a source the catalogs
    do not name is shown by its file name."""
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B)
    key = "combined.art14_52.exceeds_every_article"
    made = [reconcile.Check(figure("exact", 1, id="top", key=key), True, "match", None),
            reconcile.Check(figure("exact", 1, id="not-top", key=key), False, "differs", None),
            reconcile.Check(reference.PublishedFigure(
                id="elsewhere", cutoff="2020-09-30", key="overview.needs", published=19, comparison="exact", low=None,
                high=None, source="999_unnamed.txt", paragraph="2", statement="a figure from a document not named"),
                19, "match", None)]
    table = tables.build(stats.with_reconciliation(made))[-1]
    got = {r["figure"]: (r["computed"], r["source"]) for r in table.rows}
    assert got["top"][0] == {"en": "yes", "zh": "是"} and got["not-top"][0] == {"en": "no", "zh": "否"}
    assert got["top"][1] == {"en": "2020 note", "zh": "2020年说明"}
    assert got["elsewhere"] == ({"en": "19", "zh": "19"}, {"en": "999_unnamed.txt", "zh": "999_unnamed.txt"})


def test_a_growth_over_a_hundred_percent_prints_as_a_percentage(fixture_result):
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B)
    made = [reconcile.Check(figure("percent", 0.5, id="growth"), 1.5, "differs", None)]
    row = tables.build(stats.with_reconciliation(made), ("en",))[-1].rows[0]
    assert (row["published"]["en"], row["computed"]["en"]) == ("50%", "150%")


# ------------------------------------------------------------------------------------------------------
# the counts do not depend on the order of the vocabulary's rows

def test_article_groups_in_any_order(fixture_result, monkeypatch):
    groups = reference.article_groups()
    reordered = dict(reversed(list(groups.items())))            # art14_52 (both chapters) first
    monkeypatch.setattr(reference, "article_groups", lambda: reordered)
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B)
    got = {code: (g.needs, g.states) for code, g in stats.chapter_ii.groups.items()}
    wanted = {code: (g["needs"], g["states"]) for code, g in EXPECTED_B["chapter_ii"]["groups"].items()}
    assert got == wanted
    assert (stats.combined["art14_52"].needs, stats.combined["art14_52"].states) == (5, 4)


def test_a_record_read_back_is_impossible_only_where_the_file_says_so(sample_2020):
    """statistics.json read back: a record of a figure that can be impossible (paragraph 6's 34% and 35%) but
    that the file marks as possible (a workbook where it holds) carries no reason; marked, it carries one."""
    records = json.loads(sample_2020[0].read_text(encoding="utf-8"))["reconciliation"]
    marked = [r for r in records if r["id"] in IMPOSSIBLE_2020]
    assert len(marked) == len(IMPOSSIBLE_2020) and all(r["impossible"] for r in marked)
    assert all(c.impossible is not None for c in reconcile.from_records(marked))
    unmarked = [dict(r, impossible=False) for r in marked]
    assert [c.impossible for c in reconcile.from_records(unmarked)] == [None] * len(marked)


def test_a_chapter_whose_needs_all_cite_articles_has_no_general_need(tmp_path):
    """Counted by hand: Kenya's three needs, two under chapter II (one citing article 5, one citing none) and
    one under chapter V citing article 52: chapter II has one general need, chapter V none (0, never 1)."""
    path = write_workbook(tmp_path / "w.xlsx", {
        "reviews": [["State", "Date"], ["Kenya", "2020-01-10"]],
        "needs": [["State", "Chapter", "Article", "Category"], ["Kenya", "II", 5, "other"],
                  ["Kenya", "II", None, "other"], ["Kenya", "V", 52, "other"]]})
    out = tmp_path / "s.json"
    assert cli.main(["stats", "--raw", str(path), "--cutoff", "2020-09-30", "--out", str(out)]) == 0
    by_chapter = json.loads(out.read_text(encoding="utf-8"))["by_chapter"]
    assert {c: (v["needs"], v["needs_without_article"]) for c, v in by_chapter.items()} == {"II": (2, 1),
                                                                                            "V": (1, 0)}
