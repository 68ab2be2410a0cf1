"""`docgen serve` in a real browser: Debian's Chromium, driven by Selenium through chromedriver.

The server is the real one (`python -m docgen serve FOLDER --port 0 --no-browser`, its
address read from its first line). Every test starts from fresh copies of the example
clusters and looks at the file on disk afterwards. Screenshots go to the test's temporary
folder and to /tmp/serve-shots/, to be looked at.

Without /usr/bin/chromium and /usr/bin/chromedriver the module is skipped, unless
DOCGEN_REQUIRE_BROWSER=1 (CI sets it), when it fails instead. Selenium never downloads
a browser or driver: both are named explicitly.
"""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CLUSTERS, DATA, REFERENCE
from test_pdf import needs_soffice

from docgen.cluster.check import check_file
from docgen.documents.textdump import docx_text

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SHOTS = Path("/tmp/serve-shots")
PAGE = "/clusters/southern-shores"
REQUIRED = os.environ.get("DOCGEN_REQUIRE_BROWSER") == "1"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    if REQUIRED:
        raise RuntimeError("DOCGEN_REQUIRE_BROWSER=1 but /usr/bin/chromium or "
                           "/usr/bin/chromedriver is missing: apt-get install chromium "
                           "chromium-driver")
    pytest.skip("Chromium and chromedriver are not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402  (only once the browser is known to be there)
from selenium.common.exceptions import (  # noqa: E402
    StaleElementReferenceException,
    TimeoutException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

Driver = webdriver.Chrome
pytestmark = pytest.mark.slow  # a real browser and server: `-m 'not slow'` leaves them out


class Server:
    """`docgen serve` on a folder, in a child process; its address from its first line."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process = subprocess.Popen(
            [sys.executable, "-m", "docgen", "serve", str(folder), "--port", "0",
             "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        first = self.process.stdout.readline().strip()
        assert first.startswith("docgen serve: http://127.0.0.1:"), first
        self.address = first.removeprefix("docgen serve: ")
        self.base = self.address.split("/?")[0]

    def stop(self) -> str:
        """Stop the server; what it wrote on standard error."""
        self.process.terminate()
        try:
            _, errors = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, errors = self.process.communicate()
        return errors


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("served")
    server = Server(folder)
    yield server
    errors = server.stop()
    assert "internal error" not in errors, errors


@pytest.fixture
def folder(served: Server) -> Path:
    """The served folder, with fresh copies of the example clusters for each test."""
    for path in served.folder.iterdir():
        if path.is_file():
            path.unlink()
    for path in CLUSTERS.glob("*.yaml"):
        shutil.copy(path, served.folder / path.name)
    return served.folder


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(served: Server, downloads: Path) -> Iterator[Driver]:
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run",
                     "--window-size=1280,800", "--lang=en-AU"):
        options.add_argument(argument)
    options.binary_location = str(CHROMIUM)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        # a download that starts when a PDF is ready, seconds after the click, is one of
        # several "automatic" downloads Chrome asks about once per site
        "profile.default_content_setting_values.automatic_downloads": 1})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.get(served.address)  # the token once: the server keeps it in a cookie
    yield driver
    driver.quit()


@pytest.fixture
def page(browser: Driver, served: Server, folder: Path) -> Iterator[Driver]:
    """The browser at full size. Afterwards it waits for the page's requests to finish
    (a preview still rendering a file the next test removes would fail on the server),
    then leaves the page."""
    browser.set_window_size(1280, 800)
    browser.base = served.base  # type: ignore[attr-defined]
    yield browser
    quiet_since = [time.monotonic()]

    def settled(driver: Driver) -> bool:  # no request for half a second (one may follow one)
        if driver.execute_script("return document.querySelector('.htmx-request')"):
            quiet_since[0] = time.monotonic()
        return time.monotonic() - quiet_since[0] > 0.5

    wait(browser, settled, what="the page's requests")
    browser.execute_script("document.body && document.body.classList.remove('is-dirty')")
    browser.get("about:blank")


@pytest.fixture
def shot(tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[Driver, str], Path]:
    """Save a screenshot in the test's folder and in /tmp/serve-shots/."""
    SHOTS.mkdir(exist_ok=True)

    def take(driver: Driver, name: str) -> Path:
        path = tmp_path / f"{name}.png"
        driver.save_screenshot(str(path))
        shutil.copy(path, SHOTS / path.name)
        return path

    return take


def go(driver: Driver, url: str) -> None:
    driver.get(driver.base + url)  # type: ignore[attr-defined]
    wait(driver, lambda d: d.execute_script("return document.readyState") == "complete")


def wait(driver: Driver, condition: Callable[[Driver], Any], timeout: float = 15,
         what: str = "") -> Any:
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.1,
                             ignored_exceptions=[StaleElementReferenceException]
                             ).until(condition)
    except TimeoutException:
        raise AssertionError(f"timed out waiting for {what or condition}") from None


def element(driver: Driver, element_id: str) -> WebElement:
    """The element, scrolled to the middle of the window and its groups opened."""
    found = driver.find_element(By.ID, element_id)
    driver.execute_script(
        "let d = arguments[0].closest('details');"
        "while (d) { d.open = true; d = d.parentElement.closest('details'); }"
        "arguments[0].scrollIntoView({block: 'center'});", found)
    return found


def type_into(driver: Driver, element_id: str, text: str) -> WebElement:
    field = element(driver, element_id)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text)
    return field


