"""Build the tree of pieces (`edit_tree`) from a cluster file's text.

PyYAML composes the text (libyaml when it is there; its marks give each node's start
and end offsets) and constructs the values, as `safe_load` would. The builder walks the
nodes and cuts the text between their offsets: a key's line, its value, the comment and
blank lines above each entry. What it does not take apart (a flow collection, an
explicit `? key`, a tag on a block) becomes an `Opaque` piece, kept as written. The
pieces must join back into the text exactly; if they do not, the whole file is kept as
one piece (and an edit then rewrites it, saying so).
"""

from __future__ import annotations

from typing import Any

import yaml

from docgen.cluster.edit.tree import (
    Block,
    Entry,
    Node,
    Opaque,
    Scalar,
    SourceError,
    Tree,
    keeps_blank_lines,
    render,
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_SOURCE_DEPTH = 64
"""Deeper nesting than any cluster file has (docgen refuses 32); refused here too."""


class _Unsupported(Exception):
    """A block the builder does not take apart: it is kept whole, as an `Opaque` piece."""


def build(text: str) -> Tree:
    """The tree of `text` (LF line ends, ending in LF); SourceError if it cannot be one."""
    node, data = _compose(text)
    tree = _Builder(text).tree(node, data)
    if render(tree) != text:  # a layout the builder cut wrongly: keep the file whole
        tree = _Builder(text).opaque_tree(node, data)
    tree.map_step, tree.seq_offset, tree.item_offset = _indentation(tree.root)
    return tree


def _compose(text: str) -> tuple[yaml.Node, Any]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise SourceError("the file holds no YAML document")
        _check_nodes(node)
        return node, loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise SourceError(f"the file is not valid YAML: {exc}") from None
    except (ValueError, OverflowError) as exc:  # e.g. a date such as 2025-02-30
        raise SourceError(f"the file holds a value YAML cannot read: {exc}") from None
    finally:
        loader.dispose()


def _check_nodes(root: yaml.Node) -> None:
    """Refuse aliases (one node in two places), merge keys and very deep nesting."""
    if not isinstance(root, yaml.MappingNode | yaml.SequenceNode):
        raise SourceError("the file must hold a mapping of keys, not a single value")
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise SourceError(f"line {node.start_mark.line + 1}: the file uses a YAML alias "
                              "(*name); write the value out in full before editing")
        seen.add(id(node))
        if depth > MAX_SOURCE_DEPTH:
            raise SourceError(f"the file nests more than {MAX_SOURCE_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    raise SourceError(f"line {key.start_mark.line + 1}: merge keys (<<) "
                                      "cannot be edited; write the values out in full")
                stack += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]


def _indentation(root: Node) -> tuple[int, int, int]:
    """How the file indents a nested mapping, a list under its key, and a mapping in a
    list item (the first of each found; 2, 2 and 2 when the file has none)."""
    found: dict[str, int] = {}
    stack = [root]
    while stack and len(found) < 3:
        node = stack.pop()
        if not isinstance(node, Block):
            continue
        for entry in node.entries:
            value = entry.value
            if not isinstance(value, Block) or not value.entries:
                continue
            nested = "\n" in entry.gap
            if entry.in_map and nested:
                found.setdefault("map" if value.is_map else "seq", entry.offset)
            elif not entry.in_map and not nested and value.is_map:
                found.setdefault("item", entry.offset)
            stack.append(value)
    map_step, item_offset = found.get("map", 2), found.get("item", 2)
    return (map_step if map_step > 0 else 2), max(0, found.get("seq", 2)), \
        (item_offset if item_offset > 1 else 2)


def split_leading(lines: str, col: int) -> tuple[str, str]:
    """The lines above an entry at `col`, as (loose, attached); see the module."""
    rows = lines.splitlines(keepends=True)
    cut = len(rows)
    while cut and rows[cut - 1].lstrip(" ").startswith("#") and \
            len(rows[cut - 1]) - len(rows[cut - 1].lstrip(" ")) == col:
        cut -= 1
    return "".join(rows[:cut]), "".join(rows[cut:])


