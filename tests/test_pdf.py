"""PDF through LibreOffice: each PDF says what its DOCX says; failures are reported, never hang.

Tests marked `needs_soffice` run the real LibreOffice (CI installs it) and are skipped
where it is missing; the others fake or hide it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CLUSTERS, REFERENCE

from docgen.build import office, office_batch, office_process, pdf
from docgen.build.pipeline import build
from docgen.documents.textdump import docx_text

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler (pdftotext) are needed")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="uses a shell script")


def squash(text: str) -> str:
    """Letters and digits only: line breaks, hyphenation and spacing differ in a PDF."""
    return re.sub(r"\W+", "", text)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def docx_pieces(path: Path) -> list[str]:
    """Every paragraph and table cell of a DOCX's body."""
    text = docx_text(path.read_bytes(), properties=False)
    body = text.split("=== word/document.xml ===\n", 1)[1].split("\n=== ", 1)[0]
    pieces = [piece for line in body.splitlines() for cell in line.strip("| ").split(" | ")
              for piece in cell.split("\t")]
    return [piece for piece in pieces if squash(piece)]


@pytest.fixture(scope="module")
def built_with_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf-output")
    result = build([CLUSTERS], out, jobs=2, pdf=True)
    assert not result.failed and not result.pdf_failed, result.problems
    return out


@needs_soffice
def test_every_docx_has_a_pdf(built_with_pdf):
    documents = sorted(built_with_pdf.glob("*/*.docx"))
    assert documents
    for docx in documents:
        assert docx.with_suffix(".pdf").stat().st_size > 0, docx
        assert docx.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def running_heads(docx: Path) -> tuple[str, str]:
    """The page header and footer text, squashed, without page numbers."""
    text = docx_text(docx.read_bytes(), properties=False)
    header = text.split("=== word/header1.xml ===\n", 1)[1].split("\n\n", 1)[0]
    footer = text.split("=== word/footer1.xml ===\n", 1)[1].split("\n\n", 1)[0]
    return squash(header), squash(footer.replace("Page [PAGE] of [NUMPAGES]", ""))


def body_text(docx: Path) -> str:
    """The PDF's text, squashed, with each page's header, footer and page number taken off."""
    header, footer = running_heads(docx)
    pages = []
    for page in pdf_text(docx.with_suffix(".pdf")).split("\f"):
        text = squash(re.sub(r"Page \d+ of \d+", "", page))
        pages.append(text.removeprefix(header).removesuffix(footer))
    return "".join(pages)


@needs_soffice
def test_each_pdf_says_what_its_docx_says(built_with_pdf):
    for docx in sorted(built_with_pdf.glob("*/*.docx")):
        text = body_text(docx)
        missing = [piece for piece in docx_pieces(docx) if squash(piece) not in text]
        assert not missing, f"{docx.name}: {missing[:5]}"


@needs_soffice
def test_mou_pdf_names_every_member_school(built_with_pdf):
    from docgen.cluster.check import check_file

    for source in sorted(CLUSTERS.glob("*.yaml")):
        cluster = check_file(source, REFERENCE).cluster
        assert cluster is not None
        text = " ".join(pdf_text(built_with_pdf / source.stem / "mou.pdf").split())
        for school in cluster.member_schools:
            assert school.name in text, f"{school.name} not in {source.stem}/mou.pdf"


@needs_soffice
def test_a_broken_docx_in_a_batch_is_reported_and_the_rest_convert(built_with_pdf, tmp_path):
    good = tmp_path / "good.docx"
    broken = tmp_path / "broken.docx"
    shutil.copy(built_with_pdf / "southern-shores" / "mou.docx", good)
    broken.write_bytes(good.read_bytes()[:2000])  # a truncated zip
    results = {r.docx.name: r for r in pdf.convert([good, broken], tmp_path)}
    assert results["good.docx"].error is None and good.with_suffix(".pdf").stat().st_size > 0
    assert results["broken.docx"].error and not broken.with_suffix(".pdf").exists()


@needs_soffice
def test_build_reports_the_docx_whose_pdf_failed(run_cli, tmp_path, monkeypatch):
    real = pdf.convert

    def breaking(files, within, **options):  # type: ignore[no-untyped-def]
        files[0].write_bytes(files[0].read_bytes()[:2000])  # damage one DOCX once written
        return real(files, within, **options)

    monkeypatch.setattr(pdf, "convert", breaking)
    result = run_cli("build", CLUSTERS / "southern-shores.yaml", "-o", tmp_path, "--pdf")
    assert result.exit_code == 1
    assert "no PDF made" in result.output and "mou.docx" in result.output


@needs_soffice
def test_pack_says_a_cluster_got_no_pack_because_a_pdf_failed(run_cli, tmp_path, monkeypatch):
    real = pdf.convert

    def breaking(files, within, **options):  # type: ignore[no-untyped-def]
        files[0].write_bytes(files[0].read_bytes()[:2000])
        return real(files, within, **options)

    monkeypatch.setattr(pdf, "convert", breaking)
    result = run_cli("pack", CLUSTERS / "southern-shores.yaml", "-o", tmp_path, "--pdf")
    assert result.exit_code == 1
    assert "no pack for clusters/southern-shores.yaml: a PDF could not be made" in result.output
    assert "it has errors" not in result.output


def hanging_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake soffice first on PATH that never answers; its child's pid goes to child.pid."""
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {tmp_path}/child.pid\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    return tmp_path / "child.pid"


