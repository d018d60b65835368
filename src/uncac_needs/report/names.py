"""The figures an analyst's narrative names: `{{ articles.5.needs }}`, `{{ by_chapter.II.share }}` …

The names are the dotted keys of statistics.json exactly (../shared/spec/interface.md), plus `published.*`,
the figures the published notes state (data/reference/published_figures.csv). Each figure carries its kind
(a count, a share, a date), and prints itself as the language writes it in running text: a count below ten
in words where the language's catalog spells it ("nine"), a share as "53 per cent" or "53%" (rounded half
away from zero, i18n.rounded_percent), a date as "30 September 2020" or "2020年9月30日". A name that does
not exist raises UnknownName, naming it in full. The list of names is docs/narrative.md.
"""
from __future__ import annotations

import datetime as dt
import difflib
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from markupsafe import Markup

from uncac_needs.vocabulary import convention, i18n, reference


class NarrativeNameError(Exception):
    """A name or a use of a name that a narrative file cannot have; the message is one plain sentence."""


class UnknownName(NarrativeNameError):
    def __init__(self, name: str, known: list[str]):
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        super().__init__(f"the name '{name}' is not a figure of statistics.json{hint}; docs/narrative.md lists "
                         "the names")
        self.name = name


class Count(int):
    """A count of States or needs: words below ten where the language spells them."""


class Share(float):
    """A fraction in [0, 1], printed as a percentage."""


class Day(dt.date):
    """A date of the statistics (a cutoff)."""


class Names:
    """A section of the figures (`articles`, `articles.5`): its parts by name, no figure itself."""

    __slots__ = ("_name", "_value")

    def __init__(self, name: str, value: dict):
        self._name, self._value = name, value

    def __getitem__(self, key: Any) -> Any:
        key = str(key)
        name = f"{self._name}.{key}" if self._name else key
        if key not in self._value:
            raise UnknownName(name, dotted_names(self._value, self._name))
        return wrap(name, self._value[key])

    def __iter__(self):
        return iter(self._value)

    def __len__(self) -> int:
        return len(self._value)

    def __contains__(self, key: Any) -> bool:
        return str(key) in self._value

    def __html__(self) -> str:
        parts = ", ".join(list(self._value)[:6])
        raise NarrativeNameError(f"'{self._name}' is a group of figures, not one figure; name one of its parts "
                                 f"({parts}{', …' if len(self._value) > 6 else ''})")

    __str__ = __html__


class Missing:
    """A figure statistics.json holds as null (a change with no previous cutoff)."""

    __slots__ = ("_name",)

    def __init__(self, name: str):
        self._name = name

    def __getitem__(self, key: Any) -> "Missing":
        return Missing(f"{self._name}.{key}")

    def __bool__(self) -> bool:
        return False

    def __html__(self) -> str:
        raise NarrativeNameError(f"'{self._name}' has no value in these statistics (a change needs a previous "
                                 "cutoff); test it first: {% if " + self._name + " %}…{% endif %}")

    __str__ = __html__


def _is_share(name: str) -> bool:
    parts = name.split(".")
    return "share" in parts[-1] or (len(parts) > 1 and "share" in parts[-2])


def wrap(name: str, value: Any) -> Any:
    """A value of statistics.json as the narrative sees it: typed by its name."""
    if isinstance(value, dict):
        return Names(name, value)
    if value is None:
        return Missing(name)
    if isinstance(value, bool) or isinstance(value, (list, str)) and not name.endswith("_date"):
        return value
    if name.endswith("_date"):
        return Day.fromisoformat(value) if isinstance(value, str) else Day(value.year, value.month, value.day)
    if _is_share(name):
        return _keyed(Share(value), name)
    if isinstance(value, int) or float(value).is_integer():
        return _keyed(Count(int(value)), name)
    return value


def _keyed(figure: Any, name: str) -> Any:
    """A figure that knows its key of statistics.json: printed, it links to its rows (report/evidence_links.py)."""
    figure.key = name
    return figure


def dotted_names(tree: dict, prefix: str = "") -> list[str]:
    """Every dotted name of a tree of figures (its leaves)."""
    out = []
    for key, value in tree.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        out.extend(dotted_names(value, name) if isinstance(value, dict) and value else [name])
    return out


