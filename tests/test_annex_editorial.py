"""The editor's review of the 2020 report: the annexes, the tables, the figures' texts and the masthead, read
in the files users receive (the report's HTML, statistics.xlsx read back). The expected values come from
outside the code: the editor's counts (78 published figures computable, 76 matching, the same two differing
and impossible), the seed of the 2020 note (seeds/000: its masthead), the reference tables."""
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup

from conftest import SHIPPED_SESSIONS
from uncac_needs import figures, session, statistics
from uncac_needs.report import annex as annex_mod, render, wording

SESSION_2020 = next(p for p in SHIPPED_SESSIONS if p.stem == "2020-irg-11-2")


def page(sample_result, path, lang: str) -> BeautifulSoup:
    sess = session.load(path)
    stats = statistics.compute(sample_result.cleaned, sess.cutoff_date, sess.previous_cutoff_date)
    return BeautifulSoup(render.Report(stats, figures.draw(stats, lang), sess, lang).document(), "html.parser")


def text(tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ")).strip()


def annex(soup: BeautifulSoup, number: str) -> list:
    """The elements of an annex: from its heading to the next annex's heading."""
    heading = soup.find(id=f"annex-{number}")
    out = []
    for el in heading.find_all_next():
        if el.name in ("h2", "h3") and el.get("id", "").startswith("annex-") and el is not heading:
            break
        out.append(el)
    return out


def intro(soup: BeautifulSoup) -> str:
    return text(next(el for el in annex(soup, "III") if el.name == "p"))


@pytest.fixture(scope="module")
def pages_2020(sample_result):
    return {lang: page(sample_result, SESSION_2020, lang) for lang in ("en", "zh")}


def test_1_the_reconciliation_opening_counts_the_two_differing_figures_once(pages_2020):
    assert intro(pages_2020["en"]) == (
        "Of the 78 figures in the published note that can be computed from the workbook, 76 match. The two that "
        "differ are listed below; neither can be reconciled with the other figures the note publishes, and the "
        "reason column says why.")
    assert intro(pages_2020["zh"]) == (
        "已公布说明中可根据工作簿计算的数字共78个，其中76个一致。不一致的2个数字列于下表；"
        "这两个数字均与说明所载其他数字相互矛盾，原因栏说明其理由。")


@pytest.mark.parametrize("path", [p for p in SHIPPED_SESSIONS if p.stem != "2020-irg-11-2"], ids=lambda p: p.stem)
def test_1_other_sessions_all_match(sample_result, path):
    """2019 (3 figures) and 2021 (18) match every computable published figure on the sample."""
    n = {"2019-cosp-8": ("three", "3"), "2021-irg-12": ("18", "18")}[path.stem]
    assert intro(page(sample_result, path, "en")) == \
        f"The {n[0]} figures in the published note that can be computed from the workbook all match."
    assert intro(page(sample_result, path, "zh")) == f"已公布说明中可根据工作簿计算的{n[1]}个数字全部一致。"


def row(status, impossible=False):
    return annex_mod.Reconciled("x", status, impossible, "", "", "", "", "", "")


@pytest.mark.parametrize("rows, en, zh", [
    ([row("match")] * 3 + [row("differs")] * 2,
     "Of the five figures in the published note that can be computed from the workbook, three match. The two that "
     "differ are listed below, each with its reason.",
     "已公布说明中可根据工作簿计算的数字共5个，其中3个一致。不一致的2个数字列于下表，并逐一说明原因。"),
    ([row("match")] * 3 + [row("differs", True), row("differs"), row("differs")],
     "Of the six figures in the published note that can be computed from the workbook, three match. The three that "
     "differ are listed below, each with its reason. Of these, one cannot be reconciled with the other figures the "
     "note publishes; the reason column says why.",
     "已公布说明中可根据工作簿计算的数字共6个，其中3个一致。不一致的3个数字列于下表，并逐一说明原因。"
     "其中1个数字与说明所载其他数字相互矛盾，原因栏说明其理由。"),
    ([row("match"), row("differs", True), row("not computed")],
     "Of the two figures in the published note that can be computed from the workbook, one matches. The one that "
     "differs is listed below; it cannot be reconciled with the other figures the note publishes, and the reason "
     "column says why. The note also gives one figure that cannot be computed from the workbook; it is listed "
     "with its reason.", None),
    ([row("not computed")] * 2,
     "The note also gives two figures that cannot be computed from the workbook; they are listed, each with its "
     "reason.", "说明另载有2个无法根据工作簿计算的数字，连同原因一并列出。"),
])
def test_1_every_case_says_each_count_once(sample_result, monkeypatch, rows, en, zh):
    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    for lang, said in (("en", en), ("zh", zh)):
        a = annex_mod.Annex(stats, wording.Wording(stats, lang))
        monkeypatch.setattr(a, "reconciliation_rows", lambda: rows)
        if said is not None:
            assert re.sub(r"<[^>]+>", "", a.reconciliation_intro()) == said


def test_16_no_space_after_chinese_punctuation_in_the_annexes(pages_2020):
    for el in annex(pages_2020["zh"], "I") + annex(pages_2020["zh"], "II") + annex(pages_2020["zh"], "III"):
        if el.name in ("p", "td", "th", "li", "caption"):
            assert not re.search(r"[。，；：）」》]\s", el.get_text()), el.get_text()


def test_2_no_empty_no_group_row_and_no_share_of_nothing(pages_2020, sample_result, tmp_path):
    for lang, none in (("en", "No regional group"), ("zh", "不属任何区域组")):
        table = pages_2020[lang].find(id="figure-III-data") or next(
            t for t in pages_2020[lang].find_all("table") if t.caption and "III" in text(t.caption) or
            t.caption and "图三" in text(t.caption))
        rows = [text(tr.find("th")) for tr in table.find("tbody").find_all("tr")]
        assert len(rows) == 5 and none not in rows, rows      # the five United Nations regional groups
    statistics.run(sample_result.cleaned, "2020-09-30", "2019-08-31", out_dir=tmp_path)
    ws = openpyxl.load_workbook(tmp_path / "statistics.xlsx")["by_region"]
    labels = [r[0] for r in ws.iter_rows(values_only=True)]
    assert "No regional group" not in labels and "African Group" in labels


def test_3_a_range_prints_its_rule(pages_2020):
    cells = {text(tr.find("th")): [text(td) for td in tr.find_all("td")]
             for tr in pages_2020["en"].find(id="table-reconciliation").find("tbody").find_all("tr")}
    assert cells["nearly 10 per cent of all needs (read as 9 to 9.99 per cent)"][0] == "9.0% – 9.99%"
    assert cells["Eastern European Group share of completed summaries is under 7 per cent"][0] == "0.0% – 6.99%"


def test_4_each_rank_row_names_its_own_article(pages_2020):
    said = [text(tr.find("th")) for tr in pages_2020["en"].find(id="table-reconciliation").find_all("tr")
            if "fourth place" in text(tr)]
    assert said == ["article 6 shares fourth place in chapter II (with article 13)",
                    "article 13 shares fourth place in chapter II (with article 6)"]


def test_23_rejected_rows_name_a_state_in_the_page_language_or_nothing(pages_2020):
    zh = " ".join(text(el) for el in annex(pages_2020["zh"], "II") if el.name == "tr")
    assert "国家（执行摘要） 11 – Holy See " in zh and "国家（执行摘要） 41 – Untied Kingdom " in zh
    assert "国家（执行摘要） 32 加纳 Ghana " in zh
    assert "采用工作表所填" in zh and "采用表中所填" not in zh


def test_25_one_english_name_a_category(sample_result):
    """The project's own sentences (no narrative files) name a category as figures and tables do."""
    sess = session.load(SESSION_2020, {"narrative": {}})
    stats = statistics.compute(sample_result.cleaned, sess.cutoff_date, sess.previous_cutoff_date)
    body = text(BeautifulSoup(render.Report(stats, figures.draw(stats, "en"), sess, "en").document(), "html.parser"))
    for other in ("research/data collection and analysis", "policymaking assistance"):
        assert other not in body
    assert "research, data collection and analysis" in body and "policymaking (policy advice)" in body


def test_26_cross_references_in_running_text_are_lower_case(pages_2020):
    body = text(pages_2020["en"])
    assert "The data of this figure (annex I)" in body and "(Annex I)" not in body
    assert "The tables behind figures I–VI" in body and "Figures I–VI" not in body


def test_27_one_order_of_the_categories(pages_2020):
    """Figure II, figure V and the tables list the categories in the vocabulary's order (categories.csv)."""
    order = ["capacity-building", "legislative assistance", "institution-building", "policymaking (policy advice)",
             "research, data collection and analysis", "facilitation of international cooperation", "other"]
    alt = [img.get("aria-label") or "" for img in pages_2020["en"].find_all(attrs={"aria-label": True})]
    alt += [text(el) for el in pages_2020["en"].find_all(class_="alt")]
    body = text(pages_2020["en"])
    fig2 = re.search(r"needs in each category, with its share of all needs: (.*?)\.", body).group(1)
    assert [item.rsplit(":", 1)[0] for item in fig2.split("; ")] == order


def test_29_the_chapters_in_the_alt_text_of_figure_i(pages_2020):
    assert "Chapter II (preventive measures): 260 (64%); Chapter V (asset recovery): 144 (36%)" in text(pages_2020["en"])
    assert "第二章（预防措施）：260（64%）；第五章（资产的追回）：144（36%）" in text(pages_2020["zh"])


def test_17_18_the_masthead_as_the_seed_prints_it(pages_2020, seeds_dir):
    seed = (seeds_dir / "000_7350e9b028e5c2ba.txt").read_text(encoding="utf-8")
    assert "Distr.: General  \n5 October 2020  \nChinese  \nOriginal: English" in seed and "\n议程项目5\n" in seed
    zh = text(pages_2020["zh"].find(class_="masthead"))
    assert "Distr.: General 5 October 2020 Chinese Original: English" in zh
    assert "议程项目5" in zh and "临时" not in zh
    en = text(pages_2020["en"].find(class_="masthead"))
    assert "Distr.: General 5 October 2020 Original: English" in en
    assert "Item 5 of the agenda" in en and "provisional" not in en


def test_18_provisional_only_when_the_session_says_so(sample_result):
    sess = session.load(SESSION_2020, {"agenda": {"item": 5, "provisional": True,
                                                  "title": {"en": "Technical assistance", "zh": "技术援助"}}})
    stats = statistics.compute(sample_result.cleaned, sess.cutoff_date, sess.previous_cutoff_date)
    for lang, said in (("en", "Item 5 of the provisional agenda"), ("zh", "临时议程项目5")):
        soup = BeautifulSoup(render.Report(stats, figures.draw(stats, lang), sess, lang).document(), "html.parser")
        assert said in text(soup.find(class_="masthead"))
