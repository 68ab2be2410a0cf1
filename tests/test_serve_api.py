"""`docgen serve`'s HTTP API, row by row, and every access rule, through Starlette's test client.

The contract is product.md's "docgen serve" section. Each save test looks at the file on
disk afterwards; each refusal checks that nothing was written (or read).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import secrets
import shutil
import signal
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CLUSTERS, DATA, REPO
from test_pdf import needs_soffice

from docgen.build.pack import PACK_SUFFIX, pack
from docgen.build.pipeline import build
from docgen.documents.catalogue import DOCUMENT_NAMES
from docgen.documents.textdump import docx_text
from docgen.serve import folder as served_folder
from docgen.serve.app import create_app
from docgen.serve.security import MAX_BODY_BYTES, SECURITY_HEADERS

with warnings.catch_warnings():  # starlette 0.52 names an alias anyio 4.16 deprecates
    warnings.filterwarnings("ignore", "The anyio.abc.BlockingPortal alias",
                            DeprecationWarning)
    from starlette.testclient import TestClient

PORT = 8731
BASE = f"http://127.0.0.1:{PORT}"
TOKEN = secrets.token_urlsafe(32)
BEARER = {"Authorization": f"Bearer {TOKEN}"}
SOUTHERN = "/api/clusters/southern-shores"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of cluster files to serve: copies of the examples."""
    served = tmp_path / "clusters"
    served.mkdir()
    for path in CLUSTERS.glob("*.yaml"):
        shutil.copy(path, served / path.name)
    return served


def serve(folder: Path, **options: object) -> TestClient:
    app = create_app(folder, TOKEN, host="127.0.0.1", port=PORT, **options)  # type: ignore[arg-type]
    return TestClient(app, base_url=BASE)


@pytest.fixture
def anonymous(folder: Path) -> Iterator[TestClient]:
    """A client that has not signed in."""
    with serve(folder) as client:
        yield client


@pytest.fixture
def client(anonymous: TestClient) -> TestClient:
    """A client signed in as a browser is: the token from the address, then the cookie."""
    answer = anonymous.get(f"/?token={TOKEN}", follow_redirects=False)
    assert answer.status_code == 303
    return anonymous


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (temp files included), with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def etag(data: bytes) -> str:
    return f'"{hashlib.sha256(data).hexdigest()}"'


def check_json(run_cli: Callable[..., Any], folder: Path, name: str) -> list[dict[str, Any]]:
    """What `docgen check --format json NAME` prints, run in `folder`."""
    assert Path.cwd() == folder
    problems: list[dict[str, Any]] = json.loads(run_cli("check", "--format", "json",
                                                        name).output)
    return problems


