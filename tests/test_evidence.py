"""The rows behind every figure (issue 12, item 1): statistics/evidence.py, evidence.json, `stats --evidence`.

The fixture's evidence is checked against a table a person wrote by reading the rows of
tests/fixture_workbook.py (below, `NEEDS`, `REVIEWS`: Excel row, the "No." cell as the id, State, chapter,
articles, category, subcategory), and literal id lists counted by hand for a few figures. The expected ids
of each figure come from that hand-written table through plain filters written here (`expected`), one per
section of statistics.json, never from the code under test. Over the sample workbook, a property: every
count figure has as many ids as it says (a States figure: as many distinct States).
"""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fixture_workbook import CUTOFF_A, CUTOFF_B
from uncac_needs import cli, statistics
from uncac_needs.statistics import drift, evidence

# ------------------------------------------------------------------------------------------------------
# the fixture as a person reads it (tests/fixture_workbook.py): Excel row -> (No., State, chapter the row is
# counted in, articles cited, category, subcategory). The chapter is the chapter cell, else the chapter of
# the articles; rows 26 ('52/14', chapter V) and 27 (articles 52 and 14 in Chinese, chapter II) cite both
# chapters and are counted in the chapter their chapter cell names. Not kept: 21 (duplicate of row 3),
# 22 and 28 (52 and 14 with no chapter cell: rejected), 23 (Atlantis: rejected).
CB, LEG, INST = "capacity_building", "legislative_assistance", "institution_building"
NEEDS = {
    3: ("1", "KEN", "II", (5,), CB, "training"),
    4: ("2", "KEN", "II", (5, 6), LEG, None),
    5: ("3", "KEN", "II", (9,), CB, "ict_tools"),
    6: ("4", "KEN", "V", (52,), CB, "training"),
    7: ("5", "KEN", "V", (), INST, None),
    8: ("6", "KEN", "II", (14,), "research_data", None),
    9: ("7", "VNM", "II", (7, 8), "policymaking", None),
    10: ("8", "VNM", "II", (13,), CB, "awareness_raising"),
    11: ("9", "VNM", "V", (51,), LEG, None),
    12: ("10", "VNM", "V", (54, 55), "international_cooperation", None),
    13: ("11", "ECU", "II", (5,), CB, None),
    14: ("12", "ECU", "V", (51,), CB, "good_practices"),
    15: ("13", "ECU", "V", (52,), "other", None),
    16: ("14", "GEO", "V", (57,), LEG, None),
    17: ("15", "GEO", "V", (51,), CB, "training"),
    18: ("16", "GEO", "II", (10, 13), INST, None),
    19: ("17", "GHA", "II", (5,), CB, "training"),
    20: ("18", "KEN", "II", (12,), CB, "training"),
    24: ("21", "KEN", "II", (), CB, None),
    25: ("22", "VNM", "II", (11,), CB, "training"),
    26: ("23", "GEO", "V", (14, 52), CB, "training"),
    27: ("24", "VNM", "II", (14, 52), LEG, None),
}
# the reviews sheet ("Executive summaries"): Excel row -> (State, completed, regional group); row 9 'Vietnam'
# repeats row 5 (a duplicate); the regions of rows 4, 7, 8, 10 come from the reference table
REVIEWS = {4: ("KEN", "2019-05-10", "african"), 5: ("VNM", "2019-07-15", "asia_pacific"),
           6: ("ECU", "2020-01-20", "latin_american_caribbean"), 7: ("GEO", "2020-03-03", "eastern_european"),
           8: ("AUT", "2020-06-30", "western_european_other"), 10: ("GHA", "2021-02-01", "african")}
GROUPS = {"5_6": (5, 6), "7_8": (7, 8), "9": (9,), "10_13": (10, 13), "11": (11,), "12": (12,), "14": (14,)}
COMBINED = {"art14_52": (14, 52)}
REVIEW_SHEET, NEED_SHEET = "Executive summaries", "Needs"


def _needs(cutoff: str) -> dict[int, tuple]:
    done = {state for state, day, _ in REVIEWS.values() if day <= cutoff}
    return {row: n for row, n in NEEDS.items() if n[1] in done}


