"""Stage 4 — figures: Figures I–VI drawn with seaborn from the statistics, once per language.

Labels and captions come from the language's catalog; articles stay in numeric order. The CJK font
is registered explicitly (matplotlib's font cache may predate it), a glyph missing from the font is
an error rather than an empty box, and the SVG is the same bytes on every run (fixed hash salt, no
date). Text stays text in the SVG, so that it can be selected and searched in the HTML and the PDF.
"""
from __future__ import annotations

import io
import re
import textwrap
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from uncac_needs.vocabulary import i18n  # noqa: E402
from uncac_needs.figures import fonts
from uncac_needs.plumbing.errors import UserError  # noqa: E402

FIGURES = ("I", "II", "III", "IV", "V", "VI")
# two colours that keep a contrast ratio above 4.5 against white (tests/test_figures.py measures it)
PALETTE = ["#1F4E79", "#B34700"]


@dataclass(frozen=True)
class Figure:
    number: str
    svg: str
    caption: str
    alt: str


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """Register the Noto Sans CJK font with matplotlib and return its family name.

    A machine without it stops here with the package to install: the figures would otherwise
    show empty boxes for every Chinese character.
    """
    for path in fonts.cjk_font_files():
        font_manager.fontManager.addfont(str(path))
    if not any(f.name == fonts.CJK_FAMILY for f in font_manager.fontManager.ttflist):
        raise UserError(fonts.MISSING)
    return fonts.CJK_FAMILY


def _style() -> None:
    family = cjk_font()
    sns.set_theme(style="whitegrid", font=family, rc={
        "font.family": [family], "svg.fonttype": "none", "svg.hashsalt": "uncac-needs",
        "axes.edgecolor": "#555555", "axes.labelcolor": "#222222", "xtick.color": "#222222",
        "ytick.color": "#222222", "text.color": "#222222", "font.size": 10, "axes.titlesize": 11,
    })


def _wrap(text: str, lang: str, width: int = 26) -> str:
    if not re.search(r"[\u2e80-\u9fff]", text):
        return textwrap.fill(text, width, break_on_hyphens=False)
    return "\n".join(text[i:i + 12] for i in range(0, len(text), 12))   # CJK: no spaces to break at


class MissingGlyph(RuntimeError):
    """A label holds a character the font cannot draw: an error, never an empty box in the figure."""


def _svg(fig, number: str) -> str:
    buffer = io.StringIO()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
            fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    except UserWarning as exc:
        raise MissingGlyph(f"Figure {number} cannot be drawn: {exc}") from None
    finally:
        plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]                       # drop the XML declaration and doctype
    prefix = f"fig{number.lower()}-"                    # ids unique within the HTML page
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", svg)
    return svg


def _bars(frame: pd.DataFrame, lang: str, value_labels: list[str], height: float = 3.0,
          hue: str | None = None, horizontal: bool = True, xlabel: str = "", ylabel: str = ""):
    _style()
    fig, ax = plt.subplots(figsize=(6.6, height))
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        x, y = ("value", "label") if horizontal else ("label", "value")
        if hue:
            sns.barplot(data=frame, x=x, y=y, hue=hue, palette=PALETTE, ax=ax, orient="h" if horizontal else "v",
                        saturation=1)
            groups = value_labels
        else:
            sns.barplot(data=frame, x=x, y=y, color=PALETTE[0], ax=ax, orient="h" if horizontal else "v",
                        saturation=1)
            groups = [value_labels]
        for container, labels in zip(ax.containers, groups):
            ax.bar_label(container, labels=labels, padding=3, fontsize=8.5)
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if hue:
            ax.legend(title=None, frameon=False, loc="best")
        ax.margins(x=0.15) if horizontal else ax.margins(y=0.15)
        sns.despine(ax=ax, left=horizontal, bottom=not horizontal)
    return fig


def _caption(number: str, lang: str, **values: Any) -> tuple[str, str]:
    caption = i18n.label(lang, f"figures.{number}.caption").format(**values)
    from uncac_needs.clean.parsers import int_to_zh

    arabic = FIGURES.index(number) + 1
    return i18n.label(lang, "figures.prefix").format(number=number, n=arabic, number_zh=int_to_zh(arabic)), caption


