"""Numbers as each language writes them: Chinese numerals for article and chapter numbers."""
import pytest

from uncac_needs.vocabulary import i18n


@pytest.mark.parametrize("n, written", [
    (0, "零"), (5, "五"), (10, "十"), (14, "十四"), (20, "二十"), (52, "五十二"), (59, "五十九"), (100, "一百"),
    (103, "一百零三"), (110, "一百一十"), (1001, "一千零一"), (1010, "一千零一十"), (2020, "二千零二十"),
])
def test_chinese_numerals(n, written):
    # as the Chinese text of the Convention numbers its articles: 第五十二条, 第十四条
    assert i18n.int_to_zh(n) == written


def test_article_names_use_them():
    assert i18n.article_name(52, "zh") == "第五十二条"
    assert i18n.article_name(52, "en") == "article 52"


@pytest.mark.parametrize("n", [-1, 10000])
def test_numbers_out_of_range_are_refused(n):
    with pytest.raises(ValueError):
        i18n.int_to_zh(n)
