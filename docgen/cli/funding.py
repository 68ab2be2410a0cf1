"""`docgen funding PATH`: the transition funding calculation with its working."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli._common import failing, handle_errors, print_problems


@click.command("funding")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="A table for people, or JSON for tools.")
@handle_errors
def command(path: Path, output_format: str) -> int:
    """Print the funding calculation for one cluster file, with its working.

    Shows how the band was reached, each budget line as quantity × rate = amount with
    the rate's source, the funding period, member contributions and the SRP context.
    Figures resting on unverified reference data are marked indicative.
    """
    from docgen.cluster.check import check_file, discover
    from docgen.refdata import reference_data
    from docgen.report import problems as report
    from docgen.report.funding import json_report, text_report
    from docgen.report.jsontext import dumps

    (found,) = discover([path])
    reference = reference_data()
    checked = check_file(found, reference)
    if checked.cluster is None or failing(checked.problems, strict=False):
        print_problems(checked.problems, 1, output_format)
        return 1
    for problem in checked.problems:  # warnings: to stderr, so stdout stays the report
        click.echo(report.text_line(problem), err=True)
    if output_format == "json":
        click.echo(dumps(json_report(checked.cluster, reference)))
    else:
        click.echo("\n".join(text_report(checked.cluster, reference)))
    return 0
