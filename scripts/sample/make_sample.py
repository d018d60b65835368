"""The synthetic sample workbook: `make sample` (python scripts/sample/make_sample.py).

The real workbook is not public. This module writes one that behaves like it: typed by hand
(title rows, blank rows, stray spaces, spelling variants, dates as dates and as text, articles in
every form the contract lists, a few duplicates and rows that must be rejected) and calibrated so
that, cleaned and counted, it reproduces every figure the published notes state exactly at the
three published cutoffs. The calibration is built, not searched for: the plan below fixes each
State's needs per chapter, then places the needs of each article (and category) on exactly as many
States as the notes give. Everything is deterministic: the same file, byte for byte, every run.

Where the published figures cannot all hold at once (the growth percentages of paragraph 6 of the
2020 note), the run says which and why.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter

from uncac_needs.plumbing import config
from uncac_needs.vocabulary import reference
from uncac_needs.vocabulary.i18n import int_to_zh

import describe    # scripts/sample/describe.py: the need descriptions

SEED = 20201005
CREATED = dt.datetime(2021, 6, 1, 9, 0, 0)

# --------------------------------------------------------------------------- the plan
# (State, period, needs under chapter II, needs under chapter V). Periods: P1 summaries completed by
# 2019-08-31; P2 by 2020-09-30; P3 by 2021-05-31; P4 later. Regional groups come from the
# reference table, except where REGION_IN_SHEET overrides them (the sheet wins).
PLAN_STATES: list[tuple[str, str, int, int]] = [
    # African Group: 18 summaries by 2020-09-30, 14 of them with 280 needs
    ("KEN", "P1", 26, 12), ("NGA", "P1", 23, 10), ("GHA", "P1", 21, 9), ("TZA", "P1", 19, 8),
    ("CIV", "P2", 17, 8), ("UGA", "P1", 15, 7), ("ZMB", "P2", 14, 6), ("SEN", "P1", 13, 6),
    ("MDG", "P2", 12, 5), ("MWI", "P1", 10, 5), ("BFA", "P1", 9, 4), ("NAM", "P2", 7, 3),
    ("BWA", "P2", 4, 3), ("MUS", "P2", 0, 4),
    ("RWA", "P1", 0, 0), ("TUN", "P1", 0, 0), ("EGY", "P1", 0, 0), ("ZAF", "P2", 0, 0),
    # Asia-Pacific Group: 11 summaries, 8 with 73 needs (18 per cent)
    ("VNM", "P1", 13, 5), ("IDN", "P2", 10, 4), ("PHL", "P1", 8, 4), ("PAK", "P2", 7, 3),
    ("MNG", "P1", 6, 2), ("LKA", "P2", 4, 2), ("FJI", "P2", 0, 3), ("TLS", "P2", 0, 2),
    ("SGP", "P1", 0, 0), ("KOR", "P1", 0, 0), ("TUR", "P2", 0, 0),
    # Eastern European Group: 3 summaries, 2 with 25 needs, 17 of them (68 per cent) under chapter V
    ("MDA", "P1", 8, 8), ("GEO", "P1", 0, 9), ("LTU", "P1", 0, 0),
    # Latin American and Caribbean Group: 8 summaries, 5 with 24 needs
    ("ECU", "P1", 6, 3), ("GTM", "P1", 5, 2), ("HND", "P1", 3, 1), ("DOM", "P2", 0, 2), ("PRY", "P2", 0, 2),
    ("CHL", "P1", 0, 0), ("URY", "P1", 0, 0), ("CRI", "P2", 0, 0),
    # Western European and other States Group: 4 summaries, 1 with 2 needs
    ("MLT", "P1", 0, 2), ("AUT", "P1", 0, 0), ("FIN", "P1", 0, 0), ("CHE", "P2", 0, 0),
    # completed by 2021-05-31: 13 more summaries, 9 with 51 needs
    ("SLE", "P3", 7, 3), ("LBR", "P3", 5, 3), ("NER", "P3", 4, 2), ("BGD", "P3", 5, 2), ("NPL", "P3", 3, 2),
    ("ARM", "P3", 2, 2), ("BOL", "P3", 3, 2), ("PER", "P3", 3, 1), ("PRT", "P3", 1, 1),
    ("JPN", "P3", 0, 0), ("SVN", "P3", 0, 0), ("BRA", "P3", 0, 0), ("NOR", "P3", 0, 0),
    # completed after 2021-05-31 (the workbook goes on growing)
    ("CMR", "P4", 8, 4), ("TGO", "P4", 6, 3), ("KAZ", "P4", 5, 3), ("ALB", "P4", 4, 4), ("PAN", "P4", 3, 2),
    ("LAO", "P4", 5, 3), ("CAN", "P4", 0, 0), ("IRL", "P4", 0, 0),
]
REGION_IN_SHEET = {"TUR": "asia_pacific"}  # the sheet disagrees with the reference table; the sheet wins

PERIOD_DATES = {
    "P1": (dt.date(2017, 3, 1), dt.date(2019, 8, 31)),
    "P2": (dt.date(2019, 9, 1), dt.date(2020, 9, 30)),
    "P3": (dt.date(2020, 10, 1), dt.date(2021, 5, 31)),
    "P4": (dt.date(2021, 6, 1), dt.date(2022, 11, 30)),
}


@dataclass(frozen=True)
class Block:
    """`count` needs under one chapter, spread over exactly `states` States (None: as it falls).

    `patterns` gives the article sets in turn (a pattern repeated `n` times); `within`/`outside`
    name earlier blocks whose States this block must (partly) share or avoid.
    """

    name: str
    chapter: str
    patterns: tuple[tuple[tuple[int, ...], int], ...]
    states: int | None = None
    within: tuple[str, int] | None = None      # (block, how many of this block's States come from it)
    outside: str | None = None                 # block whose States this block's other States avoid

    @property
    def count(self) -> int:
        return sum(n for _, n in self.patterns)


def _b(name, chapter, patterns, states=None, within=None, outside=None) -> Block:
    return Block(name, chapter, tuple((tuple(a), n) for a, n in patterns), states, within, outside)


# Needs of the States completed by 2020-09-30 (periods P1 and P2): 260 under chapter II, 144 under V.
# The note treats article 14 with article 52 under chapter V (paragraphs 35 and 43): some chapter V needs cite
# both ('52/14', as the keepers write them) and count under each article, so articles 14 and 52 together are
# the 22 needs of article 14 under chapter II and the 18 of article 52, 4 of which cite 14 too: 40 needs.
BLOCKS_2020 = [
    _b("art51", "V", [((51,), 32)], states=15),
    _b("art54", "V", [((54,), 23), ((54, 55), 4)], states=16),
    _b("art52", "V", [((52,), 14), ((14, 52), 4)], states=12),
    _b("art53", "V", [((53,), 10)]), _b("art55", "V", [((55,), 8)]), _b("art56", "V", [((56,), 6)]),
    _b("art57", "V", [((57,), 9)]), _b("art58", "V", [((58,), 8)]), _b("art59", "V", [((59,), 5)]),
    _b("general V", "V", [((), 21)]),
    _b("arts5-6", "II", [((5,), 37), ((5, 6), 5), ((6,), 23)], states=17),
    _b("arts7-8", "II", [((7,), 27), ((7, 8), 3), ((8,), 22)], states=17),
    _b("arts10-13", "II", [((10,), 12), ((10, 13), 2), ((13,), 26)], states=16),
    _b("art9", "II", [((9,), 29)], states=13),
    _b("art11", "II", [((11,), 16)], states=10),
    _b("art14", "II", [((14,), 22)], states=9, within=("art52", 5), outside="art52"),
    _b("art12", "II", [((12,), 11)], states=7),
    _b("general II", "II", [((), 25)]),
]
# Needs of the 9 States completed between 2020-10-01 and 2021-05-31: 33 under chapter II, 18 under V.
BLOCKS_2021 = [
    _b("art51", "V", [((51,), 5)], states=4),
    _b("art54", "V", [((54,), 5)], states=3),
    _b("art52", "V", [((52,), 1), ((14, 52), 1)], states=2),
    _b("others V", "V", [((53,), 1), ((55,), 2), ((58,), 1), ((), 2)]),
    _b("art14", "II", [((14,), 2)], states=1, outside="art52"),
    _b("others II", "II", [((5,), 1), ((6,), 2), ((7,), 3), ((8,), 2), ((9,), 3), ((10,), 1), ((11,), 2),
                           ((12,), 1), ((13,), 3), ((), 13)]),
]
# Needs of the States completed after 2021-05-31: plausible, nothing published to meet.
BLOCKS_LATER = [
    _b("later V", "V", [((51,), 4), ((52,), 1), ((14, 52), 1), ((54,), 3), ((55,), 2), ((57,), 1), ((58,), 2),
                        ((), 5)]),
    _b("later II", "II", [((5,), 5), ((6,), 3), ((7,), 3), ((8,), 2), ((9,), 4), ((10,), 1), ((11,), 2),
                          ((12,), 2), ((13,), 2), ((14,), 2), ((), 5)]),
]

# Categories: (code, needs, States or None) per chapter and period; constrained ones first.
CATEGORIES = {
    ("P12", "V"): [("capacity_building", 57, 14), ("legislative_assistance", 32, 13), ("institution_building", 10, 6),
                   ("international_cooperation", 16, None), ("other", 15, None), ("research_data", 10, None),
                   ("policymaking", 4, None)],
    ("P12", "II"): [("capacity_building", 120, None), ("legislative_assistance", 35, None),
                    ("institution_building", 40, None), ("research_data", 30, None), ("policymaking", 26, None),
                    ("other", 5, None), ("international_cooperation", 4, None)],
    ("P3", "V"): [("capacity_building", 8, None), ("legislative_assistance", 4, None), ("institution_building", 3, None),
                  ("research_data", 1, None), ("international_cooperation", 1, None), ("other", 1, None)],
    ("P3", "II"): [("capacity_building", 14, None), ("legislative_assistance", 6, None), ("institution_building", 5, None),
                   ("policymaking", 3, None), ("research_data", 3, None), ("international_cooperation", 1, None),
                   ("other", 1, None)],
    ("P4", "V"): [("capacity_building", 8, None), ("legislative_assistance", 5, None), ("institution_building", 2, None),
                  ("international_cooperation", 2, None), ("research_data", 1, None), ("other", 1, None)],
    ("P4", "II"): [("capacity_building", 14, None), ("legislative_assistance", 5, None), ("institution_building", 4, None),
                   ("policymaking", 3, None), ("research_data", 3, None), ("other", 2, None)],
}
SUBCATEGORIES = {
    "P12": [("training", 78), ("ict_tools", 31), ("awareness_raising", 24), ("good_practices", 22), ("other", 9),
            (None, 13)],
    "P3": [("training", 9), ("ict_tools", 4), ("awareness_raising", 3), ("good_practices", 3), ("other", 1), (None, 2)],
    "P4": [("training", 10), ("ict_tools", 5), ("awareness_raising", 3), ("good_practices", 2), ("other", 1), (None, 1)],
}


class PlanError(RuntimeError):
    """The plan cannot be met as written (a block asks for more States than have room)."""


@dataclass
class PlanState:
    iso3: str
    period: str
    quota: dict[str, int]
    summary_date: dt.date | None = None


@dataclass
class PlanNeed:
    state: str
    chapter: str
    articles: tuple[int, ...]
    block: str
    category: str = ""
    subcategory: str | None = None
    description: str = ""
    topics: str | None = None          # the keepers' own topics cell (describe.py), mostly blank


@dataclass
class Plan:
    states: list[PlanState]
    needs: list[PlanNeed] = field(default_factory=list)


def _place_blocks(states: list[PlanState], blocks: list[Block]) -> list[PlanNeed]:
    """Put each block's needs on exactly `block.states` States, filling each State's quota exactly."""
    order = {s.iso3: i for i, s in enumerate(states)}
    room = {s.iso3: dict(s.quota) for s in states}
    chosen: dict[str, list[str]] = {}
    needs: list[PlanNeed] = []

    def pick(chapter: str, k: int, pool: list[str]) -> list[str]:
        candidates = sorted((s for s in pool if room[s][chapter] > 0), key=lambda s: (-room[s][chapter], order[s]))
        if len(candidates) < k:
            raise PlanError(f"not enough States with room under chapter {chapter} for {k} States")
        return candidates[:k]

    everyone = [s.iso3 for s in states]
    for block in blocks:
        ch = block.chapter
        if block.states is None:
            holders: list[str] = []
            for _ in range(block.count):
                best = max((s for s in everyone if room[s][ch] > 0), key=lambda s: (room[s][ch], -order[s]), default=None)
                if best is None:
                    raise PlanError(f"block {block.name}: no room left under chapter {ch}")
                room[best][ch] -= 1
                holders.append(best)
        else:
            if block.within:
                source, inside = block.within
                picked = pick(ch, inside, chosen[source])
                picked += pick(ch, block.states - inside, [s for s in everyone if s not in chosen[source]])
            elif block.outside:
                picked = pick(ch, block.states, [s for s in everyone if s not in chosen.get(block.outside, [])])
            else:
                picked = pick(ch, block.states, everyone)
            if block.count < len(picked):
                raise PlanError(f"block {block.name} has fewer needs than States")
            holders = list(picked)
            for s in picked:
                room[s][ch] -= 1
            for _ in range(block.count - len(picked)):
                best = max((s for s in picked if room[s][ch] > 0), key=lambda s: (room[s][ch], -order[s]), default=None)
                if best is None:
                    raise PlanError(f"block {block.name}: its {len(picked)} States have no room for more needs")
                room[best][ch] -= 1
                holders.append(best)
        chosen[block.name] = sorted(set(holders), key=order.get)
        # patterns in turn (5, 5+6, 6, 5, ...) so that each State gets a mix
        patterns = [a for a, n in block.patterns for _ in range(n)]
        interleaved = [patterns[i] for i in sorted(range(len(patterns)), key=lambda i: (i * 7919) % len(patterns))]
        holders.sort(key=order.get)
        for state, arts in zip(holders, interleaved):
            needs.append(PlanNeed(state, ch, arts, block.name))
    left = {s: q for s, q in room.items() if any(q.values())}
    if left:
        raise PlanError(f"quotas not filled: {left}")
    return needs


def _assign_categories(needs: list[PlanNeed], spec: list[tuple[str, int, int | None]], rng: random.Random) -> None:
    if sum(n for _, n, _ in spec) != len(needs):
        raise PlanError(f"categories add up to {sum(n for _, n, _ in spec)}, not {len(needs)}")
    by_state: dict[str, list[PlanNeed]] = {}
    for need in needs:
        by_state.setdefault(need.state, []).append(need)
    order = {s: i for i, s in enumerate(by_state)}
    free: list[str] = []
    for code, count, k in spec:
        if k is None:
            free += [code] * count
            continue
        picked = sorted(by_state, key=lambda s: (-len(by_state[s]), order[s]))[:k]
        if len(picked) < k or any(not by_state[s] for s in picked):
            raise PlanError(f"category {code}: fewer than {k} States have needs left")
        for i in range(count):
            s = picked[i] if i < k else max((p for p in picked if by_state[p]), key=lambda p: (len(by_state[p]), -order[p]))
            need = by_state[s].pop(rng.randrange(len(by_state[s])))
            need.category = code
    rest = [n for s in by_state for n in by_state[s]]
    rng.shuffle(free)
    for need, code in zip(rest, free):
        need.category = code


def _assign_subcategories(needs: list[PlanNeed], spec: list[tuple[str | None, int]], rng: random.Random) -> None:
    cb = [n for n in needs if n.category == "capacity_building"]
    pool = [code for code, count in spec for _ in range(count)]
    if len(pool) != len(cb):
        raise PlanError(f"subcategories add up to {len(pool)}, not {len(cb)} capacity-building needs")
    rng.shuffle(pool)
    for need, code in zip(cb, pool):
        need.subcategory = code


def _dates(states: list[PlanState], rng: random.Random) -> None:
    for period, (first, last) in PERIOD_DATES.items():
        members = [s for s in states if s.period == period]
        span = (last - first).days
        days = sorted(rng.sample(range(1, span), len(members) - 2)) if len(members) > 2 else []
        dates = [first] + [first + dt.timedelta(days=d) for d in days] + [last]
        rng.shuffle(members)
        for s, d in zip(members, sorted(dates)):
            s.summary_date = d


def build_plan(seed: int = SEED) -> Plan:
    rng = random.Random(seed)
    states = [PlanState(iso3, period, {"II": ii, "V": v}) for iso3, period, ii, v in PLAN_STATES]
    _dates(states, rng)
    plan = Plan(states)
    for periods, blocks, cat_key, sub_key in (
        (("P1", "P2"), BLOCKS_2020, "P12", "P12"),
        (("P3",), BLOCKS_2021, "P3", "P3"),
        (("P4",), BLOCKS_LATER, "P4", "P4"),
    ):
        members = [s for s in states if s.period in periods and any(s.quota.values())]
        needs = _place_blocks(members, blocks)
        for chapter in ("II", "V"):
            _assign_categories([n for n in needs if n.chapter == chapter], CATEGORIES[(cat_key, chapter)], rng)
        _assign_subcategories(needs, SUBCATEGORIES[sub_key], rng)
        plan.needs += needs
    describe.describe(plan.needs, {s.iso3: s.period for s in states}, rng)   # descriptions.yaml
    order = {s.iso3: (s.summary_date, i) for i, s in enumerate(states)}
    plan.needs.sort(key=lambda n: (order[n.state], n.chapter, n.articles or (99,)))
    return plan


# --------------------------------------------------------------------------- writing it messily

STATE_SPELLINGS = {  # how the keepers happened to type some names
    "CIV": "Cote d'Ivoire", "VNM": "Vietnam", "TUR": "Turkey", "MDA": "Moldova", "TZA": "Tanzania",
    "BOL": "Bolivia", "GEO": "格鲁吉亚", "LAO": "Lao PDR", "KOR": "South Korea", "KEN": "  Kenya ",
    "NPL": "尼泊尔", "GBR": "UK",
}
REGION_SPELLINGS = {
    "african": ["African Group", "Africa", "非洲国家组"],
    "asia_pacific": ["Asia-Pacific Group", "Asia Pacific", "亚太"],
    "eastern_european": ["Eastern European Group", "EEG"],
    "latin_american_caribbean": ["GRULAC", "Latin America and the Caribbean", "拉丁美洲和加勒比国家组"],
    "western_european_other": ["WEOG", "Western European and other States Group"],
}
CATEGORY_SPELLINGS = {
    "capacity_building": ["capacity-building", "Capacity building", "CAPACITY BUILDING", "能力建设", "capacity-building "],
    "legislative_assistance": ["legislative assistance", "Legislative Assistance", "立法援助", "Legislative"],
    "institution_building": ["institution-building", "Institution building", "机构建设", "Institutional building"],
    "policymaking": ["policymaking (policy advice)", "Policy advice", "决策援助", "Policy-making"],
    "research_data": ["research, data collection and analysis", "Research/data collection and analysis",
                      "研究/数据收集和分析", "Research and data"],
    "international_cooperation": ["facilitation of international cooperation", "International cooperation",
                                  "促进国际合作", "International co-operation"],
    "other": ["other", "Other", "其他", "Others"],
}
SUBCATEGORY_SPELLINGS = {
    "training": ["training and skills development", "Training", "培训和技能发展", "training "],
    "ict_tools": ["technical support for information and communications technology tools", "ICT tools", "信通技术工具"],
    "awareness_raising": ["awareness-raising materials and activities", "Awareness raising", "提高认识"],
    "good_practices": ["exchange of good practices and experience", "Good practices", "交流良好做法和经验"],
    "other": ["other", "Other"],
}
CHAPTER_SPELLINGS = {"II": ["II", "2", "Chapter II", "Ch. II", "第二章", "二", "chapter 2"],
                     "V": ["V", "5", "Chapter V", "Ch. V", "第五章", "五", "chapter v"]}


def _article_text(articles: tuple[int, ...], i: int):
    """Most articles are typed plainly; every third one in another of the contract's forms."""
    if not articles:
        return None
    if articles == (14, 52):            # articles 52 and 14 together, as the keepers write them
        return "52/14" if i % 2 else "第五十二条和第十四条"
    if i % 3:
        return articles[0] if len(articles) == 1 else ", ".join(str(a) for a in articles)
    k = i // 3
    if len(articles) == 1:
        a = articles[0]
        forms = [f"Art. {a}", f"article {a} (1)", f"art. {a}(1)(b)", f"第{int_to_zh(a)}条", f"第{a}条", f"Article {a}"]
        return forms[k % len(forms)]
    x, y = articles
    forms = [f"arts. {x} and {y}", f"{y}/{x}", f"第{int_to_zh(x)}条和第{int_to_zh(y)}条", f"Articles {x} & {y}"]
    return forms[k % len(forms)]


