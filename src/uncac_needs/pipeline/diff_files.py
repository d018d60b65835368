"""What `uncac-needs diff` writes: a summary to read on the terminal, the JSON, a workbook for reviewers."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import xlsxwriter

from uncac_needs.pipeline.diff import Diff, SheetDiff
from uncac_needs.vocabulary import i18n

#: how many ids of each kind the summary lists before "and N more"
SHOWN = 12


def _listing(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def _change_line(change) -> str:
    fields = "; ".join(f"{name} {_show(v['old'])} -> {_show(v['new'])}" for name, v in change.fields.items())
    return f"  ~ {change.id}: {fields}"


def _show(value: Any) -> str:
    if value is None:
        return "(blank)"
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _section(title: str, part: SheetDiff, unit: str) -> list[str]:
    lines = [f"{title}: {len(part.added)} added, {len(part.removed)} removed, {len(part.changed)} changed, "
             f"{len(part.moved)} moved to another row"]
    if part.matched:
        how = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in part.matched.items())
        lines.append(f"  {unit} matched: {how}")
    if part.unmatched:
        lines.append(f"  rows without an id that could not be matched: {part.unmatched['old']} of the old workbook "
                     f"(listed as removed), {part.unmatched['new']} of the new (listed as added)")
    if part.added:
        lines.append(f"  + added: {_listing(part.added)}")
    if part.removed:
        lines.append(f"  - removed: {_listing(part.removed)}")
    if part.moved:
        lines.append(f"  > moved: {_listing([m['id'] for m in part.moved])}")
    lines += [_change_line(c) for c in part.changed[:SHOWN]]
    if len(part.changed) > SHOWN:
        lines.append(f"  ~ and {len(part.changed) - SHOWN} more changed (see --json or --xlsx)")
    return lines


def summary(d: Diff) -> str:
    """The differences in a few lines: counts, then the ids (the first few of each kind)."""
    lines = [f"Compared {d.old.name} (old) with {d.new.name} (new), both as the cleaning reads them."]
    lines += _section("Needs", d.needs, "needs")
    lines += _section("States (reviews sheet)", d.reviews, "States")
    if not any((d.needs.added, d.needs.removed, d.needs.changed, d.reviews.added, d.reviews.removed,
                d.reviews.changed)):
        lines.append("No need and no State differs.")
    return "\n".join(lines) + "\n"


def write_json(d: Diff, path: Path) -> None:
    Path(path).write_text(json.dumps(d.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


COLUMNS = ("sheet", "what", "id", "field", "old", "new", "old_row", "new_row")


def _lines(d: Diff):
    """One line per row added or removed and per field changed, per sheet."""
    for role, part in (("needs", d.needs), ("reviews", d.reviews)):
        for what in ("removed", "added"):
            for ident in getattr(part, what):
                row = part.rows[what].get(ident, {})
                at = row.get("row")
                yield (role, what, ident, "", "", "", at if what == "removed" else None, at if what == "added" else None)
        for c in part.changed:
            for name, v in c.fields.items():
                yield (role, "changed", c.id, name, v["old"], v["new"], c.old_row, c.new_row)
        for m in part.moved:
            yield (role, "moved", m["id"], "", "", "", m["old_row"], m["new_row"])


def write_xlsx(d: Diff, path: Path, langs: tuple[str, ...] = ("en", "zh")) -> None:
    """One sheet "changes": a line per row added or removed and per field changed, filterable; text as text."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"title": f"{d.old.name} -> {d.new.name}", "author": "uncac-needs"})
    bold = wb.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    ws = wb.add_worksheet("changes")
    ws.write_string(0, 0, f"{d.old.name} -> {d.new.name}", wb.add_format({"bold": True, "font_size": 12}))
    for c, key in enumerate(COLUMNS):
        ws.write_string(1, c, " / ".join(i18n.label(lang, f"diff.{key}") for lang in langs), bold)
    r = 2
    for line in _lines(d):
        for c, value in enumerate(line):
            if isinstance(value, int):
                ws.write_number(r, c, value)
            elif value not in (None, ""):
                ws.write_string(r, c, str(value))
        r += 1
    ws.autofilter(1, 0, max(r - 1, 1), len(COLUMNS) - 1)
    ws.freeze_panes(2, 0)
    for c, width in enumerate((9, 9, 16, 14, 40, 40, 9, 9)):
        ws.set_column(c, c, width)
    wb.close()
