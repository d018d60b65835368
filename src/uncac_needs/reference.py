"""The project's vocabularies, read from data/reference/ (their one home).

States parties with Chinese names, aliases and regional groups; regional groups; chapters;
articles and their groups; categories and subcategories; the workbook contract; the figures
stated by the published notes. Code and tests read them from here.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import yaml

from uncac_needs import config


def _read_csv(name: str) -> list[dict[str, str]]:
    path = config.REFERENCE_DIR / name
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split(";") if a.strip())


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


def _spelling_index(entries, what: str) -> dict[str, str]:
    """name_key(spelling) -> code, for (code, spellings) entries; refuses a spelling that names two codes."""
    index: dict[str, str] = {}
    for code, spellings in entries:
        for spelling in spellings:
            key = name_key(spelling)
            other = index.get(key)
            if other is not None and other != code:
                raise ValueError(f"{what}: '{spelling}' points at both {other} and {code}")
            index[key] = code
    return index


@dataclass(frozen=True)
class State:
    iso3: str
    iso2: str
    name_en: str
    name_zh: str
    regional_group: str
    un_member: bool
    uncac_party: bool
    aliases: tuple[str, ...]

    def name(self, lang: str) -> str:
        return self.name_zh if lang.startswith("zh") else self.name_en


@dataclass(frozen=True)
class Term:
    """One entry of a small vocabulary: a code, its English and Chinese labels, its aliases."""

    code: str
    name_en: str
    name_zh: str
    aliases: tuple[str, ...]


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
        t = self.terms[code]
        return {t.code, t.name_en, t.name_zh}


class StateTable:
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


@lru_cache(maxsize=1)
def states() -> StateTable:
    return StateTable([
        State(
            iso3=r["iso3"], iso2=r["iso2"], name_en=r["name_en"], name_zh=r["name_zh"],
            regional_group=r["regional_group"], un_member=r["un_member"] == "yes",
            uncac_party=r["uncac_party"] == "yes", aliases=_split(r["aliases"]),
        )
        for r in _read_csv("states.csv")
    ])


def _vocabulary(name: str, what: str) -> Vocabulary:
    return Vocabulary(
        [Term(r["code"], r["name_en"], r["name_zh"], _split(r["aliases"])) for r in _read_csv(name)],
        what,
    )


@lru_cache(maxsize=1)
def regions() -> Vocabulary:
    """The five UN regional groups, then `none` (a State party in no group, e.g. the EU)."""
    return _vocabulary("regional_groups.csv", "regional groups")


@lru_cache(maxsize=1)
def categories() -> Vocabulary:
    return _vocabulary("categories.csv", "categories")


@lru_cache(maxsize=1)
def subcategories() -> Vocabulary:
    return _vocabulary("subcategories.csv", "capacity-building subcategories")


@dataclass(frozen=True)
class Chapter:
    code: str
    number: int
    first_article: int
    last_article: int
    name_en: str
    title_en: str
    name_zh: str
    title_zh: str
    aliases: tuple[str, ...]

    @property
    def articles(self) -> range:
        return range(self.first_article, self.last_article + 1)


@lru_cache(maxsize=1)
def chapters() -> dict[str, Chapter]:
    return {
        r["code"]: Chapter(
            r["code"], int(r["number"]), int(r["first_article"]), int(r["last_article"]),
            r["name_en"], r["title_en"], r["name_zh"], r["title_zh"], _split(r["aliases"]),
        )
        for r in _read_csv("chapters.csv")
    }


@lru_cache(maxsize=1)
def chapter_vocabulary() -> Vocabulary:
    return Vocabulary(
        [Term(c.code, c.name_en, c.name_zh, (c.title_en, c.title_zh, *c.aliases)) for c in chapters().values()],
        "chapters",
    )


@dataclass(frozen=True)
class Article:
    number: int
    chapter: str
    title_en: str
    title_zh: str


@lru_cache(maxsize=1)
def articles() -> dict[int, Article]:
    return {
        int(r["article"]): Article(int(r["article"]), r["chapter"], r["title_en"], r["title_zh"])
        for r in _read_csv("articles.csv")
    }


@dataclass(frozen=True)
class ArticleGroup:
    code: str
    chapter: str
    articles: tuple[int, ...]


@lru_cache(maxsize=1)
def article_groups() -> dict[str, ArticleGroup]:
    rows = sorted(_read_csv("article_groups.csv"), key=lambda r: int(r["order"]))
    return {
        r["group"]: ArticleGroup(r["group"], r["chapter"], tuple(int(a) for a in _split(r["articles"])))
        for r in rows
    }


@lru_cache(maxsize=1)
def workbook_schema() -> dict:
    with (config.REFERENCE_DIR / "workbook.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@dataclass(frozen=True)
class PublishedFigure:
    id: str
    cutoff: str
    key: str | None
    published: float | None
    comparison: str          # exact | percent | about | range | descriptive
    low: float | None
    high: float | None
    source: str
    paragraph: str
    statement: str


def _num(cell: str) -> float | None:
    if cell == "":
        return None
    value = float(cell)
    return int(value) if value.is_integer() and "." not in cell else value


@lru_cache(maxsize=1)
def published_figures() -> tuple[PublishedFigure, ...]:
    return tuple(
        PublishedFigure(
            id=r["id"], cutoff=r["cutoff"], key=r["key"] or None, published=_num(r["published"]),
            comparison=r["comparison"], low=_num(r["low"]), high=_num(r["high"]),
            source=r["source"], paragraph=r["paragraph"], statement=r["statement"],
        )
        for r in _read_csv("published_figures.csv")
    )


def published_cutoffs() -> list[str]:
    return sorted({f.cutoff for f in published_figures()})
