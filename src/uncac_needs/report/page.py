"""The page around the report: its title, its style sheet and the environment of the project's templates
(light: the run uses it without matplotlib)."""
from __future__ import annotations

import re
from functools import lru_cache

import jinja2

from uncac_needs import session as session_mod
from uncac_needs.plumbing import config
from uncac_needs.report import evidence_links
from uncac_needs.vocabulary import i18n

CSS_FILE = config.REPORT_CSS
#: the fonts of a language whose catalog names none: a Latin face first, the CJK font for anything else
LATIN_FIRST = '"Liberation Serif", "Times New Roman", "DejaVu Serif", "Noto Serif CJK SC", serif'


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment of the templates under report/templates/: every value escaped unless it is
    Markup (the figures' SVG, the paragraphs' text); block tags take their line with them."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(config.TEMPLATES_DIR)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.globals["language_name"] = language_name
    env.globals["evidence_cell"] = evidence_links.table_cell      # a table's figure: a link to its rows
    env.globals["evidence_link"] = evidence_links.link            # a figure a caption states: a link to its rows
    return env


def language_name(lang: str) -> str:
    """A language's name in itself ('English', '中文'): the text of a link to the report in that language."""
    return i18n.label(lang, "language_name")

# characters that may stand as they are inside a CSS string: letters, digits (any script), space and a few
# harmless signs; everything else is written as a CSS escape, so no text can end the string, the rule or
# the <style> element it sits in
_CSS_PLAIN = re.compile(r"[\w .,/()\-:]", re.UNICODE)


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot break out of its declaration or of <style>."""
    out = []
    for ch in text:
        if _CSS_PLAIN.fullmatch(ch) and ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):06x}")
    return '"' + "".join(out) + '"'


def running_header(lang: str, sess: session_mod.Session) -> str:
    """What the PDF's pages show at their head: the document symbol, the draft mark, or for a document
    without a symbol (presented orally) its meeting, as the session states them."""
    if sess.draft:
        return i18n.label(lang, "masthead.draft_mark")
    if sess.document.symbol:
        return sess.document.symbol
    return i18n.label(lang, "masthead.running_meeting").format(
        organ=i18n.label(lang, "masthead.organ")[sess.meeting.organ], session=session_mod.text(sess.meeting.session, lang))


def document_title(lang: str, sess: session_mod.Session) -> str:
    return f'{running_header(lang, sess)} — {i18n.label(lang, "masthead.title")}'


def page_css(lang: str, sess: session_mod.Session) -> str:
    """The report's style sheet, with the language's fonts, page footer and running header."""
    css = CSS_FILE.read_text(encoding="utf-8")
    fonts = i18n.labels(lang).get("fonts", LATIN_FIRST)
    return (css.replace("/*FONTS*/", fonts)
               .replace("/*PAGE*/", i18n.label(lang, "masthead.page"))
               .replace("/*SYMBOL*/", css_string(running_header(lang, sess))))
