"""The topics a need's description carries (data/reference/topics.csv), in English and in Chinese, with the words found.

English keywords are matched word by word on Snowball stems (PyStemmer: the Snowball project's Porter2 English
stemmer compiled from its own C sources, a few microseconds a word where the pure-Python port takes a hundred
and fifty; the statistics of 100,000 needs stay within seconds), after the text is
folded (NFKC, case, accents) and split at every character that is not a letter or a digit, hyphens included.
So 'conflicts of interest', 'Conflict-of-Interest' and 'conflict of interests' are one phrase; 'declarations',
'declared' and 'declaring' one word; a keyword written with a hyphen also matches its parts written as one
word ('whistle-blower' also finds 'whistleblowers' and 'whistle blower'; 'whistle-blowing' is a keyword of its
own). Plain
patterns would need every inflection written out by hand ('declar(e|es|ed|ing|ation|ations)'), and miss the
irregular ones ('bodies', 'agencies'); a stemmer gives them all and keeps the keywords readable, while whole
words and the order of the phrase keep the near misses out ('interest rates', 'declaration of
independence', 'constraint' for 'train'). '…' in a keyword stands for up to three words.

Chinese has no spaces between words: a Chinese keyword is found as written anywhere in the folded text
(full-width letters and digits folded to ASCII); '…' stands for up to eight characters within one clause
('资产…申报' finds '利益、资产和礼物申报'). A word segmenter would add a dictionary and its mistakes for no gain:
the keywords are the words.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import Stemmer

from uncac_needs.vocabulary import reference

GAP = "…"
EN_GAP_WORDS = 3
ZH_GAP_CHARS = 8
_WORD = re.compile(r"[a-z0-9]+")
_ZH_GAP = rf"[^。；;！？!?\n]{{0,{ZH_GAP_CHARS}}}"

#: topic code -> the words of the description that carry it, in the order found
Found = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class TopicTag:
    """One need as the tagging read it: the topics found and the words that carry each.

    For the review sheet of statistics.xlsx; not in statistics.json (one record a need would make the file grow
    with the workbook, and the figures are what the file is for)."""

    need_id: str
    state: str
    chapter: str
    articles: Optional[str]
    category: str
    description: Optional[str]
    source: str                        # description | column (the keepers' topics cell decided)
    topics: Found


def fold(text: str) -> str:
    """The text as keywords are looked for in it: NFKC (full-width to ASCII), case folded, accents dropped."""
    text = str(text)
    if text.isascii():
        return text.casefold().replace("...", " ")
    text = unicodedata.normalize("NFKC", text).casefold().replace(GAP, " ").replace("...", " ")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english", 100000)      # it keeps the stems of the last 100,000 words


def _stems(words: list[str]) -> list[str]:
    return _stemmer().stemWords(words)


def _variants(keyword: str) -> list[list[str]]:
    """The stem sequences of an English keyword: its words, and with each hyphenated compound as one word."""
    split, joined = [], []
    for part in fold(keyword.replace(GAP, " \x00 ")).split():
        if part == "\x00":
            split.append(GAP)
            joined.append(GAP)
            continue
        words = _WORD.findall(part)
        split += _stems(words)
        joined += _stems(["".join(words)]) if words else []
    return [split] if split == joined else [split, joined]


def _english(keywords: tuple[str, ...]) -> list[str]:
    """The regular expressions of the keywords over a line of stems (one space between stems)."""
    alternatives = []
    for keyword in keywords:
        for stems in _variants(keyword):
            parts = [rf"(?:\S+ ){{0,{EN_GAP_WORDS}}}" if s == GAP else re.escape(s) + " " for s in stems]
            alternatives.append("".join(parts)[:-1])
    return alternatives


def _chinese(keywords: tuple[str, ...]) -> list[str]:
    return [_ZH_GAP.join(re.escape(fold(p).strip()) for p in k.split(GAP)) for k in keywords]


def _words_only(alternatives: list[str]) -> re.Pattern | None:
    """One pattern for the alternatives, on whole stems (longest first: the longest phrase is the one shown)."""
    if not alternatives:
        return None
    return re.compile(r"(?<!\S)(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?!\S)")


def _anywhere(alternatives: list[str]) -> re.Pattern | None:
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True))) if alternatives else None


@dataclass(frozen=True)
class _Topic:
    code: str
    english: re.Pattern | None
    chinese: re.Pattern | None
    requires: tuple[str, ...]


@dataclass(frozen=True)
class _Patterns:
    topics: tuple[_Topic, ...]
    any_english: re.Pattern | None      # any keyword of any topic: most descriptions carry none, and stop here
    any_chinese: re.Pattern | None


def _patterns() -> _Patterns:
    return _compiled(reference.topics())


@lru_cache(maxsize=1)
def _compiled(vocabulary) -> _Patterns:
    """The topics' patterns, compiled once for each reading of topics.csv (reference.clear_caches reads it anew)."""
    english = {t.code: _english(t.keywords_en) for t in vocabulary}
    chinese = {t.code: _chinese(t.keywords_zh) for t in vocabulary}
    topics = tuple(_Topic(t.code, _words_only(english[t.code]), _anywhere(chinese[t.code]), t.requires)
                   for t in vocabulary)
    return _Patterns(topics, _words_only([a for alts in english.values() for a in alts]),
                     _anywhere([a for alts in chinese.values() for a in alts]))


