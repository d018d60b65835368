"""A user's files are sacred, and a report claims nothing it was not given (issue 8, items 1-6 and 13).

Each test reproduces something that was seen happen: the input workbook overwritten by `stats`, a user's
cleaning log overwritten by `clean`, a reviewer's file deleted by a re-run, the Makefile's variables ignored,
a report that borrowed the 2020 session's masthead for other data.
"""
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from uncac_needs import cli
from uncac_needs.plumbing import config

ROOT = config.PROJ_ROOT
SAMPLE = config.SAMPLE_WORKBOOK


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def workbook(tmp_path) -> Path:
    """A copy of the sample workbook that the test may lose (it must not)."""
    copy = tmp_path / "input" / "needs.xlsx"
    copy.parent.mkdir()
    shutil.copy2(SAMPLE, copy)
    return copy


# ------------------------------------------------------------------ 1. no command writes over its inputs

@pytest.mark.parametrize("option", ["--xlsx", "--out"])
def test_stats_refuses_to_write_over_its_workbook(workbook, option, capsys):
    before = digest(workbook)
    code = cli.main(["stats", "--raw", str(workbook), "--cutoff", "2020-09-30", option, str(workbook)])
    err = capsys.readouterr().err
    assert code == 2 and "one of this command's inputs" in err and err.count("\n") == 1
    assert digest(workbook) == before


def test_stats_refuses_the_workbook_under_another_name(workbook, tmp_path, capsys):
    link = tmp_path / "link.json"
    os.link(workbook, link)                                        # a hard link: the same file
    before = digest(workbook)
    assert cli.main(["stats", "--raw", str(workbook), "--cutoff", "2020-09-30", "--out", str(link)]) == 2
    assert digest(workbook) == before


def test_stats_refuses_to_write_over_its_mapping(workbook, tmp_path, capsys):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("sheets: {}\n", encoding="utf-8")
    code = cli.main(["stats", "--raw", str(workbook), "--mapping", str(mapping), "--cutoff", "2020-09-30",
                     "--xlsx", str(mapping)])
    assert code == 2 and mapping.read_text(encoding="utf-8") == "sheets: {}\n"


def test_run_refuses_its_session_file_as_the_report_folder(tmp_path, capsys):
    session_file = tmp_path / "s.yaml"
    shutil.copy2(config.SESSIONS_DIR / "2020-irg-11-2.yaml", session_file)
    before = digest(session_file)
    assert cli.main(["run", str(session_file), "--out", str(session_file), "--no-pdf"]) == 2
    assert digest(session_file) == before


# ------------------------------------------------------------------ 2. clean --out keeps the user's files

def test_clean_refuses_a_folder_holding_the_users_log(workbook, tmp_path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "cleaning_log.csv").write_text("my own notes\n", encoding="utf-8")
    code = cli.main(["clean", "--raw", str(workbook), "--out", str(mine)])
    err = capsys.readouterr().err
    assert code == 2 and "did not write" in err and "cleaning_log.csv" in err
    assert sorted(p.name for p in mine.iterdir()) == ["cleaning_log.csv"]
    assert (mine / "cleaning_log.csv").read_text(encoding="utf-8") == "my own notes\n"


def test_clean_writes_again_into_its_own_folder_and_keeps_added_files(workbook, tmp_path, capsys):
    out = tmp_path / "processed"
    assert cli.main(["clean", "--raw", str(workbook), "--out", str(out)]) == 0
    (out / "notes.txt").write_text("a reviewer's note", encoding="utf-8")
    assert cli.main(["clean", "--raw", str(workbook), "--out", str(out)]) == 0      # its own folder: fine
    assert (out / "notes.txt").read_text(encoding="utf-8") == "a reviewer's note"
    # a file it wrote and a person changed since is named, not overwritten
    (out / "cleaning_log.csv").write_text("edited by hand\n", encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["clean", "--raw", str(workbook), "--out", str(out)]) == 2
    assert "cleaning_log.csv" in capsys.readouterr().err
    assert (out / "cleaning_log.csv").read_text(encoding="utf-8") == "edited by hand\n"


def test_clean_into_a_folder_holding_only_a_gitkeep(workbook, tmp_path):
    out = tmp_path / "processed"
    out.mkdir()
    (out / ".gitkeep").write_text("", encoding="utf-8")
    assert cli.main(["clean", "--raw", str(workbook), "--out", str(out)]) == 0
    assert (out / ".gitkeep").exists() and (out / "needs.parquet").exists()


# ------------------------------------------------------------------ 3. a re-run keeps what a person added

