"""report/keyed.py: the statistics as the default paragraphs read them, each figure keyed by its place in
statistics.json, and the catalog's patterns and lists filled with links kept and the rest escaped."""
from __future__ import annotations

import datetime as dt


def test_a_view_keys_each_figure_by_its_place_and_computed_numbers_carry_no_key(sample_result):
    from uncac_needs import statistics
    from uncac_needs.report import keyed

    stats = statistics.compute(sample_result.cleaned, dt.date(2019, 8, 31), None)
    view = keyed.View(stats)
    assert (view.overview.needs, view.overview.needs.key) == (282, "overview.needs")
    assert view.by_chapter.II.share.key == view.by_chapter["II"].share.key == "by_chapter.II.share"
    assert [code for code, _ in view.by_chapter.items()] == ["II", "V"]
    assert view.by_chapter.get("II").needs.key == "by_chapter.II.needs" and view.by_chapter.get("IX") is None
    assert "II" in view.by_chapter and len(view.by_chapter) == 2 and list(view.by_chapter) == ["II", "V"]
    assert [g.needs.key for g in view.chapter_ii.groups.values()][0].startswith("chapter_ii.groups.")
    total = view.by_chapter.II.needs + view.by_chapter.V.needs
    assert total == 282 and keyed.key_of(total) is None              # a sum is no figure
    assert keyed.key_of(keyed.plain(view.overview.needs)) is None and keyed.plain(view.overview.needs) == 282
    assert view.cutoff == dt.date(2019, 8, 31) and view.change.states_completed is None
    assert isinstance(view.articles["5"].chapter, str) and not isinstance(view.articles["5"].chapter, keyed.View)
    assert not keyed.View({}) and keyed.View({"a": 1}) and keyed.View(stats.overview)
    assert [v.needs.key for _, v in view.by_chapter.items()] == ["by_chapter.II.needs", "by_chapter.V.needs"]
    assert [v.needs.key for v in view.by_chapter.values()] == ["by_chapter.II.needs", "by_chapter.V.needs"]
    assert view.parameters.cutoff_date == dt.date(2019, 8, 31) and view.articles["5"].rank == 1
    assert view.combined["art14_52"].articles == [14, 52] and view.overview.model_dump()["needs"] == 282   # lists and methods as they are


def test_a_keyed_figure_is_written_as_a_link_to_its_rows_and_a_plain_number_as_text():
    from bs4 import BeautifulSoup

    from uncac_needs.report import keyed, names

    link = BeautifulSoup(str(keyed.linked("282 needs", names.wrap("overview.needs", 282))), "html.parser").a
    assert (link["href"], link.get_text()) == ("evidence.html#overview.needs", "282 needs")
    assert keyed.linked("282 needs", 282) == "282 needs" and keyed.linked("a<b", 282) == "a<b"


def test_patterns_and_lists_keep_links_and_escape_the_rest():
    from markupsafe import Markup

    from uncac_needs.report import keyed

    link = Markup('<a href="evidence.html#overview.needs">282 needs</a>')
    assert keyed.fmt("{n} & more", n="282") == "282 & more"                     # plain text stays plain
    assert keyed.fmt("{n} & more", n=link) == f"{link} &amp; more"
    assert keyed.join(["a<b", link], "en") == f"a&lt;b and {link}"
    assert keyed.join(["a", "b", "c"], "en") == "a, b and c" and not isinstance(keyed.join(["a", "b"], "en"), Markup)
    assert keyed.joined("; ", ["x&y", link]) == f"x&amp;y; {link}" and keyed.joined("; ", ["x", "y"]) == "x; y"
    assert keyed.capital(Markup('<a href="#k">nine States</a> more')) == '<a href="#k">Nine States</a> more'
    assert keyed.capital("nine") == "Nine" and keyed.capital("") == ""
