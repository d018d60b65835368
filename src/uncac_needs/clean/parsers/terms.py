"""Readers of the names people type: States, categories, subcategories, regional groups (data/reference/)."""
from __future__ import annotations

import unicodedata
from typing import Any

from uncac_needs.clean.parsers.cells import Parsed, Unreadable, is_blank, show, spaced, tidy
from uncac_needs.clean.reasons import Term, Terms, because
from uncac_needs.vocabulary import reference


def parse_state(raw: Any) -> Parsed:
    """A State party by any spelling in the reference list: returns its ISO 3166 alpha-3 code."""
    if is_blank(raw):
        raise Unreadable(because("state_missing"))
    text = tidy(show(raw))
    state = reference.states().lookup(text)
    if state is None:
        raise Unreadable(because("state_unknown", text=text))
    if not state.uncac_party:
        raise Unreadable(because("state_not_party", state=Term("states", state.iso3)))
    why = None if text in (state.name_en, state.name_zh) else \
        because("state_spelling", text=text, state=Term("states", state.iso3))
    return spaced(raw, Parsed(state.iso3, why))


def _lookup(raw: Any, vocabulary: reference.Vocabulary) -> tuple[str | None, str, bool]:
    """The code a cell names (None: none), the cell's text as read, and whether it is written canonically."""
    text = tidy(unicodedata.normalize("NFKC", show(raw)))
    code = vocabulary.lookup(text)
    return code, text, code is not None and text in vocabulary.canonical_spellings(code)


def parse_category(raw: Any) -> Parsed:
    if is_blank(raw):
        raise Unreadable(because("category_missing"))
    code, text, canonical = _lookup(raw, reference.categories())
    if code is None:
        raise Unreadable(because("category_unknown", text=text, known=Terms("categories")))
    why = None if canonical else because("category_spelling", text=text, category=Term("categories", code))
    return spaced(raw, Parsed(code, why))


def parse_subcategory(raw: Any) -> Parsed:
    """A subcategory of the subcategorised category (capacity-building); blank gives None (unspecified)."""
    if is_blank(raw):
        return Parsed(None)
    code, text, canonical = _lookup(raw, reference.subcategories())
    if code is None:
        raise Unreadable(because("subcategory_unknown", "unknown", text=text, known=Terms("subcategories"),
                                 subcategorised=Term("categories", reference.subcategorised_category())))
    why = None if canonical else because("subcategory_spelling", text=text, subcategory=Term("subcategories", code))
    return spaced(raw, Parsed(code, why))


def parse_region(raw: Any) -> Parsed:
    """A UN regional group by code, name or common short form; blank gives None."""
    if is_blank(raw):
        return Parsed(None)
    code, text, canonical = _lookup(raw, reference.regions())
    if code is None:
        raise Unreadable(because("region_unknown", "unknown", text=text, known=Terms("regions")))
    why = None if canonical else because("region_spelling", text=text, region=Term("regions", code))
    return spaced(raw, Parsed(code, why))
