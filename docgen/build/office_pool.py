"""The process's pool of warm offices (`office.py`), shared by threads and stopped at exit.

`build/pdf.py` converts its batches through it, `docgen serve` its previews; a build
that will make PDFs starts the offices before it renders (`prestart`), so LibreOffice
starts while the documents are made. A forked worker process has no offices of its
own: the parent's are the parent's to stop.
"""

from __future__ import annotations

import atexit
import os
import queue
import threading
from pathlib import Path
from typing import Any

from docgen.build.office import MAX_OFFICES, Office


class OfficePool:
    """Up to `size` offices shared by threads: each call takes an idle one (warm first)."""

    def __init__(self, size: int = 1, **options: Any) -> None:
        self.options = options
        self.offices: list[Office] = []
        self.idle: queue.LifoQueue[Office] = queue.LifoQueue()
        self.resize(size)

    def resize(self, size: int) -> None:
        """At least `size` offices (at most MAX_OFFICES); none is started yet."""
        while len(self.offices) < min(max(size, 1), MAX_OFFICES):
            office = Office(len(self.offices), **self.options)
            self.offices.append(office)
            self.idle.put(office)

    def convert(self, docx: Path, pdf_dir: Path, timeout: float) -> Path:
        """`Office.convert` on whichever office is free (waiting for one if none is)."""
        office = self.idle.get()
        try:
            return office.convert(docx, pdf_dir, timeout)
        finally:
            self.idle.put(office)

    @property
    def starts(self) -> int:
        """Offices started so far, restarts included (for tests and the benchmark)."""
        return sum(office.starts for office in self.offices)

    def close(self) -> None:
        """Stop every office: all asked at once, then each waited for (and killed if late)."""
        for office in self.offices:
            office.hang_up()
        for office in self.offices:
            office.close()


_pool: OfficePool | None = None
_pool_lock = threading.Lock()


def office_pool(size: int = 1) -> OfficePool:
    """This process's pool of offices, grown to `size`; closed when the process exits."""
    global _pool
    with _pool_lock:
        _pool = _pool or OfficePool(size)
        _pool.resize(size)
        return _pool


def prestart(size: int) -> None:
    """Start `size` offices of the pool now, without waiting for them: a build calls it
    before rendering documents it will convert (a worker process forked meanwhile
    holds the offices' pipes only until it ends)."""
    from docgen.build.office_process import uno_python

    if uno_python() is not None:
        for office in office_pool(size).offices[:size]:
            office.start(wait=False)


def close_pool() -> None:
    """Stop every office of the pool (at exit, and in tests)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.close()


def _forget_pool() -> None:
    """A forked child has no offices of its own; the parent's are the parent's to stop."""
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


atexit.register(close_pool)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool)
