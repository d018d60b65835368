"""The need descriptions of the sample workbook, from scripts/sample/descriptions.yaml.

Every need gets a phrase of its category about its article's subject, worded so that it carries no topic of
data/reference/topics.csv; then each topic of the file is put on exactly as many States with summaries by
2020-09-30 as the 2020 note counts, one need of each, among the needs where the note places the topic. The
project's own tagging (uncac_needs.statistics.tagging) checks every phrase as it is written: a generic phrase
that carries a topic, or a topic phrase that carries another, stops the run (PlanError), so the figures hold
by construction and `make sample` confirms them by counting. Now and then the keepers also wrote the topic in
the sheet's Themes column (the workbook contract's optional `topics` column), by its English or Chinese name or
its code: it names the topic the description carries, so the figures are the same whichever decides.
"""
from __future__ import annotations

import random
from typing import Any

import yaml

from uncac_needs.plumbing import config
from uncac_needs.statistics import tagging
from uncac_needs.vocabulary import reference

#: the periods whose States the 2020 note counts (summaries by 2020-09-30)
PERIODS_2020 = ("P1", "P2")
#: one need in this many is described in Chinese (generic phrases)
CHINESE_EVERY = 17
#: one topic need in this many has the topic written by the keepers in the Themes column as well
KEEPERS_TAG_EVERY = 3


class DescriptionError(RuntimeError):
    """A phrase carries a topic it should not, or a topic cannot be placed as asked."""


def _phrases() -> dict[str, Any]:
    return yaml.safe_load((config.SAMPLE_DIR / "descriptions.yaml").read_text(encoding="utf-8"))


def _subject(phrases: dict, need, lang: str) -> str:
    key = need.articles[0] if need.articles else need.chapter
    return phrases["subjects"][lang][key]


def _check(text: str, allowed: set[str]) -> str:
    found = set(tagging.find(text))
    if found - allowed or (allowed and not allowed <= found):
        raise DescriptionError(f"the phrase '{text}' carries the topics {sorted(found) or 'none'}, "
                               f"not {sorted(allowed) or 'none'}")
    return text


def _generic(phrases: dict, need, i: int, rng: random.Random) -> str:
    if i % CHINESE_EVERY == 5:
        return rng.choice(phrases["generic"]["zh"]).format(subject=_subject(phrases, need, "zh"))
    options = phrases["generic"]["en"][need.category]
    if isinstance(options, dict):
        options = options[need.subcategory or "unspecified"]
    return rng.choice(options).format(subject=_subject(phrases, need, "en"))


def _eligible(spec: dict, need, periods: dict[str, str], taken: set[int]) -> bool:
    if id(need) in taken or periods[need.state] not in PERIODS_2020:
        return False
    if spec.get("strict") and need.category not in spec["categories"]:
        return False
    if "articles" in spec:
        return bool(set(need.articles) & set(spec["articles"]))
    return need.chapter == spec["chapter"]


def _place(spec: dict, needs: list, periods: dict[str, str], taken: set[int], rng: random.Random,
           carrying: set[str] = frozenset()) -> list:
    """One need on each of `spec['states']` States: States with a need of the preferred categories first
    (with `strict`, only needs of those categories); with `again: k`, k of them among the States that already
    carry the topic (`carrying`, from an earlier entry of the same topic), the others new to it."""
    preferred = spec.get("categories", [])
    by_state: dict[str, list] = {}
    for need in needs:
        if _eligible(spec, need, periods, taken):
            by_state.setdefault(need.state, []).append(need)
    if len(by_state) < spec["states"]:
        raise DescriptionError(f"topic {spec['code']}: only {len(by_state)} States have needs where it goes, "
                               f"not {spec['states']}")
    states = sorted(by_state, key=lambda s: (not any(n.category in preferred for n in by_state[s]), rng.random()))
    again = spec.get("again", 0)
    old, new = [s for s in states if s in carrying][:again], [s for s in states if s not in carrying]
    if len(old) < again or len(new) < spec["states"] - again:
        raise DescriptionError(f"topic {spec['code']}: cannot place {again} of {spec['states']} States among "
                               "those that already carry it")
    chosen = []
    for state in old + new[:spec["states"] - again]:
        options = sorted(by_state[state], key=lambda n: n.category not in preferred)
        chosen.append(options[0])
    return chosen


def describe(needs: list, periods: dict[str, str], rng: random.Random) -> None:
    """Set `description` on every need (PlanNeed); `periods` gives each State's period (P1 to P4)."""
    phrases = _phrases()
    for i, need in enumerate(needs):
        need.description = _check(_generic(phrases, need, i, rng), set())
    taken: set[int] = set()
    carrying: dict[str, set[str]] = {}
    for spec in phrases["topics"]:
        allowed = {spec["code"], *reference.topics()[spec["code"]].requires}
        topic = reference.topics()[spec["code"]]
        mine = carrying.setdefault(spec["code"], set())
        for k, need in enumerate(_place(spec, needs, periods, taken, rng, set(mine))):
            taken.add(id(need))
            mine.add(need.state)
            need.description = _check(spec["phrases"][k % len(spec["phrases"])], allowed)
            if k % KEEPERS_TAG_EVERY == 1:      # the keepers wrote the topic themselves: its name, or its code
                need.topics = (topic.name_en, topic.name_zh, topic.code)[(k // KEEPERS_TAG_EVERY) % 3]
