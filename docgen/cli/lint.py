"""`docgen lint [TEMPLATE...]`: check DOCX templates against the context docgen provides."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from docgen.cli._common import DEFAULT_CLUSTERS, handle_errors
from docgen.errors import Severity, UsageError

if TYPE_CHECKING:  # docgen.lint.template imports the renderer: not at start-up of every command
    from docgen.lint.template import TemplateProblem


def template_files(paths: list[Path]) -> list[Path]:
    """The .docx files named, or found (not recursively) in the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.docx") if not p.name.startswith("~$"))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    if not found:
        raise UsageError(f"no .docx templates in {', '.join(map(str, paths))}")
    return found


def line(problem: TemplateProblem, output_format: str) -> str:
    if output_format == "github":
        message = problem.message.replace("%", "%25").replace("\n", "%0A")
        return (f"::{problem.severity.value} file={problem.template},"
                f"title={problem.where}::{message}")
    return f"{problem.template}: {problem.where}: {problem.severity.value}: {problem.message}"


def show(problems: list[TemplateProblem], templates: int, output_format: str) -> None:
    if output_format == "json":
        click.echo(json.dumps([{"template": p.template, "where": p.where,
                                "severity": p.severity.value, "message": p.message}
                               for p in problems], indent=2, ensure_ascii=False))
        return
    for problem in problems:
        click.echo(line(problem, output_format))
    errors = sum(p.is_error for p in problems)
    click.echo(f"{templates} template(s) linted: {errors} error(s), "
               f"{len(problems) - errors} warning(s)", err=output_format == "github")


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
    from docgen.lint.template import lint_template
    from docgen.refdata import reference_data

    targets = list(paths) + ([templates_dir] if templates_dir else [])
    templates = template_files(targets or [packaged_templates()])
    samples = list(clusters) or ([DEFAULT_CLUSTERS] if DEFAULT_CLUSTERS.is_dir() else [])
    shapes, fallback, skipped = context_shapes(discover(samples), reference_data())
    for name in skipped:
        click.echo(f"docgen: {name} has errors; not used as a sample context", err=True)
    problems = [p for t in templates for p in lint_template(t, shapes.get(t.name, fallback))]
    show(problems, len(templates), output_format)
    failing = any(p.is_error or (strict and p.severity is Severity.WARNING) for p in problems)
    return 1 if failing else 0
