"""The report in a real browser: Debian's Chromium, headless, driven by Playwright, fully offline."""
import shutil
from pathlib import Path

import pytest

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-gpu", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: scripts/setup.sh installs Debian's chromium package")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("request", lambda r: problems.append(f"request to another host: {r.url}")
            if not r.url.startswith(("file://", "data:", "about:")) else None)
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, problems


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_in_chromium(browser, default_report, lang):
    page, problems = open_page(browser, default_report / lang / "report.html")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{lang}-first-page.png"))     # the first screen, as opened
    assert page.evaluate("document.documentElement.lang") == lang
    figures = page.locator("figure.chart svg")
    assert figures.count() == 6
    for i in range(6):
        figures.nth(i).scroll_into_view_if_needed()
        assert figures.nth(i).is_visible()
        box = figures.nth(i).bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50
    assert problems == []
    page.close()


def test_links_between_languages_and_to_the_data(browser, default_report):
    page, problems = open_page(browser, default_report / "en" / "report.html")
    page.click('nav.languages a[hreflang="zh"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("/zh/report.html")
    assert page.evaluate("document.documentElement.lang") == "zh"
    page.click('nav.languages a[hreflang="en"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("/en/report.html")
    for href in page.eval_on_selector_all("nav.languages a", "els => els.map(e => e.href)"):
        assert href.startswith("file://") and Path(href[len("file://"):]).exists(), href
    page.click('nav.languages a[href="../index.html"]')
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html")
    assert problems == []
    page.close()


def test_index_in_chromium(browser, default_report):
    page, problems = open_page(browser, default_report / "index.html")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator('section[lang="zh"]').count() == 1
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.href)")
    assert len(hrefs) >= 9
    for href in hrefs:
        assert Path(href[len("file://"):].rstrip("/")).exists(), href
    page.click('a[href="zh/report.html"]')
    page.wait_for_load_state("load")
    assert page.locator("h1.title").inner_text().startswith("第二周期")
    assert problems == []
    page.close()
