"""Read a cluster file: bytes → text → YAML node tree, keeping every node's place.

This is the only module that reads cluster files. It refuses what YAML would
silently get wrong or what could make it hang (duplicate keys are `values.py`'s;
here: aliases and anchors, tags, deep nesting, control characters, invalid UTF-8,
oversized files) and reports each problem with its line and column. Turning nodes
into values is `values.py`'s job, because that is guided by the schema.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen.cluster.syntax import explain
from docgen.errors import InputError, Problem, Severity
from docgen.files import FileTooLarge, NotRegularFile, read_regular

MAX_FILE_BYTES = 1_000_000
"""Cluster files are a few kilobytes; anything near a megabyte is a mistake or an attack."""

MAX_DEPTH = 32
"""A cluster file nests about six levels; libyaml's time grows with depth, so stop early."""

MAX_PROBLEMS = 20
"""Per kind of load problem: after this many, one line says how many more there are."""

# Characters an XML 1.0 document (and so a Word file) cannot hold, plus the ones
# PyYAML itself refuses. Tab, newline and carriage return are fine.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
# YAML reads these as line breaks, so a value holding one would silently change.
LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
# Unicode's non-characters: reserved for a program's own use, never text to exchange.
NONCHARACTERS = re.compile("[\ufdd0-\ufdef" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)) + "]")
CHARACTER_RULES = (
    (FORBIDDEN_CHARACTERS, "control character {} is not allowed (a Word document cannot "
                           "hold it); delete it"),
    (LINE_SEPARATORS, "invisible line separator {} is not allowed (YAML reads it as a line "
                      "break); replace it with a space"),
    (NONCHARACTERS, "{} is a Unicode non-character, not text; delete it"),
)
"""Characters refused wherever they are, written or made by an escape ("\\N", "\\uFDD0")."""

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


def capped(problems: list[Problem], what: str, limit: int = MAX_PROBLEMS) -> list[Problem]:
    """At most `limit` problems, then one saying how many more there are (at the next)."""
    if len(problems) <= limit:
        return problems
    rest = len(problems) - limit
    last = problems[limit]
    return [*problems[:limit],
            problem_at(last.file, last.line, last.column, f"... and {rest:,} more {what}")]


def too_large(name: str, size: str) -> InputError:
    """The error for a file over MAX_FILE_BYTES (`size` as words: '1,234,567' or 'more than')."""
    message = f"file is {size} bytes; a cluster file may be at most {MAX_FILE_BYTES:,}"
    return InputError([problem_at(name, 1, 1, message)])


