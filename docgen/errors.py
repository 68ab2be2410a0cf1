"""Problems are values; exceptions are only for stopping a stage.

`Problem` is one thing wrong with an input, with its place. Stages collect problems
and hand them to the reporter; the CLI alone turns them into exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors stop a build, warnings do not (unless --strict)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem in one input file, with its place (1-based line and column)."""

    file: str
    line: int
    column: int
    severity: Severity
    message: str
    path: str = ""

    @property
    def is_error(self) -> bool:
        """Whether the problem is an error (not a warning)."""
        return self.severity is Severity.ERROR


class DocgenError(Exception):
    """Base of every error docgen expects and reports without a traceback."""

    exit_code = 1


class InputError(DocgenError):
    """The inputs have problems (exit 1); carries them."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class RenderError(DocgenError):
    """A template could not be rendered with a valid cluster (exit 1)."""


class UsageError(DocgenError):
    """Bad usage or environment: no such path, LibreOffice missing (exit 2)."""

    exit_code = 2


class ReferenceDataError(DocgenError):
    """Packaged or overriding reference data is missing or malformed (exit 2)."""

    exit_code = 2


class ContainmentError(UsageError):
    """A path docgen would write, read or delete is not a regular file inside its folder.

    Exit 2 when it is the output folder or the `-o` file; a build reports it against
    the one cluster whose folder it is (exit 1) and builds the others.
    """


def bug_message(exc: BaseException) -> str:
    """One line for an unexpected exception: what it was and where (a bug, exit 3)."""
    import traceback
    from pathlib import Path

    from docgen import __version__

    frames = traceback.extract_tb(exc.__traceback__)
    place = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return (f"internal error (a bug, please report it): {type(exc).__name__}: {exc}{place} "
            f"(docgen {__version__}; DOCGEN_TRACEBACK=1 shows the traceback)")
