"""Readers for the values people type into the needs workbook.

Each reader takes one cell's value (text, number, date, bool or None) and returns a `Parsed`:
the normalised value and, when the cell was not already written in its canonical form, a note in
plain words saying how it was read. A value that cannot be read raises `Unreadable`, whose
message says why. The readers never guess silently: every reading that changes a cell is noted.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from babel.dates import get_month_names

from uncac_needs.ingest.specials import Special  # noqa: F401 - the reader's error and formula cells
from uncac_needs.vocabulary import reference


class Unreadable(ValueError):
    """A cell that cannot be read. `rule` is a short code, the message a plain sentence."""

    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule


@dataclass(frozen=True)
class Parsed:
    value: Any
    note: str | None = None  # None: the cell was already in canonical form
    rule: str = ""           # what kind of correction the note describes


# --------------------------------------------------------------------------- text helpers

def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def tidy(text: str) -> str:
    """Surrounding spaces removed, inner runs of white space (including no-break spaces) made one."""
    return " ".join(text.split())


def show(value: Any) -> str:
    """A cell's value as the log shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _spaces_note(raw: Any, parsed: Parsed) -> Parsed:
    if parsed.note is None and isinstance(raw, str) and raw != tidy(raw):
        return Parsed(parsed.value, "removed extra spaces", "spaces")
    return parsed


# --------------------------------------------------------------------------- Chinese numerals

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_NUMERAL = "零〇一二两三四五六七八九十百千"


def zh_to_int(text: str) -> int:
    """Chinese numerals to an integer: '五' 5, '十四' 14, '五十二' 52, '一百零三' 103."""
    if not text or any(c not in _ZH_DIGITS and c not in _ZH_UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for c in text:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _ZH_UNITS[c]
            digit = None
    return total + (digit or 0)


def int_to_zh(n: int) -> str:
    """An integer from 0 to 9999 in Chinese numerals, as legal texts write them: 14 '十四', 52 '五十二'."""
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
            if zero and out:
                out += "零"
            out += digits[d] + unit
            zero = False
        else:
            zero = True
    return out


# --------------------------------------------------------------------------- States

def parse_state(raw: Any) -> Parsed:
    """A State party by any spelling in the reference list: returns its ISO 3166 alpha-3 code."""
    if is_blank(raw):
        raise Unreadable("state_missing", "no State is named")
    text = tidy(show(raw))
    state = reference.states().lookup(text)
    if state is None:
        raise Unreadable("state_unknown", f"'{text}' is not a State in the reference list (data/reference/states.csv); "
                                          "add the spelling there as an alias if it is one")
    if not state.uncac_party:
        raise Unreadable("state_not_party", f"{state.name_en} is not a State party to the Convention")
    note = None if text in (state.name_en, state.name_zh) else f"read '{text}' as {state.name_en}"
    return _spaces_note(raw, Parsed(state.iso3, note, "state_spelling"))


# --------------------------------------------------------------------------- dates

WRITE_DATES = "write the date as YYYY-MM-DD"  # the advice every date message gives: a form, never an example date
EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 once Excel's 1900 leap-year bug is allowed for


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale="en").items():
            months[name.casefold().rstrip(".")] = number
    months["sept"] = 9
    return months


