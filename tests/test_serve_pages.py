"""`docgen serve`'s pages over HTTP, end to end, through Starlette's test client.

The pages send what a browser sends (`test_serve_form.submitted` reads the rendered
form as a browser would) and every save is checked on disk afterwards: the lines
the user edited changed, and nothing else did.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import re
import warnings
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import REFERENCE
from httpx import Response
from lxml import html as lxml_html
from test_pdf import needs_soffice
from test_serve_api import anonymous, client, folder
from test_serve_form import edited, reorder, submitted

from docgen.cluster.check import check_file
from docgen.documents.textdump import docx_text
from docgen.serve.pages import HTMX_SHA256
from docgen.serve.views import STATIC

with warnings.catch_warnings():  # starlette 0.52 names an alias anyio 4.16 deprecates
    warnings.filterwarnings("ignore", "The anyio.abc.BlockingPortal alias",
                            DeprecationWarning)
    from starlette.testclient import TestClient

PAGE = "/clusters/southern-shores"
ENROLMENTS = "member_schools/1/vdss_enrolments"
__all__ = ["anonymous", "client", "folder"]  # the API tests' fixtures: a served folder


def tree(client: TestClient, url: str) -> lxml_html.HtmlElement:
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    return lxml_html.fromstring(answer.text)


def form_of(client: TestClient, url: str = PAGE) -> list[tuple[str, str]]:
    return submitted(client.get(url).text)


def send(client: TestClient, url: str, pairs: list[tuple[str, str]]) -> Response:
    """A form posted as a browser posts it (urlencoded, fields in page order)."""
    return client.post(url, content=urlencode(pairs),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})


def post(client: TestClient, url: str, pairs: list[tuple[str, str]]) -> lxml_html.HtmlElement:
    answer = send(client, url, pairs)
    assert answer.status_code == 200, answer.text
    return lxml_html.fromstring(f"<div>{answer.text}</div>")


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def cli_message(folder: Path, old: str, new: str) -> str:
    """What `docgen check` says about the example with `old` replaced by `new`."""
    path = folder / "probe.yaml"
    path.write_text((folder / "southern-shores.yaml").read_text().replace(old, new, 1))
    checked = check_file(path, REFERENCE)
    path.unlink()
    (problem,) = [p for p in checked.problems if p.is_error]
    return problem.message


def test_the_list_shows_every_cluster_with_its_errors_and_warnings(client, folder):
    (folder / "broken.yaml").write_text("cluster:\n\tname: Broken\n")
    rows = tree(client, "/").xpath("//table[@class='clusters']/tbody/tr")
    listed = {row.xpath("string(td[2])").strip(): [c.text_content().strip() for c in row]
              for row in rows}
    api = {row["stem"]: row for row in client.get("/api/clusters").json()}
    assert set(listed) == {"broken.yaml", "goulburn-plains.yaml", "southern-shores.yaml"}
    for file, cells in listed.items():
        row = api[file.removesuffix(".yaml")]
        assert cells[2:4] == [str(row["errors"]), str(row["warnings"])]
    assert listed["broken.yaml"][4] == "Needs fixing"
    assert listed["southern-shores.yaml"][0] == "Southern Shores VET Cluster"


def test_the_pages_need_the_token(anonymous):
    for url in ("/", PAGE, f"{PAGE}/tasks/join", "/static/form.js"):
        assert anonymous.get(url).status_code == 403
    assert anonymous.post(f"{PAGE}/save", data={"~etag": "x"}).status_code == 403


@pytest.mark.parametrize("url", ["/", PAGE, f"{PAGE}/tasks/join", f"{PAGE}/tasks/leave",
                                 f"{PAGE}/tasks/move", f"{PAGE}/text"])
def test_no_page_has_inline_script_or_style(client, url):
    page = tree(client, url)
    assert page.xpath("//script[not(@src)]") == [] and page.xpath("//style") == []
    assert page.xpath("//*[@style]") == []
    handlers = [(el.tag, name) for el in page.iter() if isinstance(el.tag, str)
                for name in el.attrib if name.lower().startswith("on")]
    assert handlers == []
    assert [s.get("src") for s in page.xpath("//script")] == ["/static/htmx.min.js",
                                                              "/static/form.js"]


def test_the_vendored_htmx_is_the_version_recorded(client):
    data = (STATIC / "htmx.min.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() == HTMX_SHA256
    assert b"2.0.11" in data or b'version:"2.0.11"' in data
    assert client.get("/static/htmx.min.js").content == data
    assert (STATIC / "htmx.LICENSE").read_text().startswith("Zero-Clause BSD")


def test_a_bad_value_gets_the_check_message_beside_its_field(client, folder):
    pairs = edited(form_of(client), {ENROLMENTS: "2,000"})
    answer = post(client, f"{PAGE}/check", pairs)
    (item,) = answer.xpath("//li[@data-severity='error']")
    assert item.get("data-target") == "f-member_schools-1-vdss_enrolments"
    assert item.get("data-message") == cli_message(folder, "vdss_enrolments: 121",
                                                   "vdss_enrolments: 2,000")
    assert "Banksia Rise Secondary College" in item.text_content()
    assert answer.xpath("//*[@id='dirty-state']")[0].text == "Unsaved changes (1 edit)"


def test_a_problem_of_a_whole_list_is_shown_on_the_list(client):
    pairs = reorder(form_of(client), "member_schools", [])
    items = post(client, f"{PAGE}/check", pairs).xpath("//li[@data-severity='error']")
    on_list = [i.get("data-message") for i in items if i.get("data-target") == "f-member_schools"]
    assert on_list == ["needs at least 1 item"]


def test_saving_one_value_changes_that_line_and_keeps_every_comment(client, folder):
    path = folder / "southern-shores.yaml"
    before = path.read_text()
    answer = send(client, f"{PAGE}/save", edited(form_of(client), {ENROLMENTS: "130"}))
    assert "Saved southern-shores.yaml" in answer.text
    after = path.read_text()
    assert changed_lines(before, after) == ["-    vdss_enrolments: 121",
                                            "+    vdss_enrolments: 130"]
    # the page now shows the saved file, and the next save starts from it
    assert ("member_schools/1/vdss_enrolments", "130") in submitted(answer.text)


def test_an_untouched_form_saves_nothing(client, folder):
    path = folder / "southern-shores.yaml"
    before = path.read_bytes()
    answer = send(client, f"{PAGE}/save", form_of(client))
    assert "Nothing to save" in answer.text and path.read_bytes() == before


def test_saving_with_an_error_writes_nothing_and_says_why(client, folder):
    path = folder / "southern-shores.yaml"
    before = path.read_bytes()
    answer = send(client, f"{PAGE}/save", edited(form_of(client), {ENROLMENTS: "2,000"}))
    assert answer.headers["HX-Retarget"] == "#problems"
    summary = lxml_html.fromstring(answer.text)
    assert summary.get("role") == "alert"
    assert "Nothing was saved" in summary.text_content()
    assert path.read_bytes() == before


def test_a_file_changed_elsewhere_is_not_overwritten_and_the_users_values_stay(client, folder):
    path = folder / "southern-shores.yaml"
    pairs = edited(form_of(client), {ENROLMENTS: "130"})
    outside = path.read_text().replace("principal: Michael Zhou", "principal: Mia Zhou")
    path.write_text(outside)
    answer = send(client, f"{PAGE}/save", pairs)
    assert answer.headers["HX-Retarget"] == "#save-status"
    assert "Not saved: the file has changed" in answer.text
    assert path.read_text() == outside
    reloaded = send(client, f"{PAGE}/reload", pairs)
    page = lxml_html.fromstring(reloaded.text)
    values = dict(submitted(reloaded.text))
    assert values[ENROLMENTS] == "130"  # the user's
    assert values["member_schools/1/principal"] == "Mia Zhou"  # the teammate's
    note = page.xpath("//*[@id='f-member_schools-1-vdss_enrolments-note']")[0]
    assert note.text == "Your unsaved value. The saved file has: 121."
    saved = send(client, f"{PAGE}/save", submitted(reloaded.text))
    assert "Saved" in saved.text
    assert "vdss_enrolments: 130" in path.read_text() and "Mia Zhou" in path.read_text()


def test_the_preview_shows_unsaved_edits_once_they_check(client):
    pairs = edited(form_of(client), {ENROLMENTS: "521"})
    pairs.append(("~document", "funding-application"))
    text = post(client, f"{PAGE}/preview", pairs).text_content()
    assert "870" in text and "Band 3" in text
    saved = post(client, f"{PAGE}/preview", [("~document", "funding-application")])
    assert "470" in saved.text_content()


def test_a_new_item_has_fresh_names(client):
    answer = client.get(f"{PAGE}/item", params={"list": "member_schools"})
    item = lxml_html.fromstring(answer.text)
    (marker,) = item.xpath("//input[@name='@member_schools']")
    key = marker.get("value")
    assert re.fullmatch(r"n[0-9a-f]{8}", key)
    assert item.xpath(f"//input[@name='member_schools/{key}/name']")
    assert client.get(f"{PAGE}/item", params={"list": "../etc"}).status_code == 404


JOINING = {"school/name": "Mornington Ridge Secondary College", "school/sector": "government",
           "school/school_number": "8377", "school/address": "5 Ridge Road, Mornington Ridge",
           "school/principal": "Daniel Okoro", "school/vet_coordinator/name": "Hannah Schultz",
           "school/governance_nominee/name": "Daniel Okoro",
           "school/governance_nominee/role": "principal_class",
           "school/vdss_enrolments": "140", "date": "2025-09-01"}


def test_a_school_joins_and_the_notice_names_it(client, folder):
    url = f"{PAGE}/tasks/join"
    review = post(client, url, edited(submitted_task(client, url), JOINING))
    report = review.xpath("string(//pre[@class='diff-report'])")
    assert "joined   Mornington Ridge Secondary College (Government, school 8377, 140 VDSS" \
           in report
    assert "Total VDSS enrolments  470 → 610" in report
    assert "pathways.reform@education.vic.gov.au" in report
    apply = [(i.get("name"), i.get("value")) for i in
             review.xpath("//form[@class='apply-form']//input")]
    path = folder / "southern-shores.yaml"
    before = path.read_text()
    done = post(client, f"{url}/apply", apply)
    after = path.read_text()
    added = [line[1:] for line in changed_lines(before, after) if line.startswith("+")]
    assert "  - name: Mornington Ridge Secondary College" in added
    assert "    change: joined" in added
    assert check_file(path, REFERENCE).ok
    link = done.xpath("//a[contains(@href, 'notice.docx')]")[0].get("href")
    notice = client.get(link)
    assert notice.status_code == 200
    assert "Mornington Ridge Secondary College" in docx_text(notice.content)


def submitted_task(client: TestClient, url: str) -> list[tuple[str, str]]:
    return submitted(client.get(url).text, "@class='task-form'")


def test_a_task_places_its_problems_by_its_own_fields(client):
    url = f"{PAGE}/tasks/join"
    review = post(client, url, edited(submitted_task(client, url),
                                      {**JOINING, "school/principal": ""}))
    targets = [li.get("data-target") for li in review.xpath("//li[@data-severity='error']")]
    assert targets == ["f-school-principal"]
    assert review.xpath("//form[@class='apply-form']") == []


def test_a_school_leaves(client, folder):
    url = f"{PAGE}/tasks/leave"
    pairs = edited(submitted_task(client, url), {"school": "Mentone Heath College",
                                                  "date": "2025-12-19"})
    review = post(client, url, pairs)
    assert "left     Mentone Heath College" in review.xpath("string(//pre)")
    assert review.xpath("string(//ul[@class='task-notes'])").strip().startswith(
        "Certificate III in Early Childhood Education and Care (partial) was hosted by Mentone")
    apply = [(i.get("name"), i.get("value")) for i in
             review.xpath("//form[@class='apply-form']//input")]
    post(client, f"{url}/apply", apply)
    text = (folder / "southern-shores.yaml").read_text()
    assert "name: Mentone Heath College" not in text and "change: left" in text


def test_a_school_moves_to_another_cluster_in_both_files(client, folder):
    url = f"{PAGE}/tasks/move"
    pairs = edited(submitted_task(client, url), {"school": "Mentone Heath College",
                                                  "destination": "goulburn-plains",
                                                  "date": "2026-01-27"})
    review = post(client, url, pairs)
    reports = [pre.text_content() for pre in review.xpath("//pre")]
    assert len(reports) == 2
    apply = [(i.get("name"), i.get("value")) for i in
             review.xpath("//form[@class='apply-form']//input")]
    post(client, f"{url}/apply", apply)
    here = (folder / "southern-shores.yaml").read_text()
    there = (folder / "goulburn-plains.yaml").read_text()
    assert "to_cluster: Goulburn Plains" in here.replace("'", "").replace('"', "")
    assert "name: Mentone Heath College" in there
    assert check_file(folder / "goulburn-plains.yaml", REFERENCE).ok


def test_a_file_that_does_not_read_is_shown_as_text_to_fix(client, folder):
    path = folder / "southern-shores.yaml"
    good = path.read_text()
    path.write_text(good.replace("  area: Bayside Peninsula", "\tarea: Bayside Peninsula"))
    page = tree(client, PAGE)
    assert "a tab character is used for indentation; indent with spaces" in page.text_content()
    tag = page.xpath("//input[@name='~etag']")[0].get("value")
    refused = client.post(f"{PAGE}/text/save", data={"~etag": tag, "text": "cluster: 1\n"})
    assert "Nothing was saved" in refused.text
    fixed = client.post(f"{PAGE}/text/save", data={"~etag": tag, "text": good})
    assert fixed.headers["HX-Redirect"] == PAGE
    assert path.read_text() == good


def test_a_pack_is_made_and_then_downloaded(client):
    ready = post(client, f"{PAGE}/prepare", [("what", "pack")])
    link = ready.xpath("//a[@data-auto-download]")[0]
    assert link.get("download") == "southern-shores-application-pack.zip"
    data = client.get(link.get("href")).content
    assert data == client.get("/api/clusters/southern-shores/pack.zip").content
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(data)).namelist()


@needs_soffice
@pytest.mark.slow  # the real LibreOffice
def test_a_pdf_is_made_and_then_downloaded(client):
    ready = post(client, f"{PAGE}/prepare", [("what", "pdf"), ("document", "mou")])
    link = ready.xpath("//a[@data-auto-download]")[0]
    assert client.get(link.get("href")).content.startswith(b"%PDF")


def test_before_a_save_the_page_says_what_else_it_will_tidy(client, folder):
    path = folder / "southern-shores.yaml"
    text = path.read_text()
    start = text.index("  objectives:\n")
    end = text.index("\n\n", start)
    path.write_text(text[:start] + "  objectives: [Share classes, Lift completions]" + text[end:])
    pairs = edited(form_of(client), {"cluster/objectives/0": "Share classes and trainers"})
    notice = post(client, f"{PAGE}/check", pairs).xpath("//*[@id='restyle-notice']")[0]
    assert notice.get("hx-swap-oob") == "innerHTML"
    assert "Saving will also tidy this file, once" in notice.text_content()
    assert "block style" in notice.text_content()
    untouched = post(client, f"{PAGE}/check", form_of(client))
    assert untouched.xpath("string(//*[@id='restyle-notice'])").strip() == ""


def test_a_missing_cluster_is_said_in_a_page_not_json(client, folder):
    answer = client.get("/clusters/nothing-here")
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")
    assert "There is no cluster file 'nothing-here' in the folder" in \
        lxml_html.fromstring(answer.text).text_content()
    pairs = form_of(client)
    (folder / "southern-shores.yaml").unlink()  # removed by git while the page was open
    gone = send(client, f"{PAGE}/save", pairs)
    assert gone.status_code == 200 and gone.headers["HX-Retarget"] == "#save-status"
    assert "There is no cluster file 'southern-shores'" in \
        lxml_html.fromstring(gone.text).text_content()
