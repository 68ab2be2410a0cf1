"""Orchestration: check and build many cluster files. No printing; results are values.

For each cluster everything is computed first (validate, model, every document
rendered in memory, `unit.py`); only when all its documents rendered is anything
written. A cluster that fails keeps its previous outputs, and the others still
build. After the DOCX files, every PDF that is missing or older than its DOCX is
made by `pdf.py` in LibreOffice's warm offices. `progress` hears, stage by stage, how
many clusters are done, failed and left.
"""

from __future__ import annotations

import stat
from pathlib import Path

from docgen.build.admit import admit
from docgen.build.confine import output_root
from docgen.build.incremental import cluster_inputs, collect, shared_inputs
from docgen.build.progress import DocumentTally, Progress, Tally
from docgen.build.results import BuildOptions, BuildResult
from docgen.build.state import current, read_state, write_state
from docgen.build.workers import run
from docgen.cluster.check import CheckedFile, check_file, discover
from docgen.documents.catalogue import DOCUMENTS, DocumentSpec
from docgen.errors import Problem, Severity
from docgen.refdata import reference_data

DEFAULT_OUTPUT = Path("output")


def check(paths: list[Path]) -> list[CheckedFile]:
    """Every cluster file under `paths`, checked (each once).

    A file `build` would refuse for its name (a stem that cannot name a folder, or one
    another file shares) gets that error too, so CI finds it before a build does.
    """
    unique, refused = admit(discover(paths), DEFAULT_OUTPUT)
    reference = reference_data()
    results = [check_file(path, reference) for path in unique]
    for result in results:
        if result.path in refused:
            result.problems += refused[result.path].problems
            result.cluster = None
    return results


def build(paths: list[Path], out_dir: Path, documents: tuple[DocumentSpec, ...] = DOCUMENTS,
          *, check_only: bool = False, templates_dir: Path | None = None, jobs: int = 1,
          pdf: bool = False, progress: Progress | None = None) -> BuildResult:
    """Build every valid cluster under `paths` into `out_dir/<stem>/<document>.docx`.

    Files whose stem cannot name a folder, or that share one, are refused first; the
    stale clusters are built in `jobs` processes (`workers.py`), the others skipped
    (`incremental.py`); with `pdf`, a PDF is written beside each DOCX. The state is
    read as a cache and written again whatever any cluster did.
    """
    return build_files(discover(paths), BuildOptions(out_dir, documents, check_only,
                                                     templates_dir),
                       jobs=jobs, pdf=pdf, progress=progress)


def build_files(paths: list[Path], options: BuildOptions, *, jobs: int = 1, pdf: bool = False,
                progress: Progress | None = None) -> BuildResult:
    """`build` of the cluster files `paths`, with the options every cluster shares."""
    if pdf and not options.check_only:
        from docgen.build.office_process import find_soffice

        find_soffice()  # no LibreOffice: stop before building anything (exit 2)
    out_dir = output_root(options.out_dir)
    paths, built = admit(paths, out_dir)
    state, warning = ({}, None) if options.check_only else read_state(out_dir)
    shared = shared_inputs(options)
    keys = {path: cluster_inputs(path, shared) for path in paths if path not in built}
    stale = [p for p in keys if not current(state.get(p.stem), keys[p], out_dir, p.stem)]
    tally = Tally("Building", len(paths), progress, done=len(paths) - len(stale))
    if pdf and stale and not options.check_only:
        from docgen.build.office_pool import prestart

        prestart(min(jobs, len(stale) * len(options.documents)))  # starts while we render
    built |= dict(zip(stale, run(stale, options, jobs, lambda r: tally.add(bool(r.failed))),
                      strict=True))
    result, recorded = collect(paths, built, state, keys, options)
    warnings = [warning] if warning else []
    if not options.check_only and (recorded != state or warning):
        warnings += filter(None, [write_state(out_dir, recorded)])
    result.problems[:0] = warnings
    if pdf and not options.check_only:
        make_pdfs(result, jobs, out_dir, progress)
    return result


def stale_pdf(docx: Path) -> bool:
    """A PDF is made again when it is missing, empty, older than its DOCX or not a file."""
    pdf = docx.with_suffix(".pdf")
    try:
        found, source = pdf.lstat(), docx.lstat()
    except FileNotFoundError:
        return True
    return not stat.S_ISREG(found.st_mode) or found.st_size == 0 \
        or found.st_mtime_ns < source.st_mtime_ns


def make_pdfs(result: BuildResult, jobs: int, out_dir: Path,
              progress: Progress | None = None) -> None:
    """A PDF beside every DOCX of this build that needs one; failures become problems.

    A build whose PDFs are all current starts no LibreOffice.
    """
    from docgen.build.pdf import convert

    documents = [p for p in result.written + result.unchanged if p.suffix == ".docx"]
    todo = [p for p in documents if stale_pdf(p)]
    tally = DocumentTally("PDFs", todo, progress)
    for done in convert(todo, out_dir, workers=jobs,
                        done=lambda r: tally.document(r.docx, r.error is not None)):
        if done.error is None:
            result.pdfs.append(done.pdf)
        else:
            result.pdf_failed.append(done.docx)
            result.problems.append(Problem(str(done.docx), 1, 1, Severity.ERROR,
                                           f"no PDF made: {done.error}"))
