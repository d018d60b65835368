"""Chinese wording a Chinese reader expects (issue 10): one term for one thing across a figure and its table,
and no Latin word in the catalog's running text except names a Chinese text keeps as they are (file and
product names, formats, document symbols, the United Nations' own "Distr.: General")."""
from __future__ import annotations

import re

from uncac_needs.vocabulary import i18n

# Latin words a Chinese text keeps: names of files, programs, formats and standards, and what UN Chinese
# documents print in Latin letters (the masthead's distribution line)
KEPT = {"Excel", "N/A", "REF", "YYYY-MM-DD", "SHA-256", "Python", "uncac-needs", "PDF", "A4", "xlsx",
        "statistics.xlsx", "statistics.json", "cleaning_log.csv", "data/reference/topics.csv",
        "data/reference/states.csv", "Distr", "General", "topics",
        "Chinese", "Original"}   # the distribution block: "Distr.: General / Chinese / Original: English" (seeds/000)
# entries that are not text for a reader (settings) or quote what a user types (the cleaning's accepted forms)
NOT_TEXT = ("locale", "fonts", "masthead.page", "cjk_spacing", "date_formats", "date_ranges",
            "cleaning.reasons.article_unreadable")


def strings(tree, path=""):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from strings(value, f"{path}.{key}" if path else str(key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from strings(value, f"{path}.{i}")
    elif isinstance(tree, str):
        yield path, tree


def test_figure_iii_and_its_table_name_the_regional_groups_alike():
    """图三 shows the regional groups (区域组) of the States; its table in Annex I says the same, not 区域 ("regions")."""
    figure = i18n.label("zh", "figures.III.caption")
    table = i18n.label("zh", "tables.by_region")
    assert "区域组分布" in figure and table == "图三：" + figure.split("（")[0]


def test_no_latin_word_in_the_chinese_labels_running_text():
    latin = {}
    for path, text in strings(i18n.labels("zh")):
        if path.startswith(NOT_TEXT) or path.startswith("terms"):
            continue
        plain = re.sub(r"\{[\w:. ]*\}|<[^>]+>", "", text)          # placeholders ({cutoff}), markup
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9_./-]*[A-Za-z0-9]|[A-Za-z]", plain)
                 if w not in KEPT and not re.fullmatch(r"[A-Z]+(/[A-Za-z0-9.]+)+", w)]   # document symbols
        if words:
            latin[path] = words
    assert latin == {}, latin
