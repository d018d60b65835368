"""Text never becomes code: hostile text is shown as text, escaped once, in the HTML and in the PDF."""
import pytest
import weasyprint
from bs4 import BeautifulSoup

from uncac_needs import figures, session, statistics
from uncac_needs.report import render
from uncac_needs.plumbing.provenance import Provenance

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">{{ 7*7 }}'


@pytest.fixture(scope="module")
def hostile_page(sample_result, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    narrative = tmp / "intro.md"
    narrative.write_text(
        "A paragraph with *Markdown* and a [link](https://example.org) and "
        "<script>alert('x')</script><b onclick=\"steal()\">raw HTML</b> "
        "[a trap](javascript:alert(3)) {{ 7*7 }}.\n\n"
        "<iframe src=\"https://evil.example\"></iframe>Second paragraph.\n\nThird.\n",
        encoding="utf-8")
    sess = session.load(session.DEFAULT_SESSION, {
        "meeting": {"organ": "implementation_review_group", "session": {"en": HOSTILE, "zh": HOSTILE},
                    "place": {"en": "Vienna <b>", "zh": "维也纳"}, "start_date": "2020-11-16", "end_date": "2020-11-18"},
        "document": {"symbol": 'CAC/"><script>alert(4)</script>', "date": "2020-10-05"},
        "narrative": {"en": {"introduction": str(narrative)}},
    })
    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    prov = Provenance(workbook=f"data/raw/{HOSTILE}.xlsx", workbook_sha256="0" * 64, synthetic=True, version="t")
    report = render.Report(stats, figures.draw(stats, "en"), sess, "en", prov)
    html = "<html><body>" + report.document() + "</body></html>"
    return html, BeautifulSoup(html, "html.parser")


def test_no_markup_from_text(hostile_page):
    html, soup = hostile_page
    assert not soup.find_all(["script", "iframe", "img"])
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert not name.startswith("on"), (tag.name, name)
            values = value if isinstance(value, list) else [value]
            assert not any(str(v).strip().lower().startswith("javascript:") for v in values)


def test_shown_as_text_escaped_once(hostile_page):
    html, soup = hostile_page
    text = soup.get_text(" ")
    assert "<script>alert(1)</script>" in text                # the reader sees the characters …
    assert "&lt;script&gt;alert(1)" in html                    # … escaped once in the source
    assert "&amp;lt;" not in html                              # … not twice
    assert "{{ 7*7 }}" in text                                  # never evaluated as a template


def test_narrative_markdown_kept_raw_html_removed(hostile_page):
    _, soup = hostile_page
    first = soup.select_one('p[data-key="introduction"]')
    assert first.find("em").get_text() == "Markdown"
    assert first.find("a", href="https://example.org")
    assert not first.find("b") and "steal" not in str(first)
    assert len(soup.select('p[data-key="introduction"]')) == 3


def test_pdf_shows_the_text(hostile_page, tmp_path):
    html, _ = hostile_page
    pdf = tmp_path / "x.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    import subprocess

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "<script>alert(1)</script>" in text.replace("\n", "")
