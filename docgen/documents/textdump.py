"""A DOCX file as plain text: headers, body (tables as rows), footers, core properties.

Used by `docgen text`, by git's textconv for readable diffs, and by the tests,
which assert on what a reader would see rather than on zip bytes.
"""

from __future__ import annotations

import re

from lxml import etree

from docgen.documents.docxsafe import parse_xml, read_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PART_ORDER = re.compile(r"word/(header|document|footer)(\d*)\.xml")
CORE = "docProps/core.xml"
SHOWN = re.compile(rf"{PART_ORDER.pattern}|{re.escape(CORE)}")
KIND_RANK = {"header": 0, "document": 1, "footer": 2}


def paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text: runs joined, tabs as tabs, breaks as newlines, fields shown.

    A field shows its instruction (`[PAGE]`), never its cached result, which is only
    what the program that last saved the file happened to compute; the field may
    span runs, as LibreOffice writes it. Tab stops in the paragraph's properties are
    not text.
    """
    out: list[str] = []
    in_result = False
    for node in paragraph.iter(f"{{{W}}}t", f"{{{W}}}tab", f"{{{W}}}br",
                               f"{{{W}}}instrText", f"{{{W}}}fldChar"):
        tag = etree.QName(node).localname
        if tag == "fldChar":
            in_result = node.get(f"{{{W}}}fldCharType") == "separate"
        elif in_result or (tag == "tab" and etree.QName(node.getparent()).localname != "r"):
            continue
        elif tag == "instrText":
            out.append(f"[{(node.text or '').strip()}]" if "PAGE" in (node.text or "") else "")
        else:
            out.append({"t": node.text or "", "tab": "\t", "br": "\n"}[tag])
    return "".join(out)


def block_lines(container: etree._Element) -> list[str]:
    """Lines for the paragraphs and tables directly inside `container`, in order."""
    lines: list[str] = []
    for child in container:
        name = etree.QName(child).localname
        if name == "p":
            lines.append(paragraph_text(child))
        elif name == "tbl":
            for row in child.iterfind("w:tr", NS):
                cells = [" / ".join(paragraph_text(p) for p in cell.iterfind(".//w:p", NS))
                         for cell in row.iterfind("w:tc", NS)]
                lines.append("| " + " | ".join(cells) + " |")
        elif name in ("sdt", "sdtContent", "body"):
            lines += block_lines(child)
    return lines


def part_sort_key(name: str) -> tuple[int, int]:
    """Parts in reading order: headers, body, footers, each by its number."""
    match = PART_ORDER.fullmatch(name)
    assert match
    return KIND_RANK[match.group(1)], int(match.group(2) or 0)


def core_lines(core: bytes | None) -> list[str]:
    """The core properties (title, creator...) as `name: value` lines."""
    if core is None:
        return []
    root = parse_xml(CORE, core)
    return [f"{etree.QName(node).localname}: {node.text}" for node in root if node.text]


def docx_text(data: bytes, *, properties: bool = True) -> str:
    """The whole document as text, part by part (headers, body, footers, properties).

    The .docx is untrusted (git hands `docgen text` any file): it is read through
    `docxsafe.py`, inflating only the parts shown, each within a cap.
    """
    package = read_package(data, SHOWN)
    sections: list[str] = []
    for name in sorted((n for n in package.names() if PART_ORDER.fullmatch(n)),
                       key=part_sort_key):
        root = parse_xml(name, package.get(name) or b"")
        body = root.find("w:body", NS)
        lines = block_lines(body if body is not None else root)
        sections.append(f"=== {name} ===\n" + "\n".join(lines).rstrip())
    if properties:
        sections.append(f"=== {CORE} ===\n" + "\n".join(core_lines(package.get(CORE))))
    return "\n\n".join(sections) + "\n"
