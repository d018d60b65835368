"""`uncac-needs diff OLD.xlsx NEW.xlsx`: what changed between two versions of the keepers' workbook.

Both workbooks are read by the project's own ingest and cleaning, so a State spelled another way, a date
typed as text or a category's alias is no change: what is compared is what the figures count. Needs are
matched, in this order,
  1. by the keepers' `need_id`, where both rows have their own (evidence.py's rule: not blank, not repeated);
  2. by content (State, chapter, articles, category, subcategory, description) where it is the same: a row
     moved in the sheet, or given an id, is matched here;
  3. rows with no id of their own left on both sides, by similarity: daff's alignment pairs an edited row with
     its old version. What it cannot pair is counted as "could not be matched" and reported as removed/added.
The reviews sheet is matched by State (the cleaning keeps one row per State).

Why daff for step 3 only: daff (pip `daff`, the table-diff library behind the "highlighter diff" format) is
well kept and its alignment of unkeyed rows by similarity is the hard part we would otherwise write; steps 1-2
are exact joins that pandas does plainly, and the field-by-field comparison must be of the cleaned values
(codes, ISO dates), which daff's own diff output would have to be parsed back into.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from uncac_needs import clean
from uncac_needs.statistics.evidence import natural, need_ids

CONTENT = ("state", "chapter", "articles", "category", "subcategory", "description")
NEED_FIELDS = ("need_id", *CONTENT)
REVIEW_FIELDS = ("summary_date", "regional_group")


@dataclass
class Changed:
    id: str
    fields: dict[str, dict[str, Any]]          # field -> {"old", "new"}
    old_row: int
    new_row: int


@dataclass
class SheetDiff:
    """One sheet's differences; ids are the new workbook's for matched and added rows, the old one's for removed."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    moved: list[dict[str, Any]] = field(default_factory=list)       # {"id", "old_row", "new_row"}
    matched: dict[str, int] = field(default_factory=dict)           # how: by_id, by_content, by_similarity
    unmatched: dict[str, int] = field(default_factory=dict)         # rows without an id left: old, new
    #: "removed" / "added" -> id -> the row's values (ids of the old and of the new workbook: a `<sheet>!<row>`
    #: may name a row in each)
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=lambda: {"removed": {}, "added": {}})

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "removed": self.removed,
                "changed": [{"id": c.id, "fields": c.fields, "old_row": c.old_row, "new_row": c.new_row}
                            for c in self.changed],
                "moved": self.moved, "matched": self.matched, "unmatched": self.unmatched, "rows": self.rows}


@dataclass
class Diff:
    old: Path
    new: Path
    needs: SheetDiff
    reviews: SheetDiff

    def as_dict(self) -> dict[str, Any]:
        return {"old": self.old.name, "new": self.new.name, **self.needs.as_dict(), "reviews": self.reviews.as_dict()}


