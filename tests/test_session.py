"""Session files are validated before anything runs; each error names the key, exit status 2."""
import subprocess
import sys

import pytest
import yaml

from conftest import SHIPPED_SESSIONS
from uncac_needs import cli, session
from uncac_needs.plumbing import config

SESSIONS = SHIPPED_SESSIONS


@pytest.mark.parametrize("path", SESSIONS, ids=[p.stem for p in SESSIONS])
def test_shipped_sessions_are_valid(path):
    s = session.load(path)
    assert s.workbook_path.is_file() and s.languages == ["en", "zh"]


def test_the_three_published_analyses():
    cutoffs = {session.load(p).id: (str(session.load(p).cutoff_date), str(session.load(p).previous_cutoff_date))
               for p in SESSIONS}
    assert cutoffs == {"2019-cosp-8": ("2019-08-31", "None"), "2020-irg-11-2": ("2020-09-30", "2019-08-31"),
                       "2021-irg-12": ("2021-05-31", "2020-09-30")}
    default = session.load(session.DEFAULT_SESSION)
    assert default.meeting.organ == "implementation_review_group" and default.agenda.item == 5
    assert (str(default.meeting.start_date), str(default.meeting.end_date)) == ("2020-11-16", "2020-11-18")


def write(tmp_path, change):
    data = yaml.safe_load(session.DEFAULT_SESSION.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(cutoff_date="the end of September"), ["'cutoff_date'"]),
    (lambda d: d.update(cutoff_date="2020-09-31"), ["'cutoff_date'"]),
    (lambda d: d.update(colour="blue"), ["'colour'", "is not a key"]),
    (lambda d: d["meeting"].update(city="Vienna"), ["'meeting.city'"]),
    (lambda d: d.update(workbook="data/raw/nowhere.xlsx"), ["'workbook'", "does not exist"]),
    (lambda d: d.update(previous_cutoff_date="2021-01-01"), ["previous_cutoff_date", "is not before cutoff_date"]),
    (lambda d: d.update(languages=["en", "fr"]), ["'languages'", "'fr'"]),
    (lambda d: d["agenda"].update(item="five"), ["'agenda.item'"]),
    (lambda d: d.pop("cutoff_date"), ["'cutoff_date'", "is missing"]),
    (lambda d: d["document"].update(symbol=["a", "b"]), ["'document.symbol'"]),
])
def test_check_names_the_key(tmp_path, capsys, change, words):
    code = cli.main(["check", str(write(tmp_path, change))])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    for word in words:
        assert word in err, (word, err)


def test_check_of_a_valid_session_prints_what_would_run(capsys):
    assert cli.main(["check", str(session.DEFAULT_SESSION)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "2020-09-30" in out and "en, zh" in out and "Executive summaries" in out


def test_yaml_is_read_safely(tmp_path, capsys):
    path = tmp_path / "evil.yaml"
    path.write_text("id: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    assert cli.main(["check", str(path)]) == 2
    assert "not valid YAML" in capsys.readouterr().err


def test_run_refuses_a_bad_session_before_starting(tmp_path):
    path = write(tmp_path, lambda d: d.update(previous_cutoff_date="2030-01-01"))
    proc = subprocess.run([sys.executable, "-m", "uncac_needs", "run", str(path), "--out", str(tmp_path / "r")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "previous_cutoff_date" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "r").exists()


def test_command_line_overrides_are_validated_too(tmp_path, capsys):
    code = cli.main(["run", str(session.DEFAULT_SESSION), "--previous-cutoff", "2021-01-01", "--out", str(tmp_path / "r")])
    assert code == 2 and "previous_cutoff_date" in capsys.readouterr().err
    code = cli.main(["run", "--cutoff", "2019-01-01", "--previous-cutoff", "2019-08-31", "--out", str(tmp_path / "r")])
    assert code == 2 and "--previous-cutoff 2019-08-31 is not before --cutoff 2019-01-01" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_narratives_must_have_as_many_paragraphs_in_every_language(tmp_path, capsys):
    short = tmp_path / "intro.md"
    short.write_text("Only one paragraph.\n", encoding="utf-8")
    path = write(tmp_path, lambda d: d.update(narrative={"zh": {"introduction": str(short)}}))
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "different numbers of paragraphs (3 in en, 1 in zh)" in err


# ---------------------------------------------------------------------------------------------- document kinds

def test_a_note_states_its_symbol(tmp_path, capsys):
    path = write(tmp_path, lambda d: d["document"].pop("symbol"))
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "'document.symbol' is missing" in err and "oral_presentation" in err


def test_the_2021_figures_were_presented_orally():
    """The 2021 seed is the meeting's report recording the Secretariat's oral presentation: no symbol."""
    s = session.load(config.SESSIONS_DIR / "2021-irg-12.yaml")
    assert s.document.kind == "oral_presentation" and s.document.symbol is None and s.document.date is None
    assert "CRP" not in (config.SESSIONS_DIR / "2021-irg-12.yaml").read_text(encoding="utf-8").split("document:")[1]


def test_masthead_shows_only_what_the_session_states(sample_result):
    from bs4 import BeautifulSoup

    from uncac_needs import statistics
    from uncac_needs.report import check, page

    s = session.load(config.SESSIONS_DIR / "2021-irg-12.yaml")
    stats = statistics.compute(sample_result.cleaned, s.cutoff_date, s.previous_cutoff_date)
    for lang, note, header in (("en", "Note by the Secretariat", "Implementation Review Group, Twelfth session"),
                               ("zh", "秘书处的说明", "实施情况审议组第十二届会议")):
        masthead = BeautifulSoup(check.render(stats, s, lang).html("masthead"), "html.parser")
        assert not masthead.select(".symbol") and not masthead.select(".distribution"), lang
        assert note not in masthead.get_text() and masthead.select_one(".note").get_text().strip(), lang
        assert page.running_header(lang, s) == header
    note = session.load(session.DEFAULT_SESSION)
    assert page.running_header("en", note) == "CAC/COSP/IRG/2020/10"


def test_a_draft_at_another_cutoff_has_the_default_paragraphs():
    """The analyst's words read the session's own figures ("a quarter"): a run at another cutoff (a draft)
    does not carry them, as it does not carry the masthead."""
    import datetime as dt

    s = session.load(config.SESSIONS_DIR / "2021-irg-12.yaml")
    assert s.narrative
    d = session.as_draft(s, dt.date(2021, 1, 31), None)
    assert d.draft and d.narrative == {} and d.narrative_file("en", "chapter_v") is None
    assert d.narrative_file("en", "introduction") == config.SESSIONS_DIR / "narrative" / "en" / "introduction.md"
