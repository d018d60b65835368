"""A third language is only new text files: a pseudo-language made of files renders the whole report."""
import re

import pytest
import yaml

from uncac_needs import figures, session, statistics
from uncac_needs.plumbing import config
from uncac_needs.vocabulary import i18n
from uncac_needs.vocabulary import reference
from uncac_needs.report import paragraphs as paragraph_texts, render

KEEP = {"locale", "date_formats", "date_ranges", "page", "fonts", "cjk_spacing", "place_dates"}


def pseudo(value, key=""):
    """Every text wrapped in ［ ］ (placeholders kept), so the report shows which words came from the files."""
    if key in KEEP:
        return value
    if isinstance(value, str):
        return f"［{value}］"
    if isinstance(value, dict):
        return {k: pseudo(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [pseudo(v) for v in value]
    return value


@pytest.fixture
def pseudo_language(tmp_path, monkeypatch):
    folder = tmp_path / "i18n" / "xx"
    folder.mkdir(parents=True)
    source = i18n.language_dir("en")
    labels = pseudo(yaml.safe_load((source / "labels.yaml").read_text(encoding="utf-8")))
    labels["language_name"] = "Pseudo"
    labels["terms"] = {     # the names that, for English and Chinese, live in data/reference
        "states": {t.iso3: f"［{t.name_en}］" for t in reference.states()},
        "categories": {t.code: f"［{t.name_en}］" for t in reference.categories()},
        "subcategories": {t.code: f"［{t.name_en}］" for t in reference.subcategories()},
        "regions": {t.code: f"［{t.name_en}］" for t in reference.regions()},
        "chapters": {c.code: f"［{c.name_en}］" for c in reference.chapters().values()},
        "chapter_titles": {c.code: f"［{c.title_en}］" for c in reference.chapters().values()},
        "article_titles": {str(a.number): f"［{a.title_en}］" for a in reference.articles().values()},
    }
    (folder / "labels.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    paragraphs = yaml.safe_load((source / "paragraphs.yaml").read_text(encoding="utf-8"))
    (folder / "paragraphs.yaml").write_text(
        yaml.safe_dump({k: f"［ {v} ］" for k, v in paragraphs.items()}, allow_unicode=True), encoding="utf-8")
    narrative = tmp_path / "narrative"
    for part in ("introduction", "further_consideration"):
        text = (config.SESSIONS_DIR / "narrative" / "en" / f"{part}.md").read_text(encoding="utf-8")
        (narrative / part).parent.mkdir(parents=True, exist_ok=True)
        (narrative / f"{part}.md").write_text("\n\n".join(f"［{p}］" for p in text.split("\n\n") if p.strip()),
                                              encoding="utf-8")
    monkeypatch.setenv("UNCAC_NEEDS_I18N_PATH", str(tmp_path / "i18n"))
    for cached in (i18n.labels, i18n.babel_locale, paragraph_texts.paragraph_templates):
        cached.cache_clear()
    yield narrative
    for cached in (i18n.labels, i18n.babel_locale, paragraph_texts.paragraph_templates):
        cached.cache_clear()


def test_a_language_made_only_of_files(pseudo_language, sample_result):
    assert "xx" in i18n.languages()
    sess = session.load(session.DEFAULT_SESSION, {
        "languages": ["en", "xx"],
        "narrative": {"xx": {"introduction": str(pseudo_language / "introduction.md"),
                             "further_consideration": str(pseudo_language / "further_consideration.md")}}})
    stats = statistics.compute(sample_result.cleaned, "2020-09-30", "2019-08-31")
    english = render.Report(stats, figures.draw(stats, "en"), sess, "en")
    pseudo_report = render.Report(stats, figures.draw(stats, "xx"), sess, "xx")
    en_html, xx_html = english.document(), pseudo_report.document()
    assert re.findall(r'id="para-\d+" data-key="\w+"', xx_html) == re.findall(r'id="para-\d+" data-key="\w+"', en_html)
    assert xx_html.count('<figure class="chart"') == 6
    assert "［I. Introduction］" in xx_html and "［Figure I］" in xx_html and "［capacity-building］" in xx_html
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<svg.*?</svg>", "", xx_html, flags=re.S))
    paragraphs = re.findall(r'<p class="para"[^>]*><span class="num">\d+\.</span>(.*?)</p>', xx_html, flags=re.S)
    assert paragraphs and all("［" in p for p in paragraphs)
    assert "{{" not in text
    comparison = re.sub(r"<[^>]+>", " ", re.search(r'data-key="comparison">(.*?)</p>', xx_html, flags=re.S)[1])
    assert re.search(r"(?<![\d,.])404 needs\b", comparison), comparison      # the count, as a figure


def test_no_code_names_a_language():
    """The package never branches on a language's name outside its catalogs."""
    paths = list((config.PROJ_ROOT / "src" / "uncac_needs").rglob("*.py"))
    assert len(paths) > 20                        # every module of every stage, not the top folder's alone
    for path in paths:
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"""==\s*["']zh["']|lang\s*==|["']zh["']\s+in\s+""", source), path.name
