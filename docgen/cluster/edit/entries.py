"""Entries added to, taken from and moved between blocks, with their comment lines.

The rules (see `edit_tree` for what an entry's `loose` and `attached` lines are):

- A new entry goes right after the entry before it. Item 0 goes below the place lines
  above the old first item and above that item's own (attached) comments.
- A removed entry takes its attached comments; its place lines stay where they were,
  with no more blank lines in a row than there were on either side.
- A block that starts on its list item's line (`- name: ...`, *compact*) cannot have
  lines above its first entry: they go above the `- ` line instead (hoisted).
- A moved entry keeps its text, re-indented; moved between a mapping and a list, its
  value changes place (`key:` and a block below it, or `- ` and the block beside it).
"""

from __future__ import annotations

import re

from docgen.cluster.edit.tree import Block, Entry, Opaque, Scalar, Tree, shift

_BLOCK_HEADER = re.compile(r"(?:[!&]\S*\s+)*[|>][0-9+-]*")
"""A block scalar's header up to its comment: any tag or anchor, `|` or `>`, indicators."""


def comment_lines(text: str, col: int) -> str:
    """The comment lines of `text`, each indented to `col` (blank lines dropped)."""
    rows = [row.strip(" ") for row in text.splitlines() if row.strip(" ").startswith("#")]
    return "".join(" " * col + row + "\n" for row in rows)


def _blank_runs(text: str) -> int:
    longest = run = 0
    for row in text.splitlines():
        run = run + 1 if not row.strip() else 0
        longest = max(longest, run)
    return longest


def merge_loose(first: str, second: str) -> str:
    """Two runs of place lines joined, no more blank lines in a row than either had."""
    limit, out, run = max(_blank_runs(first), _blank_runs(second)), [], 0
    for row in (first + second).splitlines(keepends=True):
        run = run + 1 if not row.strip() else 0
        if run <= limit:
            out.append(row)
    return "".join(out)


def without_final_blanks(text: str) -> str:
    """`text` without the blank lines at its end."""
    rows = text.splitlines(keepends=True)
    while rows and not rows[-1].strip():
        rows.pop()
    return "".join(rows)


def comment_of(entry: Entry) -> str:
    """The `  # comment` on an entry's value line (its block header, or its key's line)."""
    value = entry.value
    if isinstance(value, Scalar) and value.style in ("|", ">"):
        header = value.text.partition("\n")[0]
        found = _BLOCK_HEADER.match(header)
        comment = header[found.end():] if found else ""
    elif "\n" in entry.gap and not isinstance(value, Scalar):
        comment = entry.gap.partition("\n")[0]
    else:
        comment = entry.rest.rstrip("\n")
    return comment if "#" in comment else ""


def compact(owner: Entry | None, block: Block) -> bool:
    """True for a block that starts on its list item's line: `- name: ...`."""
    return owner is not None and owner.value is block and "\n" not in owner.gap


def hoist(owner: Entry, block: Block) -> None:
    """Move the comments above a compact block's first entry above its `- ` line."""
    first = block.entries[0]
    owner.attached += comment_lines(first.loose + first.attached, owner.col)
    first.loose = first.attached = ""


def insert(block: Block, owner: Entry | None, index: int, entry: Entry) -> None:
    """Put `entry` at `index` in `block`, whose entry is `owner` (None: the root)."""
    if index == 0 and block.entries and not compact(owner, block):
        first = block.entries[0]
        entry.loose = shift(first.loose, entry.col - first.col) + entry.loose
        first.loose = ""
    block.insert(index, entry)
    if index == 0 and owner is not None and compact(owner, block):
        hoist(owner, block)


def detach(block: Block, owner: Entry | None, entry: Entry) -> Entry:
    """Take `entry` out of `block`, with its attached comments; its place lines stay."""
    index = next(number for number, item in enumerate(block.entries) if item is entry)
    block.pop(index)
    loose, entry.loose = entry.loose, ""
    if index < len(block.entries):
        after = block.entries[index]
        after.loose = merge_loose(shift(loose, after.col - entry.col), after.loose)
        if index == 0 and owner is not None and compact(owner, block):
            hoist(owner, block)
    else:
        block.trailing = without_final_blanks(shift(loose, block.col - entry.col)) + \
            block.trailing
    return entry


def item_gap(tree: Tree) -> str:
    """The spaces between a list item's `-` and a mapping or list beside it."""
    return " " * (tree.item_offset - 1)


def adopt(tree: Tree, moved: Entry, in_map: bool, col: int, key: str | None,
          head: str) -> Entry:
    """`moved` as an entry (`head`: `key:` or `-`) of a mapping or list at column `col`.

    A value kept as an `Opaque` block must have been rewritten before: it cannot move
    beside a `- `.
    """
    moved.loose = ""
    if moved.in_map == in_map:
        if in_map and moved.name != key:
            moved.key, moved.name, moved.head = key, key, head
        return moved
    value = moved.value
    assert not (isinstance(value, Opaque) and "\n" in moved.gap)
    entry = Entry(col, head, key, key, " ", value, attached=comment_lines(moved.attached, col))
    comment = comment_of(moved)
    if isinstance(value, Block) and in_map:
        entry.gap = comment + "\n"
        entry.offset = tree.map_step if value.is_map else tree.seq_offset
    elif isinstance(value, Block):
        entry.gap, entry.offset = item_gap(tree), tree.item_offset
        entry.attached += comment_lines(comment, col)
        if value.entries:
            hoist(entry, value)
    else:  # the value goes on the new entry's line, its own lines moved with it
        value.text = shift(value.text, col - moved.col, first=False)
        entry.gap, entry.rest = (" " if value.text else ""), moved.rest
    return entry


def transplant(existing: Entry, incoming: Entry) -> None:
    """`existing` (its place, key and comments kept) given `incoming`'s value."""
    existing.attached += comment_lines(incoming.attached, existing.col)
    value = incoming.value
    assert not (isinstance(value, Opaque) and "\n" in incoming.gap)
    if isinstance(value, Block):
        existing.gap = incoming.gap
    else:  # the value goes on the key's line, its own lines moved with it
        value.text = shift(value.text, existing.col - incoming.col, first=False)
        existing.gap = " " if value.text else ""
    existing.value, existing.rest, existing.offset = value, incoming.rest, incoming.offset