def _date(y: int, m: int, d: int, raw: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise Unreadable("date_invalid", f"'{raw}' is not a real date") from None


def _from_serial(serial: float, raw: Any) -> dt.date:
    if not 1 <= serial < 2958466:
        raise Unreadable("date_unreadable", f"the number {show(raw)} is not an Excel date")
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_date(raw: Any) -> Parsed:
    """A completion date: a real Excel date, an Excel serial number, or text in a common form.

    Text forms: 2020-09-15, 2020/09/15, 15/09/2020 and 15.09.2020 (day first, as the UN writes
    dates, also where both numbers are 12 or less), 09/15/2020 (month first only where the second
    number cannot be a month: noted as such), 15 September 2020, 15 Sep 2020, September 15, 2020,
    15-Sep-2020, 2020年9月15日.
    """
    if is_blank(raw):
        raise Unreadable("date_missing", "no date is given")
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, dt.date):
        return Parsed(raw)
    if isinstance(raw, bool):
        raise Unreadable("date_unreadable", f"{show(raw)} is not a date")
    if isinstance(raw, (int, float)):
        day = _from_serial(raw, raw)
        return Parsed(day, f"read the number {show(raw)} as the Excel date {day.isoformat()}", "date_as_number")
    text = tidy(unicodedata.normalize("NFKC", str(raw)))
    low = text.casefold()
    day: dt.date | None = None
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?", low):
        day = _date(int(m[1]), int(m[2]), int(m[3]), text)
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", low):
        first, second = int(m[1]), int(m[2])
        if 1 <= first <= 12 < second <= 31:      # 06/13/2020: 13 cannot be a month, so the month comes first
            day = _date(int(m[3]), first, second, text)
            return Parsed(day, f"read '{text}' as the date {day.isoformat()}, month first: {second} cannot be a month; "
                               f"{WRITE_DATES}", "date_month_first")
        day = _date(int(m[3]), second, first, text)   # day first, as the UN writes dates (also when both are 12 or less)
    elif m := re.fullmatch(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?", low):
        day = _date(int(m[1]), int(m[2]), int(m[3]), text)
    elif m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})", low):
        month = _month_numbers().get(m[2])
        if month:
            day = _date(int(m[3]), month, int(m[1]), text)
    elif m := re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", low):
        month = _month_numbers().get(m[1])
        if month:
            day = _date(int(m[3]), month, int(m[2]), text)
    elif re.fullmatch(r"\d{5}(?:\.0+)?", low):
        day = _from_serial(float(low), text)
        return Parsed(day, f"read the number {text} as the Excel date {day.isoformat()}", "date_as_number")
    if day is None:
        raise Unreadable("date_unreadable", f"'{text}' cannot be read as a date; {WRITE_DATES}")
    return Parsed(day, f"read the text '{text}' as the date {day.isoformat()}", "date_as_text")


# --------------------------------------------------------------------------- chapters

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}


def _chapter_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _ROMAN:
        return _ROMAN[token]
    try:
        return zh_to_int(token)
    except ValueError:
        return None


def _chapter_code(number: int, raw: Any) -> str:
    for code, chapter in reference.chapters().items():
        if chapter.number == number:
            return code
    raise Unreadable("chapter_out_of_scope", f"chapter {show(raw)} is outside the analysis, which covers chapters II and V only")


def parse_chapter(raw: Any) -> Parsed:
    """'II', '2', 'Chapter II', 'Ch. II', '第二章', '二', 'Preventive measures' … to 'II' or 'V'; blank to None."""
    if is_blank(raw):
        return Parsed(None)
    if isinstance(raw, bool):
        raise Unreadable("chapter_unreadable", f"{show(raw)} is not a chapter")
    if isinstance(raw, (int, float)):
        if float(raw).is_integer():
            code = _chapter_code(int(raw), raw)
            return Parsed(code, f"read {show(raw)} as chapter {code}", "chapter_form")
        raise Unreadable("chapter_unreadable", f"{show(raw)} is not a chapter")
    text = tidy(unicodedata.normalize("NFKC", str(raw)))
    if text in reference.chapters():
        return _spaces_note(raw, Parsed(text))
    low = re.sub(r"\([^()]*\)", " ", text.casefold()).strip()
    code = None
    if m := re.fullmatch(r"(?:chapter|chap|ch)?\.?\s*([ivx]+|\d+)", low) or \
            re.fullmatch(r"第?\s*([" + _ZH_NUMERAL + r"\d]+)\s*章?", low):
        number = _chapter_number(m[1])
        if number is not None:
            code = _chapter_code(number, text)
    if code is None:
        code = reference.chapter_vocabulary().lookup(text)
    if code is None:
        raise Unreadable("chapter_unreadable", f"'{text}' cannot be read as a chapter; write II or V")
    return Parsed(code, f"read '{text}' as chapter {code}", "chapter_form")


# --------------------------------------------------------------------------- articles

