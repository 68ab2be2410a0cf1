"""`docgen new NAME`: start a cluster file from docgen's commented, valid starter."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from docgen.cli._common import DEFAULT_CLUSTERS, handle_errors
from docgen.errors import UsageError
from docgen.files import STARTER_FILE

SCHEMA_FILE = Path("cluster.schema.json")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def cluster_title(name: str) -> str:
    """'bayside-east' → 'Bayside East VET Cluster'."""
    words = [word.capitalize() for word in re.split(r"[-_]+", name) if word]
    if words and words[-1].lower() == "cluster":
        words.pop()
    return " ".join([*words, "VET Cluster"])


def starter_text(name: str, folder: Path) -> str:
    """The starter file, with the cluster's name and the schema's path from `folder`."""
    schema = Path(os.path.relpath(Path.cwd() / SCHEMA_FILE, Path.cwd() / folder)).as_posix()
    text = STARTER_FILE.read_text(encoding="utf-8").replace("__TITLE__", cluster_title(name))
    return text.replace("$schema=../cluster.schema.json", f"$schema={schema}", 1)


@click.command("new")
@click.argument("name")
@click.option("--folder", type=click.Path(path_type=Path, file_okay=False),
              default=DEFAULT_CLUSTERS, show_default=True, help="Where to write the file.")
@handle_errors
def command(name: str, folder: Path) -> int:
    """Write FOLDER/NAME.yaml: a valid starter cluster file with comments. Never overwrites."""
    from docgen.build.write import write_atomic

    stem = name.removesuffix(".yaml")
    if not NAME.fullmatch(stem):
        raise UsageError(f"'{name}' is not a usable name: use letters, digits, '-' and '_' "
                         "(e.g. bayside-east)")
    target = folder / f"{stem}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; docgen new never overwrites a file")
    write_atomic(target, starter_text(stem, folder).encode("utf-8"))
    click.echo(f"wrote {target}; edit it, then run: docgen check {target}")
    if not SCHEMA_FILE.exists():
        click.echo(f"for completion and hover help in editors: docgen schema -o {SCHEMA_FILE}")
    return 0
