"""The statistics as the default paragraphs see them: every figure knows its key of statistics.json.

`View(stats)` reads like the statistics (`o.needs`, `ch.II.share`, `cat.items()`), but each number it gives
is a figure of report/names.py (a `Count` or a `Share`) that carries its dotted key ('by_chapter.II.share').
The phrases of report/wording.py write such a figure as a link to the rows behind it
(evidence.html#<key>, report/evidence_links.py); a number computed from figures (a sum, a difference) is a
plain number again, and links nowhere. Text with links is Markup: `fmt` and `join` put it into a
catalog's pattern or a list with everything else escaped, as the templates would.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from markupsafe import Markup, escape
from pydantic import BaseModel

from uncac_needs.report import evidence_links, names
from uncac_needs.vocabulary import i18n


def key_of(value: Any) -> str | None:
    """The key of statistics.json a figure carries (None: a number computed here, or no figure)."""
    return getattr(value, "key", None)


def linked(text: Any, value: Any) -> Any:
    """`text`, written from the figure `value`, as a link to its rows; unchanged where `value` has no key."""
    key = key_of(value)
    return evidence_links.link(text, key) if key else text


def plain(value: Any) -> Any:
    """The figure as a bare number, which links nowhere (a place shared by several figures: a tie)."""
    return type(value).__mro__[1](value) if key_of(value) else value


def fmt(pattern: str, **values: Any) -> Any:
    """A catalog's pattern filled in: Markup (the rest escaped) where a value is Markup, else plain text."""
    if any(isinstance(v, Markup) for v in values.values()):
        return escape(pattern).format(**values)
    return pattern.format(**values)


def join(items: list[Any], lang: str) -> Any:
    """'a, b and c' by the language's list rules (i18n.join), keeping the links of items that have them."""
    if any(isinstance(i, Markup) for i in items):
        return Markup(i18n.join([str(escape(i)) for i in items], lang))
    return i18n.join(items, lang)


def joined(separator: str, items: list[Any]) -> Any:
    """`separator.join(items)`, keeping the links of items that have them."""
    if any(isinstance(i, Markup) for i in items):
        return escape(separator).join(items)
    return separator.join(items)


_FIRST_LETTER = re.compile(r"^((?:<[^>]*>)*)(.)", re.DOTALL)


def capital(text: Any) -> Any:
    """The text with its first letter in capital, also where it opens with a link."""
    if not text:
        return text
    if isinstance(text, Markup):
        return Markup(_FIRST_LETTER.sub(lambda m: m.group(1) + m.group(2).upper(), str(text)))
    return text[:1].upper() + text[1:]


class View:
    """A part of the statistics (a model or a dict of models), its figures keyed by their dotted names."""

    __slots__ = ("_value", "_name")

    def __init__(self, value: Any, name: str = ""):
        self._value, self._name = value, name

    def _wrap(self, key: Any, value: Any) -> Any:
        name = f"{self._name}.{key}" if self._name else str(key)
        if isinstance(value, (BaseModel, dict)):
            return View(value, name)
        return None if value is None else names.wrap(name, value)     # a count or a share keyed, the rest as is

    def __getattr__(self, attr: str) -> Any:
        value = self._value
        if isinstance(value, dict):
            if attr in value:
                return self._wrap(attr, value[attr])
        elif attr in type(value).model_fields:           # (a view holds a dict or a model)
            return self._wrap(attr, getattr(value, attr))
        return getattr(value, attr)         # a method or property of the model (`cutoff`): as it is

    def __getitem__(self, key: Any) -> Any:
        return self._wrap(key, self._value[key])

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self._value else default

    def __iter__(self) -> Iterator[Any]:
        return iter(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __contains__(self, key: Any) -> bool:
        return key in self._value

    def __bool__(self) -> bool:
        return bool(self._value)          # a model is true, a dict when it holds something

    def keys(self):
        return self._value.keys()

    def values(self) -> list[Any]:
        return [self._wrap(k, v) for k, v in self._value.items()]

    def items(self) -> list[tuple[Any, Any]]:
        return [(k, self._wrap(k, v)) for k, v in self._value.items()]