def errors(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [p for p in problems if p["severity"] == "error"]


# --- access -----------------------------------------------------------------------------

def test_the_token_in_the_address_becomes_a_cookie_and_leaves_the_address(anonymous):
    answer = anonymous.get(f"/?token={TOKEN}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith(f"docgen_token_{PORT}={TOKEN};")
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert attributes == {"httponly", "samesite=strict", "path=/"}
    assert anonymous.get("/api/clusters").status_code == 200  # the cookie is sent back


def test_a_bearer_token_opens_the_api(anonymous):
    assert anonymous.get("/api/clusters", headers=BEARER).status_code == 200
    assert anonymous.get("/api/clusters", headers={"Authorization": f"bearer  {TOKEN} "}) \
        .status_code == 200


REQUESTS = [("GET", "/api/clusters"), ("GET", f"{SOUTHERN}/source"),
            ("POST", f"{SOUTHERN}/check"), ("PUT", f"{SOUTHERN}/source"),
            ("PATCH", f"{SOUTHERN}/source"), ("GET", f"{SOUTHERN}/documents/mou.docx"),
            ("GET", f"{SOUTHERN}/documents/mou.html"), ("GET", f"{SOUTHERN}/pack.zip"),
            ("GET", "/"), ("GET", "/api/clusters/nothing-here/source")]


@pytest.mark.parametrize(("method", "url"), REQUESTS)
@pytest.mark.parametrize("credentials", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
    {"Cookie": f"docgen_token_{PORT}=wrong"}, {"Cookie": f"docgen_token_9999={TOKEN}"},
    {"Authorization": f"Bearer {TOKEN[:-1]}"}], ids=lambda c: next(iter(c.values()), "none"))
def test_without_the_token_every_request_is_refused(anonymous, folder, method, url, credentials):
    before = snapshot(folder)
    answer = anonymous.request(method, url, headers={**credentials, "If-Match": "*"},
                               content=b"cluster: {}\n")
    assert answer.status_code == 403
    assert "set-cookie" not in answer.headers
    assert snapshot(folder) == before


def test_a_wrong_token_in_the_address_sets_no_cookie(anonymous):
    answer = anonymous.get("/?token=guess", follow_redirects=False)
    assert answer.status_code == 403
    assert "set-cookie" not in answer.headers
    assert "?token=" in answer.text  # says how to sign in
    assert anonymous.get(f"/api/clusters?token={TOKEN}").status_code == 403  # only at /


@pytest.mark.parametrize("host", [f"evil.example:{PORT}", "evil.example", "127.0.0.1:9999",
                                  "127.0.0.1", f"localhost.evil.example:{PORT}",
                                  f"127.0.0.2:{PORT}", ""])
def test_a_host_that_is_not_ours_is_refused(anonymous, host):
    """DNS rebinding: a site that points its name at 127.0.0.1 sends its own name."""
    answer = anonymous.get("/api/clusters", headers={**BEARER, "Host": host})
    assert answer.status_code == 400
    signing_in = anonymous.get(f"/?token={TOKEN}", headers={"Host": host},
                               follow_redirects=False)
    assert signing_in.status_code == 400
    assert "set-cookie" not in signing_in.headers


def test_localhost_with_the_port_is_ours(anonymous):
    for host in (f"localhost:{PORT}", f"LOCALHOST:{PORT}", f"127.0.0.1:{PORT}"):
        assert anonymous.get("/api/clusters", headers={**BEARER, "Host": host}) \
            .status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"}, {"Origin": "null"},
    {"Origin": f"http://127.0.0.1:{PORT + 1}"}, {"Origin": f"https://127.0.0.1:{PORT}"},
    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"}])
def test_a_change_from_another_site_is_refused(client, folder, headers):
    before = snapshot(folder)
    source = client.get(f"{SOUTHERN}/source")
    for method, url in [("POST", f"{SOUTHERN}/check"), ("PUT", f"{SOUTHERN}/source"),
                        ("PATCH", f"{SOUTHERN}/source")]:
        answer = client.request(method, url, content=source.content,
                                headers={**headers, "If-Match": source.headers["etag"],
                                         "Content-Type": "application/json-patch+json"})
        assert answer.status_code == 403, (method, answer.text)
    assert snapshot(folder) == before


@pytest.mark.parametrize("headers", [
    {}, {"Origin": BASE}, {"Origin": f"http://localhost:{PORT}"},
    {"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}])
def test_a_change_from_our_own_page_or_a_script_passes(client, headers):
    source = client.get(f"{SOUTHERN}/source").content
    answer = client.post(f"{SOUTHERN}/check", content=source, headers=headers)
    assert answer.status_code == 200
    assert errors(answer.json()) == []


def test_a_body_over_the_cap_is_refused(client, folder):
    before = snapshot(folder)
    source = client.get(f"{SOUTHERN}/source")
    large = b"#" * (MAX_BODY_BYTES + 1)
    assert client.post(f"{SOUTHERN}/check", content=large).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"#" * 65536

    answer = client.put(f"{SOUTHERN}/source", content=chunks(),
                        headers={"If-Match": source.headers["etag"]})
    assert answer.status_code == 413
    assert "2,000,000 bytes" in answer.json()["error"]
    assert client.post(f"{SOUTHERN}/check", content=chunks()).status_code == 413
    assert snapshot(folder) == before
    exactly = b"#" * MAX_BODY_BYTES  # at the cap is fine (and too large for a cluster file)
    assert "at most 1,000,000" in client.post(f"{SOUTHERN}/check", content=exactly).text


def test_every_answer_carries_the_security_headers(folder, client):
    with serve(folder) as anonymous:
        answers = [anonymous.get("/api/clusters"), anonymous.get("/", headers={"Host": "x"})]
    answers += [client.get("/?token=" + TOKEN, follow_redirects=False),
               client.get("/api/clusters"), client.get(f"{SOUTHERN}/documents/mou.html"),
               client.get("/api/clusters/nothing/source"), client.get("/no/such/page"),
               client.post(f"{SOUTHERN}/check", content=b"#" * (MAX_BODY_BYTES + 1)),
               client.delete(f"{SOUTHERN}/source")]
    assert [a.status_code for a in answers] == [403, 400, 303, 200, 200, 404, 404, 413, 405]
    for answer in answers:
        for name, value in SECURITY_HEADERS.items():
            assert answer.headers[name] == value, (answer.request.url, name)
    policy = SECURITY_HEADERS["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy


# --- only the folder's cluster files ----------------------------------------------------

@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every cluster file the server reads, in order."""
    seen: list[Path] = []
    real = served_folder.read_bytes

    def recording(path: Path, name: str) -> bytes:
        seen.append(path)
        return real(path, name)

    monkeypatch.setattr(served_folder, "read_bytes", recording)
    return seen


@pytest.mark.parametrize("url", [
    "/api/clusters/..%2Fclusters%2Fsouthern-shores/source",
    "/api/clusters/..%2F..%2F..%2F..%2Fetc%2Fpasswd/source",
    "/api/clusters/%2Fetc%2Fpasswd/source", "/api/clusters//etc/passwd/source",
    "/api/clusters/../source", "/api/clusters/%2E%2E/source", "/api/clusters/./source",
    "/api/clusters/southern-shores.yaml/source", "/api/clusters/southern-shores%00/source",
    "/api/clusters/southern-shores%2F/source", "/api/clusters/Southern-Shores/source",
    "/api/clusters/%2e%2e%5csecret/source", "/api/clusters/secret/source",
    "/api/clusters/linked/source", "/api/clusters/.hidden/source",
    "/api/clusters/nested/source", "/api/clusters/twice/source",
    "/api/clusters/secret/documents/mou.docx", "/api/clusters/linked/pack.zip",
    "/api/clusters/C:%5Csecret/source"])
def test_only_the_folders_own_cluster_files_exist(client, folder, reads, url):
    """Nothing from the URL becomes a path: a link, a hidden file, a file in a subfolder,
    two files sharing a stem and anything outside are 404, and nothing is read."""
    secret = folder.parent / "secret.yaml"
    secret.write_text("secret: do not serve\n")
    (folder / "linked.yaml").symlink_to(secret)
    (folder / ".hidden.yaml").write_text("cluster: hidden\n")
    (folder / "nested").mkdir()
    (folder / "nested" / "nested.yaml").write_text("cluster: nested\n")
    (folder / "twice.yaml").write_text("cluster: one\n")
    (folder / "twice.yml").write_text("cluster: two\n")
    for method in ("GET", "POST", "PUT"):
        answer = client.request(method, url, content=b"x: 1\n", headers={"If-Match": "*"})
        assert answer.status_code in (404, 405), (method, url, answer.status_code)
        assert "do not serve" not in answer.text
    assert reads == []
    assert [row["stem"] for row in client.get("/api/clusters").json()] == \
        ["goulburn-plains", "southern-shores"]
    assert secret.read_text() == "secret: do not serve\n"


def test_websockets_are_refused(client):
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/", headers=BEARER):
        pass


# --- the rows ---------------------------------------------------------------------------

def test_clusters_lists_each_file_with_its_name_and_problem_counts(client, folder, run_cli,
                                                                  monkeypatch):
    monkeypatch.chdir(folder)
    expected = [{"stem": stem, "name": name, "errors": 0,
                 "warnings": len(check_json(run_cli, folder, f"{stem}.yaml"))}
                for stem, name in [("goulburn-plains", "Goulburn Plains VET Cluster"),
                                   ("southern-shores", "Southern Shores VET Cluster")]]
    assert client.get("/api/clusters").json() == expected
    shutil.copy(DATA / "invalid" / "several-problems.yaml", folder / "broken.yml")
    (folder / "goulburn-plains.yaml").unlink()  # files come and go with git pull
    problems = check_json(run_cli, folder, "broken.yml")
    assert client.get("/api/clusters").json() == [
        {"stem": "broken", "name": "Example VET Cluster", "errors": len(errors(problems)),
         "warnings": len(problems) - len(errors(problems))}, expected[1]]
    (folder / "broken.yml").write_bytes(b"\xff")  # changed again: counted again
    assert client.get("/api/clusters").json()[0] == \
        {"stem": "broken", "name": None, "errors": 1, "warnings": 0}


def test_source_is_the_files_bytes_with_their_sha256_as_etag(client, folder):
    answer = client.get(f"{SOUTHERN}/source")
    data = (folder / "southern-shores.yaml").read_bytes()
    assert answer.status_code == 200
    assert answer.content == data
    assert answer.headers["etag"] == etag(data)
    assert answer.headers["content-type"].startswith("application/yaml")




@pytest.mark.parametrize("case", ["several-problems", "missing-list-dash", "tab-indentation",
                                  "invalid-utf8", "duplicate-key", "empty-file",
                                  "chair-not-a-member"])
def test_check_gives_exactly_what_docgen_check_gives(client, folder, run_cli, monkeypatch,
                                                     tmp_path, case):
    text = (DATA / "invalid" / f"{case}.yaml").read_bytes()
    before = snapshot(folder)
    answer = client.post(f"{SOUTHERN}/check", content=text)
    assert answer.status_code == 200
    assert snapshot(folder) == before  # checking writes nothing
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "southern-shores.yaml").write_bytes(text)
    monkeypatch.chdir(elsewhere)
    assert answer.json() == check_json(run_cli, elsewhere, "southern-shores.yaml")
    assert answer.json(), "an invalid case has problems"


def test_check_of_a_valid_text_has_no_errors(client, folder, run_cli, monkeypatch):
    source = client.get(f"{SOUTHERN}/source").content
    monkeypatch.chdir(folder)
    answer = client.post(f"{SOUTHERN}/check", content=source).json()
    assert errors(answer) == []
    assert answer == check_json(run_cli, folder, "southern-shores.yaml")


# --- saving -----------------------------------------------------------------------------

def test_put_replaces_the_file_and_gives_the_new_etag(client, folder):
    path = folder / "southern-shores.yaml"
    old = path.read_bytes()
    new = old.replace(b"Anneliese Ford", b"Anneliese Ford-Ng", 1)
    answer = client.put(f"{SOUTHERN}/source", content=new, headers={"If-Match": etag(old)})
    assert answer.status_code == 200, answer.text
    assert answer.headers["etag"] == etag(new) == answer.json()["etag"]
    assert errors(answer.json()["problems"]) == []
    assert path.read_bytes() == new
    assert [line for line in new.splitlines() if line not in old.splitlines()] == \
        [line for line in new.splitlines() if b"Ford-Ng" in line]
    assert client.get(f"{SOUTHERN}/source").headers["etag"] == etag(new)
    assert sorted(p.name for p in folder.iterdir()) == ["goulburn-plains.yaml",
                                                        "southern-shores.yaml"]


def test_put_of_the_same_bytes_leaves_the_file_alone(client, folder):
    path = folder / "southern-shores.yaml"
    data, stamp = path.read_bytes(), path.stat().st_mtime_ns
    answer = client.put(f"{SOUTHERN}/source", content=data, headers={"If-Match": etag(data)})
    assert answer.status_code == 200
    assert path.read_bytes() == data and path.stat().st_mtime_ns == stamp


def test_put_without_if_match_is_428_and_writes_nothing(client, folder):
    before = snapshot(folder)
    answer = client.put(f"{SOUTHERN}/source", content=b"cluster: {}\n")
    assert answer.status_code == 428
    assert "If-Match" in answer.json()["error"]
    assert snapshot(folder) == before


@pytest.mark.parametrize("tag", ['"0000"', "W/{current}", "{current_unquoted}", '""'])
def test_put_with_a_stale_tag_is_412_and_writes_nothing(client, folder, tag):
    path = folder / "southern-shores.yaml"
    current = etag(path.read_bytes())
    before = snapshot(folder)
    tag = tag.format(current=current, current_unquoted=current.strip('"'))
    answer = client.put(f"{SOUTHERN}/source", content=path.read_bytes() + b"# edited\n",
                        headers={"If-Match": tag})
    assert answer.status_code == 412
    assert answer.headers["etag"] == current  # what to reload
    assert "changed" in answer.json()["error"]
    assert snapshot(folder) == before


def test_a_save_after_someone_elses_save_is_412(client, folder):
    """Two tabs (or a git pull) cannot silently overwrite each other."""
    path = folder / "southern-shores.yaml"
    loaded = client.get(f"{SOUTHERN}/source")
    mine = loaded.content.replace(b"Anneliese Ford", b"A. Ford", 1)
    path.write_bytes(loaded.content.replace(b"Priya Raman", b"P. Raman"))  # git pull
    answer = client.put(f"{SOUTHERN}/source", content=mine,
                        headers={"If-Match": loaded.headers["etag"]})
    assert answer.status_code == 412
    assert b"P. Raman" in path.read_bytes() and b"A. Ford" not in path.read_bytes()


def test_put_of_a_text_with_errors_is_422_with_the_problems_and_writes_nothing(
        client, folder, run_cli, monkeypatch):
    path = folder / "southern-shores.yaml"
    before = snapshot(folder)
    text = path.read_bytes().replace(b"vdss_enrolments: 164", b"vdss_enrolments: lots", 1)
    answer = client.put(f"{SOUTHERN}/source", content=text,
                        headers={"If-Match": etag(path.read_bytes())})
    assert answer.status_code == 422
    assert snapshot(folder) == before
    problems = answer.json()["problems"]
    assert [p["path"] for p in errors(problems)] == ["member_schools[0].vdss_enrolments"]
    assert problems == client.post(f"{SOUTHERN}/check", content=text).json()
    assert "nothing was saved" in answer.json()["error"]


def test_put_keeps_a_file_with_warnings_and_names_them(client, folder):
    path = folder / "southern-shores.yaml"
    before = client.post(f"{SOUTHERN}/check", content=path.read_bytes()).json()
    text = path.read_bytes().replace(b"area: Bayside Peninsula",
                                     b"area: Bayside Peninsula #2", 1)
    answer = client.put(f"{SOUTHERN}/source", content=text,
                        headers={"If-Match": etag(path.read_bytes())})
    assert answer.status_code == 200
    added = [p for p in answer.json()["problems"] if p not in before]
    assert [(p["severity"], p["path"]) for p in added] == [("warning", "cluster.area")]
    assert path.read_bytes() == text


# --- PATCH: edits made in the text -----------------------------------------------------

PATCH_TYPE = {"Content-Type": "application/json-patch+json"}


def patch(client: TestClient, operations: object, tag: str | None = None,
          headers: dict[str, str] | None = None) -> Any:
    """PATCH the southern-shores file with `operations` (JSON), tagged as it is saved now."""
    if tag is None:
        tag = client.get(f"{SOUTHERN}/source").headers["etag"]
    return client.patch(f"{SOUTHERN}/source", content=json.dumps(operations).encode(),
                        headers={**PATCH_TYPE, "If-Match": tag, **(headers or {})})


def changed_lines(old: bytes, new: bytes) -> list[tuple[bytes, bytes]]:
    """(old line, new line) for every line that differs; the files must have as many lines."""
    assert len(old.splitlines()) == len(new.splitlines())
    return [(a, b) for a, b in zip(old.splitlines(), new.splitlines(), strict=True) if a != b]


def test_kinds_name_the_type_the_loader_reads() -> None:
    from conftest import REFERENCE

    from docgen.cluster.kinds import value_kinds

    kinds = value_kinds(REFERENCE)
    assert kinds(("member_schools", 3, "school_number")) == "text"
    assert kinds(("member_schools", 0, "vdss_enrolments")) == "integer"
    assert kinds(("coordinator", "fte")) == "number"
    assert kinds(("document", "history", 1, "date")) == "date"
    assert kinds(("member_schools", 0, "ttc_host")) == "boolean"
    assert kinds(("self_assessment", "shared_provision", "rating")) == "text"
    assert kinds(("member_schools",)) is None and kinds(("member_schools", 0)) is None
    assert kinds(("no_such_key",)) is None and kinds(("cluster", "name", "x")) is None


def test_an_empty_patch_leaves_the_file_byte_identical(client, folder):
    path = folder / "southern-shores.yaml"
    data, stamp = path.read_bytes(), path.stat().st_mtime_ns
    answer = patch(client, [])
    assert answer.status_code == 200, answer.text
    assert answer.headers["etag"] == etag(data)
    assert answer.json()["normalised"] is False
    assert path.read_bytes() == data and path.stat().st_mtime_ns == stamp


def test_replacing_one_scalar_changes_exactly_that_line(client, folder):
    path = folder / "southern-shores.yaml"
    old = path.read_bytes()
    answer = patch(client, [{"op": "replace", "path": "/member_schools/0/vdss_enrolments",
                             "value": 171},
                            {"op": "replace", "path": "/cluster/facilitation",
                             "value": "school"}])
    assert answer.status_code == 200, answer.text
    new = path.read_bytes()
    assert answer.headers["etag"] == etag(new) == answer.json()["etag"]
    assert changed_lines(old, new) == [
        (b"  facilitation: llen                  # llen (LLEN-facilitated) or school",
         b"  facilitation: school                  # llen (LLEN-facilitated) or school"),
        (b"    vdss_enrolments: 164", b"    vdss_enrolments: 171")]


@pytest.mark.parametrize(("pointer", "value", "line"), [
    ("/member_schools/0/school_number", "0427", b'    school_number: "0427"'),
    ("/member_schools/0/principal", "NO", b'    principal: "NO"'),
    ("/cluster/area", "1:20", b'  area: "1:20"'),
    ("/member_schools/0/principal", "Dr Helen Marsh-Ng", b"    principal: Dr Helen Marsh-Ng"),
    ("/document/date", "2025-03-17", b"  date: 2025-03-17"),
])
def test_a_value_is_written_as_docgen_reads_it(client, folder, pointer, value, line):
    """Quoted stays quoted; text a YAML 1.1 reader would take for something else is
    quoted; a date or plain text is written plain."""
    path = folder / "southern-shores.yaml"
    old = path.read_bytes()
    answer = patch(client, [{"op": "replace", "path": pointer, "value": value}])
    assert answer.status_code == 200, answer.text
    [(_, written)] = changed_lines(old, path.read_bytes())
    assert written.split(b"#")[0].rstrip() == line
    source = client.get(f"{SOUTHERN}/source").content
    assert errors(client.post(f"{SOUTHERN}/check", content=source).json()) == []


COMMENTED = {
    b"  - name: Banksia Rise Secondary College\n":
        b"  # Banksia joined in 2024 (minutes of 12 March)\n"
        b"  - name: Banksia Rise Secondary College\n",
    b"partners:\n": b"# --- Partners: TAFEs and RTOs ------------------------------------\n"
                    b"partners:\n",
    b"    address: 7 Kingsford Parade, Kingsford Park VIC 3190\n":
        b"    address: 7 Kingsford Parade, Kingsford Park VIC 3190  # new campus 2026\n",
}


def comments(data: bytes) -> list[bytes]:
    """Every comment of a file, whole-line or after a value, in order."""
    found = []
    for line in data.splitlines():
        if line.lstrip().startswith(b"#"):
            found.append(line.strip())
        elif b" #" in line:
            found.append(line[line.index(b" #"):].strip())
    return found


def edits(old: bytes, new: bytes) -> list[str]:
    """How `new` differs from `old`, line by line: 'insert', 'delete' or 'replace' runs."""
    import difflib

    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    return [tag for tag, *_ in matcher.get_opcodes() if tag != "equal"]


def test_adding_and_removing_list_items_keeps_every_comment(client, folder):
    path = folder / "southern-shores.yaml"
    text = path.read_bytes()
    for old, new in COMMENTED.items():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_bytes(text)
    school = {"name": "Parkdale Bay College", "sector": "government",
              "school_number": "0427", "address": "2 Bay Road, Parkdale VIC 3195",
              "principal": "NO", "vet_coordinator": {"name": "Ana Silva"},
              "governance_nominee": {"name": "Ana Silva", "role": "vet_coordinator"},
              "vdss_enrolments": 57}
    answer = patch(client, [{"op": "add", "path": "/member_schools/-", "value": school}])
    assert answer.status_code == 200, answer.text
    added = path.read_bytes()
    assert comments(added) == comments(text)
    assert edits(text, added) == ["insert"]  # the school's lines, and nothing else
    assert b'    school_number: "0427"' in added and b'    principal: "NO"' in added
    answer = patch(client, [{"op": "remove", "path": "/member_schools/2"},
                            {"op": "remove", "path": "/document/history/0"}])
    assert answer.status_code == 200, answer.text
    removed = path.read_bytes()
    assert b"Kingsford Park" not in removed
    assert edits(added, removed) == ["delete", "delete"]
    assert comments(removed) == [c for c in comments(text) if c != b"# new campus 2026"]
    listed = client.get("/api/clusters").json()
    assert [row["errors"] for row in listed if row["stem"] == "southern-shores"] == [0]


def test_patch_without_if_match_is_428_and_writes_nothing(client, folder):
    before = snapshot(folder)
    answer = client.patch(f"{SOUTHERN}/source", headers=PATCH_TYPE, content=b"[]")
    assert answer.status_code == 428
    assert snapshot(folder) == before


def test_patch_with_a_stale_tag_is_412_and_writes_nothing(client, folder):
    before = snapshot(folder)
    answer = patch(client, [{"op": "replace", "path": "/cluster/area", "value": "Elsewhere"}],
                   tag='"0123"')
    assert answer.status_code == 412
    assert answer.headers["etag"] == etag((folder / "southern-shores.yaml").read_bytes())
    assert snapshot(folder) == before


def test_patch_giving_errors_is_422_with_the_problems_and_writes_nothing(client, folder):
    before = snapshot(folder)
    answer = patch(client, [{"op": "replace", "path": "/member_schools/1/sector",
                             "value": "catholik"},
                            {"op": "remove", "path": "/member_schools/0/principal"}])
    assert answer.status_code == 422
    assert sorted(p["path"] for p in errors(answer.json()["problems"])) == \
        ["member_schools[0].principal", "member_schools[1].sector"]
    assert snapshot(folder) == before


@pytest.mark.parametrize("operations", [
    [{"op": "replace", "path": "/member_schools/40/name", "value": "X"}],
    [{"op": "remove", "path": "/no_such_section"}],
    [{"op": "test", "path": "/cluster/area", "value": "Somewhere else"}],
    [{"op": "replace", "path": "/cluster/area", "value": "A"}, {"op": "fly", "path": "/"}],
    [{"op": "replace", "path": "cluster/area", "value": "A"}],
    {"op": "replace", "path": "/cluster/area", "value": "A"},
    [{"op": "replace", "path": "/cluster/area"}],
])
def test_a_patch_that_cannot_be_applied_is_422_and_writes_nothing(client, folder, operations):
    before = snapshot(folder)
    answer = patch(client, operations)
    assert answer.status_code == 422
    assert answer.json()["error"].startswith("the patch cannot be applied")
    assert snapshot(folder) == before


@pytest.mark.parametrize(("body", "headers", "status"), [
    (b"[]", {"Content-Type": "application/json"}, 415),
    (b"[]", {"Content-Type": "text/yaml"}, 415),
    (b"not json", {}, 400), (b"[" * 100_000, {}, 400), (b'[{"op": NaN}]', {}, 400)])
def test_a_patch_that_is_not_a_json_patch_is_refused(client, folder, body, headers, status):
    before = snapshot(folder)
    tag = client.get(f"{SOUTHERN}/source").headers["etag"]
    answer = client.patch(f"{SOUTHERN}/source", content=body,
                          headers={**PATCH_TYPE, **headers, "If-Match": tag})
    assert answer.status_code == status
    assert snapshot(folder) == before


def test_a_file_the_editor_cannot_read_is_422_with_its_problems(client, folder):
    shutil.copy(DATA / "invalid" / "tab-indentation.yaml", folder / "southern-shores.yaml")
    before = snapshot(folder)
    answer = patch(client, [{"op": "replace", "path": "/cluster/area", "value": "A"}])
    assert answer.status_code == 422
    assert "tab" in answer.json()["problems"][0]["message"]
    assert snapshot(folder) == before


# --- documents and packs ----------------------------------------------------------------

@pytest.fixture
def built(folder: Path, tmp_path: Path) -> Path:
    """`docgen build` of the served folder, into a folder beside it."""
    out = tmp_path / "output"
    result = build([folder], out)
    assert not result.failed
    return out


def test_each_docx_is_the_bytes_docgen_build_makes(client, built):
    for document in DOCUMENT_NAMES:
        answer = client.get(f"{SOUTHERN}/documents/{document}.docx")
        assert answer.status_code == 200
        assert answer.content == (built / "southern-shores" / f"{document}.docx").read_bytes()
        assert answer.headers["content-type"] == \
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        assert answer.headers["content-disposition"].startswith(
            f'attachment; filename="southern-shores-{document}.docx"')


def test_documents_follow_the_saved_file(client, folder):
    path = folder / "southern-shores.yaml"
    text = path.read_bytes().replace(b"Mentone Heath College", b"Mentone Heath & Sea College")
    assert client.put(f"{SOUTHERN}/source", content=text,
                      headers={"If-Match": etag(path.read_bytes())}).status_code == 200
    assert "Mentone Heath &amp; Sea College" in \
        client.get(f"{SOUTHERN}/documents/mou.html").text
    assert "Mentone Heath & Sea College" in \
        docx_text(client.get(f"{SOUTHERN}/documents/mou.docx").content)


def test_the_html_preview_shows_headings_tables_header_and_footer(client):
    answer = client.get(f"{SOUTHERN}/documents/funding-application.html")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    text = answer.text
    assert "<h2>VET Cluster Transition Funding" in text
    assert "<td>Seaholme Bay Secondary College</td>" in text
    assert '<section class="docgen-header"' in text and '<section class="docgen-footer"' in text


@pytest.mark.parametrize("document", ["membership-change-notice.docx", "mou.txt", "mou",
                                      "MOU.docx", "mou.docx.html", "..%2Fmou.docx",
                                      "mou.DOCX"])
def test_unknown_documents_are_404(client, document):
    answer = client.get(f"{SOUTHERN}/documents/{document}")
    assert answer.status_code == 404
    assert "error" in answer.json()


def test_a_saved_file_with_errors_has_no_documents(client, folder):
    shutil.copy(DATA / "invalid" / "several-problems.yaml", folder / "southern-shores.yaml")
    for url in (f"{SOUTHERN}/documents/mou.docx", f"{SOUTHERN}/documents/mou.html",
                f"{SOUTHERN}/pack.zip"):
        answer = client.get(url)
        assert answer.status_code == 422
        assert any(p["severity"] == "error" for p in answer.json()["problems"])


def test_the_pack_is_the_zip_docgen_pack_makes(client, folder, tmp_path):
    answer = client.get(f"{SOUTHERN}/pack.zip")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/zip"
    out = tmp_path / "packs"
    assert not pack([folder / "southern-shores.yaml"], out).failed
    assert answer.content == (out / f"southern-shores{PACK_SUFFIX}").read_bytes()
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        assert not any(name.endswith(".pdf") for name in archive.namelist())


def test_templates_from_a_folder_render_in_a_child_process(folder, tmp_path):
    """`--templates`: the folder's templates are used (the others are packaged ones), in a
    child process where the render budget holds: a runaway template is stopped."""
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copy(DATA / "hostile" / "template-string-of-gigabytes" / "templates" / "mou.docx",
                templates / "mou.docx")
    with serve(folder, templates_dir=templates) as client:
        client.headers.update(BEARER)
        answer = client.get(f"{SOUTHERN}/documents/mou.docx")
        assert answer.status_code == 422
        assert "more memory than a document may use" in answer.json()["error"]
        answer = client.get(f"{SOUTHERN}/documents/terms-of-reference.docx")
        assert answer.status_code == 200
        assert "Terms of Reference" in docx_text(answer.content)
        assert client.app.state.api.runner.pool is not None  # type: ignore[attr-defined]


def test_nothing_is_left_in_the_folder(client, folder):
    before = snapshot(folder)
    for url in [f"{SOUTHERN}/documents/mou.docx", f"{SOUTHERN}/documents/mou.html",
                f"{SOUTHERN}/pack.zip", "/api/clusters"]:
        assert client.get(url).status_code == 200
    assert snapshot(folder) == before


@pytest.mark.slow
@needs_soffice
def test_pdfs_of_a_document_and_in_the_pack(client, folder):
    before = snapshot(folder)
    answer = client.get(f"{SOUTHERN}/documents/self-assessment.pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=answer.content, capture_output=True,
                          check=True).stdout.decode()
    assert "Southern Shores VET Cluster" in text
    packed = client.get(f"{SOUTHERN}/pack.zip?pdf=1")
    with zipfile.ZipFile(io.BytesIO(packed.content)) as archive:
        names = archive.namelist()
    assert sorted(n for n in names if n.endswith(".pdf")) == \
        sorted(f"{d}.pdf" for d in DOCUMENT_NAMES)
    assert snapshot(folder) == before


# --- the command ------------------------------------------------------------------------

def test_docgen_serve_end_to_end(folder):
    """Start `docgen serve --port 0 --no-browser`, read the first line, sign in with the
    cookie, call the API, stop it with Ctrl-C: exit 0."""
    import httpx

    process = subprocess.Popen([sys.executable, "-m", "docgen", "serve", str(folder),
                                "--port", "0", "--no-browser"], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None
        first = process.stdout.readline().decode()
        found = re.fullmatch(r"docgen serve: (http://127\.0\.0\.1:(\d+))/\?token=([\w-]+)\n",
                             first)
        assert found, first
        base, port, token = found.groups()
        assert int(port) > 0 and len(token) >= 43
        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as browser:
            signed_in = browser.get(f"/?token={token}")
            assert signed_in.history[0].status_code == 303
            assert browser.cookies.get(f"docgen_token_{port}") == token
            listed = browser.get("/api/clusters")
            assert listed.status_code == 200
            assert [row["stem"] for row in listed.json()] == ["goulburn-plains",
                                                              "southern-shores"]
            assert httpx.get(f"{base}/api/clusters").status_code == 403  # no cookie
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err


def test_the_listening_socket_is_tcp_so_answers_are_not_held_back():
    """asyncio turns Nagle's algorithm off only on sockets created as IPPROTO_TCP; without
    that, every keep-alive answer waited ~40 ms for the browser's delayed ACK."""
    import socket

    from docgen.cli.serve import listen

    with listen("127.0.0.1", 0) as listener:
        assert listener.proto == socket.IPPROTO_TCP
        assert listener.getsockname()[1] > 0


def test_serve_refuses_a_missing_folder_and_a_busy_port(run_cli, tmp_path, folder):
    result = run_cli("serve", tmp_path / "nothing", "--no-browser")
    assert result.exit_code == 2
    assert "no such folder" in result.output
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", folder, "--port", port, "--no-browser")
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1 port {port}" in result.output
