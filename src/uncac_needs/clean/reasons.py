"""The reasons of the cleaning log: a rule, the catalog template that words it, and the template's named fields.

The cleaning never writes a sentence itself. It says *why* with `because(rule, form, **fields)`; the words
are the template `reasons.<rule>` (or `reasons.<rule>.<form>`, for a rule said in several ways) of the
language's catalog, vocabulary/catalogs/<lang>/cleaning.yaml, filled in by `render`. So the same log can be
read in every language of the catalogs; cleaning_log.csv is written in `LOG_LANGUAGE`.

A field is a value as the cell held it (text, number, date: shown as is, dates as YYYY-MM-DD), or a value the
language names in its own words:
- `Term(kind, code)`: a State, regional group, category, subcategory or chapter, named by the catalog's
  `forms.<kind>` (default: its name, `vocabulary.i18n.term`); `{field:code}` gives its code;
- `Terms(kind, codes)`: several (default: the whole vocabulary), joined by the catalog's `forms.separator`,
  or `{field:and}` / `{field:or}` as a list; `code` as above; `{field:ranges}` the chapters with their articles;
- `Articles(numbers)`: 'articles 5 and 6' / '第五条和第六条' (`{field:numbers}`: '5, 6');
- another `Reason`, rendered in the same language.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel.lists import format_list
from pydantic import BaseModel, ConfigDict, ValidationError

from uncac_needs.vocabulary import i18n, reference
from uncac_needs.vocabulary.catalog import CatalogError

LOG_LANGUAGE = "en"     # the language cleaning_log.csv is written in: the working language of the data's keepers


@dataclass(frozen=True)
class Reason:
    """Why the cleaning did something to a cell: a rule of the log and what its template needs."""

    rule: str
    form: str | None = None                      # which template of the rule, for a rule said in several ways
    fields: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = LOG_LANGUAGE) -> str:
        return render(self, lang)

    def __str__(self) -> str:
        return self.text()


def because(rule: str, form: str | None = None, /, **fields: Any) -> Reason:
    """The reason `rule` (in its template `form`), with the template's named fields."""
    return Reason(rule, form, tuple(fields.items()))


@dataclass(frozen=True)
class Term:
    """A vocabulary entry, named as the reader's language names it."""

    kind: str      # states | regions | categories | subcategories | chapters (as vocabulary.i18n.term takes them)
    code: str


@dataclass(frozen=True)
class Terms:
    """Several entries of a vocabulary (none given: all of them, in the reference table's order)."""

    kind: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Articles:
    numbers: tuple[int, ...]


# --------------------------------------------------------------------------- rendering

