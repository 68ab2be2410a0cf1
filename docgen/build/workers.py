"""Building many clusters at once: a pool of worker processes, one cluster per task.

Clusters are shared out to a process pool (default: one worker per core). Each
worker compiles each template once (`documents/templates.py` caches per process);
under `fork` the parent compiles them first and every worker inherits them
ready-made. The order of results never depends on which worker finished first, and
a worker that dies, or a bug in docgen, fails only its own cluster.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.build.results import BuildOptions, BuildResult
from docgen.build.unit import build_file
from docgen.errors import DocgenError, Problem, Severity, bug_message
from docgen.files import display_name

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

PARENT_POLL_SECONDS = 0.5


def default_jobs() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def build_one(path: Path, options: BuildOptions) -> BuildResult:
    """One cluster checked, rendered and written (what a worker process runs).

    An unexpected exception is a bug in docgen: it is reported against this cluster
    (`crashed`), and the others still build.
    """
    try:
        return build_file(path, options)
    except DocgenError:
        raise
    except Exception as exc:  # a bug: this cluster is reported and skipped
        return crashed(path, exc)


def crashed(path: Path, exc: BaseException) -> BuildResult:
    """The result of a cluster whose build hit a bug (or whose worker died)."""
    name = display_name(path)
    return BuildResult(problems=[Problem(name, 1, 1, Severity.ERROR, bug_message(exc))],
                       failed=[name], crashed=[name])


def warm_templates(options: BuildOptions) -> None:
    """Compile every template now, so forked workers inherit them compiled."""
    from docgen.documents.templates import compiled_template

    for spec in options.documents:
        try:
            compiled_template(spec.template, options.templates_dir)
        except DocgenError:
            return  # each cluster reports it when it gets there


def run(paths: list[Path], options: BuildOptions, jobs: int,
        finished: Callable[[BuildResult], None] | None = None) -> list[BuildResult]:
    """Build `paths`, in this process or a pool of `jobs`; results in the order given.

    `finished` is called with each cluster's result as soon as it is there.
    """
    if jobs <= 1 or len(paths) <= 1:
        results = []
        for path in paths:
            results.append(build_one(path, options))
            if finished:
                finished(results[-1])
        return results
    import multiprocessing
    from concurrent.futures import as_completed

    if multiprocessing.get_start_method() == "fork":
        warm_templates(options)
    ordered: list[BuildResult | None] = [None] * len(paths)
    with worker_pool(min(jobs, len(paths))) as pool:
        futures = {pool.submit(build_one, path, options): i for i, path in enumerate(paths)}
        for future in as_completed(futures):
            result = ordered[futures[future]] = outcome(future, paths[futures[future]])
            if finished:
                finished(result)
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
