"""Edit a cluster file's YAML text with an RFC 6902 JSON Patch, keeping everything else.

One editor for `docgen serve` (a PATCH of a cluster's source) and `docgen import`
(schools merged in from a spreadsheet). `apply_patch(text, operations, kinds)` returns
the new text: each operation changes only the pieces of text it names (`edit_tree`),
so comments, blank lines, key order and quoting stay as they were.

- `replace` of a one-line value rewrites that value's characters only; quoted text stays
  in its quotes, plain text stays plain unless it must be quoted, a block (`|`, `>`)
  stays a block unless the new text is one short line (`edit_text`). A mapping or list
  replaced by another changes only where they differ (`edit_write`).
- A new key goes after the mapping's last key; a new list item right after the item
  before it (item 0: above the first item's comments); both in the house style at their
  siblings' indentation, a new mapping as a block with its keys in the order given.
- Comments: the comment lines directly above a key or item, at its indentation, with
  no blank line between, are *attached*: they are removed and moved with it. Other
  comment and blank lines belong to their place and stay (`edit_entries`). A comment
  after a value on its line stays on that line.
- `kinds(path)` names the schema type of the value at a path ('text', 'date',
  'integer', 'number', 'boolean'; None if unknown), so a value is written the way
  docgen's loader reads it: `NO` as text is quoted, `2025-03-03` as a date is not.

The patched text is read back before it is returned: it always reads (as PyYAML's
safe_load) as exactly the patched values. A flow collection (`[a, b]`) an operation
reaches into is rewritten in block style, and mixed line ends become LF: then
`EditResult.normalised` is True and `notes` says what was rewritten. A BOM, CR LF line
ends and another indentation are kept as they are.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from docgen.cluster.edit.build import build
from docgen.cluster.edit.entries import adopt, detach, insert, transplant
from docgen.cluster.edit.pointer import MISSING, data_child, index_in, pointer_tokens, value_member
from docgen.cluster.edit.source import EditResult, Source, finish
from docgen.cluster.edit.tree import (
    Block,
    EditError,
    Entry,
    Node,
    SourceError,
    Tree,
    value_of,
)
from docgen.cluster.edit.values import (
    Kinds,
    Path,
    Refused,
    as_json,
    describe,
    same,
    show,
    size,
    where,
)
from docgen.cluster.edit.write import Writer

__all__ = ["EditError", "EditResult", "Kinds", "PatchError", "SourceError", "apply_patch",
           "patch_values"]



class PatchError(EditError):
    """A patch that cannot be applied: bad pointer, missing path, failed `test`, ..."""

    def __init__(self, index: int | None, operation: Any, reason: str) -> None:
        self.index, self.reason = index, reason
        member = operation.get if isinstance(operation, Mapping) else (lambda _: None)
        self.op, self.path = member("op"), member("path")
        place = "" if index is None else f"patch operation {index}"
        if self.op is not None or self.path is not None:
            place += f" ({_token_text(self.op)} {_token_text(self.path)})"
        super().__init__(f"{place}: {reason}" if place else reason)


def _token_text(value: Any) -> str:
    return value if isinstance(value, str) else show(value)


def apply_patch(text: str, operations: Sequence[Mapping[str, Any]],
                kinds: Kinds | None = None) -> EditResult:
    """`text` with the JSON Patch `operations` applied; see the module for what is kept.

    Raises PatchError if any operation cannot be applied (nothing is applied then), and
    SourceError if `text` is not one YAML mapping (or list) the editor can take apart.
    """
    if not isinstance(operations, Sequence) or isinstance(operations, str | bytes):
        raise PatchError(None, None, "a JSON Patch is a list of operations")
    source = Source.read(text)
    tree = build(source.body)
    if not operations:
        return EditResult(text)
    editor = _Editor(tree, kinds)
    for index, operation in enumerate(operations):
        try:
            editor.apply(operation)
        except Refused as refused:
            raise PatchError(index, operation, str(refused)) from None
    return finish(source, tree, [*source.notes, *editor.writer.notes])


def patch_values(text: str) -> Any:
    """The values a patch's paths and `test` values refer to: `text` as YAML reads it,
    dates as ISO text (`2025-03-03`), as a JSON Patch sees them."""
    return as_json(value_of(build(Source.read(text).body).root))


class _Editor:
    """Applies operations to a tree, one at a time."""

    def __init__(self, tree: Tree, kinds: Kinds | None) -> None:
        self.tree = tree
        self.writer = Writer(tree, kinds)

    def apply(self, operation: Any) -> None:
        if not isinstance(operation, Mapping):
            raise Refused("an operation must be a JSON object with 'op' and 'path'")
        handler = {"add": self.add, "remove": self.remove, "replace": self.replace,
                   "move": self.move, "copy": self.copy, "test": self.test}
        name = operation.get("op")
        if not isinstance(name, str) or name not in handler:
            raise Refused(f"'op' must be one of {', '.join(handler)}, not {show(name)}")
        handler[name](operation)

    # the six operations

    def add(self, operation: Mapping[str, Any]) -> None:
        self.put(pointer_tokens(operation, "path"), value=value_member(operation))

    def remove(self, operation: Mapping[str, Any]) -> None:
        tokens = pointer_tokens(operation, "path")
        if not tokens:
            raise Refused("the whole document cannot be removed")
        block, owner, path = self.container(tokens[:-1])
        detach(block, owner, self.child(block, tokens[-1], path)[0])

    def replace(self, operation: Mapping[str, Any]) -> None:
        tokens, value = pointer_tokens(operation, "path"), value_member(operation)
        if not tokens:
            self.writer.replace_root(value)
            return
        block, _, path = self.container(tokens[:-1])
        entry, step = self.child(block, tokens[-1], path)
        self.writer.replace_value(entry, value, (*path, step))

    def move(self, operation: Mapping[str, Any]) -> None:
        source, target = pointer_tokens(operation, "from"), pointer_tokens(operation, "path")
        if source == target:
            self.locate(source)
            return
        if target[: len(source)] == source:
            raise Refused("a value cannot be moved into itself")
        block, owner, path = self.container(source[:-1])
        entry = detach(block, owner, self.child(block, source[-1], path)[0])
        self.put(target, moved=entry)

    def copy(self, operation: Mapping[str, Any]) -> None:
        found = self.locate(pointer_tokens(operation, "from"))
        target = pointer_tokens(operation, "path")
        if isinstance(found, Entry):
            self.put(target, moved=self.writer.clone_entry(found))
        else:
            self.writer.spend(size(found))
            self.put(target, value=copy.deepcopy(found), typed=False)

    def test(self, operation: Mapping[str, Any]) -> None:
        expected = value_member(operation)
        found = self.locate(pointer_tokens(operation, "path"))
        actual = value_of(found.value) if isinstance(found, Entry) else found
        self.writer.spend(size(actual))
        if not same(actual, expected):
            raise Refused(f"the value is {show(actual)}, not {show(expected)}")

    # finding things

    def container(self, tokens: list[str]) -> tuple[Block, Entry | None, Path]:
        """The mapping or list at `tokens`, its entry (None: the root) and its path;
        a flow collection on the way is rewritten as a block so it can be edited."""
        node: Node = self.writer.root_block()
        owner: Entry | None = None
        path: Path = ()
        for token in tokens:
            if not isinstance(node, Block):
                raise Refused(f"{where(path)} is {describe(value_of(node))}, so it has no "
                              f"'{token}'")
            owner, step = self.child(node, token, path)
            path = (*path, step)
            node = self.writer.opened(owner, path)
        if not isinstance(node, Block):
            raise Refused(f"{where(path)} is {describe(value_of(node))}, not a mapping or "
                          "a list")
        return node, owner, path

    @staticmethod
    def child(block: Block, token: str, path: Path) -> tuple[Entry, str | int]:
        """The entry `token` names in `block`, and its step in a path (a key or index)."""
        if block.is_map:
            entry = block.find(token)
            if entry is None:
                raise Refused(f"{where(path)} has no key {show(token)}")
            return entry, token
        index = index_in(len(block.entries), token, path, end=False)
        return block.entries[index], index

    def locate(self, tokens: list[str]) -> Entry | Any:
        """The entry at `tokens`, or (the root, or inside a flow collection) its value."""
        node: Node = self.tree.root
        entry: Entry | None = None
        path: Path = ()
        for number, token in enumerate(tokens):
            if not isinstance(node, Block):
                value = value_of(node)
                for step_token in tokens[number:]:
                    value, step = data_child(value, step_token, path)
                    path = (*path, step)
                return value
            entry, step = self.child(node, token, path)
            node, path = entry.value, (*path, step)
        return entry if entry is not None else value_of(node)

    # adding

    def put(self, tokens: list[str], *, value: Any = MISSING, typed: bool = True,
            moved: Entry | None = None) -> None:
        """Add `value` (or the entry `moved`) at `tokens`, replacing a key already there."""
        writer = self.writer
        if not tokens:
            if moved is not None:
                value, typed = value_of(moved.value), False
            writer.replace_root(value, typed)
            return
        block, owner, path = self.container(tokens[:-1])
        token = tokens[-1]
        existing = block.find(token) if block.is_map else None
        if moved is not None and "\n" in moved.gap:
            writer.opened(moved, ())  # a block kept whole is written afresh before it moves
        if existing is not None and moved is not None:
            incoming = adopt(self.tree, moved, True, existing.col, token, writer.key_head(token))
            transplant(existing, incoming)
        elif existing is not None:
            writer.replace_value(existing, value, (*path, token), typed)
        else:
            key = token if block.is_map else None
            index = len(block.entries) if block.is_map else \
                index_in(len(block.entries), token, path, end=True)
            if moved is not None:
                head = writer.key_head(key) if block.is_map else "-"
                entry = adopt(self.tree, moved, block.is_map, block.col, key, head)
            else:
                step = token if block.is_map else index
                entry = writer.fresh_entry(block.is_map, block.col, key, value, (*path, step),
                                           typed)
            insert(block, owner, index, entry)