def draw(number: str, stats: dict[str, Any], lang: str) -> Figure:
    """One figure of the note in one language, from the statistics."""
    n = lambda v: i18n.number(v, lang)          # noqa: E731
    pct = lambda v: i18n.percent(v, lang, 1 if 0 < v < 0.005 else 0)   # noqa: E731
    vs = lambda v, s: i18n.label(lang, "figures.value_share").format(value=n(v), share=pct(s))  # noqa: E731
    flat = lambda label: label.replace("\n", " " if not re.search(r"[\u2e80-\u9fff]", label) else "")  # noqa: E731
    needs_word = i18n.label(lang, "figures.axis.needs")
    states_word = i18n.label(lang, "figures.axis.states")
    item = i18n.label(lang, "figures.alt_item")
    total = stats["overview"]["needs"]
    items: list[str] = []

    if number == "I":
        rows = [(f"{i18n.term('chapters', c, lang)}\n{_wrap(i18n.term('chapter_titles', c, lang), lang)}",
                 stats["by_chapter"][c]["needs"], stats["by_chapter"][c]["share"]) for c in ("II", "V")]
        frame = pd.DataFrame(rows, columns=["label", "value", "share"])
        fig = _bars(frame, lang, [vs(v, s) for _, v, s in rows], height=1.9, xlabel=needs_word)
        items = [item.format(label=flat(l), value=vs(v, s)) for l, v, s in rows]
        prefix, caption = _caption(number, lang, needs=n(total))
    elif number == "II":
        cats = sorted(stats["by_category"].items(), key=lambda kv: (-kv[1]["needs"], list(stats["by_category"]).index(kv[0])))
        rows = [(_wrap(i18n.term("categories", c, lang), lang), v["needs"], v["share"]) for c, v in cats]
        frame = pd.DataFrame(rows, columns=["label", "value", "share"])
        fig = _bars(frame, lang, [vs(v, s) for _, v, s in rows], height=3.4, xlabel=needs_word)
        items = [item.format(label=flat(l), value=vs(v, s)) for l, v, s in rows]
        prefix, caption = _caption(number, lang, needs=n(total))
    elif number == "III":
        regions = [(c, v) for c, v in stats["by_region"].items() if v["states_completed"] or c != "none"]
        rows = [(_wrap(i18n.term("regions", c, lang), lang), v["states_completed"], v["states_completed_share"])
                for c, v in regions]
        frame = pd.DataFrame(rows, columns=["label", "value", "share"])
        fig = _bars(frame, lang, [vs(v, s) for _, v, s in rows], height=3.0,
                    xlabel=i18n.label(lang, "figures.axis.summaries"))
        items = [item.format(label=flat(l), value=vs(v, s)) for l, v, s in rows]
        prefix, caption = _caption(number, lang, completed=n(stats["overview"]["states_completed"]))
    elif number in ("IV", "V"):
        if number == "IV":
            entries = [(i18n.article_name(int(a), lang, capital=True), v["needs"], v["states"])
                       for a, v in stats["articles"].items() if v["chapter"] == "II"]   # numeric order
        else:
            entries = [(_wrap(i18n.term("categories", c, lang), lang, 22), v["needs"], v["states"])
                       for c, v in stats["chapter_v"]["by_category"].items()]
        frame = pd.DataFrame(
            [(l, needs_word, v) for l, v, _ in entries] + [(l, states_word, s) for l, _, s in entries],
            columns=["label", "kind", "value"])
        fig = _bars(frame, lang, [[n(v) for _, v, _ in entries], [n(s) for _, _, s in entries]],
                    height=3.6 if number == "IV" else 4.4, hue="kind", horizontal=True)
        items = [i18n.label(lang, "figures.alt_pair").format(label=flat(l), needs=i18n.plural("need", v, lang),
                                                              states=i18n.plural("state", s, lang))
                 for l, v, s in entries]
        chapter_needs = stats["by_chapter"]["II" if number == "IV" else "V"]["needs"]
        prefix, caption = _caption(number, lang, needs=n(chapter_needs))
    elif number == "VI":
        subs = stats["capacity_building"]["subcategories"]
        rows = [(_wrap(i18n.term("subcategories", c, lang), lang, 30), v["needs"], v["share"]) for c, v in subs.items()]
        frame = pd.DataFrame(rows, columns=["label", "value", "share"])
        fig = _bars(frame, lang, [vs(v, s) for _, v, s in rows], height=3.9, xlabel=needs_word)
        items = [item.format(label=flat(l), value=vs(v, s)) for l, v, s in rows]
        prefix, caption = _caption(number, lang, needs=n(stats["capacity_building"]["needs"]))
    else:
        raise KeyError(number)

    alt = i18n.label(lang, f"figures.{number}.alt").format(items=i18n.label(lang, "figures.alt_separator").join(items))
    return Figure(number, _svg(fig, number), f"{prefix} {caption}".strip(), alt)


def draw_all(stats: dict[str, Any], lang: str) -> dict[str, Figure]:
    return {number: draw(number, stats, lang) for number in FIGURES}
