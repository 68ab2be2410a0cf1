"""Building many clusters at once: worker processes, unchanged clusters skipped, then PDFs.

- **Parallel.** Clusters are shared out to a process pool (default: one worker per core).
  Each worker compiles each template once (`templates.py` caches per process); under
  `fork` the parent compiles them first and every worker inherits them ready-made.
- **Incremental.** A cluster is skipped when a hash of its inputs (the cluster file,
  the templates, the reference data, docgen's version, the documents asked for and
  SOURCE_DATE_EPOCH) matches the one recorded in `OUTPUT/.docgen-state.json` and its
  outputs still hold the bytes recorded there. The state holds only content hashes,
  so it is the same on every machine; it is written atomically.
- **PDF.** After the DOCX files, every PDF that is missing or older than its DOCX is
  made by `pdf.py` in batches.

The order of results never depends on which worker finished first.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen import __version__
from docgen.build.admit import admit, display
from docgen.build.confine import output_root
from docgen.build.state import (
    STATE_FILE,
    current,
    read_state,
    replay,
    state_entry,
    write_state,
)
from docgen.documents.catalogue import DocumentSpec
from docgen.documents.provenance import file_sha256, reference_sha256
from docgen.errors import DocgenError, Problem, Severity, bug_message

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from docgen.build.pipeline import BuildResult

__all__ = ["STATE_FILE", "Batch", "Progress", "build_many", "default_jobs"]
MAX_HASHED_BYTES = 8 * 1024 * 1024
"""Bounds hashing a cluster file; `load` refuses files far smaller than this anyway."""
PARENT_POLL_SECONDS = 0.5
Progress = Callable[[int, int], None]
"""Called with (clusters done, clusters in all) as the build goes."""


@dataclass(frozen=True, slots=True)
class Batch:
    """What every cluster of one build shares (sent to each worker)."""

    out_dir: Path
    documents: tuple[DocumentSpec, ...]
    check_only: bool = False
    templates_dir: Path | None = None


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def shared_inputs(batch: Batch) -> str:
    """A hash of every input the clusters share: version, templates, reference data."""
    from docgen.documents.templates import template_path

    digest = hashlib.sha256(f"docgen {__version__}\n".encode())
    for spec in batch.documents:
        template = template_path(spec.template, batch.templates_dir)
        digest.update(f"{spec.name} {file_sha256(template)}\n".encode())
    digest.update(f"reference {reference_sha256()}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    return digest.hexdigest()


def cluster_inputs(path: Path, shared: str) -> str:
    """The hash that decides whether a cluster must be built again.

    Only a regular file of a readable size is hashed; anything else (a FIFO, a device,
    a huge file) is never current, and checking it says what is wrong.
    """
    try:
        found = path.stat()
    except OSError:
        return ""
    if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_HASHED_BYTES:
        return ""
    return hashlib.sha256(f"{shared}\n{file_sha256(path)}".encode()).hexdigest()


def build_one(path: Path, batch: Batch) -> BuildResult:
    """One cluster checked, rendered and written (what a worker process runs).

    An unexpected exception is a bug in docgen: it is reported against this cluster
    (`crashed`), and the others still build.
    """
    from docgen.build.pipeline import build_file

    try:
        return build_file(path, batch.out_dir, batch.documents, check_only=batch.check_only,
                          templates_dir=batch.templates_dir)
    except DocgenError:
        raise
    except Exception as exc:  # a bug: this cluster is reported and skipped
        return crashed(path, exc)


def crashed(path: Path, exc: BaseException) -> BuildResult:
    """The result of a cluster whose build hit a bug (or whose worker died)."""
    from docgen.build.pipeline import BuildResult

    name = display(path)
    return BuildResult(problems=[Problem(name, 1, 1, Severity.ERROR, bug_message(exc))],
                       failed=[name], crashed=[name])


def warm_templates(batch: Batch) -> None:
    """Compile every template now, so forked workers inherit them compiled."""
    from docgen.documents.templates import compiled_template

    for spec in batch.documents:
        try:
            compiled_template(spec.template, batch.templates_dir)
        except DocgenError:
            return  # each cluster reports it when it gets there


def run(paths: list[Path], batch: Batch, jobs: int, progress: Progress | None) \
        -> list[BuildResult]:
    """Build `paths`, in this process or a pool of `jobs`; results in the order given."""
    done = 0
    if jobs <= 1 or len(paths) <= 1:
        results = []
        for path in paths:
            results.append(build_one(path, batch))
            done += 1
            if progress:
                progress(done, len(paths))
        return results
    import multiprocessing
    from concurrent.futures import as_completed

    if multiprocessing.get_start_method() == "fork":
        warm_templates(batch)
    ordered: list[BuildResult | None] = [None] * len(paths)
    with worker_pool(min(jobs, len(paths))) as pool:
        futures = {pool.submit(build_one, path, batch): i for i, path in enumerate(paths)}
        for future in as_completed(futures):
            ordered[futures[future]] = outcome(future, paths[futures[future]])
            done += 1
            if progress:
                progress(done, len(paths))
    return [result for result in ordered if result is not None]


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers exit on their own when this process dies."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(),
                               initializer=watch_parent)


def watch_parent() -> None:
    """In a worker: exit as soon as the process that started it is gone (even if killed).

    A killed parent cannot stop its pool, and workers waiting for work would wait for
    ever; a daemon thread notices the parent change and ends the worker.
    """
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="docgen-watch-parent", daemon=True).start()


def outcome(future: Future[BuildResult], path: Path) -> BuildResult:
    """A worker's result; a worker that died (or could not send it) fails that cluster."""
    try:
        return future.result()
    except DocgenError:
        raise
    except Exception as exc:  # BrokenProcessPool, an unpicklable result: a bug
        return crashed(path, exc)


