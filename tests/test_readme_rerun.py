"""The README's "Re-running for a new session", followed step by step."""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from uncac_needs.plumbing import config

ROOT = config.PROJ_ROOT
BIN = Path(sys.executable).parent


def steps() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Re-running for a new session", 1)[1].split("\n## ", 1)[0]
    items = re.findall(r"^\d+\. (.*?)(?=^\d+\. |\Z)", section, re.S | re.M)
    return [" ".join(item.split()) for item in items]


def test_readme_steps(tmp_path):
    items = steps()
    assert len(items) == 4
    copy = re.search(r"`(cp \S+ \S+)`", items[0])[1]
    check = re.search(r"`(\.venv/bin/uncac-needs check \S+)`", items[2])[1]
    run = re.search(r"`(\.venv/bin/uncac-needs run \S+)`", items[3])[1]
    for key in ("id", "cutoff_date", "previous_cutoff_date", "meeting", "agenda", "document", "workbook"):
        assert f"`{key}`" in items[1], key

    # a researcher who followed the README has made this very file: the steps then run on a name of the
    # test's own, and the researcher's file is neither read nor removed
    target = shlex.split(copy)[2]
    if (ROOT / target).exists():
        name = f"sessions/readme-test-{os.getpid()}.yaml"
        copy, check, run = (command.replace(target, name) for command in (copy, check, run))
        target = name
    new_file = ROOT / target
    new_report = None
    assert not new_file.exists()
    try:
        # 1. copy the latest session file
        subprocess.run(shlex.split(copy), cwd=ROOT, check=True)
        # 2. change the id, the cutoffs, the meeting, the agenda and the document
        data = yaml.safe_load(new_file.read_text(encoding="utf-8"))
        data.update(id="test-2022-irg-13", cutoff_date="2022-06-30", previous_cutoff_date="2021-05-31")
        data["meeting"].update(session={"en": "Thirteenth session", "zh": "第十三届会议"},
                               start_date="2022-06-13", end_date="2022-06-17")
        data["agenda"]["item"] = 4
        data["document"].update(symbol="CAC/COSP/IRG/2022/TEST", date="2022-06-01")
        new_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        new_report = config.REPORTS_DIR / "test-2022-irg-13"
        # 3. check it, 4. run it
        for command in (check, run):
            argv = shlex.split(command.replace(".venv/bin/", f"{BIN}/"))
            proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
            assert proc.returncode == 0, proc.stderr
        page = BeautifulSoup((new_report / "en" / "report.html").read_text(encoding="utf-8"), "html.parser")
        text = page.get_text(" ")
        assert "CAC/COSP/IRG/2022/TEST" in text and "Thirteenth session" in text
        assert "By 30 June 2022" in text and "31 May 2021" in text
        assert (new_report / "zh" / "report.pdf").is_file()
    finally:
        new_file.unlink(missing_ok=True)
        if new_report is not None:
            shutil.rmtree(new_report, ignore_errors=True)
            shutil.rmtree(new_report.parent / f".{new_report.name}.failed", ignore_errors=True)
