"""What the API's handlers do, as plain functions: check, render, preview, PDF, pack.

Each runs away from the event loop: checks in a worker thread, rendering in a worker
thread too, or, when the templates come from a folder given with `--templates`
(untrusted, `budget.py`), in a child process, whose main thread can enforce the time
and memory budget a worker thread cannot. Documents are made exactly as `docgen build`
and `docgen pack` make them, from the saved file; nothing is written to the served
folder (PDFs go through a temporary folder elsewhere, removed afterwards).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.build.pack import MANIFEST, manifest, zip_bytes
from docgen.build.tempdirs import temp_folder
from docgen.cluster.check import CheckedFile, check_source, logo_checked
from docgen.cluster.load import check_size
from docgen.documents.catalogue import DOCUMENTS, select
from docgen.errors import InputError, Problem, RenderError
from docgen.refdata import reference_data
from docgen.report.problems import as_json
from docgen.serve.folder import source_bytes

CHECKING = threading.Lock()
"""One check at a time: the Cerberus validator is one object per process, with state."""
PDF_SLOTS = threading.BoundedSemaphore(2)
"""LibreOffice conversions at once (each soffice takes ~200 MB)."""


class PdfFailed(Exception):
    """LibreOffice made no PDF; the message says why."""


def check_bytes(path: Path, data: bytes) -> CheckedFile:
    """`data` checked as `docgen check` checks the file `path` holding it (size included)."""

    def read() -> bytes:
        check_size(path.name, len(data))
        return data

    with CHECKING:
        return logo_checked(check_source(path, path.name, read, reference_data()))


def problem_objects(problems: list[Problem]) -> list[dict[str, Any]]:
    """Exactly the objects `docgen check --format json` prints for these problems."""
    objects: list[dict[str, Any]] = json.loads(as_json(problems))
    return objects


def counts(checked: CheckedFile) -> dict[str, Any]:
    """A cluster's line in the list: its name (even when broken), errors and warnings."""
    section = checked.values.get("cluster")
    name = section.get("name") if isinstance(section, dict) else None
    errors = sum(p.is_error for p in checked.problems)
    return {"name": name if isinstance(name, str) else None, "errors": errors,
            "warnings": len(checked.problems) - errors}


@dataclass(frozen=True)
class Rendered:
    """The saved file's documents, or why there are none. Crosses a process boundary."""

    problems: tuple[Problem, ...] = ()
    error: str | None = None
    """A template that would not render (the file itself is valid)."""
    name: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    """Document name → DOCX bytes."""


def render_saved(folder: Path, path: Path, documents: tuple[str, ...],
                 templates_dir: Path | None) -> Rendered:
    """The documents `docgen build` makes from the saved file `path`, in memory.

    Raises `folder.Gone` when the file has gone; anything the user can fix is a value.
    """
    from docgen.documents.generate import render_cluster

    try:
        data = source_bytes(folder, path)
    except InputError as exc:
        return Rendered(tuple(exc.problems))
    checked = check_bytes(path, data)
    if checked.cluster is None:
        return Rendered(tuple(checked.problems))
    reference = reference_data()
    try:
        files = render_cluster(checked.cluster, select(list(documents)), reference,
                               templates_dir, path)
    except RenderError as exc:
        return Rendered(tuple(checked.problems), str(exc))
    return Rendered(tuple(checked.problems), None, checked.cluster.name, files)


def pdfs(files: dict[str, bytes]) -> dict[str, bytes]:
    """Each `<document>.docx` of `files` as `<document>.pdf`, made by LibreOffice.

    Through a temporary folder outside the served one, removed afterwards. Raises
    `UsageError` without LibreOffice, `PdfFailed` when a document made no PDF.
    """
    from docgen.build.pdf import convert

    with PDF_SLOTS, temp_folder("serve") as work:
        sources = []
        for name, data in files.items():
            sources.append(work / f"{name}.docx")
            sources[-1].write_bytes(data)
        results = convert(sources, work, workers=1)
        failed = [f"{r.docx.stem}: {r.error}" for r in results if r.error is not None]
        if failed:
            raise PdfFailed("; ".join(failed))
        return {result.pdf.name: result.pdf.read_bytes() for result in results}


def pack_bytes(path: Path, rendered: Rendered, pdf_files: dict[str, bytes],
               templates_dir: Path | None) -> bytes:
    """The application pack `docgen pack` writes for this cluster: the same zip bytes."""
    files = {f"{name}.docx": data for name, data in rendered.files.items()} | pdf_files
    files[MANIFEST] = manifest(path, rendered.name, files, DOCUMENTS, templates_dir)
    return zip_bytes(files)
