"""Application packs: one zip per cluster with every document, a manifest, and a region summary.

`DIR/<stem>-application-pack.zip` holds the six documents (and their PDFs with
`--pdf`) and `manifest.json`: each file's name and SHA-256, the SHA-256 of every
input (the cluster file, each template, each reference data file) and docgen's
version. The zip's bytes depend only on its contents: entries sorted by name, fixed
timestamps and attributes, one compression level. So packing the same inputs twice
gives identical zips. PDFs are reproducible only on the same LibreOffice with the
same fonts (`pdf.py` pins their dates and ids); the manifest says so, and the DOCX
hashes are what identify a pack's content anywhere.

`DIR/region-summary.csv` lists every cluster: schools, total VDSS enrolments, band,
total funding requested and whether the file is valid.
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
from docgen.build.confine import output_root
from docgen.build.pipeline import build
from docgen.build.progress import Progress
from docgen.build.summary import SUMMARY_XLSX, region_workbook
from docgen.build.tempdirs import temp_folder
from docgen.build.write import unchanged, write_atomic
from docgen.cluster.check import CheckedFile, check_file, discover
from docgen.documents.catalogue import DOCUMENTS, DocumentSpec
from docgen.documents.provenance import file_sha256
from docgen.documents.templates import template_path
from docgen.errors import Problem
from docgen.files import display_name
from docgen.refdata import ReferenceData, reference_data, reference_files

PACK_SUFFIX = "-application-pack.zip"
SUMMARY_FILE = "region-summary.csv"
MANIFEST = "manifest.json"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
PDF_NOTE = ("PDFs are made by LibreOffice; their bytes repeat only with the same LibreOffice "
            "version and fonts. The DOCX hashes identify the content.")
SUMMARY_COLUMNS = ("cluster", "file", "region", "area", "schools", "school_names",
                   "total_vdss_enrolments", "band", "total_funding_requested", "indicative",
                   "status")


@dataclass
class PackResult:
    """What `pack` did: packs written or already current, clusters that failed, problems."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)
    summary: Path | None = None


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


def pack_files(folder: Path, documents: tuple[DocumentSpec, ...], pdf: bool) -> dict[str, bytes]:
    """The built documents of one cluster (and their PDFs), by file name."""
    names = [f"{spec.name}.docx" for spec in documents]
    names += [f"{spec.name}.pdf" for spec in documents] if pdf else []
    return {name: (folder / name).read_bytes() for name in names}


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

    The documents are built (in `jobs` processes) into a temporary folder, then zipped;
    a cluster with any problem gets no pack at all, never a partial one. Nothing is
    written but the packs and the summary, and only inside `out_dir`.
    """
    output_root(out_dir)
    sources = discover(paths)
    result = PackResult()
    with temp_folder("pack") as staging:
        built = build(sources, staging, DOCUMENTS, templates_dir=templates_dir,
                      jobs=jobs, pdf=pdf, progress=progress)
        result.problems, result.failed = built.problems, list(built.failed)
        result.crashed = list(built.crashed)
        broken = {path.parent.name for path in built.pdf_failed}
        rows = [pack_cluster(source, staging, out_dir, pdf, templates_dir, broken, result)
                for source in sources]
    result.summary = out_dir / SUMMARY_FILE
    write_atomic(result.summary, summary_csv(rows), within=out_dir)
    write_atomic(out_dir / SUMMARY_XLSX, region_workbook(sources, rows), within=out_dir)
    return result


def pack_cluster(source: Path, staging: Path, out_dir: Path, pdf: bool,
                 templates_dir: Path | None, broken: set[str], result: PackResult) \
        -> dict[str, str]:
    """Zip one built cluster into its pack (if it built whole); its region summary row.

    A cluster whose build hit a bug is not checked again: its row just says so.
    """
    if display_name(source) in result.crashed:
        return dict.fromkeys(SUMMARY_COLUMNS, "") | {"file": source.name,
                                                     "status": "not packed (docgen bug)"}
    reference = reference_data()
    checked = check_file(source, reference)
    packed = (checked.cluster is not None and checked.name not in result.failed
              and source.stem not in broken)
    if checked.cluster is not None and packed:
        files = pack_files(staging / source.stem, DOCUMENTS, pdf)
        files[MANIFEST] = manifest(source, checked.cluster.name, files, DOCUMENTS,
                                   templates_dir)
        write_pack(out_dir / f"{source.stem}{PACK_SUFFIX}", zip_bytes(files), result)
    elif checked.name not in result.failed:
        result.failed.append(checked.name)
    return summary_row(checked, packed, reference)


def summary_row(checked: CheckedFile, packed: bool,
                reference: ReferenceData) -> dict[str, str]:
    """One line of the region summary: the cluster's schools, enrolments, band and funding."""
    from docgen.cluster.model import total_vdss_enrolments
    from docgen.funding.transition import transition_funding

    errors = sum(p.is_error for p in checked.problems)
    warnings = len(checked.problems) - errors
    status = (f"invalid ({errors} error(s))" if errors else
              "not packed (build failed)" if not packed else
              f"valid ({warnings} warning(s))" if warnings else "valid")
    row = dict.fromkeys(SUMMARY_COLUMNS, "") | {"file": checked.path.name, "status": status}
    cluster = checked.cluster
    if cluster is not None:
        figures = transition_funding(cluster, reference)
        row |= {"cluster": cluster.name, "region": cluster.region, "area": cluster.area,
                "schools": str(len(cluster.member_schools)),
                "school_names": "; ".join(s.name for s in cluster.member_schools),
                "total_vdss_enrolments": str(total_vdss_enrolments(cluster)),
                "band": figures.band.band, "total_funding_requested": f"{figures.total:.2f}",
                "indicative": "yes" if figures.indicative else "no"}
    return row


def summary_csv(rows: list[dict[str, str]]) -> bytes:
    """The region summary as CSV (UTF-8 with a byte-order mark, so Excel reads accents)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUMMARY_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()}
                     for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