def _value(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    return v.item() if hasattr(v, "item") else v


def needs_frame(needs: pd.DataFrame, sheet: str) -> pd.DataFrame:
    """The kept needs with their ids (evidence.py's), whether the id is the keepers' own, and their Excel row."""
    needs = needs.reset_index(drop=True)
    ids = need_ids(needs, sheet)
    frame = pd.DataFrame({c: [_value(v) for v in needs[c]] for c in NEED_FIELDS}, dtype=object)
    frame["id"] = [str(ids[k]) for k in needs["need_key"]]
    frame["own"] = frame["id"] == frame["need_id"]
    frame.loc[~frame["own"], "need_id"] = None           # the cleaning's stand-in (the row number) is no id
    frame["row"] = needs["sheet_row"].astype(int).to_numpy()
    return frame


def _differ(x: Any, y: Any) -> bool:
    return _value(x) != _value(y)


def _compare(a: pd.Series, b: pd.Series, fields: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    return {f: {"old": _value(a[f]), "new": _value(b[f])} for f in fields if _differ(a[f], b[f])}


def _pairs_by_content(old: pd.DataFrame, new: pd.DataFrame) -> list[tuple[int, int]]:
    """Rows with the same content, paired in sheet order (the n-th such old row with the n-th new one)."""
    def keyed(frame: pd.DataFrame) -> pd.DataFrame:
        k = pd.Series(["\x1f".join(map(repr, row)) for row in frame[list(CONTENT)].itertuples(index=False)],
                      index=frame.index, dtype=object)
        return pd.DataFrame({"key": k, "nth": k.groupby(k).cumcount(), "pos": frame.index})
    both = keyed(old).merge(keyed(new), on=["key", "nth"], suffixes=("_old", "_new"))
    return list(zip(both["pos_old"], both["pos_new"]))


def _pairs_by_similarity(old: pd.DataFrame, new: pd.DataFrame) -> list[tuple[int, int]]:
    """daff's alignment of the rows left (no key): which old row each new row is an edit of, where any."""
    import daff

    if old.empty or new.empty:
        return []

    def view(frame: pd.DataFrame):
        cells = frame[list(CONTENT)].astype(object).where(frame[list(CONTENT)].notna(), None)
        return daff.PythonTableView([list(CONTENT)] + cells.values.tolist())
    alignment = daff.compareTables(view(old), view(new), daff.CompareFlags()).align()
    pairs = []
    for unit in alignment.toOrder().getList():
        if unit.l > 0 and unit.r > 0:                 # row 0 is the heading
            a, b = old.index[unit.l - 1], new.index[unit.r - 1]
            if _alike(old.loc[a], new.loc[b]):
                pairs.append((a, b))
    return pairs


def _alike(a: pd.Series, b: pd.Series) -> bool:
    """An edit of the same need, not another need: the same State and at least half the content the same
    (daff pairs rows more freely: two needs of a category with nothing else in common)."""
    return a["state"] == b["state"] and sum(not _differ(a[f], b[f]) for f in CONTENT) * 2 >= len(CONTENT)


def _moved(matched: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """The rows whose place among the others changed: all but a longest run kept in the same order (rows that
    only shift because a row above was added or removed are not moved)."""
    matched = sorted(matched, key=lambda m: m[1])
    tails: list[int] = []           # tails[k]: index in `matched` of the smallest end of a run of length k + 1
    before = [-1] * len(matched)
    for i, (_, _, new_row) in enumerate(matched):
        k = bisect.bisect_left([matched[t][2] for t in tails], new_row)
        before[i] = tails[k - 1] if k else -1
        tails[k:k + 1] = [i]
    keep, i = set(), tails[-1] if tails else -1
    while i >= 0:
        keep.add(i)
        i = before[i]
    return sorted(({"id": ident, "old_row": o, "new_row": n} for i, (ident, o, n) in enumerate(matched) if i not in keep),
                  key=lambda m: natural(m["id"]))


def diff_needs(old: pd.DataFrame, new: pd.DataFrame) -> SheetDiff:
    """The needs of two versions, matched by id, then content, then similarity; compared field by field."""
    out = SheetDiff()
    keyed = old[old["own"]].reset_index().merge(new[new["own"]].reset_index(), on="need_id", suffixes=("_o", "_n"))
    pairs = list(zip(keyed["index_o"], keyed["index_n"]))
    out.matched["by_id"] = len(pairs)
    left_old, left_new = old.drop(index=keyed["index_o"]), new.drop(index=keyed["index_n"])
    by_content = _pairs_by_content(left_old, left_new)
    out.matched["by_content"] = len(by_content)
    left_old = left_old.drop(index=[a for a, _ in by_content])
    left_new = left_new.drop(index=[b for _, b in by_content])
    similar = _pairs_by_similarity(left_old[~left_old["own"]], left_new[~left_new["own"]])
    out.matched["by_similarity"] = len(similar)
    pairs += by_content + similar
    for a, b in pairs:
        fields = _compare(old.loc[a], new.loc[b], NEED_FIELDS)
        if fields:
            out.changed.append(Changed(new.at[b, "id"], fields, int(old.at[a, "row"]), int(new.at[b, "row"])))
    out.moved = _moved([(new.at[b, "id"], int(old.at[a, "row"]), int(new.at[b, "row"])) for a, b in pairs])
    gone, come = old.drop(index=[a for a, _ in pairs]), new.drop(index=[b for _, b in pairs])
    out.unmatched = {"old": int((~gone["own"]).sum()), "new": int((~come["own"]).sum())}
    out.removed, out.added = sorted(gone["id"], key=natural), sorted(come["id"], key=natural)
    for what, frame in (("removed", gone), ("added", come)):
        for rec in frame.to_dict("records"):
            out.rows[what][rec["id"]] = {f: rec[f] for f in (*NEED_FIELDS, "row")}
    out.changed.sort(key=lambda c: natural(c.id))
    return out


def diff_reviews(old: pd.DataFrame, new: pd.DataFrame) -> SheetDiff:
    """The reviews of two versions, by State: States added, removed, their date or group changed."""
    out = SheetDiff()
    a, b = old.set_index("state"), new.set_index("state")
    for frame in (a, b):
        frame["summary_date"] = [_value(pd.Timestamp(d)) for d in frame["summary_date"]]
    both = sorted(set(a.index) & set(b.index))
    out.matched["by_state"] = len(both)
    for state in both:
        fields = {f: {"old": _value(a.at[state, f]), "new": _value(b.at[state, f])} for f in REVIEW_FIELDS
                  if _value(a.at[state, f]) != _value(b.at[state, f])}
        if fields:
            out.changed.append(Changed(state, fields, int(a.at[state, "sheet_row"]), int(b.at[state, "sheet_row"])))
    out.moved = _moved([(s, int(a.at[s, "sheet_row"]), int(b.at[s, "sheet_row"])) for s in both])
    out.removed, out.added = sorted(set(a.index) - set(b.index)), sorted(set(b.index) - set(a.index))
    for what, frame, ids in (("removed", a, out.removed), ("added", b, out.added)):
        for state in ids:
            out.rows[what][state] = {"state_name": _value(frame.at[state, "state_name"]), "row": int(frame.at[state, "sheet_row"]),
                               **{f: _value(frame.at[state, f]) for f in REVIEW_FIELDS}}
    return out


def diff(old: Path, new: Path, mapping: Path | None = None) -> Diff:
    """Both workbooks cleaned (the same mapping for both), then compared."""
    before, after = clean.clean_workbook(old, mapping), clean.clean_workbook(new, mapping)
    return Diff(Path(old), Path(new), diff_needs(needs_frame(before.needs, before.summary["needs"].sheet),
                                                 needs_frame(after.needs, after.summary["needs"].sheet)),
                diff_reviews(before.reviews, after.reviews))
