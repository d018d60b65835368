"""The 2020 session's narrative run on a workbook with other figures (the hand-counted fixture): its paragraphs
show that workbook's figures, hand-counted, and none of the sample's (issue 10, "Tests")."""
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from test_hand_counted import EXPECTED_B
from uncac_needs.plumbing import config

pytestmark = pytest.mark.slow

# figures of the sample workbook at 2020-09-30 that the fixture does not have: needs, the chapters' needs,
# the capacity-building needs, the States with completed summaries and with needs (the previous analysis's
# published 27, 17 and 282 may appear: the note compares with what was published)
SAMPLE_ONLY = ("404", "260", "144", "177", "44 States", "30 States", "44个", "30个")


@pytest.fixture(scope="module")
def report(fixture_workbook, tmp_path_factory) -> dict[str, dict[int, str]]:
    folder = tmp_path_factory.mktemp("other-data")
    text = (config.SESSIONS_DIR / "2020-irg-11-2.yaml").read_text(encoding="utf-8")
    session = folder / "session.yaml"
    session.write_text(re.sub(r"(?m)^workbook: .*$", f"workbook: {fixture_workbook.as_posix()}", text),
                       encoding="utf-8")
    out = folder / "report"
    subprocess.run([str(Path(sys.executable).parent / "uncac-needs"), "run", str(session), "--out", str(out),
                    "--no-pdf"], check=True, capture_output=True, cwd=config.PROJ_ROOT)
    paragraphs = {}
    for lang in ("en", "zh"):
        soup = BeautifulSoup((out / lang / "report.html").read_text(encoding="utf-8"), "html.parser")
        paragraphs[lang] = {int(p["id"].split("-")[1]): p.get_text() for p in soup.select("p.para[id^=para-]")}
    return paragraphs


def test_the_notes_paragraphs_all_there(report):
    assert sorted(report["en"]) == sorted(report["zh"]) == list(range(1, 52))


def test_paragraph_5_states_the_fixtures_counts(report):
    overview = EXPECTED_B["overview"]          # 21 needs of 4 States: the fixture's summaries end before 2020-09-30
    assert (overview["needs"], overview["states_with_needs"]) == (21, 4)
    assert "The count now stands at 21 individual needs, identified by four States as at September 2020." \
        in report["en"][5]
    assert "截至2020年9月，确定了需求的国家已达4个，单项需求共计21项。" in report["zh"][5]


def test_fewer_summaries_than_published_before_read_as_such(report):
    """The fixture has 5 completed summaries where the previous analysis published 27: paragraph 5 says so,
    never "another -22 States parties"."""
    assert "holds executive summaries for five States, which is not more than the previous analysis counted" \
        in report["en"][5]
    assert "载有5个国家的执行摘要" in report["zh"][5]
    for lang in ("en", "zh"):
        assert not [n for n, text in report[lang].items() if re.search(r"(?<![\w/])[-−]\d", text)], lang


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_figure_of_the_sample(report, lang):
    found = {n: [f for f in SAMPLE_ONLY if f in text] for n, text in report[lang].items()}
    assert {n: f for n, f in found.items() if f} == {}
