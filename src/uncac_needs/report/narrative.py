"""An analyst's section file (sessions/narrative/…/<lang>/<section>.md) read into the note's pieces.

Each block (blocks are separated by blank lines) is one of:
- `{{ default.<key> }}` alone: the section's default paragraph <key> (report/sections.py);
- `{{ figure.<I…VI> }}` alone: the place of that figure of the section;
- a Markdown heading (`### Articles 5 and 6`): a sub-section heading, not numbered;
- anything else: one numbered paragraph, a Jinja template in a sandbox whose names are the figures of
  statistics.json (report/names.py), then Markdown, sanitised by nh3 (NARRATIVE_TAGS).
`[^name]` calls the footnote whose text is given by a line `[^name]: text` of the same file.
Every mistake is a UserError naming the file, the paragraph and what is wrong (docs/narrative.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import jinja2
import markdown
import nh3
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from uncac_needs import session as session_mod
from uncac_needs.plumbing.errors import UserError
from uncac_needs.report import names, paragraphs, symbols
from uncac_needs.report.evidence_links import name_link

# the HTML an analyst's narrative may keep; everything else (scripts, styles, attributes) is removed
NARRATIVE_TAGS = {"em", "strong", "a", "code", "sup", "sub", "br"}
NARRATIVE_ATTRIBUTES = {"a": {"href"}}
NARRATIVE_URL_SCHEMES = {"https", "http", "mailto"}

_DEFAULT = re.compile(r"\{\{\s*default\.([\w.]+)\s*\}\}")
_FIGURE = re.compile(r"\{\{\s*figure\.(\w+)\s*\}\}")
_HEADING = re.compile(r"(#{2,6})[ \t]+(.+?)[ \t#]*")
_CALL = re.compile(r"\[\^([\w-]+)\]")
# inside {{ }} and {% %}: a part of a name that starts with a digit ('articles.5', 'groups.5_6') is a key
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_NUMERIC_PART = re.compile(r"(?<=[A-Za-z_\]\)])\.(\d\w*)")
_TOKEN = "FNCALL{}X"          # a footnote call's place while Markdown and nh3 read the text


@dataclass(frozen=True)
class Block:
    """One block of a section file: `kind` is 'default', 'figure', 'heading' or 'text'."""

    kind: str
    value: str          # the default key, the figure number, the heading's text or the paragraph's source
    number: int         # the block's place among the file's paragraphs (1, 2, …), for messages
    line: int
    level: int = 3


@dataclass(frozen=True)
class SectionFile:
    path: Path
    blocks: tuple[Block, ...]
    notes: dict[str, tuple[int, str]]        # footnote name: (line, source)

    def where(self, block: Block | None = None, line: int | None = None) -> str:
        if block is None:
            return f"{self.path}, line {line}" if line else str(self.path)
        return f"{self.path}, paragraph {block.number} (line {block.line})"


def read(path: Path) -> SectionFile:
    """A section file, its blocks sorted by kind (nothing rendered yet)."""
    raw, notes = session_mod.narrative_blocks_at(path)
    blocks, number = [], 0
    for line, text in raw:
        if m := _DEFAULT.fullmatch(text):
            number += 1
            blocks.append(Block("default", m.group(1), number, line))
        elif m := _FIGURE.fullmatch(text):
            blocks.append(Block("figure", m.group(1), number, line))
        elif (m := _HEADING.fullmatch(text)) and "\n" not in text:
            blocks.append(Block("heading", m.group(2), number, line, level=max(3, min(len(m.group(1)), 4))))
        else:
            number += 1
            blocks.append(Block("text", text, number, line))
    return SectionFile(Path(path), tuple(blocks), notes)


def source(text: str) -> str:
    """The Jinja source of a paragraph: `articles.5.needs` read as the key '5' of `articles`."""
    return _EXPRESSION.sub(lambda m: _NUMERIC_PART.sub(r'["\1"]', m.group(0)), text)


@lru_cache(maxsize=None)
def environment(lang: str) -> SandboxedEnvironment:
    """The sandbox a paragraph is rendered in: escaped output, an unknown name an error, every figure
    formatted for `lang` as it is printed."""
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined,   # a figure printed: a link to its rows
                               finalize=lambda value: name_link(names.show(value, lang), getattr(value, "key", None)))
    env.filters.update(names.filters(lang))
    return env


def render_text(text: str, context: dict[str, Any], lang: str,
                call: Callable[[str], Markup] | None = None) -> Markup:
    """A paragraph's (or a footnote's) source as safe HTML: names filled in, Markdown read and sanitised,
    each footnote call `[^name]` replaced by `call(name)`. Raises what Jinja or the names raise."""
    filled = environment(lang).from_string(source(text)).render(context)
    calls: list[str] = []

    def token(m: re.Match) -> str:
        calls.append(m.group(1))
        return _TOKEN.format(len(calls) - 1)

    filled = _CALL.sub(token, filled)
    html = markdown.markdown(filled, output_format="html").strip()
    html = nh3.clean(html, tags=NARRATIVE_TAGS, attributes=NARRATIVE_ATTRIBUTES, url_schemes=NARRATIVE_URL_SCHEMES)
    # the block's own paragraph tag is gone with every tag not in NARRATIVE_TAGS; its lines joined as the
    # language joins words (no space between Chinese characters)
    html = paragraphs.tidy_text(html, lang)
    html = str(symbols.keep_whole(Markup(html)))      # a document symbol never broken across lines
    for i, name in enumerate(calls):
        html = html.replace(_TOKEN.format(i), str(call(name) if call else ""))
    return Markup(html)


def explain(exc: Exception) -> str:
    """What went wrong in a paragraph, as the end of one sentence."""
    if isinstance(exc, names.NarrativeNameError):
        return str(exc)
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"it uses something a narrative file may not use ({exc})"
    if isinstance(exc, jinja2.UndefinedError):
        found = re.match(r"'([^']+)' is undefined", str(exc))
        if found:
            return (f"the name '{found.group(1)}' is not a figure of statistics.json; docs/narrative.md lists "
                    "the names")
        return f"it names something that does not exist ({exc})"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"a {{{{ }}}} or {{% %}} cannot be read ({exc.message})"
    return f"it cannot be computed ({type(exc).__name__}: {exc})"


def failure(where: str, exc: Exception) -> UserError:
    return UserError(f"{where}: {explain(exc)}.")


RENDER_ERRORS = (names.NarrativeNameError, jinja2.TemplateError, TypeError, ValueError, ArithmeticError,
                 AttributeError, LookupError)
