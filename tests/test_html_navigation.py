"""The HTML a reader opens, navigated as a reader would: a table of contents after the masthead, every link
inside the page leading somewhere, each figure linked to its data table and back, each paragraph linked to
the same paragraph in the other language, and the landing page with the headline figures and the other
sessions' reports beside it. The files are read as they are written (html.parser), no script in any."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from uncac_needs.plumbing import config

LANGS = ("en", "zh")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """A reports/ folder as a user's: the 2019 session made first, then the 2020 one (HTML only)."""
    from uncac_needs import pipeline, session

    root = tmp_path_factory.mktemp("navigation") / "reports"
    for name in ("2019-cosp-8", "2020-irg-11-2"):
        path = config.SESSIONS_DIR / f"{name}.yaml"
        pipeline.run(session.load(path), path, root / name, pdf=False)
    return root


@pytest.fixture(scope="module")
def pages(reports) -> dict[str, BeautifulSoup]:
    folder = reports / "2020-irg-11-2"
    return {lang: BeautifulSoup((folder / lang / "report.html").read_text(encoding="utf-8"), "html.parser")
            for lang in LANGS}


def published(key: str, cutoff: str = "2020-09-30") -> int:
    """A figure the 2020 note published (data/reference/published_figures.csv), known from outside the code."""
    with open(config.DATA_DIR / "reference" / "published_figures.csv", encoding="utf-8") as f:
        return next(int(r["published"]) for r in csv.DictReader(f) if r["cutoff"] == cutoff and r["key"] == key)


@pytest.mark.parametrize("lang", LANGS)
def test_table_of_contents_after_the_masthead(pages, lang):
    soup = pages[lang]
    toc = soup.find("nav", class_="toc")
    assert toc is not None
    assert toc.find_previous("header", class_="masthead") is not None         # after the masthead
    targets = [a["href"] for a in toc.find_all("a")]
    for section in ("section-I", "section-II", "section-III", "section-IV", "section-V", "annex-I", "annex-III"):
        assert f"#{section}" in targets
    # in the order of the page
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    positions = [ids.index(t[1:]) for t in targets]
    assert positions == sorted(positions)


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_inside_the_page_has_its_target(pages, lang):
    soup = pages[lang]
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    local = [a["href"][1:] for a in soup.find_all("a", href=True) if a["href"].startswith("#")]
    assert local and not [t for t in local if t not in ids]


@pytest.mark.parametrize("lang", LANGS)
def test_each_figure_links_to_its_data_table_and_back(pages, lang):
    soup = pages[lang]
    for number in ("I", "II", "III", "IV", "V", "VI"):
        figure = soup.find("figure", id=f"figure-{number}")
        link = figure.find("a", href=re.compile(r"^#table-"))
        assert link is not None, number
        table = soup.find("table", id=link["href"][1:])
        assert table.find_parent("section", class_="annexes") is not None           # in the annex
        back = table.caption.find("a", href=f"#figure-{number}")
        assert back is not None, number
    # Figure I's table holds the chapters' needs the 2020 note published
    by_chapter = soup.find("figure", id="figure-I").find("a", href=re.compile("^#table-"))["href"][1:]
    cells = soup.find("table", id=by_chapter).get_text(" ")
    assert str(published("by_chapter.II.needs")) in cells and str(published("by_chapter.V.needs")) in cells


def test_each_paragraph_links_to_the_same_paragraph_in_the_other_language(pages, reports):
    numbers = {lang: [p["id"] for p in pages[lang].select("p.para")] for lang in LANGS}
    assert numbers["en"] == numbers["zh"] and len(numbers["en"]) > 20
    assert numbers["en"] == [f"para-{i}" for i in range(1, len(numbers["en"]) + 1)]
    for lang, other in (("en", "zh"), ("zh", "en")):
        for p in pages[lang].select("p.para"):
            switch = p.find("a", class_="switch", hreflang=other)
            assert switch is not None and switch["href"] == f"../{other}/report.html#{p['id']}"
            target = (reports / "2020-irg-11-2" / lang / switch["href"].split("#")[0]).resolve()
            assert target == (reports / "2020-irg-11-2" / other / "report.html").resolve()
            assert switch.get_text() == ""          # the paragraph's own text holds only the paragraph
            assert switch["aria-label"] == {"en": "English", "zh": "中文"}[other]


@pytest.mark.parametrize("lang", LANGS)
def test_no_script_in_the_report_files(reports, lang):
    for path in (reports / "2020-irg-11-2" / lang / "report.html", reports / "2020-irg-11-2" / "index.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html.lower() and "javascript:" not in html.lower()


def test_landing_page_shows_the_headline_figures(reports):
    folder = reports / "2020-irg-11-2"
    soup = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    stats = json.loads((folder / "statistics.json").read_text(encoding="utf-8"))
    for lang in LANGS:
        section = soup.find("section", lang=lang)
        figures = [dt.get_text() for dt in section.select("dl.headline dt")]
        # the 2020 note's own figures (published_figures.csv), which statistics.json also holds
        expected = [published("overview.states_completed"), published("overview.states_with_needs"),
                    published("overview.needs"), published("by_chapter.II.needs"), published("by_chapter.V.needs")]
        assert figures == [str(v) for v in expected]
        assert expected[:3] == [stats["overview"][k] for k in ("states_completed", "states_with_needs", "needs")]
    assert "States with a completed executive summary" in soup.find("section", lang="en").get_text()


def test_landing_page_links_to_the_other_sessions_reports(reports):
    soup = BeautifulSoup((reports / "2020-irg-11-2" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("ul.others a")]
    assert "../2019-cosp-8/index.html" in links
    assert not [href for href in links if "2020-irg-11-2" in href]          # not itself
    for href in links:
        assert (reports / "2020-irg-11-2" / href).resolve().is_file()
    text = soup.find("section", lang="en").select_one("ul.others").get_text()
    assert "31 August 2019" in text                                        # the 2019 session's cutoff
