"""The language catalogs (vocabulary/catalogs/<lang>/labels.yaml and paragraphs.yaml), checked when read.

A catalog is written by a translator, so every mistake in it is named in one sentence with the file and
the dotted key (CatalogError, a UserError: the command line prints it and exits with status 2):
- its shape, by the models below: every text a text (or a list of texts), the sections the code reads
  typed (dates, plural forms, the Babel locale, the names of `terms:`);
- its keys, against the English catalog: every key of English's labels.yaml and paragraphs.yaml is in every
  other language's (a language may add keys of its own, such as Chinese's `cjk_spacing`), except the plural
  forms, which follow each language's plural rules (CLDR: English 'one' and 'other', Chinese 'other');
- its `terms:` (the names of the vocabularies in a language other than those of data/reference): only codes
  of the reference tables, and, for such a language, every code of each vocabulary the outputs name.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import jinja2
from babel import Locale, UnknownLocaleError
from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Tag, TypeAdapter, ValidationError,
                      field_validator)
from typing_extensions import TypeAliasType

from uncac_needs.plumbing.errors import UserError
from uncac_needs.vocabulary import reference
from uncac_needs.vocabulary.tablefile import where


class CatalogError(UserError, ValueError):
    """A language catalog that cannot be used as it stands: the message names the file and the dotted key."""


def _kind(value: Any) -> str:
    return "<map>" if isinstance(value, dict) else "<list>" if isinstance(value, list) else "<text>"


#: the free sections of a catalog: texts, lists of texts, and mappings of these (tags in '<>' leave the messages)
Texts = TypeAliasType("Texts", Annotated[
    Annotated[str, Tag("<text>")] | Annotated[list[str], Tag("<list>")] | Annotated[dict[str, "Texts"], Tag("<map>")],
    Discriminator(_kind)])

PluralForm = Literal["zero", "one", "two", "few", "many", "other"]     # CLDR's plural categories


def _has_other(forms: dict[str, str]) -> dict[str, str]:
    if "other" not in forms:
        raise ValueError("a plural needs the form 'other' (the one used when the language has no other form)")
    return forms


def _locale(name: str) -> str:
    try:
        Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        raise ValueError(f"'{name}' is not a locale Babel knows (such as en_GB or zh_Hans_CN)") from None
    return name


TermKind = Literal["states", "regions", "categories", "subcategories", "chapters", "chapter_titles",
                   "article_titles"]


class Terms(BaseModel):
    """The names of the vocabularies in a language whose names are not columns of data/reference."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)   # article 5: '5'

    states: dict[str, str] | None = None
    regions: dict[str, str] | None = None
    categories: dict[str, str] | None = None
    subcategories: dict[str, str] | None = None
    chapters: dict[str, str] | None = None
    chapter_titles: dict[str, str] | None = None
    article_titles: dict[str, str] | None = None


class DateRanges(BaseModel):
    """Babel patterns of the first and the last date, and how they join ('{start}–{end}')."""

    model_config = ConfigDict(extra="forbid")

    same_month: tuple[str, str, str]
    same_year: tuple[str, str, str]
    other: tuple[str, str, str]


