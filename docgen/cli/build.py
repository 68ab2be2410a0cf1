"""`docgen build [PATH...] [-o DIR]`: write every document for each valid cluster."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli._common import BUG_EXIT, DEFAULT_CLUSTERS, PATHS, echo_lines, handle_errors


@click.command("build")
@PATHS
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              default=Path("output"), show_default=True, help="Folder for the documents.")
@click.option("--only", help="Comma-separated documents to build (e.g. mou,funding-application).")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if any output would change.")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates overriding the packaged ones.")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside each DOCX (needs LibreOffice).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of cores).")
@click.option("--since", metavar="REV", help="Only clusters whose file changed since git "
              "revision REV (all, if templates or reference data in the repository changed).")
@handle_errors
def command(paths: tuple[Path, ...], out_dir: Path, only: str | None, check_only: bool,
            templates_dir: Path | None, since: str | None = None, pdf: bool = False,
            jobs: int | None = None) -> int:
    """Write OUTPUT/<cluster>/<document>.docx for each valid cluster file."""
    from docgen.build.pipeline import build
    from docgen.build.workers import default_jobs
    from docgen.cli._progress import progress_bar
    from docgen.documents.catalogue import DOCUMENT_NAMES, select
    from docgen.report.build import build_lines

    try:
        documents = select(only.split(",") if only else None)
    except KeyError as exc:
        raise click.BadParameter(f"unknown document {exc}; choose from "
                                 f"{', '.join(DOCUMENT_NAMES)}", param_hint="--only") from None
    targets = list(paths) or [DEFAULT_CLUSTERS]
    if since is not None:
        from docgen.build.since import rebuild_targets

        targets = rebuild_targets(since, targets, templates_dir)
        if not targets:
            click.echo(f"nothing to rebuild: no cluster file, template or reference data "
                       f"changed since {since}")
            return 0
    with progress_bar() as progress:
        result = build(targets, out_dir, documents, check_only=check_only,
                       templates_dir=templates_dir, pdf=pdf, jobs=jobs or default_jobs(),
                       progress=progress)
    echo_lines(build_lines(result))
    if result.crashed:
        return BUG_EXIT
    return 1 if result.failed or result.would_change or result.pdf_failed else 0
