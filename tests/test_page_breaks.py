"""Where LibreOffice breaks the pages of every example document and of a change notice.

No page may end with a heading, with a table's header row (column headings), or with a
lead-in (a paragraph ending in a colon, or a heading's opening line before a table or the
next heading): each belongs on the page of what follows it. The last
line (or two, for a heading or header row that wraps) of each page but the last is read
from the PDF (`pdftotext -layout`) and compared with the DOCX's headings and header rows.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CLUSTERS, plain, school_joins
from lxml import etree

from docgen.build import pdf
from docgen.build.pipeline import build
from docgen.cli import main
from docgen.documents.textdump import docx_text

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler (pdftotext) are needed")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTER = re.compile(r"^(Version|Notice) .*Page \d+ of \d+$")  # documents; the notice


def squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def words(text: str) -> list[str]:
    return sorted(re.findall(r"\w+", text.lower()))


def heading_level(block: etree._Element) -> int:
    """1 for Heading 1 and so on; 0 for a table or any other paragraph."""
    style = block.find(f"{W}pPr/{W}pStyle")
    name = style.get(f"{W}val") if block.tag == f"{W}p" and style is not None else ""
    return int(name.removeprefix("Heading")) if re.fullmatch(r"Heading\d", name) else 0


def is_heading(block: etree._Element) -> bool:
    return heading_level(block) > 0


def is_header_row(row: etree._Element, first: bool) -> bool:
    """A repeating header row, or a row of column headings (every cell shaded)."""
    shaded = [cell.find(f"{W}tcPr/{W}shd") is not None for cell in row.findall(f"{W}tc")]
    return (first and row.find(f"{W}trPr/{W}tblHeader") is not None) or (
        len(shaded) > 1 and all(shaded))


def must_not_end_a_page(docx: Path) -> tuple[set[str], list[list[str]], set[str]]:
    """The headings of `docx`, the words of its header rows, and its lead-ins: paragraphs
    ending in a colon, and a section's opening paragraph when a table or a sub-heading
    follows it."""
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    blocks = [b for b in root.find(f"{W}body") if b.tag == f"{W}tbl" or text(b).strip()]
    headings = {squash(text(b)) for b in blocks if is_heading(b)}
    lead_ins = set()
    for before, block, after in zip(blocks, blocks[1:], blocks[2:], strict=False):
        if block.tag != f"{W}p" or is_heading(block):
            continue
        opens_section = is_heading(before) and (
            after.tag == f"{W}tbl" or heading_level(after) > heading_level(before))
        if text(block).rstrip().endswith(":") or opens_section:
            lead_ins.add(squash(text(block)))
    header_rows = [words(" ".join(text(cell) for cell in row.findall(f"{W}tc")))
                   for grid in root.iter(f"{W}tbl")
                   for index, row in enumerate(grid.findall(f"{W}tr"))
                   if is_header_row(row, index == 0)]
    return headings - {""}, header_rows, lead_ins


def page_endings(pdf_file: Path) -> list[list[str]]:
    """The last two lines of text on each page but the last, page header and footer left out."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    endings = []
    for page in pages[:-1]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        lines = [line for line in lines[1:] if not FOOTER.match(line)]  # [0] is the header
        endings.append(lines[-2:])
    return endings


def why_not_here(ending: list[str], headings: set[str], header_rows: list[list[str]],
                 lead_ins: set[str]) -> str | None:
    """What the last line(s) of a page are, if they are something that must not end one."""
    last = ending[-1]
    if any(lead_in.endswith(squash(last)) and len(squash(last)) >= 12 for lead_in in lead_ins):
        return f"lead-in {last!r}"
    if squash(last) in headings or squash(" ".join(ending)) in headings:
        return f"heading {last!r}"
    if words(last) in header_rows or words(" ".join(ending)) in header_rows:
        return f"header row {last!r}"
    return None


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Both examples' documents and a change notice, each with its PDF beside it."""
    out = tmp_path_factory.mktemp("page-breaks")
    result = build([CLUSTERS], out / "built")
    assert not result.failed, result.problems
    before, after = school_joins("2025-09-01")
    (out / "old.yaml").write_text(before, encoding="utf-8")
    (out / "new.yaml").write_text(after, encoding="utf-8")
    notice = out / "built" / "notice.docx"
    with contextlib.suppress(SystemExit):  # the new file has a warning: exit code 0 or 1
        main(["diff", str(out / "old.yaml"), str(out / "new.yaml"), "--notice", str(notice)],
             standalone_mode=False)
    assert notice.exists()
    files = sorted((out / "built").rglob("*.docx"))
    failures = [r for r in pdf.convert(files, out / "built", workers=2) if r.error]
    assert not failures, failures
    return files


def test_no_page_ends_with_a_heading_header_row_or_lead_in(documents):
    problems = []
    for docx in documents:
        banned = must_not_end_a_page(docx)
        for number, ending in enumerate(page_endings(docx.with_suffix(".pdf")), start=1):
            found = why_not_here(ending, *banned)
            if found:
                problems.append(f"{docx.parent.name}/{docx.name} page {number}: {found}")
    assert problems == []


CODE = re.compile(r"\bES \d+-\d+(?:-\d+)?")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def pdf_text(pdf_file: Path) -> str:
    """The PDF's text in reading order, line by line, line-breaking characters undone."""
    return plain(subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True,
                                text=True, check=True).stdout)


def test_classification_codes_are_never_split_across_lines(documents):
    """'ES 1-4-1' is printed with a no-break space and hyphens: LibreOffice keeps it whole."""
    checked = 0
    for docx in documents:
        codes = CODE.findall(plain(docx_text(docx.read_bytes(), properties=False)))
        found = CODE.findall(pdf_text(docx.with_suffix(".pdf")))
        assert sorted(found) == sorted(codes), docx.name
        checked += len(codes)
    assert checked >= 10


def test_email_addresses_break_only_after_at_or_dot(documents):
    checked = 0
    for docx in documents:
        addresses = ADDRESS.findall(plain(docx_text(docx.read_bytes(), properties=False)))
        joined = re.sub(r"(?<=[@.])\n", "", pdf_text(docx.with_suffix(".pdf")))
        for address in set(addresses):
            assert joined.count(address) >= addresses.count(address), (docx.name, address)
        checked += len(addresses)
    assert checked >= 10


def test_codes_and_addresses_carry_their_line_breaking_characters(documents):
    text = docx_text(next(d for d in documents if d.name == "funding-application.docx")
                     .read_bytes())
    assert "ES\u00a01\u20114\u20111" in text and "ES 1-4-1" not in text
    # an address in a table cell may break after @ and .; in running text it stays whole
    assert "@\u200beducation.\u200bvic.\u200bgov.\u200bau.\u200bexample)" in text  # the JSPM
    assert "vet.secondary@education.vic.gov.au" in text
