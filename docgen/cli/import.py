"""`docgen import TABLE --into CLUSTER.yaml|FOLDER/`: member schools from a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from docgen.cli._common import handle_errors

if TYPE_CHECKING:
    from docgen.tables.merge import Imported


@click.command("import")
@click.argument("table", type=click.Path(path_type=Path))
@click.option("--into", "into", required=True, type=click.Path(path_type=Path),
              help="The cluster file to merge the schools into (a folder with --only).")
@click.option("--write", is_flag=True, help="Apply the changes (without it: show them only).")
@click.option("--remove-missing", is_flag=True, help="Remove schools the table does not list.")
@click.option("--only", type=click.Choice(["enrolments"]),
              help="Update only vdss_enrolments, by school number, in every cluster file.")
@click.option("--sheet", metavar="NAME", help="The sheet of a .xlsx (default: the first).")
@handle_errors
def command(table: Path, into: Path, write: bool, remove_missing: bool, only: str | None,
            sheet: str | None) -> int:
    """Merge the schools in TABLE (.csv or .xlsx) into a cluster file.

    Row 1 names member-school keys as the cluster file spells them (vet_coordinator.name
    for nested ones). Rows match schools by school_number, then name; other rows add
    schools. Shows what would change; --write applies it, keeping comments and quoting,
    if the result passes `docgen check`.
    """
    from docgen.refdata import reference_data
    from docgen.report.problems import text_line
    from docgen.tables.into import run_import
    from docgen.tables.preview import preview_lines

    imported = run_import(table, into, reference_data(), sheet=sheet, only=only,
                          remove_missing=remove_missing)
    for line in [*preview_lines(imported), *map(text_line, imported.all_problems)]:
        click.echo(line)
    if imported.failed:
        errors = sum(problem.is_error for problem in imported.all_problems)
        click.echo(f"{errors} error(s): nothing written", err=True)
        return 1
    if not any(outcome.writes for outcome in imported.outcomes):
        click.echo("Nothing to change.", err=True)
    elif not write:
        click.echo("Nothing written (a preview): run again with --write to apply it.", err=True)
    return write_files(imported) if write else 0


def write_files(imported: Imported) -> int:
    """Write each changed file atomically, none if any changed on disk since it was read."""
    from docgen.build.write import write_atomic
    from docgen.tables.merge import unchanged_on_disk

    changed = [outcome for outcome in imported.outcomes if outcome.writes]
    moved = [outcome.name for outcome in changed if not unchanged_on_disk(outcome)]
    if moved:
        click.echo(f"changed since it was read: {', '.join(moved)}; nothing written, run "
                   "the import again", err=True)
        return 1
    for outcome in changed:
        write_atomic(outcome.path, (outcome.text or "").encode("utf-8"))
        click.echo(f"Wrote {outcome.name}")
    return 0
