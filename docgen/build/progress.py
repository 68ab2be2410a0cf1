"""Progress of a long build, PDF batch or pack, in clusters: done, failed and left.

The build reports a `Stage` (a label and its counts) each time a cluster finishes a
stage; what is made of it (a bar on a terminal, nothing in CI) is the caller's. Counts
may come from worker threads, so each tally takes a lock.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Stage:
    """How far one stage is: `done` of `total` clusters, `failed` of them failed."""

    label: str
    total: int
    done: int = 0
    failed: int = 0

    @property
    def left(self) -> int:
        """Clusters not yet through the stage."""
        return self.total - self.done


Progress = Callable[[Stage], None]


class Tally:
    """Counts one stage's clusters and reports the start (if any is left) and each one."""

    def __init__(self, label: str, total: int, report: Progress | None, done: int = 0) -> None:
        self.stage = Stage(label, total, done)
        self.report = report
        self.lock = threading.Lock()
        if report and done < total:  # a stage with nothing to do shows nothing
            report(self.stage)

    def add(self, failed: bool = False) -> None:
        """One more cluster through this stage (failed or not)."""
        with self.lock:
            stage = self.stage
            self.stage = Stage(stage.label, stage.total, stage.done + 1,
                               stage.failed + failed)
            if self.report:
                self.report(self.stage)


class DocumentTally(Tally):
    """A stage that works document by document but counts clusters: a cluster (its
    folder) is done when its last document is, and failed if any of them failed."""

    def __init__(self, label: str, documents: Iterable[Path], report: Progress | None) -> None:
        self.waiting = Counter(path.parent for path in documents)
        self.broken: set[Path] = set()
        super().__init__(label, len(self.waiting), report)

    def document(self, path: Path, failed: bool) -> None:
        """One more document through (failed or not); its cluster counts when its last one is."""
        with self.lock:
            self.waiting[path.parent] -= 1
            if failed:
                self.broken.add(path.parent)
            finished = self.waiting[path.parent] == 0
        if finished:
            self.add(path.parent in self.broken)
