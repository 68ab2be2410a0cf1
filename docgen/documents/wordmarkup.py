"""A templated DOCX part as Word or LibreOffice saved it → the Jinja source docgen compiles.

A person typing `{{ cluster.name }}` in Word does not get one neat run of text. The
program splits the tag across runs (spell-check marks `w:proofErr`, revision ids,
a bookmark, `w:lastRenderedPageBreak`, a change of formatting halfway), autocorrect
turns its quotes into smart quotes, LibreOffice writes `'` as `&apos;`. This module
reads the part as XML, so entities are already undone, and for each paragraph:
- joins every tag's text into the run where the tag starts (the other runs keep
  what lies outside the tag), so a tag renders with its first character's formatting;
- straightens quotes and turns no-break spaces into spaces inside tags;
- drops spell-check and page-break marks, which mean nothing once text is generated;
- replaces the row, cell, paragraph or run holding a docxtpl-style `{%tr %}`, `{%tc %}`,
  `{%p %}` or `{%r %}` tag by the plain tag, as docxtpl does.
Every step is linear in the size of the part (docxtpl's own clean-up is a chain of
regular expressions that is quadratic in the number of tags).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from docgen.errors import RenderError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
MARKS = (f"{W}proofErr", f"{W}lastRenderedPageBreak")
"""Markup that means nothing in a generated document and can sit inside a tag."""
ELEMENT_TAG = re.compile(r"^\{([{%#])(tr|tc|p|r) ")
"""docxtpl's `{%p if x %}`: the tag replaces its whole paragraph (row, cell, run)."""
ELEMENT_OF = {"tr": f"{W}tr", "tc": f"{W}tc", "p": f"{W}p", "r": f"{W}r"}
IN_TAGS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00a0": " ", "\u202f": " "})
PLACEHOLDER = re.compile(r"<\?docgen-tag (\d+)\?>")
ESCAPED = re.compile(r"&(lt|gt|amp|quot|apos);")
UNESCAPE = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def tag_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each `{{ }}`, `{% %}` and `{# #}` in `text`, in order.

    Linear: once a closer is not found, no later opener of that kind can close, so it
    is never searched for again.
    """
    position, hopeless = 0, set()
    while (start := text.find("{", position)) != -1:
        opener = text[start:start + 2]
        closer = CLOSERS.get(opener)
        if closer is None or closer in hopeless:
            position = start + 1
            continue
        end = text.find(closer, start + 2)
        if end == -1:
            hopeless.add(closer)
            position = start + 1
            continue
        yield start, end + 2
        position = end + 2


@dataclass
class _Piece:
    """One `<w:t>` of a paragraph and where its text starts in the paragraph's text."""

    node: etree._Element
    start: int


def own_texts(paragraph: etree._Element) -> list[etree._Element]:
    """The paragraph's `<w:t>` elements, not those of paragraphs nested in text boxes."""
    return [t for t in paragraph.iter(f"{W}t")
            if next(t.iterancestors(f"{W}p"), None) is paragraph]


def join_tags(paragraph: etree._Element) -> None:
    """Move each tag's text into the `<w:t>` where it starts; straighten its quotes."""
    nodes = own_texts(paragraph)
    texts = [node.text or "" for node in nodes]
    text = "".join(texts)
    if "{" not in text:
        return
    owner, offset = [], 0  # owner[i]: index of the node that gets character i
    for index, piece in enumerate(texts):
        owner += [index] * len(piece)
        offset += len(piece)
    chars = list(text)
    tagged = False
    for start, end in tag_spans(text):
        tagged = True
        for i in range(start, end):
            owner[i] = owner[start]
            chars[i] = chars[i].translate(IN_TAGS)
    if not tagged:
        return
    rebuilt: list[list[str]] = [[] for _ in nodes]
    for char, index in zip(chars, owner, strict=True):
        rebuilt[index].append(char)
    for node, new in zip(nodes, rebuilt, strict=True):
        node.text = "".join(new)
        if "{" in node.text:
            node.set(XML_SPACE, "preserve")


def replace_tagged_elements(root: etree._Element, tags: list[str]) -> None:
    """docxtpl's element tags: the row, cell, paragraph or run becomes the plain tag.

    Each replaced element becomes a processing instruction numbering its tags in
    `tags`; `jinja_source` swaps them in after serialising.
    """
    for node in list(root.iter(f"{W}t")):
        found = [text for start, end in tag_spans(node.text or "")
                 if ELEMENT_TAG.match(text := (node.text or "")[start:end])]
        if not found:
            continue
        kind = ELEMENT_TAG.match(found[0]).group(2)  # type: ignore[union-attr]
        element = next(node.iterancestors(ELEMENT_OF[kind]), None)
        if kind == "r":
            element = node.getparent()
        if element is None or element.getparent() is None:
            continue
        plain = "".join(ELEMENT_TAG.sub(r"{\1 ", tag) for tag in found
                        if ELEMENT_TAG.match(tag).group(2) == kind)  # type: ignore[union-attr]
        tags.append(plain)
        marker = etree.ProcessingInstruction("docgen-tag", str(len(tags) - 1))
        marker.tail = element.tail
        element.getparent().replace(element, marker)


def parse(xml: bytes) -> etree._Element:
    """The part's XML, parsed without DTDs, entities or network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"the part is not well-formed XML ({exc})") from None


def unescape_in_tags(source: str) -> str:
    """Inside tags, `&lt;` and friends back to the characters Jinja expects."""
    pieces, position = [], 0
    for start, end in tag_spans(source):
        pieces += [source[position:start],
                   ESCAPED.sub(lambda m: UNESCAPE[m.group(1)], source[start:end])]
        position = end
    return "".join(pieces) + source[position:]


def jinja_source(xml: bytes) -> str:
    """The Jinja source of one templated part (document, header, footer, footnotes)."""
    root = parse(xml)
    for mark in [m for name in MARKS for m in root.iter(name)]:
        parent = mark.getparent()
        if parent is not None:
            if mark.tail:
                previous = mark.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + mark.tail
                else:
                    parent.text = (parent.text or "") + mark.tail
            parent.remove(mark)
    for paragraph in root.iter(f"{W}p"):
        join_tags(paragraph)
    tags: list[str] = []
    replace_tagged_elements(root, tags)
    source = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                            standalone=True).decode("utf-8")
    source = unescape_in_tags(source)
    return PLACEHOLDER.sub(lambda m: tags[int(m.group(1))], source)
