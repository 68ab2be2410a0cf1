"""The `docgen` command group. Each command lives in `docgen/commands/<name>.py`.

Commands are found by module, so adding one needs no edit here. Exit codes: 0
success (warnings allowed), 1 the inputs have problems, 2 usage or environment
error, 3 a bug (an unexpected exception, reported in one line).
"""

from __future__ import annotations

import importlib
import pkgutil

import click

from docgen import __version__, commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
def main() -> None:
    """Generate a Victorian VET cluster's governance paperwork from its YAML file."""


for _module in sorted(m.name for m in pkgutil.iter_modules(commands.__path__)):
    if not _module.startswith("_"):
        main.add_command(importlib.import_module(f"docgen.commands.{_module}").command)
