"""The PDF a reader receives, read as poppler reads it (pdftotext -bbox-layout: every word with its box):
every word, table cells included, inside the A4 page box; every column of the annex tables present; Latin
text in a Latin face; the reconciliation compact; Annex II listing every rejected need."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

# the page box of report.css: A4 (595.3 x 841.9 pt), margins 20 mm left and right
A4_WIDTH = 595.28
MARGIN = 20 / 25.4 * 72
TOLERANCE = 1.5               # half a millimetre: poppler measures a word by its glyphs' advances

NS = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The 2020 session rendered once, both languages, HTML and PDF."""
    from uncac_needs import pipeline, session

    out = tmp_path_factory.mktemp("layout") / "2020-irg-11-2"
    pipeline.run(session.load(session.DEFAULT_SESSION), session.DEFAULT_SESSION, out)
    return out


def words(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's words as (xMin, xMax, text), from poppler's reading of the PDF."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", xml))
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        assert abs(float(page.get("width")) - A4_WIDTH) < 1
        pages.append([(float(w.get("xMin")), float(w.get("xMax")), w.text or "")
                      for w in page.iter("{http://www.w3.org/1999/xhtml}word")])
    return pages


def text(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def annex_pages(pdf: Path, pages: list) -> list[int]:
    """The numbers (from 0) of the pages from Annex I on."""
    first = next(i for i in range(len(pages)) if re.search(r"Annex I\b|附件一", text(pdf, "-f", str(i + 1), "-l", str(i + 1))))
    return list(range(first, len(pages)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_word_inside_the_page_box(report, lang):
    pdf = report / lang / "report.pdf"
    pages = words(pdf)
    right = A4_WIDTH - MARGIN + TOLERANCE
    outside = [(i + 1, w, x1) for i, page in enumerate(pages) for x0, x1, w in page
               if x1 > right or x0 < MARGIN - TOLERANCE]
    assert not outside, f"words outside the page box (page, word, right edge): {outside[:10]}"
    assert annex_pages(pdf, pages)


def test_regional_groups_table_keeps_its_chapter_columns(report):
    """The Annex I table of regional groups shows its last columns (chapter II, chapter V, share of
    chapter V): the African Group's row carries its values to the end (the sample's 280 needs of the
    group: 190 under chapter II, 90 under chapter V)."""
    flat = text(report / "en" / "report.pdf", "-layout")
    block = flat[flat.index("regional groups of the States"):]
    block = block[:block.index("Figure IV")]
    african = re.search(r"African[^\n]*", block)[0]
    assert re.search(r"\b190\b.*\b90\b.*32\.1%", african), african      # 90 / 280 = 32.1%


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_latin_text_in_a_latin_face(report, lang):
    """English is set in a Latin font, not in the Latin glyphs of the CJK font; Chinese in the CJK font."""
    fonts = subprocess.run(["pdffonts", str(report / lang / "report.pdf")], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = [line.split()[0].split("+")[-1] for line in fonts]
    latin = [n for n in names if "CJK" not in n]
    assert latin, names
    if lang == "zh":
        assert any("CJK" in n for n in names)


def test_reconciliation_is_compact(report):
    """The PDF's reconciliation: how many figures match, then only those that differ or cannot be
    computed; the 'not computed' reason said once per figure at most, nothing 'explained below' that is
    not below. The 2020 note's two growth figures (34% and 35%) differ."""
    flat = text(report / "en" / "report.pdf", "-layout")
    annex = flat[flat.index("Annex III"):]
    annex = annex[:annex.index("Annex IV")]
    assert "34%" in annex and "35%" in annex
    assert annex.count("matches") <= 1
    assert annex.count("are not computed") <= 1
    pages = {m for m in re.findall(r"Page (\d+) of", annex)}
    assert len(pages) <= 2, "the reconciliation takes at most two pages"
    html = (report / "en" / "report.html").read_text(encoding="utf-8")
    assert html.count(">matches<") >= 60        # the full list stays in the HTML


def test_annex_ii_lists_every_rejected_need(report):
    """The sample's rejected needs (the sample's script rejects rows 47, 94, 237, 285, 333 and 380 of sheet
    'TA needs' on purpose: an article out of scope, an article against its chapter, no chapter or article, an
    unknown category, a State without a summary twice) each in Annex II with its row, State and reason (the
    catalog's name of the rule; the cleaning log has the full sentence)."""
    flat = text(report / "en" / "report.pdf", "-raw")
    annex = flat[flat.index("Annex II."):flat.index("Annex III.")]
    annex = " ".join(annex.split())
    for row, state, reason in ((47, "Kenya", "article outside chapters II and V"),
                               (94, "Nigeria", "article contradicts the chapter"),
                               (237, "Senegal", "neither chapter nor article"),
                               (285, "Malawi", "category not recognised"),
                               (333, "Eswatini", "State has no completed executive summary"),
                               (380, "Eswatini", "State has no completed executive summary")):
        assert re.search(rf"\b{row} {state}\b.*?{reason}", annex), row


def test_the_rejected_rows_listed_are_those_within_the_cutoff(sample_result):
    """A rejected row dated after the cutoff would not have counted: the sample's row 41 of the summaries
    ('Untied Kingdom', completed 2020-02-11) is listed at the 2020 cutoff, not at the 2019 one; a need's date is
    its State's summary date (Kenya's row 47: 2018), a row without a date (Eswatini's 'pending') is listed."""
    from uncac_needs import statistics

    def listed(cutoff):
        stats = statistics.compute(sample_result.cleaned, cutoff)
        return {(r.sheet, r.row) for r in stats.cleaning_rejected or []}

    assert {("reviews", 41), ("reviews", 64), ("needs", 47)} <= listed("2020-09-30")
    at_2019 = listed("2019-08-31")
    assert ("reviews", 41) not in at_2019 and {("reviews", 64), ("needs", 47)} <= at_2019