def click(driver: Driver, target: WebElement) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", target)
    target.click()


def text_of(driver: Driver, element_id: str) -> str:
    return str(driver.find_element(By.ID, element_id).text)


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_the_address_opens_the_list_of_clusters(page, shot):
    go(page, "/")
    rows = page.find_elements(By.CSS_SELECTOR, "table.clusters tbody tr")
    assert [r.find_element(By.TAG_NAME, "a").text for r in rows] == [
        "Goulburn Plains VET Cluster", "Southern Shores VET Cluster"]
    shot(page, "index-1280")
    click(page, rows[1].find_element(By.TAG_NAME, "a"))
    wait(page, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Southern Shores VET Cluster")
    wait(page, lambda d: "Total" in text_of(d, "preview"), what="the first preview")
    shot(page, "cluster-1280")


def test_enrolments_change_the_total_and_band_in_the_funding_preview(page, shot):
    go(page, PAGE)
    wait(page, lambda d: "470" in text_of(d, "preview"), what="the saved preview")
    assert "Band 2" in text_of(page, "preview")
    type_into(page, "f-member_schools-1-vdss_enrolments", "521")
    wait(page, lambda d: "870" in text_of(d, "preview") and "Band 3" in text_of(d, "preview"),
         what="the preview of the unsaved edit")
    assert text_of(page, "preview-state") == "Your unsaved changes, as the document would read."
    assert text_of(page, "dirty-state") == "Unsaved changes (1 edit)"
    shot(page, "preview-after-edit")


def test_a_bad_value_gets_the_check_message_beside_its_field(page, shot):
    go(page, PAGE)
    type_into(page, "f-member_schools-1-vdss_enrolments", "2,000")
    message = "expected a whole number, found '2,000'; write digits only, e.g. 15000"
    slot = wait(page, lambda d: d.find_element(By.ID, "f-member_schools-1-vdss_enrolments-"
                                                      "problem").text and
                d.find_element(By.ID, "f-member_schools-1-vdss_enrolments-problem"),
                what="the message beside the field")
    assert slot.text.split("\n") == ["Error:", message]  # "Error:" for screen readers only
    field = page.find_element(By.ID, "f-member_schools-1-vdss_enrolments")
    assert field.get_attribute("aria-invalid") == "true"
    summary = page.find_element(By.ID, "summary")
    assert "1 error to fix" in summary.text and message in summary.text
    assert page.find_element(By.ID, "problems").get_attribute("aria-live") == "polite"
    shot(page, "bad-value")
    # the summary's link takes the keyboard to the field
    link = summary.find_element(By.CSS_SELECTOR, ".summary-list a")
    click(page, link)
    assert page.switch_to.active_element == field


def test_save_then_reload_changes_only_the_edited_line(page, shot, folder):
    path = folder / "southern-shores.yaml"
    before = path.read_text()
    go(page, PAGE)
    type_into(page, "f-member_schools-1-vdss_enrolments", "130")
    wait(page, lambda d: text_of(d, "dirty-state") == "Unsaved changes (1 edit)")
    click(page, page.find_element(By.ID, "save-button"))
    wait(page, lambda d: text_of(d, "save-status").startswith("Saved"), what="the saved message")
    assert page.switch_to.active_element.get_attribute("id") == "saved-message"
    shot(page, "saved")
    after = path.read_text()
    assert changed_lines(before, after) == ["-    vdss_enrolments: 121",
                                            "+    vdss_enrolments: 130"]
    assert [line for line in after.splitlines() if line.lstrip().startswith("#")] == \
        [line for line in before.splitlines() if line.lstrip().startswith("#")]
    page.refresh()
    field = element(page, "f-member_schools-1-vdss_enrolments")
    assert field.get_attribute("value") == "130"
    assert text_of(page, "dirty-state") == "No unsaved changes"


def test_a_change_on_disk_behind_the_page_is_not_overwritten(page, shot, folder):
    path = folder / "southern-shores.yaml"
    go(page, PAGE)
    type_into(page, "f-member_schools-1-vdss_enrolments", "130")
    wait(page, lambda d: text_of(d, "dirty-state") == "Unsaved changes (1 edit)")
    outside = path.read_text().replace("principal: Michael Zhou", "principal: Mia Zhou")
    path.write_text(outside)  # a teammate's change, pulled while the page was open
    click(page, page.find_element(By.ID, "save-button"))
    conflict = wait(page, lambda d: d.find_elements(By.ID, "conflict"), what="the refusal")[0]
    assert "Not saved: the file has changed" in conflict.text
    assert path.read_text() == outside
    shot(page, "conflict")
    click(page, conflict.find_element(By.TAG_NAME, "button"))
    wait(page, lambda d: d.find_elements(By.ID, "carried-notice"), what="the reloaded form")
    field = element(page, "f-member_schools-1-vdss_enrolments")
    assert field.get_attribute("value") == "130"
    assert text_of(page, "f-member_schools-1-vdss_enrolments-note") == \
        "Your unsaved value. The saved file has: 121."
    assert element(page, "f-member_schools-1-principal").get_attribute("value") == "Mia Zhou"
    shot(page, "conflict-reloaded")
    click(page, page.find_element(By.ID, "save-button"))
    wait(page, lambda d: text_of(d, "save-status").startswith("Saved"), what="the second save")
    assert "vdss_enrolments: 130" in path.read_text() and "Mia Zhou" in path.read_text()


def test_lists_are_reordered_removed_and_added_to_with_choices_following(page, shot, folder):
    go(page, PAGE)
    schools = element(page, "f-member_schools-items")
    first = page.find_element(By.ID, "f-member_schools-0")
    click(page, first.find_element(By.CSS_SELECTOR, "[data-item-action=down]"))
    keys = [li.get_attribute("data-key") for li in
            schools.find_elements(By.CSS_SELECTOR, ":scope > li")]
    assert keys == ["1", "0", "2", "3"]
    numbers = [li.find_element(By.CSS_SELECTOR, "summary .item-n").text
               for li in schools.find_elements(By.CSS_SELECTOR, ":scope > li")]
    assert numbers == ["1", "2", "3", "4"]
    click(page, page.find_element(By.CSS_SELECTOR, "#f-member_schools > .add-item"))
    added = wait(page, lambda d: len(schools.find_elements(By.CSS_SELECTOR, ":scope > li")) == 5
                 and schools.find_elements(By.CSS_SELECTOR, ":scope > li")[-1])
    name = added.find_element(By.CSS_SELECTOR, "input[name$='/name']")
    assert page.switch_to.active_element == name
    name.send_keys("Harbourside College")
    host = element(page, "f-shared_provision-0-host_school")
    assert "Harbourside College" in [o.get_attribute("value") for o in
                                     Select(host).options]
    wait(page, lambda d: "errors to fix" in text_of(d, "summary"), what="the new school's gaps")
    shot(page, "list-edited")
    click(page, added.find_element(By.CSS_SELECTOR, "[data-item-action=remove]"))
    wait(page, lambda d: "No problems" in text_of(d, "summary"))
    assert text_of(page, "dirty-state") == "Unsaved changes (1 edit)"  # the move
    click(page, page.find_element(By.ID, "save-button"))
    wait(page, lambda d: text_of(d, "save-status").startswith("Saved"))
    names = [s["name"] for s in check_file(folder / "southern-shores.yaml",
                                           REFERENCE).values["member_schools"]]
    assert names[:2] == ["Banksia Rise Secondary College", "Seaholme Bay Secondary College"]


def test_a_school_joins_through_the_guided_task_and_the_notice_downloads(page, shot, folder,
                                                                         downloads):
    go(page, PAGE)
    click(page, page.find_element(By.LINK_TEXT, "A school joins"))
    wait(page, lambda d: d.find_element(By.TAG_NAME, "h1").text == "A school joins")
    shot(page, "join-form")
    for field, value in (("name", "Mornington Ridge Secondary College"),
                         ("school_number", "8377"), ("address", "5 Ridge Road, Mornington"),
                         ("principal", "Daniel Okoro"), ("vet_coordinator-name", "Hannah Schultz"),
                         ("governance_nominee-name", "Daniel Okoro"), ("vdss_enrolments", "140")):
        type_into(page, f"f-school-{field}", value)
    Select(element(page, "f-school-sector")).select_by_value("government")
    Select(element(page, "f-school-governance_nominee-role")).select_by_value("principal_class")
    page.execute_script("document.getElementById('f-date').value = '2025-09-01'")
    click(page, page.find_element(By.CSS_SELECTOR, ".task-form button[type=submit]"))
    review = wait(page, lambda d: d.find_elements(By.ID, "review"), what="the review")[0]
    assert "joined   Mornington Ridge Secondary College" in review.text
    assert "Total VDSS enrolments  470 → 610" in review.text
    shot(page, "join-review")
    click(page, page.find_element(By.CSS_SELECTOR, ".apply-form button"))
    wait(page, lambda d: "Next steps" in d.find_element(By.TAG_NAME, "main").text)
    shot(page, "join-done")
    assert check_file(folder / "southern-shores.yaml", REFERENCE).ok
    click(page, page.find_element(By.PARTIAL_LINK_TEXT, "Membership change notice"))
    notice = downloads / "southern-shores-membership-change-notice.docx"
    wait(page, lambda d: notice.exists() and notice.stat().st_size > 0, what=str(notice))
    assert "Mornington Ridge Secondary College" in docx_text(notice.read_bytes())


def set_date(driver: Driver, element_id: str, day: str) -> None:
    """A date typed as the date picker gives it (YYYY-MM-DD), whatever the browser's locale."""
    driver.execute_script("arguments[0].value = arguments[1];"
                          "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                          element(driver, element_id), day)


def test_a_broken_file_is_fixed_in_the_browser_alone(page, shot, folder):
    broken = (DATA / "invalid" / "several-problems.yaml").read_text()
    path = folder / "broken.yaml"
    path.write_text(broken)
    go(page, "/")
    row = page.find_element(By.XPATH, "//tr[td/code='broken.yaml']")
    assert "Needs fixing" in row.text
    click(page, row.find_element(By.TAG_NAME, "a"))
    summary = wait(page, lambda d: d.find_element(By.ID, "summary"))
    assert "3 errors to fix" in summary.text
    assert "unknown key 'aera'; did you mean 'area'?" in summary.text
    shot(page, "broken-before")
    type_into(page, "f-cluster-area", "Example Area")
    slot = page.find_element(By.ID, "f-cluster-aera-problem")
    assert slot.text.endswith("unknown key 'aera'; did you mean 'area'?")
    click(page, element(page, "f-cluster-aera-drop"))
    Select(element(page, "f-member_schools-1-sector")).select_by_value("catholic")
    set_date(page, "f-mou-review_date", "2026-07-06")
    wait(page, lambda d: "No problems" in text_of(d, "summary"), what="every problem fixed")
    shot(page, "broken-fixed")
    click(page, page.find_element(By.ID, "save-button"))
    wait(page, lambda d: text_of(d, "save-status").startswith("Saved"))
    assert check_file(path, REFERENCE).ok
    lines = changed_lines(broken, path.read_text())
    assert sorted(lines) == sorted([
        "-  aera: Example Area                  # the department area, e.g. Bayside Peninsula",
        "+  area: Example Area",
        "-    sector: Catholic school",
        "+    sector: catholic",
        "-  review_date: 2025-07-01             # after the commencement",
        "+  review_date: 2026-07-06             # after the commencement"]), lines


def test_keyboard_focus_is_visible(page, shot):
    go(page, PAGE)
    page.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = page.switch_to.active_element
    assert skip.text == "Skip to main content"
    page.find_element(By.TAG_NAME, "body")
    field = element(page, "f-cluster-name")
    field.click()
    style = page.execute_script("const s = getComputedStyle(arguments[0]);"
                                "return [s.outlineStyle, s.outlineWidth];", field)
    assert style == ["solid", "3px"]
    shot(page, "focus")


@pytest.mark.parametrize("url", ["/", PAGE, f"{PAGE}/tasks/join"])
def test_a_narrow_window_needs_no_sideways_scrolling(page, shot, url):
    page.set_window_size(400, 800)
    go(page, url)
    time.sleep(0.5)  # the preview's first load
    width = page.execute_script("return [document.documentElement.scrollWidth, "
                                "window.innerWidth]")
    assert width[0] <= width[1], width
    name = url.strip("/").replace("/", "-") or "index"
    shot(page, f"narrow-{name}")


WATCH_PROGRESS = """
window.progressSeen = false;
const progress = document.getElementById('download-progress');
new MutationObserver(() => {
  if (progress.classList.contains('htmx-request')) { window.progressSeen = true; }
}).observe(progress, {attributes: true});
"""


@needs_soffice
@pytest.mark.parametrize(("button", "file", "start"), [
    ("button[hx-vals*='\"mou\"']", "southern-shores-mou.pdf", b"%PDF"),
    ("button[hx-vals*='\"pdf\": \"1\"']", "southern-shores-application-pack.zip", b"PK"),
], ids=["pdf", "pack"])
def test_pdfs_and_packs_show_progress_then_download(page, shot, downloads, button, file, start):
    go(page, PAGE)
    target = downloads / file
    target.unlink(missing_ok=True)
    page.execute_script(WATCH_PROGRESS)
    click(page, page.find_element(By.CSS_SELECTOR, button))
    progress = page.find_element(By.ID, "download-progress")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", progress)
    if progress.is_displayed():
        shot(page, f"progress-{target.suffix[1:]}")
    wait(page, lambda d: target.exists() and target.stat().st_size > 0, timeout=180,
         what=str(target))
    assert target.read_bytes().startswith(start)
    assert page.execute_script("return window.progressSeen") is True
    assert not progress.is_displayed()
    assert file in text_of(page, "download-ready")
    shot(page, f"ready-{target.suffix[1:]}")
