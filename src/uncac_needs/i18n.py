"""Per-language label catalogs (resources/i18n/<lang>/labels.yaml) and Babel formatting."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from uncac_needs import config

I18N_DIR = config.RESOURCES_DIR / "i18n"


def languages() -> list[str]:
    return sorted(p.name for p in I18N_DIR.iterdir() if (p / "labels.yaml").is_file())


@lru_cache(maxsize=None)
def labels(lang: str) -> dict[str, Any]:
    path = I18N_DIR / lang / "labels.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
