"""A share stated as the published note states it (issue 10): the 2020 note says the Eastern European Group
has "less than 7 per cent" of the completed summaries (seed: 不到7%), 3 of 44 = 6.8 per cent. The narrative
writes it live with the filter `bound`, right on other data too."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from uncac_needs import session, statistics
from uncac_needs.report import check, names


def bound(share: float, lang: str) -> str:
    return names.filters(lang)["bound"](names.wrap("by_chapter.II.share", share))


@pytest.mark.parametrize("share, en, zh", [
    (3 / 44, "less than 7\u00a0per cent", "不到7%"),          # 6.82
    (1 / 5, "20\u00a0per cent", "20%"),                      # exact
    (0.285, "less than 29\u00a0per cent", "不到29%"),        # 28.5 rounds half away from zero, to 29
    (0.0642, "more than 6\u00a0per cent", "超过6%"),
    (0.0042, "more than 0.4\u00a0per cent", "超过0.4%"),      # 0.42: a share that would round to 0 keeps a decimal
    (0.0, "0\u00a0per cent", "0%"),
])
def test_a_share_as_a_bound(share, en, zh):
    assert (str(bound(share, "en")), str(bound(share, "zh"))) == (en, zh)


def test_bound_takes_a_share_only():
    with pytest.raises(names.NarrativeNameError, match="takes a share"):
        names.filters("en")["bound"](names.wrap("overview.needs", 404))


def paragraph_13(stats, lang: str) -> str:
    html = check.render(stats, session.load(session.DEFAULT_SESSION), lang).document()
    return BeautifulSoup(html, "html.parser").select_one("p#para-13").get_text()


@pytest.mark.parametrize("lang, stated", [("en", "(less than 7\u00a0per cent)"), ("zh", "（不到7%）")])
def test_paragraph_13_states_the_share_as_the_note_does(sample_result, lang, stated):
    """The sample at 2020-09-30: 3 of the 44 summaries from the Eastern European Group, as published."""
    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    text = paragraph_13(stats, lang)
    assert stated in text and ("3 of the 44" in text or "44份执行摘要中的3份" in text)


@pytest.mark.parametrize("lang, stated", [("en", "only 1 of the 5 executive summaries (20\u00a0per cent)"),
                                          ("zh", "5份执行摘要中的1份（20%）")])
def test_paragraph_13_on_other_data(fixture_result, lang, stated):
    """The hand-counted fixture: the Eastern European Group has 1 of the 5 summaries (Georgia), 20 per cent
    exactly: no bound."""
    stats = statistics.compute(fixture_result.cleaned, "2020-09-30", "2019-08-31")
    assert stated in paragraph_13(stats, lang)
