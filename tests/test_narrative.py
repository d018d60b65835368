"""The analyst's section files (docs/narrative.md): figures by name, default paragraphs, figure places and
footnotes, rendered from the hand-counted fixture workbook in both languages; every mistake a `check` error.

The expected figures are the hand counts of tests/test_hand_counted.py (cutoff B, previous cutoff A),
written out here as a reader would read them: English counts below ten in words, shares as "per cent".
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import SHIPPED_SESSIONS
from fixture_workbook import CUTOFF_A, CUTOFF_B
from test_hand_counted import SCENARIOS
from uncac_needs import cli, session, statistics
from uncac_needs.plumbing import config
from uncac_needs.report import check, names

DOCS = config.PROJ_ROOT / "docs" / "narrative.md"
_, _, EXPECTED_B, CHANGE_B_SINCE_A = SCENARIOS["B-since-A"]                 # the hand counts at B, since A
WORDS = "zero one two three four five six seven eight nine".split()   # English running text below ten

NEEDS_EN = """\
By {{ parameters.cutoff_date }}, {{ overview.states_with_needs }} of the {{ overview.states_completed }} States \
had identified {{ overview.needs }} needs.[^count]

{{ figure.II }}

{{ default.comparison }}

### The chapters

Chapter II holds {{ by_chapter.II.share }} of the needs; article 5 has {{ articles.5.needs }} \
({{ articles.5.needs|digits }} in figures), articles 14 and 52 {{ combined.art14_52.needs }}.

{{ articles.5.needs|capital }} needs cite article 5; legislative assistance under chapter V: \
{{ by_category.legislative_assistance.by_chapter.V }}.

[^count]: At {{ parameters.previous_cutoff_date|month }} there were {{ change.needs.previous }} needs.
"""

NEEDS_ZH = """\
截至{{ parameters.cutoff_date }}，在{{ overview.states_completed }}个国家中，有{{ overview.states_with_needs }}个国家\
确定了{{ overview.needs }}项需求。[^count]

{{ figure.II }}

{{ default.comparison }}

### 各章

第二章占全部需求的{{ by_chapter.II.share }}；第五条有{{ articles.5.needs }}项需求（{{ articles.5.needs|digits }}），\
第十四条和第五十二条合计{{ combined.art14_52.needs }}项。

第五条的需求为{{ articles.5.needs|capital }}项；第五章的立法援助需求为\
{{ by_category.legislative_assistance.by_chapter.V }}项。

[^count]: 截至{{ parameters.previous_cutoff_date|month }}，共有{{ change.needs.previous }}项需求。
"""


def en_count(n: int) -> str:
    return WORDS[n] if n < 10 else f"{n:,}"


def per_cent(part: int, whole: int) -> int:
    """A share as the note rounds it: half away from zero."""
    return int((Decimal(part * 100) / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def make_session(tmp_path: Path, workbook: Path, files: dict[str, dict[str, str]]) -> Path:
    """A session on the fixture workbook (cutoff B, previous A) whose narrative is `files`: lang → section → text."""
    data = yaml.safe_load(session.DEFAULT_SESSION.read_text(encoding="utf-8"))
    data.update(cutoff_date=CUTOFF_B, previous_cutoff_date=CUTOFF_A, workbook=str(workbook), narrative={})
    for lang, sections in files.items():
        for section, text in sections.items():
            path = tmp_path / lang / f"{section}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            data["narrative"].setdefault(lang, {})[section] = str(path)
    path = tmp_path / "session.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def fixture_stats(fixture_result):
    return statistics.compute(fixture_result.cleaned, CUTOFF_B, CUTOFF_A)


@pytest.fixture(scope="module")
def rendered(fixture_stats, fixture_workbook, tmp_path_factory):
    path = make_session(tmp_path_factory.mktemp("narrative"), fixture_workbook,
                        {"en": {"needs": NEEDS_EN}, "zh": {"needs": NEEDS_ZH}})
    sess = session.load(path)
    return {lang: check.render(fixture_stats, sess, lang) for lang in ("en", "zh")}


def paragraphs(report) -> list:
    soup = BeautifulSoup(report.html("needs"), "html.parser")
    for link in soup.select('a[href^="evidence.html#"]'):      # a figure's link to its rows reads as its text
        link.unwrap()
    soup.smooth()
    return soup.select("p.para")


def body(p) -> str:
    """A paragraph's text as a reader reads it, without its number."""
    p = BeautifulSoup(str(p), "html.parser")
    for number in p.select(".num"):
        number.decompose()
    return p.get_text(" ", strip=True)


