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

from markupsafe import Markup, escape

from uncac_needs import figures as figures_stage
from uncac_needs import session as session_mod
from uncac_needs.figures import Figures
from uncac_needs.plumbing.provenance import Provenance
from uncac_needs.plumbing.errors import UserError
from uncac_needs.report import annex, changes_annex, keyed, names, narrative, page, paragraphs, sections
from uncac_needs.report.paragraphs import FigureRef, Heading, Paragraph
from uncac_needs.report.wording import Wording
from uncac_needs.statistics import Statistics
from uncac_needs.vocabulary import i18n


#: the language of the masthead's distribution block (date of issue, original language) in every language
DISTRIBUTION = "en"


class Report:
    """The report in one language. `html(part)` gives each part; `document()` the whole body."""

    PARTS = ("banner", "masthead", "summary", "introduction", "needs", "chapter_ii", "chapter_v", "further",
             "footnotes", "annexes")

    def __init__(self, stats: Statistics, figures: Figures, session: session_mod.Session, lang: str,
                 provenance: Provenance | None = None, changes: dict[str, Any] | None = None):
        self.stats, self.figures, self.session, self.lang = stats, figures, session, lang
        self.provenance = provenance or Provenance()
        self.changes = changes          # changes.json of the run (the annex on what changed), if it had one
        self.words = Wording(stats, lang)
        self._footnotes: list[str] = []
        self._notes: dict[str, Markup] = {}         # the texts of the narrative's footnotes, by footnote key
        self._paragraph = 0
        self._names: dict[str, Any] | None = None
        self.shapes: dict[str, list[str]] = {}      # each section's pieces, in order ('p', 'h', 'figure I')
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
        figures drawn by the figures stage; changes.json beside statistics.json where the run wrote one."""
        stats = Statistics.load(statistics_path)
        sess = session_mod.load(session_path, check_files=False)
        return cls(stats, figures_stage.draw(stats, lang), sess, lang, Provenance.load(provenance_path),
                   changes_annex.load(Path(statistics_path).parent))

    # ----------------------------------------------------------------- what the templates call
    def paragraph(self, key: str, **extra: Any) -> Paragraph:
        """The next numbered paragraph, its text from the language's template `key`."""
        self._paragraph += 1
        return Paragraph(self._paragraph, key, paragraphs.render_paragraph(self.lang, key, self._words(**extra)))

    def section(self, name: str) -> list[Paragraph | Heading | FigureRef]:
        """A section of the body, in order: the analyst's file where the session has one for the language,
        else the section's default paragraphs, headings and figures (report/sections.py)."""
        slots = sections.defaults(name, self.stats, self.has_paragraph)
        path = self.session.narrative_file(self.lang, name)
        if path is None:
            items = [item for slot in slots if slot.present for item in self._slot(slot, name)]
        else:
            items = self._from_file(name, narrative.read(path), slots)
        self.shapes[name] = [i.shape for i in items]
        return items

    def _slot(self, slot: sections.Slot, section: str) -> list[Paragraph | Heading | FigureRef]:
        if slot.kind == "figure":
            return [FigureRef(slot.key)]
        if slot.kind == "heading":
            return [Heading(3, slot.anchor, Markup(escape(self.words.label(slot.template))))]
        if section == "summary":
            return [Paragraph(None, slot.template, self.paragraph_text(slot.template))]
        return [self.paragraph(slot.template, **slot.args)]

    def _from_file(self, name: str, sf: narrative.SectionFile, slots: list[sections.Slot]) -> list:
        """A section written by the analyst: each block of the file in its place (report/narrative.py)."""
        keys = {s.key: s for s in slots if s.kind != "figure"}
        own, items, placed = sections.FIGURES[name], [], set()
        for block in sf.blocks:
            if block.kind == "default":
                if block.value not in keys:
                    raise UserError(f"{sf.where(block)}: 'default.{block.value}' is not a default paragraph of "
                                    f"this section; its keys are {', '.join(keys) or 'none'}.")
                if keys[block.value].present:
                    items.extend(self._slot(keys[block.value], name))
            elif block.kind == "figure":
                if block.value not in own or block.value in placed:
                    where = "is placed twice" if block.value in placed else \
                        f"is not a figure of this section (its figures: {', '.join(own) or 'none'})"
                    raise UserError(f"{sf.where(block)}: Figure {block.value} {where}.")
                placed.add(block.value)
                items.append(FigureRef(block.value))
            else:
                items.extend(self._written(name, sf, block, len(items)))
        items.extend(FigureRef(f) for f in own if f not in placed)
        unused = [n for n in sf.notes if f"narrative-{name}-{n}" not in self._notes]
        if unused:
            raise UserError(f"{sf.where(line=sf.notes[unused[0]][0])}: the footnote [^{unused[0]}] is never "
                            "called in the text; call it with [^name] where it belongs, or remove it.")
        return items

    def _written(self, name: str, sf: narrative.SectionFile, block: narrative.Block, place: int) -> list:
        """A heading or a paragraph of the analyst's, its names filled in (nothing if it renders empty)."""
        numbered = name != "summary"
        number = self._paragraph + 1 if numbered else None
        try:
            text = narrative.render_text(block.value, self.names(), self.lang,
                                         lambda note: self._call(name, sf, note, number))
        except narrative.RENDER_ERRORS as exc:
            raise narrative.failure(sf.where(block), exc) from None
        if not text:
            return []
        if block.kind == "heading":
            return [Heading(block.level, f"sub-{name}-{place + 1}", text)]
        self._paragraph += numbered
        return [Paragraph(number, name, text)]

    def _call(self, section: str, sf: narrative.SectionFile, note: str, number: int | None) -> Markup:
        """A footnote of the analyst's, called at `[^note]`: its text rendered once, numbered with the others; a
        call the file gives no text is the report's own footnote of that name (labels.yaml `footnotes`)."""
        if note not in sf.notes and note in self.words.label("footnotes"):
            return self.footnote(note, number)
        key = f"narrative-{section}-{note}"
        if key not in self._notes:
            if note not in sf.notes:
                raise names.NarrativeNameError(f"the footnote [^{note}] has no text; add a line '[^{note}]: …' "
                                               "to the file")
            line, text = sf.notes[note]
            try:
                self._notes[key] = narrative.render_text(text, self.names(), self.lang)
            except narrative.RENDER_ERRORS as exc:
                raise narrative.failure(sf.where(line=line), exc) from None
        return self.footnote(key, number)

    def names(self) -> dict[str, Any]:
        """The figures a narrative names (report/names.py), read once."""
        if self._names is None:
            self._names = names.figures(self.stats.as_dict(), self.stats.cutoff, self.stats.previous_cutoff)
        return self._names

    def label(self, key: str) -> Any:
        """A label of the catalog; for a footnote of the analyst's, its text."""
        if key.startswith("footnotes.") and key[len("footnotes."):] in self._notes:
            return self._notes[key[len("footnotes."):]]
        return self.words.label(key)

    def paragraph_text(self, key: str) -> Markup:
        """The text of the language's template `key`, for a paragraph the note does not number (the summary)."""
        return paragraphs.render_paragraph(self.lang, key, self._words())

    def has_paragraph(self, key: str) -> bool:
        return key in paragraphs.paragraph_templates(self.lang)

    def footnote(self, key: str, paragraph: int | None = None) -> Markup:
        """A footnote: inline for the PDF (CSS float: footnote), a numbered link to the notes on screen."""
        if key not in self._footnotes:
            self._footnotes.append(key)
        return self._macros.footnote_call(key, self._footnotes.index(key) + 1, paragraph or self._paragraph)

    @property
    def workbook_name(self) -> str:
        return Path(self.provenance.workbook).name or "sample"

    def distribution(self) -> tuple[str, str]:
        """The masthead's date of issue and original language, in English in every language, as United Nations
        documents print that block (the 2020 note's Chinese text: "5 October 2020 / Chinese / Original: English")."""
        doc = self.session.document
        return i18n.date(doc.date, DISTRIBUTION), i18n.babel_locale(DISTRIBUTION).languages.get(
            doc.original_language, doc.original_language)

    def meeting_dates(self) -> str:
        meeting = self.session.meeting
        return i18n.date_range(meeting.start_date, meeting.end_date, self.lang)

    def _words(self, **extra: Any) -> dict[str, Any]:
        """What a paragraph template sees: the sections of the statistics by short names, and the phrases."""
        s, w = keyed.View(self.stats), self.words       # figures that know their keys: links to their rows
        return {
            "s": s, "o": s.overview, "ch": s.by_chapter, "cat": s.by_category, "reg": s.by_region,
            "arts": s.articles, "groups": s.chapter_ii.groups, "v5": s.chapter_v.by_category,
            # the article group that spans the chapters (articles 14 and 52), if the vocabulary has one
            "comb": next(iter(s.combined.values()), None), "cb": s.capacity_building, "xc": s.cross_cutting,
            "chg": s.change, "cutoff": s.cutoff, "prev": s.previous_cutoff, "top_region": w.top_regions()[0],
            "n": w.n, "pct": w.pct, "date": w.date, "month": w.month, "plural": w.plural, "of_states": w.of_states,
            "change": w.change, "article": w.article, "articles": w.articles, "category": w.category,
            "region": w.region, "chapter": w.chapter, "ranking": w.ranking, "top_categories": w.top_categories,
            "category_list": w.category_list, "join": w.join, "fn": self.footnote, "w": w, **extra,
        }

    def _context(self) -> dict[str, Any]:
        """What a page template sees."""
        return {"report": self, "stats": self.stats, "session": self.session, "lang": self.lang,
                "provenance": self.provenance, "figures": self.figures, "label": self.label,
                "w": self.words, "footnotes": self._footnotes, "annex": annex.Annex(self.stats, self.words),
                "changes": changes_annex.view(self.changes, self.words),
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
