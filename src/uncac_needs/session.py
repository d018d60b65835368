"""Session files: every parameter a researcher edits for a new cutoff, validated before anything runs.

One YAML file per meeting under sessions/. Validation is strict (a wrong type, an unknown key, a
missing workbook, a cutoff before the previous one) and every error names the key, as one sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from uncac_needs.plumbing import config
from uncac_needs.vocabulary import i18n
from uncac_needs.plumbing import yamlfile
from uncac_needs.plumbing.errors import UserError

DEFAULT_SESSION = config.SESSIONS_DIR / "2020-irg-11-2.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


Texts = dict[str, str]   # a short text in each language: {en: ..., zh: ...}

#: the sections of the note's body that a narrative file can write, in the order of the note
SECTIONS = ("summary", "introduction", "needs", "chapter_ii", "chapter_v", "further_consideration")
Section = Literal["summary", "introduction", "needs", "chapter_ii", "chapter_v", "further_consideration"]
#: the sections that are the analyst's words only: without a file of the session, the project's own file
NARRATIVE_ONLY = ("introduction", "further_consideration")


def text(texts: Texts, lang: str) -> str:
    """The text in `lang`, else in English (a language added later may not have every session's text)."""
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


class Meeting(_Strict):
    organ: Literal["implementation_review_group", "conference"]
    session: Texts                       # e.g. {en: "Eleventh session, second resumed part", zh: ...}
    place: Texts
    start_date: dt.date
    end_date: dt.date

    @model_validator(mode="after")
    def _dates_in_order(self):
        if self.end_date < self.start_date:
            raise ValueError("meeting.end_date is before meeting.start_date")
        return self


class Agenda(_Strict):
    item: int = Field(ge=1)
    title: Texts
    # the document's masthead says "Item 5 of the provisional agenda" only when this is true
    provisional: bool = False


class Document(_Strict):
    """What the document is. A `note` (the Secretariat's note) has a symbol and a date of issue; an
    `oral_presentation` (figures the Secretariat presented orally, recorded in the meeting's report) has
    neither unless the session states them: the report shows only what is stated here."""

    kind: Literal["note", "oral_presentation"] = "note"
    symbol: str | None = Field(default=None, min_length=3)
    date: dt.date | None = None
    original_language: str = "en"

    @model_validator(mode="after")
    def _a_note_has_its_symbol(self):
        if self.kind == "note":
            for key in ("symbol", "date"):
                if getattr(self, key) is None:
                    raise ValueError(f"'document.{key}' is missing (a note has a symbol and a date; a document "
                                     "presented orally has kind: oral_presentation)")
        return self


class Session(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    cutoff_date: dt.date
    previous_cutoff_date: dt.date | None = None
    # a draft claims no meeting, agenda, symbol or date: it is what `run` makes without a session file
    draft: bool = False
    # required unless the session is a draft
    meeting: Meeting | None = None
    agenda: Agenda | None = None
    document: Document | None = None
    languages: list[str] = Field(default_factory=lambda: ["en", "zh"], min_length=1)
    workbook: Path
    mapping: Path | None = None
    # the analyst's words, per language and section of the body (docs/narrative.md)
    narrative: dict[str, dict[Section, Path]] = Field(default_factory=dict)
    synthetic: bool | None = None     # None: decided from the workbook's properties

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        known = i18n.languages()
        for lang in value:
            if lang not in known:
                raise ValueError(f"language '{lang}' has no folder in vocabulary/catalogs (known: {', '.join(known)})")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @model_validator(mode="after")
    def _cutoffs_in_order(self):
        if self.previous_cutoff_date and self.previous_cutoff_date >= self.cutoff_date:
            raise ValueError(f"previous_cutoff_date {self.previous_cutoff_date} is not before cutoff_date {self.cutoff_date}")
        return self

    @model_validator(mode="after")
    def _a_session_states_its_meeting(self):
        if not self.draft:
            for key in ("meeting", "agenda", "document"):
                if getattr(self, key) is None:
                    raise ValueError(f"'{key}' is missing (only a draft, with draft: true, goes without it)")
        else:
            for key in ("meeting", "agenda", "document"):
                if getattr(self, key) is not None:
                    raise ValueError(f"'{key}' is given, but a draft claims no meeting, agenda or document; "
                                     "remove it or remove draft: true")
        return self

    # paths in a session file are relative to the project's root
    def path(self, p: Path) -> Path:
        return p if p.is_absolute() else config.PROJ_ROOT / p

    @property
    def workbook_path(self) -> Path:
        return self.path(self.workbook)

    @property
    def mapping_path(self) -> Path | None:
        return self.path(self.mapping) if self.mapping else None

    def narrative_file(self, lang: str, part: str) -> Path | None:
        """The narrative file of a section in a language: the session's, else for the introduction and the
        further consideration the project's own (sessions/narrative/<lang>/), else None (the section's
        default paragraphs)."""
        custom = self.narrative.get(lang, {}).get(part)
        if custom:
            return self.path(custom)
        if part in NARRATIVE_ONLY:
            return config.SESSIONS_DIR / "narrative" / lang / f"{part}.md"
        return None

    def narrative_path(self, lang: str, part: str) -> Path:
        """`narrative_file`, for a section that has one; KeyError for a section of default paragraphs."""
        found = self.narrative_file(lang, part)
        if found is None:
            raise KeyError(f"no narrative file for '{part}' in '{lang}'")
        return found

    def narrative_files(self) -> list[Path]:
        """Every narrative file the session reads, in every language."""
        return [p for lang in self.languages for part in SECTIONS
                if (p := self.narrative_file(lang, part)) is not None]


#: a footnote's text: `[^name]: text` at the start of a line (docs/narrative.md)
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([\w-]+)\]:[ \t]*", re.MULTILINE)


def narrative_blocks_at(path: Path) -> tuple[list[tuple[int, str]], dict[str, tuple[int, str]]]:
    """A narrative file's blocks with the line each starts on, and its footnote texts by name, each with its
    line. Blocks are separated by blank lines; a block starting `<!--` is a comment. A line starting
    `[^name]:` starts a footnote's text, which the following lines of its block continue."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    groups: list[list[tuple[int, str]]] = [[]]
    for number, row in enumerate(lines, start=1):
        if row.strip():
            groups[-1].append((number, row))
        elif groups[-1]:
            groups.append([])
    blocks, notes = [], {}
    for group in groups:
        if not group or group[0][1].lstrip().startswith("<!--"):
            continue
        kept, note = [], None
        for number, row in group:
            match = FOOTNOTE_DEFINITION.match(row)
            if match:
                note = match.group(1)
                notes[note] = (number, row[match.end():].strip())
            elif note is not None:
                notes[note] = (notes[note][0], f"{notes[note][1]} {row.strip()}")
            else:
                kept.append((number, row))
        if kept:
            blocks.append((kept[0][0], "\n".join(r for _, r in kept).strip()))
    return blocks, notes


def _where(loc: tuple) -> str:
    return ".".join(str(p) for p in loc if p != "[key]") or "the file"


def draft(cutoff: dt.date, previous: dt.date | None = None, workbook: Path | None = None,
          mapping: Path | None = None, languages: list[str] | None = None) -> Session:
    """The session of a report made without a session file: the data and the dates given, nothing else.

    Its id (and so its report folder) is named after the cutoff: `draft-2021-05-31`.
    """
    if previous is not None and previous >= cutoff:
        raise UserError(f"--previous-cutoff {previous} is not before --cutoff {cutoff}; the previous analysis "
                        "must come first.")
    return Session(id=f"draft-{cutoff.isoformat()}", draft=True, cutoff_date=cutoff, previous_cutoff_date=previous,
                   workbook=workbook or config.SAMPLE_WORKBOOK.relative_to(config.PROJ_ROOT), mapping=mapping,
                   languages=languages or ["en", "zh"])


def load(path: Path | str | None = None, overrides: dict | None = None, check_files: bool = True) -> Session:
    """Read and validate a session file; `overrides` (from the command line) replace its values."""
    path = Path(path) if path else DEFAULT_SESSION
    if not path.is_file():
        raise UserError(f"There is no session file at {path}.")
    data = yamlfile.load(path, "The session file")
    if not isinstance(data, dict):
        raise UserError(f"The session file {path} should hold keys such as cutoff_date and workbook.")
    for key, value in (overrides or {}).items():
        if value is not None:
            data[key] = value
    try:
        session = Session.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _where(err["loc"])
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "is not a key a session file can have"
        elif err["type"] == "missing":
            message = "is missing"
        elif message.startswith("Value error, "):
            message = message[len("Value error, "):]
        if message.startswith("'"):         # the message names its key itself
            raise UserError(f"The session file {path}: {message}{'' if message.endswith('.') else '.'}") from None
        raise UserError(f"The session file {path}: '{where}' {message}"
                        f"{'' if message.endswith('.') else '.'}") from None
    if check_files:
        check_files_exist(session, f"The session file {path}: ")
    return session


def check_files_exist(session: Session, where: str = "") -> None:
    """The workbook, the mapping and the narrative files a session names exist, with as many paragraphs in
    every language; `where` starts each message (the session file, or nothing for a draft)."""
    if not session.workbook_path.is_file():
        raise UserError(f"{where}'workbook' names {session.workbook_path}, which does not exist."
                        if where else f"There is no file at {session.workbook_path}; check the path to the needs workbook.")
    if session.mapping_path and not session.mapping_path.is_file():
        raise UserError(f"{where}'mapping' names {session.mapping_path}, which does not exist."
                        if where else f"There is no mapping file at {session.mapping_path}.")
    for part in SECTIONS:
        files = {lang: session.narrative_file(lang, part) for lang in session.languages}
        named = [lang for lang, p in files.items() if p is not None]
        if not named:
            continue
        if len(named) < len(files):
            missing = next(lang for lang, p in files.items() if p is None)
            raise UserError(f"{where}'narrative.{missing}.{part}' is missing, while 'narrative.{named[0]}.{part}' "
                            "is given; a section is written in every language or in none.")
        counts = {}
        for lang, p in files.items():
            if not p.is_file():
                raise UserError(f"{where}'narrative.{lang}.{part}' names {p}, which does not exist.")
            counts[lang] = sum(1 for _, b in narrative_blocks_at(p)[0] if not _unnumbered(b))
        if len(set(counts.values())) > 1:
            listed = ", ".join(f"{n} in {lang}" for lang, n in counts.items())
            raise UserError(f"{where}'narrative' texts for the {part.replace('_', ' ')} have "
                            f"different numbers of paragraphs ({listed}); paragraphs are numbered alike in "
                            "every language.")


def _unnumbered(block: str) -> bool:
    """A block that is no paragraph: a heading (`### …`) or a figure's place (`{{ figure.I }}`)."""
    return block.startswith("#") or re.fullmatch(r"\{\{\s*figure\.\w+\s*\}\}", block) is not None


def as_draft(session: Session, cutoff: dt.date, previous: dt.date | None) -> Session:
    """A session file's data (workbook, mapping, languages) at another cutoff: a draft, since the session's
    meeting, symbol and dates belong to its own cutoff, and so do its analyst's words (they read its figures:
    "a quarter", "more than half"); the draft has the default paragraphs."""
    return draft(cutoff, previous, session.workbook, session.mapping, list(session.languages))


def to_yaml(session: Session, source: str) -> str:
    """The session as run (after the command line's options), for the report folder: re-running the report
    notebook from there reads it."""
    import yaml

    data = session.model_dump(mode="json", exclude_none=True)
    head = (f"# The parameters this report was made with: {source}.\n"
            "# Paths are relative to the project's folder.\n")
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