@posix_only
def test_a_hanging_one_shot_soffice_is_stopped_with_its_children(tmp_path, monkeypatch):
    """Without python3-uno each batch is one `soffice --convert-to` call, time-limited."""
    child_pid = hanging_soffice(tmp_path, monkeypatch)
    monkeypatch.setenv("DOCGEN_UNO_PYTHON", "")
    office_process.uno_python.cache_clear()
    document = tmp_path / "a.docx"
    document.write_bytes(b"whatever")
    started = time.monotonic()
    try:
        [result] = pdf.convert([document], tmp_path, timeout=1)
    finally:
        office_process.uno_python.cache_clear()
    assert time.monotonic() - started < 20
    assert result.error and "did not finish within 1 s" in result.error
    assert not alive(int(child_pid.read_text())), "the process group was not killed"


@posix_only
@pytest.mark.skipif(office_process.uno_python() is None, reason="needs python3-uno")
def test_an_office_that_never_starts_is_stopped_with_its_children(tmp_path, monkeypatch):
    child_pid = hanging_soffice(tmp_path, monkeypatch)
    document = tmp_path / "a.docx"
    document.write_bytes(b"whatever")
    made = office.Office(startup_seconds=2)
    started = time.monotonic()
    with pytest.raises(office.OfficeError, match="did not start within 2 s"):
        made.convert(document, tmp_path, timeout=5)
    assert time.monotonic() - started < 2 * 2 + 2 * office_process.REAP_SECONDS
    assert made.starts == 2  # tried once more on a fresh one
    assert not alive(int(child_pid.read_text())), "the process group was not killed"
    made.close()


def alive(pid: int) -> bool:
    """Running and not a zombie (a killed orphan may wait for a container's init to reap it)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_missing_soffice_is_a_usage_error(run_cli, tmp_path, monkeypatch):
    monkeypatch.setattr(office_process, "CANDIDATES", ("soffice", "libreoffice"))
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run_cli("build", CLUSTERS, "-o", tmp_path / "out", "--pdf")
    assert result.exit_code == 2
    assert "LibreOffice" in result.output and "soffice" in result.output
    assert not (tmp_path / "out").exists()  # nothing built before finding it missing


def test_pdf_dates_and_ids_are_pinned_at_the_same_length():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("docProps/core.xml", '<dcterms:created xsi:type="dcterms:W3CDTF">'
                         "2025-03-03T00:00:00Z</dcterms:created>")
    docx = buffer.getvalue()
    made = [b"%PDF-1.6\n/CreationDate(D:" + stamp + b"Z')>>\n/ID [ <" + ident + b">\n<"
            + ident + b"> ]\n/DocChecksum /" + ident + b"\n"
            for stamp, ident in ((b"20261123001842", b"A" * 32), (b"20270101120000", b"B" * 32))]
    first, second = (pdf.normalise(data, docx) for data in made)
    assert first == second and len(first) == len(made[0])
    assert b"/CreationDate(D:20250303000000Z')" in first


@posix_only
def test_a_child_that_leaves_the_group_holding_the_output_cannot_stall_the_timeout(tmp_path):
    """soffice's output goes to a file: a grandchild in its own session keeping it open
    (out of reach of the group kill) no longer makes docgen wait for end-of-file."""
    fake = tmp_path / "soffice"
    pid_file = tmp_path / "escaped.pid"
    fake.write_text(f"#!/bin/sh\n{sys.executable} -c 'import os, time; os.setsid(); "
                    f"open(\"{pid_file}\", \"w\").write(str(os.getpid())); time.sleep(60)' &\n"
                    "echo started\nsleep 60\n")
    fake.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    started = time.monotonic()
    try:
        failure = office_batch.run_soffice(str(fake), [], work, tmp_path / "profile", timeout=1)
        assert time.monotonic() - started < 1 + office_process.REAP_SECONDS + 3
        assert failure and "did not finish within 1 s" in failure
    finally:
        for _ in range(50):
            if pid_file.exists() and pid_file.read_text():
                os.kill(int(pid_file.read_text()), 9)
                break
            time.sleep(0.1)


@posix_only
def test_profiles_never_run_out(tmp_path, monkeypatch):
    monkeypatch.setattr(office_process, "KEPT_PROFILES", 1)
    with office_process.profile(tmp_path / "a") as first, \
            office_process.profile(tmp_path / "b") as second:
        assert first != second and second == tmp_path / "b" / "profile"


@needs_soffice
def test_a_build_starts_its_offices_before_it_renders(tmp_path, monkeypatch):
    from docgen.build import office_pool, workers

    if office_process.uno_python() is None:
        pytest.skip("no Python with uno: one soffice per batch, nothing to start early")
    office_pool.close_pool()
    events: list[str] = []
    real_prestart, real_build_one = office_pool.prestart, workers.build_one

    def prestart(size: int) -> None:
        real_prestart(size)
        running = [o for o in office_pool.office_pool().offices if o.group is not None]
        events.append(f"offices {len(running)}")

    def build_one(path, options):  # type: ignore[no-untyped-def]
        events.append(f"render {path.stem}")
        return real_build_one(path, options)

    monkeypatch.setattr(office_pool, "prestart", prestart)
    monkeypatch.setattr(workers, "build_one", build_one)
    try:
        result = build([CLUSTERS / "southern-shores.yaml"], tmp_path, jobs=2, pdf=True)
        assert not result.failed and len(result.pdfs) == 6, result.problems
        assert events == ["offices 2", "render southern-shores"]
        again = build([CLUSTERS / "southern-shores.yaml"], tmp_path, jobs=2, pdf=True)
        assert again.pdfs == [] and events[2:] == []  # nothing stale: nothing started
    finally:
        office_pool.close_pool()
