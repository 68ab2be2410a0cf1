"""Page layout the packaged templates promise, read from their Word XML.

What a reader of a printed document relies on: every signature block the same, with
room to sign; tables across the whole text width of a landscape page; header rows that
repeat and never end a page alone; rows that never split; lead-ins that stay with what
they introduce; figures lined up on the right. `test_page_breaks.py` checks the same
promises on the pages LibreOffice lays out.
"""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from docgen.documents.templates import packaged_templates

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEMPLATES = sorted(packaged_templates().glob("*.docx"))
SIGNED = ["funding-application", "membership-change-notice", "mou", "position-description"]
SIGNATURE_LABELS = ["Name", "Role", "Organisation", "Signature", "Date"]
MIN_SIGNING_HEIGHT = 680  # twips: 1.2 cm
TWIPS_PER_CM = 1440 / 2.54


def body(name: str) -> etree._Element:
    with zipfile.ZipFile(packaged_templates() / f"{name}.docx") as archive:
        return etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def cells(row: etree._Element) -> list[str]:
    return [text(cell).strip() for cell in row.findall(f"{W}tc")]


def has(element: etree._Element, path: str) -> bool:
    return element.find(path) is not None


def keeps_with_next(row: etree._Element) -> bool:
    paragraphs = list(row.iter(f"{W}p"))
    return bool(paragraphs) and all(has(p, f"{W}pPr/{W}keepNext") for p in paragraphs)


def tables(name: str) -> list[etree._Element]:
    return list(body(name).iter(f"{W}tbl"))


def signature_tables(name: str) -> list[etree._Element]:
    return [t for t in tables(name)
            if any(cells(row)[:1] == ["Signature"] for row in t.findall(f"{W}tr"))]


def test_every_template_is_checked():
    assert [path.stem for path in TEMPLATES] == [
        "funding-application", "implementation-plan", "membership-change-notice", "mou",
        "position-description", "self-assessment", "terms-of-reference"]


@pytest.mark.parametrize("name", SIGNED)
def test_one_signature_block_with_room_to_sign(name):
    blocks = signature_tables(name)
    assert blocks, name
    for block in blocks:
        rows = block.findall(f"{W}tr")
        assert [cells(row)[0] for row in rows] == SIGNATURE_LABELS
        height = rows[3].find(f"{W}trPr/{W}trHeight")
        assert height is not None, "the signature row has no height"
        assert int(height.get(f"{W}val")) >= MIN_SIGNING_HEIGHT
        assert height.get(f"{W}hRule") == "atLeast"
        assert all(keeps_with_next(row) for row in rows[:-1]), "a block splits across pages"


@pytest.mark.parametrize("name", [path.stem for path in TEMPLATES])
def test_no_other_signature_layout(name):
    """A 'Signature' column heading would be a second design of signature block."""
    for grid in tables(name):
        assert "Signature" not in cells(grid.findall(f"{W}tr")[0])[1:]


def test_landscape_tables_span_the_page():
    section = body("implementation-plan").find(f"{W}sectPr")
    size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    width = int(size.get(f"{W}w")) - int(margins.get(f"{W}left")) - int(margins.get(f"{W}right"))
    assert int(size.get(f"{W}w")) > int(size.get(f"{W}h")), "the plan is landscape"
    for grid in tables("implementation-plan"):
        columns = sum(int(c.get(f"{W}w")) for c in grid.find(f"{W}tblGrid"))
        assert abs(columns - width) <= 0.1 * TWIPS_PER_CM, cells(grid.find(f"{W}tr"))


@pytest.mark.parametrize("name", [path.stem for path in TEMPLATES])
def test_header_rows_repeat_and_keep_with_their_first_row(name):
    for grid in tables(name):
        for row in grid.findall(f"{W}tr"):
            if has(row, f"{W}trPr/{W}tblHeader"):
                assert keeps_with_next(row), cells(row)


@pytest.mark.parametrize("name", [path.stem for path in TEMPLATES])
def test_no_row_splits_across_pages(name):
    for grid in tables(name):
        for row in grid.findall(f"{W}tr"):
            assert has(row, f"{W}trPr/{W}cantSplit"), cells(row)


@pytest.mark.parametrize("name", [path.stem for path in TEMPLATES])
def test_lead_ins_keep_with_what_they_introduce(name):
    """A paragraph ending in a colon, or directly above a table, keeps with the next."""
    blocks = list(body(name))
    for index, block in enumerate(blocks):
        if block.tag != f"{W}p" or text(block).startswith("{%"):
            continue
        following = next((b for b in blocks[index + 1:]
                          if not (b.tag == f"{W}p" and text(b).startswith(("{%p if",
                                                                           "{%p for")))),
                         None)
        introduces = text(block).rstrip().endswith(":") or (
            text(block).strip() and following is not None and following.tag == f"{W}tbl")
        if introduces:
            assert has(block, f"{W}pPr/{W}keepNext"), text(block)


def amount_cells(name: str, heading: str) -> list[etree._Element]:
    """The cells under column `heading` in every table that has it."""
    found = []
    for grid in tables(name):
        rows = grid.findall(f"{W}tr")
        if heading in cells(rows[0]):
            column = cells(rows[0]).index(heading)
            found += [row.findall(f"{W}tc")[column] for row in rows
                      if len(row.findall(f"{W}tc")) > column]
    return found


@pytest.mark.parametrize(("name", "heading"), [
    ("funding-application", "Amount"), ("funding-application", "Amount a year"),
    ("funding-application", "VDSS enrolments"), ("membership-change-notice", "Before"),
    ("membership-change-notice", "After"), ("membership-change-notice", "VDSS enrolments")])
def test_figures_are_right_aligned(name, heading):
    found = amount_cells(name, heading)
    assert found, f"no column {heading!r} in {name}"
    for cell in found:
        for paragraph in cell.iter(f"{W}p"):
            if text(paragraph).startswith("{%"):
                continue
            align = paragraph.find(f"{W}pPr/{W}jc")
            assert align is not None and align.get(f"{W}val") == "right", text(paragraph)

