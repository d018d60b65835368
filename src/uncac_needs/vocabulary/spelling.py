"""Finding a vocabulary entry by any of its spellings: 'Côte d'Ivoire', 'COTE D’IVOIRE' and 'cote divoire'
name one State; 'CB', 'capacity building' and '能力建设' one category."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from uncac_needs.vocabulary.rows import State, Term
from uncac_needs.vocabulary.tablefile import ReferenceFileError

_WORD_FIXES = [(re.compile(r"\bst\b"), "saint"), (re.compile(r"\bthe\b"), " ")]


def name_key(text: str) -> str:
    """A spelling-insensitive key: case, accents, spaces, punctuation, '&', 'St.' and 'the' ignored.

    'Côte d'Ivoire', 'COTE D’IVOIRE' and 'cote divoire' share one key; so do 'Viet Nam' and
    'Vietnam', 'St. Lucia' and 'Saint Lucia', 'Gambia, The' and 'The Gambia'.
    """
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    t = t.replace("&", " and ")
    t = re.sub(r"[^\w]+", " ", t)
    for pattern, repl in _WORD_FIXES:
        t = pattern.sub(repl, t)
    return re.sub(r"[\W_]+", "", t)


def _spelling_index(entries: Iterable[tuple[str, Iterable[str]]], what: str) -> dict[str, str]:
    """name_key(spelling) -> code, for (code, spellings) entries; refuses a spelling that names two codes."""
    index: dict[str, str] = {}
    for code, spellings in entries:
        for spelling in spellings:
            key = name_key(spelling)
            other = index.get(key)
            if other is not None and other != code:
                raise ReferenceFileError(f"{what}: '{spelling}' points at both {other} and {code}; "
                                         "give each spelling to one entry only")
            index[key] = code
    return index


class Vocabulary:
    """Codes with labels and aliases; `lookup` finds the code for any spelling."""

    def __init__(self, terms: list[Term], what: str):
        self.terms = {t.code: t for t in terms}
        self.what = what
        self._index = _spelling_index(((t.code, (t.code, t.name_en, t.name_zh, *t.aliases)) for t in terms), what)

    def __iter__(self):
        return iter(self.terms.values())

    def __getitem__(self, code: str) -> Term:
        return self.terms[code]

    @property
    def codes(self) -> list[str]:
        return list(self.terms)

    def lookup(self, text: str) -> str | None:
        return self._index.get(name_key(text))

    def canonical_spellings(self, code: str) -> set[str]:
        """The names a cell may hold without a note: English and Chinese (a code typed in is a spelling)."""
        t = self.terms[code]
        return {t.name_en, t.name_zh}


class StateTable:
    """The States parties by ISO 3166 alpha-3 code; `lookup` finds a State by any spelling of its name."""

    def __init__(self, states: list[State]):
        self.by_iso3 = {s.iso3: s for s in states}
        self._index = _spelling_index(((s.iso3, (s.iso3, s.name_en, s.name_zh, *s.aliases)) for s in states),
                                      "states.csv")

    def __iter__(self):
        return iter(self.by_iso3.values())

    def __len__(self):
        return len(self.by_iso3)

    def __getitem__(self, iso3: str) -> State:
        return self.by_iso3[iso3]

    def lookup(self, text: str) -> State | None:
        iso3 = self._index.get(name_key(text))
        return self.by_iso3[iso3] if iso3 else None
