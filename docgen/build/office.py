"""Long-lived headless LibreOffice processes, supervised: a warm office per worker.

Starting LibreOffice costs ~1.3 s of CPU; converting one more document in a running
one ~0.2 s. So each `Office` keeps one running, started on first use: `soffice
--accept=pipe,…;urp;` with its own profile, driven over UNO by `office_bridge.py`
under the system Python that has `uno` (Debian's `python3-uno` does not load in
another interpreter). The bridge and soffice share one process group, which docgen
kills whole. Supervision, all on docgen's side:

- a hard time limit per document (and one for starting); on expiry the group is
  killed, its profile thrown away (it may be damaged), and the document retried once
  on a fresh office;
- an office that dies under a document (crash, kill), or fails it, is replaced and the
  document retried once (a document that fails twice is reported);
- after each document, an office whose processes hold more than `RSS_LIMIT` bytes is
  stopped; the next document starts a fresh one;
- the bridge kills its group when docgen's pipe closes or its parent changes, so no
  soffice outlives docgen, even when docgen is killed.

`office_pool.py` shares them out. Without a Python that has `uno` (`DOCGEN_UNO_PYTHON`
names one; empty means none), each document is converted by a one-shot
`soffice --convert-to`."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from docgen.build.office_process import find_soffice, group_rss, profile, stop, uno_python
from docgen.build.tempdirs import remove_stale_folders

STARTUP_SECONDS = 60.0
RSS_LIMIT = 1024 * 1024 * 1024
"""An office holding more than this after a document is replaced (LibreOffice idles ~250 MB)."""
MAX_OFFICES = 8
"""Offices at once, whatever -j says: each takes ~250 MB and a profile."""
GRACE_SECONDS = 2.0
MAX_REPLY_BYTES = 64 * 1024
_STARTED = itertools.count()


class OfficeError(Exception):
    """A document could not be converted; the message says why, in words."""


class OfficeDied(Exception):
    """The office went away (crashed, killed, hung, never started): worth one retry."""

    def __init__(self, reason: str, *, hung: bool = False) -> None:
        super().__init__(reason)
        self.hung = hung


class Office:
    """One supervised LibreOffice, started on first use; converts one document at a time."""

    def __init__(self, index: int = 0, *, rss_limit: int = RSS_LIMIT,
                 startup_seconds: float = STARTUP_SECONDS) -> None:
        self.index, self.rss_limit, self.startup_seconds = index, rss_limit, startup_seconds
        self.program = find_soffice()
        self.starts, self.seconds = 0, 0.0
        """Offices started, and LibreOffice's own time for the last document (for bench)."""
        self.process: subprocess.Popen[bytes] | None = None
        self.profile: Path | None = None
        self.owner = os.getpid()
        self.closed = False
        self._held = contextlib.ExitStack()
        self._lock = threading.Lock()
        self._pending = b""
        self._ready = False

    @property
    def group(self) -> int | None:
        """The process group of the running office (bridge and soffice), or None."""
        return self.process.pid if self.process and self.process.poll() is None else None

    def convert(self, docx: Path, pdf_dir: Path, timeout: float) -> Path:
        """`pdf_dir/<docx stem>.pdf` made from `docx`; OfficeError when it cannot be."""
        target = pdf_dir / f"{docx.stem}.pdf"
        with self._lock:
            for attempt in (1, 2):
                if self.closed:
                    raise OfficeError("LibreOffice was stopped (docgen is ending)")
                try:
                    self._convert(docx, target, timeout)
                except (OfficeDied, OfficeError) as exc:  # once more, on a fresh office
                    self.stop(damaged=getattr(exc, "hung", False))
                    if attempt == 2:
                        raise OfficeError(str(exc)) from None
                    continue
                if self.group is not None and group_rss(self.group) > self.rss_limit:
                    self.stop()
                return target
        raise AssertionError("unreachable")

    def _convert(self, docx: Path, target: Path, timeout: float) -> None:
        python = uno_python()
        if python is None:
            from docgen.build.office_batch import convert_one

            failure = convert_one(self.program, docx, target, self._profile(), timeout)
            if failure:
                raise OfficeError(failure)
            return
        if self.group is None:
            self._spawn(python)
        if not self._ready:
            self._await_ready()
        self._send({"docx": str(docx), "pdf": str(target)})
        answer = self._receive(timeout, f"LibreOffice did not finish within {timeout:.0f} s")
        if "error" in answer:
            if answer.get("dead"):
                raise OfficeDied(f"LibreOffice stopped while converting: {answer['error']}")
            raise OfficeError(f"LibreOffice could not convert it ({answer['error']})")
        if not target.is_file() or target.stat().st_size == 0:
            raise OfficeError("LibreOffice produced no PDF (the file could not be loaded)")
        self.seconds = float(answer.get("seconds", 0.0))

    def start(self, *, wait: bool = True) -> None:
        """Start the office now, if it is not running; without `wait`, `convert` waits
        for it to be ready (meanwhile the caller renders). A failure waits for `convert`."""
        python = uno_python()
        with self._lock:
            if python and self.group is None and not self.closed:
                try:
                    self._spawn(python)
                    if wait:
                        self._await_ready()
                except OfficeDied:
                    self.stop(damaged=True)

    def _profile(self) -> Path:
        """This office's profile, held (locked) until `close`; kept between runs."""
        if self.profile is None:
            remove_stale_folders("office")
            work = Path(tempfile.mkdtemp(prefix=f"docgen-office-{os.getpid()}-"))
            self._held.callback(shutil.rmtree, work, ignore_errors=True)
            self.profile = self._held.enter_context(profile(work))
        return self.profile

    def _spawn(self, python: str) -> None:
        """Start the bridge (which starts LibreOffice); `_await_ready` hears it is up."""
        self.stop()
        bridge = Path(__file__).with_name("office_bridge.py")
        pipe = f"docgen-{os.getpid()}-{self.index}-{next(_STARTED)}"  # unique in the process
        self.starts += 1
        self.process = subprocess.Popen(
            [python, str(bridge), self.program, self._profile().as_uri(), pipe,
             str(self.startup_seconds)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, start_new_session=True, bufsize=0)
        self._ready = False

    def _await_ready(self) -> None:
        self._receive(self.startup_seconds,
                      f"LibreOffice did not start within {self.startup_seconds:.0f} s",
                      hung=False)
        self._ready = True

    def _send(self, message: dict[str, Any]) -> None:
        assert self.process and self.process.stdin
        try:
            self.process.stdin.write((json.dumps(message) + "\n").encode())
        except OSError:
            raise OfficeDied("LibreOffice stopped before the document was sent") from None

    def _receive(self, seconds: float, late: str, *, hung: bool = True) -> dict[str, Any]:
        """The bridge's next answer; OfficeDied when it ends or is late."""
        assert self.process and self.process.stdout
        deadline = time.monotonic() + seconds
        while b"\n" not in self._pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.process.stdout], [], [], left)[0]:
                raise OfficeDied(late, hung=hung)
            chunk = os.read(self.process.stdout.fileno(), MAX_REPLY_BYTES)
            if not chunk:
                raise OfficeDied("LibreOffice stopped unexpectedly")
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        answer = json.loads(line)
        if not isinstance(answer, dict):
            raise OfficeDied("the LibreOffice bridge answered nonsense")
        if answer.get("dead"):
            raise OfficeDied(str(answer.get("error", "LibreOffice stopped")))
        return answer

    def stop(self, *, damaged: bool = False) -> None:
        """End the office (politely first unless `damaged`); a damaged profile is removed.

        One still starting (never used) is killed at once, its profile with it: waiting
        for it to come up only to end it would hold up a build whose clusters all failed.
        """
        damaged = damaged or not self._ready
        process, self.process, self._pending, self._ready = self.process, None, b"", False
        if process is None or os.getpid() != self.owner:
            return
        if not damaged and process.poll() is None and process.stdin:
            with contextlib.suppress(OSError):
                process.stdin.close()  # the bridge ends LibreOffice and its group
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=GRACE_SECONDS)
        stop(process)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        if damaged and self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)

    def hang_up(self) -> None:
        """Ask an idle office to end (its bridge ends LibreOffice), without waiting."""
        if self._lock.acquire(blocking=False):
            with contextlib.suppress(OSError):
                if self.process and self.process.stdin and os.getpid() == self.owner:
                    self.process.stdin.close()
            self._lock.release()

    def close(self) -> None:
        """Stop the office for good and give its profile back.

        If a thread is converting on it just now, its processes are killed instead: that
        conversion fails at once (and is not retried) rather than being waited for.
        """
        self.closed = True
        if self._lock.acquire(blocking=False):
            try:
                self.stop()
                if os.getpid() == self.owner:
                    self._held.close()
                    self.profile = None
            finally:
                self._lock.release()
        elif (process := self.process) is not None and os.getpid() == self.owner:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
