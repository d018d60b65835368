"""evidence.html: the rows behind every figure, in one language, for a reviewer (issue 12, item 2).

Read from the report folder's evidence.json and statistics.json (and changes.json where the run had a
previous report): one anchor per figure key of statistics.json (`evidence.html#articles.5.needs`), the
figures that rest on the same rows listed together above one table of those rows (need id, State, chapter,
articles, category, description, Excel row); then the needs citing no article, the rows the cleaning
rejected, the published previous figures the workbook now gives otherwise, and the rows changed since the
previous analysis. Static: no script; every text escaped by the environment (templates/evidence.html.j2).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from uncac_needs.report.evidence_links import PAGE, href, link  # noqa: F401 - where the report links
from uncac_needs.statistics.evidence_sets import is_states
from uncac_needs.statistics.model import Statistics
from uncac_needs.vocabulary import i18n

TEMPLATE = "evidence.html.j2"


def _value(stats: Statistics, key: str, lang: str, formatted: dict | None = None) -> str:
    """The figure as the page shows it; `formatted` keeps the texts already made (many figures share a value)."""
    try:
        value = stats.value(key)
    except KeyError:
        return ""
    if value is None or isinstance(value, bool):
        return ""
    share = isinstance(value, float) or "share" in key.rsplit(".", 2)[-1] or key.endswith("share")
    made = {} if formatted is None else formatted
    if (share, type(value), value) not in made:
        made[share, type(value), value] = i18n.percent(value, lang, digits=1) if share else i18n.number(value, lang)
    return made[share, type(value), value]


def _term(kind: str, code: Any, lang: str) -> str:
    if code in (None, ""):
        return ""
    try:
        return i18n.term(kind, code, lang)
    except (KeyError, LookupError):
        return str(code)


def row(ident: str, data: dict[str, Any], lang: str) -> dict[str, str]:
    """One row of a table: the need's (or review's) cells in the language."""
    if data.get("kind") == "review":
        what = i18n.date(data["summary_date"], lang)
        return {"id": ident, "state": _term("states", data["state"], lang), "chapter": "", "articles": "",
                "category": "", "description": what, "row": f"{data['sheet']}!{data['row']}"}
    return {"id": ident, "state": _term("states", data.get("state"), lang),
            "chapter": _term("chapters", data.get("chapter"), lang),
            "articles": ", ".join(map(str, data.get("articles") or [])),
            "category": _term("categories", data.get("category"), lang),
            "description": data.get("description") or "", "row": f"{data.get('sheet')}!{data.get('row')}"}


def _dropped(ident: str) -> dict[str, str]:
    """A row the cleaning did not keep (a duplicate, a rejected row): its place in the workbook only."""
    return {"id": ident, "state": "", "chapter": "", "articles": "", "category": "", "description": "", "row": ident}


def blocks(evidence: dict[str, Any], stats: Statistics, lang: str) -> list[dict[str, Any]]:
    """The figures grouped by the rows they rest on, in the order of statistics.json, each group once. A row
    behind several groups is made once (the same cells in every table)."""
    groups: dict[tuple, dict[str, Any]] = {}
    formatted: dict = {}
    for key, ids in evidence["figures"].items():
        block = groups.setdefault(tuple(ids), {"figures": [], "ids": ids, "states": None})
        block["figures"].append({"key": key, "value": _value(stats, key, lang, formatted)})
        if is_states(key) and key in evidence["states"]:
            block["states"] = [_term("states", s, lang) for s in evidence["states"][key]]
    rows, made = evidence["rows"], {}
    for block in groups.values():
        for i in block["ids"]:
            if i not in made:
                made[i] = row(i, rows[i], lang) if i in rows else _dropped(i)
        block["rows"] = [made[i] for i in block["ids"]]
    return list(groups.values())


def _drift(stats: Statistics, lang: str) -> list[dict[str, str]]:
    return [{"key": d.key, "published": i18n.number(d.published, lang), "workbook": i18n.number(d.workbook, lang)}
            for d in stats.drift or []]


def changes_view(changes: dict[str, Any] | None, lang: str) -> dict[str, Any] | None:
    """changes.json as the annex lists it: for each sheet, the rows added before the previous cutoff, the others
    added, the edited (field: old -> new) and the removed."""
    if not changes:
        return None
    needs = changes["needs"]

    def need_rows(ids: list[str], what: str) -> list[dict[str, str]]:
        out = []
        for i in ids:
            data = dict(needs["rows"][what].get(i, {}))
            data["articles"] = [a for a in str(data.get("articles") or "").split(";") if a]
            data["sheet"], data["kind"] = i.rpartition("!")[0] or "", "need"
            out.append(row(i, data, lang) | {"row": str(data.get("row", ""))})
        return out
    early = set(needs["added_before_previous_cutoff"])
    return {"previous_report": changes["previous_report"],
            "previous_cutoff": i18n.date(changes["previous_cutoff"], lang) if changes.get("previous_cutoff") else "",
            "added_before": need_rows([i for i in needs["added"] if i in early], "added"),
            "added_after": need_rows([i for i in needs["added"] if i not in early], "added"),
            "removed": need_rows(needs["removed"], "removed"),
            "edited": [{"id": e["id"], "row": str(e["new_row"]),
                        "fields": [(f, v["old"], v["new"]) for f, v in e["fields"].items()]} for e in needs["edited"]],
            "reviews": changes["reviews"]}


def _reasons(rejected: dict[str, Any], lang: str) -> str:
    """Why a row was rejected, in the page's language: its rules as the catalog names them (the words of Annex
    II); cleaning_log.csv keeps the log's own sentences, with the values."""
    if not rejected.get("rules"):           # evidence.json of an older run: the log's sentences
        return "; ".join(rejected["reasons"])
    rules = i18n.label(lang, "rules")
    return i18n.join([rules.get(r, r) for r in dict.fromkeys(rejected["rules"])], lang)