def _date_cell(d: dt.date, i: int):
    """Most dates are real Excel dates; some are typed as text or left as a serial number."""
    form = i % 10
    if form == 3:
        return d.isoformat()
    if form == 5:
        return d.strftime("%d/%m/%Y")
    if form == 7:
        return f"{d.day} {d.strftime('%B')} {d.year}"
    if form == 8:
        return f"{d.year}年{d.month}月{d.day}日"
    if form == 9:
        return float((d - dt.date(1899, 12, 30)).days)  # a serial number in a cell formatted as General
    return d


# Rows that cleaning must reject or drop, written into the sheets beside the plan.
REJECTED_REVIEWS = [
    ("Holy See", dt.date(2019, 5, 14), None),          # not a State party
    ("Untied Kingdom", dt.date(2020, 2, 11), None),    # a typo: no such State
    ("Eswatini", "pending", None),                      # no date yet: its needs are rejected too
]
REJECTED_NEEDS = [  # (state, chapter, article, category, subcategory, description)
    ("Kenya", "II", "Art. 36", "capacity-building", "Training", "Training on specialized authorities"),
    ("Nigeria", "II", "52", "legislative assistance", None, "Legislation on politically exposed persons"),
    ("Ghana", None, "52/14", "capacity-building", "training", "Training for the financial intelligence unit"),
    ("Uganda", None, "第五十二条和第十四条", "能力建设", "培训和技能发展", "为金融情报机构开展培训"),
    ("Senegal", None, None, "institution-building", None, "General support to the anti-corruption agency"),
    ("Malawi", "V", "51", "Financial support", None, "Funding for asset recovery cases"),
    ("Eswatini", "II", "5", "policymaking (policy advice)", None, "Support for a national anti-corruption strategy"),
    ("Eswatini", "V", "54", "capacity-building", "Training", "Training on confiscation"),
]


