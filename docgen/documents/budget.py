"""A time and memory budget for work driven by untrusted input (rendering a template).

Jinja's sandbox stops a template from reaching Python's internals, not from looping for
ever (`{% for i in range(99999) %}{% for j in range(99999) %}`) or building a string of
gigabytes (`{{ 'x' * 10**10 }}`, `'{:>999999999}'.format(1)`). Counting such things one
by one is a losing game, so the operating system keeps the budget instead:
- time: an interval timer raises `BudgetExceeded` in the rendering thread;
- memory: the address-space limit is lowered to what the process uses now plus an
  allowance, so a runaway allocation fails with `MemoryError` instead of taking the
  machine; the old limit is restored afterwards (LibreOffice, started later by the
  same process, never inherits it).
Both need a POSIX main thread; elsewhere (a web server's worker thread) the budget is
not enforced here and the caller must run the work in a child process.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import RenderError

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]


class BudgetExceeded(RenderError):
    """The work ran past its time budget (exit 1)."""


def _address_space() -> int | None:
    """The process's virtual size in bytes (Linux), or None where it cannot be read."""
    try:
        pages = Path("/proc/self/statm").read_text(encoding="ascii").split()[0]
        return int(pages) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def _time_limit(seconds: float, what: str) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise BudgetExceeded(f"{what} took longer than {seconds:g} s and was stopped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_limit(allowance: int) -> Iterator[None]:
    used = _address_space()
    if resource is None or used is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + allowance
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft < limit:
        yield  # a tighter limit is already in force
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def bounded(seconds: float, memory: int, what: str) -> Iterator[None]:
    """Run the body within `seconds` and `memory` more bytes, where the OS allows it."""
    if threading.current_thread() is not threading.main_thread() or \
            not hasattr(signal, "setitimer"):
        yield
        return
    with _memory_limit(memory), _time_limit(seconds, what):
        yield
