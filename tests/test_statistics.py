"""Statistics of the fixture workbook, every figure counted by hand (see fixture_workbook.py)."""
import datetime as dt
import json

import pytest
from hypothesis import given, settings, strategies as st

from fixture_workbook import CUTOFF_A, CUTOFF_B
from uncac_needs import cli, statistics
from uncac_needs.vocabulary import reference


@pytest.fixture(scope="module")
def s(fixture_result):
    return statistics.compute(fixture_result.cleaned, CUTOFF_B, CUTOFF_A).as_dict()


def test_overview(s):
    assert s["overview"] == {"states_completed": 5, "states_with_needs": 4, "needs": 21}
    assert s["parameters"] == {"cutoff_date": "2020-06-30", "previous_cutoff_date": "2019-12-31"}


def test_by_chapter(s):
    # rows 26 (52/14, chapter V) and 27 (52/14, chapter II) count under the chapter their chapter cell names
    assert s["by_chapter"] == {"II": {"needs": 12, "states": 4, "share": 12 / 21, "needs_without_article": 1},
                               "V": {"needs": 9, "states": 4, "share": 9 / 21, "needs_without_article": 1}}


def test_by_category(s):
    expected = {  # needs, II, V, States, rank
        "capacity_building": (11, 7, 4, 4, 1), "legislative_assistance": (4, 2, 2, 3, 2),
        "institution_building": (2, 1, 1, 2, 3), "policymaking": (1, 1, 0, 1, 4), "research_data": (1, 1, 0, 1, 4),
        "international_cooperation": (1, 0, 1, 1, 4), "other": (1, 0, 1, 1, 4),
    }
    for code, (needs, ii, v, states, rank) in expected.items():
        c = s["by_category"][code]
        assert (c["needs"], c["by_chapter"]["II"], c["by_chapter"]["V"], c["states"], c["rank"]) == \
            (needs, ii, v, states, rank), code
        assert c["share"] == needs / 21


def test_by_region(s):
    expected = {  # completed, with needs, needs, II, V
        "african": (1, 1, 8, 6, 2), "asia_pacific": (1, 1, 6, 4, 2), "eastern_european": (1, 1, 4, 1, 3),
        "latin_american_caribbean": (1, 1, 3, 1, 2), "western_european_other": (1, 0, 0, 0, 0), "none": (0, 0, 0, 0, 0),
    }
    assert list(s["by_region"]) == list(expected)
    for code, (completed, with_needs, needs, ii, v) in expected.items():
        r = s["by_region"][code]
        assert (r["states_completed"], r["states_with_needs"], r["needs"], r["by_chapter"]["II"], r["by_chapter"]["V"]) \
            == (completed, with_needs, needs, ii, v), code
        assert r["states_completed_share"] == completed / 5 and r["needs_share"] == needs / 21
    assert s["by_region"]["african"]["by_chapter_share"] == {"II": 6 / 8, "V": 2 / 8}
    assert s["by_region"]["none"]["by_chapter_share"] == {"II": 0.0, "V": 0.0}


def test_articles(s):
    expected = {  # needs, States, rank within the chapter
        # 14 and 52: rows 26 (GEO, chapter V) and 27 (VNM, chapter II) cite both and count under each
        5: (3, 2, 1), 6: (1, 1, 4), 7: (1, 1, 4), 8: (1, 1, 4), 9: (1, 1, 4), 10: (1, 1, 4), 11: (1, 1, 4),
        12: (1, 1, 4), 13: (2, 2, 3), 14: (3, 3, 1),
        51: (3, 3, 2), 52: (4, 4, 1), 53: (0, 0, 6), 54: (1, 1, 3), 55: (1, 1, 3), 56: (0, 0, 6), 57: (1, 1, 3),
        58: (0, 0, 6), 59: (0, 0, 6),
    }
    assert list(s["articles"]) == [str(a) for a in expected]
    for a, (needs, states, rank) in expected.items():
        got = s["articles"][str(a)]
        assert (got["needs"], got["states"], got["rank"]) == (needs, states, rank), a
    # a need citing two articles counts under each: chapter II article rows add up to 15 for 12 needs (row 26,
    # a chapter V need, is one of them, under article 14)
    assert sum(s["articles"][str(a)]["needs"] for a in range(5, 15)) == 15


def test_chapter_ii_groups(s):
    expected = {"5_6": (3, 2), "7_8": (1, 1), "9": (1, 1), "10_13": (2, 2), "11": (1, 1), "12": (1, 1), "14": (3, 3)}
    assert list(s["chapter_ii"]["groups"]) == list(expected)
    for code, (needs, states) in expected.items():
        g = s["chapter_ii"]["groups"][code]
        assert (g["needs"], g["states"], g["share"]) == (needs, states, needs / 12), code