_ZH_NUM = r"[" + _ZH_NUMERAL + r"\d]+"
_ZH_SEP = r"\s*[、,，;；和及与或至到~\-–—]\s*第?\s*"
# 第五条, 第5、6条, 第五至七条: one 第 … 条 naming one or more articles
_ZH_ARTICLE = re.compile(r"第\s*(" + _ZH_NUM + r"(?:" + _ZH_SEP + _ZH_NUM + r")*)\s*条")
# 第一款, 第一、二款, 第一款和第二款, 第(二)项 (paragraphs, subparagraphs, items): never articles
_ZH_SUBDIVISION = re.compile(r"第\s*\(?" + _ZH_NUM + r"\)?(?:" + _ZH_SEP + r"\(?" + _ZH_NUM + r"\)?)*\s*[款项目]")
_PARENS = re.compile(r"\([^()]*\)")
_PARAGRAPH_PARENS = re.compile(r"\(\s*(?:\d+|[a-z]|[ivx]+)\s*\)")     # (1), (b), (iv): a paragraph or subparagraph
# 'para. 1', 'paragraphs 1 and 2', 'paras. 1, 2 and 4', 'subpara.', '§ 2': the keyword and the numbers it governs
_PARAGRAPH = re.compile(r"(?:\b(?:sub-?)?(?:para(?:graph)?s?|pars?)\b|§§?)\.?"
                        r"(?:\s*\d+[a-z]?\b(?:\s*(?:,|;|&|-|–|—|\band\b|\bor\b|\bto\b)\s*\d+[a-z]?\b)*)?")
# '5.1', '52.1.b': article 5 paragraph 1, article 52 paragraph 1 (b)
_DOTTED = re.compile(r"\b(\d+)(?:\.\d+[a-z]?)+\b")
_RANGE = re.compile(r"(\d+)\s*(?:-|–|—|~|to|至|到)\s*(\d+)")
_WORDS = re.compile(r"\b(?:articles?|arts?|and|or|of)\b\.?|uncac|[,;/&+、，；和及与或条-]")
_NO_ARTICLE = {"n/a", "na", "none", "general", "-", "–", "—", "无", "不适用", "一般", "0"}
_CANONICAL_ARTICLES = re.compile(r"\d+(?:, \d+)*")
_PARAGRAPHS_NOTE = " (the paragraph numbers are not articles)"


def _unreadable_articles(text: str, why: str = "") -> Unreadable:
    """The one message for an article cell that cannot be read: the value, why (if known), the forms accepted."""
    return Unreadable("article_unreadable",
                      f"'{text}' cannot be read as article numbers{': ' + why if why else ''}; accepted forms: "
                      '"5", "5, 6", "arts. 5 and 6", "art. 52(1)(b)", "52/14", "第五条"')


def _zh_articles(m: re.Match) -> str:
    """第5、6条 -> ' 5、6 ', 第五十二条 -> ' 52 ': the numbers in digits, the separators kept for what follows."""
    return " " + re.sub(_ZH_NUM, lambda n: str(int(n[0]) if n[0].isdigit() else zh_to_int(n[0])),
                        m[1].replace("第", " ")) + " "


def parse_articles(raw: Any) -> Parsed:
    """One or more article numbers, in any of the forms the contract lists, as a sorted tuple.

    '5', 'Art. 5', 'article 5 (1)', 'art. 52(1)(b)', 'arts. 5 and 6', '5, 6', '52/14', '第五条',
    '第5条', '第5、6条', '第五十二条和第十四条', '5-7'. Paragraph references are paragraphs, never
    articles: 'art. 9, paragraphs 1 and 2', 'article 9 (1) and (2)', '第九条第一款', '5.1' (article 5,
    paragraph 1) all name article 9 or 5 alone. A blank cell (or 'n/a', 'general', '无') is a general
    need under its chapter and gives (). Whether the articles are in scope and agree with the chapter
    is checked by the caller.
    """
    if is_blank(raw):
        return Parsed(())
    if isinstance(raw, bool):
        raise _unreadable_articles(show(raw))
    if isinstance(raw, (int, float)):
        if raw >= 1 and float(raw).is_integer():
            return Parsed((int(raw),))
        if raw >= 1:        # 5.1 typed into a cell Excel keeps as a number: article 5, paragraph 1
            return Parsed((int(raw),), f"read '{show(raw)}' as {_article_list((int(raw),))}{_PARAGRAPHS_NOTE}",
                          "article_form")
        raise _unreadable_articles(show(raw))
    text = tidy(unicodedata.normalize("NFKC", str(raw)))
    if _CANONICAL_ARTICLES.fullmatch(text):
        numbers = tuple(sorted({int(n) for n in text.split(",")}))
        return _spaces_note(raw, Parsed(numbers, None if numbers == tuple(int(n) for n in text.split(",")) else
                                        f"read '{text}' as {_article_list(numbers)}", "article_form"))
    low = text.casefold().rstrip(".")
    if low in _NO_ARTICLE:
        return Parsed((), f"read '{text}' as no particular article", "article_form")
    work, paragraphs = _ZH_SUBDIVISION.subn(" ", low)
    try:
        work = _ZH_ARTICLE.sub(_zh_articles, work)
    except ValueError:
        raise _unreadable_articles(text) from None
    while _PARENS.search(work):
        paragraphs += len(_PARAGRAPH_PARENS.findall(work))
        work = _PARENS.sub(" ", work)
    work, found = _PARAGRAPH.subn(" ", work)
    paragraphs += found
    work, found = _DOTTED.subn(r"\1", work)
    paragraphs += found

    def expand(m: re.Match) -> str:
        a, b = int(m[1]), int(m[2])
        if a <= b <= a + 10:
            return " " + " ".join(str(n) for n in range(a, b + 1)) + " "
        raise _unreadable_articles(text, f"{a}-{b} is not a range of articles (a range such as 5-7 names at most "
                                         "11 articles)")

    work = _RANGE.sub(expand, work)
    work = _WORDS.sub(" ", work)
    numbers = re.findall(r"\d+", work)
    rest = re.sub(r"[\d\s]+", "", work)
    if rest or not numbers:
        raise _unreadable_articles(text)
    found = tuple(sorted({int(n) for n in numbers}))
    return Parsed(found, f"read '{text}' as {_article_list(found)}{_PARAGRAPHS_NOTE if paragraphs else ''}",
                  "article_form")


