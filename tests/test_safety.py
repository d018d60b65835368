"""A run never destroys a user's files: foreign folders are refused, interrupted runs leave the old report."""
import fcntl
import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import write_workbook
from uncac_needs import cli
from uncac_needs.plumbing import config

CLI = [sys.executable, "-m", "uncac_needs"]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_refuses_a_folder_it_did_not_make(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.docx").write_text("years of work", encoding="utf-8")
    code = cli.main(["run", "--out", str(home), "--no-pdf", "--lang", "en"])
    assert code == 2 and "did not write" in capsys.readouterr().err
    assert (home / "thesis.docx").read_text(encoding="utf-8") == "years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]


def test_refuses_a_file_as_the_report_folder(tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    assert cli.main(["run", "--out", str(target), "--no-pdf"]) == 2
    assert target.read_text(encoding="utf-8") == "mine"


@pytest.fixture
def previous_report(default_report, tmp_path):
    out = tmp_path / "reports" / "2020-irg-11-2"
    shutil.copytree(default_report, out)
    return out


def _as_a_background_job():
    """What a shell does to a command run with `&`: SIGINT ignored, inherited by the run."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("signum, background", [(signal.SIGINT, False), (signal.SIGTERM, False),
                                                (signal.SIGINT, True)],
                         ids=["SIGINT", "SIGTERM", "SIGINT-background-job"])
def test_an_interrupted_run_leaves_the_previous_report(previous_report, signum, background):
    before = snapshot(previous_report)
    proc = subprocess.Popen(CLI + ["run", "--out", str(previous_report)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_as_a_background_job if background else None)
    deadline = time.time() + 60
    while not list(previous_report.parent.glob(".*.partial-*")) and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1.5)                                    # well inside the run
    proc.send_signal(signum)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode != 0 and "Traceback" not in err
    assert snapshot(previous_report) == before
    assert sorted(p.name for p in previous_report.parent.iterdir()) == ["2020-irg-11-2"]


def test_a_killed_run_leaves_no_folder_named_as_a_report(previous_report):
    before = snapshot(previous_report)
    proc = subprocess.Popen(CLI + ["run", "--out", str(previous_report)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not list(previous_report.parent.glob(".*.partial-*")) and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)
    proc.kill()
    proc.wait(timeout=30)
    assert snapshot(previous_report) == before
    visible = [p.name for p in previous_report.parent.iterdir() if not p.name.startswith(".")]
    assert visible == ["2020-irg-11-2"]                # what is left is hidden and never taken for a report


def test_two_runs_at_once_the_second_refuses(previous_report, capsys):
    from uncac_needs.pipeline.folder import lock_path

    lock = lock_path(previous_report)
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)    # as a first run holds it
        code = cli.main(["run", "--out", str(previous_report), "--no-pdf"])
    assert code == 2 and "Another run is writing" in capsys.readouterr().err


def test_a_sheet_over_the_row_limit_is_refused_before_it_is_loaded(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "reference"                     # the limit lowered in a copy of workbook.yaml
    shutil.copytree(config.REFERENCE_DIR, folder)
    contract = folder / "workbook.yaml"
    contract.write_text(contract.read_text(encoding="utf-8").replace("max_need_rows: 1000000", "max_need_rows: 50"),
                        encoding="utf-8")
    monkeypatch.setattr(config, "REFERENCE_DIR", folder)
    needs = [["State", "Article", "Category"]] + [["Kenya", 5, "other"]] * 200
    path = write_workbook(tmp_path / "big.xlsx", {"reviews": [["State", "Date"], ["Kenya", "2020-01-01"]],
                                                  "needs": needs})
    code = cli.main(["stats", "--raw", str(path), "--cutoff", "2021-01-01"])
    err = capsys.readouterr().err
    assert code == 2 and "201 rows, more than the limit of 50" in err and "max_need_rows" in err
