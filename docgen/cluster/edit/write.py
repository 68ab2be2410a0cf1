"""Values written into the tree: new ones in the house style, changed ones in place.

`Writer.replace_value` gives an entry a new value changing as little text as it can: an
equal value changes nothing; a scalar is rewritten in its style (`edit_text`); a
mapping is changed key by key and a list item by item (a diff of the two lists), so the
comments inside stay. Anything else is written afresh, in the file's own indentation.
The writer also keeps the budget of work a patch may do, and notes what it had to
rewrite beyond the edit (a flow collection made a block).
"""

from __future__ import annotations

import copy
import difflib
import json
from typing import Any

from docgen.cluster.edit.entries import comment_lines, comment_of, detach, insert, item_gap
from docgen.cluster.edit.text import KINDS, Written, write_key, write_scalar
from docgen.cluster.edit.tree import Block, Entry, Node, Opaque, Scalar, Tree, value_of
from docgen.cluster.edit.values import (
    Kinds,
    Path,
    Refused,
    as_json,
    same,
    show,
    size,
    where,
)

MAX_WORK = 200_000
"""Values one patch may write, copy or compare beyond what it carries itself: twice a
1 MB file, a hundred times a large cluster file. A `copy` that doubles the file again
and again, or a `test` of the whole file in every operation, stops here in seconds."""
MAX_KEY_CHARS = 1000
"""YAML reads a key on one line of at most 1,024 characters."""


