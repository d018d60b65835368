"""Figures I–VI: same bytes every run, labels in the language, no empty boxes, readable colours."""
import json

import pandas as pd
import pytest

from uncac_needs import figures, statistics
from uncac_needs.figures import fonts
from uncac_needs.plumbing.errors import UserError


@pytest.fixture(scope="module")
def stats(sample_result):
    return json.loads(statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31").to_json())


def test_same_svg_bytes_every_time(stats):
    first = figures.draw("IV", stats, "zh").svg
    assert figures.draw("IV", stats, "zh").svg == first
    assert "<svg" in first and "Date" not in first


@pytest.mark.parametrize("lang, words", [
    ("en", ["Article 5", "Article 14", "needs", "States"]),
    ("zh", ["第五条", "第十四条", "需求", "国家"]),
])
def test_labels_in_the_language_articles_in_order(stats, lang, words):
    figure = figures.draw("IV", stats, lang)
    for word in words:
        assert word in figure.svg
    first, last = words[0], words[1]
    assert figure.alt.index(first) < figure.alt.index(last)
    order = [figure.alt.index(figures.i18n.article_name(a, lang, capital=True) + ("：" if lang == "zh" else ":"))
             for a in range(5, 15)]
    assert order == sorted(order)                 # articles in numeric order, not by size


def test_captions_and_alt_text(stats):
    figure = figures.draw("I", stats, "en")
    assert figure.caption == "Figure I Technical assistance needs identified, by chapter (total: 404 needs)"
    assert "260 (64%)" in figure.alt and "144 (36%)" in figure.alt
    assert figures.draw("VI", stats, "zh").caption.startswith("图六")


def test_a_missing_glyph_is_an_error():
    frame = pd.DataFrame([("𓀀 hieroglyph", 3, 0.5)], columns=["label", "value", "share"])
    fig = figures._bars(frame, "en", ["3"], height=2)
    with pytest.raises(figures.MissingGlyph, match="Figure I cannot be drawn"):
        figures._svg(fig, "I")


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
    for colour in figures.PALETTE:
        assert contrast(colour) >= 4.5, colour
    assert contrast(figures.PALETTE[0], tuple(int(figures.PALETTE[1][i:i + 2], 16) / 255 for i in (1, 3, 5))) >= 1.5
