"""Stage 4 — figures: Figures I–VI of the note, drawn with seaborn from the statistics, once per language.

`draw(stats, lang)` is the stage: it returns a `Figures`, each `Figure` holding its SVG (an image
described by its alt text), its caption, its alt text and the data it shows. The report places them;
it never draws. What each figure shows is in figures/note.py, how it is drawn in figures/charts.py.
Labels and captions come from the language's catalog.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import jinja2
from markupsafe import Markup, escape

from uncac_needs.vocabulary import i18n

if TYPE_CHECKING:
    import pandas as pd

    from uncac_needs.figures.note import Content
    from uncac_needs.statistics.model import Statistics

__all__ = ["FIGURES", "Figure", "Figures", "draw", "draw_figure"]

#: the figures of the note, in order (figures/note.py says what each shows)
FIGURES = ("I", "II", "III", "IV", "V", "VI")


@dataclass(frozen=True, eq=False)
class Figure:
    """One figure in one language."""

    number: str              # I … VI
    svg: Markup              # inline SVG, role="img", aria-label = alt
    caption: str             # 'Figure I Technical assistance needs …'
    alt: str                 # the figure in words: every bar and its value
    data: pd.DataFrame       # the values drawn: a label and its values a row
    pattern: str = ""        # the caption with its values by name ('… (total: {needs} needs)')
    values: dict[str, str] = field(default_factory=dict)     # the values the caption states, as written
    keys: dict[str, str] = field(default_factory=dict)       # … and the key of statistics.json of each

    def linked_caption(self, link: Callable[[str, str | None], Any]) -> Markup:
        """The caption, each value it states written by `link(text, key)` (the report: a link to its rows);
        the rest escaped."""
        if not self.pattern:        # a figure given its caption only
            return escape(self.caption)
        return escape(self.pattern).format(**{k: link(v, self.keys.get(k)) for k, v in self.values.items()})

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        """A notebook shows the figure itself; a figure drawn without its chart shows its caption and data."""
        if self.svg:
            return {"image/svg+xml": str(self.svg)}
        html = _template().render(caption=self.caption, table=Markup(self.data.to_html(index=False, escape=True)))
        return {"text/html": html,
                "text/plain": f"{self.caption}\n{self.data.to_string(index=False)}"}


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
    return env.get_template("figure.html.j2")


@dataclass(frozen=True)
class Figures:
    """The figures of the note in one language, by number (`figures["IV"]`), in the note's order."""

    lang: str
    by_number: dict[str, Figure]

    def __getitem__(self, number: str) -> Figure:
        return self.by_number[number]

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.by_number.values())

    def __len__(self) -> int:
        return len(self.by_number)


def _caption_pattern(number: str, lang: str) -> str:
    """'Figure I Technical assistance needs … {needs} needs)': the caption, its values by name."""
    arabic = FIGURES.index(number) + 1
    prefix = i18n.label(lang, "figures.prefix").format(number=number, n=arabic, number_zh=i18n.int_to_zh(arabic))
    prefix = prefix.replace("{", "{{").replace("}", "}}")
    return f"{prefix} {i18n.label(lang, f'figures.{number}.caption')}".strip()


def _frame(content: Content, lang: str) -> pd.DataFrame:
    """The rows as seaborn draws them: paired bars in long form, one row a bar."""
    import pandas as pd

    if not content.paired:
        return content.data
    needs, states = (i18n.label(lang, f"figures.axis.{key}") for key in ("needs", "states"))
    rows = [(r.label, needs, r.needs) for r in content.data.itertuples()]
    rows += [(r.label, states, r.states) for r in content.data.itertuples()]
    return pd.DataFrame(rows, columns=["label", "kind", "value"])


def draw_figure(number: str, stats: Statistics, lang: str, chart: bool = True) -> Figure:
    """One figure of the note in one language, from the statistics (without `chart`, its caption, alt text
    and data only: no drawing)."""
    # matplotlib is loaded when a figure is drawn, not when the run checks the fonts (figures/fonts.py)
    from uncac_needs.figures import charts, note

    content = note.content(number, stats, lang)
    separator = i18n.label(lang, "figures.alt_separator")
    alt = i18n.label(lang, f"figures.{number}.alt").format(items=separator.join(content.items))
    data = content.data.assign(label=content.data["label"].map(charts.flat))
    svg = Markup("")
    if chart:
        fig = charts.bars(_frame(content, lang), content.value_labels, height=content.height,
                          hue="kind" if content.paired else None, xlabel=content.xlabel)
        svg = charts.svg(fig, number, alt)
    pattern = _caption_pattern(number, lang)
    return Figure(number, svg, pattern.format(**content.caption), alt, data, pattern, content.caption, content.keys)


def draw(stats: Statistics, lang: str, charts: bool = True) -> Figures:
    """The figures stage: every figure of the note in one language (`charts=False`: their captions and data
    only, for a notebook that leaves the drawing to the report)."""
    return Figures(lang, {number: draw_figure(number, stats, lang, charts) for number in FIGURES})
