"""The texts of the note's paragraphs: the language's paragraph templates (catalogs/<lang>/paragraphs.yaml,
Jinja2, autoescaped) and the analyst's narrative (Markdown, sanitised by nh3). Both give safe text
(Markup) that the page templates place; neither writes the paragraph's own HTML."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import markdown
import nh3
from markupsafe import Markup

from uncac_needs import session as session_mod
from uncac_needs.vocabulary import i18n

# the HTML an analyst's narrative may keep; everything else (scripts, styles, attributes) is removed
NARRATIVE_TAGS = {"em", "strong", "a", "code", "sup", "sub", "br"}
NARRATIVE_ATTRIBUTES = {"a": {"href"}}
NARRATIVE_URL_SCHEMES = {"https", "http", "mailto"}

# between two characters of a language written without spaces, or one and its punctuation, a space goes
_NO_SPACE = re.compile(f"(?<=[{i18n.CJK_CHARACTERS}{i18n.CJK_PUNCTUATION}]) "
                       f"| (?=[{i18n.CJK_CHARACTERS}{i18n.CJK_PUNCTUATION}])")


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of the note: its number, the key of its template (or narrative part), its text."""

    number: int
    key: str
    text: Markup


@lru_cache(maxsize=None)
def paragraph_templates(lang: str) -> dict[str, jinja2.Template]:
    """The language's paragraph templates (i18n.paragraphs: checked when read), compiled: every value they
    print is escaped unless it is Markup (a footnote call)."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, lstrip_blocks=True)
    env.filters["capital"] = lambda s: s[:1].upper() + s[1:] if s else s
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


def narrative_paragraphs(path: Path) -> list[Markup]:
    """A narrative file (Markdown) as paragraphs of safe HTML: raw HTML in it is sanitised. Each block
    is one paragraph of the note, whose page template writes the paragraph itself: the block's own
    paragraph tag goes, with every tag not in NARRATIVE_TAGS (their text stays)."""
    out = []
    for block in session_mod.narrative_blocks(path):
        rendered = markdown.markdown(block, output_format="html").strip()
        out.append(Markup(nh3.clean(rendered, tags=NARRATIVE_TAGS, attributes=NARRATIVE_ATTRIBUTES,
                                    url_schemes=NARRATIVE_URL_SCHEMES)))
    return out
