"""`docgen schema`: print (or write) the JSON Schema of a cluster file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from docgen.cli._common import handle_errors


@click.command("schema")
@click.option("-o", "--output", "target", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the schema to this file instead of printing it.")
@handle_errors
def command(target: Path | None) -> int:
    """Print the JSON Schema (draft 2020-12) of a cluster file, for editors and other tools.

    Point yaml-language-server at it with a first line such as
    `# yaml-language-server: $schema=../cluster.schema.json`.
    """
    from docgen.build.write import write_atomic
    from docgen.cluster.json_schema import cluster_json_schema
    from docgen.refdata import reference_data

    text = json.dumps(cluster_json_schema(reference_data()), indent=2, ensure_ascii=False) + "\n"
    if target is None:
        click.echo(text, nl=False)
    else:
        write_atomic(target, text.encode("utf-8"))
        click.echo(f"wrote {target}", err=True)
    return 0
