"""docgen's own folders in the system temp folder: named for their process, never left behind.

`docgen-pack-<pid>-*` (documents staged for packs) and `docgen-pdf-<pid>-*` (LibreOffice
input and output) are removed when their work ends. A run that was killed cannot remove
its own, so each run first removes those whose process is gone: only real folders (never
a link), owned by this user, named like docgen's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docgen.build.write import process_alive


@contextlib.contextmanager
def temp_folder(kind: str) -> Iterator[Path]:
    """A fresh private folder `docgen-<kind>-<pid>-…` for the duration of the block."""
    remove_stale_folders(kind)
    with tempfile.TemporaryDirectory(prefix=f"docgen-{kind}-{os.getpid()}-") as folder:
        yield Path(folder)


def remove_stale_folders(kind: str, root: Path | None = None) -> list[Path]:
    """Remove the `docgen-<kind>-<pid>-*` folders of processes that are gone; those removed."""
    removed = []
    for folder in (root or Path(tempfile.gettempdir())).glob(f"docgen-{kind}-*-*"):
        if _stale(folder, kind):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _stale(folder: Path, kind: str) -> bool:
    """A docgen temp folder of this user whose process no longer runs."""
    try:
        pid = int(folder.name.removeprefix(f"docgen-{kind}-").split("-", 1)[0])
        found = folder.lstat()
    except (ValueError, OSError):
        return False
    mine = not hasattr(os, "getuid") or found.st_uid == os.getuid()
    return stat.S_ISDIR(found.st_mode) and mine and not process_alive(pid)
