"""Application packs: one zip per cluster with every document, a manifest, and a region summary.

`DIR/<stem>-application-pack.zip` holds the six documents (and their PDFs with
`--pdf`) and `manifest.json`: each file's name and SHA-256, the SHA-256 of every
input (the cluster file, each template, each reference data file) and docgen's
version. The zip's bytes depend only on its contents: entries sorted by name, fixed
timestamps and attributes, one compression level. So packing the same inputs twice
gives identical zips. PDFs are reproducible only on the same LibreOffice with the
same fonts (`pdf.py` pins their dates and ids); the manifest says so, and the DOCX
hashes are what identify a pack's content anywhere.

The documents come from the same incremental build as `docgen build`, into
`DIR/<stem>/`: what is current there (documents and PDFs) is reused, not made again.

`DIR/region-summary.csv` (and `.xlsx`, `summary.py`) lists every cluster: schools,
total VDSS enrolments, band, total funding requested and whether the file is valid.
Those figures come from the build's records (`summary_record.py`), so a pack right after
a build checks no cluster again; when the last pack recorded the same inputs
(`pack_cache.py`), the summaries are kept as they are.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen import __version__
from docgen.build.cellsafe import spreadsheet_safe
from docgen.build.confine import output_root, read_inside, stem_key
from docgen.build.pack_cache import packs_key, record_packs, summaries_current
from docgen.build.pipeline import build_files
from docgen.build.progress import Progress, Tally
from docgen.build.results import BuildOptions
from docgen.build.summary import SUMMARY_XLSX, region_workbook
from docgen.build.summary_record import SUMMARY_COLUMNS, Detail, detail, summarise, summary_row
from docgen.build.write import unchanged, write_atomic
from docgen.cluster.check import check_file, discover
from docgen.documents.catalogue import DOCUMENTS, DocumentSpec
from docgen.documents.provenance import file_sha256
from docgen.documents.templates import template_path
from docgen.errors import Problem, Severity
from docgen.files import display_name
from docgen.refdata import reference_data, reference_files

PACK_SUFFIX = "-application-pack.zip"
SUMMARY_FILE = "region-summary.csv"
MANIFEST = "manifest.json"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
PDF_NOTE = ("PDFs are made by LibreOffice; their bytes repeat only with the same LibreOffice "
            "version and fonts. The DOCX hashes identify the content.")
SUMMARIES = (SUMMARY_FILE, SUMMARY_XLSX)


@dataclass
class PackResult:
    """What `pack` did: packs written or already current, clusters that failed, problems."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)
    """Why a cluster in `failed` got no pack, when its problems alone do not say it."""
    summary: Path | None = None
    summary_written: bool = False
    """False when the region summary was already current (the last pack's, kept)."""


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip whose bytes depend only on `files`: sorted, fixed times and attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


def named_hashes(paths: list[Path]) -> list[dict[str, str]]:
    """Each file's name and SHA-256, for manifest.json."""
    return [{"name": path.name, "sha256": file_sha256(path)} for path in paths]


def manifest(source: Path, cluster_name: str, files: dict[str, bytes],
             documents: tuple[DocumentSpec, ...], templates_dir: Path | None) -> bytes:
    """manifest.json: the pack's files and every input, each with its SHA-256."""
    import hashlib

    templates = [template_path(spec.template, templates_dir) for spec in documents]
    data: dict[str, Any] = {
        "cluster": cluster_name,
        "docgen_version": __version__,
        "files": [{"name": name, "sha256": hashlib.sha256(files[name]).hexdigest(),
                   "bytes": len(files[name])} for name in sorted(files)],
        "inputs": {"cluster_file": {"name": source.name, "sha256": file_sha256(source)},
                   "templates": named_hashes(templates),
                   "reference_data": named_hashes(reference_files())},
    }
    if any(name.endswith(".pdf") for name in files):
        data["pdf_note"] = PDF_NOTE
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def pack_files(out_dir: Path, stem: str, documents: tuple[DocumentSpec, ...],
               pdf: bool) -> dict[str, bytes] | None:
    """The built documents of one cluster (and their PDFs), by file name.

    None when one of them is not a regular file below `out_dir` (gone, or replaced by
    a link since the build): no partial pack.
    """
    names = [f"{spec.name}.docx" for spec in documents]
    names += [f"{spec.name}.pdf" for spec in documents] if pdf else []
    files = {name: read_inside(out_dir / stem / name, out_dir) for name in names}
    found = {name: data for name, data in files.items() if data is not None}
    return found if len(found) == len(names) else None


def write_pack(target: Path, data: bytes, result: PackResult) -> None:
    """Write one pack into its output folder, unless it already holds these bytes."""
    if unchanged(target, data, target.parent):
        result.unchanged.append(target)
    else:
        write_atomic(target, data, within=target.parent)
        result.written.append(target)


