"""Stage 5 — render: the report in one language, from statistics.json, the session and the catalogs.

The structure of the note (sections, paragraphs, figures, annexes) is fixed here and is the same in
every language, so paragraph and figure numbers match across languages. The words come from the
language's files: paragraph templates (src/uncac_needs/vocabulary/catalogs/<lang>/paragraphs.yaml, Jinja2) and labels
(labels.yaml). Every number in a sentence is computed from the statistics and formatted by Babel.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import markdown
import nh3
import yaml
from markupsafe import Markup, escape

from uncac_needs import figures, session as session_mod
from uncac_needs.vocabulary import i18n
from uncac_needs.statistics import reconcile
from uncac_needs.statistics import tables
from uncac_needs.report.page import document_title
from uncac_needs.plumbing.provenance import Provenance

ROMAN = {"II": 2, "V": 5}


@lru_cache(maxsize=None)
def paragraph_templates(lang: str) -> dict[str, jinja2.Template]:
    path = i18n.language_dir(lang) / "paragraphs.yaml"
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, lstrip_blocks=True)
    env.filters["capital"] = lambda s: s[:1].upper() + s[1:] if s else s
    with path.open(encoding="utf-8") as fh:
        return {key: env.from_string(text) for key, text in yaml.safe_load(fh).items()}


def _tidy_text(text: str, lang: str) -> str:
    """One line of text from a template: white space made single, none before punctuation
    (nor, for languages written without spaces, between their characters)."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" (?=[,.;:)!?](?:\s|$|<))", "", text)
    if re.search(r"[\u2e80-\u9fff]", text) and i18n.labels(lang).get("cjk_spacing", True) is False:
        text = re.sub(r"(?<=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]) | (?=[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f])", "", text)
    return text


