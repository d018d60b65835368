"""The needs sheet: one row per technical assistance need, placed in one chapter, counted once.

The rules are applied by one function, `_NeedRules.judge`, to the row's key cells (State, chapter, article,
category, subcategory). Its verdict depends on nothing else, so it is kept by those cells' values: a row
whose key cells were seen before takes the same verdict without reading them again, and a row with nothing
to log costs a lookup. Each distinct value of a column is read once (`rows.Reader`).
"""
from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from uncac_needs.clean.ledger import Finding, Ledger, LogEntry, SheetSummary
from uncac_needs.clean.parsers import (
    Parsed, Unreadable, chapter_of_articles, is_blank, parse_articles, parse_category, parse_chapter, parse_state,
    parse_subcategory, show, tidy,
)
from uncac_needs.clean.reasons import Reason, Term, because
from uncac_needs.clean.rows import Reader, filled, is_record, not_a_record, read
from uncac_needs.vocabulary import reference

if TYPE_CHECKING:
    from uncac_needs.ingest import RawSheet

KEY_COLUMNS = ("state", "chapter", "article", "category", "subcategory")
_READERS = {"state": parse_state, "chapter": parse_chapter, "article": parse_articles, "category": parse_category,
            "subcategory": parse_subcategory}


class Verdict(NamedTuple):
    """What the rules decide for a row's key cells: the need they give (None: rejected) and what to log."""

    #: state, chapter, articles, articles as the table writes them ('5;6'), category, subcategory
    need: tuple[str, str, tuple[int, ...], str, str, str | None] | None
    findings: tuple[Finding, ...]


class _NeedRules:
    """What every need row is checked against, and the memories that make each distinct value read once."""

    def __init__(self, sheet: RawSheet, completed: set[str], rejected_states: dict[str, tuple[int, str]]):
        self.sheet, self.completed, self.rejected_states = sheet, completed, rejected_states
        present = [i for i, c in enumerate(KEY_COLUMNS) if c in sheet.columns]
        getter = itemgetter(*(sheet.columns[KEY_COLUMNS[i]] for i in present))
        self.key_cells = getter if len(present) > 1 else lambda cells: (getter(cells),)
        self.present = present
        self.readers = {c: Reader(parser) for c, parser in _READERS.items()}
        self.placement: dict[tuple, str | Unreadable] = {}
        self.verdicts: dict[tuple, Verdict] = {}
        self.subcategorised = reference.subcategorised_category()

    def verdict(self, cells: list[Any]) -> Verdict:
        """The verdict on a row, from the verdicts already given to the same key cells where there is one."""
        raw = self.key_cells(cells)
        key = (raw, tuple(map(type, raw)))      # by type too: 1, 1.0 and True are equal, not the same cell
        found = self.verdicts.get(key)
        if found is None:
            values = [None if value == "" else value for value in raw]
            if len(values) < len(KEY_COLUMNS):      # a column the sheet has not: blank
                values = [values[self.present.index(i)] if i in self.present else None for i in range(len(KEY_COLUMNS))]
            # two key cells filled (a State and a category, most often): a record, whatever the row's other cells hold
            if (filled(values[0]) and filled(values[3])) or sum(map(filled, values[:4])) > 1:
                found = self.verdicts[key] = self.judge(*values)
            elif is_record(values[:4], cells, self.readers["state"]):
                found = self.judge(*values)
            else:
                found = Verdict(None, (not_a_record(because("not_a_record", "needs"), cells),))
        return found

    def judge(self, raw_state: Any, raw_chapter: Any, raw_article: Any, raw_category: Any,
              raw_subcategory: Any) -> Verdict:
        """Every rule of a need record: what it gives, and every correction or rejection, in the columns' order."""
        readers = self.readers
        found: list[Finding] = []
        state = read("state", raw_state, readers["state"], found)
        if state is not None and state.value not in self.completed:
            found.append(Finding("state", "rejected", self.without_summary(state.value)))
        chapter = read("chapter", raw_chapter, readers["chapter"], found)
        articles = read("article", raw_article, readers["article"], found)
        placed = None
        if chapter is not None and articles is not None:
            placed = self.place(articles.value, chapter.value, found)
        category = read("category", raw_category, readers["category"], found)
        sub = self.subcategory(raw_subcategory, category, found)
        if found and any(f.action == "rejected" for f in found):
            return Verdict(None, tuple(found))
        cited = ";".join(map(str, articles.value))
        return Verdict((state.value, placed, articles.value, cited, category.value, sub), tuple(found))

    def without_summary(self, state: str) -> Reason:
        rejected = self.rejected_states.get(state)
        if rejected is None:
            return because("state_without_summary", "no_row", state=Term("states", state))
        return because("state_without_summary", "row_rejected", state=Term("states", state), row=rejected[0],
                       sheet=rejected[1])

    def place(self, articles: tuple[int, ...], chapter: str | None, found: list[Finding]) -> str | None:
        """The need's one chapter (None, and a rejection found, where the chapter and articles do not give one)."""
        placed = self.placement.get((articles, chapter))
        if placed is None:
            try:
                placed = chapter_of_articles(articles, chapter)
            except Unreadable as exc:
                placed = exc
            self.placement[(articles, chapter)] = placed
        if isinstance(placed, str):
            return placed
        column = "chapter" if placed.rule == "chapter_and_article_missing" else "article"
        if column not in self.sheet.columns:
            column = "article" if "article" in self.sheet.columns else "chapter"
        found.append(Finding(column, "rejected", placed.reason))
        return None

    def subcategory(self, raw: Any, category: Parsed | None, found: list[Finding]) -> str | None:
        """The subcategory of a need of the subcategorised category; anything else corrected away (unspecified)."""
        if "subcategory" not in self.sheet.columns:
            return None
        parsed = self.readers["subcategory"](raw)
        applies = category is None or category.value == self.subcategorised
        if isinstance(parsed, Unreadable):
            if applies:
                found.append(Finding("subcategory", "corrected",
                                     because("subcategory_unknown", "counted_unspecified", reason=parsed.reason)))
            return None
        if parsed.value is None:
            return None
        if not applies:
            found.append(Finding("subcategory", "corrected", because(
                "subcategory_not_applicable", subcategorised=Term("categories", self.subcategorised),
                category=Term("categories", category.value))))
            return None
        if parsed.reason is not None:
            found.append(Finding("subcategory", "corrected", parsed.reason))
        return parsed.value


