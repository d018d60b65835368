"""The editor's review of the 2020 note (the analyst's narrative) and of the 2019 note (the default
paragraphs): each defect, by the editor's number, checked on the rendered report as the editor wrote the
corrected sentence with the sample's figures."""
import pytest
from bs4 import BeautifulSoup

from conftest import SHIPPED_SESSIONS
from uncac_needs import figures, session, statistics
from uncac_needs.report import render

_CACHE: dict = {}


def rendered(sample_result, sid: str, lang: str) -> tuple[dict[int, str], list[str]]:
    """The report's numbered paragraphs (number → text) and its footnotes' texts."""
    if (sid, lang) not in _CACHE:
        path = next(p for p in SHIPPED_SESSIONS if p.stem == sid)
        sess = session.load(path)
        stats = statistics.compute(sample_result.cleaned, sess.cutoff_date, sess.previous_cutoff_date)
        soup = BeautifulSoup(render.Report(stats, figures.draw(stats, lang), sess, lang).document(), "html.parser")
        for fn in soup.select("p.para span.fn, p.para sup.fn-ref"):
            fn.decompose()
        paras = {int(p["id"].split("-")[1]): " ".join(p.get_text().split()) for p in soup.select("p.para[id^=para-]")}
        notes = [" ".join(li.get_text().split()) for li in soup.select("section.footnotes li")]
        _CACHE[sid, lang] = paras, notes
    return _CACHE[sid, lang]


def para(sample_result, sid, lang, n):
    return rendered(sample_result, sid, lang)[0][n]


# ------------------------------------------------------------------ 2020: the analyst's narrative
def test_5_recommended_that(sample_result):
    text = para(sample_result, "2020-irg-11-2", "en", 47)
    assert "it was recommended that nearly a third of the States reviewed bring their definition of " \
           "\"politically exposed persons\" into line with the Convention" in text
    assert "were recommended to" not in text


def test_6_and_28_articles_14_and_52_as_shares(sample_result):
    # 40 needs of 404 (9.9 per cent: less than 10), of 144 under chapter V (27.8: more than a quarter)
    assert "they come to 40, or less than 10 per cent of all the needs identified and more than a quarter " \
           "(28 per cent) of those under chapter V." in para(sample_result, "2020-irg-11-2", "en", 43)
    assert "共40项，占所确定需求总数的不到10%，占第五章需求的四分之一以上（28%）。" \
           in para(sample_result, "2020-irg-11-2", "zh", 43)


def test_7_contrary_to_the_overall_pattern(sample_result):
    text = para(sample_result, "2020-irg-11-2", "en", 13)
    assert "Contrary to the overall pattern, 68 per cent" in text and "Unlike" not in text


def test_8_given_the_small_number(sample_result):
    assert "Given the small number of needs identified under article 12 (11), this suggests that the engagement " \
           "of the private sector remains an important area in which technical assistance may need to be " \
           "stepped up." in para(sample_result, "2020-irg-11-2", "en", 49)
    assert "而第十二条下确定的需求很少（11项），这表明私营部门的参与仍是一个重要领域，可能需要在这方面加大技术援助力度。" \
           in para(sample_result, "2020-irg-11-2", "zh", 49)


def test_9_carrying_out_activities(sample_result):
    assert "; and carrying out activities in asset recovery, in education and with the private sector." \
           in para(sample_result, "2020-irg-11-2", "en", 3)


def test_19_the_categorys_name(sample_result):
    text = para(sample_result, "2020-irg-11-2", "zh", 16)
    assert "获得决策援助" in text and "决策咨询" not in text


def test_21_see_the_document(sample_result):
    notes = rendered(sample_result, "2020-irg-11-2", "zh")[1]
    assert sum(n.endswith("关于这些需求的进一步介绍和分析，见CAC/COSP/IRG/2016/13。") for n in notes) == 2
    assert not [n for n in notes if "对这些需求作了进一步介绍和分析" in n]


