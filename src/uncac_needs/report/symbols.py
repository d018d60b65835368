"""United Nations document symbols (CAC/COSP/2019/14, CAC/COSP/IRG/2020/3/Rev.1) kept whole on a line.

A browser or WeasyPrint may break a line after any '/', so a symbol cited in running text could end a line
with "CAC/COSP/IRG/" and go on with "2016/13". Each symbol of a text is set in the template symbol.html.j2
(a span whose CSS, report.css `.doc-symbol`, forbids a break inside it): the text itself is unchanged, no
invisible character is added, so the PDF's text is copied and searched as it is written.

A symbol, as the United Nations writes them: an organ's letters (CAC, A, E), then parts separated by '/',
each letters and digits, with a dot inside a part allowed (E/CN.15, Rev.1), and at least one digit in the
whole (so "and/or" or "AND/OR" stay plain text). A full stop ending a sentence is not part of it.
"""
from __future__ import annotations

import re

from markupsafe import Markup

TEMPLATE = "symbol.html.j2"

SYMBOL = re.compile(r"(?<![A-Za-z0-9/.])[A-Z]+(?:\.[A-Z0-9]+)*"
                    r"(?:/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)+(?![A-Za-z0-9/])")
# a tag of sanitised HTML (its attribute values quoted): symbols are looked for only between tags
_TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")


def find(text: str) -> list[str]:
    """The document symbols of a plain text, in order."""
    return [m.group(0) for m in SYMBOL.finditer(text) if any(ch.isdigit() for ch in m.group(0))]


def keep_whole(html: Markup) -> Markup:
    """Safe HTML with each symbol of its text (never of a tag or an attribute) set whole by the template."""
    from uncac_needs.report import page       # (page's environment is built on the templates folder)

    template = page.environment().get_template(TEMPLATE)

    def wrap(m: re.Match) -> str:
        symbol = m.group(0)
        if not any(ch.isdigit() for ch in symbol):
            return symbol
        return template.render(symbol=symbol)

    parts = _TAG.split(str(html))
    return Markup("".join(part if i % 2 else SYMBOL.sub(wrap, part) for i, part in enumerate(parts)))
