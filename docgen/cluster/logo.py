"""The cluster's logo (`document.logo`): a picture file named by the cluster file, untrusted.

`check` refuses, at its line, a value that cannot name a picture in the cluster's
repository: an absolute path, a web address, a backslash, a suffix other than .png,
.jpg or .jpeg. Reading it (`read_logo`, by `check` and again when documents are
rendered) refuses anything
but a regular file inside the cluster repository (the nearest folder above the cluster
file holding `.git`, else the cluster file's own folder) after links are followed, of
at most `MAX_LOGO_BYTES`, whose first bytes are really a PNG or JPEG image of a sane size.
Each refusal is a `LogoError` naming the cluster file's line, so a build reports it
there too.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from docgen.cluster.values import ValuePath
from docgen.errors import RenderError, Severity
from docgen.files import FileTooLarge, NotRegularFile, read_regular
from docgen.refdata import ReferenceData

MAX_LOGO_BYTES = 1_000_000
MAX_PIXELS = 10_000
"""Per side: a header logo is a few hundred pixels wide."""
SUFFIXES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
LOGO_LINE = re.compile(rb"^[ \t]+logo[ \t]*:[ \t]*(?=\S)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Logo:
    """A checked picture: its bytes, kind ('png' or 'jpeg') and size in pixels."""

    data: bytes
    kind: str
    width: int
    height: int


class LogoError(RenderError):
    """The logo cannot be used: `reason` says why, `place` is its (line, column) in the
    cluster file; the message names `document.logo` too."""

    def __init__(self, reason: str, place: tuple[int, int]) -> None:
        super().__init__(f"document.logo: {reason}")
        self.reason, self.place = reason, place


def lexical_problem(value: str) -> str | None:
    """Why `value` cannot name a picture file inside the repository, judged by its text."""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value):
        return "is a web address; give the path of a picture file in the cluster repository"
    if "\\" in value:
        return "uses '\\'; write the path with '/', e.g. 'logos/cluster.png'"
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).drive or \
            value.startswith("~"):
        return "is an absolute path; give it relative to the cluster file, e.g. 'logos/cluster.png'"
    if PurePosixPath(value).suffix.lower() not in SUFFIXES:
        return "is not a .png, .jpg or .jpeg file"
    return None


def logo_named(data: dict[str, Any], reference: ReferenceData) -> Iterator[
        tuple[ValuePath, Severity, str]]:
    """`document.logo`, when given, names a picture file by a relative path."""
    value = data["document"].get("logo")
    problem = lexical_problem(value) if value else None
    if problem:
        yield (("document", "logo"), Severity.ERROR, f"'{value}' {problem}")


def repository_root(folder: Path) -> Path:
    """The nearest folder at or above `folder` that holds `.git`, else `folder` itself."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def logo_place(cluster_file: Path) -> tuple[int, int]:
    """Line and column of the `logo:` value in the cluster file (1, 1 if not found)."""
    try:
        text = read_regular(cluster_file, 2 * MAX_LOGO_BYTES)
    except (OSError, NotRegularFile, FileTooLarge):
        return 1, 1
    found = LOGO_LINE.search(text)
    if not found:
        return 1, 1
    return text.count(b"\n", 0, found.start()) + 1, found.end() - found.start() + 1


def picture_size(data: bytes) -> tuple[str, int, int] | None:
    """('png' or 'jpeg', width, height) from a picture's own header, or None."""
    if data.startswith(PNG_MAGIC) and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if not data.startswith(JPEG_MAGIC):
        return None
    at = 2
    while at + 9 <= len(data) and data[at] == 0xFF:
        marker, length = data[at + 1], struct.unpack(">H", data[at + 2:at + 4])[0]
        if marker in JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[at + 5:at + 9])
            return "jpeg", width, height
        at += 2 + length
    return None


def read_logo(cluster_file: Path, value: str) -> Logo:
    """The logo `value` names, relative to `cluster_file`, checked as untrusted input."""
    place = logo_place(cluster_file)
    problem = lexical_problem(value)
    if problem:
        raise LogoError(f"'{value}' {problem}", place)
    folder = cluster_file.resolve().parent
    try:
        target = (folder / value).resolve(strict=True)
    except (OSError, RuntimeError):
        raise LogoError(f"'{value}' does not exist (it is read relative to "
                        "the cluster file)", place) from None
    if not target.is_relative_to(repository_root(folder)):  # links followed
        raise LogoError(f"'{value}' is outside the cluster repository", place)
    try:
        data = read_regular(target, MAX_LOGO_BYTES)
    except NotRegularFile as exc:
        raise LogoError(f"'{value}' is {exc.kind}, not a picture file",
                        place) from None
    except FileTooLarge:
        raise LogoError(f"'{value}' is larger than {MAX_LOGO_BYTES:,} bytes",
                        place) from None
    except OSError as exc:
        raise LogoError(f"'{value}' cannot be read: {exc.strerror or exc}",
                        place) from None
    return checked_picture(value, data, place)


def checked_picture(value: str, data: bytes, place: tuple[int, int]) -> Logo:
    """The picture, if its bytes are the kind its name says and of a sane size."""
    found = picture_size(data)
    kind = SUFFIXES[PurePosixPath(value).suffix.lower()]
    if found is None or found[0] != kind:
        raise LogoError(f"'{value}' is not a {kind.upper()} image (its first "
                        "bytes say otherwise)", place)
    _, width, height = found
    if not (0 < width <= MAX_PIXELS and 0 < height <= MAX_PIXELS):
        raise LogoError(f"'{value}' is {width} × {height} pixels; a logo is "
                        f"at most {MAX_PIXELS:,} pixels a side", place)
    return Logo(data, kind, width, height)