def _reviews(cutoff: str) -> dict[int, tuple]:
    return {row: r for row, r in REVIEWS.items() if r[1] <= cutoff}


def _region(state: str) -> str:
    return next(r[2] for r in REVIEWS.values() if r[0] == state)


def _rows_behind(key: str, cutoff: str, previous: str | None) -> list:
    """The rows (Excel row numbers; review rows as ('R', row)) behind a figure key, by plain filters."""
    parts = key.split(".")
    if parts[0] == "change":
        what, part = ".".join(parts[1:-1]), parts[-1]
        now, then = _rows_behind(_CHANGE[what], cutoff, None), _rows_behind(_CHANGE[what], previous, None)
        if part == "previous":
            return then
        if part == "current":
            return now
        if "states" in what:           # the rows of the States counted now and not then
            old = {_state(r) for r in then}
            return [r for r in now if _state(r) not in old]
        return [r for r in now if r not in then]
    needs = _needs(cutoff)
    review_rows = [("R", row) for row in _reviews(cutoff)]
    n = {row: dict(zip(("id", "state", "chapter", "articles", "category", "sub"), v)) for row, v in needs.items()}
    pick = lambda test: [row for row, v in n.items() if test(v)]          # noqa: E731
    section, code = parts[0], parts[1] if len(parts) > 1 else None
    if section == "overview":
        return review_rows if code == "states_completed" else pick(lambda v: True)
    if section == "by_chapter":
        if parts[2] == "needs_without_article":
            return pick(lambda v: v["chapter"] == code and not v["articles"])
        return pick(lambda v: v["chapter"] == code)
    if section == "by_category":
        chapter = parts[3] if parts[2] == "by_chapter" else None
        return pick(lambda v: v["category"] == code and chapter in (None, v["chapter"]))
    if section == "by_region":
        if parts[2].startswith("states_completed"):
            return [r for r in review_rows if REVIEWS[r[1]][2] == code]
        chapter = parts[3] if parts[2].startswith("by_chapter") else None
        return pick(lambda v: _region(v["state"]) == code and chapter in (None, v["chapter"]))
    if section == "articles":
        return pick(lambda v: int(code) in v["articles"])
    if section == "chapter_ii":
        arts = GROUPS[parts[2]]
        category = parts[4] if len(parts) > 4 else None
        return pick(lambda v: set(arts) & set(v["articles"]) and category in (None, v["category"]))
    if section == "chapter_v":
        return pick(lambda v: v["chapter"] == "V" and v["category"] == parts[2])
    if section == "combined":
        return pick(lambda v: set(COMBINED[code]) & set(v["articles"]))
    if section == "capacity_building":
        if code == "subcategories":
            return pick(lambda v: v["category"] == CB and (v["sub"] or "unspecified") == parts[2])
        return pick(lambda v: v["category"] == CB)
    if section == "cross_cutting":
        if code == "multi_article_needs":
            return pick(lambda v: len(v["articles"]) > 1)
        kinds = {s: {v["category"] for v in n.values() if v["state"] == s} for s in {v["state"] for v in n.values()}}
        wanted = (lambda k: len(k) >= 3) if code == "states_three_or_more_categories" else (lambda k: len(k) == 1)
        return pick(lambda v: wanted(kinds[v["state"]]))
    if section == "topics":
        return []          # the fixture's descriptions are the letters 'a' to 'y': no topic, no topics column
    raise AssertionError(f"no hand rule for {key}")


_CHANGE = {"states_completed": "overview.states_completed", "states_with_needs": "overview.states_with_needs",
           "needs": "overview.needs", **{f"by_chapter.{c}.{w}": f"by_chapter.{c}.{w}" for c in ("II", "V")
                                          for w in ("states", "needs")}}


def _state(row) -> str:
    return REVIEWS[row[1]][0] if isinstance(row, tuple) else NEEDS[row][1]


def _id(row) -> str:
    return f"{REVIEW_SHEET}!{row[1]}" if isinstance(row, tuple) else NEEDS[row][0]


def _order(i: str):
    return (0, int(i), "") if i.isdigit() else (1, int(i.rpartition("!")[2]), i.rpartition("!")[0])


