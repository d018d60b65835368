"""The project's default paragraphs and the figures' captions link each figure to the rows behind it (issue 12).

The 2019 session keeps the default paragraphs of sections II–IV (its narrative writes only the summary, the
introduction and section V), so its report shows them. What is checked comes from outside the code: the
figures the 2019 note published (data/reference/published_figures.csv), and a property: a count a link
prints is the number of rows (or of States) evidence.json gives for the figure it links to.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from uncac_needs.plumbing import config

LANGS = ("en", "zh")
SESSION = "2019-cosp-8"
NARRATIVE_SECTIONS = {"summary", "introduction", "needs", "chapter_ii", "chapter_v", "further_consideration"}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    from uncac_needs import pipeline, session

    path = config.SESSIONS_DIR / f"{SESSION}.yaml"
    out = tmp_path_factory.mktemp("defaults") / SESSION
    pipeline.run(session.load(path), path, out, pdf=False)
    return out


def soup(folder: Path, lang: str, page: str = "report.html") -> BeautifulSoup:
    return BeautifulSoup((folder / lang / page).read_text(encoding="utf-8"), "html.parser")


def default_paragraphs(page: BeautifulSoup) -> list:
    """The numbered paragraphs written from the catalog's templates (an analyst's carry a section's name)."""
    return [p for p in page.select("p.para") if p.get("data-key") not in NARRATIVE_SECTIONS]


def published(key: str, cutoff: str = "2019-08-31") -> int:
    with open(config.DATA_DIR / "reference" / "published_figures.csv", encoding="utf-8") as f:
        return next(int(r["published"]) for r in csv.DictReader(f) if r["cutoff"] == cutoff and r["key"] == key)


def count_in(text: str) -> int | None:
    """The count a link prints ('282 needs', '17', 'nine', '27个缔约国'); None for a share or a word like 'all'."""
    if "per cent" in text or "%" in text:
        return None
    digits = re.search(r"\d[\d,]*", text)
    if digits:
        return int(digits.group().replace(",", ""))
    word = text.split()[0].lower() if text.split() else ""
    return WORDS.get(word)


@pytest.mark.parametrize("lang", LANGS)
def test_the_default_paragraphs_link_their_figures_to_rows_that_exist(folder, lang):
    page, evidence = soup(folder, lang), soup(folder, lang, "evidence.html")
    anchors = {tag["id"] for tag in evidence.find_all(id=True)}
    paragraphs = default_paragraphs(page)
    assert len(paragraphs) >= 15            # sections II to IV of the 2019 report are the defaults
    links = [a for p in paragraphs for a in p.select("a.evidence")]
    assert len(links) > 100
    assert sorted({a["href"] for a in links if a["href"].split("#", 1)[1] not in anchors}) == []
    assert "&lt;" not in str(page)           # no link written as text
    assert all(p.select("a.evidence") for p in paragraphs if p.get("data-key") in ("comparison", "chapters"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_published_figures_of_2019_link_to_as_many_rows(folder, lang):
    """Paragraph 'comparison' states the 2019 note's 27 States, 17 of them with 282 needs: each links to its
    figure, and evidence.json has that many rows / States behind it."""
    page = soup(folder, lang)
    data = json.loads((folder / "evidence.json").read_text(encoding="utf-8"))
    paragraph = page.find("p", attrs={"data-key": "comparison"})
    for key in ("overview.states_completed", "overview.states_with_needs", "overview.needs"):
        link = paragraph.find("a", href=f"evidence.html#{key}")
        assert link is not None, key
        assert count_in(link.get_text()) == published(key)
    assert len(data["figures"]["overview.needs"]) == published("overview.needs")
    assert len(data["states"]["overview.states_with_needs"]) == published("overview.states_with_needs")


@pytest.mark.parametrize("lang", LANGS)
def test_every_count_a_link_prints_is_the_number_of_its_rows(folder, lang):
    """A property of every link of the default paragraphs and the captions: the count it prints is the number
    of States (for a figure of States) or of needs behind the figure it links to."""
    page = soup(folder, lang)
    data = json.loads((folder / "evidence.json").read_text(encoding="utf-8"))
    links = [a for p in default_paragraphs(page) for a in p.select("a.evidence")]
    links += page.select("figcaption a.evidence")
    checked = 0
    for a in links:
        key, count = a["href"].split("#", 1)[1], count_in(a.get_text())
        if count is None or key.startswith("change.") or key.endswith("_share"):
            continue
        rows = data["states"][key] if key in data["states"] else data["figures"][key]
        assert count == len(rows), (key, a.get_text())
        checked += 1
    assert checked > 80


@pytest.mark.parametrize("lang, total", [("en", "282"), ("zh", "282")])
def test_the_captions_link_the_figures_they_state(folder, lang, total):
    """Figure I's caption states the 282 needs of the 2019 note; Figure IV's the needs of chapter II and those
    citing no article: each a link to its rows."""
    page = soup(folder, lang)
    caption = page.find(id="figure-I").figcaption
    link = caption.find("a", href="evidence.html#overview.needs")
    assert link is not None and link.get_text() == total == str(published("overview.needs"))
    keys = [a["href"] for a in page.find(id="figure-IV").figcaption.select("a.evidence")]
    assert keys == ["evidence.html#by_chapter.II.needs", "evidence.html#by_chapter.II.needs_without_article"]
    assert page.find(id="figure-II").figcaption.find("a") is None          # it states no figure


def test_a_tie_names_no_single_figure(folder):
    """'articles 6 and 9 (23 each)': a count shared by several figures is no link (it would show one of them)."""
    page = soup(folder, "en")
    for a in (a for p in default_paragraphs(page) for a in p.select("a.evidence")):
        assert "each" not in a.get_text(), a

