"""`uncac-needs preview`: the report served on 127.0.0.1, rendered again when the session or a narrative file
is saved, the open page reloading by itself; nothing written to disk, no script in the report files."""
from __future__ import annotations

import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from uncac_needs import session as session_mod
from uncac_needs.plumbing import config

CLI = [sys.executable, "-m", "uncac_needs"]
#: the analyst's paragraphs of the copied session (as many in each language, as the session check asks)
INTRO = {"en": ["The analyst opens with the first paragraph.", "A second paragraph.", "A third paragraph."],
         "zh": ["分析员的第一段。", "第二段。", "第三段。"]}


#: the copied session's id: no report folder of that name may appear (the preview writes no report)
SESSION_ID = "preview-test"


def write_session(folder: Path, intro: dict[str, list[str]] = INTRO) -> Path:
    """A copy of the default session in `folder`, its introduction in both languages there too."""
    data = yaml.safe_load(session_mod.DEFAULT_SESSION.read_text(encoding="utf-8"))
    narrative = {}
    for lang, paragraphs in intro.items():
        path = folder / f"introduction.{lang}.md"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        narrative[lang] = {"introduction": str(path)}
    data.update(id=SESSION_ID, workbook=str(config.PROJ_ROOT / data["workbook"]), narrative=narrative)
    target = folder / "session.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def get(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def paragraphs(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [" ".join(p.get_text(" ", strip=True).split()) for p in soup.find_all("p")]


def shows(html: str, text: str) -> bool:
    """Whether a paragraph of the page holds `text` (after its number, if it has one)."""
    return any(text in p for p in paragraphs(html))


