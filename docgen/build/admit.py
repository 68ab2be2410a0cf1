"""Which cluster files a build may take: one output folder each, with a usable name.

Decided before anything is built, from the file names alone, so the answer never
depends on which worker finishes first.
"""

from __future__ import annotations

from pathlib import Path

from docgen.build.confine import stem_key, stem_problem
from docgen.build.results import BuildResult
from docgen.errors import Problem, Severity
from docgen.files import display_name


def admit(paths: list[Path], out_dir: Path) -> tuple[list[Path], dict[Path, BuildResult]]:
    """The cluster files to build (each once), and the refused ones as failed results.

    A file whose stem cannot name a folder is refused; so is every file of a group
    that would share one folder (`a/x.yaml` and `b/x.yaml`, `x.yaml` and `x.yml`,
    `X.yaml` and `x.yaml` on a case-blind disk), naming the others: never a silent
    overwrite, whatever order the workers finish in.
    """
    unique = list({(path.parent.resolve(), path.name): path for path in paths}.values())
    groups: dict[str, list[Path]] = {}
    for path in unique:
        groups.setdefault(stem_key(path.stem), []).append(path)
    refused = {}
    for path in unique:
        reason = stem_problem(path.stem)
        others = [other for other in groups[stem_key(path.stem)] if other != path]
        if reason:
            refused[path] = refusal(path, f"its name {reason}; rename the file")
        elif others:
            refused[path] = refusal(path, f"it and {', '.join(map(display_name, others))} would "
                                    f"{'both' if len(others) == 1 else 'all'} build into "
                                    f"{out_dir / path.stem}; rename one, or build them "
                                    "into different folders")
    return unique, refused


def refusal(path: Path, why: str) -> BuildResult:
    """The result of a cluster file refused before building."""
    name = display_name(path)
    return BuildResult(problems=[Problem(name, 1, 1, Severity.ERROR, f"not built: {why}")],
                       failed=[name])