# figures counted by hand, literally (at cutoff B, previous A)
LITERAL_B = {
    "articles.5.needs": ["1", "2", "11"],                  # rows 3 4 (KEN) 13 (ECU)
    "articles.14.needs": ["6", "23", "24"],                # rows 8 (KEN) 26 (GEO '52/14') 27 (VNM)
    "articles.14.states": ["6", "23", "24"],               # the same rows: KEN, GEO, VNM
    "articles.52.needs": ["4", "13", "23", "24"],          # rows 6 (KEN) 15 (ECU) 26 (GEO) 27 (VNM)
    "combined.art14_52.needs": ["4", "6", "13", "23", "24"],   # rows 6 8 15 26 27, each once
    "by_chapter.II.needs_without_article": ["21"],         # row 24
    "by_chapter.V.needs_without_article": ["5"],           # row 7
    "overview.states_completed": [f"{REVIEW_SHEET}!{r}" for r in (4, 5, 6, 7, 8)],   # Ghana's row 10 after B
    "change.needs.change": ["11", "12", "13", "14", "15", "16", "23"],   # ECU rows 13-15, GEO rows 16-18, 26
    "cleaning.needs.duplicates": [f"{NEED_SHEET}!21"],
    "cleaning.needs.rows_rejected": [f"{NEED_SHEET}!{r}" for r in (22, 23, 28)],
    "cleaning.reviews.duplicates": [f"{REVIEW_SHEET}!9"],
    # corrected: rows 5 9 10 14 25 26 27 (ids 3 7 8 12 22 23 24), as test_hand_counted.CLEANING counts them
    "cleaning.needs.rows_corrected": ["3", "7", "8", "12", "22", "23", "24"],
    "cleaning.reviews.rows_corrected": [f"{REVIEW_SHEET}!5", f"{REVIEW_SHEET}!6"],
}
LITERAL_STATES_B = {"articles.14.states": ["GEO", "KEN", "VNM"], "overview.states_completed":
                    ["AUT", "ECU", "GEO", "KEN", "VNM"], "change.states_with_needs.change": ["ECU", "GEO"]}


@pytest.fixture(scope="module")
def fixture_evidence(fixture_result):
    return {(c, p): evidence.collect(evidence.Source.from_result(fixture_result), c, p)
            for c, p in ((CUTOFF_B, CUTOFF_A), (CUTOFF_A, None))}


def test_literal_ids_counted_by_hand(fixture_evidence):
    ev = fixture_evidence[(CUTOFF_B, CUTOFF_A)]
    for key, ids in LITERAL_B.items():
        assert ev.figures[key] == ids, key
    for key, states in LITERAL_STATES_B.items():
        assert ev.states[key] == states, key
    assert [r["id"] for r in ev.rejected] == [f"{NEED_SHEET}!{r}" for r in (22, 23, 28)]
    assert ev.without_article == ["5", "21"]               # rows 7 and 24
    # at A, Ecuador's row 22 is after the cutoff (its summary 2020-01-20); Atlantis (23) and Kenya's 28 are not
    assert [r["id"] for r in fixture_evidence[(CUTOFF_A, None)].rejected] == [f"{NEED_SHEET}!{r}" for r in (23, 28)]


@pytest.mark.parametrize("cutoffs", [(CUTOFF_B, CUTOFF_A), (CUTOFF_A, None)])
def test_every_figure_of_the_fixture_against_the_hand_table(fixture_result, fixture_evidence, cutoffs):
    ev = fixture_evidence[cutoffs]
    stats = statistics.compute(fixture_result.cleaned, *cutoffs)
    for key, ids in ev.figures.items():
        if key.startswith("cleaning."):
            continue                     # the whole workbook, whatever the cutoff: literal above
        rows = _rows_behind(key, *cutoffs)
        assert ids == sorted(map(_id, rows), key=_order), key
        if evidence.is_states(key):
            assert ev.states[key] == sorted({_state(r) for r in rows}), key
    # and every figure of statistics.json has its evidence (labels, not figures, aside)
    assert set(_figure_keys(stats)) == set(ev.figures)


