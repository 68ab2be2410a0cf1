"""A cluster file's text as a tree of pieces that join back into exactly that text.

PyYAML composes the file (with libyaml when it is there) and gives every node its start
and end offsets. `edit_build` cuts the text at those offsets into *entries*, one per
mapping key or list item, each holding:

- `loose`, then `attached`: the blank and comment lines above it. `attached` is the run
  of comment lines directly above it (no blank line between) at its own indentation;
  they describe it and go where it goes. `loose` lines belong to the place.
- `head` (`name:` or `-`), `gap` (what follows on that line before the value: a space,
  or the rest of the line when the value is a block below), the value, and `rest` (the
  end of the value's last line: spaces, a `# comment`, the line break).

A value is a `Scalar` (its exact text), a `Block` (a block mapping or list of entries)
or an `Opaque` piece of text the editor does not take apart (a flow collection such as
`[a, b]`, or a construct such as `? key`). Joining every piece (`render`) gives the text
back, byte for byte; an edit replaces pieces, so every line it does not touch is
rendered from the original characters. Moved pieces are re-indented as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docgen.errors import DocgenError


class EditError(DocgenError):
    """A cluster file's text cannot be edited as asked (exit 1)."""


class SourceError(EditError):
    """The text to edit is not one YAML document the editor can take apart."""


_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*(?=\s|$)")
_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def keeps_blank_lines(text: str) -> bool:
    """True for a block scalar with keep chomping (`|+`): blank lines after it are its."""
    header = text.partition("\n")[0].partition(" #")[0]
    found = _BLOCK_HEADER.search(header)
    return found is not None and "+" in found.group()


@dataclass(eq=False)
class Scalar:
    """A scalar value and its exact text (a block scalar's text ends with its last LF)."""

    value: Any
    text: str
    style: str = ""


@dataclass(eq=False)
class Opaque:
    """Text kept as written and never edited inside: a flow collection or odd block."""

    value: Any
    text: str
    line: int
    what: str
    """'flow' (a flow collection), 'block' (an odd block) or 'file' (the whole file)."""


@dataclass(eq=False)
class Entry:
    """One key of a mapping or item of a list, with the lines above it; see the module."""

    col: int
    head: str
    key: Any
    name: str | None
    gap: str
    value: Node
    rest: str = ""
    offset: int = 0
    """The column of a nested block's entries, less this entry's column."""
    loose: str = ""
    attached: str = ""

    @property
    def in_map(self) -> bool:
        """Whether the entry is a mapping's key, not a list's item."""
        return self.name is not None


@dataclass(eq=False)
class Block:
    """A block mapping or list: its entries (all at column `col`) and lines after them."""

    is_map: bool
    col: int
    entries: list[Entry] = field(default_factory=list)
    trailing: str = ""
    names: dict[str, Entry] = field(default_factory=dict)

    def find(self, name: str) -> Entry | None:
        """The entry whose key is `name`, if any."""
        return self.names.get(name)

    def insert(self, index: int, entry: Entry) -> None:
        """Put `entry` in at `index` (and in `names`, if it has a name)."""
        self.entries.insert(index, entry)
        if entry.name is not None:
            self.names[entry.name] = entry

    def pop(self, index: int) -> Entry:
        """Take out the entry at `index` (and from `names`)."""
        entry = self.entries.pop(index)
        if entry.name is not None:
            del self.names[entry.name]
        return entry


Node = Scalar | Opaque | Block


@dataclass(eq=False)
class Tree:
    """The whole file: its root (with any text before and after an `Opaque` root)."""

    root: Node
    prefix: str = ""
    suffix: str = ""
    map_step: int = 2
    """Columns a nested mapping is indented by, as the file does it."""
    seq_offset: int = 2
    """Columns a list is indented under its key (0 when the file writes `- a` under `key:`)."""
    item_offset: int = 2
    """Columns from a list item's `-` to its mapping's keys (4 for `-   name: ...`)."""


def value_of(node: Node) -> Any:
    """The value a node holds, as PyYAML's safe_load reads it."""
    if isinstance(node, Block):
        if node.is_map:
            return {entry.key: value_of(entry.value) for entry in node.entries}
        return [value_of(entry.value) for entry in node.entries]
    return node.value


# --- rendering -------------------------------------------------------------------------

def shift(text: str, delta: int, first: bool = True) -> str:
    """`text` with every non-empty line (or every one after the first) moved `delta` columns."""
    if not delta or not text:
        return text
    lines = text.split("\n")
    start = 0 if first else 1
    for number in range(start, len(lines)):
        line = lines[number]
        if line:
            if delta > 0:
                lines[number] = " " * delta + line
            else:
                spaces = len(line) - len(line.lstrip(" "))
                lines[number] = line[min(spaces, -delta):]
    return "\n".join(lines)


def render(tree: Tree) -> str:
    """The text of the tree."""
    if not isinstance(tree.root, Block):
        assert not isinstance(tree.root, Scalar)
        return tree.prefix + tree.root.text + tree.suffix
    out = _Renderer([tree.prefix])
    if not tree.root.entries:
        out.add("{}\n" if tree.root.is_map else "[]\n")
    out.block(tree.root, tree.root.col, False)
    out.add(tree.suffix)
    return "".join(out.pieces)


@dataclass
class _Renderer:
    """Joins the pieces of a tree, each moved to the column its entry is rendered at."""

    pieces: list[str]
    kept: bool = False
    """The last value written was a keep-chomped block (`|+`): every blank line after it
    is part of it. An edit can bring blank lines next to it; those are dropped."""

    def add(self, text: str, lines: bool = False) -> None:
        if lines and self.kept:
            text = _BLANK_LINES.sub("", text)
        if text:
            self.pieces.append(text)
            self.kept = False

    def block(self, block: Block, target: int, inline_first: bool) -> None:
        """A block with its entries at column `target` (the first one after a `- `
        already written when `inline_first`)."""
        for number, entry in enumerate(block.entries):
            self.entry(entry, target, inline_first and number == 0)
        if block.trailing:
            self.add(shift(block.trailing, target - block.col), lines=True)

    def entry(self, entry: Entry, target: int, inline: bool) -> None:
        """One entry at column `target`: the lines above it, its line(s) and value."""
        delta = target - entry.col
        if not inline:
            if entry.loose or entry.attached:
                self.add(shift(entry.loose + entry.attached, delta), lines=True)
            self.add(" " * target)
        self.add(entry.head)
        value = entry.value
        if not isinstance(value, Block):
            self.add(shift(entry.gap + value.text + entry.rest, delta, first=False))
            self.kept = isinstance(value, Scalar) and keeps_blank_lines(value.text)
            return
        nested = "\n" in entry.gap
        if not value.entries:  # an empty mapping or list is written `{}` or `[]`
            empty = "{}" if value.is_map else "[]"
            self.add(f" {empty}{entry.gap}" if nested else f"{entry.gap}{empty}\n")
            if value.trailing:
                self.add(shift(value.trailing, target + entry.offset - value.col), lines=True)
            return
        self.add(entry.gap)
        self.block(value, target + entry.offset, not nested)
