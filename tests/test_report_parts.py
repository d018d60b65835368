"""The report stage on its own: it places the figures it is given and the reconciliation the statistics
carry (it draws and reconciles nothing), numbers paragraphs and footnotes across its parts, and writes
its HTML only through the autoescaping templates."""
import ast
import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from uncac_needs import figures, session, statistics
from uncac_needs.figures import Figure, Figures
from uncac_needs.plumbing import config
from uncac_needs.plumbing.provenance import Provenance
from uncac_needs.report import render
from uncac_needs.vocabulary import i18n

REPORT_PACKAGE = config.PACKAGE_DIR / "report"


@pytest.fixture(scope="module")
def stats(sample_result):
    return statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")


@pytest.fixture(scope="module")
def drawn(stats):
    return figures.draw(stats, "en")


def fake_figures() -> Figures:
    """Figures that no chart could have drawn: the report must place exactly these."""
    return Figures("en", {n: Figure(n, Markup(f'<svg role="img" aria-label="fake {n}" id="fake-{n}"></svg>'),
                                    f"Caption {n}", f"fake {n}", pd.DataFrame())
                          for n in figures.FIGURES})


def report(stats, figs, lang="en", **overrides):
    sess = session.load(session.DEFAULT_SESSION, overrides or None)
    return render.Report(stats, figs, sess, lang)


def test_the_report_places_the_figures_it_is_given_and_draws_none(stats, monkeypatch):
    from uncac_needs.figures import charts

    def no_drawing(*args, **kwargs):
        raise AssertionError("the report drew a figure")

    monkeypatch.setattr(charts, "bars", no_drawing)
    soup = BeautifulSoup(report(stats, fake_figures()).document(), "html.parser")
    placed = soup.select("figure.chart")
    assert [f["id"] for f in placed] == [f"figure-{n}" for n in ("I", "II", "III", "IV", "V", "VI")]
    assert [f.svg["id"] for f in placed] == [f"fake-{n}" for n in ("I", "II", "III", "IV", "V", "VI")]
    assert [f.figcaption.get_text() for f in placed] == [f"Caption {n}" for n in ("I", "II", "III", "IV", "V", "VI")]
    assert [f.select_one("p.alt").get_text() for f in placed] == [f"fake {n}" for n in ("I", "II", "III", "IV", "V", "VI")]


def test_the_report_reads_the_reconciliation_the_statistics_carry(stats, drawn, monkeypatch):
    from uncac_needs.statistics import reconcile

    def no_reconciling(*args, **kwargs):
        raise AssertionError("the report reconciled the statistics again")

    monkeypatch.setattr(reconcile, "reconcile", no_reconciling)
    assert len(stats.reconciliation) > 3                     # the 2020 note states many figures
    three = stats.with_reconciliation(stats.reconciliation[:3])
    soup = BeautifulSoup(report(three, drawn).html("annexes"), "html.parser")
    rows = soup.select("#table-reconciliation tbody tr")
    assert [r["id"] for r in rows] == [f"published-{c.figure.id}" for c in stats.reconciliation[:3]]

    none = stats.model_copy(update={"reconciliation": None})
    soup = BeautifulSoup(report(none, drawn).html("annexes"), "html.parser")
    assert not soup.select("#table-reconciliation")
    assert soup.find(string=i18n.label("en", "annex.reconciliation_none"))


def test_the_document_is_its_parts_in_order(stats, drawn):
    r = report(stats, drawn)
    assert r.document() == "".join(r.html(part) for part in render.Report.PARTS)
    assert r.html("banner") == ""                            # no provenance: not known to be synthetic
    synthetic = render.Report(stats, drawn, session.load(session.DEFAULT_SESSION), "en",
                              Provenance(workbook="data/raw/w.xlsx", synthetic=True))
    assert synthetic.html("banner").startswith('<div class="banner" role="note">')
    assert "w.xlsx" in synthetic.html("banner")
    assert r.html("masthead").startswith('<header class="masthead">')
    assert r.html("annexes").startswith('<section class="annexes">') and r.html("annexes").endswith("</section>")