def pack(paths: list[Path], out_dir: Path, *, pdf: bool = False, jobs: int = 1,
         templates_dir: Path | None = None, progress: Progress | None = None) -> PackResult:
    """A pack per valid cluster under `paths`, and the region summary, in `out_dir`.

    The documents are built by the same incremental build as `docgen build` into
    `out_dir/<stem>/`: those (and their PDFs) already current there are reused, the
    rest built once (in `jobs` processes), then zipped. A cluster with any problem gets
    no pack at all, never a partial one. Nothing is written outside `out_dir`.
    """
    output_root(out_dir)
    sources = discover(paths)
    result = PackResult()
    refused = [source for source in sources if reserved(source.stem)]
    options = BuildOptions(out_dir, DOCUMENTS, templates_dir=templates_dir)
    built = build_files([s for s in sources if s not in refused], options, jobs=jobs, pdf=pdf,
                        progress=progress)
    result.problems, result.failed = built.problems, list(built.failed)
    result.crashed = list(built.crashed)
    for source in refused:
        result.problems.append(Problem(display_name(source), 1, 1, Severity.ERROR,
                                       f"not packed: {source.stem!r} is the name of a file "
                                       f"pack writes in {out_dir}; rename the file"))
        result.failed.append(display_name(source))
        result.reasons[display_name(source)] = "its file name is taken by the summary or a pack"
    tally = Tally("Packing", len(sources), progress)
    broken = {path.parent.name for path in built.pdf_failed}
    rows, details = [], {}
    for source in sources:
        record = None if display_name(source) in result.crashed else \
            built.summaries.get(source.stem) or checked_record(source)
        packed = pack_cluster(source, record, options, pdf, broken, result, tally)
        rows.append(crash_row(source) if record is None else summary_row(record, packed))
        if record is not None and (found := detail(record)) is not None:
            details[source.name] = found
    write_summaries(out_dir, packs_key(sources, options), rows, details, result,
                    whole=not (result.failed or built.pdf_failed))
    return result


def write_summaries(out_dir: Path, key: str, rows: list[dict[str, str]],
                    details: dict[str, Detail], result: PackResult, whole: bool) -> None:
    """The region summary, CSV and workbook, unless the last whole pack of the same inputs
    left them in place; a pack of every cluster is recorded so the next can tell."""
    result.summary = out_dir / SUMMARY_FILE
    if whole and summaries_current(out_dir, key, SUMMARIES):
        return
    result.summary_written = True
    write_atomic(result.summary, summary_csv(rows), within=out_dir)
    write_atomic(out_dir / SUMMARY_XLSX, region_workbook(rows, details), within=out_dir)
    record_packs(out_dir, key if whole else None, SUMMARIES)


def reserved(stem: str) -> bool:
    """A cluster whose output folder would take the name of a pack or summary file."""
    return stem_key(stem) in {stem_key(SUMMARY_FILE), stem_key(SUMMARY_XLSX)} \
        or stem_key(stem).endswith(PACK_SUFFIX)


def checked_record(source: Path) -> dict[str, Any]:
    """The summary record of a cluster the build did not check (a refused name)."""
    reference = reference_data()
    return summarise(check_file(source, reference), reference)


def crash_row(source: Path) -> dict[str, str]:
    """The summary line of a cluster whose build hit a bug: it is not checked again."""
    return dict.fromkeys(SUMMARY_COLUMNS, "") | {"file": source.name,
                                                 "status": "not packed (docgen bug)"}


def pack_cluster(source: Path, record: dict[str, Any] | None, options: BuildOptions,
                 pdf: bool, broken: set[str], result: PackResult, tally: Tally) -> bool:
    """Zip one built cluster into its pack, if it built whole; whether it did.

    The cluster's name comes from its summary `record` (None: its build hit a bug).
    """
    name = record["row"]["cluster"] if record is not None else ""
    failed = not name or display_name(source) in result.failed
    files = None if failed or source.stem in broken else \
        pack_files(options.out_dir, source.stem, DOCUMENTS, pdf)
    if files is not None:
        files[MANIFEST] = manifest(source, name, files, DOCUMENTS, options.templates_dir)
        write_pack(options.out_dir / f"{source.stem}{PACK_SUFFIX}", zip_bytes(files), result)
    elif not failed:
        result.failed.append(display_name(source))
        result.reasons[display_name(source)] = "a PDF could not be made" \
            if source.stem in broken else "a document is missing from its output folder"
    tally.add(failed=files is None)
    return files is not None


def summary_csv(rows: list[dict[str, str]]) -> bytes:
    """The region summary as CSV (UTF-8 with a byte-order mark, so Excel reads accents)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()}
                     for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
