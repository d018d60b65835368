"""Languages: per-language label catalogs and Babel formatting.

Each language is a folder src/uncac_needs/vocabulary/catalogs/<lang>/ holding `labels.yaml` (headings, column names,
captions, the reasons of the cleaning log …) and, for the report, its paragraph templates. The
names of States, groups, chapters, articles and categories in English and Chinese have their one
home in data/reference/; a language other than these gives them in its catalog under `terms:`.
Adding a language is adding its folder: no code changes. Each catalog is checked when it is first read
(vocabulary.catalog): a key English has and another language lacks, a text that is no text, a `terms:`
entry missing is named in one sentence (CatalogError), before any output is made.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal, format_percent

from uncac_needs.plumbing import config, yamlfile
from uncac_needs.vocabulary import catalog, reference
from uncac_needs.vocabulary.catalog import CatalogError  # noqa: F401 - raised by labels() and paragraphs()

I18N_DIR = config.CATALOGS_DIR
REFERENCE_LANGUAGES = ("en", "zh")   # languages whose vocabulary names are columns of data/reference
ENGLISH = "en"                       # the catalog whose keys every other language has

#: Chinese, Japanese and Korean characters (CJK radicals to unified ideographs), for a regex character class
CJK_CHARACTERS = "\u2e80-\u9fff"
#: their punctuation: CJK symbols and punctuation, full-width forms
CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
CJK = re.compile(f"[{CJK_CHARACTERS}]")


def has_cjk(text: str) -> bool:
    """Whether the text holds a CJK character (and is so written without spaces, or drawn with a CJK font)."""
    return CJK.search(text) is not None


def i18n_dirs() -> list[Path]:
    """Where language folders are looked for: UNCAC_NEEDS_I18N_PATH (folders separated by ':') first."""
    extra = [Path(p) for p in os.environ.get("UNCAC_NEEDS_I18N_PATH", "").split(os.pathsep) if p]
    return extra + [I18N_DIR]


def language_dir(lang: str) -> Path:
    for base in i18n_dirs():
        if (base / lang / "labels.yaml").is_file():
            return base / lang
    raise KeyError(f"no language folder '{lang}' in {', '.join(str(d) for d in i18n_dirs())}")


def languages() -> list[str]:
    found = {p.name for base in i18n_dirs() if base.is_dir() for p in base.iterdir() if (p / "labels.yaml").is_file()}
    return sorted(found)


@lru_cache(maxsize=None)
def _read(path: Path) -> Any:
    return yamlfile.load(path, "The language catalog")


@lru_cache(maxsize=None)
def labels(lang: str) -> dict[str, Any]:
    """The language's catalog: labels.yaml, checked (vocabulary.catalog), plus each other <name>.yaml of
    the folder under key <name>."""
    folder = language_dir(lang)
    english = None
    if folder != language_dir(ENGLISH):
        labels(ENGLISH)                                   # English checked first: the others follow it
        english = _read(language_dir(ENGLISH) / "labels.yaml")
    path = folder / "labels.yaml"
    found = dict(catalog.check_labels(path, _read(path), lang, english))
    if lang not in REFERENCE_LANGUAGES:
        catalog.check_terms(path, found)
    for extra in sorted(folder.glob("*.yaml")):
        if extra.name not in ("labels.yaml", "paragraphs.yaml"):
            found[extra.stem] = _read(extra)
    return found


def paragraphs(lang: str) -> dict[str, str]:
    """The language's paragraph templates (paragraphs.yaml: Jinja2 sources, by paragraph key), checked:
    every paragraph English has, each a template Jinja can read."""
    return _paragraphs(language_dir(lang) / "paragraphs.yaml")


@lru_cache(maxsize=None)
def _paragraphs(path: Path) -> dict[str, str]:
    english = language_dir(ENGLISH) / "paragraphs.yaml"
    return catalog.check_paragraphs(path, _read(path), None if path == english else _paragraphs(english))


def label(lang: str, dotted: str) -> str:
    """A label by its dotted path in the language's catalog; KeyError names what is missing."""
    node: Any = labels(lang)
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"vocabulary/catalogs/{lang}/labels.yaml has no '{dotted}'")
        node = node[part]
    return node


@lru_cache(maxsize=None)
def babel_locale(lang: str) -> Locale:
    """The Babel locale of a language folder: `locale:` in its catalog, else the folder's name."""
    return Locale.parse(labels(lang).get("locale", lang))


# --------------------------------------------------------------------------- vocabulary names

