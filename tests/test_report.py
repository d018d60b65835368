"""The rendered report, read as a reviewer reads it: the HTML parsed, the PDF's text and fonts extracted."""
import json
import re
import subprocess

import pytest
from bs4 import BeautifulSoup

from uncac_needs import pipeline, session
from uncac_needs.plumbing import config

HEADINGS = {
    "en": ["I. Introduction", "II. Technical assistance needs identified in the second cycle",
           "III. Needs under chapter II of the Convention (preventive measures)",
           "IV. Needs under chapter V of the Convention (asset recovery)", "V. Issues for further consideration",
           "Annex I. Statistical tables", "Annex II. Quality of the data",
           "Annex III. Reconciliation with the published figures", "Annex IV. Method and provenance"],
    "zh": ["一. 引言", "二. 第二周期确定的技术援助需求", "三. 与《公约》第二章（预防措施）有关的需求",
           "四. 与《公约》第五章（资产的追回）有关的需求", "五. 有待进一步审议的问题",
           "附件一. 统计表", "附件二. 数据质量", "附件三. 与已公布数字的核对", "附件四. 方法和数据来源"],
}
SUBSECTIONS = {
    "en": ["(articles 5 and 6)", "(articles 7 and 8)", "(article 9)", "(articles 10 and 13)", "(article 11)",
           "(article 12)", "(article 14)", "(article 52)"],
    "zh": ["（第五条和第六条）", "（第七条和第八条）", "（第九条）", "（第十条和第十三条）", "（第十一条）", "（第十二条）",
           "（第十四条）", "（第五十二条）"],
}
FIGURE_PREFIX = {"en": [f"Figure {n}" for n in ("I", "II", "III", "IV", "V", "VI")],
                 "zh": [f"图{n}" for n in "一二三四五六"]}
# the headline figures of the 2020 note, each where it stands as a figure (a bare "30" would be found in
# "30 September 2020"): (table id, row, column) of the annex tables, and the sentences that state them
HEADLINE_CELLS = {
    ("table-overview", 0, 1): "44",      # States with a completed executive summary
    ("table-overview", 1, 1): "30",      # States that identified needs
    ("table-overview", 2, 1): "404",     # needs
    ("table-by_chapter", 0, 2): "260",   # chapter II needs
    ("table-by_chapter", 1, 2): "144",   # chapter V needs
    ("table-by_category", 0, 1): "177",  # capacity-building needs
}
HEADLINE_SENTENCES = {   # the 2020 session's own words (sessions/narrative/2020-irg-11-2/), white space made
    # single (en) or removed (zh)
    "en": [r"\bExecutive summaries had been completed for 44 States by September 2020; of those States, 30 "
           r"identified 404 individual needs\b", r"\bNeeds under chapter II were identified by 23 States, 260 needs in all\b",
           r"(?<![\d,.])144 of the 404 needs\b", r"(?<![\d,.])177 of the 404 needs, or 44 per cent"],
    "zh": [r"已有44个国家完成执行摘要，其中30个国家共确定了404项单项需求", r"(?<!\d)23个国家确定了与第二章有关的需求，合计260项",
           r"404项中的144项", r"在404项需求中有177项，占44%"],
}


def headline_text(text: str, lang: str) -> str:
    return re.sub(r"\s+", "" if lang == "zh" else " ", text)


@pytest.fixture(scope="module")
def pages(default_report):
    return {lang: BeautifulSoup((default_report / lang / "report.html").read_text(encoding="utf-8"), "html.parser")
            for lang in ("en", "zh")}