@lru_cache(maxsize=4096)
def _topics_cell(text: str, vocabulary: object) -> tuple[str | None, tuple[Finding, ...]]:
    codes, unknown = reference.read_topics_cell(text)    # (by the vocabulary read: a new topics.csv, a new cache)
    cleaned = None if codes is None else ";".join(codes) or reference.NO_TOPIC[0]
    return cleaned, tuple(Finding("topics", "corrected", because("topic_unknown", text=name)) for name in unknown)


def topic_codes(raw: Any) -> str | None:
    """The keepers' topics cell as the statistics read it: codes of topics.csv ('training;asset_return'), 'none'
    where it says there is none, blank where it names no topic it knows (the description then decides)."""
    return None if is_blank(raw) else _topics_cell(_text(raw), reference.topics())[0]


def topic_findings(raw: Any) -> tuple[Finding, ...]:
    """The names of the keepers' topics cell that are no topic of topics.csv: each a correction (not used)."""
    return () if is_blank(raw) else _topics_cell(_text(raw), reference.topics())[1]


def _text(value: Any) -> str:
    return value if value.__class__ is str else show(value)


def _norm_text(value: Any) -> str | None:
    """A free-text cell as duplicates are compared: white space and case do not count."""
    if value is None:
        return None
    text = " ".join((value if value.__class__ is str else show(value)).split()).casefold()
    return text or None


class _KeptNeeds:
    """The needs kept, column by column, and the first row of each (a later identical row is a duplicate)."""

    def __init__(self, sheet: RawSheet):
        self.id_at, self.description_at = sheet.columns.get("need_id"), sheet.columns.get("description")
        self.topics_at = sheet.columns.get("topics")
        self.extras_at = list(sheet.extras.values())
        self.seen: dict[tuple, int] = {}
        self.columns = ["need_key", "need_id", "state", "chapter", "articles", "category", "subcategory",
                        "description", "topics", "sheet_row", *(f"extra: {n}" for n in sheet.extras)]
        self.records: dict[str, list] = {c: [] for c in self.columns}
        self.appends = [self.records[c].append for c in self.columns]

    def keep(self, excel_row: int, cells: list[Any], need: tuple) -> Reason | None:
        """Record a need; if it repeats an earlier row, record nothing and say so."""
        state, chapter, articles, cited, category, sub = need
        need_id = None if self.id_at is None or cells[self.id_at] == "" else cells[self.id_at]
        description = None if self.description_at is None or cells[self.description_at] == "" else \
            cells[self.description_at]
        extras = [None if is_blank(cells[pos]) else show(cells[pos]) for pos in self.extras_at]
        topics = None if self.topics_at is None else topic_codes(cells[self.topics_at])
        key = (_norm_text(need_id), state, chapter, articles, category, sub, _norm_text(description), topics,
               *(None if v is None else tidy(v).casefold() for v in extras))
        if key in self.seen:
            return because("duplicate", "needs", row=self.seen[key])
        self.seen[key] = excel_row
        values = (excel_row, str(excel_row) if need_id is None else _text(need_id), state, chapter, cited, category,
                  sub, None if description is None else _text(description), topics, excel_row, *extras)
        for append, value in zip(self.appends, values):
            append(value)
        return None

    def tables(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The needs, and one row per (need, article) cited."""
        needs = pd.DataFrame(self.records, columns=self.columns)
        for col in self.columns:
            needs[col] = needs[col].astype("int64" if col in ("need_key", "sheet_row") else "string")
        exploded = needs[["need_key", "articles"]].assign(article=needs["articles"].str.split(";")).explode("article")
        exploded = exploded[exploded["article"].notna() & (exploded["article"] != "")]
        need_articles = pd.DataFrame({"need_key": exploded["need_key"].astype("int64").to_numpy(),
                                      "article": exploded["article"].astype("int64").to_numpy()})
        return needs, need_articles


def clean_needs(sheet: RawSheet, completed: set[str], rejected_states: dict[str, tuple[int, str]],
                log: list[LogEntry]) -> tuple[pd.DataFrame, pd.DataFrame, SheetSummary]:
    """Every row of the needs sheet accounted for; the needs of the `completed` States kept, each once."""
    rules, kept, ledger = _NeedRules(sheet, completed, rejected_states), _KeptNeeds(sheet), Ledger(sheet, log)
    verdict, keep, as_written, topics_at = rules.verdict, kept.keep, 0, sheet.columns.get("topics")
    for excel_row, cells in sheet.rows:
        need, findings = verdict(cells)
        if need is None:
            ledger.record(excel_row, cells, findings)
            continue
        if topics_at is not None and cells[topics_at] != "":
            findings = findings + topic_findings(cells[topics_at])
        duplicate = keep(excel_row, cells, need)
        if duplicate is None and not findings:
            as_written += 1
        else:
            ledger.record(excel_row, cells, findings, duplicate)
    ledger.kept_as_written(as_written)
    needs, need_articles = kept.tables()
    return needs, need_articles, ledger.summary
