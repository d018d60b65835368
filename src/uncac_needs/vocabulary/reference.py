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

from pathlib import Path


from uncac_needs.plumbing import config
from uncac_needs.plumbing.errors import UserError


class ReferenceFileError(UserError, ValueError):
    """A reference file under data/reference/ that cannot be read as it stands: the message names the file,
    the line and what is wrong. The command line prints it as one sentence (exit status 2): people edit
    these files (a new alias for a State), and a mistake there must never pass silently."""


class _CsvRow(dict):
    """One row of a reference file, with the line where it ends (for messages)."""

    line: int = 0


#: file: (the column whose values must be unique, the columns the code reads, those of them that may be blank)
_CSV_SCHEMAS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "states.csv": ("iso3", ("iso3", "iso2", "name_en", "name_zh", "regional_group", "un_member", "uncac_party",
                            "aliases"), ("aliases",)),
    "regional_groups.csv": ("code", ("code", "name_en", "name_zh", "aliases"), ("aliases",)),
    "categories.csv": ("code", ("code", "name_en", "name_zh", "subcategorised", "aliases"), ("aliases",)),
    "subcategories.csv": ("code", ("code", "name_en", "name_zh", "aliases"), ("aliases",)),
    "chapters.csv": ("code", ("code", "number", "first_article", "last_article", "name_en", "title_en", "name_zh",
                              "title_zh", "aliases"), ("aliases",)),
    "articles.csv": ("article", ("article", "chapter", "title_en", "title_zh"), ()),
    "article_groups.csv": ("group", ("group", "chapter", "articles", "order"), ()),
    "published_figures.csv": ("id", ("id", "cutoff", "key", "published", "comparison", "low", "high", "source",
                                     "paragraph", "statement"), ("key", "published", "low", "high")),
}
_YES_NO = ("un_member", "uncac_party", "subcategorised")


def _where(path: Path) -> str:
    try:
        return str(path.relative_to(config.PROJ_ROOT))
    except ValueError:
        return str(path)


def _fail(name: str, line: int, what: str) -> ReferenceFileError:
    path = config.REFERENCE_DIR / name
    return ReferenceFileError(f"{_where(path)}, line {line}: {what}. Correct the file and run again.")


def _read_csv(name: str) -> list[_CsvRow]:
    """A reference file's rows, checked: as many fields as the header, the columns the code reads present,
    required cells filled, codes unique, yes/no columns yes or no. Anything else raises ReferenceFileError."""
    path = config.REFERENCE_DIR / name
    key, columns, optional = _CSV_SCHEMAS.get(name, ("", (), ()))
    rows: list[_CsvRow] = []
    seen: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if not header:
                raise _fail(name, 1, "the file is empty; its first line must name the columns")
            missing = [c for c in columns if c not in header]
            if missing:
                raise _fail(name, 1, f"the header has no column {', '.join(repr(c) for c in missing)} "
                                     f"(it has {', '.join(repr(c) for c in header)})")
            for fields in reader:
                line = reader.line_num
                if not fields:
                    continue                           # a blank line
                if len(fields) != len(header):
                    hint = ("; a cell that holds a comma (the aliases often do) must be in double quotes, "
                            "and aliases are separated by ';'") if len(fields) > len(header) else ""
                    raise _fail(name, line, f"{len(fields)} fields where the header has {len(header)}{hint}")
                row = _CsvRow(zip(header, fields))
                row.line = line
                for column in columns:
                    if column not in optional and not row[column].strip():
                        raise _fail(name, line, f"the required column '{column}' is empty")
                for column in _YES_NO:
                    if column in columns:
                        if row[column] not in ("yes", "no"):
                            raise _fail(name, line, f"the column '{column}' holds '{row[column]}'; "
                                                    "write 'yes' or 'no'")
                if key:
                    if row[key] in seen:
                        raise _fail(name, line, f"the {key} '{row[key]}' is already used on line {seen[row[key]]}; "
                                                "each must appear once")
                    seen[row[key]] = line
                rows.append(row)
    except UnicodeDecodeError:
        raise ReferenceFileError(f"{_where(path)} is not UTF-8 text; save it as 'CSV UTF-8' and run again.") from None
    except csv.Error as exc:
        raise _fail(name, reader.line_num, f"the line cannot be read as CSV ({exc})") from None
    return rows


def _int(name: str, row: _CsvRow, column: str) -> int:
    try:
        return int(row[column])
    except ValueError:
        raise _fail(name, row.line, f"the column '{column}' holds '{row[column]}', which is not a whole number") from None


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
                raise ReferenceFileError(f"{what}: '{spelling}' points at both {other} and {code}; "
                                         "give each spelling to one entry only")
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
    subcategorised: bool = False     # categories: its needs are split into subcategories (subcategories.csv)


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
    rows = _read_csv("states.csv")
    groups = regions().codes
    for r in rows:
        if r["regional_group"] not in groups:
            raise _fail("states.csv", r.line, f"the regional group '{r['regional_group']}' is not a code of "
                                              f"regional_groups.csv ({', '.join(groups)})")
    return StateTable([
        State(
            iso3=r["iso3"], iso2=r["iso2"], name_en=r["name_en"], name_zh=r["name_zh"],
            regional_group=r["regional_group"], un_member=r["un_member"] == "yes",
            uncac_party=r["uncac_party"] == "yes", aliases=_split(r["aliases"]),
        )
        for r in rows
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
    return Vocabulary(
        [Term(r["code"], r["name_en"], r["name_zh"], _split(r["aliases"]), r["subcategorised"] == "yes")
         for r in _read_csv("categories.csv")],
        "categories",
    )


def subcategorised_category() -> str:
    """The one category whose needs are split into the subcategories of subcategories.csv."""
    found = [t.code for t in categories() if t.subcategorised]
    if len(found) != 1:
        raise _fail("categories.csv", 1, f"exactly one category must have 'yes' in the column 'subcategorised' "
                                         f"({len(found)} have)")
    return found[0]


def chapter_codes() -> tuple[str, ...]:
    """The chapters of the analysis, in order (chapters.csv)."""
    return tuple(chapters())


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
            r["code"], _int("chapters.csv", r, "number"), _int("chapters.csv", r, "first_article"),
            _int("chapters.csv", r, "last_article"),
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
        _int("articles.csv", r, "article"): Article(_int("articles.csv", r, "article"), r["chapter"], r["title_en"],
                                                    r["title_zh"])
        for r in _read_csv("articles.csv")
    }


@dataclass(frozen=True)
class ArticleGroup:
    code: str
    chapter: str
    articles: tuple[int, ...]


@lru_cache(maxsize=1)
def article_groups() -> dict[str, ArticleGroup]:
    rows = sorted(_read_csv("article_groups.csv"), key=lambda r: _int("article_groups.csv", r, "order"))
    return {
        r["group"]: ArticleGroup(r["group"], r["chapter"], tuple(int(a) for a in _split(r["articles"])))
        for r in rows
    }


@lru_cache(maxsize=1)
def workbook_schema():
    """The needs workbook contract, validated by its model in the ingest stage (uncac_needs.ingest.contract)."""
    from uncac_needs.ingest.contract import load_contract   # the ingest stage reads this module: imported late

    return load_contract(config.REFERENCE_DIR / "workbook.yaml")


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


def clear_caches() -> None:
    """Forget every table read, so that the next call reads data/reference/ (config.REFERENCE_DIR) again."""
    for loader in (states, regions, categories, subcategories, chapters, chapter_vocabulary, articles,
                   article_groups, workbook_schema, published_figures):
        loader.cache_clear()
