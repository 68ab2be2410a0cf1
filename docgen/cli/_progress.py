"""A progress bar for long commands: on a terminal only, never under CI or in a pipe."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from docgen.build.progress import Stage


def wanted() -> bool:
    """A bar helps a person watching a terminal; logs and CI are better without one."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def counts(stage: Stage | None) -> str:
    """What follows the bar: the clusters failed and left."""
    return "" if stage is None else f"{stage.failed} failed, {stage.left} left"


class Bar:
    """A `Stage` callback drawing one click progress bar per stage on stderr."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.label = ""

    def __call__(self, stage: Stage) -> None:
        if self.bar is None or stage.label != self.label:
            self.close()
            self.label = stage.label
            self.bar = click.progressbar(length=stage.total, label=f"{stage.label:<9}",
                                         file=sys.stderr, item_show_func=counts,
                                         show_pos=True)
            self.bar.current_item = stage  # the counts from the first drawing on
            self.bar.__enter__()
        self.bar.update(stage.done - self.bar.pos, stage)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@contextlib.contextmanager
def progress_bar() -> Iterator[Bar | None]:
    """A progress callback for the build and pack, or None when no bar should be drawn."""
    if not wanted():
        yield None
        return
    bar = Bar()
    try:
        yield bar
    finally:
        bar.close()
