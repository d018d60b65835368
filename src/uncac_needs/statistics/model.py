"""The statistics stage's one result: every figure of the note, typed, and the reconciliation.

`Statistics` mirrors statistics.json key for key (../shared/spec/interface.md): its attributes carry the
names of the file's keys, sections keyed by a code (chapters, categories, groups, articles) are dicts
of models in the order of the vocabulary, dates are dates. The figures and the report only read it;
`statistics.json` is written from it (`to_json`) and read back into it (`load`).
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, InstanceOf, field_validator

from uncac_needs.statistics.reconcile import Check, as_records, from_records
from uncac_needs.statistics.tagging import TopicTag


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Parameters(_Model):
    cutoff_date: dt.date
    previous_cutoff_date: Optional[dt.date]


class Overview(_Model):
    states_completed: int
    states_with_needs: int
    needs: int


class ChapterCount(_Model):
    needs: int
    states: int
    share: float
    needs_without_article: int         # general needs of the chapter: in its totals, in no article row


class CategoryCount(_Model):
    needs: int
    share: float
    states: int
    rank: int
    by_chapter: dict[str, int]


class RegionCount(_Model):
    states_completed: int
    states_completed_share: float
    states_with_needs: int
    needs: int
    needs_share: float
    by_chapter: dict[str, int]
    by_chapter_share: dict[str, float]


class ArticleCount(_Model):
    needs: int
    states: int
    chapter: str
    rank: int


class Count(_Model):
    needs: int
    states: int


class ArticleGroupCount(_Model):
    articles: list[int]
    needs: int
    states: int
    share: float                       # of the chapter's needs
    by_category: dict[str, Count]


class ChapterII(_Model):
    groups: dict[str, ArticleGroupCount]


class ChapterV(_Model):
    by_category: dict[str, Count]


class CombinedCount(_Model):
    articles: list[int]
    needs: int
    states: int
    share_chapter_v: float
    share_all: float
    exceeds_every_article: bool


class SubcategoryCount(_Model):
    needs: int
    share: float                       # of the capacity-building needs


class CapacityBuilding(_Model):
    needs: int
    states: int
    subcategories: dict[str, SubcategoryCount]


class CrossCutting(_Model):
    multi_article_needs: int
    states_three_or_more_categories: int
    states_one_category: int


class Delta(_Model):
    previous: int
    current: int
    change: int
    change_share: Optional[float]      # None when there was nothing before


class ChapterChange(_Model):
    states: Optional[Delta]
    needs: Optional[Delta]


class Change(_Model):
    states_completed: Optional[Delta]
    states_with_needs: Optional[Delta]
    needs: Optional[Delta]
    by_chapter: dict[str, ChapterChange]


class TopicShare(_Model):
    needs: int
    states: int
    states_share: float                # of the States with needs in that cell (chapter, group)


class TopicCount(_Model):
    """The needs whose description (or topics cell) carries a topic of topics.csv, and where they lie."""

    needs: int
    states: int
    states_share: float                # of the States with needs
    by_chapter: dict[str, TopicShare]
    by_group: dict[str, TopicShare]    # the article groups of article_groups.csv
    by_region: dict[str, Count] = {}      # the regional groups of regional_groups.csv
    by_category: dict[str, Count] = {}    # the categories of categories.csv
    by_article: dict[str, Count]


class Drift(_Model):
    """A published figure of the previous analysis that the current workbook gives otherwise for its cutoff."""

    key: str
    cutoff: dt.date
    published: float | int
    workbook: float | int


class SheetCounts(_Model):
    rows_read: int
    rows_kept: int
    rows_corrected: int
    duplicates: int
    rows_rejected: int


class SuspectDate(_Model):
    """A completion date later than the day of the cleaning: a typing error?"""

    state: str
    state_name: str
    sheet: str
    row: int
    date: dt.date


#: top-level keys written only when the statistics have them
_OPTIONAL = ("cleaning", "cleaning_reasons", "cleaning_suspect_dates", "reconciliation", "topic_review", "drift")


class RejectedRow(_Model):
    """A row the cleaning rejected that would have counted at the cutoff (its date, where known, not later)."""

    sheet: str                       # the sheet's role: reviews | needs
    sheet_name: str
    row: int                         # as Excel shows it
    state: Optional[str] = None      # ISO3, where the row names a State the reference knows
    state_written: str = ""
    date: Optional[dt.date] = None   # a review's completion date, a need's State's summary date
    columns: list[str] = []          # the columns' headings as the workbook writes them
    values: list[str] = []
    rules: list[str] = []            # the rules that rejected it (labels.yaml `rules` names them)


_OPTIONAL = (*_OPTIONAL, "cleaning_rejected")


class Statistics(_Model):
    """Every figure of the note at one cutoff, with the change since the previous one."""

    parameters: Parameters
    overview: Overview
    by_chapter: dict[str, ChapterCount]
    by_category: dict[str, CategoryCount]
    by_region: dict[str, RegionCount]
    articles: dict[str, ArticleCount]
    chapter_ii: ChapterII
    chapter_v: ChapterV
    combined: dict[str, CombinedCount]
    capacity_building: CapacityBuilding
    cross_cutting: CrossCutting
    change: Change
    topics: dict[str, TopicCount] = {}
    cleaning: Optional[dict[str, SheetCounts]] = None
    cleaning_reasons: Optional[dict[str, dict[str, int]]] = None
    cleaning_suspect_dates: Optional[list[SuspectDate]] = None
    cleaning_rejected: Optional[list[RejectedRow]] = None    # the rejected rows within the cutoff
    reconciliation: Optional[list[InstanceOf[Check]]] = None
    topic_review: Optional[list[InstanceOf[TopicTag]]] = None     # not written to statistics.json
    drift: Optional[list[Drift]] = None       # statistics/drift.py: the previous analysis, published and now

    @field_validator("reconciliation", mode="before")
    @classmethod
    def _checks(cls, value: Any) -> Any:
        """Records read from statistics.json become checks again (their figures from data/reference)."""
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return from_records(value)
        return value

    # ------------------------------------------------------------------ reading
    @property
    def cutoff(self) -> dt.date:
        return self.parameters.cutoff_date

    @property
    def previous_cutoff(self) -> dt.date | None:
        return self.parameters.previous_cutoff_date

    def value(self, key: str) -> Any:
        """The figure at a dotted key of statistics.json, such as 'by_chapter.II.needs'.

        KeyError names the key when a part of it is missing.
        """
        node: Any = self
        for part in key.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, BaseModel) and part in type(node).model_fields:
                node = getattr(node, part)
            else:
                raise KeyError(key)
        return node

    def with_reconciliation(self, checks: list[Check]) -> "Statistics":
        return self.model_copy(update={"reconciliation": checks or None})

    # ------------------------------------------------------------------ the file
    def as_dict(self) -> dict[str, Any]:
        """statistics.json as a dict: dates as ISO text, the optional keys only when present."""
        data = self.model_dump(mode="json", exclude={"reconciliation", "topic_review"})
        for key in _OPTIONAL:
            if data.get(key, ...) is None:
                del data[key]
        if self.reconciliation:
            data["reconciliation"] = as_records(self.reconciliation)
        return data

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def load(cls, path: Path | str) -> "Statistics":
        return cls.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
