"""`docgen check [PATH...]`: validate cluster files and report every problem."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli._common import DEFAULT_CLUSTERS, PATHS, failing, handle_errors, print_problems


@click.command("check")
@PATHS
@click.option("--format", "output_format",
              type=click.Choice(["text", "json", "github", "sarif", "junit"]),
              default="text", show_default=True, help="How to print problems.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@handle_errors
def command(paths: tuple[Path, ...], output_format: str, strict: bool) -> int:
    """Validate cluster files (files or folders; default clusters/)."""
    from docgen.build.pipeline import check

    results = check(list(paths) or [DEFAULT_CLUSTERS])
    problems = [p for result in results for p in result.problems]
    if output_format in ("sarif", "junit"):
        from docgen.report import ci as report_ci

        click.echo(report_ci.as_sarif(problems) if output_format == "sarif"
                   else report_ci.as_junit([r.name for r in results], problems, strict))
    else:
        print_problems(problems, len(results), output_format)
    return 1 if failing(problems, strict) else 0