class _Builder:
    """Cuts `text` into the tree's pieces, guided by the composed nodes' offsets."""

    def __init__(self, text: str) -> None:
        self.text = text

    def tree(self, node: yaml.Node, data: Any) -> Tree:
        if getattr(node, "flow_style", False):
            return self.opaque_tree(node, data)
        try:
            block, end = self.block(node, data, 0, compact=False)
        except _Unsupported:
            return self.opaque_tree(node, data)
        block.trailing = self.text[end:]
        return Tree(block)

    def opaque_tree(self, node: yaml.Node, data: Any) -> Tree:
        start = self.line_start(node.start_mark.index)
        end = self.end_of(node)
        what = "flow" if getattr(node, "flow_style", False) else "file"
        piece = Opaque(data, self.text[start:end], node.start_mark.line + 1, what)
        return Tree(piece, self.text[:start], self.text[end:])

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        """The offset just after the line break ending the line `offset` is on."""
        return self.text.index("\n", offset) + 1

    def next_token(self, offset: int) -> int:
        """The first offset from `offset` that is neither white space nor in a comment."""
        text = self.text
        while True:
            while offset < len(text) and text[offset] in " \t\n":
                offset += 1
            if offset < len(text) and text[offset] == "#":
                offset = self.line_end(offset)
                continue
            return offset

    def end_of(self, node: yaml.Node) -> int:
        """Just after the line break that ends `node`'s last line (its last content line)."""
        while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
            last = node.value[-1]
            node = last[1] if isinstance(last, tuple) else last
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            return self.block_scalar_end(node)
        return self.line_end(node.end_mark.index)

    def block_scalar_end(self, node: yaml.ScalarNode) -> int:
        """After a block scalar's last content line; with `+` (keep), after its blank lines."""
        start, stop = node.start_mark.index, node.end_mark.index
        body = self.line_end(start)
        if keeps_blank_lines(self.text[start:body]):
            return max(stop, body)
        rows = self.text[body:stop].split("\n")
        filled = [row for row in rows if row.strip(" ")]
        if not filled:
            return body
        indent = len(filled[0]) - len(filled[0].lstrip(" "))
        last = max(number for number, row in enumerate(rows)
                   if row.strip(" ") or len(row) > indent)
        return body + sum(len(row) + 1 for row in rows[: last + 1])

    def block(self, node: yaml.Node, data: Any, start: int, compact: bool) -> tuple[Block, int]:
        """The block collection `node` whose first entry's lines begin at `start`."""
        is_map = isinstance(node, yaml.MappingNode)
        if isinstance(node, yaml.MappingNode) and len(data) != len(node.value):
            self.refuse_duplicates(node)
        pairs = zip(node.value, data.items(), strict=True) if is_map else \
            zip(node.value, data, strict=True)
        block = Block(is_map, -1)
        offset = start
        for number, (item, datum) in enumerate(pairs):
            entry, offset = self.entry(item, datum, offset, compact and number == 0, is_map)
            if block.col not in (-1, entry.col) or (entry.name and block.find(entry.name)):
                raise _Unsupported
            block.col = entry.col
            block.insert(len(block.entries), entry)
        return block, offset

    def refuse_duplicates(self, node: yaml.MappingNode) -> None:
        first: dict[str, int] = {}
        for key, _ in node.value:
            line = key.start_mark.line + 1
            if key.value in first:
                raise SourceError(f"the key '{key.value}' appears twice (lines {first[key.value]} "
                                  f"and {line}); keep one before editing")
            first[key.value] = line
        raise _Unsupported  # keys that differ in text but not in value, such as 1 and 01

    def entry(self, item: Any, datum: Any, start: int, inline: bool,
              is_map: bool) -> tuple[Entry, int]:
        """One entry whose lines begin at `start`, and where the next one's begin."""
        text = self.text
        if is_map:
            key_node, value_node = item
            key, value = datum
            anchor, after = self.key_span(key_node)
            name: str | None = key if isinstance(key, str) else key_node.value
        else:
            value_node, value, key, name = item, datum, None, None
            anchor = self.next_token(start)
            if text[anchor] != "-" or text[anchor + 1] not in " \n":
                raise _Unsupported
            after = anchor + 1
        begin = self.line_start(anchor)
        if not inline and (text[begin:anchor].strip(" ") or begin < start):
            raise _Unsupported
        col = anchor - begin
        gap, node, rest, offset, end = self.slot(value_node, value, after, col, is_map)
        loose, attached = split_leading("" if inline else text[start:begin], col)
        entry = Entry(col, text[anchor:after], key, name, gap, node, rest, offset, loose, attached)
        return entry, end

    def key_span(self, key: yaml.Node) -> tuple[int, int]:
        """Where a mapping key starts, and just after its `:`."""
        if not isinstance(key, yaml.ScalarNode) or key.style in ("|", ">"):
            raise _Unsupported
        colon = key.end_mark.index
        while self.text[colon] == " ":
            colon += 1
        if self.text[colon] != ":" or "\n" in self.text[key.start_mark.index:colon]:
            raise _Unsupported
        return key.start_mark.index, colon + 1

    def slot(self, node: yaml.Node, value: Any, after: int, col: int,
             in_map: bool) -> tuple[str, Node, str, int, int]:
        """A value after its `:` or `-` at `after`: (gap, node, rest, offset, end)."""
        text = self.text
        if isinstance(node, yaml.ScalarNode) and not node.style and not node.value and \
                node.start_mark.index == after:  # nothing written: null
            end = self.line_end(after)
            return "", Scalar(None, ""), self.checked_rest(after, end), 0, end
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
            return self.block_slot(node, value, after, col, in_map)
        start = node.start_mark.index
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            end = self.block_scalar_end(node)
            return text[after:start], Scalar(value, text[start:end], node.style), "", 0, end
        stop = node.end_mark.index
        end = self.line_end(stop)
        piece: Node = Scalar(value, text[start:stop], node.style or "") \
            if isinstance(node, yaml.ScalarNode) else \
            Opaque(value, text[start:stop], node.start_mark.line + 1, "flow")
        return text[after:start], piece, self.checked_rest(stop, end), 0, end

    def checked_rest(self, start: int, end: int) -> str:
        rest = self.text[start:end]
        if rest.strip() and not rest.lstrip(" \t").startswith("#"):
            raise _Unsupported
        return rest

    def block_slot(self, node: yaml.Node, value: Any, after: int, col: int,
                   in_map: bool) -> tuple[str, Node, str, int, int]:
        """A block mapping or list: below its key, or beside its `- ` (compact)."""
        text = self.text
        first = self.next_token(after)
        expected = node.value[0][0].start_mark.index if isinstance(node, yaml.MappingNode) \
            else first
        compact = "\n" not in text[after:first]
        start = first if compact else self.line_end(after)
        gap = text[after:first] if compact else text[after:start]
        try:
            if first != expected or text[first] == "-" and isinstance(node, yaml.MappingNode) or \
                    compact and in_map:
                raise _Unsupported
            block, end = self.block(node, value, start, compact)
        except _Unsupported:
            end = self.end_of(node)
            opaque = Opaque(value, text[start:end], node.start_mark.line + 1, "block")
            return gap, opaque, "", 0, end
        return gap, block, "", block.col - col, end
