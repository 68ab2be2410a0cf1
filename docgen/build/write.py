"""The only module that writes output files: atomically, or not at all.

Each file goes to a temporary file in the same folder, is flushed to disk and then
renamed over the target, so a reader (or a build killed part-way) sees the old
file or the new one, never half of one. Every target is checked first (`confine.py`):
inside its output folder with no link on the way, or, for the one file named by `-o`,
a regular file; a device, FIFO or link is never replaced.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from docgen.build.confine import inside, read_inside, writable_file
from docgen.errors import UsageError

TEMP_PREFIX = ".docgen-"


def write_atomic(target: Path, data: bytes, *, within: Path | None = None) -> None:
    """Write `data` to `target` by temp file + fsync + rename in the same folder.

    `within` is the output folder `target` must lie in (spelled from it); without it
    `target` is the single file named on the command line. Either way a link or special
    file is refused (`ContainmentError`). A folder that cannot be written (read-only,
    disk full) is an environment error (exit 2) naming the file, and no temporary file
    is left behind.
    """
    if within is None:
        writable_file(target)
    else:
        inside(target, within)
    try:
        _write_and_rename(target, data)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None


def _write_and_rename(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target.parent, target.name)  # left by a killed earlier write
    handle, temp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-{target.name}.",
                                         suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        Path(temp_name).chmod(kept_mode(target))
        Path(temp_name).replace(target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def kept_mode(target: Path) -> int:
    """The permissions of the file being replaced (a user's own file keeps its own), else 0644."""
    try:
        return stat.S_IMODE(target.lstat().st_mode) if target.is_file() else 0o644
    except OSError:
        return 0o644


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform allows a folder to be synced)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def unchanged(target: Path, data: bytes, within: Path) -> bool:
    """True when `target`, a regular file below `within`, already holds exactly `data`.

    Missing, a link or anything else is "changed": writing it will say what is wrong.
    """
    try:
        if target.lstat().st_size != len(data):
            return False
    except OSError:
        return False
    return read_inside(target, within) == data


STALE_AFTER_SECONDS = 600
"""A temp file lives for milliseconds; one this old is stale even if its pid was reused."""


def _owner_alive(temp: Path) -> bool:
    """Whether the process that made `temp` (its pid is in the name) may still be writing it."""
    try:
        pid = int(temp.name.removeprefix(TEMP_PREFIX).split("-", 1)[0])
        if time.time() - temp.lstat().st_mtime > STALE_AFTER_SECONDS:
            return False
    except (ValueError, FileNotFoundError):
        return False
    return process_alive(pid)


def process_alive(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie (a dead worker nobody reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, ValueError):
        return False
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed worker nobody has reaped yet still answers kill(pid, 0); it writes nothing."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def remove_stale_temporaries(folder: Path, target: str | None = None) -> None:
    """Delete temp files left in `folder` by a build that was killed (its process is gone).

    With `target`, only those of that file (`write_atomic` cleans up before each write,
    so a killed state, PDF or pack write is cleaned up too). Temp files of a build
    still running (a concurrent build) are left alone.
    """
    pattern = f"{TEMP_PREFIX}*-{glob.escape(target)}.*.tmp" if target else f"{TEMP_PREFIX}*.tmp"
    if folder.is_dir() and not folder.is_symlink():  # never clean a folder a link points to
        for stale in folder.glob(pattern):
            if not _owner_alive(stale):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
