"""Every sentence reads naturally for any values: many, one, none, no previous analysis."""
import re

import pytest

from fixture_workbook import CUTOFF_A, CUTOFF_B
from conftest import SHIPPED_SESSIONS
from uncac_needs import figures, session, statistics
from uncac_needs.plumbing import config
from uncac_needs.report import render

SESSIONS = SHIPPED_SESSIONS


def text_of(stats, sess, lang: str) -> str:
    html = render.Report(stats, figures.draw(stats, lang), sess, lang).document()
    html = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    html = re.sub(r'<span class="fn">.*?</span>', "", html, flags=re.S)
    html = re.sub(r'<sup class="fn-ref">.*?</sup>', "", html, flags=re.S)
    html = re.sub(r"</?a\b[^>]*>", "", html)         # a link (a figure to its rows) is inline: no space for it
    html = re.sub(r'<span class="doc-symbol">(.*?)</span>', r"\1", html)     # so is a document symbol kept whole
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def running(text: str) -> str:
    """The running text: what comes before the annexes (whose tables print counts as figures), without the
    charts' captions and data (Figure I…VI up to the sentence that points to its table)."""
    text = text.split(" Annexes ")[0]
    return re.sub(r" (Figure|图)\s?[IVX一二三四五六]+ .*?(\(Annex I\)|（附件一）|$)", " ", text)


def sentences_ok(text: str, lang: str) -> None:
    assert "{{" not in text and "{%" not in text
    for bad in (r"\b0 States \(0%\)", r"\bNone\b(?! of)", r"\bnan\b", r" \.", r" ,"):
        assert not re.search(bad, text), bad
    prose = running(text)      # tables print a count beside the next cell's words ('1 | States that …')
    for bad in (r"\b1 States\b", r"\b1 needs\b", r"\b0 States\b", r"\b0 needs\b", r"\(0%\)", r"\(0 per cent\)"):
        assert not re.search(bad, prose), bad


@pytest.mark.parametrize("path", SESSIONS, ids=[p.stem for p in SESSIONS])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_shipped_session(sample_result, path, lang):
    sess = session.load(path)
    stats = statistics.compute(sample_result.cleaned, sess.cutoff_date, sess.previous_cutoff_date)
    text = text_of(stats, sess, lang)
    sentences_ok(text, lang)
    needs = {"2019-cosp-8": "282", "2020-irg-11-2": "404", "2021-irg-12": "455"}[sess.id]
    # the number stands as the count of needs in the sentence, not inside another number or a date
    stated = {"en": rf"(?<![\d,.]){needs} (individual )?needs( in all)?\b", "zh": rf"(?<![\d,.]){needs}项(单项)?需求"}[lang]
    assert re.search(stated, text), stated


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_small_numbers(fixture_result, lang):
    sess = session.load(session.DEFAULT_SESSION, {"narrative": {}})     # the default paragraphs
    stats = statistics.compute(fixture_result.cleaned, CUTOFF_B, CUTOFF_A)
    text = text_of(stats, sess, lang)
    sentences_ok(text, lang)
    if lang == "en":
        # the Western European group: one summary, no needs
        assert "The Western European and other States Group accounts for one of the five completed executive " \
               "summaries (20 per cent), but its State did not identify a need" in text
        # articles 5 and 6 at cutoff B: rows 3 and 13 capacity-building, row 4 legislative assistance
        assert "By category of assistance, they are led by capacity-building (two needs), followed by legislative " \
               "assistance (one)." in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_yet(fixture_result, lang):
    sess = session.load(session.DEFAULT_SESSION, {"cutoff_date": "2016-01-01", "previous_cutoff_date": "2015-06-30",
                                                  "narrative": {}})     # the default paragraphs
    stats = statistics.compute(fixture_result.cleaned, "2016-01-01", "2015-06-30")
    text = text_of(stats, sess, lang)
    sentences_ok(text, lang)
    if lang == "en":
        assert "No executive summary of the second review cycle had been completed by January 2016" in text
        assert "No needs have been identified under chapter II." in text