# ------------------------------------------------------------------------------------------------ the figures

def test_names_show_the_hand_counts_in_english(rendered):
    ov, ch = EXPECTED_B["overview"], EXPECTED_B["by_chapter"]
    first, _, _, fourth = [body(p) for p in paragraphs(rendered["en"])]
    assert (f"By 30 June 2020, {en_count(ov['states_with_needs'])} of the {en_count(ov['states_completed'])} "
            f"States had identified {en_count(ov['needs'])} needs.") in first
    art5 = EXPECTED_B["articles"]["5"]["needs"]
    text = " ".join(p.get_text(" ", strip=True) for p in paragraphs(rendered["en"]))
    share = per_cent(ch["II"]["needs"], ov["needs"])
    assert f"Chapter II holds {share}\u00a0per cent of the needs" in text     # a no-break space: never split
    assert f"article 5 has {en_count(art5)} ({art5} in figures)" in text
    assert f"articles 14 and 52 {en_count(EXPECTED_B['combined']['art14_52']['needs'])}." in text
    assert fourth.startswith(f"{en_count(art5).capitalize()} needs cite article 5")
    legislative_v = EXPECTED_B["by_category"]["legislative_assistance"]["by_chapter"]["V"]
    assert fourth.endswith(f"under chapter V: {en_count(legislative_v)}.")
    assert "%" not in text


def test_names_show_the_hand_counts_in_chinese(rendered):
    ov, ch = EXPECTED_B["overview"], EXPECTED_B["by_chapter"]
    text = "".join(p.get_text("", strip=True) for p in paragraphs(rendered["zh"]))
    assert (f"截至2020年6月30日，在{ov['states_completed']}个国家中，有{ov['states_with_needs']}个国家"
            f"确定了{ov['needs']}项需求。") in text
    assert f"第二章占全部需求的{per_cent(ch['II']['needs'], ov['needs'])}%" in text
    art5 = EXPECTED_B["articles"]["5"]["needs"]
    assert f"第五条有{art5}项需求（{art5}）" in text and f"第五条的需求为{art5}项" in text


def test_default_paragraph_taken_back_and_numbered(rendered):
    for lang, report in rendered.items():
        paras = paragraphs(report)
        assert [p.get("data-key") for p in paras] == ["needs", "comparison", "needs", "needs"], lang
        intro = BeautifulSoup(report.html("introduction"), "html.parser").select("p.para")
        numbers = [int(p.select_one(".num").get_text().rstrip(".")) for p in paras]
        assert numbers == list(range(len(intro) + 1, len(intro) + 5)), lang     # numbered on from section I
        heading = BeautifulSoup(report.html("needs"), "html.parser").find("h3")
        assert heading.get_text() == {"en": "The chapters", "zh": "各章"}[lang] and not heading.select(".num")


def test_figures_in_their_places(rendered):
    """Figure II where the file puts it; I and III, which it does not place, at the section's end."""
    for lang, report in rendered.items():
        html = report.html("needs")
        where = {n: html.index(f'id="figure-{n}"') for n in ("I", "II", "III")}
        paras = [m.start() for m in re.finditer(r'<p class="para"', html)]
        assert paras[0] < where["II"] < paras[1], lang
        assert paras[-1] < where["I"] < where["III"], lang
        assert report.shapes["needs"] == ["p", "figure II", "p", "h", "p", "p", "figure I", "figure III"]


def test_footnote_numbered_on_with_its_figures(rendered):
    previous = CHANGE_B_SINCE_A["needs"]["previous"]
    for lang, report in rendered.items():
        soup = BeautifulSoup(report.html("footnotes"), "html.parser")
        notes = [li.get_text(" ", strip=True) for li in soup.select("li")]
        expected = {"en": f"At December 2019 there were {en_count(previous)} needs.",
                    "zh": f"截至 2019年12月 ，共有 {previous} 项需求。"}[lang]
        mine = [n for n in notes if expected.replace(" ", "") in n.replace(" ", "")]
        assert len(mine) == 1, (lang, notes)
        number = notes.index(mine[0]) + 1
        first = paragraphs(report)[0]
        assert first.select_one("sup.fn-ref a")["href"] == f"#fn-{number}", lang


