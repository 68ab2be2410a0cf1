"""The HTML preview of a document: headings, lists, tables, header and footer, all escaped."""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CLUSTERS, DATA, REFERENCE

from docgen.cluster.check import check_source
from docgen.documents.catalogue import select
from docgen.documents.docxsafe import DocxError
from docgen.documents.generate import render_cluster
from docgen.documents.preview import docx_html

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class Outline(HTMLParser):
    """The elements of a fragment as (tag, text) pairs, and whether it is well nested."""

    VOID = {"br"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, int]] = []
        self.found: list[tuple[str, str]] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += attrs
        if tag not in self.VOID:
            self.stack.append((tag, len(self.found)))
            self.found.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        """Text belongs to the innermost open element (line breaks between tags do not)."""
        if self.stack and data.strip("\n"):
            tag, index = self.stack[-1]
            self.found[index] = (tag, self.found[index][1] + data)


def outline(fragment: str) -> Outline:
    parser = Outline()
    parser.feed(fragment)
    parser.close()
    assert parser.stack == [], "unclosed elements"
    return parser


def rendered(text: str, document: str) -> bytes:
    checked = check_source(Path("x.yaml"), "x.yaml", lambda: text.encode(), REFERENCE)
    assert checked.cluster is not None, checked.problems
    return render_cluster(checked.cluster, select([document]), REFERENCE)[document]


def southern(document: str) -> bytes:
    return rendered((CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8"), document)


def test_headings_follow_the_title_and_heading_styles() -> None:
    found = outline(docx_html(southern("mou"))).found
    assert ("h2", "Memorandum of Understanding") in found  # Title
    assert ("h3", "1. Parties") in found  # Heading 1
    assert ("h4", "Member schools") in found  # Heading 2
    assert ("h3", "1. Parties") in outline(docx_html(southern("mou"), top=2)).found
    assert ("h1", "Memorandum of Understanding") in outline(docx_html(southern("mou"),
                                                                      top=1)).found


def test_tables_lists_header_and_footer() -> None:
    fragment = docx_html(southern("mou"))
    found = outline(fragment).found
    assert ("td", "Seaholme Bay Secondary College") in found
    assert ("th", "School") in found  # a repeated header row
    assert ("li", "cluster governance arrangements") in found
    header = re.search(r'<section class="docgen-header"[^>]*>(.*?)</section>', fragment, re.S)
    footer = re.search(r'<section class="docgen-footer"[^>]*>(.*?)</section>', fragment, re.S)
    assert header and "Southern Shores VET Cluster" in header.group(1)
    assert footer and "Page [PAGE] of [NUMPAGES]" in footer.group(1)
    assert fragment.index("docgen-header") < fragment.index("docgen-body") \
        < fragment.index("docgen-footer")


def test_numbered_lists_are_ordered_lists() -> None:
    fragment = docx_html(southern("position-description"))
    assert re.search(r"<ol>\n<li>[^<]+</li>", fragment)
    assert re.search(r"<ul>\n<li>[^<]+</li>", fragment)


def test_every_text_is_escaped_and_nothing_becomes_markup() -> None:
    text = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    name = '<script>alert("x")</script> & <b onclick=\'y\'>Bold</b> Māori 🎓'
    quoted = name.replace("'", "''")
    text = text.replace("name: Southern Shores VET Cluster", f"name: '{quoted}'", 1)
    fragment = docx_html(rendered(text, "mou"))
    parsed = outline(fragment)
    assert "script" not in {tag for tag, _ in parsed.found}
    assert "b" not in {tag for tag, _ in parsed.found}
    assert {name for name, _ in parsed.attributes} <= {"class", "aria-label"}
    assert ("p", name) in parsed.found  # the subtitle, exactly as written, once unescaped
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b" in fragment


def docx(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def paragraph(text: str, style: str = "", numbered: bool = False) -> str:
    properties = f'<w:pStyle w:val="{style}"/>' if style else ""
    properties += '<w:numPr><w:numId w:val="1"/></w:numPr>' if numbered else ""
    return f"<w:p><w:pPr>{properties}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_styles_are_known_by_name_whatever_their_id() -> None:
    """Word in German saves Heading 1 as id 'berschrift1'; its name stays 'heading 1'."""
    styles = (f'<w:styles {W}><w:style w:styleId="berschrift1"><w:name w:val="heading 1"/>'
              '</w:style><w:style w:styleId="Aufzhlung"><w:name w:val="List Bullet"/>'
              "</w:style></w:styles>")
    body = (paragraph("Zweck", "berschrift1") + paragraph("eins", "Aufzhlung")
            + paragraph("zwei", numbered=True) + paragraph("") + paragraph("Text &amp; mehr")
            + "<w:tbl><w:tr><w:tc>" + paragraph("a") + paragraph("b") + "</w:tc></w:tr></w:tbl>")
    fragment = docx_html(docx({"word/document.xml": f"<w:document {W}><w:body>{body}"
                                                    "</w:body></w:document>",
                               "word/styles.xml": styles}))
    found = outline(fragment).found
    assert found[2:] == [("h3", "Zweck"), ("ul", ""), ("li", "eins"), ("li", "zwei"),
                         ("p", "Text & mehr"), ("table", ""), ("tr", ""), ("td", ""),
                         ("p", "a"), ("p", "b")]
    assert "docgen-header" not in fragment  # no header part: no empty section


def test_a_hostile_docx_is_refused_in_bounded_time() -> None:
    with pytest.raises(DocxError, match="inflates to more than"):
        docx_html((DATA / "hostile" / "text-zip-bomb" / "bomb.docx").read_bytes())
    with pytest.raises(DocxError, match="not a .docx"):
        docx_html(b"not a zip")
