"""Orchestration: check and build many cluster files. No printing; results are values.

For each cluster everything is computed first (validate, model, every document
rendered in memory); only when all its documents rendered is anything written.
A cluster that fails keeps its previous outputs, and the others still build.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docgen import __version__
from docgen.build.batch import Batch, Progress, build_many
from docgen.build.confine import inside
from docgen.build.write import remove_stale_temporaries, unchanged, write_atomic
from docgen.documents.catalogue import DOCUMENTS, DocumentSpec
from docgen.documents.provenance import provenance
from docgen.errors import (
    ContainmentError,
    InputError,
    Problem,
    RenderError,
    Severity,
    UsageError,
)

if TYPE_CHECKING:
    from docgen.cluster.model import Cluster

# Validation (Cerberus) and rendering (docxtpl, lxml, Jinja) are imported where they
# are used: a rebuild with nothing to do, or `docgen check`, never pays for them.

CLUSTER_SUFFIXES = (".yaml", ".yml")
DEFAULT_OUTPUT = Path("output")


@dataclass
class FileResult:
    """One cluster file checked: its problems and, if valid, its model."""

    path: Path
    name: str
    problems: list[Problem]
    cluster: Cluster | None = None

    @property
    def ok(self) -> bool:
        return self.cluster is not None


@dataclass
class BuildResult:
    """What a build did: problems found, files written, left alone, or that would change."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    would_change: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    pdf_failed: list[Path] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)
    """Clusters that hit a bug in docgen (also in `failed`): the build exits 3."""


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder, or a loop of links
        return str(path)


def discover(paths: list[Path]) -> list[Path]:
    """Cluster files named directly or found (not recursively) in the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in CLUSTER_SUFFIXES)
        elif path.is_file() or path.exists() or path.is_symlink():
            found.append(path)  # a special file or broken link: load.py says what it is
        else:
            raise UsageError(f"no such file or folder: {path}")
    return found


def check_file(path: Path) -> FileResult:
    """Load and validate one file; the model is made only when there is no error."""
    name = display_name(path)
    try:
        from docgen.cluster.load import load_file
        from docgen.cluster.validate import validate

        doc, problems = validate(load_file(path, name))
    except InputError as exc:
        return FileResult(path, name, exc.problems)
    from docgen.cluster.model import from_data

    cluster = None if any(p.is_error for p in problems) else from_data(doc.data)
    return FileResult(path, name, problems, cluster)


def check(paths: list[Path]) -> list[FileResult]:
    """Every cluster file under `paths`, checked (each once).

    A file `build` would refuse for its name (a stem that cannot name a folder, or one
    another file shares) gets that error too, so CI finds it before a build does.
    """
    from docgen.build.admit import admit

    unique, refused = admit(discover(paths), DEFAULT_OUTPUT)
    results = [check_file(path) for path in unique]
    for result in results:
        if result.path in refused:
            result.problems += refused[result.path].problems
            result.cluster = None
    return results


def timestamp(cluster: Cluster) -> str:
    """Core-property time: SOURCE_DATE_EPOCH when set, else the document date (never now)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    else:
        moment = dt.datetime.combine(cluster.document.date, dt.time(), dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def core_xml(cluster: Cluster, spec: DocumentSpec, origin: str = "") -> bytes:
    """The document's core properties: title, subject, author, version, when, provenance.

    `origin` is the provenance line (docgen version and input hashes, `provenance.py`).
    """
    from docgen.documents.render import core_properties

    return core_properties({
        "dc:title": f"{spec.title}: {cluster.name}",
        "dc:subject": cluster.name,
        "dc:creator": cluster.document.prepared_by,
        "cp:keywords": f"VET cluster; {spec.name}",
        "dc:description": origin or f"Generated by docgen {__version__}",
        "cp:lastModifiedBy": "docgen",
        "cp:version": cluster.document.version,
    }, timestamp(cluster))


def render_cluster(cluster: Cluster, documents: tuple[DocumentSpec, ...],
                   templates_dir: Path | None = None,
                   source: Path | None = None) -> dict[str, bytes]:
    """Every requested document of one cluster, rendered in memory: name → bytes.

    `source` is the cluster file, named and hashed in each document's provenance.
    """
    from docgen.documents.context import build_context
    from docgen.documents.render import render_docx
    from docgen.documents.templates import compiled_template, template_path

    rendered = {}
    for spec in documents:
        template = compiled_template(spec.template, templates_dir)
        origin = provenance(template_path(spec.template, templates_dir), source)
        rendered[spec.name] = render_docx(template, build_context(cluster, spec),
                                          core_xml(cluster, spec, origin))
    return rendered


def build(paths: list[Path], out_dir: Path, documents: tuple[DocumentSpec, ...] = DOCUMENTS,
          *, check_only: bool = False, templates_dir: Path | None = None, jobs: int = 1,
          pdf: bool = False, progress: Progress | None = None) -> BuildResult:
    """Build every valid cluster under `paths` into `out_dir/<stem>/<document>.docx`.

    `batch.py` shares the clusters out to `jobs` processes, skips the unchanged ones
    and, with `pdf`, writes a PDF beside each DOCX.
    """
    batch = Batch(out_dir, documents, check_only, templates_dir)
    return build_many(discover(paths), batch, jobs=jobs, pdf=pdf, progress=progress)


def build_file(path: Path, out_dir: Path, documents: tuple[DocumentSpec, ...] = DOCUMENTS,
               *, check_only: bool = False, templates_dir: Path | None = None) -> BuildResult:
    """Check, render and write one cluster file: the unit of work of a build.

    Its folder `out_dir/<stem>` must be a real folder (or missing): a link or a file
    there fails this cluster, as a problem, before anything is rendered.
    """
    result = BuildResult()
    checked = check_file(path)
    result.problems += checked.problems
    folder = out_dir / checked.path.stem
    if checked.cluster is None:
        result.failed.append(checked.name)
        return result
    try:
        inside(folder, out_dir)
        rendered = render_cluster(checked.cluster, documents, templates_dir, checked.path)
        write_cluster(folder, rendered, out_dir, check_only, result)
    except (RenderError, ContainmentError) as exc:
        result.problems.append(Problem(checked.name, 1, 1, Severity.ERROR, str(exc)))
        result.failed.append(checked.name)
    return result


def write_cluster(folder: Path, rendered: dict[str, bytes], out_dir: Path, check_only: bool,
                  result: BuildResult) -> None:
    """Write (or, with `check_only`, compare) one cluster's rendered documents."""
    if not check_only:
        remove_stale_temporaries(folder)
    for name, data in rendered.items():
        target = folder / f"{name}.docx"
        if unchanged(target, data, out_dir):
            result.unchanged.append(target)
        elif check_only:
            result.would_change.append(target)
        else:
            write_atomic(target, data, within=out_dir)
            result.written.append(target)
