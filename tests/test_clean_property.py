"""Property: whatever messy rows the sheets hold, cleaning never raises and loses no row."""
import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import write_workbook
from uncac_needs import clean

states = st.sampled_from(["Kenya", " kenya ", "Viet Nam", "Vietnam", "越南", "Côte d'Ivoire", "Cote d'Ivoire",
                          "Türkiye", "Turkey", "Holy See", "Atlantis", "UK", "Moldova", "", None, 12])
dates = st.one_of(st.dates(dt.date(2010, 1, 1), dt.date(2025, 12, 31)),
                  st.sampled_from(["2020-09-15", "15/09/2020", "15 September 2020", "2020年9月15日", "pending",
                                   "31/02/2020", "", None, 44089, -3, True]))
regions = st.sampled_from([None, "African Group", "GRULAC", "亚太", "Mars", ""])
chapters = st.sampled_from([None, "II", "2", "Chapter V", "第五章", "III", "x", 5, ""])
articles = st.sampled_from([None, 5, "5", "Art. 5", "arts. 5 and 6", "52/14", "第五十二条", "36", "54, 55", "?", 51, ""])
categories = st.sampled_from(["capacity-building", "Capacity building", "立法援助", "other", "Financial support",
                              "", None, "policy advice"])
subcategories = st.sampled_from([None, "training", "ICT tools", "mentoring", ""])
texts = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))

review_rows = st.lists(st.one_of(st.just([]), st.tuples(states, dates, regions).map(list)), max_size=15)
need_rows = st.lists(
    st.one_of(st.just([]), st.tuples(states, chapters, articles, categories, subcategories, texts).map(list)),
    max_size=30)


def filled(row) -> bool:
    return any(v is not None and not (isinstance(v, str) and v.strip() == "") for v in row)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(review_rows, need_rows)
def test_every_row_is_accounted_for(tmp_path_factory, reviews, needs):
    # at least one State with a summary, so that the workbook is not refused as empty
    reviews = [["Kenya", dt.date(2020, 1, 1), None]] + reviews
    path = write_workbook(tmp_path_factory.mktemp("prop") / "w.xlsx", {
        "Title only": [["nothing here"]],
        "reviews": [["A note above the table"], [], ["State", "Date completed", "Region"], *reviews],
        "needs": [["State", "Chapter", "Article", "Category", "Subcategory", "Description"], *needs],
    })
    result = clean.clean_workbook(path)
    # the Excel rows that hold something, as written above: reviews from row 4 (note, blank, header above),
    # needs from row 2 (header above); counted here, not by the cleaning
    filled_rows = {"reviews": {4 + i for i, row in enumerate(reviews) if filled(row)},
                   "needs": {2 + i for i, row in enumerate(needs) if filled(row)}}
    tables = {"reviews": result.reviews, "needs": result.needs}
    for role, s in result.summary.items():
        sheet_entries = [e for e in result.log if e.sheet == s.sheet]
        kept = list(tables[role]["sheet_row"])
        rejected = {e.row for e in sheet_entries if e.action == "rejected"}
        duplicates = {e.row for e in sheet_entries if e.action == "duplicate"}
        # every row read ends in exactly one of kept, duplicate, rejected: a partition of the filled rows
        assert len(kept) == len(set(kept))
        assert set(kept) | rejected | duplicates == filled_rows[role]
        assert not (set(kept) & rejected) and not (set(kept) & duplicates) and not (rejected & duplicates)
        # and the summary's counters say so
        assert (s.rows_read, s.rows_kept, s.rows_rejected, s.duplicates) == \
            (len(filled_rows[role]), len(kept), len(rejected), len(duplicates))
        corrected = {e.row for e in sheet_entries if e.action == "corrected"}
        assert s.rows_corrected == len(corrected & set(kept))
        assert all(e.reason.strip() for e in sheet_entries)
    assert set(result.needs["state"]) <= set(result.reviews["state"])


CHAPTER_OF = {**{a: "II" for a in range(5, 15)}, **{a: "V" for a in range(51, 60)}}   # input-workbook.md


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(need_rows)
def test_a_kept_need_lies_in_its_chapter_or_names_it(tmp_path_factory, needs):
    """input-workbook.md, counting rules: a kept need's articles all belong to its chapter, or they belong to
    both chapters and the row's chapter cell names the chapter the need is counted under."""
    path = write_workbook(tmp_path_factory.mktemp("chap") / "w.xlsx", {
        "reviews": [["State", "Date completed"], ["Kenya", dt.date(2020, 1, 1)], ["Viet Nam", dt.date(2020, 2, 1)]],
        "needs": [["State", "Chapter", "Article", "Category", "Subcategory", "Description"], *needs],
    })
    result = clean.clean_workbook(path)
    for need in result.needs.itertuples():
        cited = {CHAPTER_OF[int(a)] for a in need.articles.split(";") if a}
        written = needs[need.sheet_row - 2][1]          # the chapter cell as typed (header in row 1)
        if len(cited) > 1:
            assert written not in (None, "") and need.chapter in ("II", "V"), need.sheet_row
        else:
            assert cited <= {need.chapter}, need.sheet_row
