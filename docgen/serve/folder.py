"""The served folder's cluster files: the only way from a URL to a file.

A `<stem>` in a URL is a key of `cluster_files(folder)`, a listing made for each
request (files come and go with `git pull`); nothing from the URL is ever joined to a
path. Listed are the regular files (never a link) named `*.yaml` or `*.yml` whose name
`docgen build` would take (`build/admit.py`'s rules: a stem that can name a folder,
and no other file sharing it).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from docgen.build.confine import inside, stem_key, stem_problem
from docgen.cluster.check import CLUSTER_SUFFIXES
from docgen.cluster.load import read_bytes
from docgen.errors import ContainmentError


class Gone(LookupError):
    """The cluster file is not (or no longer) in the folder: 404."""


def cluster_files(folder: Path) -> dict[str, Path]:
    """Stem → path of every cluster file in `folder` as it is now (see the module)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return {}
    groups: dict[str, list[Path]] = {}
    for entry in entries:
        path = folder / entry.name
        if path.suffix in CLUSTER_SUFFIXES and entry.is_file(follow_symlinks=False) \
                and stem_problem(path.stem) is None:
            groups.setdefault(stem_key(path.stem), []).append(path)
    return {paths[0].stem: paths[0] for paths in groups.values() if len(paths) == 1}


def find(folder: Path, stem: str) -> Path:
    """The cluster file `stem` names, or `Gone`."""
    path = cluster_files(folder).get(stem)
    if path is None:
        raise Gone(stem)
    return path


def source_bytes(folder: Path, path: Path) -> bytes:
    """The file's bytes, read as `docgen check` reads them (a regular file, at most 1 MB).

    `Gone` if it is no longer a regular file inside `folder`; `InputError` (with the
    problem `docgen check` would report) if it cannot be read or is too large.
    """
    try:
        inside(path, folder)
    except ContainmentError:
        raise Gone(path.stem) from None
    if not path.exists():
        raise Gone(path.stem)
    return read_bytes(path, path.name)


def etag(data: bytes) -> str:
    """The entity tag of a file's bytes: `"<sha256>"`."""
    return f'"{hashlib.sha256(data).hexdigest()}"'


def matches(if_match: str, current: str) -> bool:
    """Whether an `If-Match` header (one tag, a list, or `*`) names the current tag.

    Strong comparison (RFC 9110): a weak tag `W/"…"` never matches.
    """
    return any(tag.strip() in ("*", current) for tag in if_match.split(","))