def test_chapter_v_by_category(s):
    expected = {"capacity_building": (4, 3), "legislative_assistance": (2, 2), "institution_building": (1, 1),
                "policymaking": (0, 0), "research_data": (0, 0), "international_cooperation": (1, 1), "other": (1, 1)}
    for code, (needs, states) in expected.items():
        assert s["chapter_v"]["by_category"][code] == {"needs": needs, "states": states}, code


def test_articles_14_and_52_together(s):
    c = s["combined"]["art14_52"]
    # rows 6 8 (KEN) 15 (ECU) 26 (GEO) 27 (VNM): rows 26 and 27 cite both articles and count once
    assert (c["needs"], c["states"]) == (5, 4)
    assert c["share_chapter_v"] == 5 / 9 and c["share_all"] == 5 / 21
    assert c["exceeds_every_article"] is True       # the most of any one article is 4 (article 52)


def test_capacity_building_subcategories(s):
    subs = {k: v["needs"] for k, v in s["capacity_building"]["subcategories"].items()}
    assert subs == {"training": 6, "ict_tools": 1, "awareness_raising": 1, "good_practices": 1, "other": 0,
                    "unspecified": 2}
    assert s["capacity_building"]["needs"] == 11
    assert s["capacity_building"]["subcategories"]["training"]["share"] == 6 / 11


def test_change_since_previous_cutoff(s):
    c = s["change"]
    assert c["states_completed"] == {"previous": 2, "current": 5, "change": 3, "change_share": 1.5}
    assert c["states_with_needs"] == {"previous": 2, "current": 4, "change": 2, "change_share": 1.0}
    assert c["needs"] == {"previous": 14, "current": 21, "change": 7, "change_share": 0.5}
    assert c["by_chapter"]["II"]["states"] == {"previous": 2, "current": 4, "change": 2, "change_share": 1.0}
    assert c["by_chapter"]["II"]["needs"] == {"previous": 10, "current": 12, "change": 2, "change_share": 2 / 10}
    assert c["by_chapter"]["V"]["needs"] == {"previous": 4, "current": 9, "change": 5, "change_share": 5 / 4}


def test_cleaning_counts(s):
    assert s["cleaning"] == {
        "reviews": {"rows_read": 7, "rows_kept": 6, "rows_corrected": 2, "duplicates": 1, "rows_rejected": 0},
        "needs": {"rows_read": 26, "rows_kept": 22, "rows_corrected": 7, "duplicates": 1, "rows_rejected": 3},
    }


def test_without_previous_cutoff(fixture_result):
    s = statistics.compute(fixture_result.cleaned, CUTOFF_A).as_dict()
    assert s["parameters"]["previous_cutoff_date"] is None
    assert s["change"]["needs"] is None and s["change"]["by_chapter"]["V"]["states"] is None
    assert s["overview"] == {"states_completed": 2, "states_with_needs": 2, "needs": 14}


def test_before_any_summary_everything_is_zero(fixture_result):
    s = statistics.compute(fixture_result.cleaned, "2015-01-01").as_dict()
    assert s["overview"] == {"states_completed": 0, "states_with_needs": 0, "needs": 0}
    assert all(v["needs"] == 0 and v["share"] == 0.0 for v in s["by_category"].values())
    assert all(v["needs"] == 0 for v in s["articles"].values())
    assert s["combined"]["art14_52"]["share_all"] == 0.0


SPEC_KEYS = [
    "parameters.cutoff_date", "parameters.previous_cutoff_date", "overview.states_completed",
    "overview.states_with_needs", "overview.needs", "combined.art14_52.needs", "combined.art14_52.states",
    "change.states_with_needs", "change.needs",
]


def interface_keys() -> list[str]:
    """The key paths ../shared/spec/interface.md lists, for every chapter, category, region and article."""
    keys = list(SPEC_KEYS)
    for c in ("II", "V"):
        keys += [f"by_chapter.{c}.{k}" for k in ("needs", "states", "share")]
        keys += [f"change.by_chapter.{c}.{k}.{part}" for k in ("states", "needs")
                 for part in ("previous", "current", "change", "change_share")]
    for code in reference.categories().codes:
        keys += [f"by_category.{code}.{k}" for k in ("needs", "share", "by_chapter.II", "by_chapter.V")]
    for code in reference.regions().codes:
        keys += [f"by_region.{code}.{k}" for k in ("states_completed", "states_with_needs", "needs", "needs_share",
                                                   "by_chapter.II", "by_chapter.V")]
    for a in list(range(5, 15)) + list(range(51, 60)):
        keys += [f"articles.{a}.needs", f"articles.{a}.states"]
    keys += [f"capacity_building.subcategories.{sub}.needs" for sub in reference.subcategories().codes]
    keys += [f"cleaning.{sheet}.{k}" for sheet in ("reviews", "needs")
             for k in ("rows_read", "rows_kept", "rows_corrected", "duplicates", "rows_rejected")]
    return keys


