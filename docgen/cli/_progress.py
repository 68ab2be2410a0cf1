"""A progress bar for long commands: on a terminal only, never under CI or in a pipe."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any

import click


def wanted() -> bool:
    """A bar helps a person watching a terminal; logs and CI are better without one."""
    return sys.stderr.isatty() and not os.environ.get("CI")


class Bar:
    """A `(done, total)` callback drawing a click progress bar on stderr, made on first use."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Bar | None]:
    """A progress callback for `build.pipeline.build`, or None when no bar should be drawn."""
    if not wanted():
        yield None
        return
    bar = Bar(label)
    try:
        yield bar
    finally:
        bar.close()