class Labels(BaseModel):
    """labels.yaml: the sections the code reads typed; every other section free texts."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, Texts]

    language_name: str
    locale: Annotated[str, AfterValidator(_locale)] | None = None
    date_formats: dict[str, str]
    date_ranges: DateRanges
    rules: dict[str, str]
    actions: dict[str, str]
    plurals: dict[str, Annotated[dict[PluralForm, str], AfterValidator(_has_other)]]
    terms: Terms | None = None
    extra_terms: dict[TermKind, dict[str, str]] = {}
    cjk_spacing: bool = True
    fonts: str | None = None

    @field_validator("terms")
    @classmethod
    def _known_codes(cls, terms: Terms | None) -> Terms | None:
        for kind, names in (terms.model_dump(exclude_none=True) if terms else {}).items():
            unknown = sorted(set(names) - term_codes()[kind])
            if unknown:
                raise ValueError(f"'{kind}' names {', '.join(unknown)}, which data/reference does not know")
        return terms


#: the keys of English's labels.yaml that another language need not have (its own options)
OPTIONAL = {"locale", "fonts", "cjk_spacing", "terms", "extra_terms"}


def term_codes() -> dict[str, set[str]]:
    """Each kind of `terms:` and the codes of its vocabulary in data/reference."""
    chapters = set(reference.chapters())
    return {"states": {s.iso3 for s in reference.states()}, "regions": set(reference.regions().codes),
            "categories": set(reference.categories().codes), "subcategories": set(reference.subcategories().codes),
            "chapters": chapters, "chapter_titles": chapters, "article_titles": {str(n) for n in reference.articles()}}


def _dotted(loc: tuple) -> str:
    return ".".join(str(part) for part in loc if not str(part).startswith(("<", "[")))   # no tags, no '[key]'


def _refused(path: Path, exc: ValidationError) -> CatalogError:
    error = max(exc.errors(include_url=False), key=lambda e: len(e["loc"]))    # the deepest: the one meant
    at = _dotted(error["loc"])
    if not at:                                                                  # the file as a whole
        return CatalogError(f"{where(path)} is not a mapping of keys to texts; correct it and run again.")
    if error["type"] == "missing":
        return CatalogError(f"{where(path)} has no '{at}'; add it and run again.")
    message = error["msg"].removeprefix("Value error, ")
    return CatalogError(f"{where(path)} has a problem at '{at}': {message}; correct it and run again.")


def _keys(node: Any, prefix: tuple[str, ...] = ()) -> Iterator[str]:
    """The dotted paths of a catalog's texts, a plural counting as one text (its forms are the language's)."""
    if isinstance(node, dict) and not (len(prefix) == 2 and prefix[0] == "plurals"):
        for key, value in node.items():
            yield from _keys(value, (*prefix, str(key)))
    else:
        yield ".".join(prefix)


def _missing(path: Path, found: dict, english: dict) -> None:
    """Refuses a catalog without a key of the English one (the languages' own options aside)."""
    have = set(_keys(found))
    missing = [k for k in _keys(english) if k not in have and k.split(".")[0] not in OPTIONAL]
    if missing:
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        named = ", ".join(f"'{k}'" for k in missing[:3])
        raise CatalogError(f"{where(path)} has no {named}{more}, which the English catalog has; add "
                           f"{'it' if len(missing) == 1 else 'them'} (translated) and run again.")


def check_labels(path: Path, found: Any, lang: str, english: dict | None) -> dict:
    """labels.yaml of `lang` as read from `path`, checked (`english`: English's labels.yaml, None for English
    itself); `terms:` with its codes as text. Raises CatalogError."""
    try:
        checked = Labels.model_validate(found)
        _locale(checked.locale or lang)
    except ValidationError as exc:
        raise _refused(path, exc) from None
    except ValueError as exc:
        raise CatalogError(f"{where(path)} has no 'locale', and the folder's name {exc}; add a 'locale' and "
                           "run again.") from None
    if english is not None:
        _missing(path, found, english)
    return {**found, "terms": checked.terms.model_dump(exclude_none=True)} if checked.terms else found


def check_terms(path: Path, found: dict) -> None:
    """For a language whose names are not in data/reference: `terms:` names every code the outputs name
    (the States only if it names any: a report names States only in its annex of suspect dates)."""
    terms = found.get("terms", {})
    for kind, codes in term_codes().items():
        if kind == "states" and kind not in terms:
            continue
        missing = sorted(codes - set(terms.get(kind, {})), key=lambda c: (len(c), c))
        if missing:
            raise CatalogError(f"{where(path)} has no 'terms.{kind}.{missing[0]}'"
                               f"{f' (nor {len(missing) - 1} more)' if len(missing) > 1 else ''}: a language "
                               "whose names are not in data/reference names every entry; add it and run again.")


_PARAGRAPHS = TypeAdapter(dict[str, str])


def check_paragraphs(path: Path, found: Any, english: dict | None) -> dict[str, str]:
    """paragraphs.yaml as read from `path`: a text for every paragraph English has, each a Jinja template."""
    try:
        paragraphs = _PARAGRAPHS.validate_python(found)
    except ValidationError as exc:
        raise _refused(path, exc) from None
    if english is not None:
        _missing(path, paragraphs, english)
    for key, text in paragraphs.items():
        try:
            jinja2.Environment().parse(text)
        except jinja2.TemplateSyntaxError as exc:
            raise CatalogError(f"{where(path)} has a problem at '{key}': the template cannot be read ({exc.message}, "
                               f"line {exc.lineno} of the paragraph); correct it and run again.") from None
    return paragraphs
