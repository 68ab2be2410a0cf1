"""DOCX → PDF with headless LibreOffice: batched, one profile per worker, never hanging.

One `soffice --convert-to pdf` call converts a whole batch (start-up is ~1.2 s, each
further document ~0.4 s). Each concurrent soffice gets its own user profile
(`-env:UserInstallation`): two processes sharing one fail silently. Profiles are kept
in the temp folder between runs (a fresh one costs ~0.3 s) and locked while in use;
when every kept profile is busy a fresh one is made, so they never run out.
Every batch has a hard timeout, after which the whole process group is killed.
soffice's output goes to a file, not a pipe, so a child that leaves the group still
holding it cannot make docgen wait. soffice exits 0 even when a file fails, so
success is judged by the PDF existing and being non-empty. DOCX files are read, and
PDFs written beside them atomically, only inside the output folder (`confine.py`).

LibreOffice stamps each PDF with the time and a random /ID. Both are replaced, byte
for byte at the same length, by the DOCX's own creation date and a hash of the DOCX,
so the same DOCX gives the same PDF bytes on the same machine and LibreOffice.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from docgen.build.confine import read_inside
from docgen.build.tempdirs import temp_folder
from docgen.build.write import write_atomic
from docgen.errors import ContainmentError, UsageError

MAX_BATCH = 40
"""Documents per soffice call: bounds what one hang or crash can take down."""
MAX_SOFFICE = 8
"""soffice processes at once, whatever -j says: each takes ~200 MB and a profile."""
STARTUP_SECONDS, PER_DOCUMENT_SECONDS = 60.0, 20.0
KEPT_PROFILES = 64
REAP_SECONDS = 5.0
"""After the kill, how long to wait for soffice itself to be reaped."""
MAX_LOG_BYTES = 64 * 1024
NOT_OURS = "not a document docgen wrote in the output folder"
CANDIDATES = ("soffice", "libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")
MISSING = ("LibreOffice is needed for PDF output but 'soffice' was not found on PATH; install "
           "it (e.g. apt-get install libreoffice-writer-nogui) or leave out --pdf")


@dataclass(frozen=True, slots=True)
class PdfResult:
    """One conversion: the DOCX, the PDF beside it, and why it failed (None when it worked)."""

    docx: Path
    pdf: Path
    error: str | None = None


def find_soffice() -> str:
    """The LibreOffice program to run; UsageError (exit 2) when there is none."""
    for candidate in CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise UsageError(MISSING)


def batch_timeout(documents: int) -> float:
    """Seconds one soffice call may take for `documents` files before it is killed."""
    return STARTUP_SECONDS + PER_DOCUMENT_SECONDS * documents


@contextlib.contextmanager
def profile(work: Path) -> Iterator[Path]:
    """A LibreOffice user profile no other running soffice uses, reused between runs.

    When all `KEPT_PROFILES` are in use (or on Windows) it is a fresh one in `work`.
    """
    try:
        import fcntl
    except ImportError:
        yield work / "profile"
        return
    root = Path(tempfile.gettempdir()) / f"docgen-soffice-{os.getuid()}"
    with contextlib.suppress(OSError):
        root.mkdir(mode=0o700, exist_ok=True)
    for index in range(KEPT_PROFILES if root.is_dir() and not root.is_symlink() else 0):
        with contextlib.ExitStack() as stack:
            try:
                lock = stack.enter_context((root / f"{index}.lock").open("w"))
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue
            yield root / f"profile-{index}"
            return
    yield work / "profile"


def normalise(pdf: bytes, docx: bytes) -> bytes:
    """The PDF with LibreOffice's time and random ids replaced at the same length.

    The date is the DOCX's own creation date (from its core properties, itself fixed
    by the cluster file), the ids a hash of the DOCX, so byte offsets stay valid.
    """
    created = re.search(rb"<dcterms:created[^>]*>(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)",
                        _core_xml(docx))
    if created:
        stamp = b"".join(created.groups())
        pdf = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:" + stamp, pdf)
    digest = hashlib.md5(docx, usedforsecurity=False).hexdigest().upper().encode()
    pdf = re.sub(rb"/ID \[ <[0-9A-F]{32}>\s*<[0-9A-F]{32}> \]",
                 lambda m: re.sub(rb"<[0-9A-F]{32}>", b"<" + digest + b">", m.group()), pdf)
    return re.sub(rb"/DocChecksum /[0-9A-F]{32}", b"/DocChecksum /" + digest, pdf)


def _core_xml(docx: bytes) -> bytes:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            return archive.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile):
        return b""


def run_soffice(program: str, sources: list[Path], out_dir: Path, user_profile: Path,
                timeout: float) -> str | None:
    """One soffice call over `sources`; the reason it failed as a whole, or None."""
    command = [program, f"-env:UserInstallation={user_profile.as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir),
               *map(str, sources)]
    log = out_dir / "soffice-output.txt"
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(process)
        shutil.rmtree(user_profile, ignore_errors=True)  # a killed profile may be damaged
        return f"LibreOffice did not finish within {timeout:.0f} s and was stopped"
    with log.open("rb") as output:
        text = output.read(MAX_LOG_BYTES).decode(errors="replace")
    return "; ".join(line for line in text.splitlines() if line.startswith("Error")) or None


def stop(process: subprocess.Popen[bytes]) -> None:
    """Kill soffice and its whole process group; reap it, but never wait long."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=REAP_SECONDS)


def convert_batch(docx_files: list[Path], program: str, within: Path,
                  timeout: float | None = None) -> list[PdfResult]:
    """Convert `docx_files` (below `within`) in one soffice call; each PDF beside its DOCX."""
    with temp_folder("pdf") as work, profile(work) as user_profile:
        staged = work / "in"
        staged.mkdir()
        sources = {}
        for index, docx in enumerate(docx_files):  # unique names: every cluster has a mou.docx
            data = read_inside(docx, within)
            if data is not None:
                sources[docx] = staged / f"{index:04d}-{docx.name}"
                sources[docx].write_bytes(data)
        failure = run_soffice(program, list(sources.values()), work, user_profile,
                              timeout or batch_timeout(len(sources))) if sources else None
        return [place(docx, work / f"{sources[docx].stem}.pdf", failure, within)
                if docx in sources else PdfResult(docx, docx.with_suffix(".pdf"), NOT_OURS)
                for docx in docx_files]


def place(docx: Path, converted: Path, failure: str | None, within: Path) -> PdfResult:
    """Move one converted PDF beside its DOCX, or say why there is none."""
    target = docx.with_suffix(".pdf")
    if not converted.is_file() or converted.stat().st_size == 0:
        reason = failure or "LibreOffice produced no PDF (the file could not be loaded)"
        return PdfResult(docx, target, reason)
    source = converted.parent / "in" / f"{converted.stem}.docx"
    try:
        write_atomic(target, normalise(converted.read_bytes(), source.read_bytes()),
                     within=within)
    except ContainmentError as exc:
        return PdfResult(docx, target, str(exc))
    return PdfResult(docx, target)


def convert(docx_files: list[Path], within: Path, workers: int = 1,
            timeout: float | None = None) -> list[PdfResult]:
    """Every DOCX below `within` converted, in batches over at most `workers` soffice calls."""
    if not docx_files:
        return []
    program = find_soffice()
    workers = max(1, min(workers, MAX_SOFFICE))
    size = min(MAX_BATCH, -(-len(docx_files) // workers))
    batches = [docx_files[i:i + size] for i in range(0, len(docx_files), size)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = pool.map(lambda batch: convert_batch(batch, program, within, timeout), batches)
        return [result for batch in done for result in batch]
