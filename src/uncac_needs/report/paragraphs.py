"""The pieces of the note's sections (paragraphs, sub-headings, figures' places) and the texts of the default
paragraphs: the language's paragraph templates (catalogs/<lang>/paragraphs.yaml, Jinja2, autoescaped). The
analyst's paragraphs are read by report/narrative.py. Both give safe text (Markup) that the page templates
place; neither writes the paragraph's own HTML."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

import jinja2
from markupsafe import Markup

from uncac_needs.report import keyed
from uncac_needs.vocabulary import i18n

# between two characters of a language written without spaces, or one and its punctuation, a space goes
_NO_SPACE = re.compile(f"(?<=[{i18n.CJK_CHARACTERS}{i18n.CJK_PUNCTUATION}]) "
                       f"| (?=[{i18n.CJK_CHARACTERS}{i18n.CJK_PUNCTUATION}])")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the note: its number (None in the summary, which is not numbered), the key of its
    template (or the section of an analyst's paragraph), its text."""

    number: int | None
    key: str
    text: Markup
    kind: ClassVar[str] = "paragraph"

    @property
    def shape(self) -> str:
        return "p"


@dataclass(frozen=True)
class Heading:
    """A sub-section heading: its level (3: h3), its anchor, its text."""

    level: int
    anchor: str
    text: Markup
    kind: ClassVar[str] = "heading"

    @property
    def shape(self) -> str:
        return "h"


@dataclass(frozen=True)
class FigureRef:
    """The place of a figure (I … VI) in its section."""

    number: str
    kind: ClassVar[str] = "figure"

    @property
    def shape(self) -> str:
        return f"figure {self.number}"


@lru_cache(maxsize=None)
def paragraph_templates(lang: str) -> dict[str, jinja2.Template]:
    """The language's paragraph templates (i18n.paragraphs: checked when read), compiled: every value they
    print is escaped unless it is Markup (a footnote call)."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, lstrip_blocks=True)
    env.filters["capital"] = keyed.capital
    return {key: env.from_string(text) for key, text in i18n.paragraphs(lang).items()}


def tidy_text(text: str, lang: str) -> str:
    """One line of text from a template: white space made single, none before punctuation
    (nor, for languages written without spaces, between their characters)."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" (?=[,.;:)!?](?:\s|$|<))", "", text)
    if i18n.has_cjk(text) and i18n.labels(lang).get("cjk_spacing", True) is False:
        text = _NO_SPACE.sub("", text)
    return text


def render_paragraph(lang: str, key: str, context: dict) -> Markup:
    """The text of paragraph `key` in `lang`, from its template and the statistics in `context`."""
    return Markup(tidy_text(paragraph_templates(lang)[key].render(**context), lang))
