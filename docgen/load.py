"""Read a cluster file: bytes → text → YAML node tree, keeping every node's place.

This is the only module that reads cluster files. It refuses what YAML would
silently get wrong (duplicate keys, aliases, control characters, invalid UTF-8)
and reports each problem with its line and column. Turning nodes into values is
`tree.py`'s job, because that is guided by the schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen.errors import InputError, Problem, Severity

MAX_FILE_BYTES = 1_000_000
"""Cluster files are a few kilobytes; anything near a megabyte is a mistake or an attack."""

# Characters an XML 1.0 document (and so a Word file) cannot hold, plus the ones
# PyYAML itself refuses. Tab, newline and carriage return are fine.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """A cluster file read and composed: its name as shown to users, text and root node."""

    name: str
    text: str
    root: yaml.MappingNode


def problem_at(name: str, line: int, column: int, message: str, path: str = "") -> Problem:
    """An error at a 1-based line and column."""
    return Problem(name, line, column, Severity.ERROR, message, path)


def describe_character(char: str) -> str:
    """`U+000B` style name for a character in a message."""
    return f"U+{ord(char):04X}"


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, refusing files too large to be a cluster file."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = f"file is {size:,} bytes; a cluster file may be at most {MAX_FILE_BYTES:,}"
        raise InputError([problem_at(name, 1, 1, message)])
    return path.read_bytes()


def decode(data: bytes, name: str) -> str:
    """UTF-8 text (a leading byte-order mark is dropped), or an error at the bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X}); save it as UTF-8"
        raise InputError([problem_at(name, line, column, message)]) from None
    return text.removeprefix("\ufeff")


def forbidden_character_problems(text: str, name: str) -> list[Problem]:
    """Every control character (or other character Word cannot hold) with its place."""
    problems = []
    for match in FORBIDDEN_CHARACTERS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        char = describe_character(match.group())
        message = (f"control character {char} is not allowed (a Word document cannot hold it); "
                   "delete it")
        problems.append(problem_at(name, line, column, message))
    return problems


def syntax_message(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's wording, with the usual mistakes named in plain words."""
    problem = exc.problem or str(exc)
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab character is used for indentation; indent with spaces"
    if "mapping values are not allowed" in problem:
        return "a colon followed by a space is not allowed here; put the value in quotes"
    if "could not find expected ':'" in problem:
        return "expected 'key: value' here; check the indentation and any missing colon"
    return f"YAML syntax error: {problem}"


def compose(text: str, name: str) -> yaml.MappingNode:
    """The single YAML document in `text`, as a node tree whose root is a mapping."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise InputError([problem_at(name, line, column, syntax_message(exc))]) from None
    except yaml.YAMLError as exc:  # reader errors carry no mark
        raise InputError([problem_at(name, 1, 1, f"YAML error: {exc}")]) from None
    if not nodes or nodes[0] is None:
        raise InputError([problem_at(name, 1, 1, "the file is empty; start from `docgen new`")])
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        message = "the file holds more than one YAML document ('---'); keep one cluster per file"
        raise InputError([problem_at(name, mark.line + 1, mark.column + 1, message)])
    root = nodes[0]
    if not isinstance(root, yaml.MappingNode):
        mark = root.start_mark
        message = "the file must be a mapping of keys (cluster:, member_schools:, ...)"
        raise InputError([problem_at(name, mark.line + 1, mark.column + 1, message)])
    return root


def load_text(text: str, name: str) -> LoadedFile:
    """Compose already-decoded text; control characters are refused first, with their lines."""
    problems = forbidden_character_problems(text, name)
    if problems:
        raise InputError(problems)
    return LoadedFile(name, text, compose(text, name))


def load_file(path: Path, name: str | None = None) -> LoadedFile:
    """Read and compose one cluster file; raises `InputError` with every problem found."""
    shown = name if name is not None else str(path)
    return load_text(decode(read_bytes(path, shown), shown), shown)
