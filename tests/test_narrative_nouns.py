"""The filter `noun` (docs/narrative.md): a count written with its noun, singular or plural as the count
asks, so that a narrative never reads "one States" on other data. Expected words written out by hand."""
from __future__ import annotations

import pytest
from markupsafe import Markup

from uncac_needs.report import names, narrative

EXPECTED = {
    "en": {
        ("state", 0): "zero States", ("state", 1): "one State", ("state", 2): "two States",
        ("state", 10): "10 States",
        ("need", 0): "zero needs", ("need", 1): "one need", ("need", 2): "two needs", ("need", 10): "10 needs",
        ("state_party", 1): "one State party", ("state_party", 187): "187 States parties",
    },
    "zh": {
        ("state", 0): "0个国家", ("state", 1): "1个国家", ("state", 2): "2个国家", ("state", 10): "10个国家",
        ("need", 1): "1项需求", ("need", 10): "10项需求", ("state_party", 187): "187个缔约国",
    },
}
CASES = [(lang, noun, n, text) for lang, table in EXPECTED.items() for (noun, n), text in table.items()]


def render(template: str, lang: str, n: int) -> str:
    """The text a reader sees (the count links to its rows, tests/test_evidence.py)."""
    value = names.wrap("overview.states_with_needs", n)
    return Markup(narrative.environment(lang).from_string(template).render(x=value)).striptags()


@pytest.mark.parametrize("lang, noun, n, text", CASES)
def test_noun_agrees_with_the_count(lang, noun, n, text):
    assert render("{{ x|noun('%s') }}" % noun, lang, n) == text


@pytest.mark.parametrize("n, text", [(1, "One State asked"), (10, "10 States asked")])
def test_noun_then_capital_starts_a_sentence(n, text):
    assert render("{{ x|noun('State')|capital }} asked", "en", n) == text


def test_the_nouns_are_named_as_the_docs_write_them():
    """`noun('State')` and `noun('state')` alike: the catalog's key, its case and spaces aside."""
    assert render("{{ x|noun('State party') }}", "en", 2) == "two States parties"


@pytest.mark.parametrize("template, words", [("{{ x|noun('dog') }}", "knows the nouns"),
                                             ("{{ 'x'|noun('State') }}", "takes a count")])
def test_a_wrong_use_is_one_sentence(template, words):
    with pytest.raises(names.NarrativeNameError, match=words):
        render(template, "en", 3)
