from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pytest
import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts" / "sample"))      # the sample generator lives outside the package

from uncac_needs import clean  # noqa: E402
from uncac_needs.plumbing import config  # noqa: E402
from uncac_needs.vocabulary import reference  # noqa: E402

#: The sessions the project ships, by name: tests never enumerate sessions/, where a researcher keeps
#: their own session files too (those must never turn the suite red).
SHIPPED_SESSIONS = tuple(config.SESSIONS_DIR / f"{name}.yaml" for name in ("2019-cosp-8", "2020-irg-11-2", "2021-irg-12"))


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with the given rows, written cell by cell as typed (None leaves a cell empty).

    Dates go in as real Excel dates; numbers as numbers; strings as text (never formulas).
    """
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    wb.set_properties({"created": dt.datetime(2020, 1, 1)})
    date_format = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row or []):
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_format)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value)
                elif isinstance(value, (int, float)):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, value)
    wb.close()
    return path


@pytest.fixture(scope="session")
def sample_result():
    """The shipped sample workbook, cleaned once for the whole test session."""
    return clean.clean_workbook(config.SAMPLE_WORKBOOK)


@pytest.fixture(scope="session")
def fixture_workbook(tmp_path_factory) -> Path:
    from fixture_workbook import write_fixture

    return write_fixture(tmp_path_factory.mktemp("fixture") / "fixture.xlsx")


@pytest.fixture(scope="session")
def fixture_result(fixture_workbook):
    return clean.clean_workbook(fixture_workbook)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The published notes (../shared/seeds), present beside every checkout of the project."""
    if not config.SEEDS_DIR.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    return config.SEEDS_DIR


@pytest.fixture(scope="session")
def default_report(tmp_path_factory):
    """The default session rendered once (both languages, HTML and PDF) into a temporary folder."""
    from uncac_needs import pipeline, session

    out = tmp_path_factory.mktemp("reports") / "2020-irg-11-2"
    sess = session.load(session.DEFAULT_SESSION)
    pipeline.run(sess, session.DEFAULT_SESSION, out)
    return out


@pytest.fixture
def reference_copy(tmp_path, monkeypatch):
    """A copy of data/reference that a test may spoil; the loaders read it, their caches cleared around the test."""
    folder = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, folder)
    monkeypatch.setattr(config, "REFERENCE_DIR", folder)
    reference.clear_caches()
    yield folder
    monkeypatch.undo()
    reference.clear_caches()