def _nest(tree: dict, dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        tree = tree.setdefault(part, {})
    tree[last] = value


def published(cutoff: dt.date | None) -> dict:
    """The figures a published note states for `cutoff`, nested by their keys of statistics.json (only those
    with a key and a single published value)."""
    tree: dict = {}
    if cutoff is None:
        return tree
    for f in reference.published_figures():
        if f.cutoff == cutoff.isoformat() and f.key and f.published is not None:
            _nest(tree, f.key, f.published)
    return tree


# the shares the report shows together, by theme (text, charts and tables): the analyst's narrative and the
# default paragraphs (report/wording.py) place the rounding note by them
SHARE_SETS = {"chapters": (("by_chapter", "share"),),
              "categories": (("by_category", "share"), ("capacity_building.subcategories", "share")),
              "regions": (("by_region", "states_completed_share"), ("by_region", "needs_share"))}


def rounding(stats_dict: dict) -> dict[str, bool]:
    """For each theme, whether a set of its shares shown together does not add up to 100 once rounded (to a
    whole per cent in text and charts, to a tenth in tables): where the rounding note belongs."""
    def off(section: str, field: str) -> bool:
        rows = stats_dict
        for part in section.split("."):
            rows = rows.get(part) or {}
        shares = [row.get(field) for row in rows.values() if isinstance(row, dict) and row.get(field)]
        return bool(shares) and any(sum(i18n.rounded_percent(x, d) for x in shares) != 100 for d in (0, 1))

    return {theme: any(off(*pair) for pair in pairs) for theme, pairs in SHARE_SETS.items()}


def figures(stats_dict: dict, cutoff: dt.date, previous: dt.date | None) -> dict[str, Any]:
    """The names a narrative sees: the top-level keys of statistics.json, `published`, `convention` and
    `rounding` (true-or-false, by theme)."""
    tree = dict(stats_dict)
    tree["published"] = {"current": published(cutoff), "previous": published(previous)}
    tree["convention"] = convention.facts(cutoff)          # facts of the Convention (data/reference)
    tree["rounding"] = rounding(stats_dict)
    return {key: wrap(key, value) for key, value in tree.items()}


# ------------------------------------------------------------------------------------------------ formatting

def count_text(n: int, lang: str) -> str:
    """A count in running text: the catalog's word below ten where it has one (English), else numerals."""
    words = i18n.labels(lang).get("number_words") or []        # the catalog's, as report/wording.py reads it
    return words[n] if 0 <= n < min(len(words), 10) else i18n.number(n, lang)


def share_digits(share: float) -> int:
    """The decimals a share keeps in running text: one where it would round to 0 but is not zero."""
    return 1 if 0 < share < 0.005 else 0


def share_text(share: float, lang: str) -> str:
    """A share in running text: '53 per cent' / '53%'; a share that rounds to 0 but is not zero keeps a
    decimal ('0.4 per cent')."""
    digits = share_digits(share)
    value = i18n.rounded_percent(share, digits)
    number = format_decimal(value, format="#,##0" + ("." + "0" * digits if digits else ""),
                            locale=i18n.babel_locale(lang))
    pattern = i18n.labels(lang).get("phrases", {}).get("percent", "{value}%")   # as report/wording.py
    return pattern.format(value=number)


def show(value: Any, lang: str) -> Any:
    """What `{{ name }}` prints (the environment's finalize): every figure formatted for the language."""
    if isinstance(value, (Names, Missing, Markup)):
        return value
    if isinstance(value, bool):
        raise NarrativeNameError("a true-or-false figure prints nothing a reader can use; test it with "
                                 "{% if … %} instead")
    if isinstance(value, Share):
        return share_text(value, lang)
    if isinstance(value, int):
        return count_text(value, lang)
    if isinstance(value, dt.date):
        return i18n.date(value, lang)
    if isinstance(value, float):
        return format_decimal(value, locale=i18n.babel_locale(lang))
    if isinstance(value, list):
        raise NarrativeNameError("a list of records prints nothing a reader can use; the annexes show it")
    return value


class Text(str):
    """A figure already written as text by a filter ('one State'): it keeps the figure's key, so that it still
    links to its rows."""


def _kept(text: Any, value: Any) -> Any:
    """`text` written from the figure `value`: keyed as the figure was (a figure without a key: the text)."""
    key = getattr(value, "key", None)
    return _keyed(Text(text), key) if key else text


def filters(lang: str) -> dict[str, Any]:
    """The filters a narrative may use (docs/narrative.md); a figure they write keeps its link to its rows."""
    def digits(value: Any) -> str:
        return _kept(i18n.number(value, lang) if isinstance(value, int) and not isinstance(value, bool)
                     else str(show(value, lang)), value)

    def capital(value: Any) -> str:
        text = str(show(value, lang))
        return _kept(text[:1].upper() + text[1:], value)

    def percent_of(value: Any, total: Any) -> Share:
        share = Share(float(value) / float(total) if total else 0.0)
        key = getattr(value, "key", None)         # a share's rows are those of its numerator
        return _keyed(share, key) if key else share

    def month(value: Any) -> str:
        if not isinstance(value, dt.date):
            raise NarrativeNameError("the filter 'month' takes a date, such as parameters.cutoff_date")
        return i18n.date(value, lang, "month")

    def noun(value: Any, name: str) -> str:
        return _kept(counted(value, name, lang), value)

    def bound(value: Any) -> str:
        """A share as the note states a bound: 'less than 7 per cent' where the exact share (6.8) lies below
        the rounded figure, 'more than …' above it, the figure alone where it is exact."""
        if not isinstance(value, Share):
            raise NarrativeNameError(f"the filter 'bound' takes a share, such as by_chapter.II.share, not '{value}'")
        exact = Decimal(repr(float(value))) * 100
        shown = i18n.rounded_percent(value, share_digits(value))
        side = "percent_below" if exact < shown else "percent_above" if exact > shown else None
        text = share_text(value, lang)
        return _kept(i18n.label(lang, f"phrases.{side}").format(value=text) if side else text, value)

    return {"digits": digits, "capital": capital, "percent_of": percent_of, "month": month, "noun": noun,
            "bound": bound}


def counted(value: Any, name: str, lang: str) -> str:
    """`{{ n|noun('State') }}`: the count with its noun, 'one State' / '30 States' / '30个国家', the forms of
    the catalog's `plurals.<noun>` chosen by Babel's plural rules for the language (Chinese has one form)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise NarrativeNameError(f"the filter 'noun' takes a count, such as overview.states_with_needs, not "
                                 f"'{value}'")
    key = str(name).strip().lower().replace(" ", "_")
    forms = i18n.labels(lang).get("plurals", {})
    if key not in forms:
        raise NarrativeNameError(f"the filter 'noun' knows the nouns {', '.join(sorted(forms))} (the "
                                 f"catalog's plurals), not '{name}'")
    form = i18n.babel_locale(lang).plural_form(int(value))
    return (forms[key].get(form) or forms[key]["other"]).format(n=count_text(int(value), lang))