def test_the_annex_tables_follow_the_note(stats, drawn):
    """Annex I in the order of the note's sections (chapter II's sections after its articles), then the
    quality of the data, then the reconciliation."""
    soup = BeautifulSoup(report(stats, drawn).html("annexes"), "html.parser")
    assert [t.get("id") for t in soup.select("table.data")] == [
        "table-overview", "table-change", "table-by_chapter", "table-by_category", "table-by_region",
        "table-articles_ii", "table-groups_ii", "table-articles_v", "table-categories_v", "table-combined",
        "table-subcategories", "table-cleaning", *(["rejected-rows"] if stats.cleaning_rejected else []),
        None, None, "table-reconciliation",                                                 # two tables of reasons
        *(["reconciliation-differs"] if any(c.status == "differs" for c in stats.reconciliation) else []),
        *(["reconciliation-not-computed"] if any(c.status == "not computed" for c in stats.reconciliation) else [])]
    assert [t["class"] for t in soup.select("table.data:not([id])")] == [["data", "reasons"]] * 2


def test_paragraphs_and_footnotes_are_numbered_across_the_parts(stats, drawn):
    soup = BeautifulSoup(report(stats, drawn).document(), "html.parser")
    numbers = [int(p["id"].removeprefix("para-")) for p in soup.select("p.para")]
    assert numbers == list(range(1, len(numbers) + 1))
    # the 2020 session's own words (sessions/narrative/2020-irg-11-2/) in every section, as the analyst's
    assert {p["data-key"] for p in soup.select('section ~ p.para, h2 ~ p.para')} >= {"introduction", "needs"}
    notes = soup.select("section.footnotes li")
    assert [li["id"] for li in notes] == [f"fn-{i}" for i in range(1, len(notes) + 1)] and len(notes) >= 3
    first_calls = []
    for call in soup.select("p.para sup.fn-ref a"):
        number, paragraph = re.fullmatch(r"fnref-(\d+)-(\d+)", call["id"]).groups()
        assert call.find_parent("p")["id"] == f"para-{paragraph}"      # the call names its paragraph
        assert call["href"] == f"#fn-{number}"
        note = call.find_parent("sup").find_previous_sibling("span", class_="fn").get_text()
        assert soup.select_one(f"li#fn-{number}").get_text() == note    # the list holds the same text
        if int(number) not in first_calls:
            first_calls.append(int(number))
    assert first_calls == list(range(1, len(notes) + 1))                 # numbered in the order first called


def test_the_draft_masthead_claims_no_meeting(stats, drawn):
    sess = session.draft(stats.cutoff, stats.previous_cutoff)
    masthead = BeautifulSoup(render.Report(stats, drawn, sess, "en").html("masthead"), "html.parser")
    assert masthead.header["class"] == ["masthead", "draft"]
    assert masthead.select_one(".symbol").get_text() == i18n.label("en", "masthead.draft_mark")
    assert not masthead.select(".organ, .session, .place, .agenda")
    assert "30 September 2020" in masthead.select_one(".note").get_text()


# ------------------------------------------------------------------------------------------------------
# HTML only through the templates

def _code_strings(path) -> list[str]:
    """The string constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_html_is_written_in_the_reports_python():
    modules = sorted(REPORT_PACKAGE.glob("*.py"))
    assert len(modules) >= 6
    for path in modules:
        for text in _code_strings(path):
            assert not re.search(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]", text), (path.name, text)


def test_the_templates_leave_escaping_to_the_environment():
    """No value is marked safe or escaped by hand in the note's templates or the landing page: the
    environment escapes everything that is not Markup (the figures' SVG, the paragraphs' text)."""
    templates = sorted((config.TEMPLATES_DIR / "note").glob("*.j2")) + [config.TEMPLATES_DIR / "index.html.j2"]
    assert len(templates) >= 12
    for path in templates:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*(safe|e|escape|forceescape)\b", source), path.name
        assert "autoescape false" not in source, path.name
    from uncac_needs.report.page import environment

    assert environment().autoescape is True
