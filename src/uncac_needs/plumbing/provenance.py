"""What a report was made from: shown in its method annex and written to manifest.json."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Provenance:
    workbook: str = ""
    workbook_sha256: str = ""
    session_file: str = ""
    session_sha256: str = ""
    mapping_file: str | None = None
    mapping_sha256: str | None = None
    synthetic: bool = False
    version: str = ""
    commit: str = ""
    python: str = ""
    packages: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | str | None) -> "Provenance":
        if not path:
            return cls()
        return cls(**json.loads(Path(path).read_text(encoding="utf-8")))
