"""Reading a file docgen did not write: a regular file only, through a byte cap, never blocking.

Cluster files, templates and any `.docx` handed to `docgen text` are untrusted: a
FIFO would block for ever, a device never end, and a size given by `stat` may be
stale. `read_regular` is the one reader for them; each caller words its refusals
for its own users (`cluster/load.py`, `documents/docxsafe.py`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed `docgen` folder: reference data, the starter file and, in a wheel, templates."""
STARTER_FILE = PACKAGE_DIR / "starter.yaml"
"""docgen's commented, valid starter cluster file (`docgen new`, and lint's sample)."""

SPECIAL_FILES = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a named pipe (FIFO)",
                 stat.S_IFCHR: "a device", stat.S_IFBLK: "a device", stat.S_IFSOCK: "a socket"}
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class NotRegularFile(Exception):
    """The path is a folder, FIFO, device or socket (`kind` says which, in words)."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class FileTooLarge(Exception):
    """The file holds more than the limit: `size` in bytes, or None when counted past it."""

    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size


def refuse_special(mode: int) -> None:
    """Refuse anything but a regular file, naming what it is."""
    if not stat.S_ISREG(mode):
        raise NotRegularFile(SPECIAL_FILES.get(stat.S_IFMT(mode), "not a regular file"))


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path`, if it is a regular file of at most `limit` bytes.

    The kind is checked before opening (so a device is never opened) and again on the
    open descriptor (in case the path was swapped between the two); opening does not
    block (a FIFO would wait for a writer for ever); the bytes are counted as they are
    read, as the size `stat` gave may be stale. Raises `NotRegularFile`, `FileTooLarge`
    or `OSError` (gone, no permission, a loop of links, an I/O error).
    """
    refuse_special(path.stat().st_mode)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        found = os.fstat(fd)
        refuse_special(found.st_mode)
        if found.st_size > limit:  # the usual case, with the size to show
            raise FileTooLarge(found.st_size)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 1 << 16):
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(None)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def display_name(path: Path) -> str:
    """The path as a user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the folder, or a loop of links
        return str(path)
