"""The shipped sample workbook: made by its script, labelled synthetic, messy, and calibrated.

The back-tests compare the cleaned sample at each published cutoff with the figures the published
notes state (data/reference/published_figures.csv): one test case per figure.
"""
import datetime as dt

import openpyxl
import pytest

import make_sample as sample
from uncac_needs import statistics
from uncac_needs.plumbing import config
from uncac_needs.statistics import reconcile
from uncac_needs.vocabulary import reference

CUTOFFS = reference.published_cutoffs()
PREVIOUS = {c: (CUTOFFS[i - 1] if i else None) for i, c in enumerate(CUTOFFS)}


@pytest.fixture(scope="module")
def stats_at(sample_result):
    return {c: statistics.compute(sample_result.cleaned, c, PREVIOUS[c]) for c in CUTOFFS}


def test_script_writes_the_same_bytes(tmp_path):
    out = tmp_path / "sample.xlsx"
    sample.write_workbook(sample.build_plan(), out)
    assert out.read_bytes() == config.SAMPLE_WORKBOOK.read_bytes(), \
        "data/raw/ta_needs_sample.xlsx is not what `make sample` writes: run `make sample` and commit the result"


def test_labelled_synthetic():
    wb = openpyxl.load_workbook(config.SAMPLE_WORKBOOK, read_only=True)
    assert "SYNTHETIC" in wb.properties.title
    assert wb.sheetnames[0] == "About this sample"
    first = next(wb["About this sample"].iter_rows(values_only=True))[0]
    assert "SYNTHETIC SAMPLE" in first


def test_messy_as_hand_kept_sheets_are(sample_result):
    wb = openpyxl.load_workbook(config.SAMPLE_WORKBOOK, read_only=True)
    values = [c for row in wb["TA needs"].iter_rows(values_only=True) for c in row if c is not None]
    dates = [c for row in wb["Executive summaries"].iter_rows(min_row=5, values_only=True) for c in row[1:2]]
    assert any(isinstance(v, dt.datetime) for v in dates) and any(isinstance(v, str) for v in dates)
    assert any(isinstance(v, (int, float)) for v in dates)                      # serial numbers
    assert any(isinstance(v, str) and v.startswith("第") and v.endswith("条") for v in values)
    assert any(isinstance(v, str) and v != v.strip() for v in values)          # stray spaces
    for s in sample_result.summary.values():
        assert s.header_row > 1                                                # title rows above the header
        assert s.duplicates > 0 and s.rows_rejected > 0
    rules = {e.rule for e in sample_result.log}
    assert {"state_spelling", "date_as_text", "date_as_number", "article_form", "chapter_form", "category_spelling",
            "articles_span_chapters", "article_out_of_scope", "state_without_summary", "region_differs"} <= rules


@pytest.mark.parametrize("cutoff, completed, with_needs, needs", [
    ("2019-08-31", 27, 17, 282), ("2020-09-30", 44, 30, 404), ("2021-05-31", 57, 39, 455),
])
def test_headline_counts(stats_at, cutoff, completed, with_needs, needs):
    # the published headline figures (2020 note, summary and paragraph 4; 2021 report, paragraph 1)
    o = stats_at[cutoff].overview
    assert (o.states_completed, o.states_with_needs, o.needs) == (completed, with_needs, needs)


COMPARABLE = [f for f in reference.published_figures() if f.comparison != "descriptive"]


@pytest.mark.parametrize("figure", COMPARABLE, ids=[f.id for f in COMPARABLE])
def test_published_figure(stats_at, figure):
    computed = stats_at[figure.cutoff].value(figure.key)
    impossible = reconcile.impossible()
    where = f"{figure.id} ({figure.statement}; {figure.source}, paragraph {figure.paragraph})"
    if figure.id in impossible:
        # cannot hold together with the other published figures; the reconciliation explains why
        assert not reconcile.matches(figure, computed), where
        return
    assert reconcile.matches(figure, computed), f"{where}: published {figure.published}, computed {computed}"


def test_the_impossible_figures_are_the_growth_rates():
    assert set(reconcile.impossible()) == {"2020-ch2-growth", "2020-ch5-growth"}


def test_verify_reports_what_cannot_be_met():
    lines = sample.verify(config.SAMPLE_WORKBOOK)
    assert any("cannot be met: 2020-ch5-growth" in line and "at least 76%" in line for line in lines)


def test_the_needs_citing_articles_14_and_52_as_the_2020_note_has_them(sample_result, stats_at):
    """The 2020 note treats article 14 with article 52 under chapter V (paragraphs 35 and 43): some chapter V
    needs cite both, as the keepers write them ('52/14', '第五十二条和第十四条'). Each counts once in the 40 needs
    of articles 14 and 52 together (published) and under each article; the rows with no chapter are rejected."""
    reviews, needs = sample_result.reviews, sample_result.needs
    completed = set(reviews.loc[reviews["summary_date"] <= "2020-09-30", "state"])
    both = needs[(needs["articles"] == "14;52") & needs["state"].isin(completed)]
    assert len(both) > 0 and set(both["chapter"]) == {"V"}
    wb = openpyxl.load_workbook(config.SAMPLE_WORKBOOK, read_only=True)
    rows = list(wb["TA needs"].iter_rows(values_only=True))
    for sheet_row in both["sheet_row"]:
        chapter, article = rows[sheet_row - 1][2:4]         # the Chapter and Article(s) cells, as typed
        assert article in ("52/14", "第五十二条和第十四条") and chapter, sheet_row
    s = stats_at["2020-09-30"]
    assert s.combined["art14_52"].needs == 40                                  # published, paragraph 43
    assert s.articles["14"].needs + s.articles["52"].needs - len(both) == 40
    rejected = [e for e in sample_result.log if e.rule == "articles_span_chapters"]
    assert rejected and all(e.action == "rejected" and "fill in the row's chapter" in e.reason for e in rejected)
