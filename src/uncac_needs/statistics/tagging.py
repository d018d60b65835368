"""The topics a need's description carries (data/reference/topics.csv), in English and in Chinese, with the words found.

English keywords are matched word by word on Snowball stems (snowballstemmer: the Snowball project's own
Python port of the Porter2 English stemmer, pure Python, also Sphinx's search stemmer), after the text is
folded (NFKC, case, accents) and split at every character that is not a letter or a digit, hyphens included.
So 'conflicts of interest', 'Conflict-of-Interest' and 'conflict of interests' are one phrase; 'declarations',
'declared' and 'declaring' one word; a keyword written with a hyphen also matches its parts written as one
word ('whistle-blower': 'whistleblowers', 'whistle blower', 'whistle-blowing' needs its own keyword). Plain
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

import snowballstemmer

from uncac_needs.vocabulary import reference

GAP = "…"
EN_GAP_WORDS = 3
ZH_GAP_CHARS = 8
_WORD = re.compile(r"[a-z0-9]+")
_ZH_GAP = rf"[^。；;！？!?\n]{{0,{ZH_GAP_CHARS}}}"

#: topic code -> the words of the description that carry it, in the order found
Found = dict[str, tuple[str, ...]]


def fold(text: str) -> str:
    """The text as keywords are looked for in it: NFKC (full-width to ASCII), case folded, accents dropped."""
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace(GAP, " ").replace("...", " ")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def _stems(words: list[str]) -> list[str]:
    return [stem(w) for w in words]


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


def _english(keywords: tuple[str, ...]) -> re.Pattern | None:
    alternatives = []
    for keyword in keywords:
        for stems in _variants(keyword):
            parts = [rf"(?:\S+ ){{0,{EN_GAP_WORDS}}}" if s == GAP else re.escape(s) + " " for s in stems]
            alternatives.append("".join(parts)[:-1])
    if not alternatives:
        return None
    return re.compile(r"(?<!\S)(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")(?!\S)")


def _chinese(keywords: tuple[str, ...]) -> re.Pattern | None:
    alternatives = [_ZH_GAP.join(re.escape(fold(p).strip()) for p in k.split(GAP)) for k in keywords]
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True))) if alternatives else None


@dataclass(frozen=True)
class _Topic:
    code: str
    english: re.Pattern | None
    chinese: re.Pattern | None
    requires: tuple[str, ...]


def _topics() -> tuple[_Topic, ...]:
    return _compiled(reference.topics())


@lru_cache(maxsize=1)
def _compiled(vocabulary) -> tuple[_Topic, ...]:
    """The topics' patterns, compiled once for each reading of topics.csv (reference.clear_caches reads it anew)."""
    return tuple(_Topic(t.code, _english(t.keywords_en), _chinese(t.keywords_zh), t.requires) for t in vocabulary)


def _words(folded: str) -> tuple[str, list[int], list[tuple[int, int]]]:
    """The stems as one string, where each stem starts in it, and where its word lies in the folded text."""
    spans = [m.span() for m in _WORD.finditer(folded)]
    stems = _stems([folded[a:b] for a, b in spans])
    starts, at = [], 0
    for s in stems:
        starts.append(at)
        at += len(s) + 1
    return " ".join(stems), starts, spans


def find(description: str | None) -> Found:
    """The topics the description carries, each with the words that carry it (as folded), in topics.csv order."""
    if not description or not str(description).strip():
        return {}
    folded = fold(description)
    line, starts, spans = _words(folded)
    found: Found = {}
    for topic in _topics():
        words: list[str] = []
        if topic.english is not None and line:
            for m in topic.english.finditer(line):
                first = bisect.bisect_right(starts, m.start()) - 1
                last = bisect.bisect_right(starts, m.end() - 1) - 1
                words.append(folded[spans[first][0]:spans[last][1]])
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
    """Codes named by keepers, with every topic whose required topics they all name, in topics.csv order."""
    named = set(codes)
    for t in reference.topics():
        if t.requires and all(r in named for r in t.requires):
            named.add(t.code)
    return tuple(c for c in reference.topics().codes if c in named)
