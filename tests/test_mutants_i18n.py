"""Tests written for the mutants of vocabulary/i18n.py that the rest of the suite let live (docs/mutation.md).

The values are those of the languages' own conventions (CLDR, as Babel ships it, and United Nations
style): an English list has no serial comma, a Chinese one joins with 、 and 和, French groups thousands
with a narrow no-break space and writes a decimal comma. A third language, French, is made of files only
(as the README says a language is added), so that the locale a formatter is given is seen in its output.
"""
from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml

from uncac_needs.plumbing import config
from uncac_needs.vocabulary import i18n, reference

NNBSP = "\u202f"      # narrow no-break space: French thousands separator (CLDR)


def clear_caches() -> None:
    for cached in (i18n.labels, i18n.babel_locale):
        cached.cache_clear()


@pytest.fixture
def french(tmp_path, monkeypatch):
    """A language 'fr' made of files: the English texts, French formats, names under `terms:`, no `extra_terms`
    (it is optional), and plural forms with only 'other' for States."""
    folder = tmp_path / "i18n" / "fr"
    folder.mkdir(parents=True)
    source = i18n.language_dir("en")
    labels = yaml.safe_load((source / "labels.yaml").read_text(encoding="utf-8"))
    labels["locale"] = "fr"
    labels["language_name"] = "français"
    labels.pop("extra_terms", None)
    labels["plurals"]["state"] = {"other": "{n} États"}
    labels["terms"] = {
        "categories": {t.code: t.name_en for t in reference.categories()},
        "subcategories": {t.code: t.name_en for t in reference.subcategories()},
        "regions": {t.code: t.name_en for t in reference.regions()},
        "chapters": {c.code: c.name_en for c in reference.chapters().values()},
        "chapter_titles": {c.code: c.title_en for c in reference.chapters().values()},
        "article_titles": {str(a.number): a.title_en for a in reference.articles().values()},
    }
    (folder / "labels.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    (folder / "paragraphs.yaml").write_text((source / "paragraphs.yaml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    monkeypatch.setenv("UNCAC_NEEDS_I18N_PATH", str(tmp_path / "i18n"))
    clear_caches()
    yield "fr"
    clear_caches()


def test_french_formats_come_from_the_language_locale(french):
    assert i18n.number(1234567, "fr") == f"1{NNBSP}234{NNBSP}567"
    assert i18n.number(2.5, "fr") == "2,5"
    assert i18n.percent(0.125, "fr", 1) == "12,5%"
    assert i18n.date(dt.date(2020, 9, 30), "fr") == "30 septembre 2020"
    assert i18n.date_range(dt.date(2020, 11, 16), dt.date(2020, 11, 18), "fr") == "16–18 novembre 2020"
    assert i18n.date_range(dt.date(2020, 11, 30), dt.date(2020, 12, 2), "fr") == "30 novembre–2 décembre 2020"
    assert i18n.join(["a", "b", "c"], "fr") == "a, b et c"


def test_the_plural_form_a_language_lacks_is_its_other_form(french):
    """French says 'one' for 1; a catalog that gives only 'other' is read with 'other' (catalog.py's rule)."""
    assert i18n.plural("state", 1, "fr") == "1 États"
    assert i18n.plural("need", 1, "fr") == "1 need"


def test_a_name_missing_from_a_language_of_files_is_named(french):
    with pytest.raises(KeyError) as caught:
        i18n.term("subcategories", "unspecified", "fr")
    assert caught.value.args == ("vocabulary/catalogs/fr/labels.yaml has no terms.subcategories.unspecified",)
    assert i18n.term("chapters", "II", "fr") == "Chapter II"


def test_numbers_in_english_and_chinese():
    assert i18n.number(1234567, "en") == "1,234,567"
    assert i18n.number(1234567, "zh") == "1,234,567"
    assert i18n.percent(12.345, "en") == "1,235%"


@pytest.mark.parametrize("start, end, en, zh", [
    (dt.date(2020, 11, 16), dt.date(2020, 11, 16), "16 November 2020", "2020年11月16日"),
    (dt.date(2020, 11, 16), dt.date(2020, 11, 18), "16–18 November 2020", "2020年11月16日至18日"),
    (dt.date(2020, 11, 30), dt.date(2020, 12, 2), "30 November–2 December 2020", "2020年11月30日至12月2日"),
    (dt.date(2020, 12, 30), dt.date(2021, 1, 2), "30 December 2020–2 January 2021", "2020年12月30日至2021年1月2日"),
])
def test_meeting_dates_as_united_nations_documents_write_them(start, end, en, zh):
    assert i18n.date_range(start, end, "en") == en
    assert i18n.date_range(start, end, "zh") == zh


def test_a_date_style_the_catalog_does_not_name_is_babels():
    assert i18n.date("2020-09-30", "en") == "30 September 2020"
    assert i18n.date(dt.date(2020, 9, 30), "en", "short") == "30/09/2020"      # en_GB: day first


def test_lists_by_each_language_s_rules():
    assert i18n.join([], "en") == "" and i18n.join([], "zh") == ""
    assert i18n.join(["a", "b", "c"], "en") == "a, b and c"             # UN English: no serial comma
    assert i18n.join(["a", "b", "c"], "zh") == "a、b和c"
    assert i18n.article_list([5, 6], "en") == "articles 5 and 6"
    assert i18n.article_list([5, 6], "en", capital=True) == "Articles 5 and 6"
    assert i18n.article_list((14, 52), "zh") == "第十四条和第五十二条"


@pytest.mark.parametrize("n, numerals", [(0, "零"), (10, "十"), (14, "十四"), (52, "五十二"), (100, "一百"),
                                         (105, "一百零五"), (110, "一百一十"), (1000, "一千"), (1001, "一千零一"),
                                         (1010, "一千零一十"), (2020, "二千零二十"), (9999, "九千九百九十九")])
def test_chinese_numerals(n, numerals):
    assert i18n.int_to_zh(n) == numerals


def test_chinese_numerals_stop_at_ten_thousand():
    with pytest.raises(ValueError) as caught:
        i18n.int_to_zh(10000)
    assert caught.value.args == (10000,)


def test_a_missing_label_is_named():
    with pytest.raises(KeyError) as caught:
        i18n.label("en", "tables.overview.view")          # past a text ('Overview'), whatever its letters
    assert caught.value.args == ("vocabulary/catalogs/en/labels.yaml has no 'tables.overview.view'",)
    with pytest.raises(KeyError) as caught:
        i18n.term("nonsense", "II", "en")
    assert caught.value.args == ("nonsense",)


def test_language_folders_are_found_where_the_variable_says(tmp_path, monkeypatch):
    monkeypatch.delenv("UNCAC_NEEDS_I18N_PATH", raising=False)
    assert i18n.i18n_dirs() == [config.CATALOGS_DIR]
    first, second = tmp_path / "my languages", tmp_path / "more"
    monkeypatch.setenv("UNCAC_NEEDS_I18N_PATH", os.pathsep.join([str(first), "", str(second)]))
    assert i18n.i18n_dirs() == [first, second, config.CATALOGS_DIR]
    with pytest.raises(KeyError) as caught:
        i18n.language_dir("xx")
    assert caught.value.args == (f"no language folder 'xx' in {first}, {second}, {config.CATALOGS_DIR}",)
