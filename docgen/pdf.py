"""DOCX → PDF with headless LibreOffice: batched, one profile per worker, never hanging.

One `soffice --convert-to pdf` call converts a whole batch (start-up is ~1.2 s, each
further document ~0.4 s). Each concurrent soffice gets its own user profile
(`-env:UserInstallation`): two processes sharing one fail silently. Profiles are kept
in the temp folder between runs (a fresh one costs ~0.3 s) and locked while in use.
Every batch has a timeout, after which the whole process group is killed. soffice
exits 0 even when a file fails, so success is judged by the PDF existing and being
non-empty. PDFs are written beside their DOCX atomically (through `write.py`).

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

from docgen.errors import UsageError
from docgen.write import write_atomic

MAX_BATCH = 40
"""Documents per soffice call: bounds what one hang or crash can take down."""
STARTUP_SECONDS, PER_DOCUMENT_SECONDS = 60.0, 20.0
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
def profile() -> Iterator[Path]:
    """A LibreOffice user profile no other running soffice uses, reused between runs."""
    try:
        import fcntl
    except ImportError:  # Windows: a fresh profile each time
        with tempfile.TemporaryDirectory(prefix="docgen-soffice-") as fresh:
            yield Path(fresh)
        return
    root = Path(tempfile.gettempdir()) / f"docgen-soffice-{os.getuid()}"
    root.mkdir(mode=0o700, exist_ok=True)
    for index in range(64):
        with (root / f"{index}.lock").open("w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue
            yield root / f"profile-{index}"
            return
    raise UsageError(f"every LibreOffice profile in {root} is in use")


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
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        shutil.rmtree(user_profile, ignore_errors=True)  # a killed profile may be damaged
        return f"LibreOffice did not finish within {timeout:.0f} s and was stopped"
    errors = [line for line in stderr.decode(errors="replace").splitlines()
              if line.startswith("Error")]
    return "; ".join(errors) or None


def convert_batch(docx_files: list[Path], program: str, timeout: float | None = None) \
        -> list[PdfResult]:
    """Convert `docx_files` in one soffice call; each PDF lands beside its DOCX."""
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work, profile() as user_profile:
        staged = Path(work) / "in"
        staged.mkdir()
        sources = []
        for index, docx in enumerate(docx_files):  # unique names: every cluster has a mou.docx
            sources.append(staged / f"{index:04d}-{docx.name}")
            shutil.copyfile(docx, sources[-1])
        failure = run_soffice(program, sources, Path(work), user_profile,
                              timeout or batch_timeout(len(sources)))
        return [place(docx, Path(work) / f"{source.stem}.pdf", failure)
                for docx, source in zip(docx_files, sources, strict=True)]


def place(docx: Path, converted: Path, failure: str | None) -> PdfResult:
    """Move one converted PDF beside its DOCX, or say why there is none."""
    target = docx.with_suffix(".pdf")
    if not converted.is_file() or converted.stat().st_size == 0:
        reason = failure or "LibreOffice produced no PDF (the file could not be loaded)"
        return PdfResult(docx, target, reason)
    write_atomic(target, normalise(converted.read_bytes(), docx.read_bytes()))
    return PdfResult(docx, target)


def convert(docx_files: list[Path], workers: int = 1, timeout: float | None = None) \
        -> list[PdfResult]:
    """Every DOCX converted, in batches spread over `workers` soffice processes."""
    if not docx_files:
        return []
    program = find_soffice()
    size = min(MAX_BATCH, -(-len(docx_files) // max(workers, 1)))
    batches = [docx_files[i:i + size] for i in range(0, len(docx_files), size)]
    with ThreadPoolExecutor(max_workers=max(workers, 1)) as pool:
        done = pool.map(lambda batch: convert_batch(batch, program, timeout), batches)
        return [result for batch in done for result in batch]