@pytest.fixture(scope="module")
def small_report(tmp_path_factory):
    """The default session in English only, HTML only: quick, and enough to re-run into."""
    out = tmp_path_factory.mktemp("rerun") / "2020-irg-11-2"
    assert cli.main(["run", "--out", str(out), "--no-pdf", "--lang", "EN"]) == 0      # any case
    return out


def test_a_rerun_keeps_a_reviewers_file(small_report, tmp_path):
    out = tmp_path / "report"
    shutil.copytree(small_report, out)
    (out / "comments.docx").write_bytes(b"PK\x03\x04 the reviewer's comments")
    (out / "en" / "margin-notes.txt").write_text("p. 3: check", encoding="utf-8")
    assert cli.main(["run", "--out", str(out), "--no-pdf", "--lang", "en"]) == 0
    assert (out / "comments.docx").read_bytes() == b"PK\x03\x04 the reviewer's comments"
    assert (out / "en" / "margin-notes.txt").read_text(encoding="utf-8") == "p. 3: check"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert "comments.docx" not in manifest["files"] and "en/report.html" in manifest["files"]
    # and the next re-run keeps it again
    assert cli.main(["run", "--out", str(out), "--no-pdf", "--lang", "en"]) == 0
    assert (out / "comments.docx").is_file()


