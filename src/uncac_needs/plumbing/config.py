"""Every path the project uses, in one place."""
from __future__ import annotations

import os
from pathlib import Path

#: The project's root: the folder holding data/, notebooks/, sessions/ and reports/.
#: Set UNCAC_NEEDS_HOME to use the package from another checkout.
PROJ_ROOT = Path(os.environ.get("UNCAC_NEEDS_HOME", Path(__file__).resolve().parents[3]))

DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
REFERENCE_DIR = DATA_DIR / "reference"
REPORTS_DIR = PROJ_ROOT / "reports"
SESSIONS_DIR = PROJ_ROOT / "sessions"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
SEEDS_DIR = PROJ_ROOT.parent / "shared" / "seeds"
CACHE_DIR = PROJ_ROOT / ".cache"              # reusable work (the last cleanings); never committed

PACKAGE_DIR = Path(__file__).resolve().parents[1]
CATALOGS_DIR = PACKAGE_DIR / "vocabulary" / "catalogs"   # labels and sentences, one folder per language
TEMPLATES_DIR = PACKAGE_DIR / "report" / "templates"     # the report's Jinja templates
REPORT_CSS = PACKAGE_DIR / "report" / "report.css"
SAMPLE_DIR = PROJ_ROOT / "scripts" / "sample"            # the generator of the synthetic workbook

SAMPLE_WORKBOOK = RAW_DIR / "ta_needs_sample.xlsx"
