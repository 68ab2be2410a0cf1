"""Cluster files as git holds them: `REV:path` versions and the files changed since a revision.

The only module that runs git. `check_version` checks a path or a `REV:path` (through
`check.py`); `build/since.py` asks which files changed since a revision. Paths are
taken relative to the current folder, as on the rest of the command line; git is
always run from the repository that holds the path, so
`docgen diff HEAD~1:clusters/a.yaml clusters/a.yaml` works from any folder. Every git
failure (no git, not a repository, unknown revision, no such file at that revision) is
a `UsageError` (exit 2) that quotes git's own message.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from docgen.cluster.check import CheckedFile, check_file, check_source
from docgen.cluster.load import check_size
from docgen.errors import UsageError
from docgen.files import display_name
from docgen.refdata import ReferenceData


def run_git(args: list[str], folder: Path) -> bytes:
    """git's standard output for `args`, run in `folder`; its message as a UsageError."""
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; it is needed for REV:path and --since") from None
    except NotADirectoryError:
        raise UsageError(f"not a folder: {folder}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]} failed in {folder}: {message[-1] if message else ''}")
    return done.stdout


def existing_folder(path: Path) -> Path:
    """The nearest folder at or above `path` that exists (a file may be gone from disk)."""
    folder = path.resolve()
    while not folder.is_dir():
        folder = folder.parent
    return folder


def toplevel(path: Path) -> Path:
    """The root of the git working tree that holds `path`."""
    out = run_git(["rev-parse", "--show-toplevel"], existing_folder(path))
    return Path(out.decode("utf-8").strip()).resolve()


def split_version(spec: str) -> tuple[str, Path] | None:
    """`(rev, path)` for a `REV:path` argument; None for a plain path on disk."""
    if Path(spec).exists() or ":" not in spec:
        return None
    rev, _, path = spec.partition(":")
    if not rev or not path:
        raise UsageError(f"'{spec}' is neither a file nor REV:path (e.g. HEAD~1:clusters/a.yaml)")
    return plain_revision(rev), Path(path)


def plain_revision(rev: str) -> str:
    """`rev`, refused if git could take it for an option (`--output=FILE` writes a file).

    Every call also passes `--end-of-options`; this gives the plain-words message.
    """
    if rev.startswith("-"):
        raise UsageError(f"'{rev}' is not a git revision (a revision cannot start with '-')")
    return rev


def read_at_revision(rev: str, path: Path, name: str) -> bytes:
    """The bytes of `path` (relative to the current folder) as committed at `rev`.

    The size is asked first, so a blob too large for a cluster file (shown as `name`)
    is refused without being read.
    """
    top = toplevel(path)
    inside = f"{plain_revision(rev)}:{path.resolve().relative_to(top).as_posix()}"
    kind = run_git(["cat-file", "-t", "--end-of-options", inside], top).decode().strip()
    if kind != "blob":
        raise UsageError(f"{rev}:{path} is a {kind} in git, not a cluster file")
    check_size(name, int(run_git(["cat-file", "-s", "--end-of-options", inside], top)))
    return run_git(["show", "--no-textconv", "--end-of-options", inside], top)


def by_repository(paths: list[Path]) -> dict[Path, list[str]]:
    """Paths grouped by the git working tree holding them, each relative to its root."""
    groups: dict[Path, list[str]] = {}
    for path in paths:
        top = toplevel(path)
        groups.setdefault(top, []).append(path.resolve().relative_to(top).as_posix() or ".")
    return groups


def verify_revision(rev: str, top: Path) -> None:
    """Refuse a revision the repository at `top` does not know, in plain words."""
    try:
        run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
                top)
    except UsageError:
        raise UsageError(f"unknown git revision '{rev}' in {top}") from None


def changed_since(rev: str, paths: list[Path]) -> set[Path]:
    """Files under `paths` that differ from `rev`: committed, staged, unstaged or untracked."""
    changed: set[Path] = set()
    for top, inside in by_repository(paths).items():
        verify_revision(plain_revision(rev), top)
        listed = run_git(["diff", "--name-only", "--no-renames", "-z", "--end-of-options", rev,
                          "--", *inside], top)
        listed += run_git(["ls-files", "--others", "--exclude-standard", "-z", "--", *inside],
                          top)
        changed |= {(top / name).resolve() for name in listed.decode("utf-8").split("\0") if name}
    return changed


def in_repository(path: Path) -> bool:
    """Whether `path` exists inside a git working tree (an installed package usually is not)."""
    if not path.exists():
        return False
    try:
        toplevel(path)
    except UsageError:
        return False
    return True


def check_version(spec: str, reference: ReferenceData) -> CheckedFile:
    """One version of a cluster file, a path or `REV:path`, checked (`check.py`)."""
    parsed = split_version(spec)
    if parsed is None:
        if not Path(spec).is_file():
            raise UsageError(f"no such file: {spec}")
        return check_file(Path(spec), reference)
    rev, path = parsed
    name = f"{rev}:{display_name(path)}"
    return check_source(path, name, lambda: read_at_revision(rev, path, name), reference)