def _article_list(numbers: tuple[int, ...]) -> str:
    if len(numbers) == 1:
        return f"article {numbers[0]}"
    return "articles " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def chapter_of_articles(articles: tuple[int, ...], chapter: str | None) -> str:
    """The one chapter a need belongs to, from its chapter cell and its articles.

    Raises Unreadable when an article is outside chapters II and V, when the articles span both
    chapters, when they contradict the chapter cell, or when there is neither chapter nor article.
    """
    known = reference.articles()
    outside = [a for a in articles if a not in known]
    if outside:
        which = ", ".join(str(a) for a in outside)
        raise Unreadable("article_out_of_scope",
                         f"article {which} is outside the analysis (chapter II: articles 5 to 14; chapter V: 51 to 59)")
    chapters = sorted({known[a].chapter for a in articles})
    if len(chapters) > 1:
        raise Unreadable("articles_span_chapters",
                         f"{_article_list(articles)} belong to both chapter II and chapter V; split the need into one row per chapter")
    if chapter is not None and chapters and chapters[0] != chapter:
        raise Unreadable("article_contradicts_chapter",
                         f"{_article_list(articles)} {'belongs' if len(articles) == 1 else 'belong'} to chapter {chapters[0]}, "
                         f"not to chapter {chapter} as the row says")
    if chapter is None and not chapters:
        raise Unreadable("chapter_and_article_missing", "the need names neither a chapter nor an article")
    return chapter or chapters[0]


# --------------------------------------------------------------------------- vocabularies

def _parse_term(raw: Any, vocabulary: reference.Vocabulary, rule: str, what: str, spelling_rule: str) -> Parsed:
    text = tidy(unicodedata.normalize("NFKC", show(raw)))
    code = vocabulary.lookup(text)
    if code is None:
        names = "; ".join(t.name_en for t in vocabulary)
        raise Unreadable(rule, f"'{text}' is not a known {what} (known: {names})")
    note = None if text in vocabulary.canonical_spellings(code) else f"read '{text}' as {vocabulary[code].name_en}"
    return _spaces_note(raw, Parsed(code, note, spelling_rule))


def parse_category(raw: Any) -> Parsed:
    if is_blank(raw):
        raise Unreadable("category_missing", "no category of assistance is given")
    return _parse_term(raw, reference.categories(), "category_unknown", "category", "category_spelling")


def parse_subcategory(raw: Any) -> Parsed:
    """A capacity-building subcategory; blank gives None (unspecified)."""
    if is_blank(raw):
        return Parsed(None)
    return _parse_term(raw, reference.subcategories(), "subcategory_unknown", "capacity-building subcategory",
                       "subcategory_spelling")


def parse_region(raw: Any) -> Parsed:
    """A UN regional group by code, name or common short form; blank gives None."""
    if is_blank(raw):
        return Parsed(None)
    return _parse_term(raw, reference.regions(), "region_unknown", "regional group", "region_spelling")
