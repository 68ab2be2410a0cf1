"""`docgen lint [TEMPLATE...]`: check DOCX templates against the context docgen provides."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli._common import DEFAULT_CLUSTERS, failing, handle_errors


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates to lint (default: the packaged templates).")
@click.option("--cluster", "clusters", multiple=True, type=click.Path(path_type=Path),
              help="Cluster file(s) to take sample contexts from "
                   "(default: clusters/ when it exists; docgen's starter file always).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True, help="How to print problems.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@handle_errors
def command(paths: tuple[Path, ...], templates_dir: Path | None, clusters: tuple[Path, ...],
            output_format: str, strict: bool) -> int:
    """Check templates: undefined names, tags not closed, blocks that do not match."""
    from docgen.cluster.check import discover
    from docgen.documents.templates import packaged_templates
    from docgen.lint.samples import context_shapes
    from docgen.lint.template import lint_template, template_files
    from docgen.refdata import reference_data
    from docgen.report import lint as report

    targets = list(paths) + ([templates_dir] if templates_dir else [])
    templates = template_files(targets or [packaged_templates()])
    samples = list(clusters) or ([DEFAULT_CLUSTERS] if DEFAULT_CLUSTERS.is_dir() else [])
    shapes, fallback, skipped = context_shapes(discover(samples), reference_data())
    for name in skipped:
        click.echo(f"docgen: {name} has errors; not used as a sample context", err=True)
    problems = [p for t in templates for p in lint_template(t, shapes.get(t.name, fallback))]
    if output_format == "json":
        click.echo(report.as_json(problems))
    else:
        for problem in problems:
            click.echo(report.line(problem, output_format))
        click.echo(report.summary(problems, len(templates)), err=output_format == "github")
    return 1 if failing(problems, strict) else 0
