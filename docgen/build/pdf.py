"""DOCX → PDF with headless LibreOffice, through the warm offices of `office.py`.

`convert` shares documents out to up to `workers` long-lived offices (one per
thread, each with its own profile, a hard time limit per document, and a fresh office
and one retry when an office hangs or dies). Without a Python that has `uno` it falls
back to batches of one-shot `soffice --convert-to` calls (`office_batch.py`). DOCX
files are read, and PDFs written beside them atomically, only inside the output
folder (`confine.py`); LibreOffice only ever sees copies in a private temp folder.

LibreOffice stamps each PDF with the time and a random /ID. Both are replaced, byte
for byte at the same length, by the DOCX's own creation date and a hash of the DOCX,
so the same DOCX gives the same PDF bytes on the same machine and LibreOffice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from docgen.build.confine import read_inside
from docgen.build.office_process import find_soffice
from docgen.build.tempdirs import temp_folder
from docgen.build.write import write_atomic
from docgen.errors import ContainmentError

PER_DOCUMENT_SECONDS = 30.0
"""How long one document may take in a warm office before the office is killed."""
NOT_OURS = "not a document docgen wrote in the output folder"
NO_PDF = "LibreOffice produced no PDF (the file could not be loaded)"

__all__ = ["PdfResult", "convert", "find_soffice", "normalise"]


@dataclass(frozen=True, slots=True)
class PdfResult:
    """One conversion: the DOCX, the PDF beside it, and why it failed (None when it worked)."""

    docx: Path
    pdf: Path
    error: str | None = None


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


def place(docx: Path, staged: Path, converted: Path, failure: str | None,
          within: Path) -> PdfResult:
    """Move one converted PDF beside its DOCX, or say why there is none."""
    target = docx.with_suffix(".pdf")
    if not converted.is_file() or converted.stat().st_size == 0:
        return PdfResult(docx, target, failure or NO_PDF)
    try:
        write_atomic(target, normalise(converted.read_bytes(), staged.read_bytes()),
                     within=within)
    except ContainmentError as exc:
        return PdfResult(docx, target, str(exc))
    return PdfResult(docx, target)


def convert(docx_files: list[Path], within: Path, workers: int = 1,
            timeout: float | None = None,
            done: Callable[[PdfResult], None] | None = None) -> list[PdfResult]:
    """Every DOCX below `within` converted, over at most `workers` offices at once.

    Results come in the order given; `done` is called with each as it is finished.
    """
    from docgen.build.office import MAX_OFFICES
    from docgen.build.office_process import uno_python

    if not docx_files:
        return []
    program = find_soffice()
    workers = max(1, min(workers, MAX_OFFICES, len(docx_files)))
    with temp_folder("pdf") as work:
        (work / "in").mkdir()
        (work / "out").mkdir()
        staged = {}
        for index, docx in enumerate(docx_files):  # unique names: every cluster has a mou.docx
            data = read_inside(docx, within)
            if data is not None:
                staged[docx] = work / "in" / f"{index:04d}-{docx.name}"
                staged[docx].write_bytes(data)

        def finish(docx: Path, failure: str | None) -> PdfResult:
            result = PdfResult(docx, docx.with_suffix(".pdf"), NOT_OURS) if docx not in staged \
                else place(docx, staged[docx], work / "out" / f"{staged[docx].stem}.pdf",
                           failure, within)
            if done:
                done(result)
            return result

        if uno_python() is None:
            from docgen.build.office_batch import convert_batches

            failures = convert_batches(program, list(staged.values()), work / "out", workers,
                                       timeout)
            return [finish(docx, failures.get(staged.get(docx, docx))) for docx in docx_files]
        return warm(docx_files, staged, work / "out", workers, timeout, finish)


def warm(docx_files: list[Path], staged: dict[Path, Path], out: Path, workers: int,
         timeout: float | None, finish: Callable[[Path, str | None], PdfResult]) \
        -> list[PdfResult]:
    """Each staged DOCX converted by the process's pool of warm offices."""
    from docgen.build.office import OfficeError
    from docgen.build.office_pool import close_pool, office_pool

    pool = office_pool(workers)

    def one(docx: Path) -> PdfResult:
        if docx not in staged:
            return finish(docx, None)
        try:
            pool.convert(staged[docx], out, timeout or PER_DOCUMENT_SECONDS)
        except OfficeError as exc:
            return finish(docx, str(exc))
        return finish(docx, None)

    threads = ThreadPoolExecutor(max_workers=workers)
    try:
        return list(threads.map(one, docx_files))
    except BaseException:  # Ctrl-C: stop the offices rather than finish the batch
        close_pool()
        raise
    finally:
        threads.shutdown(wait=True, cancel_futures=True)