def _figure_keys(stats) -> list[str]:
    """Every number of statistics.json (not its parameters, ranks kept) but the lists of the cleaning's
    reasons and dates, the reconciliation, and labels (an article's chapter, a group's articles)."""
    skip = ("parameters", "cleaning_reasons", "cleaning_suspect_dates", "reconciliation", "topic_review")

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, f"{path}.{k}" if path else str(k))
        elif isinstance(node, (int, float)) and not isinstance(node, bool):
            yield path
    data = {k: v for k, v in stats.as_dict().items() if k not in skip}
    return list(walk(data, ""))


# ------------------------------------------------------------------------------------------------------
# the property, over the sample workbook

def _count_keys(stats) -> list[str]:
    return [k for k in _figure_keys(stats) if isinstance(stats.value(k), int) and not k.endswith(".rank")]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cutoff=st.dates(dt.date(2017, 1, 1), dt.date(2022, 12, 31)), back=st.integers(0, 900))
def test_every_count_is_the_number_of_its_ids(sample_result, cutoff, back):
    previous = cutoff - dt.timedelta(days=back) if back else None
    stats = statistics.compute(sample_result.cleaned, cutoff, previous)
    ev = evidence.collect(evidence.Source.from_result(sample_result), cutoff, previous)
    published = drift.drifted(stats)      # measured from a published figure the workbook now gives otherwise
    for key in _count_keys(stats):
        if key in published:
            continue
        ids = ev.figures[key]
        assert ids == sorted(set(ids), key=evidence.natural), key          # sorted, each once
        if evidence.is_states(key):
            assert len({ev.rows[i]["state"] for i in ids}) == stats.value(key) == len(ev.states[key]), key
        else:
            assert len(ids) == stats.value(key), key
        if not key.startswith("cleaning."):
            assert all(i in ev.rows for i in ids), key


def test_shares_have_the_ids_of_their_numerator(sample_result):
    stats = statistics.compute(sample_result.cleaned, "2020-09-30")
    ev = evidence.collect(evidence.Source.from_result(sample_result), "2020-09-30")
    total = len(ev.figures["overview.needs"])
    for key in ("by_chapter.II.share", "by_category.capacity_building.share", "by_region.african.needs_share"):
        assert len(ev.figures[key]) / total == pytest.approx(stats.value(key)), key


# ------------------------------------------------------------------------------------------------------
# the files and the command

def test_stats_evidence_writes_the_file(fixture_workbook, tmp_path, capsys):
    out = tmp_path / "evidence.json"
    assert cli.main(["stats", "--raw", str(fixture_workbook), "--cutoff", CUTOFF_B, "--previous-cutoff", CUTOFF_A,
                     "--evidence", str(out), "--out", str(tmp_path / "s.json")]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["cutoff_date"] == CUTOFF_B
    assert data["figures"]["articles.5.needs"] == ["1", "2", "11"]
    assert data["rows"]["23"] == {"kind": "need", "state": "GEO", "chapter": "V", "articles": [14, 52],
                                  "category": CB, "subcategory": "training", "description": "w",
                                  "sheet": NEED_SHEET, "row": 26}


def test_stats_evidence_refuses_its_input(fixture_workbook, capsys):
    assert cli.main(["stats", "--raw", str(fixture_workbook), "--cutoff", CUTOFF_B,
                     "--evidence", str(fixture_workbook)]) == 2
    err = capsys.readouterr().err
    assert "one of this command's inputs" in err and "Traceback" not in err


def test_statistics_run_writes_evidence_json_and_sheet(fixture_result, tmp_path):
    from openpyxl import load_workbook
    from uncac_needs import clean

    clean.write_outputs(fixture_result, tmp_path / "processed")
    statistics.run(tmp_path / "processed", CUTOFF_B, CUTOFF_A, tmp_path / "out", "en,zh")
    data = json.loads((tmp_path / "out" / "evidence.json").read_text(encoding="utf-8"))
    assert data["figures"]["articles.14.needs"] == ["6", "23", "24"]
    assert [r["id"] for r in data["rejected"]] == [f"{NEED_SHEET}!{r}" for r in (22, 23, 28)]
    ws = load_workbook(tmp_path / "out" / "statistics.xlsx", read_only=True)["evidence"]
    lines = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == "articles.14.needs"]
    # figure, its value, the need's id, State, sheet, Excel row: rows 8 (KEN), 26 (GEO), 27 (VNM)
    assert lines == [("articles.14.needs", 3, "6", "KEN", NEED_SHEET, 8),
                     ("articles.14.needs", 3, "23", "GEO", NEED_SHEET, 26),
                     ("articles.14.needs", 3, "24", "VNM", NEED_SHEET, 27)]


