"""The rows of the reference tables (data/reference/*.csv) as frozen pydantic models.

One model per kind of row. A cell arrives as the text the CSV holds; the field types below read it
(yes/no, whole numbers, lists separated by ';', blank as nothing) and refuse what they cannot read with a
`PydanticCustomError` whose message completes the sentence "the column '<column>' …", so the reader
(`tablefile.read_table`) can name the file, the line and the column. Code that builds a row itself passes
values already typed (True, 5, a tuple): the types let them through.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

CELL = "cell_"                  # the error types of a cell: their message completes "the column '<column>' …"
REQUIRED = CELL + "required"    # an empty required cell (the reader words it itself)


def _problem(kind: str, text: str, value: Any = "") -> PydanticCustomError:
    # kind: CELL + what, or "row" for a check across the row; {value} is the cell as written
    return PydanticCustomError(kind if kind == "row" else CELL + kind, text, {"value": str(value)})


def _filled(cell: str) -> str:
    if not cell.strip():
        raise _problem("required", "is empty")
    return cell


def _yes_no(cell: Any) -> Any:
    if isinstance(cell, bool):
        return cell
    if cell not in ("yes", "no"):
        raise _problem("yes_no", "holds '{value}'; write 'yes' or 'no'", cell)
    return cell == "yes"


def _whole(cell: Any) -> Any:
    if isinstance(cell, int):
        return cell
    try:
        return int(cell)
    except ValueError:
        raise _problem("whole_number", "holds '{value}', which is not a whole number", cell) from None


def _split(cell: Any) -> tuple[str, ...]:
    """'a; b;; c ' -> ('a', 'b', 'c'): the aliases and the articles of a group are separated by ';'."""
    if isinstance(cell, (tuple, list)):
        return tuple(cell)
    return tuple(a.strip() for a in cell.split(";") if a.strip())


def _numbers(cell: Any) -> tuple[int, ...]:
    try:
        return tuple(int(a) for a in _split(cell))
    except ValueError:
        raise _problem("whole_numbers", "holds '{value}', which is not whole numbers separated by ';'",
                       cell) from None


def _some(numbers: tuple[int, ...]) -> tuple[int, ...]:
    if not numbers:
        raise _problem("required", "is empty")
    return numbers


def _one_of(*choices: str):
    def check(cell: Any) -> Any:
        if cell not in choices:
            raise _problem("choice", f"holds '{{value}}'; write one of {', '.join(choices)}", cell)
        return cell
    return check


def _number(cell: Any) -> int | float | None:
    """A published figure: blank is none; '27' is 27 and '0.20' is 0.2 (as the table writes them)."""
    if not isinstance(cell, str):
        return cell
    if cell == "":
        return None
    try:
        value = float(cell)
    except ValueError:
        raise _problem("number", "holds '{value}', which is not a number", cell) from None
    return int(value) if value.is_integer() and "." not in cell else value


def _iso_date(cell: str) -> str:
    try:
        dt.date.fromisoformat(cell)
    except ValueError:
        raise _problem("date", "holds '{value}', which is not a date written YYYY-MM-DD", cell) from None
    return cell


_DOTTED = re.compile(r"\w+(\.\w+)+")


def _dotted_key(cell: str | None) -> str | None:
    if cell in ("", None):
        return None
    if not _DOTTED.fullmatch(cell):
        raise _problem("dotted_key", "holds '{value}', which is not a dotted key of statistics.json "
                                     "(such as overview.needs)", cell)
    return cell


def _letters(n: int):
    def check(cell: str) -> str:
        if not re.fullmatch(f"[A-Z]{{{n}}}", cell):
            raise _problem("iso_code", f"holds '{{value}}', which is not {n} capital letters", cell)
        return cell
    return check


Text = Annotated[str, AfterValidator(_filled)]                          # a cell that must be filled
YesNo = Annotated[bool, BeforeValidator(_yes_no)]
WholeNumber = Annotated[int, BeforeValidator(_whole)]
Aliases = Annotated[tuple[str, ...], BeforeValidator(_split)]            # may be blank
Number = Annotated[int | float | None, BeforeValidator(_number)]        # may be blank
_Comparison = Literal["exact", "percent", "about", "range", "descriptive"]
COMPARISONS = get_args(_Comparison)
Comparison = Annotated[_Comparison, BeforeValidator(_one_of(*COMPARISONS))]


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, validate_by_name=True, validate_by_alias=True)

    #: the column whose values must be unique in the file
    unique: ClassVar[str] = "code"


class State(_Row):
    unique: ClassVar[str] = "iso3"

    iso3: Annotated[Text, AfterValidator(_letters(3))]
    iso2: Annotated[Text, AfterValidator(_letters(2))]
    name_en: Text
    name_zh: Text
    regional_group: Text
    un_member: YesNo
    uncac_party: YesNo
    aliases: Aliases

    def name(self, lang: str) -> str:
        return self.name_zh if lang.startswith("zh") else self.name_en


class Term(_Row):
    """One entry of a small vocabulary (regional groups, subcategories): a code, its English and Chinese
    labels, its aliases."""

    code: Text
    name_en: Text
    name_zh: Text
    aliases: Aliases
    subcategorised: bool = False     # categories: its needs are split into subcategories (subcategories.csv)


class Category(Term):
    """A category of assistance (categories.csv): a term that says whether it has subcategories."""

    subcategorised: YesNo


class Region(Term):
    """A regional group (regional_groups.csv): one of the five UN regional groups, or not (`none`, the States
    parties in no group, such as the European Union)."""

    un_group: YesNo


class Chapter(_Row):
    code: Text
    number: WholeNumber
    first_article: WholeNumber
    last_article: WholeNumber
    name_en: Text
    title_en: Text
    name_zh: Text
    title_zh: Text
    aliases: Aliases

    @model_validator(mode="after")
    def _range(self) -> Chapter:
        if self.first_article > self.last_article:
            raise _problem("row", f"the column 'first_article' holds {self.first_article}, after the column "
                                    f"'last_article' ({self.last_article})")
        return self

    @property
    def articles(self) -> range:
        return range(self.first_article, self.last_article + 1)


class Article(_Row):
    unique: ClassVar[str] = "article"

    number: WholeNumber = Field(alias="article")
    chapter: Text
    title_en: Text
    title_zh: Text


class ArticleGroup(_Row):
    """A section of the note: articles counted together (`chapter` 'both': articles of either chapter)."""

    unique: ClassVar[str] = "group"

    code: Text = Field(alias="group")
    chapter: Text
    articles: Annotated[tuple[int, ...], BeforeValidator(_numbers), AfterValidator(_some)]
    order: WholeNumber


class PublishedFigure(_Row):
    """A figure a published note states, and how the computed figure is compared with it."""

    unique: ClassVar[str] = "id"

    id: Text
    cutoff: Annotated[Text, AfterValidator(_iso_date)]
    key: Annotated[str | None, BeforeValidator(_dotted_key)]    # blank: a figure the statistics do not compute
    published: Number
    comparison: Comparison
    low: Number
    high: Number
    source: Text
    paragraph: Text
    statement: Text

    @model_validator(mode="after")
    def _comparable(self) -> PublishedFigure:
        if (self.key is None) != (self.comparison == "descriptive"):
            raise _problem("row", "the column 'key' must be blank for a descriptive figure, and only then")
        if self.comparison in ("exact", "percent") and self.published is None:
            raise _problem("row", f"the column 'published' is empty, which the comparison '{self.comparison}' needs")
        if self.comparison in ("about", "range") and (self.low is None or self.high is None or self.low > self.high):
            raise _problem("row", f"the columns 'low' and 'high' must both be filled for the comparison "
                                  f"'{self.comparison}', low first")
        return self


class Topic(Term):
    """A theme the descriptions of the needs tell (topics.csv): its names (and the names keepers may write in
    the workbook's `topics` column, as aliases), its keywords in English and in Chinese (';' between them;
    '…' stands for a few words, or characters, in between), the articles and chapter it is tied to, and the
    topics it needs all of (`requires`: a topic found where each of those is)."""

    keywords_en: Aliases
    keywords_zh: Aliases
    articles: Annotated[tuple[int, ...], BeforeValidator(_numbers)]
    chapter: str
    requires: Aliases

