"""`docgen text FILE.docx`: a document as plain text, for reading and for `git diff`."""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli._common import handle_errors
from docgen.errors import DocgenError


@click.command("text")
@click.argument("document", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--no-properties", is_flag=True,
              help="Leave out the core properties (title, version, provenance).")
@handle_errors
def command(document: Path, no_properties: bool) -> int:
    """Print a DOCX file as text: headers, body (tables as rows), footers, properties.

    Used as git's textconv so `git diff` shows what changed in a document.
    """
    from docgen.documents.docxsafe import DocxError, read_docx_file
    from docgen.documents.textdump import docx_text

    try:
        text = docx_text(read_docx_file(document), properties=not no_properties)
    except DocxError as exc:
        raise DocgenError(f"{document}: not a readable .docx file ({exc})") from None
    click.echo(text, nl=False)
    return 0
