"""The only module that writes output files: atomically, or not at all.

Each file goes to a temporary file in the same folder, is flushed to disk and then
renamed over the target, so a reader (or a build killed part-way) sees the old
file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

TEMP_PREFIX = ".docgen-"


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` by temp file + fsync + rename in the same folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp",
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def unchanged(target: Path, data: bytes) -> bool:
    """True when `target` already holds exactly `data`."""
    try:
        return target.stat().st_size == len(data) and target.read_bytes() == data
    except FileNotFoundError:
        return False


def _owner_alive(temp: Path) -> bool:
    """Whether the process that made `temp` (its pid is in the name) still runs."""
    try:
        pid = int(temp.name.removeprefix(TEMP_PREFIX).split("-", 1)[0])
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temp files left in `folder` by a build that was killed (its process is gone).

    Temp files of a build still running (a concurrent build) are left alone.
    """
    if folder.is_dir():
        for stale in folder.glob(f"{TEMP_PREFIX}*.tmp"):
            if not _owner_alive(stale):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