def wait_for(check, seconds: float) -> float:
    """Poll `check` until it holds; the seconds it took (fails after `seconds`)."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"not seen within {seconds} s"
        time.sleep(0.05)
    return time.monotonic() - started


class Running:
    """A preview in its own process: its URL, and what it printed."""

    def __init__(self, session_file: Path, *options: str):
        self.proc = subprocess.Popen(CLI + ["preview", str(session_file), "--port", "0", *options],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.err = ""
        match = None
        deadline = time.monotonic() + 90
        while match is None:
            assert self.proc.poll() is None, self.err + self.proc.stderr.read()
            assert time.monotonic() < deadline, self.err
            if select.select([self.proc.stderr], [], [], 1)[0]:
                self.err += self.proc.stderr.readline()
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", self.err)
        self.port = int(match.group(1))
        self.url = f"http://127.0.0.1:{self.port}/"

    def stop(self) -> tuple[int, str]:
        """Ctrl-C: its exit status and everything it printed on stderr."""
        self.proc.send_signal(signal.SIGINT)
        out, err = self.proc.communicate(timeout=20)
        return self.proc.returncode, self.err + err


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    folder = tmp_path_factory.mktemp("preview")
    session_file = write_session(folder)
    running = Running(session_file)
    running.folder = folder
    yield running
    if running.proc.poll() is None:
        running.stop()


def test_serves_the_report_and_shows_an_edit_within_two_seconds(preview):
    before = {p: p.read_bytes() for p in preview.folder.iterdir()}
    status, page = get(preview.url + "en/report.html")
    assert status == 200
    assert shows(page, "The analyst opens with the first paragraph.")

    version = get(preview.url + "__version")[1]
    answer = {}                 # the open page's question: rendered again since the version I show?
    asking = threading.Thread(target=lambda: answer.update(v=get(preview.url + f"__version?after={version}")[1]))
    asking.start()
    time.sleep(0.3)
    assert asking.is_alive()                                           # … not yet: the answer waits
    intro = preview.folder / "introduction.en.md"
    intro.write_text("The analyst has rewritten the opening.\n\nA second paragraph.\n\nA third paragraph.\n",
                     encoding="utf-8")
    asking.join(2)
    assert int(answer["v"]) > int(version)
    took = wait_for(lambda: shows(get(preview.url + "en/report.html")[1], "The analyst has rewritten the opening."), 2)
    print(f"the edit was served after {took:.2f} s")
    assert not shows(get(preview.url + "en/report.html")[1], "The analyst opens with the first paragraph.")
    # the report folder's layout: the landing page and the other language
    assert get(preview.url + "index.html")[0] == 200 and get(preview.url)[0] == 200
    assert shows(get(preview.url + "zh/report.html")[1], "分析员的第一段。")
    # nothing written beside the session: the preview renders in memory
    after = {p: p.read_bytes() for p in preview.folder.iterdir()}
    assert set(after) == set(before)
    assert all(b"<script" not in data for data in after.values())
    assert not (config.REPORTS_DIR / SESSION_ID).exists()


def test_the_served_page_reloads_itself_and_the_rendered_page_has_no_script(preview):
    from uncac_needs.pipeline import preview as preview_mod

    served = get(preview.url + "en/report.html")[1]
    scripts = BeautifulSoup(served, "html.parser").find_all("script")
    assert len(scripts) == 1 and "/__version" in scripts[0].string and "location.reload()" in scripts[0].string
    version = get(preview.url + "__version")[1]
    assert re.fullmatch(r"\d+", version) and f'"{version}"' in scripts[0].string
    # the page the preview renders (the report file's bytes) has none: it is added as the page is served
    rendered = preview_mod.Renderer(preview.folder / "session.yaml").render().html["en/report.html"]
    assert "<script" not in rendered
    assert served == preview_mod.with_reload(rendered, int(version))


def test_an_error_shows_on_the_page_and_the_preview_goes_on(preview):
    intro = preview.folder / "introduction.en.md"
    intro.write_text("Only one paragraph now.\n", encoding="utf-8")       # zh still has three: a check error
    wait_for(lambda: "different numbers of paragraphs" in get(preview.url + "en/report.html")[1], 2)
    page = get(preview.url + "en/report.html")[1]
    assert "(1 in en, 3 in zh)" in " ".join(paragraphs(page))
    assert len(BeautifulSoup(page, "html.parser").find_all("script")) == 1      # it reloads when corrected
    # a figure by a name statistics.json does not have: the check's sentence, naming the file
    intro.write_text("There are {{ overview.needs }} needs and {{ overview.no_such_figure }} others.\n\n"
                     "A second paragraph.\n\nA third paragraph.\n", encoding="utf-8")
    wait_for(lambda: "no_such_figure" in get(preview.url + "en/report.html")[1], 2)
    message = " ".join(paragraphs(get(preview.url + "en/report.html")[1]))
    assert "introduction.en.md" in message and "There are" not in message
    # corrected: the figure filled in (the sample's 404 needs: 260 under chapter II, 144 under chapter V)
    # saved as many editors save: a new file renamed over the old one
    saved = intro.with_name(".introduction.en.md.swp")
    saved.write_text("Corrected: there are {{ overview.needs }} needs.\n\nA second paragraph.\n\n"
                     "A third paragraph.\n", encoding="utf-8")
    os.replace(saved, intro)
    wait_for(lambda: shows(get(preview.url + "en/report.html")[1], "Corrected: there are 404 needs."), 2)
    assert preview.proc.poll() is None


def test_listens_on_the_loopback_address_only(preview):
    # a server on every address (0.0.0.0) would answer on 127.0.0.2 too; one on 127.0.0.1 refuses it
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", preview.port), timeout=2).close()
    listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    mine = [f[1] for f in listening if f[3] == "0A" and int(f[1].split(":")[1], 16) == preview.port]
    assert mine == ["0100007F:%04X" % preview.port]
    # a page asked for under another host name (DNS rebinding) is refused
    status, text = get(preview.url + "en/report.html", host="attacker.example")
    assert status == 403 and "127.0.0.1" in text and "<p" not in text


def test_the_landing_page_and_the_data_as_the_report_folder_has_them(preview):
    index = BeautifulSoup(get(preview.url + "index.html")[1], "html.parser")
    hrefs = {a["href"] for a in index.find_all("a", href=True)}
    assert {"en/report.html", "zh/report.html"} <= hrefs
    status, text = get(preview.url + "statistics.json")
    assert status == 200 and '"cutoff_date": "2020-09-30"' in text
    assert get(preview.url + "en/report.pdf")[0] == 404          # no PDF in a preview
    assert get(preview.url + "evidence.json")[0] == 200


def test_the_report_links_to_the_rows_it_serves(preview):
    """Each figure's link of the served report leads to its anchor of the served evidence.html."""
    report = BeautifulSoup(get(preview.url + "en/report.html")[1], "html.parser")
    status, text = get(preview.url + "en/evidence.html")
    assert status == 200
    anchors = {tag["id"] for tag in BeautifulSoup(text, "html.parser").find_all(id=True)}
    links = [a["href"] for a in report.find_all("a", href=True) if a["href"].startswith("evidence.html#")]
    assert len(links) > 100 and {h.split("#", 1)[1] for h in links} <= anchors
    assert get(preview.url + "zh/evidence.html")[0] == 200


