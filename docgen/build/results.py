"""What a build is asked to do, and what it did: values passed between its stages.

`BuildOptions` goes to every worker process; each cluster's `BuildResult` comes back
and the results are merged, in the order the clusters were given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docgen.documents.catalogue import DocumentSpec
from docgen.errors import Problem

Progress = Callable[[int, int], None]
"""Called with (clusters done, clusters in all) as the build goes."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What every cluster of one build shares: where to write, which documents, templates."""

    out_dir: Path
    documents: tuple[DocumentSpec, ...]
    check_only: bool = False
    templates_dir: Path | None = None


@dataclass
class BuildResult:
    """What a build did: problems found, files written, left alone, or that would change."""

    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    would_change: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    pdf_failed: list[Path] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)
    """Clusters that hit a bug in docgen (also in `failed`): the build exits 3."""
    summaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    """What the region summary shows of each cluster checked or replayed, by file stem
    (`summary_record.py`)."""

    def merge(self, part: BuildResult) -> None:
        """Add one cluster's result to the whole build's."""
        self.problems += part.problems
        self.written += part.written
        self.unchanged += part.unchanged
        self.would_change += part.would_change
        self.failed += part.failed
        self.crashed += part.crashed
        self.summaries |= part.summaries
