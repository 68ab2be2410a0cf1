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
import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen import __version__
from docgen.documents import DocumentSpec
from docgen.errors import DocgenError, Problem, Severity
from docgen.provenance import file_sha256, reference_sha256

if TYPE_CHECKING:
    from docgen.pipeline import BuildResult

STATE_FILE = ".docgen-state.json"
STATE_FORMAT = 1
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
    from docgen.templates import template_path

    digest = hashlib.sha256(f"docgen {__version__}\n".encode())
    for spec in batch.documents:
        template = template_path(spec.template, batch.templates_dir)
        digest.update(f"{spec.name} {file_sha256(template)}\n".encode())
    digest.update(f"reference {reference_sha256()}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    return digest.hexdigest()


def cluster_inputs(path: Path, shared: str) -> str:
    """The hash that decides whether a cluster must be built again."""
    return hashlib.sha256(f"{shared}\n{file_sha256(path)}".encode()).hexdigest()


def read_state(out_dir: Path) -> dict[str, Any]:
    """The recorded state of `out_dir` (empty when missing, unreadable or another format)."""
    try:
        state = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state.get("clusters", {}) if state.get("format") == STATE_FORMAT else {}


def write_state(out_dir: Path, clusters: dict[str, Any]) -> None:
    from docgen.write import write_atomic

    text = json.dumps({"format": STATE_FORMAT, "clusters": clusters}, indent=1, sort_keys=True)
    write_atomic(out_dir / STATE_FILE, (text + "\n").encode("utf-8"))


def sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def outputs_intact(folder: Path, recorded: dict[str, str]) -> bool:
    """Every recorded output still exists with the recorded bytes."""
    return bool(recorded) and all(sha256_of(folder / name) == digest
                                  for name, digest in recorded.items())


def state_entry(key: str, folder: Path, result: BuildResult) -> dict[str, Any]:
    """What to remember of a cluster just built: its inputs, outputs and problems."""
    names = sorted({p.name for p in result.written + result.unchanged})
    return {"inputs": key, "outputs": {name: sha256_of(folder / name) for name in names},
            "problems": [asdict(p) for p in result.problems]}


def replay(entry: dict[str, Any], folder: Path, result: BuildResult) -> None:
    """A skipped cluster's outputs count as unchanged, and its warnings are shown again."""
    result.unchanged += [folder / name for name in sorted(entry["outputs"])]
    result.problems += [Problem(**{**p, "severity": Severity(p["severity"])})
                        for p in entry["problems"]]


def build_one(path: Path, batch: Batch) -> BuildResult:
    """One cluster checked, rendered and written (what a worker process runs)."""
    from docgen.pipeline import build_file

    return build_file(path, batch.out_dir, batch.documents, check_only=batch.check_only,
                      templates_dir=batch.templates_dir)


def warm_templates(batch: Batch) -> None:
    """Compile every template now, so forked workers inherit them compiled."""
    from docgen.templates import compiled_template

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
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context()
    if context.get_start_method() == "fork":
        warm_templates(batch)
    ordered: list[BuildResult | None] = [None] * len(paths)
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=context) as pool:
        futures = {pool.submit(build_one, path, batch): i for i, path in enumerate(paths)}
        for future in as_completed(futures):
            ordered[futures[future]] = future.result()
            done += 1
            if progress:
                progress(done, len(paths))
    return [result for result in ordered if result is not None]


def merge(into: BuildResult, part: BuildResult) -> None:
    """Add one cluster's result to the whole build's."""
    into.problems += part.problems
    into.written += part.written
    into.unchanged += part.unchanged
    into.would_change += part.would_change
    into.failed += part.failed


def current(entry: dict[str, Any] | None, key: str, folder: Path) -> bool:
    """Whether a cluster's recorded build still stands: same inputs, outputs intact."""
    return entry is not None and entry.get("inputs") == key \
        and outputs_intact(folder, entry.get("outputs", {}))


def build_many(paths: list[Path], batch: Batch, *, jobs: int = 1, pdf: bool = False,
               progress: Progress | None = None) -> BuildResult:
    """Build every cluster file in `paths`: stale ones in `jobs` processes, then PDFs."""
    if pdf and not batch.check_only:
        from docgen.pdf import find_soffice

        find_soffice()  # no LibreOffice: stop before building anything (exit 2)
    shared = shared_inputs(batch)
    state = {} if batch.check_only else read_state(batch.out_dir)
    keys = {path: cluster_inputs(path, shared) for path in paths}
    stale = [p for p in paths
             if not current(state.get(p.stem), keys[p], batch.out_dir / p.stem)]
    skipped = len(paths) - len(stale)
    counted = (lambda done, _total: progress(skipped + done, len(paths))) if progress else None
    built = dict(zip(stale, run(stale, batch, jobs, counted), strict=True))
    result, recorded = collect(paths, built, state, keys, batch)
    if not batch.check_only and recorded != state:
        write_state(batch.out_dir, recorded)
    if pdf and not batch.check_only:
        make_pdfs(result, jobs)
    return result


def collect(paths: list[Path], built: dict[Path, BuildResult], state: dict[str, Any],
            keys: dict[Path, str], batch: Batch) -> tuple[BuildResult, dict[str, Any]]:
    """The whole build's result, in the order of `paths`, and the state to record."""
    from docgen.pipeline import BuildResult

    result, recorded = BuildResult(), dict(state)
    for path in paths:
        folder = batch.out_dir / path.stem
        if path not in built:
            replay(state[path.stem], folder, result)
            continue
        merge(result, built[path])
        if built[path].failed:
            recorded.pop(path.stem, None)
        elif not batch.check_only:
            recorded[path.stem] = state_entry(keys[path], folder, built[path])
    return result, recorded


def stale_pdf(docx: Path) -> bool:
    """A PDF is made again when it is missing, empty or older than its DOCX."""
    pdf = docx.with_suffix(".pdf")
    try:
        return pdf.stat().st_size == 0 or pdf.stat().st_mtime_ns < docx.stat().st_mtime_ns
    except FileNotFoundError:
        return True


def make_pdfs(result: BuildResult, jobs: int) -> None:
    """A PDF beside every DOCX of this build that needs one; failures become problems."""
    from docgen.pdf import convert

    documents = [p for p in result.written + result.unchanged if p.suffix == ".docx"]
    for done in convert([p for p in documents if stale_pdf(p)], workers=jobs):
        if done.error is None:
            result.pdfs.append(done.pdf)
        else:
            result.pdf_failed.append(done.docx)
            result.problems.append(Problem(str(done.docx), 1, 1, Severity.ERROR,
                                           f"no PDF made: {done.error}"))