# ------------------------------------------------------------------------------------------------------
# evidence.html (report/evidence_page.py)

@pytest.fixture(scope="module")
def fixture_folder(fixture_result, tmp_path_factory):
    from uncac_needs import clean

    folder = tmp_path_factory.mktemp("evidence-page")
    clean.write_outputs(fixture_result, folder / "processed")
    statistics.run(folder / "processed", CUTOFF_B, CUTOFF_A, folder, "en,zh")
    from uncac_needs.report import evidence_page
    evidence_page.write(folder, ["en", "zh"])
    return folder


def _page(folder, lang):
    from bs4 import BeautifulSoup
    return BeautifulSoup((folder / lang / "evidence.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_figure_has_its_anchor(fixture_folder, lang):
    soup = _page(fixture_folder, lang)
    stats = statistics.model.Statistics.load(fixture_folder / "statistics.json")
    anchors = {tag["id"] for tag in soup.find_all(id=True)}
    assert set(_figure_keys(stats)) <= anchors
    assert soup.find("script") is None and soup.html["lang"] == lang
    for a in soup.find_all("a", href=True):            # every link of the page leads somewhere that exists
        target = a["href"]
        if target.startswith("#"):
            assert target[1:] in anchors, target
        else:
            assert (fixture_folder / lang / target.split("#")[0]).resolve().is_file() or target == "report.html"


def test_the_rows_of_a_figure(fixture_folder):
    soup = _page(fixture_folder, "en")
    block = soup.find(id="articles.14.needs").find_parent("div")
    cells = [[c.get_text() for c in tr.find_all(["th", "td"])] for tr in block.find("tbody").find_all("tr")]
    # rows 8 (KEN), 26 (GEO, '52/14' in chapter V), 27 (VNM, chapter II): id, State, chapter, articles,
    # category, description, Excel row
    assert [(c[0], c[1], c[3], c[5], c[6]) for c in cells] == [
        ("6", "Kenya", "14", "f", "Needs!8"), ("23", "Georgia", "14, 52", "w", "Needs!26"),
        ("24", "Viet Nam", "14, 52", "x", "Needs!27")]
    # the figures resting on the same rows share the table: needs and States of article 14
    assert block.find(id="articles.14.states") is not None
    rejected = [tr.find("th").get_text() for tr in soup.find(id="rejected").find("tbody").find_all("tr")]
    assert rejected == ["Needs!22", "Needs!23", "Needs!28"]
    general = [tr.find("th").get_text() for tr in soup.find(id="without-article").find("tbody").find_all("tr")]
    assert general == ["5", "21"]                      # rows 7 and 24


def test_every_number_of_the_tables_links_to_its_own_figure(sample_result):
    """The key a table's cell links to gives the number the cell shows (statistics/tables.py's tables)."""
    from uncac_needs.report import evidence_links
    from uncac_needs.statistics import tables

    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    ev = evidence.collect(evidence.Source.from_result(sample_result), "2020-09-30", "2019-08-31")
    linked = 0
    for t in tables.build(stats, ("en",)):
        for i, row in enumerate(t.rows):
            for c in t.columns:
                key = evidence_links.key_of(t.code, i, c.key) if c.kind in ("int", "share") else None
                if key is None or row.get(c.key) is None:
                    continue
                assert stats.value(key) == row[c.key], (t.code, i, c.key, key)
                assert key in ev.figures, key
                linked += 1
    assert linked > 200


# ------------------------------------------------------------------------------------------------------
# the report links its figures to the rows (the default session: the 2020 report on the sample)

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_links_each_figure_to_its_rows(default_report, lang):
    from bs4 import BeautifulSoup

    report = BeautifulSoup((default_report / lang / "report.html").read_text(encoding="utf-8"), "html.parser")
    page = BeautifulSoup((default_report / lang / "evidence.html").read_text(encoding="utf-8"), "html.parser")
    anchors = {tag["id"] for tag in page.find_all(id=True)}
    links = [a for a in report.find_all("a", href=True) if a["href"].startswith("evidence.html#")]
    assert len(links) > 150
    missing = sorted({a["href"] for a in links if a["href"].split("#", 1)[1] not in anchors})
    assert missing == []
    # the 2020 note's 404 needs (published, CAC/COSP/IRG/2020/…): linked in the text and in the annex's table,
    # and its rows are 404
    hits = [a for a in links if a["href"] == "evidence.html#overview.needs"]
    assert hits and all(a.get_text(strip=True) in ("404", "404 项") or "404" in a.get_text() for a in hits)
    data = json.loads((default_report / "evidence.json").read_text(encoding="utf-8"))
    assert len(data["figures"]["overview.needs"]) == 404
    assert report.find(id="table-by_chapter").find("a", href="evidence.html#by_chapter.II.needs") is not None


@pytest.mark.parametrize("template, text", [
    ("{{ overview.needs|noun('need') }}", "21 needs"), ("{{ overview.needs|capital }}", "21"),
    ("{{ overview.needs|digits }}", "21"), ("{{ overview.needs|noun('need')|capital }}", "21 needs"),
    ("{{ by_chapter.II.needs|percent_of(overview.needs) }}", "57\u00a0per cent")])
def test_a_figure_written_through_a_filter_keeps_its_link(template, text):
    """A figure a filter writes (noun, capital, digits, percent_of) links to its rows as the bare figure does;
    a share made with percent_of has the rows of its numerator (12 of 21 needs in chapter II: 57 per cent)."""
    from bs4 import BeautifulSoup
    from uncac_needs.report import names, narrative

    context = names.figures({"overview": {"needs": 21}, "by_chapter": {"II": {"needs": 12}}},
                            dt.date(2020, 9, 30), None)
    soup = BeautifulSoup(str(narrative.render_text(template, context, "en")), "html.parser")
    link = soup.find("a")
    key = "by_chapter.II.needs" if "percent_of" in template else "overview.needs"
    assert (link["href"], link.get_text()) == (f"evidence.html#{key}", text)


def test_a_fact_of_the_convention_is_no_figure_and_does_not_link():
    from uncac_needs.report import names, narrative

    context = names.figures({}, dt.date(2021, 5, 31), None)
    text = str(narrative.render_text("{{ convention.states_parties|noun('State party') }}", context, "en"))
    assert text == "187 States parties"


def test_the_rejected_rows_in_the_language_of_the_page(fixture_folder):
    """The Chinese page gives why a row was rejected in Chinese, the English page in English: the rules as the
    language's catalog names them, as Annex II does."""
    import re

    def reasons(lang):
        return [tr.find_all("td")[-1].get_text(strip=True) for tr in _page(fixture_folder, lang).select("#rejected tbody tr")]
    zh, en = reasons("zh"), reasons("en")
    assert len(zh) == len(en) == 3                       # rows 22, 23 and 28 at cutoff B (counted by hand, above)
    assert all(text and re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[A-Za-z]{3,}", text) for text in zh), zh
    assert all(re.search(r"[A-Za-z]{3,}", text) for text in en)
    # the value each row was rejected for, as the cleaning log has it (not a method of the row's dict)
    data = json.loads((fixture_folder / "evidence.json").read_text(encoding="utf-8"))
    shown = [tr.find_all("td")[1].get_text() for tr in _page(fixture_folder, "en").select("#rejected tbody tr")]
    assert shown == [", ".join(r["values"]) for r in data["rejected"]] and not any("method" in v for v in shown)


def test_the_contents_sheet_lists_every_sheet(fixture_folder):
    import openpyxl

    wb = openpyxl.load_workbook(fixture_folder / "statistics.xlsx", read_only=True)
    listed = [row[0] for row in wb["contents"].iter_rows(min_row=3, values_only=True) if row[0]]
    assert "evidence" in listed and listed == [name for name in wb.sheetnames if name != "contents"]