def test_22_only_three_states(sample_result):
    assert "然而，只有3个国家确定了专门涉及政治公众人物的需求。" in para(sample_result, "2020-irg-11-2", "zh", 47)


# ------------------------------------------------------------------ 2019: the default paragraphs
def test_11_the_subject_agrees_with_the_first_place(sample_result):
    assert "The article with most needs is article 5 (35 needs), followed by articles 6 and 9 (23 each)." \
           in para(sample_result, "2019-cosp-8", "en", 14)
    assert "The article of chapter V with most needs is article 51 (27 needs)" \
           in para(sample_result, "2019-cosp-8", "en", 23)


def test_12_chapter_v_opening(sample_result):
    assert para(sample_result, "2019-cosp-8", "en", 22).startswith(
        "22. All 17 States with needs identified needs under chapter V (asset recovery): 97 in all, or 34 per cent "
        "of all needs.")


def test_13_the_real_demand(sample_result):
    assert "(nine) may understate the real demand," in para(sample_result, "2019-cosp-8", "en", 7)


def test_14_combined_footnote(sample_result):
    notes = rendered(sample_result, "2019-cosp-8", "en")[1]
    assert [n for n in notes if n.endswith("so the figure expressed as a share of the chapter V needs is a "
                                           "comparison, not a part of that chapter.")]


def test_15_the_rankings_last_separator(sample_result):
    assert "其次是第五十四条（21项）和第五十二条（14项）" in para(sample_result, "2019-cosp-8", "zh", 23)


@pytest.mark.parametrize("sid", ["2019-cosp-8", "2020-irg-11-2"])
def test_20_rounding_note(sample_result, sid):
    notes = rendered(sample_result, sid, "zh")[1]
    assert [n for n in notes if "均按四舍五入取整" in n] and not [n for n in notes if "远离零" in n]


def test_24_more_than_half_in_chinese(sample_result):
    paras = rendered(sample_result, "2019-cosp-8", "zh")[0]
    assert "（占确定了需求的国家的半数以上）" in paras[15]
    assert not [n for n, t in paras.items() if "超过确定了需求的国家的半数" in t]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_30_successive_regional_paragraphs_worded_differently(sample_result, lang):
    # 2019: the Asia-Pacific (5 of 27 summaries, 38 of 282 needs), Latin American and Caribbean (5 of 27, 20 of
    # 282) and Western European (3 of 27, 2 of 282) groups all have a smaller share of the needs than of the
    # summaries; the African, Asia-Pacific and Latin American groups' needs divide like all needs
    paras = rendered(sample_result, "2019-cosp-8", lang)[0]
    regional = " ".join(paras[n] for n in range(9, 14))
    although, like = {"en": ("Although", "much as all needs do"), "zh": ("虽然", "两章之间的分布与总体情况相近，")}[lang]
    assert regional.count(although) == 1 and regional.count(like) == 1
    expected = {
        "en": {12: "The Latin American and Caribbean Group likewise accounts for a smaller share of the needs than of "
                   "the completed executive summaries: 7 per cent of all needs (20 of 282), against 19 per cent of the "
                   "completed executive summaries (5 of 27).",
               13: "The same is true of the Western European and other States Group: it accounts for 3 of the 27 "
                   "completed executive summaries (11 per cent) but for only 1 per cent of all needs (2 of 282)."},
        "zh": {12: "拉丁美洲和加勒比国家组的需求所占比例也低于其执行摘要所占比例：已完成的27份执行摘要中有5份（19%）来自该组，"
                   "但需求仅占全部需求的7%（282项中的20项）。",
               13: "就西欧和其他国家组而言，已完成的执行摘要占11%（27份中的3份），需求却仅占1%（282项中的2项），"
                   "同样是需求所占比例低于执行摘要所占比例。"},
    }[lang]
    for n, sentence in expected.items():
        assert sentence in paras[n], (n, paras[n])
