"""Figures I–VI: drawn once a language by the figures stage, same bytes every run, labels in the language,
no empty boxes, readable colours, each an image described by its alt text."""
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from uncac_needs import figures, statistics
from uncac_needs.figures import charts, fonts, note
from uncac_needs.plumbing.errors import UserError
from uncac_needs.vocabulary import i18n


@pytest.fixture(scope="module")
def stats(sample_result):
    return statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")


@pytest.fixture(scope="module")
def english(stats):
    return figures.draw(stats, "en")


def test_the_stage_gives_every_figure_of_the_note_in_order(english):
    assert english.lang == "en" and len(english) == 6
    assert [f.number for f in english] == ["I", "II", "III", "IV", "V", "VI"] == list(note.CONTENT)
    assert english["IV"].number == "IV"


def test_each_figure_is_an_image_described_by_its_alt_text(english):
    for figure in english:
        svg = BeautifulSoup(str(figure.svg), "html.parser").find("svg")
        assert svg["role"] == "img" and svg["aria-label"] == figure.alt
        assert figure.caption and figure.alt.endswith(".")


def test_a_notebook_shows_a_figure_as_its_svg(english):
    assert english["II"]._repr_mimebundle_() == {"image/svg+xml": str(english["II"].svg)}


def test_without_charts_a_figure_shows_its_caption_and_data(sample_result):
    """The run's statistics notebook leaves the drawing to the report: each figure as its caption and data."""
    from uncac_needs import figures, statistics

    undrawn = figures.draw(statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31"), "en", charts=False)
    bundle = undrawn["I"]._repr_mimebundle_()
    assert not undrawn["I"].svg and "image/svg+xml" not in bundle
    assert "<td>260</td>" in bundle["text/html"] and "<td>144</td>" in bundle["text/html"]   # the 2020 note's counts
    assert bundle["text/html"].startswith("<p>Figure I")


def test_the_data_of_each_figure_are_the_published_counts(english):
    """The 2020 note's figures (the sample is calibrated on them): 260 and 144 needs under chapters II
    and V; 44 completed summaries across the regional groups; 177 capacity-building needs."""
    first = english["I"].data
    assert list(first["value"]) == [260, 144]
    assert list(first["label"]) == ["Chapter II Preventive measures", "Chapter V Asset recovery"]
    assert english["III"].data["value"].sum() == 44
    assert english["VI"].data["value"].sum() == 177
    assert list(english["IV"].data.columns) == ["label", "needs", "states"]


def test_same_svg_bytes_every_time(stats):
    first = figures.draw_figure("IV", stats, "zh").svg
    assert figures.draw_figure("IV", stats, "zh").svg == first
    assert "<svg" in first and "Date" not in first


@pytest.mark.parametrize("lang, words", [
    ("en", ["Article 5", "Article 14", "needs", "States"]),
    ("zh", ["第五条", "第十四条", "需求", "国家"]),
])
def test_labels_in_the_language_articles_in_order(stats, lang, words):
    figure = figures.draw_figure("IV", stats, lang)
    for word in words:
        assert word in figure.svg
    first, last = words[0], words[1]
    assert figure.alt.index(first) < figure.alt.index(last)
    order = [figure.alt.index(i18n.article_name(a, lang, capital=True) + ("：" if lang == "zh" else ":"))
             for a in range(5, 15)]
    assert order == sorted(order)                 # articles in numeric order, not by size


def test_captions_and_alt_text(english, stats):
    figure = english["I"]
    assert figure.caption == "Figure I Technical assistance needs identified, by chapter (total: 404 needs)"
    assert "260 (64%)" in figure.alt and "144 (36%)" in figure.alt
    assert figures.draw_figure("VI", stats, "zh").caption.startswith("图六")


def test_a_missing_glyph_is_an_error():
    frame = pd.DataFrame([("𓀀 hieroglyph", 3, 0.5)], columns=["label", "value", "share"])
    fig = charts.bars(frame, ["3"], height=2)
    with pytest.raises(charts.MissingGlyph, match="Figure I cannot be drawn"):
        charts.svg(fig, "I", "alt")


def test_the_alt_text_is_an_attribute_never_markup():
    frame = pd.DataFrame([("a", 3, 0.5)], columns=["label", "value", "share"])
    alt = 'a "quoted" <b onclick=x()>text</b> & \'more\''
    svg = charts.svg(charts.bars(frame, ["3"], height=2), "I", alt)
    root = BeautifulSoup(str(svg), "html.parser").find("svg")
    assert root["aria-label"] == alt and not root.find("b")


def test_a_missing_cjk_font_names_the_package(monkeypatch):
    monkeypatch.setattr(fonts, "CJK_FONT_FILES", ("/nowhere/font.ttc",))
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    fonts.cjk_font_files.cache_clear()
    try:
        with pytest.raises(UserError, match="fonts-noto-cjk"):
            fonts.cjk_font_files()
    finally:
        fonts.cjk_font_files.cache_clear()


def contrast(hex_colour: str, background=(1.0, 1.0, 1.0)) -> float:
    """WCAG 2 contrast ratio."""
    def luminance(rgb):
        def channel(c):
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    rgb = tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    light, dark = sorted((luminance(rgb), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_palette_contrast():
    for colour in charts.PALETTE:
        assert contrast(colour) >= 4.5, colour
    assert contrast(charts.PALETTE[0], tuple(int(charts.PALETTE[1][i:i + 2], 16) / 255 for i in (1, 3, 5))) >= 1.5