def write_workbook(plan: Plan, path: Path, seed: int = SEED) -> None:
    states = reference.states()
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({
        "title": "SYNTHETIC sample of the UNCAC technical assistance needs workbook",
        "subject": "Synthetic data for uncac-needs: not real country review data",
        "author": "uncac-needs sample generator (scripts/sample/make_sample.py)",
        "company": "uncac-needs",
        "keywords": "synthetic, sample, UNCAC, technical assistance",
        "comments": "Every row is invented. Calibrated to reproduce the figures published for 2019-08-31, "
                    "2020-09-30 and 2021-05-31.",
        "created": CREATED,
    })
    wb.set_custom_property("Synthetic", True)
    bold = wb.add_format({"bold": True})
    title = wb.add_format({"bold": True, "font_size": 13})
    date_fmt = wb.add_format({"num_format": "dd-mmm-yyyy"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})

    about = wb.add_worksheet("About this sample")
    about.set_column(0, 0, 110, wrap)
    lines = [
        ("SYNTHETIC SAMPLE — NOT REAL DATA", title),
        ("This workbook imitates the one in which UNODC keeps the technical assistance needs identified in the "
         "second-cycle reviews of the UN Convention against Corruption. Every row is invented.", None),
        ("It was written by `make sample` (scripts/sample/make_sample.py, seed "
         f"{seed}); running it again gives the same file, byte for byte.", None),
        ("At the cutoffs 2019-08-31, 2020-09-30 and 2021-05-31 it reproduces every figure the published notes "
         "state exactly; the report's reconciliation annex lists them.", None),
        ("It is deliberately untidy, as hand-kept sheets are: title rows, blank rows, stray spaces, spelling "
         "variants, dates typed as text, duplicates, and rows that cleaning must reject.", None),
        ("样本数据为合成数据，并非真实的国别审议数据。", None),
    ]
    for r, (text, fmt) in enumerate(lines):
        about.write_string(r, 0, text, fmt)

    # ---- reviews
    ws = wb.add_worksheet("Executive summaries")
    ws.write_string(0, 0, "UNCAC Implementation Review Mechanism — second cycle", title)
    ws.write_string(1, 0, "Executive summaries completed (SYNTHETIC SAMPLE — not real data)")
    header = ["Country", "Date completed", "Regional group", "Remarks"]
    for c, h in enumerate(header):
        ws.write_string(3, c, h, bold)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 18)
    ws.set_column(2, 2, 30)
    ws.set_column(3, 3, 40)
    row = 4
    ordered = sorted(plan.states, key=lambda s: s.summary_date)
    extras_after = {5: REJECTED_REVIEWS[0], 30: REJECTED_REVIEWS[1], 50: REJECTED_REVIEWS[2]}
    for i, s in enumerate(ordered):
        if i and i % 11 == 0:
            row += 1  # a blank row now and then
        state = states[s.iso3]
        name = STATE_SPELLINGS.get(s.iso3, state.name_en)
        ws.write(row, 0, name)
        value = _date_cell(s.summary_date, i)
        if isinstance(value, dt.date):
            ws.write_datetime(row, 1, dt.datetime.combine(value, dt.time()), date_fmt)
        elif isinstance(value, float):
            ws.write_number(row, 1, value)
        else:
            ws.write_string(row, 1, value)
        group = REGION_IN_SHEET.get(s.iso3)
        if group is None and i % 3 == 0:
            group = state.regional_group
        if group:
            options = REGION_SPELLINGS[group]
            ws.write_string(row, 2, options[i % len(options)])
        if s.iso3 in REGION_IN_SHEET:
            ws.write_string(row, 3, "Group as used by the review mechanism")
        row += 1
        if s.iso3 == "KEN":  # the same State entered again, spelled otherwise, same date: a duplicate
            ws.write_string(row, 0, "KENYA")
            ws.write_datetime(row, 1, dt.datetime.combine(s.summary_date, dt.time()), date_fmt)
            row += 1
        if s.iso3 == "GHA":  # the same State again with another date: rejected, the first row stands
            ws.write_string(row, 0, "Ghana")
            ws.write_string(row, 1, (s.summary_date + dt.timedelta(days=40)).isoformat())
            ws.write_string(row, 3, "revised?")
            row += 1
        if i in extras_after:
            name, date, _ = extras_after[i]
            ws.write_string(row, 0, name)
            if isinstance(date, dt.date):
                ws.write_datetime(row, 1, dt.datetime.combine(date, dt.time()), date_fmt)
            else:
                ws.write_string(row, 1, date)
            row += 1
    row += 2
    ws.write_string(row, 0, "Dates are those on which the executive summary was completed.")

    # ---- needs
    ws = wb.add_worksheet("TA needs")
    ws.write_string(0, 0, "Technical assistance needs identified in the second cycle (SYNTHETIC SAMPLE)", title)
    header = ["No.", "Country", "Chapter", "Article(s)", "Type of assistance", "Sub-category",
              "Description of need", "Entered by", "Themes"]
    for c, h in enumerate(header):
        ws.write_string(2, c, h, bold)
    for c, width in enumerate([9, 30, 12, 22, 30, 30, 70, 12, 30]):
        ws.set_column(c, c, width)
    keepers = ["AB", "CD", "EF", "GH"]
    row = 3
    duplicate_every = 97
    rejected_at = {40 + 45 * k: r for k, r in enumerate(REJECTED_NEEDS)}
    number = 0
    for i, need in enumerate(plan.needs):
        if i and i % 37 == 0:
            row += 1
        number += 1
        cells = _need_cells(need, i, number, keepers[(i // 25) % len(keepers)])
        _write_need(ws, row, cells)
        row += 1
        if i % duplicate_every == 13:  # entered twice, with another spelling of the category
            again = list(cells)
            again[4] = CATEGORY_SPELLINGS[need.category][(i + 1) % len(CATEGORY_SPELLINGS[need.category])]
            _write_need(ws, row, again)
            row += 1
        if i in rejected_at:
            state, chapter, article, category, sub, description = rejected_at[i]
            number += 1
            _write_need(ws, row, [f"TA-{number:04d}", state, chapter, article, category, sub, description, "AB"])
            row += 1
    row += 1
    ws.write_string(row, 0, "Synthetic data: see the sheet 'About this sample'.")
    wb.close()


def _need_cells(need: PlanNeed, i: int, number: int, keeper: str) -> list:
    """One need as a keeper might have typed it: mostly in standard form, now and then not."""
    states = reference.states()
    name = states[need.state].name_en
    if i % 3 == 0:
        name = STATE_SPELLINGS.get(need.state, name)
    if i % 23 == 4:
        name = states[need.state].name_zh
    chapter = None
    if not need.articles or i % 2 == 0 or _spans_chapters(need.articles):
        forms = CHAPTER_SPELLINGS[need.chapter]
        chapter = forms[(i // 2) % len(forms)] if i % 5 == 0 else forms[0]
    spellings = CATEGORY_SPELLINGS[need.category]
    category = spellings[(i // 4) % len(spellings)] if i % 4 == 1 else spellings[0]
    sub = None
    if need.subcategory:
        forms = SUBCATEGORY_SPELLINGS[need.subcategory]
        sub = forms[(i // 4) % len(forms)] if i % 4 == 2 else forms[0]
    need_id = None if i % 29 == 11 else f"TA-{number:04d}"
    return [need_id, name, chapter, _article_text(need.articles, i), category, sub, need.description, keeper,
            need.topics]


def _spans_chapters(articles: tuple[int, ...]) -> bool:
    """A need citing articles of both chapters counts under its chapter cell: without one it is rejected."""
    return len({reference.articles()[a].chapter for a in articles}) > 1


def _write_need(ws, row: int, cells: list) -> None:
    for c, value in enumerate(cells):
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(row, c, value)
        else:
            ws.write_string(row, c, value)


# --------------------------------------------------------------------------- checking it

def verify(path: Path) -> list[str]:
    """Clean and count the written workbook at each published cutoff; the lines of a report.

    Raises PlanError when a figure that can be met is not.
    """
    from uncac_needs import clean, statistics
    from uncac_needs.statistics import reconcile

    result = clean.clean_workbook(path)
    lines = []
    cutoffs = reference.published_cutoffs()
    failures = []
    impossible = reconcile.impossible()
    for k, cutoff in enumerate(cutoffs):
        previous = cutoffs[k - 1] if k else None
        stats = statistics.compute(result.cleaned, cutoff, previous)
        checks = stats.reconciliation or []
        met = sum(c.status == "match" for c in checks)
        lines.append(f"{cutoff}: {met} of {sum(c.status != 'not computed' for c in checks)} published figures met "
                     f"({stats.overview.states_completed} summaries, {stats.overview.states_with_needs} "
                     f"States with needs, {stats.overview.needs} needs)")
        for c in checks:
            if c.status == "differs":
                if c.figure.id in impossible:
                    lines.append(f"  cannot be met: {c.figure.id} ({c.figure.statement}): {impossible[c.figure.id].explain()} "
                                 f"The sample gives {reconcile.whole_percent(c.computed)} per cent.")
                else:
                    failures.append(f"{c.figure.id}: published {c.figure.published}, sample gives {c.computed}")
    if failures:
        raise PlanError("the sample misses published figures: " + "; ".join(failures))
    counts = result.counts()
    for role, c in counts.items():
        lines.append(f"{role}: {c['rows_read']} rows read, {c['rows_kept']} kept ({c['rows_corrected']} corrected), "
                     f"{c['duplicates']} duplicates, {c['rows_rejected']} rejected")
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python scripts/sample/make_sample.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", type=Path, default=config.SAMPLE_WORKBOOK, help="where to write the workbook")
    p.add_argument("--seed", type=int, default=SEED)
    args = p.parse_args(argv)
    plan = build_plan(args.seed)
    write_workbook(plan, args.out, args.seed)
    print(f"Wrote {args.out}")
    try:
        for line in verify(args.out):
            print(line)
    except PlanError as exc:
        print(f"The sample does not meet the published figures: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