class Report:
    """The report in one language. `html(part)` gives each part; `document()` the whole body."""

    PARTS = ("banner", "masthead", "summary", "introduction", "needs", "chapter_ii", "chapter_v", "further",
             "footnotes", "annexes")

    def __init__(self, stats: dict[str, Any], session: session_mod.Session, lang: str,
                 provenance: Provenance | None = None):
        self.stats, self.session, self.lang = stats, session, lang
        self.provenance = provenance or Provenance()
        self.checks = reconcile.reconcile(stats)
        self.figures = figures.draw_all(stats, lang)
        self._footnotes: list[str] = []
        self._paragraph = 0
        self._parts: dict[str, str] = {}
        self._build()

    @classmethod
    def load(cls, statistics_path: Path | str, session_path: Path | str, lang: str,
             provenance_path: Path | str | None = None) -> "Report":
        stats = json.loads(Path(statistics_path).read_text(encoding="utf-8"))
        sess = session_mod.load(session_path, check_files=False)
        return cls(stats, sess, lang, Provenance.load(provenance_path))

    # ----------------------------------------------------------------- formatting helpers
    def label(self, key: str) -> str:
        return i18n.label(self.lang, key)

    def n(self, value: int | float) -> str:
        return i18n.number(value, self.lang)

    def pct(self, share: float | None, digits: int = 0) -> str:
        """A share as a percentage; a share that would round to 0 but is not zero keeps a decimal."""
        if share is None:
            return "–"
        if digits == 0 and 0 < share < 0.005:
            digits = 1
        return i18n.percent(share, self.lang, digits)

    def date(self, day, style: str = "long") -> str:
        return i18n.date(day, self.lang, style)

    def plural(self, key: str, count: int) -> str:
        return i18n.plural(key, count, self.lang)

    def of_states(self, part: int, total: int) -> str:
        phrases = self.label("phrases.of_states")
        if part == 0:
            key = "none"
        elif part == total:
            key = "all_one" if total == 1 else "all"
        else:
            key = "some"
        return phrases[key].format(part=self.n(part), total=self.n(total))

    def change(self, delta: dict[str, Any] | None, unit: str = "states") -> str:
        """'risen from 15 to 23 (53%)'; for needs the catalog may word it otherwise (phrases.change_needs)."""
        if not delta:
            return ""
        phrases = i18n.labels(self.lang)["phrases"].get(f"change_{unit}") or self.label("phrases.change")
        if delta["previous"] == 0 and delta["current"] > 0:
            key = "from_zero"
        elif delta["change"] > 0:
            key = "up"
        elif delta["change"] < 0:
            key = "down"
        else:
            key = "same"
        share = abs(delta["change_share"]) if delta["change_share"] is not None else 0
        return phrases[key].format(previous=self.n(delta["previous"]), current=self.n(delta["current"]),
                                   share=self.pct(share))

    def article(self, number: int | str, capital: bool = False) -> str:
        return i18n.article_name(int(number), self.lang, capital)

    def articles(self, numbers, capital: bool = False) -> str:
        return i18n.article_list([int(a) for a in numbers], self.lang, capital)

    def term(self, kind: str, code: str) -> str:
        return i18n.term(kind, code, self.lang)

    def join(self, items: list[str]) -> str:
        return i18n.join(items, self.lang)

    def ranking(self, chapter: str, limit: int = 5) -> str:
        """'article 5 (42 needs), article 7 (30) and article 9 (29), followed by articles 6 and 13 (28 each)'."""
        arts = {int(a): v for a, v in self.stats["articles"].items() if v["chapter"] == chapter and v["needs"] > 0}
        by_rank: dict[int, list[int]] = {}
        for a, v in sorted(arts.items(), key=lambda kv: (kv[1]["rank"], kv[0])):
            by_rank.setdefault(v["rank"], []).append(a)
        ranks = sorted(by_rank)
        groups, taken = [], 0
        for rank in ranks:          # the first three places, then one more place if it is shared
            group = by_rank[rank]
            if taken < 3:
                groups.append(group)
                taken += len(group)
            elif len(group) > 1 and taken + len(group) <= limit and len(groups[-1]) == 1:
                groups.append(group)
                break
            else:
                break
        phrases = self.label("phrases")
        texts = []
        for i, group in enumerate(groups):
            needs = arts[group[0]]["needs"]
            if len(group) > 1:
                texts.append(phrases["rank_tie"].format(articles=self.articles(group), count=self.n(needs)))
            elif i == 0:
                texts.append(phrases["rank_first"].format(article=self.article(group[0]),
                                                          needs=self.plural("need", needs)))
            else:
                texts.append(phrases["rank_next"].format(article=self.article(group[0]), count=self.n(needs)))
        singles = [t for t, g in zip(texts, groups) if len(g) == 1]
        ties = [t for t, g in zip(texts, groups) if len(g) > 1]
        if singles and ties and len(groups[-1]) > 1 and all(len(g) == 1 for g in groups[:-1]):
            return phrases["followed_by"].format(first=self.join(singles), rest=self.join(ties))
        return self.join(texts)

    def top_categories(self, counts: dict[str, dict[str, int]], k: int = 2) -> list[tuple[str, int]]:
        order = list(counts)
        ranked = sorted(((c, v["needs"]) for c, v in counts.items() if v["needs"] > 0),
                        key=lambda cv: (-cv[1], order.index(cv[0])))
        return ranked[:k]

    def category_list(self, counts: dict[str, dict[str, int]], with_states: bool = True) -> str:
        items = []
        for code, needs in self.top_categories(counts, k=len(counts)):
            if with_states:
                items.append(self.label("phrases.category_states").format(
                    category=self.term("categories", code), states=self.plural("state", counts[code]["states"]),
                    needs=self.plural("need", needs)))
            else:
                items.append(self.label("phrases.category_count").format(
                    category=self.term("categories", code), count=self.n(needs)))
        return self.join(items)

    def fn(self, key: str) -> Markup:
        """A footnote: inline for the PDF (CSS float: footnote), a numbered link to the notes on screen."""
        if key not in self._footnotes:
            self._footnotes.append(key)
        number = self._footnotes.index(key) + 1
        text = escape(self.label(f"footnotes.{key}"))
        return Markup(f'<span class="fn">{text}</span><sup class="fn-ref"><a href="#fn-{number}" '
                      f'id="fnref-{number}-{self._paragraph}">{number}</a></sup>')

    # ----------------------------------------------------------------- building blocks
    def _context(self, **extra: Any) -> dict[str, Any]:
        s = self.stats
        return {
            "s": s, "o": s["overview"], "ch": s["by_chapter"], "cat": s["by_category"], "reg": s["by_region"],
            "arts": s["articles"], "groups": s["chapter_ii"]["groups"], "v5": s["chapter_v"]["by_category"],
            "comb": s["combined"]["art14_52"], "cb": s["capacity_building"], "xc": s["cross_cutting"],
            "chg": s["change"], "cutoff": s["parameters"]["cutoff_date"], "prev": s["parameters"]["previous_cutoff_date"],
            "n": self.n, "pct": self.pct, "date": self.date, "month": lambda d: self.date(d, "month"),
            "plural": self.plural, "of_states": self.of_states, "change": self.change, "article": self.article,
            "articles": self.articles, "category": lambda c: self.term("categories", c),
            "region": lambda c: self.term("regions", c), "chapter": lambda c: self.term("chapters", c),
            "ranking": self.ranking, "top_categories": self.top_categories, "category_list": self.category_list,
            "join": self.join, "fn": self.fn,
            "top_region": max(s["by_region"], key=lambda c: s["by_region"][c]["states_completed"]), **extra,
        }

    def _text(self, key: str, **extra: Any) -> Markup:
        rendered = paragraph_templates(self.lang)[key].render(**self._context(**extra))
        return Markup(_tidy_text(rendered, self.lang))

    def _para(self, key: str, **extra: Any) -> str:
        self._paragraph += 1
        body = self._text(key, **extra)
        return (f'<p class="para" id="para-{self._paragraph}" data-key="{key}">'
                f'<span class="num">{self._paragraph}.</span> {body}</p>\n')

    def _narrative(self, part: str) -> str:
        path = self.session.narrative_path(self.lang, part)
        out = []
        for block in narrative_paragraphs(path):
            self._paragraph += 1
            out.append(f'<p class="para" id="para-{self._paragraph}" data-key="{part}">'
                       f'<span class="num">{self._paragraph}.</span> {block}</p>\n')
        return "".join(out)

    def _heading(self, level: int, key: str, anchor: str) -> str:
        return f'<h{level} id="{anchor}">{escape(self.label(key))}</h{level}>\n'

    def _figure(self, number: str) -> str:
        fig = self.figures[number]
        svg = fig.svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(fig.alt, quote=True)}" ', 1)
        return (f'<figure class="chart" id="figure-{number}">\n'
                f'<figcaption>{escape(fig.caption)}</figcaption>\n'
                f'<div class="svg">{svg}</div>\n'
                f'<p class="alt">{escape(fig.alt)}</p>\n</figure>\n')

    def _build(self) -> None:
        s, parts = self.stats, self._parts
        parts["banner"] = self._banner()
        parts["masthead"] = self._masthead()
        parts["summary"] = (f'<section class="summary"><h2 class="summary-title">{escape(self.label("masthead.summary"))}</h2>\n'
                            f'<p>{self._text("summary")}</p></section>\n')
        parts["introduction"] = self._heading(2, "headings.introduction", "section-I") + self._narrative("introduction")

        out = [self._heading(2, "headings.needs", "section-II"), self._para("comparison"), self._figure("I"),
               self._para("chapters")]
        if s["parameters"]["previous_cutoff_date"]:
            out.append(self._para("growth"))
        out += [self._figure("II"), self._para("capacity_building"), self._para("legislative"),
                self._para("cross_cutting"), self._figure("III"), self._para("regions_intro")]
        for code, r in s["by_region"].items():
            if r["states_completed"] > 0:
                out.append(self._para("region", code=code, r=r))
        parts["needs"] = "".join(out)

        out = [self._heading(2, "headings.chapter_ii", "section-III"), self._para("chapter_ii_overview"), self._figure("IV")]
        for code, g in s["chapter_ii"]["groups"].items():
            out.append(self._heading(3, f"headings.groups.{code}", f"group-{code}"))
            out.append(self._para("group_14" if code == "14" else "group", code=code, g=g))
        parts["chapter_ii"] = "".join(out)

        parts["chapter_v"] = "".join([
            self._heading(2, "headings.chapter_v", "section-IV"), self._figure("V"), self._para("chapter_v_overview"),
            self._para("chapter_v_articles"), self._para("chapter_v_categories"),
            self._heading(3, "headings.article_52", "group-52"), self._para("combined"),
        ])
        parts["further"] = (self._heading(2, "headings.further", "section-V") + self._narrative("further_consideration")
                            + self._figure("VI"))
        parts["footnotes"] = self._footnote_list()
        parts["annexes"] = self._annexes()

    def _banner(self) -> str:
        if not self.provenance.synthetic:
            return ""
        text = self.label("banner.synthetic").format(workbook=Path(self.provenance.workbook).name or "sample")
        return f'<div class="banner" role="note">{escape(text)}</div>\n'

    def _masthead(self) -> str:
        m, doc, meeting = self.label("masthead"), self.session.document, self.session.meeting
        if self.session.draft:          # no session file: no meeting, symbol or date is claimed
            note = m["draft"].format(cutoff=self.date(self.session.cutoff_date))
            return "\n".join([
                '<header class="masthead draft">',
                f'<div class="symbol">{escape(m["draft_mark"])}</div>',
                f'<div class="body">{escape(m["body"])}</div>',
                f'<h1 class="title">{escape(m["title"])}</h1>',
                f'<div class="note">{escape(note)}</div>',
                '</header>',
            ]) + "\n"
        original = i18n.babel_locale(self.lang).languages.get(doc.original_language, doc.original_language)
        when = i18n.date_range(meeting.start_date, meeting.end_date, self.lang)
        lines = [
            '<header class="masthead">',
            f'<div class="symbol">{escape(doc.symbol)}</div>',
            f'<div class="un">{escape(m["un"])}</div>',
            f'<div class="body">{escape(m["body"])}</div>',
            '<div class="distribution">',
            f'<div>{escape(m["distribution"])}</div><div>{escape(self.date(doc.date))}</div>',
            f'<div>{escape(m["language"])}</div>' if m["language"] else "",
            f'<div>{escape(m["original"].format(language=original))}</div>',
            '</div>',
            f'<div class="organ">{escape(m["organ"][meeting.organ])}</div>',
            f'<div class="session">{escape(session_mod.text(meeting.session, self.lang))}</div>',
            f'<div class="place">{escape(m["place_dates"].format(place=session_mod.text(meeting.place, self.lang), dates=when))}</div>',
            f'<div class="agenda">{escape(m["agenda"].format(item=self.n(self.session.agenda.item)))}</div>',
            f'<div class="agenda-title">{escape(session_mod.text(self.session.agenda.title, self.lang))}</div>',
            f'<h1 class="title">{escape(m["title"])}</h1>',
            f'<div class="note">{escape(m["note"])}</div>',
            '</header>',
        ]
        return "\n".join(lines) + "\n"

    def _footnote_list(self) -> str:
        if not self._footnotes:
            return ""
        items = "".join(f'<li id="fn-{i}">{escape(self.label(f"footnotes.{key}"))}</li>'
                        for i, key in enumerate(self._footnotes, start=1))
        return (f'<section class="footnotes"><h2>{escape(self.label("headings.footnotes"))}</h2>'
                f'<ol>{items}</ol></section>\n')

    # ----------------------------------------------------------------- annexes
    def _table(self, table: tables.Table, caption: str | None = None) -> str:
        numeric = ' class="num"'
        head = "".join(f'<th scope="col"{numeric if c.kind in ("int", "share") else ""}>'
                       f'{escape(table.heading(c, self.lang))}</th>' for c in table.columns)
        rows = []
        for row in table.rows:
            cells = []
            for i, column in enumerate(table.columns):
                value = row.get(column.key)
                if column.kind == "label":
                    text = value[self.lang]
                elif value is None:
                    text = "–"
                elif column.kind == "int":
                    text = self.n(value)
                elif column.kind == "share":
                    text = self.pct(value, 1)
                else:
                    text = str(value)
                tag = "th" if i == 0 else "td"
                scope = ' scope="row"' if i == 0 else ""
                align = ' class="num"' if column.kind in ("int", "share") else ""
                cells.append(f"<{tag}{scope}{align}>{escape(text)}</{tag}>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        caption = caption or table.title(self.lang)
        return (f'<table class="data" id="table-{table.code}"><caption>{escape(caption)}</caption>'
                f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>\n')

    def _annexes(self) -> str:
        built = {t.code: t for t in tables.build(self.stats, self.checks, (self.lang,))}
        out = [f'<section class="annexes"><h2 id="annexes">{escape(self.label("headings.annexes"))}</h2>',
               self._heading(3, "headings.annex_tables", "annex-I"),
               f'<p>{escape(self.label("annex.figure_data"))}</p>']
        for code, t in built.items():
            if code not in ("cleaning", "reconciliation"):
                out.append(self._table(t))

        out.append(self._heading(3, "headings.annex_quality", "annex-II"))
        out.append(f'<p>{escape(self.label("annex.quality_intro"))}</p>')
        if "cleaning" in built:
            out.append(self._table(built["cleaning"]))
        rules = self.label("rules")
        for role, reasons in self.stats.get("cleaning_reasons", {}).items():
            if not reasons:
                continue
            sheet = self.label(f"sheets.{role}")
            rows = "".join(f'<tr><th scope="row">{escape(rules.get(rule, rule))}</th><td class="num">{escape(self.n(count))}</td></tr>'
                           for rule, count in list(reasons.items())[:8])
            out.append(f'<table class="data reasons"><caption>{escape(self.label("annex.reasons").format(sheet=sheet))}'
                       f'</caption><thead><tr><th scope="col">{escape(self.label("annex.reason"))}</th>'
                       f'<th scope="col">{escape(self.label("annex.count"))}</th></tr></thead><tbody>{rows}</tbody></table>\n')

        suspect = self.stats.get("cleaning_suspect_dates") or []
        if suspect:
            head = "".join(f'<th scope="col">{escape(self.label(f"annex.suspect_columns.{c}"))}</th>'
                           for c in ("state", "sheet", "row", "date"))
            rows = "".join(f'<tr><th scope="row">{escape(i18n.term("states", s["state"], self.lang))}</th>'
                           f'<td>{escape(s["sheet"])}</td><td class="num">{escape(str(s["row"]))}</td>'
                           f'<td>{escape(self.date(s["date"]))}</td></tr>' for s in suspect)
            out.append(f'<table class="data suspect-dates"><caption>{escape(self.label("annex.suspect_dates"))}'
                       f'</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>\n')

        out.append(self._heading(3, "headings.annex_reconciliation", "annex-III"))
        if self.checks:
            comparable = [c for c in self.checks if c.status != "not computed"]
            intro = self.label("annex.reconciliation_intro").format(
                matched=self.n(sum(c.status == "match" for c in comparable)), comparable=self.n(len(comparable)),
                impossible=self.n(sum(c.impossible is not None for c in comparable)),
                descriptive=self.n(sum(c.status == "not computed" for c in self.checks)))
            out.append(f"<p>{escape(intro)}</p>")
            out.append(self._table(built["reconciliation"]))
        else:
            out.append(f'<p>{escape(self.label("annex.reconciliation_none"))}</p>')

        out.append(self._heading(3, "headings.annex_method", "annex-IV"))
        out.append(self._method())
        out.append("</section>")
        return "".join(out)

    def _method(self) -> str:
        m, p, params = self.label("annex.method"), self.provenance, self.stats["parameters"]
        items = []
        if p.workbook:          # a report rendered by hand, without provenance, shows what it knows
            items += [m["workbook"].format(name=Path(p.workbook).name, sha=p.workbook_sha256),
                      m["synthetic"] if p.synthetic else m["real"]]
        if params["previous_cutoff_date"]:
            items.append(m["cutoff"].format(cutoff=self.date(params["cutoff_date"]),
                                            previous=self.date(params["previous_cutoff_date"])))
        else:
            items.append(m["no_previous"].format(cutoff=self.date(params["cutoff_date"])))
        if p.session_file:
            items.append(m["session"].format(name=Path(p.session_file).name, sha=p.session_sha256))
        if p.mapping_file:
            items.append(m["mapping"].format(name=Path(p.mapping_file).name, sha=p.mapping_sha256))
        if p.version:
            packages = ", ".join(f"{k} {v}" for k, v in sorted(p.packages.items()))
            items.append(m["software"].format(version=p.version, commit=p.commit or "–", python=p.python,
                                              packages=packages))
        facts = "".join(f"<li>{escape(t)}</li>" for t in items)
        rules = "".join(f"<li>{escape(t)}</li>" for t in m["rules"])
        return (f'<ul class="provenance">{facts}</ul><h4>{escape(m["rules_title"])}</h4>'
                f'<ol class="rules">{rules}</ol>\n')

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
        return document_title(self.lang, self.session)


def narrative_paragraphs(path: Path) -> list[str]:
    """A narrative file (Markdown) as paragraphs of safe HTML: raw HTML in it is sanitised."""
    out = []
    for block in session_mod.narrative_blocks(path):
        rendered = markdown.markdown(block, output_format="html")
        rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered.strip(), flags=re.S)
        out.append(nh3.clean(rendered, tags={"em", "strong", "a", "code", "sup", "sub", "br"},
                             attributes={"a": {"href"}}, url_schemes={"https", "http", "mailto"}))
    return out
