"""The analyst's narrative checked against the statistics, before anything is written (`check`, `run`).

Every section file of every language is rendered as the report renders it (figures left out: they are not
drawn here), so an unknown name, an expression that cannot be computed, a footnote without its text or a
default key that does not exist stops the run with one sentence naming the file and the paragraph. Then
each section must have the same pieces in every language: as many numbered paragraphs, and its headings
and figures in the same places.
"""
from __future__ import annotations

from pathlib import Path
from markupsafe import Markup

from uncac_needs import session as session_mod
from uncac_needs.figures import Figure
from uncac_needs.plumbing.errors import UserError
from uncac_needs.statistics import Statistics


class _Unset(dict):
    """Figures as the check sees them: a caption and nothing drawn."""

    def __getitem__(self, number: str) -> Figure:
        return Figure(number, Markup(""), "", "", None)


def render(stats: Statistics, session: session_mod.Session, lang: str):
    """The report in one language without its figures (report.render.Report)."""
    from uncac_needs.report.render import Report

    return Report(stats, _Unset(), session, lang)


def _files(session: session_mod.Session, section: str) -> str:
    found = [str(p) for lang in session.languages if (p := session.narrative_file(lang, section))]
    return " and ".join(found) if found else f"the default paragraphs of the {section.replace('_', ' ')}"


def _numbered(shape: list[str]) -> list[tuple[int, str]]:
    """Each heading and figure with the number of paragraphs before it."""
    out, count = [], 0
    for piece in shape:
        if piece == "p":
            count += 1
        else:
            out.append((count, piece))
    return out


def compare(shapes: dict[str, dict[str, list[str]]], session: session_mod.Session) -> None:
    """The same pieces in every language, section by section (`shapes`: language → section → pieces)."""
    first, *others = list(shapes)
    for section in session_mod.SECTIONS:
        base = shapes[first].get(section, [])
        for lang in others:
            shape = shapes[lang].get(section, [])
            counts = (base.count("p"), shape.count("p"))
            if counts[0] != counts[1]:
                raise UserError(f"{_files(session, section)}: the {section.replace('_', ' ')} has {counts[0]} "
                                f"paragraphs in {first} but {counts[1]} in {lang}; paragraphs are numbered alike "
                                "in every language.")
            for (at_a, piece_a), (at_b, piece_b) in zip(_numbered(base), _numbered(shape)):
                if (at_a, piece_a) != (at_b, piece_b):
                    raise UserError(f"{_files(session, section)}: after paragraph {at_a} of the "
                                    f"{section.replace('_', ' ')}, {first} has {_name(piece_a)} where {lang} has "
                                    f"{_name(piece_b)} after paragraph {at_b}; headings and figures stand in the same "
                                    "places in every language.")
            if len(_numbered(base)) != len(_numbered(shape)):
                raise UserError(f"{_files(session, section)}: the {section.replace('_', ' ')} has "
                                f"{len(_numbered(base))} headings and figures in {first} but "
                                f"{len(_numbered(shape))} in {lang}.")


def _name(piece: str) -> str:
    return "a heading" if piece == "h" else piece.replace("figure", "Figure")


def check(session: session_mod.Session, stats: Statistics | Path | str) -> None:
    """Render every section in every language against `stats` (or a statistics.json); UserError if any
    narrative cannot be rendered or the languages differ."""
    if not isinstance(stats, Statistics):
        stats = Statistics.load(stats)
    shapes = {lang: render(stats, session, lang).shapes for lang in session.languages}
    compare(shapes, session)
