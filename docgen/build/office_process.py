"""LibreOffice as processes: finding it, a profile per process, and its process group.

Each running soffice gets its own user profile (`-env:UserInstallation`): two sharing
one fail silently. Profiles are kept in the temp folder between runs (a fresh one
costs ~0.3 s) and locked while in use; when every kept profile is busy a fresh one is
made, so they never run out. soffice is always started in a process group of its own
(it starts `oosplash`, which starts `soffice.bin`), so one kill of the group ends all
of it, and the group's memory is what is measured.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import UsageError

KEPT_PROFILES = 64
REAP_SECONDS = 5.0
"""After the kill, how long to wait for the process itself to be reaped."""
CANDIDATES = ("soffice", "libreoffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice")
MISSING = ("LibreOffice is needed for PDF output but 'soffice' was not found on PATH; install "
           "it (e.g. apt-get install libreoffice-writer-nogui) or leave out --pdf")
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python",
               "/Applications/LibreOffice.app/Contents/Resources/python")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@functools.cache
def uno_python() -> str | None:
    """A Python that can `import uno` (the system one on Debian), or None.

    `DOCGEN_UNO_PYTHON` names the one to use; set empty, it means none (one-shot soffice).
    """
    chosen = os.environ.get("DOCGEN_UNO_PYTHON")
    for candidate in (chosen,) if chosen is not None else UNO_PYTHONS:
        if candidate and shutil.which(candidate):
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                if subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                  timeout=20, check=False).returncode == 0:
                    return candidate
    return None


def find_soffice() -> str:
    """The LibreOffice program to run; UsageError (exit 2) when there is none."""
    for candidate in CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise UsageError(MISSING)


@contextlib.contextmanager
def profile(work: Path) -> Iterator[Path]:
    """A LibreOffice user profile no other running soffice uses, reused between runs.

    When all `KEPT_PROFILES` are in use (or on Windows) it is a fresh one in `work`.
    """
    try:
        import fcntl
    except ImportError:
        yield work / "profile"
        return
    root = Path(tempfile.gettempdir()) / f"docgen-soffice-{os.getuid()}"
    with contextlib.suppress(OSError):
        root.mkdir(mode=0o700, exist_ok=True)
    for index in range(KEPT_PROFILES if root.is_dir() and not root.is_symlink() else 0):
        with contextlib.ExitStack() as stack:
            try:
                lock = stack.enter_context((root / f"{index}.lock").open("w"))
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue
            yield root / f"profile-{index}"
            return
    yield work / "profile"


def stop(process: subprocess.Popen[bytes]) -> None:
    """Kill a process and its whole process group; reap it, but never wait long."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=REAP_SECONDS)


def group_members(group: int) -> list[int]:
    """The processes of process group `group` (Linux; empty where /proc is missing)."""
    members = []
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _stat_fields(entry.name)
        if len(fields) > 2 and fields[2] == str(group):
            members.append(int(entry.name))
    return sorted(members)


def group_rss(group: int) -> int:
    """Resident memory of every process in `group`, in bytes (0 where unknown)."""
    total = 0
    for pid in group_members(group):
        fields = _stat_fields(str(pid))
        if len(fields) > 21 and fields[21].isdigit():
            total += int(fields[21]) * PAGE_BYTES
    return total


def _stat_fields(pid: str) -> list[str]:
    """`/proc/PID/stat` after the command name: state, ppid, pgrp, … (rss is 21)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return text.rpartition(")")[2].split()