def test_a_rerun_refuses_to_overwrite_an_edited_output(small_report, tmp_path, capsys):
    out = tmp_path / "report"
    shutil.copytree(small_report, out)
    (out / "statistics.json").write_text('{"edited": true}\n', encoding="utf-8")
    code = cli.main(["run", "--out", str(out), "--no-pdf", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "statistics.json" in err and "changed since" in err
    assert (out / "statistics.json").read_text(encoding="utf-8") == '{"edited": true}\n'


# ------------------------------------------------------------------ 4. the Makefile passes what it documents

def make_command(*assignments: str) -> list[str]:
    """The command `make report` would run, read from `make -n` (the stamp taken as up to date)."""
    proc = subprocess.run(["make", "-n", "-o", ".venv/.installed", "report", *assignments], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    line = [x for x in proc.stdout.splitlines() if "uncac-needs" in x][-1]
    return shlex.split(line)[1:]


def test_make_report_passes_raw_cutoff_and_previous():
    args = make_command("RAW=/data/TA needs 2021.xlsx", "CUTOFF=2021-05-31", "PREVIOUS=2020-09-30")
    assert args == ["run", "--raw", "/data/TA needs 2021.xlsx", "--cutoff", "2021-05-31",
                    "--previous-cutoff", "2020-09-30"]


def test_make_report_alone_renders_the_default_session():
    assert make_command() == ["run"]
    assert make_command("SESSION=sessions/my session.yaml", "OUT=/tmp/x y") == [
        "run", "sessions/my session.yaml", "--out", "/tmp/x y"]


def test_make_stats_quotes_a_path_with_spaces(tmp_path):
    spaced = tmp_path / "my workbooks" / "ta needs.xlsx"
    spaced.parent.mkdir()
    shutil.copy2(SAMPLE, spaced)
    proc = subprocess.run(["make", "-s", "-o", ".venv/.installed", "stats", f"RAW={spaced}",
                           f"CLI={Path(sys.executable).parent / 'uncac-needs'}"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["overview"]["needs"] == 404        # published, 2020 note, para 5


# ------------------------------------------------------------------ 5. no borrowed masthead

@pytest.fixture
def reports_dir(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    monkeypatch.setattr(config, "REPORTS_DIR", folder)
    return folder


def page_text(path: Path) -> str:
    return " ".join(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ").split())


def test_run_without_a_session_file_is_a_draft_in_its_own_folder(workbook, reports_dir, capsys):
    code = cli.main(["run", "--raw", str(workbook), "--cutoff", "2021-05-31", "--no-pdf", "--lang", "en"])
    assert code == 0
    assert [p.name for p in reports_dir.iterdir() if not p.name.startswith(".")] == ["draft-2021-05-31"]
    text = page_text(reports_dir / "draft-2021-05-31" / "en" / "report.html")
    for claim in ("CAC/COSP", "November 2020", "Vienna", "Eleventh session", "31 August 2019", "provisional agenda"):
        assert claim not in text, claim
    assert "Draft" in text and "31 May 2021" in text
    assert re.search(r"(?<![\d,.])455 needs in all\b", text)   # 2021 update: 455 needs at 31 May 2021
    manifest = json.loads((reports_dir / "draft-2021-05-31" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["previous_cutoff_date"] is None and manifest["parameters"]["draft"] is True
    index = page_text(reports_dir / "draft-2021-05-31" / "index.html")
    assert "CAC/COSP" not in index and "Draft" in index


def test_a_session_at_another_cutoff_is_a_draft_too(reports_dir, capsys):
    session_file = config.SESSIONS_DIR / "2020-irg-11-2.yaml"
    assert cli.main(["run", str(session_file), "--cutoff", "2021-05-31", "--no-pdf", "--lang", "en"]) == 0
    assert not (reports_dir / "2020-irg-11-2").exists()
    text = page_text(reports_dir / "draft-2021-05-31" / "en" / "report.html")
    assert "CAC/COSP/IRG/2020/10" not in text and "November 2020" not in text


def test_run_with_raw_and_no_cutoff_says_what_to_give(workbook, reports_dir, capsys):
    assert cli.main(["run", "--raw", str(workbook), "--no-pdf"]) == 2
    assert "--cutoff" in capsys.readouterr().err
    assert not any(reports_dir.iterdir())


# ------------------------------------------------------------------ 6. a researcher's session files

def test_a_researchers_own_session_files_leave_the_suite_green(tmp_path):
    """Following the README (copy a session file, edit it) must not turn the suite red."""
    home = tmp_path / "project"
    ignore = shutil.ignore_patterns(".venv", ".git", "reports", ".cache", "__pycache__", ".pytest_cache", "*.egg-info")
    shutil.copytree(ROOT, home, ignore=ignore)
    (home / "reports").mkdir()
    data = yaml.safe_load((home / "sessions" / "2021-irg-12.yaml").read_text(encoding="utf-8"))
    data.update(id="2022-irg-13", cutoff_date="2022-06-30", previous_cutoff_date="2021-05-31")
    (home / "sessions" / "2022-irg-13.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copy2(home / "sessions" / "2021-irg-12.yaml", home / "sessions" / "2021-irg-12 copy.yaml")  # as copied
    env = {**os.environ, "UNCAC_NEEDS_HOME": str(home)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
                           "tests/test_session.py", "tests/test_report_text.py"],
                          cwd=home, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]


# ------------------------------------------------------------------ 13. executed notebooks re-run from the report

def test_executed_notebooks_name_no_absolute_path_and_rerun_in_place(small_report, tmp_path):
    out = tmp_path / "archived" / "report"
    shutil.copytree(small_report, out)
    for nb in (out / "notebooks").glob("*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        assert str(tmp_path) not in text and "/tmp/" not in text and str(Path.home()) + "/" not in text, nb.name
        assert "\x1b[" not in text and "\\u001b[" not in text, nb.name              # no colour codes
        params = json.loads(text)["metadata"]["papermill"]["parameters"]
        for value in params.values():
            assert not str(value).startswith("/"), (nb.name, value)
    before = (out / "statistics.json").read_bytes()
    (out / "statistics.json").unlink()
    papermill = Path(sys.executable).parent / "papermill"
    proc = subprocess.run([str(papermill), "--no-progress-bar", "notebooks/statistics.ipynb",
                           str(tmp_path / "again.ipynb")], cwd=out, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (out / "statistics.json").read_bytes() == before


# ------------------------------------------------------------------ 9. text a user gives stays text, in the files

HOSTILE = 'X</style><script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    workbook = tmp / '<img src=x onerror=alert(5)>.xlsx'
    shutil.copy2(SAMPLE, workbook)
    intro = tmp / "intro.md"
    intro.write_text("First </style><script>alert(6)</script>.\n\nSecond.\n\nThird.\n", encoding="utf-8")
    data = yaml.safe_load((config.SESSIONS_DIR / "2020-irg-11-2.yaml").read_text(encoding="utf-8"))
    data["document"]["symbol"] = HOSTILE
    data["meeting"]["session"] = {"en": HOSTILE, "zh": HOSTILE}
    data["meeting"]["place"] = {"en": "Vienna</title><script>alert(3)</script>", "zh": "维也纳"}
    data["agenda"]["title"] = {"en": "<b onclick=alert(4)>Technical</b>", "zh": "技术援助"}
    data.update(workbook=str(workbook), narrative={"en": {"introduction": str(intro)}}, languages=["en"])
    session_file = tmp / "hostile.yaml"
    session_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp / "report"
    assert cli.main(["run", str(session_file), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("page", ["en/report.html", "index.html"])
def test_exported_pages_hold_no_markup_from_user_text(hostile_report, page):
    html = (hostile_report / page).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "img", "iframe"])
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.startswith("on")], tag.name
    for style in soup.find_all("style"):
        assert "</" not in style.string and "<script" not in style.string.lower()
    assert HOSTILE in soup.title.get_text()                     # the symbol is shown as the characters it has
    assert html.count("<script") == 0 and "&amp;lt;" not in html


def test_exported_report_shows_user_text_as_text(hostile_report):
    soup = BeautifulSoup((hostile_report / "en" / "report.html").read_text(encoding="utf-8"), "html.parser")
    text = soup.get_text(" ")
    assert HOSTILE in text and "<b onclick=alert(4)>Technical</b>" in text
    assert "<img src=x onerror=alert(5)>.xlsx" in text          # the workbook's name, in the banner


def test_the_pdf_running_header_shows_the_symbol_as_text(hostile_report):
    from pypdf import PdfReader

    first = PdfReader(str(hostile_report / "en" / "report.pdf")).pages[1].extract_text()
    assert "X</style><script>alert(1)</script>" in first


# ------------------------------------------------------------------ 10. one sentence, exit 2, never a traceback

def session_text(**changes) -> str:
    text = (config.SESSIONS_DIR / "2020-irg-11-2.yaml").read_text(encoding="utf-8")
    for key, value in changes.items():
        text = text.replace(f"{key}: {value[0]}", f"{key}: {value[1]}")
    return text


def one_sentence(err: str) -> str:
    assert "Traceback" not in err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1, err
    return lines[0]


def test_an_impossible_unquoted_date_names_its_key(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_text(session_text(cutoff_date=("2020-09-30", "2020-02-30")), encoding="utf-8")
    assert cli.main(["check", str(path)]) == 2
    line = one_sentence(capsys.readouterr().err)
    assert "'cutoff_date'" in line and str(path) in line


def test_a_key_given_twice_is_refused(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_text(session_text() + "cutoff_date: 2020-06-30\n", encoding="utf-8")
    assert cli.main(["check", str(path)]) == 2
    line = one_sentence(capsys.readouterr().err)
    assert "'cutoff_date' twice" in line


@pytest.mark.parametrize("encoding, named", [("utf-16", "UTF-16"), ("gbk", "GBK")])
def test_a_session_not_in_utf8_says_save_it_as_utf8(tmp_path, capsys, encoding, named):
    path = tmp_path / "s.yaml"
    path.write_bytes(session_text().encode(encoding))
    assert cli.main(["check", str(path)]) == 2
    line = one_sentence(capsys.readouterr().err)
    assert named in line and "save it as UTF-8" in line


def test_a_utf8_session_with_a_byte_order_mark_is_read(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_bytes(session_text().encode("utf-8-sig"))
    assert cli.main(["check", str(path)]) == 0


def test_abbreviated_options_are_not_guessed():
    proc = subprocess.run([sys.executable, "-m", "uncac_needs", "stats", "--raw", str(SAMPLE), "--cutof", "2020-09-30"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "--cutof" in proc.stderr and "Traceback" not in proc.stderr


def test_an_unknown_language_is_blamed_on_the_option_and_case_is_ignored(capsys):
    proc = subprocess.run([sys.executable, "-m", "uncac_needs", "run", "--lang", "fr", "--no-pdf"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "--lang" in proc.stderr and "'fr' is not a language" in proc.stderr
    assert "session file" not in proc.stderr
    assert cli._parser().parse_args(["run", "--lang", "EN,Zh"]).lang == ["en", "zh"]


def test_a_relative_out_is_taken_from_where_the_command_was_given(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "uncac_needs", "run", "--out", "mine/report", "--no-pdf", "--lang", "en"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "mine" / "report" / "en" / "report.html").is_file()
    assert not (ROOT / "mine").exists() and not (config.REPORTS_DIR / "mine").exists()


@pytest.fixture
def mounted(tmp_path):
    """A small file system of its own (tmpfs), where the machine lets the tests mount one."""
    made = []

    def mount(name: str, size: str = "1m", readonly: bool = False) -> Path:
        point = tmp_path / name
        point.mkdir()
        options = f"size={size}" + (",ro" if readonly else "")
        if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True).returncode:
            pytest.skip("this machine does not let the tests mount a file system")
        made.append(point)
        return point

    yield mount
    for point in made:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_out_in_a_read_only_folder(mounted, capsys):
    ro = mounted("ro", readonly=True)
    assert cli.main(["run", "--out", str(ro / "report"), "--no-pdf", "--lang", "en"]) == 2
    assert "Cannot write to" in one_sentence(capsys.readouterr().err)
    assert cli.main(["stats", "--raw", str(SAMPLE), "--cutoff", "2020-09-30", "--xlsx", str(ro / "s.xlsx")]) == 2
    assert "Cannot write to" in one_sentence(capsys.readouterr().err)
    assert cli.main(["clean", "--raw", str(SAMPLE), "--out", str(ro / "processed")]) == 2
    assert "Cannot write to" in one_sentence(capsys.readouterr().err)


def test_out_on_a_mount_point_is_refused_before_the_run(mounted, capsys):
    point = mounted("disk", size="100m")
    assert cli.main(["run", "--out", str(point), "--no-pdf", "--lang", "en"]) == 2
    assert "mount point" in one_sentence(capsys.readouterr().err)
    assert list(point.iterdir()) == [] and not list(point.parent.glob(".*partial*"))


def test_a_nearly_full_disk_is_refused_before_the_run(mounted, capsys):
    small = mounted("small", size="2m")
    assert cli.main(["run", "--out", str(small / "report"), "--no-pdf", "--lang", "en"]) == 2
    assert "MB free" in one_sentence(capsys.readouterr().err)


def test_a_disk_that_fills_during_the_run(mounted, capsys, monkeypatch, small_report):
    from uncac_needs.plumbing import folders

    monkeypatch.setattr(folders, "MIN_FREE_BYTES", 0)
    small = mounted("full", size="400k")
    out = small / "report"
    (out / "en").mkdir(parents=True)                         # something of a previous report, to keep (its page:
    shutil.copy2(small_report / "en" / "report.html", out / "en")     # evidence.html alone would fill the disk)
    (out / "manifest.json").write_text(json.dumps({"generator": "uncac-needs", "files": {}}), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (out / "en").iterdir()}
    code = cli.main(["run", "--out", str(out), "--no-pdf", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "filled up during the run" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in (out / "en").iterdir()} == before
    assert not [p for p in small.iterdir() if p.name.startswith(".") and "partial" in p.name]


# ------------------------------------------------------------------ 12. check says what it will keep and reject

def test_check_reports_the_rows_it_will_keep_and_reject(fixture_workbook, tmp_path, capsys):
    path = tmp_path / "s.yaml"
    data = yaml.safe_load(session_text())
    data["workbook"] = str(fixture_workbook)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert cli.main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    # counted by hand in tests/fixture_workbook.py
    assert "7 rows read; 6 will be kept (2 of them with corrections), 1 dropped as duplicates, 0 rejected" in out
    assert "26 rows read; 22 will be kept" in out and "1 dropped as duplicates, 3 rejected" in out
    assert "3 rows will be rejected" in out


# ------------------------------------------------------------------ 11. a summary date in the future is listed

def test_a_summary_date_in_the_future_is_kept_logged_and_listed(tmp_path, capsys):
    from conftest import write_workbook
    from uncac_needs import figures, session
    from uncac_needs.report import render
    from uncac_needs.statistics import Statistics

    path = write_workbook(tmp_path / "w.xlsx", {
        "reviews": [["State", "Date"], ["Kenya", "2020-01-10"], ["Ghana", "2031-02-01"]],
        "needs": [["State", "Article", "Category"], ["Kenya", 5, "other"], ["Ghana", 6, "other"]]})
    out = tmp_path / "s.json"
    assert cli.main(["stats", "--raw", str(path), "--cutoff", "2020-09-30", "--out", str(out)]) == 0
    stats = json.loads(out.read_text(encoding="utf-8"))
    assert [(s["state"], s["row"], s["date"]) for s in stats["cleaning_suspect_dates"]] == [("GHA", 3, "2031-02-01")]
    assert stats["cleaning"]["reviews"]["rows_kept"] == 2 and stats["overview"]["states_completed"] == 1
    typed = Statistics.load(out)
    default = session.load(session.DEFAULT_SESSION, {"narrative": {}})    # the default paragraphs, any statistics
    html = render.Report(typed, figures.draw(typed, "en"), default, "en").document()
    table = BeautifulSoup(html, "html.parser").select_one("table.suspect-dates")
    assert [c.get_text(" ", strip=True) for c in table.select("tbody td, tbody th")] == ["Ghana", "reviews", "3", "1 February 2031"]


def test_a_mapping_with_a_key_given_twice_is_refused(tmp_path, capsys):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("sheets:\n  needs: Needs\n  needs: TA needs\n", encoding="utf-8")
    assert cli.main(["stats", "--raw", str(SAMPLE), "--mapping", str(mapping), "--cutoff", "2020-09-30"]) == 2
    assert "'needs' twice" in one_sentence(capsys.readouterr().err)
