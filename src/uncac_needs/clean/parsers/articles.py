"""Readers of where a need sits in the Convention: its chapter cell, its article cell, and the one chapter
they give together (chapters.csv and articles.csv say which articles each chapter holds)."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from uncac_needs.clean.parsers.cells import Parsed, Unreadable, is_blank, show, spaced, tidy
from uncac_needs.clean.parsers.numerals import ZH_NUMERAL, zh_to_int
from uncac_needs.clean.reasons import Articles, Term, Terms, because
from uncac_needs.vocabulary import reference

# --------------------------------------------------------------------------- chapters

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
_CHAPTER_WORDS = re.compile(r"(?:chapter|chap|ch)?\.?\s*([ivx]+|\d+)")
_CHAPTER_ZH = re.compile(r"第?\s*([" + ZH_NUMERAL + r"\d]+)\s*章?")


def _chapter_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _ROMAN:
        return _ROMAN[token]
    try:
        return zh_to_int(token)
    except ValueError:
        return None


def _chapter_code(number: int, value: str) -> str:
    for code, chapter in reference.chapters().items():
        if chapter.number == number:
            return code
    raise Unreadable(because("chapter_out_of_scope", value=value, chapters=Terms("chapters")))


def parse_chapter(raw: Any) -> Parsed:
    """'II', '2', 'Chapter II', 'Ch. II', '第二章', '二', 'Preventive measures' … to 'II' or 'V'; blank to None."""
    if is_blank(raw):
        return Parsed(None)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and float(raw).is_integer():
        code = _chapter_code(int(raw), show(raw))
        return Parsed(code, because("chapter_form", "number", value=show(raw), chapter=Term("chapters", code)))
    if isinstance(raw, (bool, int, float)):
        raise Unreadable(because("chapter_unreadable", "value", value=show(raw)))
    text = tidy(unicodedata.normalize("NFKC", str(raw)))
    if text in reference.chapters():
        return spaced(raw, Parsed(text))
    low = re.sub(r"\([^()]*\)", " ", text.casefold()).strip()
    code = None
    if m := _CHAPTER_WORDS.fullmatch(low) or _CHAPTER_ZH.fullmatch(low):
        number = _chapter_number(m[1])
        if number is not None:
            code = _chapter_code(number, text)
    if code is None:
        code = reference.chapter_vocabulary().lookup(text)
    if code is None:
        raise Unreadable(because("chapter_unreadable", "text", text=text, chapters=Terms("chapters")))
    return Parsed(code, because("chapter_form", "text", text=text, chapter=Term("chapters", code)))


# --------------------------------------------------------------------------- articles

_ZH_NUM = r"[" + ZH_NUMERAL + r"\d]+"
_ZH_SEP = r"\s*[、,，;；和及与或至到~\-–—]\s*第?\s*"
# 第五条, 第5、6条, 第五至七条: one 第 … 条 naming one or more articles
_ZH_ARTICLE = re.compile(r"第\s*(" + _ZH_NUM + r"(?:" + _ZH_SEP + _ZH_NUM + r")*)\s*条")
# 第一款, 第一、二款, 第一款和第二款, 第(二)项 (paragraphs, subparagraphs, items): never articles
_ZH_SUBDIVISION = re.compile(r"第\s*\(?" + _ZH_NUM + r"\)?(?:" + _ZH_SEP + r"\(?" + _ZH_NUM + r"\)?)*\s*[款项目]")
_PARENS = re.compile(r"\(([^()]*)\)")
# (1), (b), (iv), (1, 2), (1bis): paragraphs or subparagraphs
_PARAGRAPH_PARENS = re.compile(r"\s*(?:\d+[a-z]*|[a-z]|[ivx]+)(?:\s*(?:,|;|&|-|–|\band\b|\bor\b|\bto\b)\s*"
                               r"(?:\d+[a-z]*|[a-z]|[ivx]+))*\s*")
# 'para. 1', 'paragraphs 1 and 2', 'paras. 1, 2 and 4', 'subpara.', '§ 2': the keyword and the numbers it governs
_PARAGRAPH = re.compile(r"(?:\b(?:sub-?)?(?:para(?:graph)?s?|pars?)\b|§§?)\.?"
                        r"(?:\s*\d+[a-z]?\b(?:\s*(?:,|;|&|-|–|—|\band\b|\bor\b|\bto\b)\s*\d+[a-z]?\b)*)?")
# '5.1', '52.1.b': article 5 paragraph 1, article 52 paragraph 1 (b)
_DOTTED = re.compile(r"\b(\d+)(?:\.\d+[a-z]?)+\b")
_RANGE = re.compile(r"(\d+)\s*(?:-|–|—|~|to|至|到)\s*(\d+)")
_WORDS = re.compile(r"\b(?:articles?|arts?|and|or|of)\b\.?|uncac|[,;/&+、，；和及与或条-]")
_NO_ARTICLE = {"n/a", "na", "none", "general", "-", "–", "—", "无", "不适用", "一般", "0"}
_CANONICAL_ARTICLES = re.compile(r"\d+(?:, \d+)*")
MAX_RANGE = 11          # a range such as 5-7 names at most this many articles


def _zh_articles(m: re.Match) -> str:
    """第5、6条 -> ' 5、6 ', 第五十二条 -> ' 52 ': the numbers in digits, the separators kept for what follows."""
    return " " + re.sub(_ZH_NUM, lambda n: str(int(n[0]) if n[0].isdigit() else zh_to_int(n[0])),
                        m[1].replace("第", " ")) + " "


def parse_articles(raw: Any) -> Parsed:
    """One or more article numbers, in any of the forms the contract lists, as a sorted tuple.

    '5', 'Art. 5', 'article 5 (1)', 'art. 52(1)(b)', 'arts. 5 and 6', '5, 6', '52/14', '第五条',
    '第5条', '第5、6条', '第五十二条和第十四条', '5-7', 'art. 5 (and 6)'. Paragraph references are
    paragraphs, never articles: 'art. 9, paragraphs 1 and 2', 'article 9 (1) and (2)', '第九条第一款',
    '5.1' (article 5, paragraph 1) all name article 9 or 5 alone. A blank cell (or 'n/a', 'general',
    '无') is a general need under its chapter and gives (). Whether the articles are in scope and agree
    with the chapter is checked by the caller.
    """
    if is_blank(raw):
        return Parsed(())
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw >= 1:
        if float(raw).is_integer():
            return Parsed((int(raw),))
        # 5.1 typed into a cell Excel keeps as a number: article 5, paragraph 1
        number = (int(raw),)
        return Parsed(number, because("article_form", "paragraphs", text=show(raw), articles=Articles(number)))
    if isinstance(raw, (bool, int, float)):
        raise Unreadable(because("article_unreadable", "plain", text=show(raw)))
    text = tidy(unicodedata.normalize("NFKC", str(raw)))
    if _CANONICAL_ARTICLES.fullmatch(text):
        written = tuple(int(n) for n in text.split(","))
        numbers = tuple(sorted(set(written)))
        why = None if numbers == written else because("article_form", "plain", text=text, articles=Articles(numbers))
        return spaced(raw, Parsed(numbers, why))
    if text.casefold().rstrip(".") in _NO_ARTICLE:
        return Parsed((), because("article_form", "none", text=text))
    numbers, paragraphs = _article_numbers(text)
    if paragraphs:
        return Parsed(numbers, because("article_form", "paragraphs", text=text, articles=Articles(numbers)))
    return Parsed(numbers, because("article_form", "plain", text=text, articles=Articles(numbers)))


def _article_numbers(text: str) -> tuple[tuple[int, ...], int]:
    """The articles a text names, and how many paragraph references it holds besides."""
    work, paragraphs = _ZH_SUBDIVISION.subn(" ", text.casefold().rstrip("."))
    try:
        work = _ZH_ARTICLE.sub(_zh_articles, work)
    except ValueError:
        raise Unreadable(because("article_unreadable", "plain", text=text)) from None
    while (m := _PARENS.search(work)) is not None:
        inner, paragraph = _parenthesis(m[1])
        paragraphs += paragraph
        work = f"{work[:m.start()]} {inner} {work[m.end():]}"
    work, found = _PARAGRAPH.subn(" ", work)
    paragraphs += found
    work, found = _DOTTED.subn(r"\1", work)
    paragraphs += found
    work = _RANGE.sub(lambda m: _expand(m, text), work)
    work = _WORDS.sub(" ", work)
    numbers = re.findall(r"\d+", work)
    if re.sub(r"[\d\s]+", "", work) or not numbers:
        raise Unreadable(because("article_unreadable", "plain", text=text))
    return tuple(sorted({int(n) for n in numbers})), paragraphs


def _parenthesis(inner: str) -> tuple[str, int]:
    """What a parenthesis of an article cell adds: the text read with the rest, and paragraph references (0 or 1).

    '(1)', '(b)', '(1, 2)', '(para. 2)' are paragraphs; words alone (a title such as '(preventive measures)')
    name no article and are left aside; any other number is read with the rest of the cell: '(and 6)' and
    '(及第六条)' add article 6, '(see 12)' makes the cell unreadable rather than guessed."""
    if _PARAGRAPH_PARENS.fullmatch(inner) or _PARAGRAPH.search(inner):
        return "", 1
    return (inner if re.search(r"\d", inner) else ""), 0


def _expand(m: re.Match, text: str) -> str:
    """'5-7' -> ' 5 6 7 '."""
    first, last = int(m[1]), int(m[2])
    if first <= last < first + MAX_RANGE:
        return " " + " ".join(str(n) for n in range(first, last + 1)) + " "
    raise Unreadable(because("article_unreadable", "range", text=text, first=first, last=last, most=MAX_RANGE))


def chapter_of_articles(articles: tuple[int, ...], chapter: str | None) -> str:
    """The one chapter a need belongs to, from its chapter cell and its articles.

    The chapter cell where given, otherwise the chapter the articles share. A need citing articles of both
    chapters (the keepers' '52/14') belongs to the chapter its cell names; without a chapter cell its chapter
    cannot be known. Raises Unreadable when an article is outside the chapters of the analysis, when the
    articles span chapters and no chapter is given, when all of them belong to another chapter than the
    chapter cell, or when there is neither chapter nor article.
    """
    known = reference.articles()
    outside = tuple(a for a in articles if a not in known)
    if outside:
        raise Unreadable(because("article_out_of_scope", articles=Articles(outside), chapters=Terms("chapters")))
    chapters = tuple(sorted({known[a].chapter for a in articles}, key=reference.chapter_codes().index))
    if len(chapters) > 1:
        if chapter is None:
            raise Unreadable(because("articles_span_chapters", articles=Articles(articles),
                                     chapters=Terms("chapters", chapters)))
        return chapter
    if chapter is not None and chapters and chapters[0] != chapter:
        cited, found, given = Articles(articles), Term("chapters", chapters[0]), Term("chapters", chapter)
        if len(articles) == 1:
            raise Unreadable(because("article_contradicts_chapter", "one", articles=cited, found=found, chapter=given))
        raise Unreadable(because("article_contradicts_chapter", "several", articles=cited, found=found, chapter=given))
    if chapter is None and not chapters:
        raise Unreadable(because("chapter_and_article_missing"))
    return chapter or chapters[0]
