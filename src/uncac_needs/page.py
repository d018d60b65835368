"""The page around the report: its title and style sheet (light: the run uses it without matplotlib)."""
from __future__ import annotations

from uncac_needs import config, i18n, session as session_mod

CSS_FILE = config.RESOURCES_DIR / "report.css"


def document_title(lang: str, sess: session_mod.Session) -> str:
    return f'{sess.document.symbol} — {i18n.label(lang, "masthead.title")}'


def page_css(lang: str, sess: session_mod.Session) -> str:
    """The report's style sheet, with the language's fonts, page footer and running header."""
    css = CSS_FILE.read_text(encoding="utf-8")
    fonts = i18n.labels(lang).get("fonts", '"Noto Serif CJK SC", "Noto Serif", serif')
    symbol = sess.document.symbol.replace("\\", "\\\\").replace('"', '\\"')
    return (css.replace("/*FONTS*/", fonts)
               .replace("/*PAGE*/", i18n.label(lang, "masthead.page"))
               .replace("/*SYMBOL*/", f'"{symbol}"'))
