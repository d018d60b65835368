"""The report's figures as links to the rows behind them (evidence.html#<key>, report/evidence_page.py).

A figure a narrative names prints itself as a link (report/names.py keeps each figure's key); a number of a
table of the statistics links by its place: the table's code, its row and its column give the key of
statistics.json, in the order statistics/tables.py writes the rows (the vocabulary's order, as the
statistics keep it). On paper the links look like the text around them (report.css, print: `a` inherits).
"""
from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from uncac_needs.vocabulary import reference

PAGE = "evidence.html"
TEMPLATE = "evidence_link.html.j2"

#: names a narrative may print that are no figure of evidence.json (published figures, parameters, facts of the
#: Convention)
NOT_FIGURES = ("published.", "parameters.", "convention.")


def href(key: str) -> str:
    """Where a figure's rows are, from a page beside evidence.html (the report of the same language)."""
    return f"{PAGE}#{key}"


def link(text: Any, key: str | None) -> Markup:
    """`text` (escaped unless Markup) as a link to the rows behind the figure `key` (none: the text alone)."""
    if not key:
        return escape(text)
    from uncac_needs.report import page       # (page's environment takes this module's table_cell)

    return Markup(page.environment().get_template(TEMPLATE).render(key=key, text=text))


def _chapters() -> list[str]:
    return list(reference.chapter_codes())


def _rows(code: str) -> list[str] | None:
    """The key prefix of each row of the table `code` (None: a table whose numbers do not link)."""
    chapters = _chapters()
    if code == "overview":
        return ["overview.states_completed", "overview.states_with_needs", "overview.needs"]
    if code == "change":
        return ["change.states_completed", "change.states_with_needs", "change.needs"] + \
            [f"change.by_chapter.{c}.{what}" for what in ("states", "needs") for c in chapters]
    simple = {"by_chapter": ("by_chapter", chapters), "by_category": ("by_category", reference.categories().codes),
              "by_region": ("by_region", reference.regions().codes),
              "categories_v": ("chapter_v.by_category", reference.categories().codes),
              "subcategories": ("capacity_building.subcategories", reference.subcategories().codes + ["unspecified"]),
              "cleaning": ("cleaning", ["reviews", "needs"])}
    if code in simple:
        prefix, codes = simple[code]
        return [f"{prefix}.{c}" for c in codes]
    if code.startswith("articles_"):
        chapter = code.split("_", 1)[1].upper()
        return [f"articles.{a}" for a, v in reference.articles().items() if v.chapter == chapter]
    groups = reference.article_groups()
    if code == "groups_ii":
        return [f"chapter_ii.groups.{g}" for g, v in groups.items() if v.chapter == chapters[0]]
    if code == "combined":
        return [f"combined.{g}" for g, v in groups.items() if v.chapter not in chapters]
    return None


def _column(column: str) -> str:
    """The key part of a column: chapter_ii -> by_chapter.II, chapter_v_share -> by_chapter_share.V, …"""
    parts = column.split("_")
    if parts[0] == "chapter" and len(parts) >= 2 and parts[1].upper() in _chapters():
        return ("by_chapter_share." if parts[-1] == "share" else "by_chapter.") + parts[1].upper()
    return {"share_chapter_ii": "share", "share_of_cb": "share"}.get(column, column)


def key_of(code: str, index: int, column: str) -> str | None:
    """The key of statistics.json a table's cell shows (None: a label, or a table that does not link)."""
    rows = _rows(code)
    if rows is None or index >= len(rows):
        return None
    if code == "overview":          # one column of numbers: the figure itself
        return rows[index]
    return f"{rows[index]}.{_column(column)}"


def table_cell(text: Any, table: Any, row: dict, column: Any, keys: set[str] | None = None) -> Markup:
    """A table's cell, as a link where it shows a figure (and, given `keys`, one evidence.json has)."""
    if column.kind not in ("int", "share"):
        return link(text, None)
    key = key_of(table.code, next(i for i, r in enumerate(table.rows) if r is row), column.key)
    return link(text, key if key and (keys is None or key in keys) else None)


def name_link(text: Any, key: str | None) -> Any:
    """A figure a narrative prints, as a link to its rows (a name that is no figure: the text alone)."""
    if not key or key.startswith(NOT_FIGURES):
        return text
    return link(text, key)
