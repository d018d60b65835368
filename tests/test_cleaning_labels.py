"""Every reason the cleaning can write into its log has its template in every catalog language, with the same
named fields; every rule has its plain label; every template renders in every language.

What the code can emit is read from the code itself: every `because(rule, form, **fields)` call under
src/uncac_needs/clean/ (a call whose rule or form is not written out is refused, so that none is missed).
"""
from __future__ import annotations

import ast
import datetime as dt
import re

import pytest

from uncac_needs.clean import reasons
from uncac_needs.clean.reasons import Articles, Term, Terms, because
from uncac_needs.plumbing import config
from uncac_needs.vocabulary import i18n

SOURCES = sorted((config.PACKAGE_DIR / "clean").rglob("*.py"))
LANGUAGES = [lang for lang in i18n.languages() if (i18n.language_dir(lang) / "cleaning.yaml").is_file()]
CJK = re.compile(r"[\u4e00-\u9fff]")


def emitted() -> dict[tuple[str, str | None], set[str]]:
    """(rule, form) -> the template's named fields, for every reason the cleaning's code can give."""
    found: dict[tuple[str, str | None], set[str]] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "because"):
                continue
            where = f"{path.name}:{node.lineno}"
            assert node.args and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args), \
                f"{where}: write the rule (and form) of because() out, so that this test can see them"
            assert all(k.arg for k in node.keywords), f"{where}: name every field of because()"
            key = (node.args[0].value, node.args[1].value if len(node.args) > 1 else None)
            fields = {k.arg for k in node.keywords}
            assert found.setdefault(key, fields) == fields, f"{where}: {key} is given other fields elsewhere"
    return found


def templates(lang: str) -> dict[tuple[str, str | None], str]:
    out = {}
    for rule, entry in reasons.catalog(lang)["reasons"].items():
        for form, text in (entry.items() if isinstance(entry, dict) else [(None, entry)]):
            out[(rule, form)] = text
    return out


def emitted_rules() -> set[str]:
    return {rule for rule, _ in emitted()}


def test_the_sources_are_read():
    found = emitted()
    rules = {rule for rule, _ in found}
    assert {"date_month_first", "summary_date_future", "date_unreadable", "article_form", "state_spelling",
            "duplicate", "not_a_record", "region_differs", "date_as_text", "cell_error", "formula_not_computed",
            "category_unknown", "region_spelling", "spaces", "subcategory_not_applicable"} <= rules
    assert found[("state_spelling", None)] == {"text", "state"}
    assert found[("date_unreadable", "text")] == {"text"}
    assert len(found) >= 50 and "rejected" not in rules


