"""Stage 5 — report: the note in one language, from the statistics, the figures, the session and the catalogs.

The structure of the note (sections, paragraphs, figures, annexes) is in the page templates, one a part
(report/templates/note/<part>.html.j2), the same in every language, so paragraph and figure numbers match
across languages. The words come from the language's files: paragraph templates
(vocabulary/catalogs/<lang>/paragraphs.yaml) and labels (labels.yaml). Every number in a sentence comes
from the statistics and is formatted by Babel. The report reads the statistics' own reconciliation and
places the figures the figures stage drew; it computes and draws nothing itself.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from uncac_needs import figures as figures_stage
from uncac_needs import session as session_mod
from uncac_needs.figures import Figures
from uncac_needs.plumbing.provenance import Provenance
from uncac_needs.report import annex, page, paragraphs
from uncac_needs.report.paragraphs import Paragraph, narrative_paragraphs
from uncac_needs.report.wording import Wording
from uncac_needs.statistics import Statistics
from uncac_needs.vocabulary import i18n


class Report:
    """The report in one language. `html(part)` gives each part; `document()` the whole body."""

    PARTS = ("banner", "masthead", "summary", "introduction", "needs", "chapter_ii", "chapter_v", "further",
             "footnotes", "annexes")

    def __init__(self, stats: Statistics, figures: Figures, session: session_mod.Session, lang: str,
                 provenance: Provenance | None = None):
        self.stats, self.figures, self.session, self.lang = stats, figures, session, lang
        self.provenance = provenance or Provenance()
        self.words = Wording(stats, lang)
        self._footnotes: list[str] = []
        self._paragraph = 0
        env = page.environment()
        context = self._context()
        self._macros = env.get_template("note/macros.html.j2").make_module(context)
        self._parts: dict[str, str] = {}
        for part in self.PARTS:        # in the order of the note: paragraphs and footnotes are numbered as met
            self._parts[part] = env.get_template(f"note/{part}.html.j2").render(context)

    @classmethod
    def load(cls, statistics_path: Path | str, session_path: Path | str, lang: str,
             provenance_path: Path | str | None = None) -> "Report":
        """The report from the files a run writes: statistics.json, the session and provenance.json; the
        figures drawn by the figures stage."""
        stats = Statistics.load(statistics_path)
        sess = session_mod.load(session_path, check_files=False)
        return cls(stats, figures_stage.draw(stats, lang), sess, lang, Provenance.load(provenance_path))

    # ----------------------------------------------------------------- what the templates call
    def paragraph(self, key: str, **extra: Any) -> Paragraph:
        """The next numbered paragraph, its text from the language's template `key`."""
        self._paragraph += 1
        return Paragraph(self._paragraph, key, paragraphs.render_paragraph(self.lang, key, self._words(**extra)))

    def narrative(self, part: str) -> list[Paragraph]:
        """The analyst's paragraphs of a narrative part (introduction, further consideration), numbered."""
        out = []
        for text in narrative_paragraphs(self.session.narrative_path(self.lang, part)):
            self._paragraph += 1
            out.append(Paragraph(self._paragraph, part, text))
        return out

    def paragraph_text(self, key: str) -> Markup:
        """The text of the language's template `key`, for a paragraph the note does not number (the summary)."""
        return paragraphs.render_paragraph(self.lang, key, self._words())

    def has_paragraph(self, key: str) -> bool:
        return key in paragraphs.paragraph_templates(self.lang)

    def footnote(self, key: str) -> Markup:
        """A footnote: inline for the PDF (CSS float: footnote), a numbered link to the notes on screen."""
        if key not in self._footnotes:
            self._footnotes.append(key)
        return self._macros.footnote_call(key, self._footnotes.index(key) + 1, self._paragraph)

    @property
    def workbook_name(self) -> str:
        return Path(self.provenance.workbook).name or "sample"

    def language_name(self, code: str) -> str:
        """A language's name in the report's language ('English', '英语')."""
        return i18n.babel_locale(self.lang).languages.get(code, code)

    def meeting_dates(self) -> str:
        meeting = self.session.meeting
        return i18n.date_range(meeting.start_date, meeting.end_date, self.lang)

    def _words(self, **extra: Any) -> dict[str, Any]:
        """What a paragraph template sees: the sections of the statistics by short names, and the phrases."""
        s, w = self.stats, self.words
        return {
            "s": s, "o": s.overview, "ch": s.by_chapter, "cat": s.by_category, "reg": s.by_region,
            "arts": s.articles, "groups": s.chapter_ii.groups, "v5": s.chapter_v.by_category,
            # the article group that spans the chapters (articles 14 and 52), if the vocabulary has one
            "comb": next(iter(s.combined.values()), None), "cb": s.capacity_building, "xc": s.cross_cutting,
            "chg": s.change, "cutoff": s.cutoff, "prev": s.previous_cutoff, "top_region": w.top_region(),
            "n": w.n, "pct": w.pct, "date": w.date, "month": w.month, "plural": w.plural, "of_states": w.of_states,
            "change": w.change, "article": w.article, "articles": w.articles, "category": w.category,
            "region": w.region, "chapter": w.chapter, "ranking": w.ranking, "top_categories": w.top_categories,
            "category_list": w.category_list, "join": w.join, "fn": self.footnote, **extra,
        }

    def _context(self) -> dict[str, Any]:
        """What a page template sees."""
        return {"report": self, "stats": self.stats, "session": self.session, "lang": self.lang,
                "provenance": self.provenance, "figures": self.figures, "label": self.words.label,
                "w": self.words, "footnotes": self._footnotes, "annex": annex.Annex(self.stats, self.words),
                "text": lambda texts: session_mod.text(texts, self.lang)}

    # ----------------------------------------------------------------- output
    def html(self, part: str) -> str:
        return self._parts[part]

    def document(self) -> str:
        return "".join(self._parts[p] for p in self.PARTS)

    def show(self, part: str):
        """Display one part in the notebook (each part is one output of the executed notebook)."""
        from IPython.display import HTML, display

        display(HTML(self.html(part)))

    @property
    def title(self) -> str:
        return page.document_title(self.lang, self.session)