def _read(folder: Path) -> tuple[dict[str, Any], Statistics, dict[str, Any] | None]:
    """What the pages are made from: evidence.json, statistics.json and changes.json (if any)."""
    folder = Path(folder)
    evidence = json.loads((folder / "evidence.json").read_text(encoding="utf-8"))
    stats = Statistics.load(folder / "statistics.json")
    changes_path = folder / "changes.json"
    changes = json.loads(changes_path.read_text(encoding="utf-8")) if changes_path.is_file() else None
    return evidence, stats, changes


def render(folder: Path, lang: str, langs: list[str] | tuple[str, ...] = (), read: tuple | None = None) -> str:
    """evidence.html of a report folder in `lang` (`read`: the folder's files as `_read` gives them, read once
    for every language)."""
    from uncac_needs.report import page

    evidence, stats, changes = read or _read(folder)
    rejected = [{"id": r["id"], "row": r["id"], "columns": ", ".join(r["columns"]), "values": ", ".join(r["values"]),
                 "reasons": _reasons(r, lang)} for r in evidence["rejected"]]
    rows = evidence["rows"]
    return page.environment().get_template(TEMPLATE).render(
        lang=lang, langs=[other for other in langs if other != lang], labels=i18n.label(lang, "evidence"),
        cutoff=i18n.date(evidence["cutoff_date"], lang), blocks=blocks(evidence, stats, lang),
        without_article=[row(i, rows[i], lang) for i in evidence["needs_without_article"]],
        rejected=rejected, drift=_drift(stats, lang), changes=changes_view(changes, lang))


def write(folder: Path, langs: list[str] | tuple[str, ...]) -> list[Path]:
    """<lang>/evidence.html for every language, beside each report.html."""
    written, read = [], _read(folder)
    for lang in langs:
        path = Path(folder) / lang / PAGE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(folder, lang, langs, read), encoding="utf-8")
        written.append(path)
    return written
