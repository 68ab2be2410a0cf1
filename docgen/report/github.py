"""GitHub Actions workflow commands (`::error file=…,line=…::message`): annotations on a file.

GitHub reads a property value up to the next `,` or `::`, and the message up to the
end of the line, so both are escaped as its toolkit does (`@actions/core`, `command.ts`):
in the message `%`, CR and LF; in a property value also `:` and `,`.
"""

from __future__ import annotations

DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
PROPERTY_ESCAPES = (*DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def escape(value: str, escapes: tuple[tuple[str, str], ...] = DATA_ESCAPES) -> str:
    """`value` with each character GitHub would read as syntax escaped (`%` first)."""
    for character, replacement in escapes:
        value = value.replace(character, replacement)
    return value


def workflow_command(level: str, message: str, **properties: str | int) -> str:
    """`::level key=value,...::message`, every property value and the message escaped."""
    listed = ",".join(f"{key}={escape(str(value), PROPERTY_ESCAPES)}"
                      for key, value in properties.items())
    return f"::{level} {listed}::{escape(message)}"
