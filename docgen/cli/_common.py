"""What every command shares: the error boundary, path arguments and printing reports."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, Protocol

import click

from docgen.errors import DocgenError, Problem, Severity, bug_message

BUG_EXIT = 3
PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
DEFAULT_CLUSTERS = Path("clusters")


def handle_errors(command: Callable[..., int]) -> Callable[..., None]:
    """Turn expected errors into messages and exit codes; a crash is a bug (exit 3)."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = command(*args, **kwargs)
        except DocgenError as exc:
            click.echo(f"docgen: {exc}", err=True)
            code = exc.exit_code
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as exc:  # the one place a crash becomes a one-line report
            if os.environ.get("DOCGEN_TRACEBACK"):  # the whole story, for a bug report
                traceback.print_exc()
            click.echo(f"docgen: {bug_message(exc)}", err=True)
            code = BUG_EXIT
        sys.exit(code)

    return wrapper


class Finding(Protocol):
    """A problem found in a cluster file or a template."""

    @property
    def severity(self) -> Severity: ...

    @property
    def is_error(self) -> bool: ...


def failing(problems: Sequence[Finding], strict: bool) -> bool:
    """Whether these problems fail the run (warnings only under --strict)."""
    return any(p.is_error or (strict and p.severity is Severity.WARNING) for p in problems)


def print_problems(problems: list[Problem], files: int, output_format: str) -> None:
    """Problems in the chosen format, then (for people) a one-line summary."""
    from docgen.report import problems as report

    if output_format == "json":
        click.echo(report.as_json(problems))
        return
    for problem in problems:
        click.echo(report.as_github(problem) if output_format == "github"
                   else report.text_line(problem))
    click.echo(report.summary(problems, files), err=output_format == "github")


def echo_lines(lines: list[tuple[str, bool]]) -> None:
    """Print a report's lines, each to standard error or standard output as it says."""
    for line, to_stderr in lines:
        click.echo(line, err=to_stderr)
