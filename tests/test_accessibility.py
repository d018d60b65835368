"""Accessibility basics in both languages: headings in order, figures described, tables with headers."""
import pytest
from bs4 import BeautifulSoup


@pytest.fixture(scope="module")
def pages(default_report):
    return {lang: BeautifulSoup((default_report / lang / "report.html").read_text(encoding="utf-8"), "html.parser")
            for lang in ("en", "zh")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_headings_in_order(pages, lang):
    levels = [int(h.name[1]) for h in pages[lang].find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, levels


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figures_have_alt_text_and_captions(pages, lang):
    for figure in pages[lang].select("figure"):
        assert figure.figcaption and figure.figcaption.get_text(strip=True)
        svg = figure.find("svg")
        assert svg["role"] == "img" and svg["aria-label"].strip()
        assert figure.select_one(".alt").get_text(strip=True) == svg["aria-label"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tables_have_captions_and_header_cells(pages, lang):
    tables = pages[lang].find_all("table")
    assert len(tables) >= 12
    for table in tables:
        assert table.caption and table.caption.get_text(strip=True)
        heads = table.select("thead th")
        assert heads and all(th.get("scope") == "col" for th in heads)
        for row in table.select("tbody tr"):
            assert row.find("th", scope="row")


def test_language_declared_on_every_mixed_part(default_report):
    index = BeautifulSoup((default_report / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert index.html["lang"] == "en" and index.find("section", lang="zh")
    for span in index.select("li span"):
        assert span.get("lang") in ("en", "zh")
