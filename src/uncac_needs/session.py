"""Session files: every parameter a researcher edits for a new cutoff, validated before anything runs.

One YAML file per meeting under sessions/. Validation is strict (a wrong type, an unknown key, a
missing workbook, a cutoff before the previous one) and every error names the key, as one sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from uncac_needs import config, i18n
from uncac_needs.errors import UserError

DEFAULT_SESSION = config.SESSIONS_DIR / "2020-irg-11-2.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)


Texts = dict[str, str]   # a short text in each language: {en: ..., zh: ...}


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


class Document(_Strict):
    symbol: str = Field(min_length=3)
    date: dt.date
    original_language: str = "en"


class Session(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    cutoff_date: dt.date
    previous_cutoff_date: dt.date | None = None
    meeting: Meeting
    agenda: Agenda
    document: Document
    languages: list[str] = Field(default_factory=lambda: ["en", "zh"], min_length=1)
    workbook: Path
    mapping: Path | None = None
    narrative: dict[str, dict[Literal["introduction", "further_consideration"], Path]] = Field(default_factory=dict)
    synthetic: bool | None = None     # None: decided from the workbook's properties

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        known = i18n.languages()
        for lang in value:
            if lang not in known:
                raise ValueError(f"language '{lang}' has no folder in resources/i18n (known: {', '.join(known)})")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @model_validator(mode="after")
    def _cutoffs_in_order(self):
        if self.previous_cutoff_date and self.previous_cutoff_date >= self.cutoff_date:
            raise ValueError(f"previous_cutoff_date {self.previous_cutoff_date} is not before cutoff_date {self.cutoff_date}")
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

    def narrative_path(self, lang: str, part: str) -> Path:
        custom = self.narrative.get(lang, {}).get(part)
        if custom:
            return self.path(custom)
        return config.SESSIONS_DIR / "narrative" / lang / f"{part}.md"


def narrative_blocks(path: Path) -> list[str]:
    """A narrative file's paragraphs: its blocks separated by blank lines (HTML comments left out)."""
    text = Path(path).read_text(encoding="utf-8")
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip() and not b.lstrip().startswith("<!--")]


def _where(loc: tuple) -> str:
    return ".".join(str(p) for p in loc if p != "[key]") or "the file"


def load(path: Path | str | None = None, overrides: dict | None = None, check_files: bool = True) -> Session:
    """Read and validate a session file; `overrides` (from the command line) replace its values."""
    path = Path(path) if path else DEFAULT_SESSION
    if not path.is_file():
        raise UserError(f"There is no session file at {path}.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise UserError(f"The session file {path} is not valid YAML ({' '.join(str(exc).split())[:160]}).") from None
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
        raise UserError(f"The session file {path}: '{where}' {message}"
                        f"{'' if message.endswith('.') else '.'}") from None
    if check_files:
        if not session.workbook_path.is_file():
            raise UserError(f"The session file {path}: 'workbook' names {session.workbook_path}, which does not exist.")
        if session.mapping_path and not session.mapping_path.is_file():
            raise UserError(f"The session file {path}: 'mapping' names {session.mapping_path}, which does not exist.")
        for part in ("introduction", "further_consideration"):
            counts = {}
            for lang in session.languages:
                p = session.narrative_path(lang, part)
                if not p.is_file():
                    raise UserError(f"The session file {path}: 'narrative.{lang}.{part}' names {p}, which does not exist.")
                counts[lang] = len(narrative_blocks(p))
            if len(set(counts.values())) > 1:
                listed = ", ".join(f"{n} in {lang}" for lang, n in counts.items())
                raise UserError(f"The session file {path}: 'narrative' texts for the {part.replace('_', ' ')} have "
                                f"different numbers of paragraphs ({listed}); paragraphs are numbered alike in "
                                "every language.")
    return session