def term(kind: str, code: str | int, lang: str) -> str:
    """The name of a State, group, chapter, article title, category, subcategory or topic in a language."""
    code = str(code)
    custom = labels(lang).get("terms", {}).get(kind, {})
    if code in custom:
        return custom[code]
    extra = labels(lang).get("extra_terms", {}).get(kind, {})   # labels that are no vocabulary entry ('unspecified')
    if code in extra:
        return extra[code]
    if lang not in REFERENCE_LANGUAGES:
        raise KeyError(f"vocabulary/catalogs/{lang}/labels.yaml has no terms.{kind}.{code}")
    if kind == "states":
        return reference.states()[code].name(lang)
    if kind in ("categories", "subcategories", "regions", "topics"):
        vocabulary = {"categories": reference.categories, "subcategories": reference.subcategories,
                      "regions": reference.regions, "topics": reference.topics}[kind]()
        return getattr(vocabulary[code], f"name_{lang}")
    if kind == "chapters":
        return getattr(reference.chapters()[code], f"name_{lang}")
    if kind == "chapter_titles":
        return getattr(reference.chapters()[code], f"title_{lang}")
    if kind == "article_titles":
        return getattr(reference.articles()[int(code)], f"title_{lang}")
    raise KeyError(kind)


def int_to_zh(n: int) -> str:
    """An integer from 0 to 9999 in Chinese numerals, as legal texts write them: 14 '十四', 52 '五十二'
    (article and chapter numbers: 第五十二条). Babel formats numbers but does not spell them out."""
    if not 0 <= n < 10000:
        raise ValueError(n)
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    out, zero = "", False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit_value % 10
        if d:
            out += ("零" if zero and out else "") + digits[d] + unit
            zero = False
        else:
            zero = True
    return out


def _numerals(n: int) -> dict[str, Any]:
    return {"n": n, "n_zh": int_to_zh(n)}


def article_name(n: int, lang: str, capital: bool = False) -> str:
    """'article 52' / '第五十二条'."""
    return _capital(label(lang, "names.article").format(**_numerals(n)), capital)


def article_list(numbers: list[int] | tuple[int, ...], lang: str, capital: bool = False) -> str:
    """'articles 5 and 6' / '第五条和第六条'; one article reads as `article_name`."""
    numbers = list(numbers)
    if len(numbers) == 1:
        return article_name(numbers[0], lang, capital)
    items = [label(lang, "names.list_item").format(**_numerals(n)) for n in numbers]
    text = label(lang, "names.articles").format(list=format_list(items, locale=babel_locale(lang)))
    return _capital(text, capital)


def join(items: list[str], lang: str) -> str:
    """'a, b and c' / 'a、b和c', by the language's list rules."""
    return format_list(items, locale=babel_locale(lang)) if items else ""


def _capital(text: str, capital: bool) -> str:
    return text[:1].upper() + text[1:] if capital else text


def plural(key: str, count: int, lang: str) -> str:
    """'1 State' / '3 States' / '3个国家': the catalog's forms (plurals.<key>) chosen by Babel's plural rules."""
    forms = label(lang, f"plurals.{key}")
    return (forms.get(babel_locale(lang).plural_form(count)) or forms["other"]).format(n=number(count, lang))


# --------------------------------------------------------------------------- numbers and dates

def number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=babel_locale(lang))


def rounded_percent(share: float, digits: int = 0) -> Decimal:
    """`share` × 100, rounded half away from zero to `digits` places, as United Nations documents round
    (12.5 → 13): the one rounding rule of the project, for text, tables and the reconciliation alike.
    The share is taken as it prints (its shortest repr), so 0.285 is 28.5 and rounds to 29."""
    return (Decimal(repr(float(share))) * 100).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def percent(share: float, lang: str, digits: int = 0) -> str:
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    # rounded here, by the one rule; Babel then only formats (its own rounding is half to even)
    return format_percent(rounded_percent(share, digits) / 100, format=pattern, locale=babel_locale(lang))


def date(day: dt.date | str, lang: str, style: str = "long") -> str:
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    fmt = labels(lang).get("date_formats", {}).get(style, style)
    return format_date(day, format=fmt, locale=babel_locale(lang))


def date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """'16–18 November 2020' / '2020年11月16日至18日': Babel patterns from the catalog's `date_ranges`."""
    ranges = label(lang, "date_ranges")
    if start == end:
        return date(start, lang)
    kind = "same_month" if (start.year, start.month) == (end.year, end.month) else \
        "same_year" if start.year == end.year else "other"
    first, last, joined = ranges[kind]
    loc = babel_locale(lang)
    return joined.format(start=format_date(start, format=first, locale=loc),
                         end=format_date(end, format=last, locale=loc))