def _spans(folded: str, line: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Where each stem of `line` starts in it, and where its word lies in the folded text."""
    spans = [m.span() for m in _WORD.finditer(folded)]
    starts = [0]
    for stem in line.split(" ")[:-1]:
        starts.append(starts[-1] + len(stem) + 1)
    return starts, spans


def _english_words(pattern: re.Pattern, folded: str, line: str, where: list) -> list[str]:
    """The words of the folded text that the pattern finds on the line of stems."""
    words = []
    for m in pattern.finditer(line):
        if not where:
            where.extend(_spans(folded, line))
        starts, spans = where
        first = bisect.bisect_right(starts, m.start()) - 1
        last = bisect.bisect_right(starts, m.end() - 1) - 1
        words.append(folded[spans[first][0]:spans[last][1]])
    return words


@lru_cache(maxsize=65536)
def find(description: str | None) -> Found:
    """The topics the description carries, each with the words that carry it (as folded), in topics.csv order.

    The same description gives the same topics: they are kept for the last 65,536 descriptions (do not change
    the dict returned)."""
    if not description or not str(description).strip():
        return {}
    folded = fold(description)
    line = " ".join(_stems(_WORD.findall(folded)))
    patterns = _patterns()
    if not ((line and patterns.any_english is not None and patterns.any_english.search(line))
            or (patterns.any_chinese is not None and patterns.any_chinese.search(folded))):
        return {}
    found: Found = {}
    where: list = []                     # the words' places, found once and only if a keyword is
    for topic in patterns.topics:
        words = _english_words(topic.english, folded, line, where) if topic.english is not None and line else []
        if topic.chinese is not None:
            words += [m.group() for m in topic.chinese.finditer(folded)]
        if topic.requires and all(r in found for r in topic.requires):
            words += [w for r in topic.requires for w in found[r] if w not in words]
        elif topic.requires:
            words = []
        if words:
            found[topic.code] = tuple(dict.fromkeys(words))
    return found


def with_required(codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Codes named by keepers, completed: a topic made of others (requires) brings its parts, and a topic whose
    parts are all named is named too; in topics.csv order."""
    named, topics = set(codes), list(reference.topics())
    for t in reversed(topics):              # a topic requires topics of earlier lines: parts of parts follow
        if t.code in named:
            named.update(t.requires)
    for t in topics:
        if t.requires and all(r in named for r in t.requires):
            named.add(t.code)
    return tuple(t.code for t in topics if t.code in named)