def merge(into: BuildResult, part: BuildResult) -> None:
    """Add one cluster's result to the whole build's."""
    into.problems += part.problems
    into.written += part.written
    into.unchanged += part.unchanged
    into.would_change += part.would_change
    into.failed += part.failed
    into.crashed += part.crashed


def build_many(paths: list[Path], batch: Batch, *, jobs: int = 1, pdf: bool = False,
               progress: Progress | None = None) -> BuildResult:
    """Build every cluster file in `paths`: stale ones in `jobs` processes, then PDFs.

    Files whose stem cannot name a folder, or that share one, are refused first; the
    state is read as a cache and written again whatever any cluster did.
    """
    if pdf and not batch.check_only:
        from docgen.build.pdf import find_soffice

        find_soffice()  # no LibreOffice: stop before building anything (exit 2)
    output_root(batch.out_dir)
    paths, built = admit(paths, batch.out_dir)
    state, warning = ({}, None) if batch.check_only else read_state(batch.out_dir)
    keys = {path: cluster_inputs(path, shared_inputs(batch)) for path in paths if path not in built}
    stale = [p for p in keys if not current(state.get(p.stem), keys[p], batch.out_dir, p.stem)]
    skipped = len(paths) - len(stale)
    counted = (lambda done, _total: progress(skipped + done, len(paths))) if progress else None
    built |= dict(zip(stale, run(stale, batch, jobs, counted), strict=True))
    result, recorded = collect(paths, built, state, keys, batch)
    warnings = [warning] if warning else []
    if not batch.check_only and (recorded != state or warning):
        warnings += filter(None, [write_state(batch.out_dir, recorded)])
    result.problems[:0] = warnings
    if pdf and not batch.check_only:
        make_pdfs(result, jobs, batch.out_dir)
    return result


def collect(paths: list[Path], built: dict[Path, BuildResult], state: dict[str, Any],
            keys: dict[Path, str], batch: Batch) -> tuple[BuildResult, dict[str, Any]]:
    """The whole build's result, in the order of `paths`, and the state to record."""
    from docgen.build.pipeline import BuildResult

    result, recorded = BuildResult(), dict(state)
    for path in paths:
        if path not in built:
            replay(state[path.stem], batch.out_dir / path.stem, result)
            continue
        merge(result, built[path])
        if built[path].failed:
            recorded.pop(path.stem, None)
        elif not batch.check_only and keys[path]:
            recorded[path.stem] = state_entry(keys[path], batch.out_dir, path.stem, built[path])
    return result, recorded


def stale_pdf(docx: Path) -> bool:
    """A PDF is made again when it is missing, empty, older than its DOCX or not a file."""
    pdf = docx.with_suffix(".pdf")
    try:
        found, source = pdf.lstat(), docx.lstat()
    except FileNotFoundError:
        return True
    return not stat.S_ISREG(found.st_mode) or found.st_size == 0 \
        or found.st_mtime_ns < source.st_mtime_ns


def make_pdfs(result: BuildResult, jobs: int, out_dir: Path) -> None:
    """A PDF beside every DOCX of this build that needs one; failures become problems."""
    from docgen.build.pdf import convert

    documents = [p for p in result.written + result.unchanged if p.suffix == ".docx"]
    for done in convert([p for p in documents if stale_pdf(p)], out_dir, workers=jobs):
        if done.error is None:
            result.pdfs.append(done.pdf)
        else:
            result.pdf_failed.append(done.docx)
            result.problems.append(Problem(str(done.docx), 1, 1, Severity.ERROR,
                                           f"no PDF made: {done.error}"))
