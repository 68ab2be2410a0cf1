"""Where rendering runs: a worker thread, or a child process for untrusted templates.

The packaged templates are docgen's own; they render in a worker thread of the
server, sharing its compiled templates and reference data. Templates from a folder
given with `--templates` are untrusted input, and the time and memory budget that
stops a hostile one (`documents/budget.py`) works only in a process's main thread,
so they render in one long-lived child process (started on first use, templates
compiled there once); a child that dies (out of memory) is replaced on the next call.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from docgen.errors import RenderError

T = TypeVar("T")


class Runner:
    """Runs a picklable function in a thread, or (with `templates_dir`) in the child."""

    def __init__(self, templates_dir: Path | None) -> None:
        self.templates_dir = templates_dir
        self.pool: ProcessPoolExecutor | None = None

    async def run(self, function: Callable[..., T], *args: object) -> T:
        """`function(*args)` in a worker thread, or (with `templates_dir`) in the child process."""
        if self.templates_dir is None:
            return await run_in_threadpool(function, *args)
        if self.pool is None:
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        try:
            return await asyncio.get_running_loop().run_in_executor(self.pool, function, *args)
        except BrokenProcessPool:
            self.close()
            raise RenderError("the process rendering the templates stopped (it ran out of "
                              "memory or was killed); try again") from None

    def close(self) -> None:
        """Stop the child process, if there is one."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