def check_size(name: str, size: int) -> None:
    """Refuse a cluster file larger than MAX_FILE_BYTES before it is read (git gives its size)."""
    if size > MAX_FILE_BYTES:
        raise too_large(name, f"{size:,}")


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, if it is a regular file no larger than MAX_FILE_BYTES (`files.py`).

    A file that cannot be read is a problem of that file (exit 1), so the other files
    in a folder are still checked.
    """
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        message = (f"this is {exc.kind}, not a cluster file; a cluster file must be an "
                   "ordinary file")
        raise InputError([problem_at(name, 1, 1, message)]) from None
    except FileTooLarge as exc:
        size = f"more than {MAX_FILE_BYTES:,}" if exc.size is None else f"{exc.size:,}"
        raise too_large(name, size) from None
    except OSError as exc:  # gone, no permission, a symlink loop, an I/O error
        message = f"cannot read the file: {exc.strerror or exc}"
        raise InputError([problem_at(name, 1, 1, message)]) from None


def decode(data: bytes, name: str) -> str:
    """UTF-8 text with line ends as `\\n` (a leading byte-order mark is dropped).

    YAML itself turns CR LF and CR into LF, so this changes no value; it keeps the
    line numbers counted here equal to libyaml's.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = (f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02X}); "
                   "save it as UTF-8")
        raise InputError([problem_at(name, line, column, message)]) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _place(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def forbidden_character_problems(text: str, name: str) -> list[Problem]:
    """Every control character (or other character Word cannot hold) with its place."""
    problems = [problem_at(name, *_place(text, match.start()),
                           message.format(describe_character(match.group())))
                for pattern, message in CHARACTER_RULES for match in pattern.finditer(text)]
    problems.sort(key=lambda p: (p.line, p.column))
    return capped(problems, "characters like these")


def forbidden_character_message(value: str) -> str | None:
    """What is wrong with the first refused character in a value, if it has one."""
    for pattern, message in CHARACTER_RULES:
        found = pattern.search(value)
        if found:
            return message.format(describe_character(found.group()))
    return None


def event_place(event: yaml.Event) -> tuple[int, int]:
    """An event's 1-based line and column (libyaml always gives a start mark)."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def event_problem(event: yaml.Event, name: str) -> Problem | None:
    """An alias, anchor or explicit tag: YAML features a cluster file has no use for."""
    line, column = event_place(event)
    anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
    if isinstance(event, yaml.AliasEvent):
        message = (f"'*{anchor}' is a YAML alias; aliases and anchors are not allowed in "
                   "a cluster file: write the value out in full (or, if it is text starting "
                   "with '*', put it in quotes)")
    elif anchor:
        message = (f"'&{anchor}' is a YAML anchor; anchors and aliases are not allowed "
                   "in a cluster file: remove it (or, if it is text starting with '&', "
                   "put it in quotes)")
    elif tag:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        message = (f"the YAML tag '{shown}' is not allowed in a cluster file; remove it "
                   "(or, if it is text starting with '!', put it in quotes)")
    else:
        return None
    return problem_at(name, line, column, message)


def scan_events(text: str, name: str) -> None:
    """Refuse aliases, anchors, tags and deep nesting, streaming, before anything is built.

    Aliases are how a "billion laughs" file blows up; refusing them here, before a
    node tree exists, keeps such a file to a few milliseconds.
    """
    problems: list[Problem] = []
    try:
        for event in limit_depth(yaml.parse(text, Loader=_Loader), name):
            found = event_problem(event, name)
            if found and (not problems or problems[-1].line != found.line):
                problems.append(found)
    except yaml.YAMLError:
        refuse_deep_nesting(text, name)
        raise
    if problems:
        raise InputError(capped(problems, "lines with anchors, aliases or tags"))


def limit_depth(events: Iterator[yaml.Event], name: str) -> Iterator[yaml.Event]:
    """The events, refusing the first collection nested deeper than `MAX_DEPTH`."""
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError([problem_at(name, *event_place(event),
                                             f"nested more than {MAX_DEPTH} levels deep; "
                                             "a cluster file needs far fewer")])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        yield event


def refuse_deep_nesting(text: str, name: str) -> None:
    """After libyaml gave up: docgen's own message if the cause is deep nesting.

    libyaml has a nesting limit of its own (and its wording changes between releases),
    which it may reach while scanning ahead, before docgen has seen the events. The
    pure-Python parser has no such limit and yields events lazily, so reading it up to
    `MAX_DEPTH` levels costs milliseconds. Any other error is libyaml's to report.
    """
    with contextlib.suppress(yaml.YAMLError):
        for _ in limit_depth(yaml.parse(text, Loader=yaml.SafeLoader), name):
            pass


def _is_empty(node: yaml.Node) -> bool:
    """A YAML document holding nothing, or only `---` or `~`."""
    return isinstance(node, yaml.ScalarNode) and not node.style and node.value in ("", "~", "null")


def compose(text: str, name: str) -> yaml.MappingNode:
    """The single YAML document in `text`, as a node tree whose root is a mapping."""
    try:
        scan_events(text, name)
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise InputError([problem_at(name, *explain(exc, text))]) from None
    except yaml.YAMLError as exc:  # reader errors carry no mark
        raise InputError([problem_at(name, 1, 1, f"YAML error: {exc}")]) from None
    if not nodes or _is_empty(nodes[0]):
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


def load_bytes(data: bytes, name: str) -> LoadedFile:
    """Decode and compose one cluster file's bytes; raises `InputError` with its problems."""
    return load_text(decode(data, name), name)


def load_file(path: Path, name: str | None = None) -> LoadedFile:
    """Read and compose one cluster file; raises `InputError` with every problem found."""
    shown = name if name is not None else str(path)
    return load_bytes(read_bytes(path, shown), shown)
