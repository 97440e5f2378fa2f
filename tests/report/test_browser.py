"""report.html in a real browser (headless Chromium through Selenium): filters, search, links, a screenshot.

Needs Debian's ``chromium`` and ``chromium-driver`` packages (``apt-get install -y chromium
chromium-driver``) and ``selenium`` (the ``test`` extra); the tests skip, saying so, only where
the browser or its driver is not installed.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from verify.__main__ import main

#: Fast claims with every finding verdict: verified (D-STAR-HALF, LS-FAKE), qualified (NS-FIXED-POINT), refuted
#: (D002-LOSS, STABILIZE.a).
BROWSER_CLAIMS = "D-STAR-HALF,NS-FIXED-POINT,D002-LOSS,LS-FAKE,STABILIZE.a"

_BROWSERS = ("chromium", "chromium-browser")
_WINDOW = (1400, 900)
#: A scrolled-to element may sit a fraction of a pixel above the window's edge (layout in 1/64 px).
_SUBPIXEL = 1.0


def _installed() -> tuple[str, str] | None:
    browser = next((path for name in _BROWSERS if (path := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


pytestmark = pytest.mark.skipif(
    _installed() is None,
    reason="Chromium and its driver are not installed (apt-get install -y chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def browser_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A report folder of :data:`BROWSER_CLAIMS` written by the CLI, and its report.json."""
    out = tmp_path_factory.mktemp("browser-report")
    argv = ["run", "--claims", BROWSER_CLAIMS, "--profile", "quick", "--out", str(out), "--no-figures", "--quiet"]
    assert main(argv) == 0
    return out, json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    installed = _installed()
    assert installed is not None
    browser, chromedriver = installed
    options = Options()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={_WINDOW[0]},{_WINDOW[1]}")
    chrome = webdriver.Chrome(service=Service(chromedriver), options=options)
    try:
        yield chrome
    finally:
        chrome.quit()


@pytest.fixture
def page(driver: Any, browser_report: tuple[Path, dict[str, Any]]) -> Any:
    """The report page, freshly loaded (filters cleared)."""
    folder, _ = browser_report
    driver.get((folder / "report.html").resolve().as_uri())
    return driver


def _visible_claims(driver: Any) -> list[str]:
    return [e.get_attribute("id") for e in driver.find_elements("css selector", "section.claim") if e.is_displayed()]


def _choose(driver: Any, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", select_id)).select_by_value(value)


def test_the_page_shows_every_claim_before_filtering(page: Any, browser_report: tuple[Path, dict[str, Any]]) -> None:
    _, report = browser_report
    assert sorted(_visible_claims(page)) == sorted(c["id"] for c in report["claims"])


def test_the_refuted_filter_shows_as_many_claims_as_report_json_counts(
    page: Any, browser_report: tuple[Path, dict[str, Any]]
) -> None:
    _, report = browser_report
    _choose(page, "f-verdict", "refuted")
    shown = _visible_claims(page)
    assert report["summary"]["refuted"] >= 1
    assert len(shown) == report["summary"]["refuted"]
    assert sorted(shown) == sorted(c["id"] for c in report["claims"] if c["verdict"] == "refuted")
    assert page.find_element("id", "f-count").text == f"{len(shown)} of {len(report['claims'])} claims shown"


def test_the_document_filter_shows_the_claims_citing_the_document(
    page: Any, browser_report: tuple[Path, dict[str, Any]]
) -> None:
    _, report = browser_report
    _choose(page, "f-doc", "002")
    citing = [c["id"] for c in report["claims"] if any(s["document"].startswith("002_") for s in c["sources"])]
    assert citing and sorted(_visible_claims(page)) == sorted(citing)


def test_a_searched_claim_id_links_to_the_claim_in_view(
    page: Any, browser_report: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    target = "STABILIZE.a"
    page.find_element("id", "f-search").send_keys(target)
    results = page.find_elements("css selector", "#f-results a")
    assert [a.text for a in results] == [target]
    results[0].click()
    top, bottom, height, hash_ = page.execute_script(
        "var r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return [r.top, r.bottom, window.innerHeight, window.location.hash];",
        target,
    )
    assert hash_ == f"#{target}"
    assert -_SUBPIXEL <= top < height and bottom > 0  # the claim's section starts inside the window
    shot = tmp_path / "report-search.png"
    assert page.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_findings_link_reaches_its_check(page: Any, browser_report: tuple[Path, dict[str, Any]]) -> None:
    link = page.find_element("css selector", "#findings-refuted ul.findings a[href*='/']")
    check_id = link.get_attribute("href").split("#", 1)[1]
    link.click()
    top, height = page.execute_script(
        "return [document.getElementById(arguments[0]).getBoundingClientRect().top, window.innerHeight];", check_id
    )
    assert -_SUBPIXEL <= top < height


def test_the_filtered_page_is_saved_as_a_screenshot(page: Any, tmp_path: Path) -> None:
    _choose(page, "f-verdict", "refuted")
    shot = tmp_path / "report-refuted.png"
    assert page.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_a_link_to_a_filtered_out_claim_clears_the_filters_and_shows_it(
    page: Any, browser_report: tuple[Path, dict[str, Any]]
) -> None:
    _, report = browser_report
    _choose(page, "f-verdict", "refuted")
    hidden = next(c["id"] for c in report["claims"] if c["verdict"] != "refuted")
    assert hidden not in _visible_claims(page)
    page.execute_script("window.location.hash = arguments[0];", hidden)
    top, height = page.execute_script(
        "return [document.getElementById(arguments[0]).getBoundingClientRect().top, window.innerHeight];", hidden
    )
    assert hidden in _visible_claims(page)
    assert len(_visible_claims(page)) == len(report["claims"])
    assert -_SUBPIXEL <= top < height
