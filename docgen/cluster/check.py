"""One cluster file checked: read → load → validate → model, the one path every command takes.

The bytes come from disk (`check_file`) or from git (`gitrev.check_version`); what
follows is the same for both. The model is made only when there is no error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import InputError, Problem, Severity, UsageError
from docgen.files import display_name

if TYPE_CHECKING:
    from docgen.cluster.model import Cluster
    from docgen.refdata import ReferenceData

# Loading (PyYAML) and validation (Cerberus) are imported where they are used: a
# rebuild with nothing to do never pays for them.

CLUSTER_SUFFIXES = (".yaml", ".yml")


@dataclass
class CheckedFile:
    """One cluster file checked: its problems and, if valid, its model."""

    path: Path
    name: str
    problems: list[Problem]
    cluster: Cluster | None = None
    values: dict[str, Any] = field(default_factory=dict)
    """The values read, typed by the schema, errors or not (empty if the file did not load):
    enough to name a broken cluster (`docgen serve`'s list)."""

    @property
    def ok(self) -> bool:
        """Whether the file is valid, so has a model."""
        return self.cluster is not None


def check_source(path: Path, name: str, read: Callable[[], bytes],
                 reference: ReferenceData) -> CheckedFile:
    """Load, validate and model the bytes `read` gives for the cluster file `name`."""
    from docgen.cluster.assemble import from_data
    from docgen.cluster.load import load_bytes
    from docgen.cluster.validate import validate

    try:
        parsed, problems = validate(load_bytes(read(), name), reference)
    except InputError as exc:
        return CheckedFile(path, name, exc.problems)
    cluster = None if any(p.is_error for p in problems) else from_data(parsed.data)
    return CheckedFile(path, name, problems, cluster, parsed.data)


def check_file(path: Path, reference: ReferenceData) -> CheckedFile:
    """One cluster file on disk, checked, with the logo it names (a file beside it)."""
    from docgen.cluster.load import read_bytes

    name = display_name(path)
    return logo_checked(check_source(path, name, lambda: read_bytes(path, name), reference))


def logo_checked(checked: CheckedFile) -> CheckedFile:
    """`checked`, with the logo its cluster names (beside its file) read and checked too:
    a logo that cannot be used is an error at its line, and the cluster is not made."""
    logo = checked.cluster.document_control.logo if checked.cluster else None
    if logo:
        from docgen.cluster.logo import LogoError, read_logo

        try:
            read_logo(checked.path, logo)
        except LogoError as exc:
            checked.problems.append(Problem(checked.name, *exc.place, Severity.ERROR,
                                            exc.reason, "document.logo"))
            checked.cluster = None
    return checked


def discover(paths: list[Path]) -> list[Path]:
    """Cluster files named directly or found (not recursively) in the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in CLUSTER_SUFFIXES)
        elif path.is_file() or path.exists() or path.is_symlink():
            found.append(path)  # a special file or broken link: load.py says what it is
        else:
            raise UsageError(f"no such file or folder: {path}")
    return found