def test_ctrl_c_stops_it_cleanly(tmp_path):
    running = Running(write_session(tmp_path), "--lang", "en")
    assert get(running.url + "en/report.html")[0] == 200
    assert get(running.url + "zh/report.html")[0] == 404          # --lang en: the English page only
    status, err = running.stop()
    assert status == 0, err
    assert "Traceback" not in err and "Preview stopped." in err


def test_a_port_in_use_is_an_exit_2_error_in_one_sentence(tmp_path):
    session_file = write_session(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(CLI + ["preview", str(session_file), "--port", str(port)], capture_output=True,
                              text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"uncac-needs: Port {port} on 127.0.0.1 is in use (another preview or another "
                                   "program); give another with --port N.")


def test_a_session_at_fault_from_the_start_is_an_exit_2_error(tmp_path):
    session_file = write_session(tmp_path)
    session_file.write_text(session_file.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    proc = subprocess.run(CLI + ["preview", str(session_file), "--port", "0"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "'colour' is not a key a session file can have" in proc.stderr


def test_the_cleaning_statistics_and_figures_are_kept_while_the_workbook_is_unchanged(tmp_path, monkeypatch,
                                                                                         fixture_workbook):
    from uncac_needs import figures, statistics
    from uncac_needs.pipeline import preview_pages
    from uncac_needs.report import render

    calls = {"clean": 0, "statistics": 0, "figures": 0}
    depth = dict.fromkeys(calls, 0)

    def counted(name, function):
        def call(*args, **kwargs):          # the calls of the preview, not those one makes of another
            calls[name] += depth[name] == 0
            depth[name] += 1
            try:
                return function(*args, **kwargs)
            finally:
                depth[name] -= 1
        return call

    monkeypatch.setattr(preview_pages, "_cleaning", counted("clean", preview_pages._cleaning))
    monkeypatch.setattr(statistics, "compute", counted("statistics", statistics.compute))
    monkeypatch.setattr(figures, "draw", counted("figures", figures.draw))
    made = []                               # the reports rendered, by language

    class Report(render.Report):
        def __init__(self, stats, drawn, sess, lang, *args):
            made.append(lang)
            super().__init__(stats, drawn, sess, lang, *args)

    monkeypatch.setattr(render, "Report", Report)
    workbook = tmp_path / "needs.xlsx"
    shutil.copy(config.SAMPLE_WORKBOOK, workbook)
    session_file = write_session(tmp_path)
    data = yaml.safe_load(session_file.read_text(encoding="utf-8"))
    session_file.write_text(yaml.safe_dump(data | {"workbook": str(workbook)}, allow_unicode=True), encoding="utf-8")

    renderer = preview_pages.Renderer(session_file)
    first = renderer.render()
    assert not first.error and calls == {"clean": 1, "statistics": 1, "figures": 2}      # en and zh
    assert workbook in first.watched and session_file in first.watched
    assert tmp_path / "introduction.en.md" in first.watched and tmp_path / "introduction.zh.md" in first.watched
    (tmp_path / "introduction.en.md").write_text("Edited.\n\nTwo.\n\nThree.\n", encoding="utf-8")
    second = renderer.render()
    assert shows(second.html["en/report.html"], "Edited.")
    assert calls == {"clean": 1, "statistics": 1, "figures": 2}
    assert made == ["en", "zh", "en"]       # the Chinese report as it was
    # another cutoff: statistics and figures again, not the cleaning
    session_file.write_text(yaml.safe_dump(data | {"workbook": str(workbook), "cutoff_date": "2020-06-30"},
                                           allow_unicode=True), encoding="utf-8")
    assert not renderer.render().error
    assert calls == {"clean": 1, "statistics": 2, "figures": 4}
    # another workbook under the same name: cleaned again
    shutil.copy(fixture_workbook, workbook)
    assert not renderer.render().error
    assert calls["clean"] == 2


def test_the_preview_shows_the_pages_the_run_writes(tmp_path):
    """The served pages (less the reload script) are the report folder's files, byte for byte."""
    from uncac_needs import pipeline
    from uncac_needs.pipeline.preview_pages import Renderer

    sess = session_mod.load(session_mod.DEFAULT_SESSION)
    out = pipeline.run(sess, session_mod.DEFAULT_SESSION, tmp_path / "report", pdf=False)
    pages = Renderer(session_mod.DEFAULT_SESSION).render()
    assert set(pages.html) == {"index.html", "en/report.html", "zh/report.html", "en/evidence.html", "zh/evidence.html"}
    for path, html in pages.html.items():
        assert html == (out / path).read_text(encoding="utf-8"), path


def test_the_open_page_reloads_itself_in_a_browser(preview):
    """In Chromium (as tests/test_browser.py drives it): the page shows a save within 2 s, untouched."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Chromium is not installed (scripts/setup.sh installs it)")
    intro = preview.folder / "introduction.en.md"
    intro.write_text("Before the save.\n\nA second paragraph.\n\nA third paragraph.\n", encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(preview.url + "en/report.html")
            page.wait_for_function("document.body.innerText.includes('Before the save.')", timeout=5000)
            intro.write_text("After the save.\n\nA second paragraph.\n\nA third paragraph.\n", encoding="utf-8")
            started = time.monotonic()
            page.wait_for_function("document.body.innerText.includes('After the save.')", timeout=2000)
            print(f"the open page showed the save after {time.monotonic() - started:.2f} s")
        finally:
            browser.close()


def test_a_fault_of_the_code_shows_on_the_page_and_waits_for_the_next_save(tmp_path):
    from io import StringIO

    from rich.console import Console

    from uncac_needs.pipeline import preview as preview_mod
    from uncac_needs.pipeline.preview_pages import Renderer

    session_file = write_session(tmp_path)
    preview = preview_mod.Preview(Renderer(session_file), Console(file=StringIO(), width=80))
    preview.first()
    preview.renderer.render = lambda: 1 / 0
    pages = preview.render("a change to session.yaml")
    assert pages.error.startswith("ZeroDivisionError: division by zero") and not pages.html
    assert "Traceback" in preview.console.file.getvalue()
    assert pages.changed() == []                       # nothing to render again until a file is saved
    assert pages.watched == preview_mod.Renderer(session_file).render().watched
    (tmp_path / "introduction.en.md").write_text("Saved.\n\nTwo.\n\nThree.\n", encoding="utf-8")
    assert pages.changed() == [tmp_path / "introduction.en.md"]