def test_published_figures_by_name(fixture_stats):
    """The 2019 note published 282 needs at 31 August 2019 (data/reference/published_figures.csv)."""
    import datetime as dt

    from uncac_needs.report import narrative

    tree = names.figures(fixture_stats.as_dict(), dt.date(2020, 9, 30), dt.date(2019, 8, 31))
    assert narrative.render_text("{{ published.previous.overview.needs }}", tree, "en") == "282"
    shown = BeautifulSoup(str(narrative.render_text("{{ published.current.by_chapter.II.share }}", tree, "en")),
                          "html.parser").get_text()
    assert shown == "64\u00a0per cent"          # a no-break space between the figure and "per cent"
    assert narrative.render_text("{{ published.current.by_chapter.II.share }}", tree, "zh") == "64%"


# ------------------------------------------------------------------------------------------------ check

def run_check(tmp_path, fixture_workbook, files, capsys) -> tuple[int, str]:
    code = cli.main(["check", str(make_session(tmp_path, fixture_workbook, files))])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err.strip()


def test_check_passes_the_example(tmp_path, fixture_workbook, capsys):
    code, _ = run_check(tmp_path, fixture_workbook, {"en": {"needs": NEEDS_EN}, "zh": {"needs": NEEDS_ZH}}, capsys)
    assert code == 0


@pytest.mark.parametrize("bad, words", [
    ("{{ articles.60.needs }}", ["'articles.60'"]),
    ("{{ overview.states_parties }}", ["'overview.states_parties'", "did you mean"]),
    ("{{ nothing_here }}", ["'nothing_here'"]),
    ("{{ ''.__class__ }}", ["may not use"]),
    ("{{ overview.__class__.__mro__ }}", ["may not use"]),
    ("{{ articles.5 }}", ["'articles.5' is a group of figures"]),
    ("{{ overview.needs + }}", ["cannot be read"]),
    ("{{ combined.art14_52.exceeds_every_article }}", ["true-or-false"]),
    ("Text[^nowhere].", ["[^nowhere] has no text"]),
])
def test_a_bad_name_is_an_exit_2_sentence(tmp_path, fixture_workbook, capsys, bad, words):
    text = f"A first paragraph.\n\nThe second names {bad}.\n"
    code, err = run_check(tmp_path, fixture_workbook, {"en": {"needs": text}, "zh": {"needs": text}}, capsys)
    assert code == 2 and len(err.splitlines()) == 1, err
    assert str(tmp_path / "en" / "needs.md") in err and "paragraph 2 (line 3)" in err, err
    for word in words:
        assert word in err, (word, err)


@pytest.mark.parametrize("block, words", [
    ("{{ default.nothing }}", ["'default.nothing' is not a default paragraph", "comparison"]),
    ("{{ figure.IV }}", ["Figure IV is not a figure of this section", "I, II, III"]),
])
def test_a_bad_place_is_an_exit_2_sentence(tmp_path, fixture_workbook, capsys, block, words):
    text = f"A paragraph.\n\n{block}\n"
    code, err = run_check(tmp_path, fixture_workbook, {"en": {"needs": text}, "zh": {"needs": text}}, capsys)
    assert code == 2 and str(tmp_path / "en" / "needs.md") in err
    for word in words:
        assert word in err, (word, err)


def test_paragraph_counts_must_match(tmp_path, fixture_workbook, capsys):
    code, err = run_check(tmp_path, fixture_workbook,
                          {"en": {"needs": "One.\n\nTwo.\n"}, "zh": {"needs": "一。\n"}}, capsys)
    assert code == 2 and "different numbers of paragraphs (2 in en, 1 in zh)" in err


def test_paragraph_counts_must_match_once_rendered(tmp_path, fixture_workbook, capsys):
    """A paragraph that renders empty in one language only (its condition false there) is caught too."""
    en = "One.\n\n{% if overview.needs > 0 %}Two.{% endif %}\n"
    zh = "一。\n\n{% if overview.needs < 0 %}二。{% endif %}\n"
    code, err = run_check(tmp_path, fixture_workbook, {"en": {"needs": en}, "zh": {"needs": zh}}, capsys)
    assert code == 2 and "has 2 paragraphs in en but 1 in zh" in err and "needs.md" in err


def test_a_section_in_one_language_only(tmp_path, fixture_workbook, capsys):
    code, err = run_check(tmp_path, fixture_workbook, {"en": {"chapter_v": "One.\n"}}, capsys)
    assert code == 2 and "'narrative.zh.chapter_v' is missing" in err


# ------------------------------------------------------------------------------------------------ the list