def visible_text(soup) -> str:
    soup = BeautifulSoup(str(soup), "html.parser")
    for tag in soup(["style", "script", "svg"]):
        tag.decompose()
    for tag in soup.select(".fn"):       # footnotes are printed in the PDF; on screen they are listed at the end
        tag.decompose()
    for link in soup.select('a[href^="evidence.html#"]'):      # a figure's link to its rows reads as its text
        link.unwrap()
    soup.smooth()
    return soup.get_text(" ")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_section_heading(pages, lang):
    headings = [h.get_text(" ", strip=True) for h in pages[lang].find_all(["h2", "h3"])]
    for heading in HEADINGS[lang]:
        assert heading in headings, heading
    for ending in SUBSECTIONS[lang]:
        assert any(h.endswith(ending) for h in headings), ending
    assert pages[lang].find("html")["lang"] == lang


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_six_figures_with_captions_and_alt_text(pages, lang):
    figures = pages[lang].select("figure.chart")
    assert len(figures) == 6
    for figure, prefix in zip(figures, FIGURE_PREFIX[lang]):
        assert figure.figcaption.get_text().startswith(prefix)
        svg = figure.find("svg")
        assert svg is not None and svg.get("role") == "img" and len(svg.get("aria-label", "")) > 40


def test_paragraphs_numbered_the_same_in_both_languages(pages):
    numbers = {lang: [p["id"] for p in pages[lang].select("p.para")] for lang in pages}
    assert numbers["en"] == numbers["zh"]
    assert numbers["en"] == [f"para-{i}" for i in range(1, len(numbers["en"]) + 1)]
    assert len(numbers["en"]) >= 25
    keys = {lang: [p["data-key"] for p in pages[lang].select("p.para")] for lang in pages}
    assert keys["en"] == keys["zh"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_headline_figures_and_no_template_leftovers(pages, lang):
    text = visible_text(pages[lang])
    for (table, row, column), figure in HEADLINE_CELLS.items():
        cells = pages[lang].select(f"#{table} tbody tr")[row].find_all(["th", "td"])
        assert cells[column].get_text(strip=True) == figure, (table, row, column)
    for sentence in HEADLINE_SENTENCES[lang]:
        assert re.search(sentence, headline_text(text, lang)), sentence
    for leftover in ("{{", "}}", "{%"):
        assert leftover not in text, leftover
    for word in ("None", "nan", "NaN", "Undefined", "null"):
        assert not re.search(rf"\b{word}\b(?! of)", text), word        # ("None of its States …" is English)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_from_another_host(pages, lang):
    for tag in pages[lang].find_all(True):
        for attribute in ("src", "href"):
            value = tag.get(attribute)
            if value:
                assert not re.match(r"^(https?:)?//", value), value
    assert not pages[lang].find_all("script")
    assert "require.js" not in str(pages[lang]) and "mathjax" not in str(pages[lang]).lower()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_code_shown_and_banner(pages, lang):
    assert not pages[lang].select(".jp-InputArea, .input_area, pre")
    banner = pages[lang].select_one(".banner")
    assert banner is not None and ("Synthetic" in banner.get_text() or "合成样本" in banner.get_text())


def test_masthead_place_and_dates_as_each_language_writes_them(pages):
    # the 2020 note's masthead: "Vienna, 16–18 November 2020" in English, the date before the place in Chinese
    # (seed 000: "2020年11月16日至18日，维也纳")
    assert pages["en"].select_one(".masthead .place").get_text(strip=True) == "Vienna, 16–18 November 2020"
    assert pages["zh"].select_one(".masthead .place").get_text(strip=True) == "2020年11月16日至18日，维也纳"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_2020_text_states_each_chapters_needs_citing_no_article_as_its_table_does(pages, lang):
    """Issue 10: the general needs of each chapter are stated; the 2020 text gives the same numbers as the
    annex table behind Figure I (its column "needs citing no article")."""
    text = headline_text(visible_text(pages[lang]), lang)
    rows = pages[lang].select("#table-by_chapter tbody tr")
    for row, chapter in zip(rows, ("II", "V")):
        cells = [c.get_text(strip=True) for c in row.find_all(["th", "td"])]
        total, general = cells[2], cells[5]
        said = {"en": rf"Of the chapter's {total} needs, {general} cite no particular article",
                "zh": rf"该章{total}项需求中，有{general}项未援引具体条款"}[lang]
        assert re.search(said, text), (chapter, said)


def test_summary_and_paragraph_content(pages):
    en = visible_text(pages["en"])
    assert "Executive summaries had been completed for 44 States by September 2020; of those States, 30 " \
           "identified 404 individual needs between them" in en          # the summary
    assert "The count now stands at 404 individual needs, identified by 30 States as at September 2020" in en
    zh = visible_text(pages["zh"])
    assert "截至2020年9月，已有44个国家完成执行摘要" in zh and "30个国家共确定了404项单项需求" in zh


def pdf_text(path, *args) -> str:
    return subprocess.run(["pdftotext", *args, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_pages(default_report, lang):
    path = default_report / lang / "report.pdf"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages_count = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    text = pdf_text(path)
    footer = {"en": f"Page 1 of {pages_count}", "zh": f"第 1 页，共 {pages_count} 页"}[lang]
    assert footer in text
    second = pdf_text(path, "-f", "2", "-l", "2")
    assert "CAC/COSP/IRG/2020/10" in second          # the running header
    for heading in HEADINGS[lang][:5]:
        assert heading.split(". ", 1)[1][:8] in text.replace("\n", "")
    assert "\ufffd" not in text
    for sentence in HEADLINE_SENTENCES[lang]:
        assert re.search(sentence, headline_text(text, lang)), sentence


def test_chinese_pdf_embeds_a_cjk_font(default_report):
    fonts = subprocess.run(["pdffonts", str(default_report / "zh" / "report.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    cjk = [line for line in fonts if "CJK" in line]
    assert cjk and all(" yes yes " in line or line.split()[-5:-2] == ["yes", "yes", "yes"] for line in cjk)
    text = pdf_text(default_report / "zh" / "report.pdf")
    assert "第二周期国别审议所确定的技术援助需求分析" in text.replace("\n", "").replace(" ", "")


def test_report_folder(default_report):
    names = {p.relative_to(default_report).as_posix() for p in default_report.rglob("*") if p.is_file()}
    assert {"index.html", "statistics.json", "statistics.xlsx", "cleaning_log.csv", "manifest.json",
            "en/report.html", "zh/report.html", "en/report.pdf", "zh/report.pdf", "notebooks/clean.ipynb",
            "notebooks/statistics.ipynb", "notebooks/report.en.ipynb", "notebooks/report.zh.ipynb"} <= names
    manifest = json.loads((default_report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["generator"] == "uncac-needs" and manifest["session"] == "2020-irg-11-2"
    assert manifest["parameters"]["cutoff_date"] == "2020-09-30"
    assert manifest["inputs_sha256"]["data/raw/ta_needs_sample.xlsx"] == \
        __import__("hashlib").sha256(config.SAMPLE_WORKBOOK.read_bytes()).hexdigest()
    assert "pandas" in manifest["packages"] and manifest["synthetic_workbook"] is True
    stats = json.loads((default_report / "statistics.json").read_text(encoding="utf-8"))
    assert stats["overview"] == {"states_completed": 44, "states_with_needs": 30, "needs": 404}
    index = BeautifulSoup((default_report / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in index.find_all("a")}
    assert {"en/report.html", "zh/report.html", "en/report.pdf", "zh/report.pdf", "statistics.xlsx"} <= hrefs
    for href in hrefs:
        assert (default_report / href).exists(), href
    assert not list(default_report.parent.glob(".*partial*"))


def test_second_run_gives_the_same_bytes(default_report, tmp_path):
    again = tmp_path / "again"
    pipeline.run(session.load(session.DEFAULT_SESSION), session.DEFAULT_SESSION, again)
    for name in ("statistics.json", "statistics.xlsx", "cleaning_log.csv", "en/report.html", "zh/report.html",
                 "index.html"):
        assert (again / name).read_bytes() == (default_report / name).read_bytes(), name
