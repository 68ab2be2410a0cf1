"""The text around the tree, and the check that an edited text reads as it should.

`Source` takes off what the tree does not hold (a byte-order mark, CR LF line ends,
a last line without its line end) and `finish` puts it back on the edited text, then
reads that text back with PyYAML: it must hold exactly the patched values. If it ever
does not (a layout the editor cuts wrongly), the values are written out afresh in the
house style instead, and the result says so; a wrong file is never returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from docgen.cluster.edit.tree import Block, Tree, render, value_of
from docgen.cluster.edit.write import Writer

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class EditResult:
    """The edited text, and whether anything beyond the edit had to be rewritten."""

    text: str
    normalised: bool = False
    notes: tuple[str, ...] = ()
    """What was normalised, one sentence each, for the user to see before saving."""


@dataclass
class Source:
    """A text to edit: its body as the tree reads it (LF line ends, ending in LF) and
    what was taken off it, to put back."""

    body: str
    bom: bool
    crlf: bool
    final_newline: bool
    notes: list[str]

    @classmethod
    def read(cls, text: str) -> Source:
        """`text` to edit: byte-order mark and CR LF line ends taken off, a last line end added."""
        bom = text.startswith("\ufeff")
        body = text[1:] if bom else text
        crlf, notes = False, []
        if "\r" in body:
            crlf = body.count("\r\n") == body.count("\r") == body.count("\n")
            if not crlf:
                notes.append("the line ends were a mix of CR LF, CR and LF; all are LF now")
            body = body.replace("\r\n", "\n").replace("\r", "\n")
        final = body.endswith("\n") or not body
        return cls(body if final else body + "\n", bom, crlf, final, notes)

    def write(self, body: str, strip: bool) -> str:
        """The edited `body` with what was taken off put back (`strip`: its last line end too)."""
        if strip:
            body = body[:-1]
        if self.crlf:
            body = body.replace("\n", "\r\n")
        return ("\ufeff" if self.bom else "") + body

    def strip_choices(self, body: str) -> list[bool]:
        """Leave the last line without its line end again, if it was and is unchanged."""
        last = self.body[:-1].rpartition("\n")[2]
        unchanged = not self.final_newline and body[:-1].rpartition("\n")[2] == last
        return [True, False] if unchanged else [False]


def finish(source: Source, tree: Tree, notes: list[str]) -> EditResult:
    """The edited text, read back to check it holds exactly the patched values."""
    body = render(tree)
    expected = value_of(tree.root)
    for strip in source.strip_choices(body):
        text = source.write(body, strip)
        if _reads_as(text, expected):
            return EditResult(text, bool(notes), tuple(notes))
    # The pieces did not join into the patched values (a layout this editor gets wrong):
    # write the values out afresh rather than save a file that says something else.
    header = re.match(r"(?:[ \t]*(?:#[^\n]*)?\n)*", source.body)
    fresh = Writer(Tree(Block(True, 0)), None).fresh_block(expected, (), 0, typed=False)
    text = source.write((header.group() if header else "") + render(Tree(fresh)), False)
    if not _reads_as(text, expected):
        raise RuntimeError("the patched values could not be written as YAML (a bug)")
    notes.append("the edit could not be made in place, so the file was rewritten in the "
                 "house style; comments after its first lines were dropped")
    return EditResult(text, True, tuple(notes))


def _reads_as(text: str, expected: Any) -> bool:
    try:
        return _identical(yaml.load(text, Loader=_Loader), expected)
    except (yaml.YAMLError, ValueError, OverflowError):
        return False


def _identical(one: Any, two: Any) -> bool:
    """Equal values of the same types (1 is not 1.0 nor True; NaN is NaN)."""
    if type(one) is not type(two):
        return False
    if isinstance(one, dict):
        return one.keys() == two.keys() and all(_identical(one[k], two[k]) for k in one)
    if isinstance(one, list):
        return len(one) == len(two) and all(map(_identical, one, two))
    return bool(one == two or one != one and two != two)
