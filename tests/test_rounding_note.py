"""The rounding note in an analyst's narrative (issue 10, item 4): shares shown together that do not add up to
100 once rounded say so once, in the report's rounding footnote, where the shares are shown; shares that add
up carry no note. The 2020 session's narrative places it through `rounding.<theme>` (docs/narrative.md)."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from uncac_needs import session, statistics
from uncac_needs.report import check, names

# the catalog's rounding footnote, as a reader reads it
NOTE = {"en": "may therefore not add up to exactly 100", "zh": "之和可能不完全等于100%"}


def shares(*values: float, field: str = "share") -> dict:
    return {str(i): {field: v} for i, v in enumerate(values)}


def test_rounding_by_theme_from_hand_counted_shares():
    # chapters 1/2 + 1/2 = 100; categories 11/21 4/21 2/21 and four of 1/21: 52 + 19 + 10 + 4 x 5 = 101;
    # regions 8/21 6/21 4/21 3/21: 38 + 29 + 19 + 14 = 100, and 38.1 + 28.6 + 19.0 + 14.3 = 100.0
    stats = {"by_chapter": shares(1 / 2, 1 / 2),
             "by_category": shares(11 / 21, 4 / 21, 2 / 21, 1 / 21, 1 / 21, 1 / 21, 1 / 21, 0.0),
             "capacity_building": {"subcategories": shares(1.0)},
             "by_region": {"a": {"states_completed_share": 1 / 2, "needs_share": 8 / 21},
                           "b": {"states_completed_share": 1 / 2, "needs_share": 6 / 21},
                           "c": {"states_completed_share": 0.0, "needs_share": 4 / 21},
                           "d": {"states_completed_share": 0.0, "needs_share": 3 / 21}}}
    assert names.rounding(stats) == {"chapters": False, "categories": True, "regions": False}
    # a third each: 33 x 3 = 99 in the text; a tenth: 33.3 x 3 = 99.9 in the tables
    stats["by_chapter"] = shares(1 / 3, 1 / 3, 1 / 3)
    assert names.rounding(stats)["chapters"] is True
    # an eighth each of the summaries: 13 x 8 = 104 in the text (12.5 rounds away from zero), 12.5 x 8 in tables
    stats["by_region"] = shares(*[1 / 8] * 8, field="states_completed_share")
    assert names.rounding(stats)["regions"] is True
    # the capacity-building subcategories count with the categories: 2/3 + 1/3 = 67 + 33
    stats["by_category"] = shares(1 / 2, 1 / 2)
    assert names.rounding(stats)["categories"] is False
    stats["capacity_building"]["subcategories"] = shares(1 / 6, 5 / 6)       # 17 + 83 = 100; 16.7 + 83.3
    assert names.rounding(stats)["categories"] is False
    stats["capacity_building"]["subcategories"] = shares(1 / 7, 1 / 7, 5 / 7)   # 14 + 14 + 71 = 99
    assert names.rounding(stats)["categories"] is True


def placed(stats, lang: str) -> tuple[list[int], list[str]]:
    """The paragraphs of the 2020 session's report that call the rounding note, and its footnotes' texts."""
    sess = session.load(session.DEFAULT_SESSION)
    soup = BeautifulSoup(check.render(stats, sess, lang).document(), "html.parser")
    paragraphs = [int(p["id"].split("-")[1]) for p in soup.select("p.para[id^=para-]")
                  for fn in p.select("span.fn") if NOTE[lang] in fn.get_text()]
    notes = [li.get_text() for li in soup.select("li[id^=fn-]") if NOTE[lang] in li.get_text()]
    return paragraphs, notes


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_2020_narrative_notes_rounding_on_the_sample(sample_result, lang):
    """The sample at 2020-09-30: the categories' shares add up to 100.1 in Annex I's tenths (and the regional
    groups' needs to 99 in the text): the note is called once, in paragraph 7 (capacity-building's share, the
    first of the categories' shares), the chapters' (64 + 36) carrying none."""
    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    assert names.rounding(stats.as_dict()) == {"chapters": False, "categories": True, "regions": True}
    paragraphs, notes = placed(stats, lang)
    assert paragraphs == [7] and len(notes) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_2020_narrative_notes_rounding_on_other_data(fixture_result, lang):
    """The hand-counted fixture (21 needs): categories 11, 4, 2 and four of 1 give 52 + 19 + 10 + 4 x 5 = 101
    per cent; the chapters (12 and 9: 57 + 43) and the regional groups (8, 6, 4, 3: 38 + 29 + 19 + 14) add up."""
    stats = statistics.compute(fixture_result.cleaned, "2020-09-30", "2019-08-31")   # its B figures
    assert stats.overview.needs == 21
    assert names.rounding(stats.as_dict())["chapters"] is False
    assert placed(stats, lang)[0] == [7]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("off, where", [({}, []), ({"regions": True}, [11]), ({"chapters": True}, [6]),
                                        ({"chapters": True, "categories": True, "regions": True}, [6]),
                                        ({"categories": True, "regions": True}, [7])])
def test_the_note_goes_where_the_first_shares_that_do_not_add_up_are_shown(sample_result, monkeypatch, lang,
                                                                           off, where):
    """Whatever the data: no note where every theme adds up; else once, at the first theme that does not
    (chapters: paragraph 6; categories: 7; regional groups: 11, the African Group's shares)."""
    monkeypatch.setattr(names, "rounding", lambda _: {"chapters": False, "categories": False, "regions": False,
                                                       **off})
    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    paragraphs, notes = placed(stats, lang)
    assert paragraphs == where and len(notes) == len(where)
