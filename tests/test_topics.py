"""Topics of the descriptions (issue 11): the tagging on hand-tagged text in both languages, the keepers' topics
column, the counts on a small workbook counted by hand, the sample's ten figures of the 2020 note, and the
review sheet of statistics.xlsx read back."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from conftest import write_workbook

from uncac_needs import clean, statistics
from uncac_needs.statistics import tagging
from uncac_needs.vocabulary import reference

# ------------------------------------------------------------------------------------------------------
# descriptions tagged by hand (the topics an analyst reading them would note), near misses included

HAND_TAGGED = [
    ("Support to manage Conflicts of Interest in the civil service", {"conflict_of_interest"}),
    ("Strengthen the conflict-of-interest management system", {"conflict_of_interest"}),
    ("Manual on managing a conflict of interests", {"conflict_of_interest"}),
    ("加强利益冲突管理系统", {"conflict_of_interest"}),
    ("Study of interest rates and the declaration of independence", set()),              # near misses
    ("Conflict resolution and the public interest", set()),
    ("Systems to receive and verify declarations of interests, assets and gifts", {"asset_declarations"}),
    ("Officials declaring their assets online", {"asset_declarations"}),
    ("建立接收、监测和核实利益、资产和礼物申报的程序", {"asset_declarations"}),
    ("纳税申报表的电子化", set()),                                                          # a tax return
    ("Draft law on the protection of whistle-blowers", {"reporting_persons"}),
    ("Protection of whistleblowers and of reporting persons", {"reporting_persons"}),
    ("A whistle blower hotline", {"reporting_persons"}),
    ("Whistleblowing channels for public officials", {"reporting_persons"}),
    ("建立腐败行为举报平台", {"reporting_persons"}),
    ("Public reporting on the budget", set()),
    ("Statutory instrument defining Politically Exposed Persons (PEPs)", {"politically_exposed_persons"}),
    ("关于确定政治公众人物身份的经验教训", {"politically_exposed_persons"}),
    ("Digitization of the financial disclosure system", {"financial_disclosure"}),
    ("财务披露系统数字化", {"financial_disclosure"}),
    ("Budget constraints in the public sector", set()),                                   # 'train' inside a word
    ("Trainings for procurement officers", {"training"}),
    ("Train prosecutors to prepare MLA requests for asset return",
     {"training", "asset_return", "asset_return_training"}),
    ("就请求返还资产的相关程序对工作人员进行培训", {"training", "asset_return", "asset_return_training"}),
    ("Return of confiscated assets to the requesting State", {"asset_return"}),
    ("Operational capacity of anticorruption bodies", {"anti_corruption_bodies"}),
    ("提高反腐败机构执行预防政策的能力", {"anti_corruption_bodies"}),
    ("Support to develop a new anti-corruption strategy", {"policy_design"}),
    ("Preventive corruption risk assessments", {"risk_assessment"}),
    ("开展衡量腐败的调查", {"risk_assessment"}),
    ("Complaint-handling mechanism for public institutions", {"complaint_mechanisms"}),
    ("A complaints handling system for the ombudsman", {"complaint_mechanisms"}),
    ("建立投诉处理机制", {"complaint_mechanisms"}),
    ("A complaint was filed against the procurement body", set()),                       # near misses
    ("The complainant's right of appeal", set()),
    ("Study of fraud prevention strategies", {"fraud_prevention"}),
    ("Comparative studies and benchmarking of anti-fraud measures", {"fraud_prevention"}),
    ("Strategies to prevent procurement fraud", {"fraud_prevention"}),
    ("关于预防欺诈战略的比较研究", {"fraud_prevention"}),
    ("A system to detect irregularities and fraud", set()),                               # near misses
    ("就违规和欺诈行为的内部控制程序开展培训", {"training"}),
    ("FULL-WIDTH ＷＨＩＳＴＬＥ－ＢＬＯＷＥＲＳ", {"reporting_persons"}),
    ("", set()),
]


@pytest.mark.parametrize("text, topics", HAND_TAGGED)
def test_tagging_finds_what_a_reader_finds(text, topics):
    assert set(tagging.find(text)) == topics


def test_the_words_found_are_the_description_s_own():
    found = tagging.find("Support for Whistle-Blowers and a conflict-of-interest manual; 利益冲突")
    assert found == {"conflict_of_interest": ("conflict-of-interest", "利益冲突"),
                     "reporting_persons": ("whistle-blowers",)}


def test_every_keyword_of_topics_csv_finds_its_topic():
    """Each keyword, written as text ('…' as two words), carries its topic: no keyword is dead."""
    for topic in reference.topics():
        for keyword in topic.keywords_en:
            assert topic.code in tagging.find(keyword.replace("…", "of the")), (topic.code, keyword)
        for keyword in topic.keywords_zh:
            assert topic.code in tagging.find(keyword.replace("…", "和")), (topic.code, keyword)


# ------------------------------------------------------------------------------------------------------
# a small workbook counted by hand; the keepers' topics column decides where it names a topic

REVIEWS = [["State", "Summary date", "Regional group"],
           ["Kenya", dt.date(2019, 5, 10), "African Group"],
           ["Viet Nam", dt.date(2019, 7, 15), "Asia-Pacific Group"],
           ["Ecuador", dt.date(2020, 1, 20), "GRULAC"],
           ["Ghana", dt.date(2021, 2, 1), "African Group"]]             # after the cutoff: not counted
NEEDS = [
    ["No.", "State", "Chapter", "Article", "Category", "Subcategory", "Description", "主题"],
    ["T-1", "Kenya", "II", 7, "institution-building", None, "Strengthen the conflict-of-interest management system", None],
    ["T-2", "Kenya", "II", 8, "capacity-building", "training", "Training on codes of conduct", None],
    ["T-3", "Kenya", "II", 9, "capacity-building", "training", "Trainings for procurement officers", None],
    ["T-4", "Kenya", "V", 52, "legislative assistance", None, "Law on asset disclosure and on PEPs", None],
    ["T-5", "Viet Nam", "II", 7, "institution-building", None, "加强利益冲突管理系统", None],
    ["T-6", "Viet Nam", "II", 13, "legislative assistance", None, "保护举报人法案", None],
    ["T-7", "Viet Nam", "II", 5, "research, data collection and analysis", None,
     "Study of interest rates and the declaration of independence", None],
    ["T-8", "Viet Nam", "V", 54, "capacity-building", "training", "就请求返还资产的相关程序对工作人员进行培训", None],
    ["T-9", "Ecuador", "II", 8, "legislative assistance", None, "Whistleblowers' protection", "conflicts of interest; Foo"],
    ["T-10", "Ecuador", "II", 5, "policymaking (policy advice)", None,
     "Policy advice to design the national anti-corruption policy", "none"],
    ["T-11", "Ecuador", "V", 51, "other", None, "Equipment", "whistle-blowers；PEPs"],
    ["T-12", "Ghana", "II", 7, "institution-building", None, "Conflict of interest rules", None],
]
# by hand, at 2020-06-30 (Kenya, Viet Nam, Ecuador): needs and States of each topic
COUNTED = {
    "conflict_of_interest": (3, 3),           # T-1 T-5 T-9 (the column); T-12 is Ghana's
    "asset_declarations": (0, 0),
    "reporting_persons": (2, 2),              # T-6, T-11 (the column); not T-9, whose column names another
    "politically_exposed_persons": (2, 2),    # T-4, T-11 (the column)
    "financial_disclosure": (1, 1),           # T-4
    "training": (3, 2),                       # T-2 T-3 (Kenya) T-8 (Viet Nam)
    "asset_return": (1, 1), "asset_return_training": (1, 1),     # T-8
    "anti_corruption_bodies": (0, 0),
    "policy_design": (0, 0),                  # T-10: the column says none
    "risk_assessment": (0, 0),
    "complaint_mechanisms": (0, 0), "fraud_prevention": (0, 0),
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = write_workbook(tmp_path_factory.mktemp("topics") / "topics.xlsx", {"reviews": REVIEWS, "needs": NEEDS})
    result = clean.clean_workbook(path)
    return result, statistics.compute(result.cleaned, "2020-06-30")


def test_topics_counted_as_by_hand(small):
    _, stats = small
    assert {code: (t.needs, t.states) for code, t in stats.topics.items()} == COUNTED
    coi = stats.topics["conflict_of_interest"]
    assert coi.states_share == 1.0 and coi.by_chapter["II"].states == 3 and coi.by_group["7_8"].states == 3
    assert stats.topics["training"].by_article["9"].model_dump() == {"needs": 1, "states": 1}
    # chapter V: Kenya, Viet Nam and Ecuador have needs there; one of them seeks training on asset return
    assert stats.topics["asset_return_training"].by_chapter["V"].states_share == pytest.approx(1 / 3)
    assert stats.value("topics.reporting_persons.states") == 2


# by hand: Kenya is of the African Group, Viet Nam of Asia-Pacific, Ecuador of GRULAC; each need's category
CROSSED = {   # topic: {regional group or category: (needs, States)}, every other cell (0, 0)
    "conflict_of_interest": {"african": (1, 1), "asia_pacific": (1, 1), "latin_american_caribbean": (1, 1),
                             "institution_building": (2, 2), "legislative_assistance": (1, 1)},    # T-1 T-5, T-9
    "training": {"african": (2, 1), "asia_pacific": (1, 1), "capacity_building": (3, 2)},        # T-2 T-3, T-8
    "reporting_persons": {"asia_pacific": (1, 1), "latin_american_caribbean": (1, 1),
                          "legislative_assistance": (1, 1), "other": (1, 1)},                     # T-6, T-11
    "politically_exposed_persons": {"african": (1, 1), "latin_american_caribbean": (1, 1),
                                    "legislative_assistance": (1, 1), "other": (1, 1)},           # T-4, T-11
    "financial_disclosure": {"african": (1, 1), "legislative_assistance": (1, 1)},                  # T-4
    "asset_return": {"asia_pacific": (1, 1), "capacity_building": (1, 1)},                          # T-8
    "asset_return_training": {"asia_pacific": (1, 1), "capacity_building": (1, 1)},                 # T-8
}


def test_topics_crossed_with_regions_and_categories_as_by_hand(small):
    _, stats = small
    for code, topic in stats.topics.items():
        expected = CROSSED.get(code, {})
        cells = {**{f"region {k}": (c.needs, c.states) for k, c in topic.by_region.items()},
                 **{f"category {k}": (c.needs, c.states) for k, c in topic.by_category.items()}}
        assert {k: v for k, v in cells.items() if v != (0, 0)} == \
            {f"{'category' if k in reference.categories().codes else 'region'} {k}": v for k, v in expected.items()}, code
        assert set(topic.by_region) == set(reference.regions().codes)
        assert set(topic.by_category) == set(reference.categories().codes)
    assert stats.value("topics.training.by_region.african.states") == 1
    assert stats.value("topics.training.by_category.capacity_building.needs") == 3


def test_an_unknown_topic_name_is_logged_and_the_others_used(small):
    result, stats = small
    logged = [e for e in result.log if e.rule == "topic_unknown"]
    assert [(e.row, e.column, e.value, e.action) for e in logged] == [(10, "主题", "conflicts of interest; Foo", "corrected")]
    assert "'Foo' is not a topic" in logged[0].reason and "topics.csv" in logged[0].reason
    assert "“Foo”不是参考表" in logged[0].why.text("zh")
    t9 = next(t for t in stats.topic_review if t.need_id == "T-9")
    assert (t9.source, t9.topics) == ("column", {"conflict_of_interest": ("column",)})


def test_the_review_sheet_reads_back(small, tmp_path):
    _, stats = small
    statistics.write(stats, xlsx_path=tmp_path / "statistics.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "statistics.xlsx")["topics"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == ("need (id) / 需求（编号）", "State", "国家", "chapter / 章", "articles / 条款", "category", "类别",
                       "description / 需求说明", "topics decided by", "主题确定依据", "topics", "主题",
                       "words that carry them / 据以确定主题的词语")
    by_id = {r[0]: r for r in rows[2:]}
    assert list(by_id) == [f"T-{i}" for i in range(1, 12)]            # every need of the cutoff, in order
    assert by_id["T-1"][10:] == ("conflicts of interest", "利益冲突", "conflict_of_interest: conflict-of-interest")
    assert by_id["T-8"][1:3] == ("Viet Nam", "越南") and by_id["T-8"][12] == (
        "training: 培训; asset_return: 返还资产; asset_return_training: 培训, 返还资产")
    assert by_id["T-9"][8:12] == ("the keepers' topics column", "工作簿的主题列", "conflicts of interest", "利益冲突")
    assert by_id["T-7"][10:] == (None, None, None)                     # the near misses carry nothing
    counts = {r[0]: r[1:] for r in openpyxl.load_workbook(tmp_path / "statistics.xlsx")["topic_counts"]
              .iter_rows(min_row=3, values_only=True)}
    # zh name, needs, States, share of the 3 States with needs, States under chapter II, under chapter V
    assert counts["conflicts of interest"] == ("利益冲突", 3, 3, 1.0, 3, 0)
    assert counts["training"][:3] == ("培训", 3, 2) and counts["training"][4:] == (1, 1)
    assert counts["politically exposed persons"] == ("政治公众人物", 2, 2, pytest.approx(2 / 3), 0, 2)


# ------------------------------------------------------------------------------------------------------
# the sample: the ten figures of the 2020 note that only the descriptions tell

NOTE_2020 = {   # published figure: what the note states (paragraph)
    "2020-inst-56": 10, "2020-pol-56": 4, "2020-res-56": 5,            # 16, 20
    "2020-coi": 10, "2020-declarations": 6, "2020-whistle": 5,         # 22, 23
    "2020-art9-training": 8, "2020-pep": 3,                            # 28, 47
    "2020-res-56-african": 4, "2020-whistle-legislative": 3,           # 20, 23
    "2020-whistle-capacity": 3, "2020-complaints": 2,                  # 24
    "2020-fraud-studies": 4,                                           # 27
}


@pytest.fixture(scope="module")
def stats_2020(sample_result):
    return statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")


def test_the_sample_meets_the_ten_figures(stats_2020):
    figures = {c.figure.id: c for c in stats_2020.reconciliation}
    for figure_id, stated in NOTE_2020.items():
        assert figures[figure_id].computed == stated and figures[figure_id].status == "match", figure_id
    over_a_third = stats_2020.value("topics.asset_return_training.by_chapter.V.states_share")     # paragraph 39
    assert 1 / 3 < over_a_third < 1 / 2
    nearly_a_quarter = stats_2020.value("topics.financial_disclosure.states_share")               # paragraph 46
    assert 0.2 <= nearly_a_quarter < 0.25
    assert figures["2020-ch5-training"].status == figures["2020-disclosure"].status == "match"
    assert not [c.figure.id for c in stats_2020.reconciliation if c.status == "not computed"]
    assert sorted(c.figure.id for c in stats_2020.reconciliation if c.status == "differs") == \
        ["2020-ch2-growth", "2020-ch5-growth"]                           # the two that cannot hold together


def test_the_sample_tags_both_languages(stats_2020):
    tagged = [t for t in stats_2020.topic_review if t.topics]
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t.description) for t in tagged)
    assert any(t.description.isascii() for t in tagged)


# ------------------------------------------------------------------------------------------------------
# topics.csv is checked when read

@pytest.mark.parametrize("old, new, says", [
    (",V,training; asset_return", ",V,training; asset_returns",
     "the column 'requires' names 'asset_returns', which is not a topic on an earlier line"),
    ("政治敏感人物,52,V,", "政治敏感人物,52; 99,V,", "the column 'articles' names article 99, which is not in articles.csv"),
])
def test_a_wrong_topics_csv_is_named(reference_copy, old, new, says):
    path = reference_copy / "topics.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(reference.ReferenceFileError, match="topics.csv, line") as err:
        reference.topics()
    assert says in str(err.value)


def test_a_topic_the_keepers_name_brings_its_parts_and_its_whole():
    """Training on asset-return procedures is training, and about requests for the return of assets (and back)."""
    assert tagging.with_required(["asset_return_training"]) == ("training", "asset_return", "asset_return_training")
    assert tagging.with_required(["asset_return", "training"]) == ("training", "asset_return", "asset_return_training")
    assert tagging.with_required(["training"]) == ("training",)


def test_the_sample_s_themes_column_agrees_with_its_descriptions(sample_result):
    """The keepers tagged some needs in the Themes column: the topics it names are those the description carries."""
    needs = sample_result.cleaned.tables.needs
    tagged = needs[needs["topics"].notna()]
    assert len(tagged) >= 10
    for description, cell in zip(tagged["description"], tagged["topics"]):
        assert set(tagging.with_required(cell.split(";"))) == set(tagging.find(description)), description