class _Forms(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    chapters: str                          # how a reason names a chapter: {code}, {name}
    chapter_range: tuple[str, str]         # a chapter with its articles: the first, the others
    separator: str                         # between the items of a list that is not a sentence


class _Summary(BaseModel):
    """What `uncac-needs clean` prints (clean.summary)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cleaned: str
    headings: tuple[str, str, str, str, str, str, str]   # sheet, header row, and the five counts
    sheet: str
    rows: str
    sheet_reasons: str
    dropped: str
    fixed: str
    written: str


class _Cleaning(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    forms: _Forms
    summary: _Summary
    reasons: dict[str, str | dict[str, str]]


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, Any]:
    """The language's cleaning.yaml (the reasons, how their fields are named, what `uncac-needs clean` prints),
    checked: its shape, and every template of English there with the same fields."""
    path = i18n.language_dir(lang) / "cleaning.yaml"
    found = i18n.labels(lang).get("cleaning")
    if found is None:
        raise CatalogError(f"{path} is missing: the reasons of the cleaning log in this language")
    try:
        _Cleaning.model_validate(found)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        raise CatalogError(f"{path}, at '{key}': {err['msg']}") from None
    if lang != LOG_LANGUAGE:
        english = catalog(LOG_LANGUAGE)["reasons"]
        for key, text in _flat(english).items():
            theirs = _flat(found["reasons"]).get(key)
            if theirs is None or fields_of(theirs) != fields_of(text):
                raise CatalogError(f"{path}, at 'reasons.{key}': a template is needed with the fields of "
                                   f"English's ({', '.join(sorted(fields_of(text))) or 'none'})")
    return found


def _flat(reasons: dict[str, Any]) -> dict[str, str]:
    return {f"{rule}.{form}" if form else rule: text for rule, entry in reasons.items()
            for form, text in (entry.items() if isinstance(entry, dict) else [(None, entry)])}


def template(rule: str, form: str | None, lang: str) -> str:
    entry = catalog(lang)["reasons"].get(rule)
    if isinstance(entry, dict) and form is not None:
        entry = entry.get(form)
    elif form is not None:
        entry = None
    if not isinstance(entry, str):
        raise KeyError(f"vocabulary/catalogs/{lang}/cleaning.yaml has no reasons.{rule}{'.' + form if form else ''}")
    return entry


def fields_of(text: str) -> set[str]:
    """The named fields of a template: {'text', 'state'} for "read '{text}' as {state}"."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@lru_cache(maxsize=1 << 16)
def render(reason: Reason, lang: str = LOG_LANGUAGE) -> str:
    """The reason in words, in `lang` (each distinct reason worded once)."""
    return template(reason.rule, reason.form, lang).format_map(
        {name: _Shown(value, lang) for name, value in reason.fields})


class _Shown:
    """A field as the template's language shows it; the format spec after ':' chooses the form."""

    __slots__ = ("value", "lang")

    def __init__(self, value: Any, lang: str):
        self.value, self.lang = value, lang

    def __format__(self, spec: str) -> str:
        value, lang = self.value, self.lang
        if isinstance(value, Reason):
            return render(value, lang)
        if isinstance(value, Term):
            return value.code if spec == "code" else _named(value.kind, value.code, lang)
        if isinstance(value, Terms):
            return _list(value, set(spec.split()), lang)
        if isinstance(value, Articles):
            if spec == "numbers":
                return ", ".join(str(n) for n in value.numbers)
            return i18n.article_list(value.numbers, lang)
        return format(value, spec)


def _named(kind: str, code: str, lang: str) -> str:
    form = catalog(lang).get("forms", {}).get(kind, "{name}")
    return form.format(code=code, name=i18n.term(kind, code, lang))


def _codes(terms: Terms) -> tuple[str, ...]:
    if terms.codes:
        return terms.codes
    if terms.kind == "chapters":
        return reference.chapter_codes()
    return tuple({"categories": reference.categories, "subcategories": reference.subcategories,
                  "regions": reference.regions}[terms.kind]().codes)


def _list(terms: Terms, spec: set[str], lang: str) -> str:
    codes = _codes(terms)
    if "ranges" in spec:
        return _chapter_ranges(codes, lang)
    items = list(codes) if "code" in spec else [_named(terms.kind, c, lang) for c in codes]
    for style, word in (("standard", "and"), ("or", "or")):
        if word in spec:
            return format_list(items, style=style, locale=i18n.babel_locale(lang))
    return catalog(lang)["forms"]["separator"].join(items)


def _chapter_ranges(codes: tuple[str, ...], lang: str) -> str:
    """'chapter II: articles 5 to 14; chapter V: 51 to 59': each chapter with its articles (chapters.csv)."""
    forms = catalog(lang)["forms"]
    first, others = forms["chapter_range"]
    out = []
    for i, code in enumerate(codes):
        chapter = reference.chapters()[code]
        out.append((others if i else first).format(
            code=code, name=i18n.term("chapters", code, lang), first=chapter.first_article, last=chapter.last_article,
            first_article=i18n.article_name(chapter.first_article, lang),
            last_article=i18n.article_name(chapter.last_article, lang)))
    return forms["separator"].join(out)
