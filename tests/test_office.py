"""Warm LibreOffice offices, supervised: they convert, and survive hangs, crashes and exits.

These run the real LibreOffice through the UNO bridge (`docgen/build/office.py`). CI
installs LibreOffice and python3-uno and sets DOCGEN_REQUIRE_LIBREOFFICE=1, so there
they fail rather than skip.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CLUSTERS, REPO
from test_pdf import alive

from docgen.build import office, office_pool, office_process, pdf
from docgen.build.office_process import group_members
from docgen.build.pipeline import build

if shutil.which("soffice") is None or office_process.uno_python() is None \
        or shutil.which("pdftotext") is None:
    if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
        raise RuntimeError("DOCGEN_REQUIRE_LIBREOFFICE is set but soffice, python3-uno or "
                           "pdftotext is not installed")
    pytest.skip("LibreOffice with python3-uno, and pdftotext, are needed",
                allow_module_level=True)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The twelve documents of both examples, built once (no PDFs)."""
    out = tmp_path_factory.mktemp("documents")
    assert not build([CLUSTERS], out).failed
    return sorted(out.glob("*/*.docx"))


@pytest.fixture
def one_office() -> Iterator[office.Office]:
    made = office.Office()
    yield made
    made.close()


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def valid_pdf(path: Path, cluster: str) -> bool:
    """A PDF poppler reads, naming the cluster its DOCX is for."""
    words = {"goulburn-plains": "Goulburn Plains", "southern-shores": "Southern Shores"}
    return path.read_bytes().startswith(b"%PDF") and words[cluster] in " ".join(
        pdf_text(path).split())


def soffice_pids(made: office.Office) -> list[int]:
    """The LibreOffice processes of an office (its group, less the bridge)."""
    assert made.process is not None and made.group is not None
    return [pid for pid in group_members(made.group) if pid != made.process.pid]


def test_an_office_converts_documents_into_valid_pdfs(one_office, documents, tmp_path):
    for docx in documents[:3] + documents[-3:]:
        made = one_office.convert(docx, tmp_path, timeout=30)
        assert made == tmp_path / f"{docx.stem}.pdf"
        assert valid_pdf(made, docx.parent.name), docx
    assert one_office.starts == 1  # one start for six documents


def test_a_hung_office_is_killed_and_the_document_converted_on_a_new_one(
        one_office, documents, tmp_path):
    one_office.convert(documents[0], tmp_path, timeout=30)
    stopped = soffice_pids(one_office)
    assert stopped
    for pid in stopped:
        os.kill(pid, signal.SIGSTOP)
    started = time.monotonic()
    made = one_office.convert(documents[1], tmp_path, timeout=3)
    assert time.monotonic() - started >= 3
    assert valid_pdf(made, documents[1].parent.name)
    assert one_office.starts == 2
    assert not any(alive(pid) for pid in stopped), "the hung office was not killed"


def test_an_office_killed_mid_batch_loses_no_document(documents, tmp_path):
    copies = []
    for docx in documents:
        copies.append(tmp_path / docx.parent.name / docx.name)
        copies[-1].parent.mkdir(exist_ok=True)
        shutil.copy(docx, copies[-1])
    killed: list[int] = []

    def kill_once(_result: pdf.PdfResult) -> None:
        if not killed:
            victim = office_pool.office_pool().offices[0]
            if victim.group is not None:
                killed.extend(soffice_pids(victim))
                for pid in killed:
                    os.kill(pid, signal.SIGKILL)

    try:
        results = pdf.convert(copies, tmp_path, workers=2, done=kill_once)
        assert killed
        assert [r.error for r in results] == [None] * len(copies)
        for docx in copies:
            assert valid_pdf(docx.with_suffix(".pdf"), docx.parent.name), docx
        assert office_pool.office_pool().starts >= 3  # two offices, one started again
    finally:
        office_pool.close_pool()


def test_each_office_has_its_own_profile(documents, tmp_path):
    pool = office_pool.OfficePool(2)
    try:
        barrier = threading.Barrier(2)

        def convert(docx: Path) -> None:
            barrier.wait()
            pool.convert(docx, tmp_path / docx.parent.name, timeout=30)

        for folder in ("goulburn-plains", "southern-shores"):
            (tmp_path / folder).mkdir()
        threads = [threading.Thread(target=convert, args=(documents[i],)) for i in (0, -1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        profiles = [made.profile for made in pool.offices]
        assert all(profiles) and profiles[0] != profiles[1]
        for made in pool.offices:
            assert made.profile is not None
            lines = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in soffice_pids(made)]
            assert any(made.profile.as_uri().encode() in line for line in lines)
    finally:
        pool.close()


def test_an_office_grown_past_its_memory_ceiling_is_replaced(documents, tmp_path):
    made = office.Office(rss_limit=1)
    try:
        for docx in documents[:2]:
            assert valid_pdf(made.convert(docx, tmp_path, timeout=30), docx.parent.name)
            assert made.group is None  # stopped after the document: over the ceiling
        assert made.starts == 2
    finally:
        made.close()


def ours(pid: int) -> list[int]:
    """Processes whose command line names an office pipe of docgen process `pid`."""
    mark = f"docgen-{pid}-".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if mark in entry.joinpath("cmdline").read_bytes() and alive(int(entry.name)):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while ours(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not ours(pid)


def start_docgen(out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "docgen", "build", str(CLUSTERS), "-o",
                             str(out), "--pdf", "-j", "2"], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_no_office_outlives_a_docgen_that_finished(tmp_path):
    process = start_docgen(tmp_path / "out")
    assert process.wait(timeout=120) == 0
    assert len(list((tmp_path / "out").glob("*/*.pdf"))) == 12
    assert gone(process.pid, seconds=2)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_no_office_outlives_a_docgen_that_was_stopped(tmp_path, how):
    process = start_docgen(tmp_path / "out")
    deadline = time.monotonic() + 60
    while not ours(process.pid) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ours(process.pid), "no office was started"
    process.send_signal(how)
    process.wait(timeout=30)
    assert gone(process.pid), f"left running after {how.name}: {ours(process.pid)}"
