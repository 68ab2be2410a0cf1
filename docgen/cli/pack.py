"""`docgen pack [PATH...] [-o DIR] [--pdf]`: an application pack per cluster, and a summary."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli._common import BUG_EXIT, DEFAULT_CLUSTERS, PATHS, echo_lines, handle_errors


@click.command("pack")
@PATHS
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Folder for the packs.")
@click.option("--pdf", is_flag=True, help="Put a PDF of each document in the pack too "
              "(needs LibreOffice).")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates overriding the packaged ones.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of cores).")
@handle_errors
def command(paths: tuple[Path, ...], out_dir: Path, pdf: bool, templates_dir: Path | None,
            jobs: int | None) -> int:
    """Write DIR/<cluster>-application-pack.zip for each valid cluster file.

    The documents are built into DIR/<cluster>/ as `docgen build -o DIR` does; those
    (and PDFs) already current there are reused. Each pack holds the six documents (and
    their PDFs with --pdf) and manifest.json with the SHA-256 of every file and input.
    DIR/region-summary.csv and .xlsx list every cluster.
    """
    from docgen.build.pack import pack
    from docgen.build.workers import default_jobs
    from docgen.cli._progress import progress_bar
    from docgen.report.build import pack_lines

    with progress_bar() as progress:
        result = pack(list(paths) or [DEFAULT_CLUSTERS], out_dir, pdf=pdf,
                      jobs=jobs or default_jobs(), templates_dir=templates_dir,
                      progress=progress)
    echo_lines(pack_lines(result))
    return BUG_EXIT if result.crashed else 1 if result.failed else 0