class Writer:
    """Writes values into one tree; `kinds` types the text it is given, by path."""

    def __init__(self, tree: Tree, kinds: Kinds | None) -> None:
        self.tree, self.kinds = tree, kinds
        self.notes: list[str] = []
        self.work = 0

    def spend(self, units: int = 1) -> None:
        """Count `units` of work against the patch's budget; refuse it past `MAX_WORK`."""
        self.work += units
        if self.work > MAX_WORK:
            raise Refused(f"the patch does more than {MAX_WORK:,} steps of work; "
                          "split it, or write the file's text instead")

    def note(self, piece: Opaque) -> None:
        """Say that `piece`, kept whole until now, is being written afresh."""
        if piece.what == "flow" and piece.value:
            self.notes.append(f"line {piece.line}: the flow collection {show(piece.value)} "
                              "is now written in block style, as the rest of the file is")
        elif piece.what == "block":
            self.notes.append(f"line {piece.line}: a part written in a way the editor does "
                              "not take apart (such as `? key`, or a tag on a block) was "
                              "rewritten in the house style; comments inside it were dropped")
        elif piece.what == "file":
            self.notes.append("the file is written in a way the editor does not take apart, "
                              "so it was rewritten in the house style; comments after its "
                              "first lines were dropped")

    # the root, and values kept whole (Opaque) made into blocks to be edited

    def root_block(self) -> Block:
        """The root as a block (a file kept whole is rewritten, its first lines kept)."""
        root = self.tree.root
        if isinstance(root, Block):
            return root
        assert isinstance(root, Opaque)
        self.note(root)
        block = self.fresh_block(root.value, (), 0, typed=False)
        if block.entries:
            block.entries[0].loose = self.tree.prefix
        else:
            block.trailing = self.tree.prefix
        block.trailing += self.tree.suffix
        self.tree.root, self.tree.prefix, self.tree.suffix = block, "", ""
        return block

    def opened(self, entry: Entry, path: Path) -> Node:
        """`entry`'s value, an `Opaque` one rewritten as a block so it can be edited."""
        if isinstance(entry.value, Opaque):
            self.note(entry.value)
            self.set_fresh(entry, entry.value.value, path, typed=False)
        return entry.value

    def replace_root(self, value: Any, typed: bool = True) -> None:
        """Make the document hold `value`, merged into the old root where both are of one kind."""
        if not isinstance(value, dict | list):
            raise Refused("the document must stay a mapping; replace or remove its keys "
                          "instead")
        root = self.root_block()
        if root.entries and root.is_map == isinstance(value, dict):
            self.merge(root, None, value, (), typed)
            return
        lines = root.entries[0].loose + root.entries[0].attached if root.entries else ""
        fresh = self.fresh_block(value, (), root.col, typed)
        if fresh.entries:
            fresh.entries[0].loose = lines
        else:
            fresh.trailing = lines
        fresh.trailing += root.trailing
        self.tree.root = fresh

    # changing a value in place

    def replace_value(self, entry: Entry, value: Any, path: Path, typed: bool = True,
                      top: bool = True) -> None:
        """Give `entry` the value `value`, changing as little of its text as can be."""
        if top:  # the comparisons below, all levels together, cost a few times this
            self.spend(size(value))
        if same(value_of(entry.value), value):
            return
        old = self.opened(entry, path) if isinstance(value, dict | list) else entry.value
        if isinstance(old, Block) and old.entries and old.is_map == isinstance(value, dict) \
                and isinstance(value, dict | list):
            self.merge(old, entry, value, path, typed)
        elif isinstance(old, Scalar) and not isinstance(value, dict | list):
            self.rewrite_scalar(entry, value, path, typed)
        else:
            self.set_fresh(entry, value, path, typed)

    def merge(self, block: Block, owner: Entry | None, value: Any, path: Path,
              typed: bool) -> None:
        """Make `block` hold `value` (of its own kind) key by key, or item by item."""
        if not isinstance(value, dict):
            self.merge_list(block, owner, value, path, typed)
            return
        for entry in [e for e in block.entries if e.name not in value]:
            detach(block, owner, entry)
        for key, item in value.items():
            found = block.find(key)
            if found is not None:
                self.replace_value(found, item, (*path, key), typed, top=False)
            else:
                entry = self.fresh_entry(True, block.col, key, item, (*path, key), typed)
                insert(block, owner, len(block.entries), entry)

    def merge_list(self, block: Block, owner: Entry | None, items: list[Any], path: Path,
                   typed: bool) -> None:
        """Items the old and new lists share stay as they are (a diff of the two); where
        they differ, an old and a new item side by side are merged, the rest removed or
        added there."""
        def key(value: Any) -> str:
            return json.dumps(as_json(value), sort_keys=True, default=str)

        entries = list(block.entries)
        self.spend(len(entries))
        old = [key(value_of(entry.value)) for entry in entries]
        matcher = difflib.SequenceMatcher(None, old, [key(item) for item in items],
                                          autojunk=False)
        for tag, start, stop, first, last in matcher.get_opcodes():
            if tag == "equal":
                continue
            paired = min(stop - start, last - first)
            for number in range(paired):
                self.replace_value(entries[start + number], items[first + number],
                                   (*path, first + number), typed, top=False)
            for entry in entries[start + paired:stop]:
                detach(block, owner, entry)
            for index in range(first + paired, last):
                entry = self.fresh_entry(False, block.col, None, items[index], (*path, index),
                                         typed)
                insert(block, owner, index, entry)

    def rewrite_scalar(self, entry: Entry, value: Any, path: Path, typed: bool) -> None:
        """A new scalar in an old one's place, in its style where the value allows."""
        old = entry.value
        assert isinstance(old, Scalar)
        comment = comment_of(entry)
        written = self.write(value, path, old.style if old.text else None,
                             self.block_indent(entry), comment, typed)
        if written.block:
            entry.rest = ""
        elif old.style in ("|", ">"):
            entry.rest = comment + "\n"
        if not old.text:
            entry.gap = " "
        entry.value = Scalar(written.value, written.text, written.style)

    def block_indent(self, entry: Entry) -> int:
        """The column a block scalar's lines start at: the old block's, else one step in."""
        old = entry.value
        if isinstance(old, Scalar) and old.style in ("|", ">"):
            for row in old.text.split("\n")[1:]:
                if row.strip():
                    return len(row) - len(row.lstrip(" "))
        return entry.col + (self.tree.map_step if entry.in_map else self.tree.item_offset)

    def set_fresh(self, entry: Entry, value: Any, path: Path, typed: bool) -> None:
        """Give `entry` a newly written value (its line's comment kept)."""
        comment = comment_of(entry)
        gap, node, rest, offset, above = self.fresh_slot(value, path, entry.col, entry.in_map,
                                                        comment, typed)
        entry.gap, entry.value, entry.rest, entry.offset = gap, node, rest, offset
        entry.attached += comment_lines(above, entry.col)

    # writing new values

    def kind(self, path: Path) -> str | None:
        """The scalar type the schema gives the field at `path` ('text', 'date'...), if any."""
        found = self.kinds(path) if self.kinds is not None else None
        return KINDS.get(found) if isinstance(found, str) else None

    def write(self, value: Any, path: Path, old: str | None, indent: int, comment: str,
              typed: bool) -> Written:
        """`value` as scalar text for the field at `path` (`typed`: as its schema type)."""
        try:
            return write_scalar(value, self.kind(path) if typed else None, old, indent, comment)
        except (TypeError, ValueError) as exc:
            raise Refused(f"{where(path)}: {exc}") from None

    def key_head(self, key: Any) -> str:
        """`key:` as written; a key read from the file as a number or date stays one."""
        if isinstance(key, str) and len(key) > MAX_KEY_CHARS:
            raise Refused(f"a key may have at most {MAX_KEY_CHARS:,} characters")
        if isinstance(key, str):
            return write_key(key) + ":"
        try:
            return write_scalar(key, None, None, 0).text + ":"
        except (TypeError, ValueError):
            raise Refused(f"a key must be text, not {show(key)}") from None

    def fresh_slot(self, value: Any, path: Path, col: int, in_map: bool, comment: str,
                   typed: bool) -> tuple[str, Node, str, int, str]:
        """A new value for an entry at `col`: (gap, node, rest, offset, comment above)."""
        if isinstance(value, dict | list):
            is_map = isinstance(value, dict)
            offset = self.tree.item_offset if not in_map else \
                self.tree.map_step if is_map else self.tree.seq_offset
            block = self.fresh_block(value, path, col + offset, typed)
            if in_map:
                return comment + "\n", block, "", offset, ""
            return item_gap(self.tree), block, "", offset, comment
        indent = col + (self.tree.map_step if in_map else self.tree.item_offset)
        written = self.write(value, path, None, indent, comment, typed)
        node = Scalar(written.value, written.text, written.style)
        return " ", node, ("" if written.block else comment + "\n"), 0, ""

    def fresh_block(self, value: Any, path: Path, col: int, typed: bool) -> Block:
        """A new block mapping or list at column `col`, its keys in the order given."""
        block = Block(isinstance(value, dict), col)
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            step = key if block.is_map else None
            entry = self.fresh_entry(block.is_map, col, step, item, (*path, key), typed)
            if block.is_map and block.find(entry.name or ""):
                raise Refused(f"{where(path)}: two keys would both be written {entry.head}")
            block.insert(len(block.entries), entry)
        return block

    def fresh_entry(self, in_map: bool, col: int, key: Any, value: Any, path: Path,
                    typed: bool) -> Entry:
        """A new key (`in_map`) or list item at column `col`, its value written afresh."""
        self.spend()
        head = self.key_head(key) if in_map else "-"
        gap, node, rest, offset, _ = self.fresh_slot(value, path, col, in_map, "", typed)
        name = (key if isinstance(key, str) else head[:-1]) if in_map else None
        return Entry(col, head, key, name, gap, node, rest, offset)

    def clone_entry(self, entry: Entry) -> Entry:
        """A copy of `entry` and its value, without the comment lines above it."""
        self.spend()
        value = entry.value
        copied: Node = copy.copy(value)
        if isinstance(value, Block):
            block = Block(value.is_map, value.col, trailing=value.trailing)
            for item in value.entries:
                block.insert(len(block.entries), self.clone_entry(item))
            copied = block
        return Entry(entry.col, entry.head, entry.key, entry.name, entry.gap, copied,
                     entry.rest, entry.offset)
