"""Drawing with seaborn: the style, the bar charts of the note, and their SVG.

The CJK font is registered explicitly (matplotlib's font cache may predate it), a glyph missing from the
font is an error rather than an empty box, and the SVG is the same bytes on every run (fixed hash salt,
no date). Text stays text in the SVG, so that it can be selected and searched in the HTML and the PDF.
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


def _style() -> None:
    family = cjk_font()
    sns.set_theme(style="whitegrid", font=family, rc={
        "font.family": [family], "svg.fonttype": "none", "svg.hashsalt": "uncac-needs",
        "axes.edgecolor": "#555555", "axes.labelcolor": "#222222", "xtick.color": "#222222",
        "ytick.color": "#222222", "text.color": "#222222", "font.size": 10, "axes.titlesize": 11,
    })


def wrap(text: str, width: int = 26) -> str:
    """A label on several lines: at spaces, or every 12 characters in a script written without spaces."""
    if not has_cjk(text):
        return textwrap.fill(text, width, break_on_hyphens=False)
    return "\n".join(text[i:i + 12] for i in range(0, len(text), 12))


def flat(label: str) -> str:
    """A wrapped label on one line again (for the alt text and the data table)."""
    return label.replace("\n", "" if has_cjk(label) else " ")


def svg(fig, number: str, alt: str) -> Markup:
    """The figure as inline SVG: an image (role="img") described by its alt text, ids unique in the page."""
    buffer = io.StringIO()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
            fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
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
    _style()
    fig, ax = plt.subplots(figsize=(6.6, height))
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
            ax.bar_label(container, labels=labels, padding=3, fontsize=8.5)
        (ax.xaxis if horizontal else ax.yaxis).set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if hue:
            ax.legend(title=None, frameon=False, loc="best")
        ax.margins(x=0.15) if horizontal else ax.margins(y=0.15)
        sns.despine(ax=ax, left=horizontal, bottom=not horizontal)
    return fig
