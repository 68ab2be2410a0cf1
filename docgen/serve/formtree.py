"""What the cluster form is made of: fields, groups and lists, each named by its form path.

`form.py` builds this tree from the schema and a file's values; the page's templates
(`html/_form.html`) draw it. A form path is the keys from the top, joined with '/' in
an input's name; a list item is named by a key that stays with it when items move:
its position in the saved file ('0', '1', ...) or, for an item added in the page, 'n'
and eight random hex digits (`new_item_key`).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from docgen.serve import labels

UNSAFE_IN_ID = re.compile(r"[^\w]")

FormPath = tuple[str, ...]
ITEM_KEY = labels.ITEM_KEY
TITLE_KEYS = ("name", "certificate", "version", "school", "action", "item")
"""The field whose value names a list item in its heading, the first one it has."""


class Missing:
    """The value of a field the file leaves out."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = Missing()


@dataclass(frozen=True)
class Part:
    """What every part of the form has: its form path, label, help and whether required."""

    path: FormPath
    label: str
    help: str
    required: bool

    @property
    def name(self) -> str:
        """The input's name: the form path joined with '/'."""
        return "/".join(self.path)

    @property
    def dom_id(self) -> str:
        """The element's HTML id."""
        return dom_id(self.path)


@dataclass(frozen=True)
class Leaf(Part):
    """One field: a line of text, a number, a date, a yes/no or a choice."""

    widget: str
    """text, textarea, integer, decimal, date, checkbox or select."""
    value: str
    choices: tuple[tuple[str, str], ...] = ()
    """(value, words) of a select's options, the current value among them."""
    references: tuple[str, ...] = ()
    """`labels.SOURCES` tags whose values are this select's options (form.js refreshes)."""
    source: str | None = None
    """This field's `labels.SOURCES` tag: its value is a choice elsewhere."""
    note: str = ""
    """Said beside the input: a value the user typed, put back after a reload."""
    kind = "leaf"

    @property
    def checked(self) -> bool:
        """Whether a checkbox is ticked."""
        return self.value == "true"


@dataclass(frozen=True)
class Unknown:
    """A key in the file that the schema does not know, offered for removal."""

    path: FormPath
    key: str
    shown: str

    @property
    def dom_id(self) -> str:
        """The element's HTML id."""
        return dom_id(self.path)


@dataclass(frozen=True)
class Group(Part):
    """A group of named fields (a fieldset)."""

    present: bool
    children: list[Node]
    unknown: list[Unknown] = field(default_factory=list)
    kind = "group"


@dataclass(frozen=True)
class Item:
    """One item of a list: a group of fields, or a single line (a list of strings)."""

    path: FormPath
    number: int
    noun: str
    node: Node
    title: str

    @property
    def key(self) -> str:
        """The item's key: its place in the saved file, or an added item's 'n...' key."""
        return self.path[-1]

    @property
    def dom_id(self) -> str:
        """The element's HTML id."""
        return dom_id(self.path)


@dataclass(frozen=True)
class Listing(Part):
    """A list of items the user can add to, remove from and reorder."""

    noun: str
    items: list[Item]
    kind = "list"


Node = Leaf | Group | Listing


def dom_id(path: FormPath) -> str:
    """The HTML id of the input (or fieldset) at a form path: 'f-member_schools-0-name'.

    A key the schema does not know may hold any character: one with a character an id
    cannot hold (a space) or that would confuse (a '-', which separates keys here) is
    written as '_u' and its UTF-8 in hex, so two such keys never share an id."""
    return "f-" + "-".join(id_part(str(part)) for part in path)


def id_part(key: str) -> str:
    """One key (or list key) of a path as it appears in an HTML id."""
    return f"_u{key.encode('utf-8').hex()}" if UNSAFE_IN_ID.search(key) or not key else key


def new_item_key() -> str:
    """A fresh key for an item added in the page."""
    return "n" + secrets.token_hex(4)