PLACEHOLDERS = {"by_chapter": "<chapter>", "by_chapter_share": "<chapter>", "by_category": "<category>",
                "by_region": "<region>", "articles": "<article>", "by_article": "<article>",
                "subcategories": "<subcategory>", "groups": "<group>", "by_group": "<group>", "topics": "<topic>",
                "cleaning": "<sheet>", "cleaning_reasons": "<sheet>"}


def pattern(name: str) -> str:
    """A dotted key of statistics.json as docs/narrative.md writes it: codes as placeholders."""
    parts = name.split(".")
    out = []
    for i, part in enumerate(parts):
        if parts[0] == "cleaning_reasons" and i == 2:
            out.append("<reason>")
        elif i and parts[i - 1] in PLACEHOLDERS:
            out.append(PLACEHOLDERS[parts[i - 1]])
        else:
            out.append(part)
    return ".".join(out)


def test_docs_list_every_name_of_the_2020_statistics(sample_result):
    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    docs = DOCS.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", docs, re.MULTILINE))
    missing = sorted({pattern(n) for n in names.dotted_names(stats.as_dict())} - listed)
    assert missing == [], f"docs/narrative.md does not list {missing}"


def test_docs_example_renders(sample_result, tmp_path):
    """The example at the end of docs/narrative.md is a section file that renders on the 2020 session."""
    example = DOCS.read_text(encoding="utf-8").split("```markdown\n")[-1].split("```")[0]
    sess = session.load(session.DEFAULT_SESSION)
    path = tmp_path / "needs.md"
    path.write_text(example, encoding="utf-8")
    sess = sess.model_copy(update={"narrative": {lang: {"needs": path} for lang in sess.languages}})
    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    text = BeautifulSoup(check.render(stats, sess, "en").html("needs"), "html.parser").get_text(" ", strip=True)
    assert "by September 2020" in text and "CAC/COSP/2019/14" in BeautifulSoup(
        check.render(stats, sess, "en").html("footnotes"), "html.parser").get_text()


# ------------------------------------------------------------------------------------------------ shipped sessions

@pytest.mark.parametrize("path", SHIPPED_SESSIONS, ids=[p.stem for p in SHIPPED_SESSIONS])
def test_shipped_narratives_render_against_the_sample(sample_result, path):
    """Every section file of the shipped sessions names only figures the sample's statistics have."""
    sess = session.load(path)
    check.check(sess, statistics.compute(sample_result.cleaned, sess.cutoff_date, sess.previous_cutoff_date))
    assert all(sess.narrative_file(lang, "summary") for lang in sess.languages)   # each its own words


def test_the_2020_session_has_the_notes_51_paragraphs(sample_result):
    """The seed note has 51 numbered paragraphs; the 2020 session's words give each its counterpart."""
    sess = session.load(session.DEFAULT_SESSION)
    stats = statistics.compute(sample_result.cleaned, sess.cutoff_date, sess.previous_cutoff_date)
    for lang in sess.languages:
        shapes = check.render(stats, sess, lang).shapes
        assert sum(shape.count("p") for name, shape in shapes.items() if name != "summary") == 51, lang


def test_run_stops_on_an_unknown_name_before_writing(tmp_path, fixture_workbook, capsys):
    """`run` checks the narrative against the statistics it computed: exit 2, the sentence, no report folder."""
    text = "A first paragraph.\n\nThe second names {{ articles.5.needz }}.\n"
    path = make_session(tmp_path, fixture_workbook, {"en": {"needs": text}, "zh": {"needs": text}})
    code = cli.main(["run", str(path), "--out", str(tmp_path / "report"), "--no-pdf"])
    err = capsys.readouterr().err
    assert code == 2 and "paragraph 2 (line 3)" in err and "'articles.5.needz'" in err and "Traceback" not in err
    assert not (tmp_path / "report").exists()


def test_heading_levels_stay_under_the_section(tmp_path, fixture_workbook, fixture_stats):
    text = "## Wide\n\nOne.\n\n#### Narrow\n\nTwo.\n"
    sess = session.load(make_session(tmp_path, fixture_workbook, {"en": {"chapter_v": text}, "zh": {"chapter_v": text}}))
    soup = BeautifulSoup(check.render(fixture_stats, sess, "en").html("chapter_v"), "html.parser")
    assert [(h.name, h.get_text()) for h in soup.find_all(["h3", "h4"])] == [("h3", "Wide"), ("h4", "Narrow")]
    assert len(soup.find_all("h2")) == 1                  # the section's own
