"""`docgen templates export DIR`: a copy of the packaged templates to start customising from."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli._common import handle_errors
from docgen.errors import UsageError


@click.group("templates")
def command() -> None:
    """The DOCX templates: export a copy to edit in Word or LibreOffice."""


@command.command("export")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace templates already in FOLDER.")
@handle_errors
def export(folder: Path, force: bool) -> int:
    """Write every packaged template into FOLDER (made if missing); never overwrites unless --force.

    Edit a copy in Word or LibreOffice, keep it as .docx, then build with
    `docgen build --templates FOLDER`; templates FOLDER lacks come from docgen.
    """
    from docgen.build.write import write_atomic
    from docgen.documents.templates import packaged_templates

    sources = sorted(packaged_templates().glob("*.docx"))
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    clashes = [folder / s.name for s in sources if (folder / s.name).exists()]
    if clashes and not force:
        raise UsageError(f"{clashes[0]} already exists ({len(clashes)} template(s) would be "
                         "replaced); use --force to replace them")
    folder.mkdir(parents=True, exist_ok=True)
    for source in sources:
        write_atomic(folder / source.name, source.read_bytes())
        click.echo(f"wrote {folder / source.name}")
    click.echo(f"edit them in Word or LibreOffice (keep the .docx format), then check and "
               f"build with them:\n  docgen lint --templates {folder}\n"
               f"  docgen build --templates {folder}")
    return 0