def test_every_key_of_the_interface(s):
    """Every key interface.md lists is there, with the value counted by hand (test_hand_counted.py)."""
    from test_hand_counted import expected

    hand = expected("B-since-A")
    for key in interface_keys():
        assert dig(s, key) == dig(hand, key), key


def test_stats_command_prints_the_json(fixture_workbook, capsys):
    assert cli.main(["stats", "--raw", str(fixture_workbook), "--cutoff", CUTOFF_B, "--previous-cutoff", CUTOFF_A]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["overview"]["needs"] == 21 and printed["by_chapter"]["V"]["states"] == 4


# --------------------------------------------------------------------------- properties, on the sample

def dig(node: dict, key: str):
    """The value at a dotted key of a statistics.json dict."""
    for part in key.split("."):
        node = node[part]
    return node


def _all_shares(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _all_shares(v, f"{path}.{k}")
    elif "share" in path.rsplit(".", 1)[-1] and "change_share" not in path and node is not None:
        yield path, node


def recount(result, cutoff: dt.date) -> dict:
    """The overview, chapters, categories, regions and articles at `cutoff`, counted row by row from the
    cleaned tables in plain Python (not by statistics.compute)."""
    completed = {r.state: r.regional_group for r in result.reviews.itertuples() if r.summary_date.date() <= cutoff}
    needs = [n for n in result.needs.itertuples() if n.state in completed]
    keys = {n.need_key: n for n in needs}
    out = {"overview": {"states_completed": len(completed), "states_with_needs": len({n.state for n in needs}),
                        "needs": len(needs)}}
    out["by_chapter"] = {c: (sum(n.chapter == c for n in needs), len({n.state for n in needs if n.chapter == c}))
                         for c in ("II", "V")}
    out["by_category"] = {k: (sum(n.category == k for n in needs), len({n.state for n in needs if n.category == k}))
                          for k in reference.categories().codes}
    out["by_region"] = {g: (sum(v == g for v in completed.values()),
                            len({n.state for n in needs if completed[n.state] == g}),
                            sum(completed[n.state] == g for n in needs)) for g in reference.regions().codes}
    cited: dict[str, list] = {str(a): [] for a in reference.articles()}
    for m in result.need_articles.itertuples():
        if m.need_key in keys:
            cited[str(m.article)].append(keys[m.need_key].state)
    out["articles"] = {a: (len(states), len(set(states))) for a, states in cited.items()}
    return out


@settings(max_examples=25, deadline=None)
@given(st.dates(dt.date(2016, 1, 1), dt.date(2023, 1, 1)), st.integers(0, 400))
def test_properties_at_any_cutoff(sample_result, cutoff, days_later):
    now = statistics.compute(sample_result.cleaned, cutoff).as_dict()
    later = statistics.compute(sample_result.cleaned, cutoff + dt.timedelta(days=days_later)).as_dict()
    o = now["overview"]
    counted = recount(sample_result, cutoff)           # each figure against an independent count
    assert o == counted["overview"]
    assert {c: (v["needs"], v["states"]) for c, v in now["by_chapter"].items()} == counted["by_chapter"]
    assert {c: (v["needs"], v["states"]) for c, v in now["by_category"].items()} == counted["by_category"]
    assert {g: (v["states_completed"], v["states_with_needs"], v["needs"]) for g, v in now["by_region"].items()} \
        == counted["by_region"]
    assert {a: (v["needs"], v["states"]) for a, v in now["articles"].items()} == counted["articles"]
    assert o["states_with_needs"] <= o["states_completed"]
    for path, share in _all_shares(now):
        assert 0.0 <= share <= 1.0, path
    for key in ("states_completed", "states_with_needs", "needs"):
        assert later["overview"][key] >= o[key]
    for a, v in now["articles"].items():
        assert later["articles"][a]["needs"] >= v["needs"] and later["articles"][a]["states"] >= v["states"]
    for code, v in now["by_category"].items():
        assert later["by_category"][code]["needs"] >= v["needs"]
