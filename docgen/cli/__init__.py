"""The `docgen` command group. Each command lives in `docgen/cli/<name>.py`.

Commands are found by module, so adding one needs no edit here. Exit codes: 0
success (warnings allowed), 1 the inputs have problems, 2 usage or environment
error, 3 a bug (an unexpected exception, reported in one line).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from docgen import __version__


class CommandFolder(click.Group):
    """The commands in `docgen/cli/`, each imported only when it is run or listed.

    A module `docgen/cli/<name>.py` defines `command`, the click command `<name>`;
    loading only the one asked for keeps start-up short (a no-op rebuild is mostly
    start-up).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The command names: the modules in `docgen/cli/` but those starting with '_'."""
        # A plain folder listing: pkgutil alone costs ~30 ms of start-up.
        folder = Path(__file__).parent
        return sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command `cmd_name`, its module imported only now; None if there is none."""
        if cmd_name not in self.list_commands(ctx):
            return None
        command: click.Command = importlib.import_module(f"docgen.cli.{cmd_name}").command
        return command


@click.group(cls=CommandFolder, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="docgen")
def main() -> None:
    """Generate a Victorian VET cluster's governance paperwork from its YAML file."""
