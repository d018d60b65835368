"""Every rule and action the cleaning can write into its log has its plain label in every language catalog."""
import re

import pytest

from uncac_needs.plumbing import config
from uncac_needs.vocabulary import i18n

SOURCES = sorted((config.PACKAGE_DIR / "clean").glob("*.py")) + [
    config.PACKAGE_DIR / "ingest" / "specials.py"]      # error and formula cells: Special.rule


def emitted_rules() -> set[str]:
    rules = set()
    for path in SOURCES:
        source = path.read_text(encoding="utf-8")
        rules |= set(re.findall(r'Unreadable\(\s*"(\w+)"', source))
        rules |= set(re.findall(r'\.(?:reject|correct|note|warn)\(\s*"[^"]*",\s*(?:\w+\.rule|"(\w+)")', source)) - {""}
        rules |= set(re.findall(r'Parsed\([^()]*(?:\([^()]*\)[^()]*)*,\s*"(\w+)"\)', source))
        rules |= set(re.findall(r'return "(\w+)" if self.kind == "error" else "(\w+)"', source)[0]) if \
            "self.kind" in source else set()
        rules |= set(re.findall(r'"(\w+_(?:unknown|spelling))"', source))
        rules |= {"duplicate"} if '"duplicate", "duplicate"' in source else set()
    return rules


def test_the_sources_are_read():
    rules = emitted_rules()
    assert {"date_month_first", "summary_date_future", "date_unreadable", "article_form", "state_spelling",
            "duplicate", "not_a_record", "region_differs", "date_as_text", "cell_error", "formula_not_computed",
            "category_unknown", "region_spelling"} <= rules
    assert "rejected" not in rules


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_rule_has_a_label(lang):
    labels = i18n.labels(lang)["rules"]
    assert sorted(emitted_rules() - set(labels)) == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_action_has_a_label(lang):
    assert set(i18n.labels(lang)["actions"]) == {"corrected", "noted", "warning", "duplicate", "rejected"}


def test_catalogs_in_step():
    en, zh = i18n.labels("en"), i18n.labels("zh")
    assert set(en["rules"]) == set(zh["rules"]) and set(en["actions"]) == set(zh["actions"])


def test_date_labels_ask_for_the_form():
    assert "write the date as YYYY-MM-DD" in i18n.label("en", "rules.date_unreadable")
    assert "请按 YYYY-MM-DD 格式填写日期" in i18n.label("zh", "rules.date_unreadable")
    for lang in ("en", "zh"):
        assert "2020-09-15" not in str(i18n.labels(lang)["rules"])
