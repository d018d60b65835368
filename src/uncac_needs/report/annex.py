"""The annexes' contents in one language: the statistical tables, the quality of the data, the reconciliation
the statistics carry, and the method. Texts and cells only; annexes.html.j2 and method.html.j2 place them."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from uncac_needs.plumbing.provenance import Provenance
from uncac_needs.report.wording import Wording
from uncac_needs.statistics import tables
from uncac_needs.statistics.model import Statistics
from uncac_needs.vocabulary import i18n

#: the tables of Annex II and Annex III; every other table is one of Annex I
QUALITY, RECONCILIATION = "cleaning", "reconciliation"
#: the reasons a sheet's table lists, at most
REASONS_SHOWN = 8
#: the table of Annex I that holds each figure's data
FIGURE_TABLES = {"I": "by_chapter", "II": "by_category", "III": "by_region", "IV": "articles_ii", "V": "categories_v",
                 "VI": "subcategories"}


@dataclass(frozen=True)
class Reasons:
    """The most frequent reasons of the cleaning log for one sheet."""

    sheet: str
    rows: list[tuple[str, int]]       # (the rule's label, the count)


@dataclass(frozen=True)
class Reconciled:
    """One published figure of Annex III, its cells in the language."""

    id: str                  # the published figure's id (published_figures.csv): the anchor of its row on screen
    status: str              # match | differs | not computed
    impossible: bool         # it cannot hold together with the other published figures
    statement: str
    published: str
    computed: str
    status_text: str         # the status in the language
    paragraph: str
    explanation: str


class Annex:
    def __init__(self, stats: Statistics, words: Wording):
        self.stats, self.words, self.lang = stats, words, words.lang
        self.tables = {t.code: t for t in tables.build(stats, (words.lang,))}

    def data_tables(self) -> list[tables.Table]:
        """Annex I: the data of every figure and paragraph."""
        return [t for code, t in self.tables.items() if code not in (QUALITY, RECONCILIATION)]

    def table_of(self, figure: str) -> str | None:
        """The code of the Annex I table that holds a figure's data, if the annex has it."""
        code = FIGURE_TABLES.get(figure)
        return code if code in self.tables else None

    def figure_of(self, code: str) -> str | None:
        """The figure whose data a table of Annex I holds, if any."""
        return next((figure for figure, table in FIGURE_TABLES.items() if table == code), None)

    def quality(self) -> tables.Table | None:
        """Annex II: the rows of each sheet read, kept, corrected, duplicated and rejected, if known."""
        return self.tables.get(QUALITY)

    def reconciliation(self) -> tables.Table | None:
        """Annex III: the published figures beside the computed ones, if the cutoff has published figures."""
        return self.tables.get(RECONCILIATION)

    def cell(self, row: dict, column: tables.Column) -> str:
        """The text of one cell: a label in the language, a number or a share formatted by Babel."""
        value = row.get(column.key)
        if column.kind == "label":
            return value[self.lang]
        if value is None:
            return "–"
        if column.kind == "int":
            return self.words.n(value)
        if column.kind == "share":
            return self.words.table_pct(value, 1)
        return str(value)

    @staticmethod
    def numeric(column: tables.Column) -> bool:
        return column.kind in ("int", "share")

    def reasons(self) -> list[Reasons]:
        """Annex II: for each sheet with any, its most frequent reasons."""
        rules = self.words.label("rules")
        out = []
        for role, counts in (self.stats.cleaning_reasons or {}).items():
            if counts:
                out.append(Reasons(self.words.label(f"sheets.{role}"),
                                   [(rules.get(rule, rule), count) for rule, count in list(counts.items())[:REASONS_SHOWN]]))
        return out

    def rejected(self) -> list[dict[str, str]]:
        """Annex II: every rejected row that would have counted at the cutoff, its cells in the language."""
        out, rules = [], self.words.label("rules")
        for r in self.stats.cleaning_rejected or []:
            reasons = [rules.get(rule, rule) for rule in dict.fromkeys(r.rules)]
            values = [v for v in dict.fromkeys(r.values) if v]
            out.append({"sheet": self.words.label(f"sheets.{r.sheet}"), "row": self.words.n(r.row),
                        # the State's name in the language when it is known; what was written is the value's
                        "state": self.state(r.state) if r.state else "–",
                        "value": self.words.join(values) if values else "–", "reason": self.words.join(reasons)})
        return out

    def state(self, iso3: str) -> str:
        return i18n.term("states", iso3, self.lang)

    def reconciliation_rows(self) -> list[Reconciled]:
        """Annex III: each published figure beside the computed one, in the language (no codes: the paragraph
        'summary' is the summary's heading)."""
        table = self.reconciliation()
        if table is None:
            return []
        columns = {c.key: c for c in table.columns}
        out = []
        for check, row in zip(self.stats.reconciliation or [], table.rows):
            text = {key: self.cell(row, columns[key]) for key in ("statement", "published", "computed", "explanation")}
            text["status_text"] = self.cell(row, columns["status"])
            paragraph = row["paragraph"]
            text["paragraph"] = self.words.label("masthead.summary") if paragraph == "summary" else paragraph
            out.append(Reconciled(check.figure.id, check.status, check.impossible is not None, **text))
        return out

    def reconciliation_intro(self) -> str:
        """Annex III's first paragraph: how many published figures the statistics match, the ones that differ
        (and whether they can hold together with the note's other figures) and the ones not computed; a
        sentence about none is not said."""
        rows = self.reconciliation_rows()
        labels, n = self.words.label("annex.reconciliation"), self.words.num    # running text: "two", "76 of 78"
        comparable = [r for r in rows if r.status != "not computed"]
        differs = [r for r in comparable if r.status == "differs"]
        impossible = sum(r.impossible for r in differs)
        out = []
        if comparable:
            matched = len(comparable) - len(differs)
            out.append((labels["matched_all"] if not differs else self._form(labels["matched"], matched)).format(
                matched=n(matched, len(comparable)), comparable=n(len(comparable), matched)))
        if differs:
            every = impossible == len(differs)
            out.append(self._form(labels["differs_impossible" if every else "differs"], len(differs))
                       .format(differs=n(len(differs))))
            if impossible and not every:
                out.append(labels["impossible"].format(impossible=n(impossible, len(differs))))
        not_computed = len(rows) - len(comparable)
        if not_computed:
            out.append(self._form(labels["not_computed"], not_computed).format(descriptive=n(not_computed)))
        return labels["separator"].join(out)

    @staticmethod
    def _form(forms: dict[str, str], count: int) -> str:
        """A sentence's form by the count it speaks of: none, one, two ("neither") or other."""
        return forms.get({0: "none", 1: "one", 2: "two"}.get(count, "other")) or forms["other"]

    def method(self, p: Provenance) -> list[str]:
        """Annex IV: what the report was made from (what a report rendered by hand, without provenance, knows)."""
        m, params = self.words.label("annex.method"), self.stats.parameters
        date = self.words.date
        items = []
        if p.workbook:
            items += [m["workbook"].format(name=Path(p.workbook).name, sha=p.workbook_sha256),
                      m["synthetic"] if p.synthetic else m["real"]]
        if params.previous_cutoff_date:
            items.append(m["cutoff"].format(cutoff=date(params.cutoff_date), previous=date(params.previous_cutoff_date)))
        else:
            items.append(m["no_previous"].format(cutoff=date(params.cutoff_date)))
        if p.session_file:
            items.append(m["session"].format(name=Path(p.session_file).name, sha=p.session_sha256))
        if p.mapping_file:
            items.append(m["mapping"].format(name=Path(p.mapping_file).name, sha=p.mapping_sha256))
        if p.version:
            packages = self.words.join([f"{k} {v}" for k, v in sorted(p.packages.items())])   # 、 in Chinese
            items.append(m["software"].format(version=p.version, commit=p.commit or "–", python=p.python,
                                              packages=packages))
        return items
