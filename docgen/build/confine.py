"""Stays in its folder: the rules every path docgen writes, reads back or deletes obeys.

- A cluster's output folder is `OUTPUT/<stem>`, so the stem must be a plain, portable
  folder name: not empty, not starting with a dot (`.`, `..`, hidden names, the state
  file), no path separators, control, format or line-separator characters, nothing
  Windows reserves (`CON`, `nul.txt`, `a:b`), at most `MAX_STEM_BYTES`.
- The output folder itself must be a real folder. A symbolic link as its last component
  is refused (exit 2): a cluster repository could commit `output -> ~/.ssh`, and CI runs
  `docgen build`. To write where a link points, name the real folder with `-o`. Links
  higher up the path (`/tmp` on macOS) are the user's own setup and are followed.
- Below the output folder nothing is followed: a link, FIFO or device where docgen
  expects its own folder or file is refused, never written through, read or replaced.
- The one file named by `-o` (`schema -o`, `diff --notice`) must be a regular file or
  not exist yet: a device, FIFO, link or folder there is refused, never replaced.

Paths are checked where they are used (`write.py`, `state.py`, `pdf.py`), so a path that
came from somewhere untrusted (a state file) cannot get past.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from docgen.errors import ContainmentError

MAX_STEM_BYTES = 200
"""Leaves room for `-application-pack.zip` and temp-file affixes in a 255-byte name."""
RESERVED = re.compile(r"(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?", re.IGNORECASE)
NOT_PORTABLE = set('/\\<>:"|?*')
REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


def stem_problem(stem: str) -> str | None:
    """Why `stem` cannot name an output folder, or None when it can."""
    if not stem.strip():
        return "has no name before its .yaml suffix"
    if stem.startswith("."):
        return "starts with '.', and names such as '.', '..' or hidden ones cannot name a folder"
    odd = [c for c in stem if c in NOT_PORTABLE or unicodedata.category(c) in REFUSED_CATEGORIES]
    if odd:
        return f"contains {ascii(odd[0])}, which cannot be part of a portable folder name"
    if stem != stem.strip() or stem.endswith("."):
        return "starts or ends with a space or ends with '.', which Windows drops from names"
    if RESERVED.fullmatch(stem):
        return f"'{stem}' is a device name Windows reserves"
    if len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        return f"is longer than {MAX_STEM_BYTES} bytes"
    return None


def stem_key(stem: str) -> str:
    """What two stems share when they would name one folder (on any file system)."""
    return unicodedata.normalize("NFC", stem).casefold()


def kind_of(path: Path) -> str | None:
    """What is at `path` when it is not a regular file or folder (never following links)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"unusable ({exc.strerror or exc})"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else \
        "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "special"


def output_root(folder: Path) -> Path:
    """`folder`, checked as an output folder: missing, or a real folder (not a link)."""
    kind = kind_of(folder)
    if kind == "a symbolic link":
        raise ContainmentError(
            f"output folder {folder} is a symbolic link (to {folder.readlink()}); docgen "
            "does not write through links: name the real folder with -o")
    if kind or (folder.exists() and not folder.is_dir()):
        raise ContainmentError(f"output folder {folder} is {kind or 'a file'}, not a folder")
    return folder


def inside(path: Path, root: Path) -> Path:
    """`path`, checked to lie below `root` with no link or special file on the way.

    `path` must be spelled from `root` (`root / stem / name`); its final component
    may be missing or a regular file, every one before it missing or a real folder.
    """
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        raise ContainmentError(f"{path} is outside the output folder {root}") from None
    if not parts or any(part in ("", ".", "..") for part in parts):
        raise ContainmentError(f"{path} does not name a file inside {root}")
    output_root(root)
    step = root
    for part in parts:
        step = step / part
        kind = kind_of(step)
        if kind is None and step != path and step.exists() and not step.is_dir():
            kind = "a file"
        if kind:
            raise ContainmentError(f"{step} is {kind}; docgen writes only its own files "
                                   f"inside {root}, never through or over anything else")
    return path


def writable_file(path: Path) -> Path:
    """`path` as the one file named by `-o`: missing or a regular file, never replaced else."""
    kind = kind_of(path)
    if kind or path.is_dir():
        raise ContainmentError(f"{path} is {kind or 'a folder'}; docgen writes only a regular "
                               "file there and will not replace it")
    return path


def read_inside(path: Path, root: Path) -> bytes | None:
    """The bytes of a regular file docgen wrote below `root`; None if it is not one.

    Opened without following links and without blocking on a FIFO, then checked to
    be a regular file: a link planted in the output folder is never read through.
    """
    try:
        inside(path, root)
    except ContainmentError:
        return None
    return read_regular_only(path)


def read_regular_only(path: Path | str, directory: int | None = None) -> bytes | None:
    """The bytes of `path` (in the open folder `directory`, if given) if it is a regular
    file: opened without following a link or blocking on a FIFO, then checked."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                             | getattr(os, "O_NONBLOCK", 0), dir_fd=directory)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read()


def read_folder(folder: Path, names: list[str], root: Path) -> dict[str, bytes | None]:
    """The bytes of each regular file `names` in `folder` (below `root`); None for any
    that is missing or not one.

    The folder is checked and opened once, without following a link; each file is then
    opened through it (`openat`), without following links or blocking on a FIFO: a
    folder swapped for a link after the check is never read through. Without `dir_fd`
    support, each file is read as `read_inside` reads it.
    """
    if os.open not in os.supports_dir_fd or not hasattr(os, "O_DIRECTORY"):
        return {name: read_inside(folder / name, root) for name in names}
    try:
        inside(folder, root)
        directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except (ContainmentError, OSError):
        return dict.fromkeys(names)
    try:
        return {name: read_at(directory, name) for name in names}
    finally:
        os.close(directory)


def read_at(directory: int, name: str) -> bytes | None:
    """A regular file `name` (a plain name) of the open folder `directory`, or None."""
    if not name or "/" in name or name in (".", ".."):
        return None
    return read_regular_only(name, directory)

