"""Drawing with seaborn: the style, the bar charts of the note, and their SVG.

A chart whose texts hold Chinese is drawn in the CJK font, any other in a Latin face (figures/fonts.py);
both are registered explicitly (matplotlib's font cache may predate them). A glyph missing from the font
is an error rather than an empty box, and the SVG is the same bytes on every run (fixed hash salt, no
date). Every chart is saved at the same width with the same text sizes, so that, scaled to the page's
width, text is the same size in every figure. Text stays text in the SVG, so that it can be selected and
searched in the HTML and the PDF.
"""
from __future__ import annotations

import html
import io
import re
import textwrap
import warnings
from functools import lru_cache

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from markupsafe import Markup  # noqa: E402

from uncac_needs.figures import fonts  # noqa: E402
from uncac_needs.plumbing.errors import UserError  # noqa: E402
from uncac_needs.vocabulary.i18n import has_cjk  # noqa: E402

# two colours that keep a contrast ratio above 4.5 against white (tests/test_figures.py measures it)
PALETTE = ["#1F4E79", "#B34700"]
#: every chart's width (inches) and the size of all its text (points): equal across the figures
WIDTH, TEXT_SIZE = 6.6, 9
#: where a label in a script written without spaces may break: after these characters
_CJK_BREAKS = "和与及、/-－"


class MissingGlyph(RuntimeError):
    """A label holds a character the font cannot draw: an error, never an empty box in the figure."""


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


@lru_cache(maxsize=1)
def latin_font() -> str:
    """Register the first Latin face of fonts.LATIN_FAMILIES this machine has; matplotlib's DejaVu Sans if none."""
    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in fonts.LATIN_FAMILIES:
        if family not in known:
            for path in fonts.font_files(family):
                font_manager.fontManager.addfont(str(path))
            known = {f.name for f in font_manager.fontManager.ttflist}
        if family in known:
            return family
    return "DejaVu Sans"


@lru_cache(maxsize=None)
def _characters(family: str) -> frozenset[int]:
    """The characters a font family can draw."""
    from matplotlib import ft2font

    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    return frozenset(ft2font.FT2Font(path).get_charmap())


def font_for(texts: list[str]) -> str:
    """The Latin face if it can draw every character of a chart's `texts`, else the CJK font."""
    latin = latin_font()
    needed = {ord(ch) for text in texts for ch in text if not ch.isspace()}
    return latin if not any(has_cjk(t) for t in texts) and needed <= _characters(latin) else cjk_font()


def _style(texts: list[str]) -> None:
    """The chart's style, in the font that can draw its `texts` (font_for)."""
    family = font_for(texts)
    sizes = {key: TEXT_SIZE for key in ("font.size", "axes.labelsize", "axes.titlesize", "xtick.labelsize",
                                         "ytick.labelsize", "legend.fontsize")}
    sns.set_theme(style="whitegrid", font=family, rc={
        "font.family": [family], "svg.fonttype": "none", "svg.hashsalt": "uncac-needs",
        "axes.edgecolor": "#555555", "axes.labelcolor": "#222222", "xtick.color": "#222222",
        "ytick.color": "#222222", "text.color": "#222222", **sizes,
    })


def wrap(text: str, width: int = 26) -> str:
    """A label on lines of at most `width` (a character of a script written without spaces counts two):
    at spaces, or, in such a script, after a conjunction or a separator (和, 与, 、, /), never inside a word
    if it can be helped."""
    if not has_cjk(text):
        return textwrap.fill(text, width, break_on_hyphens=False)
    limit, lines = max(width // 2, 4), []
    while len(text) > limit:
        breaks = [i + 1 for i, ch in enumerate(text[:limit]) if ch in _CJK_BREAKS and 1 < i + 1 < len(text)]
        cut = breaks[-1] if breaks else limit
        lines.append(text[:cut])
        text = text[cut:]
    return "\n".join(lines + [text])


def flat(label: str) -> str:
    """A wrapped label on one line again (for the alt text and the data table)."""
    return label.replace("\n", "" if has_cjk(label) else " ")


def svg(fig, number: str, alt: str) -> Markup:
    """The figure as inline SVG: an image (role="img") described by its alt text, ids unique in the page."""
    buffer = io.StringIO()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    except UserWarning as exc:
        raise MissingGlyph(f"Figure {number} cannot be drawn: {exc}") from None
    finally:
        plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg"):]                    # drop the XML declaration and doctype
    prefix = f"fig{number.lower()}-"                    # ids unique within the HTML page
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}{m[1]}"', text)
    text = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m[1]}"', text)
    text = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m[1]})", text)
    # the SVG element's own attributes, set where matplotlib writes its root element
    return Markup(text.replace("<svg ", f'<svg role="img" aria-label="{html.escape(alt, quote=True)}" ', 1))


def bars(frame: pd.DataFrame, value_labels: list, height: float = 3.0, hue: str | None = None,
         horizontal: bool = True, xlabel: str = "", ylabel: str = ""):
    """A bar chart of `frame` (columns label, value and, for paired bars, `hue`), each bar labelled."""
    _style([*map(str, frame["label"]), *map(str, frame[hue] if hue else []), xlabel, ylabel])
    fig, ax = plt.subplots(figsize=(WIDTH, height), layout="constrained")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        x, y = ("value", "label") if horizontal else ("label", "value")
        orient = "h" if horizontal else "v"
        if hue:
            sns.barplot(data=frame, x=x, y=y, hue=hue, palette=PALETTE, ax=ax, orient=orient, saturation=1)
            groups = value_labels
        else:
            sns.barplot(data=frame, x=x, y=y, color=PALETTE[0], ax=ax, orient=orient, saturation=1)
            groups = [value_labels]
        for container, labels in zip(ax.containers, groups):
            ax.bar_label(container, labels=labels, padding=3, fontsize=TEXT_SIZE)
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if hue:
            ax.legend(title=None, frameon=False, loc="best")
        ax.margins(x=0.15) if horizontal else ax.margins(y=0.15)
        sns.despine(ax=ax, left=horizontal, bottom=not horizontal)
    return fig
