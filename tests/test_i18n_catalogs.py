"""The language catalogs are checked when read: a translator's mistake is one sentence naming the file and the key."""
import shutil

import pytest
import yaml

from uncac_needs.plumbing import config
from uncac_needs.plumbing.errors import UserError
from uncac_needs.vocabulary import i18n, reference


def _forget():
    for cached in (i18n.labels, i18n.babel_locale, i18n._read, i18n._paragraphs):
        cached.cache_clear()


@pytest.fixture
def catalogs(tmp_path, monkeypatch):
    """A copy of the shipped catalogs that a test may spoil, found before the shipped ones."""
    folder = tmp_path / "catalogs"
    shutil.copytree(config.CATALOGS_DIR, folder)
    monkeypatch.setenv("UNCAC_NEEDS_I18N_PATH", str(folder))
    _forget()
    yield folder
    monkeypatch.undo()
    _forget()


def spoil(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def refused(lang, what="labels"):
    with pytest.raises(i18n.CatalogError) as err:
        i18n.labels(lang) if what == "labels" else i18n.paragraphs(lang)
    assert isinstance(err.value, UserError)              # one sentence on the command line, exit status 2
    return str(err.value)


def xx_language(folder, drop=()):
    """A language other than those of data/reference: English's texts, and every name under `terms:`."""
    (folder / "xx").mkdir()
    labels = yaml.safe_load((folder / "en" / "labels.yaml").read_text(encoding="utf-8"))
    labels["terms"] = {
        "categories": {t.code: f"<{t.name_en}>" for t in reference.categories()},
        "subcategories": {t.code: f"<{t.name_en}>" for t in reference.subcategories()},
        "regions": {t.code: f"<{t.name_en}>" for t in reference.regions()},
        "chapters": {c: f"<{c}>" for c in reference.chapters()},
        "chapter_titles": {c.code: f"<{c.title_en}>" for c in reference.chapters().values()},
        "article_titles": {a: f"<{t.title_en}>" for a, t in reference.articles().items()},   # keys as numbers
    }
    for kind, code in drop:
        del labels["terms"][kind][code]
    (folder / "xx" / "labels.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True), encoding="utf-8")
    shutil.copy(folder / "en" / "paragraphs.yaml", folder / "xx" / "paragraphs.yaml")
    return folder / "xx" / "labels.yaml"


def test_the_shipped_catalogs_load():
    for lang in ("en", "zh"):
        assert i18n.labels(lang)["language_name"] and i18n.label(lang, "headings.needs")
        assert set(i18n.paragraphs(lang)) == set(i18n.paragraphs("en"))
    assert i18n.label("zh", "plurals.state") == {"other": "{n}个国家"}   # Chinese has no 'one': its plural rules
    assert i18n.labels("zh")["cjk_spacing"] is False                 # a language's own options are allowed
    assert "reasons" in i18n.labels("en")["cleaning"]                # the folder's other files, under their name


def test_a_key_english_has_is_asked_for(catalogs):
    spoil(catalogs / "zh" / "labels.yaml", "  needs: 二. 第二周期确定的技术援助需求\n", "")
    message = refused("zh")
    assert message == (f"{catalogs}/zh/labels.yaml has no 'headings.needs', which the English catalog has; "
                       "add it (translated) and run again.")


def test_several_missing_keys_are_counted(catalogs):
    path = catalogs / "zh" / "labels.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\nheadings:\n"), text.index("\nfootnotes:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    message = refused("zh")
    assert "has no 'headings.introduction', 'headings.needs', 'headings.chapter_ii' and " in message
    assert "more, which the English catalog has; add them (translated)" in message


def test_a_paragraph_english_has_is_asked_for(catalogs):
    path = catalogs / "zh" / "paragraphs.yaml"
    paragraphs = yaml.safe_load(path.read_text(encoding="utf-8"))
    del paragraphs["combined"]
    path.write_text(yaml.safe_dump(paragraphs, allow_unicode=True), encoding="utf-8")
    assert refused("zh", "paragraphs") == (f"{path} has no 'combined', which the English catalog has; add it "
                                           "(translated) and run again.")


def test_a_paragraph_jinja_cannot_read_is_named(catalogs):
    spoil(catalogs / "zh" / "paragraphs.yaml", "{{ plural('need', comb.needs) }}", "{{ plural('need', comb.needs) }")
    message = refused("zh", "paragraphs")
    assert message.startswith(f"{catalogs}/zh/paragraphs.yaml has a problem at 'combined': the template cannot be read")


def test_a_text_left_empty_is_named(catalogs):
    spoil(catalogs / "zh" / "labels.yaml", "  language: Chinese\n", "  language:\n")
    message = refused("zh")
    assert message.startswith(f"{catalogs}/zh/labels.yaml has a problem at 'masthead.language': ")
    assert message.endswith("; correct it and run again.")


@pytest.mark.parametrize("old, new, at", [
    ('state: {other: "{n}个国家"}', 'state: {one: "{n}个国家"}', "plurals.state"),       # no 'other'
    ('state: {other: "{n}个国家"}', 'state: {ohter: "{n}个国家"}', "plurals.state.ohter"),  # not a CLDR category
    ("cjk_spacing: false", "cjk_spacing: sometimes", "cjk_spacing"),
])
def test_a_section_the_code_reads_is_typed(catalogs, old, new, at):
    spoil(catalogs / "zh" / "labels.yaml", old, new)
    assert f"zh/labels.yaml has a problem at '{at}': " in refused("zh")


def test_a_locale_babel_does_not_know_is_named(catalogs):
    spoil(catalogs / "zh" / "labels.yaml", "locale: zh_Hans_CN", "locale: xx_YY")
    assert "has a problem at 'locale': 'xx_YY' is not a locale Babel knows" in refused("zh")


def test_a_key_given_twice_is_refused(catalogs):
    spoil(catalogs / "zh" / "labels.yaml", "  language: Chinese\n", "  language: Chinese\n  language: English\n")
    with pytest.raises(UserError, match="gives the key 'language' twice"):
        i18n.labels("zh")


def test_a_language_of_files_names_every_term(catalogs):
    xx_language(catalogs)
    assert i18n.term("article_titles", 52, "xx") == "<Prevention and detection of transfers of proceeds of crime>"
    assert i18n.term("categories", "other", "xx") == "<other>"


def test_a_term_missing_from_a_language_of_files_is_named(catalogs):
    path = xx_language(catalogs, drop=[("subcategories", "ict_tools")])
    assert refused("xx") == (f"{path} has no 'terms.subcategories.ict_tools': a language whose names are not in "
                             "data/reference names every entry; add it and run again.")


def test_a_term_data_reference_does_not_know_is_named(catalogs):
    path = xx_language(catalogs)
    spoil(path, "  regions:\n", "  regions:\n    asian: <Asian Group>\n")
    assert "xx/labels.yaml has a problem at 'terms': 'regions' names asian, which data/reference does not know" \
        in refused("xx")


def test_a_kind_of_terms_the_code_does_not_read_is_named(catalogs):
    path = xx_language(catalogs)
    spoil(path, "  regions:\n", "  region:\n    african: <African Group>\n  regions:\n")
    assert "xx/labels.yaml has a problem at 'terms.region': " in refused("xx")


@pytest.mark.parametrize("text, cjk", [("第二章", True), ("Chapter II", False), ("能力建设 capacity", True),
                                       ("⺀", True), ("\u9fff", True), ("\ua000", False), ("，", False)])
def test_one_home_for_the_cjk_characters(text, cjk):
    assert i18n.has_cjk(text) is cjk


def test_a_yes_or_no_yaml_reads_as_true_or_false_is_named(catalogs):
    spoil(catalogs / "zh" / "labels.yaml", "  language: Chinese\n", "  language: no\n")   # YAML reads `no` as False
    assert "zh/labels.yaml has a problem at 'masthead.language': Input should be a valid string" in refused("zh")


def test_an_empty_catalog_is_named(catalogs):
    (catalogs / "zh" / "paragraphs.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert refused("zh", "paragraphs") == (f"{catalogs}/zh/paragraphs.yaml is not a mapping of keys to texts; "
                                           "correct it and run again.")


def test_a_folder_that_is_no_locale_needs_a_locale(catalogs):
    path = xx_language(catalogs)
    spoil(path, "locale: en_GB\n", "")
    assert refused("xx") == (f"{path} has no 'locale', and the folder's name 'xx' is not a locale Babel knows "
                             "(such as en_GB or zh_Hans_CN); add a 'locale' and run again.")


def test_the_names_of_states_once_begun_are_complete(catalogs):
    path = xx_language(catalogs)
    spoil(path, "  regions:\n", "  states:\n    KEN: <Kenya>\n  regions:\n")
    assert refused("xx").startswith(f"{path} has no 'terms.states.")