def test_the_log_and_the_catalogs_have_languages():
    assert reasons.LOG_LANGUAGE in LANGUAGES and {"en", "zh"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reason_has_its_template_with_the_same_fields(lang):
    have = templates(lang)
    missing = sorted(f"{rule}.{form}" if form else rule for rule, form in emitted() if (rule, form) not in have)
    assert missing == []
    mismatched = {key: (sorted(fields), sorted(reasons.fields_of(have[key]))) for key, fields in emitted().items()
                  if reasons.fields_of(have[key]) != fields}
    assert mismatched == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_template_is_left_over(lang):
    assert sorted(str(key) for key in set(templates(lang)) - set(emitted())) == []


def test_catalogs_in_step():
    en, zh = i18n.labels("en"), i18n.labels("zh")
    assert set(en["rules"]) == set(zh["rules"]) and set(en["actions"]) == set(zh["actions"])
    assert set(templates("en")) == set(templates("zh"))
    assert set(reasons.catalog("en")["forms"]) == set(reasons.catalog("zh")["forms"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_rule_has_a_label(lang):
    labels = i18n.labels(lang)["rules"]
    assert sorted(emitted_rules() - set(labels)) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_action_has_a_label(lang):
    assert set(i18n.labels(lang)["actions"]) == {"corrected", "noted", "warning", "duplicate", "rejected"}


def test_date_labels_ask_for_the_form():
    assert "write the date as YYYY-MM-DD" in i18n.label("en", "rules.date_unreadable")
    assert "请按 YYYY-MM-DD 格式填写日期" in i18n.label("zh", "rules.date_unreadable")
    for lang in ("en", "zh"):
        assert "2020-09-15" not in str(i18n.labels(lang)["rules"])
        assert "2020-09-15" not in str(reasons.catalog(lang))
    assert "YYYY-MM-DD" in templates("zh")[("date_unreadable", "text")]
    assert "YYYY-MM-DD" in templates("zh")[("date_month_first", None)]


# one example per field name: a field whose name is new must be added here, with the kind of value it takes
EXAMPLES = {
    "text": "Kenia", "value": "4", "error": "#N/A", "formula": "=A1+B1", "row": 12, "sheet": "Reviews",
    "date": dt.date(2021, 7, 5), "first_date": dt.date(2020, 1, 2), "latest": dt.date(2021, 6, 10), "year": 2015,
    "day": 13, "first": 12, "last": 40, "most": 11,
    "state": Term("states", "KEN"), "region": Term("regions", "african"),
    "sheet_region": Term("regions", "asia_pacific"), "reference_region": Term("regions", "african"),
    "category": Term("categories", "other"), "subcategory": Term("subcategories", "training"),
    "subcategorised": Term("categories", "capacity_building"), "chapter": Term("chapters", "II"),
    "found": Term("chapters", "V"), "chapters": Terms("chapters"), "known": Terms("categories"),
    "articles": Articles((14, 52)), "reason": because("spaces"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reason_renders(lang):
    assert set().union(*emitted().values()) <= set(EXAMPLES)
    for (rule, form), fields in emitted().items():
        text = because(rule, form, **{name: EXAMPLES[name] for name in fields}).text(lang)
        assert text.strip() and "{" not in text and "}" not in text, (rule, form, text)
        assert "Term(" not in text and "Articles(" not in text, (rule, form, text)
        if lang == "zh":
            assert CJK.search(text), (rule, form, text)


@pytest.mark.parametrize("lang, expected", [
    ("en", "article 36 is outside the analysis (chapter II: articles 5 to 14; chapter V: 51 to 59)"),
    ("zh", "第三十六条不在分析范围内（第二章：第五条至第十四条；第五章：第五十一条至第五十九条）"),
])
def test_chapter_ranges_come_from_the_reference_table(lang, expected):
    # chapters.csv: chapter II is articles 5 to 14, chapter V 51 to 59 (input-workbook.md)
    assert because("article_out_of_scope", articles=Articles((36,)), chapters=Terms("chapters")).text(lang) == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", "'III' cannot be read as a chapter; write II or V"),
    ("zh", "无法将“III”识别为章；请填写II或V"),
])
def test_the_chapters_to_write_come_from_the_reference_table(lang, expected):
    assert because("chapter_unreadable", "text", text="III", chapters=Terms("chapters")).text(lang) == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", "articles 14 and 52 belong to both chapter II and chapter V; fill in the row's chapter: the need then "
           "counts under that chapter and under each of its articles"),
    ("zh", "第十四条和第五十二条分属第二章和第五章；请填写该行的章：该需求将计入所填的章，并分别计入所引各条"),
])
def test_vocabulary_is_named_in_the_language(lang, expected):
    reason = because("articles_span_chapters", articles=Articles((14, 52)), chapters=Terms("chapters", ("II", "V")))
    assert reason.text(lang) == expected


def test_a_reason_within_a_reason_is_in_the_same_language():
    inner = because("subcategory_unknown", "unknown", text="mentoring", known=Terms("subcategories"),
                    subcategorised=Term("categories", "capacity_building"))
    outer = because("subcategory_unknown", "counted_unspecified", reason=inner)
    assert outer.text("en") == (
        "'mentoring' is not a known capacity-building subcategory (known: training and skills development; technical "
        "support for information and communications technology tools; awareness-raising materials and activities; "
        "exchange of good practices and experience; other); the need is counted as unspecified")
    assert outer.text("zh").startswith("“mentoring”不是已知的能力建设子类别（已知子类别：培训和技能发展；")
    assert outer.text("zh").endswith("；该需求按未具体说明计")


def test_a_missing_template_is_named():
    with pytest.raises(KeyError, match="cleaning.yaml has no reasons.no_such_rule"):
        because("no_such_rule").text("zh")


def test_a_catalog_whose_template_lacks_a_field_is_named(monkeypatch):
    import copy

    real = i18n.labels
    broken = copy.deepcopy(real("zh"))
    broken["cleaning"]["reasons"]["state_spelling"] = "将“{text}”读作某国"

    monkeypatch.setattr(i18n, "labels", lambda lang: broken if lang == "zh" else real(lang))
    reasons.catalog.cache_clear()
    try:
        with pytest.raises(i18n.catalog.CatalogError,
                           match=r"zh/cleaning.yaml, at 'reasons.state_spelling'.*state, text"):
            reasons.catalog("zh")
        broken["cleaning"]["forms"].pop("separator")
        with pytest.raises(i18n.catalog.CatalogError, match=r"zh/cleaning.yaml, at 'forms.separator'"):
            reasons.catalog("zh")
    finally:
        reasons.catalog.cache_clear()
