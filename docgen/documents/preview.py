"""A DOCX document as an HTML fragment, for a preview in a browser: pure, bytes → text.

What a reader needs to see that the document says the right thing, not its layout:
headings (paragraph styles Title and Heading 1 to 3), paragraphs, tables, bulleted and
numbered lists, and the text of its headers and footers, each in its own marked
section. Every piece of text is escaped, and nothing from the document becomes markup,
an attribute or a link. No inline styles (the page's Content-Security-Policy forbids
them): the page styles the `docgen-preview` classes.

The .docx is read through `docxsafe.py` (bounded, only the parts shown), so a hostile
document (a template from elsewhere made it) cannot make this read much or long.
"""

from __future__ import annotations

import html
import re

from lxml import etree

from docgen.documents.docxsafe import parse_xml, read_package
from docgen.documents.textdump import paragraph_text, part_sort_key

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLES = "word/styles.xml"
PART = re.compile(r"word/(header|document|footer)(\d*)\.xml")
WANTED = re.compile(rf"{PART.pattern}|{re.escape(STYLES)}")
HEADINGS = {"title": 0, "heading1": 1, "heading2": 2, "heading3": 3}
"""Style name (lower case, no spaces) → heading depth below the preview's top level."""
LISTS = {"listbullet": "ul", "listnumber": "ol"}
CLASSED = {"subtitle": "subtitle", "quote": "quote"}
CONTAINERS = {"sdt", "sdtContent", "customXml", "smartTag"}
SECTIONS = {"header": "Page header", "footer": "Page footer"}


def docx_html(data: bytes, *, top: int = 2) -> str:
    """The document as an HTML fragment; its Title is `<h{top}>`, Heading 1 `<h{top+1}>`…

    Raises `DocxError` for a file that is not a readable .docx.
    """
    package = read_package(data, WANTED)
    styles = style_names(package.get(STYLES))
    parts = sorted((name for name in package.names() if PART.fullmatch(name)),
                   key=part_sort_key)
    sections: dict[str, list[str]] = {"header": [], "document": [], "footer": []}
    for name in parts:
        kind = PART.fullmatch(name).group(1)  # type: ignore[union-attr]  # filtered above
        root = parse_xml(name, package.get(name) or b"")
        body = root.find(f"{W}body")
        sections[kind] += Blocks(styles, top).of(body if body is not None else root)
    out = ['<div class="docgen-preview">']
    for kind, blocks in sections.items():
        if kind == "document":
            out += ['<section class="docgen-body">', *blocks, "</section>"]
        elif blocks:
            out += [f'<section class="docgen-{kind}" aria-label="{SECTIONS[kind]}">', *blocks,
                    "</section>"]
    out.append("</div>")
    return "\n".join(out) + "\n"


def style_names(styles: bytes | None) -> dict[str, str]:
    """Paragraph style id → its name, lower case without spaces ('Heading1' → 'heading1').

    Word and LibreOffice may give a built-in style another id (a translated one); its
    name stays English, so names are what the preview goes by.
    """
    if styles is None:
        return {}
    names = {}
    for style in parse_xml(STYLES, styles).iter(f"{W}style"):
        name = style.find(f"{W}name")
        if style.get(f"{W}styleId") and name is not None:
            names[style.get(f"{W}styleId", "")] = name.get(f"{W}val", "").replace(" ", "").lower()
    return names


def text_html(text: str) -> str:
    """Text escaped, a line break as `<br>`, a tab as a space."""
    return "<br>".join(html.escape(line.replace("\t", " ")) for line in text.split("\n"))


class Blocks:
    """The paragraphs, lists and tables of one part, as HTML lines."""

    def __init__(self, styles: dict[str, str], top: int) -> None:
        self.styles, self.top = styles, top

    def style(self, paragraph: etree._Element) -> str:
        """The paragraph's style name (lower case, no spaces), found by its style id."""
        found = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = found.get(f"{W}val", "") if found is not None else ""
        return self.styles.get(style_id, style_id.replace(" ", "").lower())

    def list_kind(self, paragraph: etree._Element, style: str) -> str | None:
        """'ul' or 'ol' for an item of a list (by its style, or numbered directly)."""
        if style in LISTS:
            return LISTS[style]
        return "ul" if paragraph.find(f"{W}pPr/{W}numPr") is not None else None

    def of(self, container: etree._Element) -> list[str]:
        """The blocks directly in `container` (looking through content controls)."""
        out: list[str] = []
        open_list: str | None = None
        for child in container:
            tag = etree.QName(child).localname
            kind = None
            if tag == "p":
                style = self.style(child)
                kind = self.list_kind(child, style)
                if kind != open_list:
                    out += [f"</{open_list}>"] if open_list else []
                    out += [f"<{kind}>"] if kind else []
                    open_list = kind
                out += self.paragraph(child, style, kind)
                continue
            if open_list:
                out.append(f"</{open_list}>")
                open_list = None
            if tag == "tbl":
                out += self.table(child)
            elif tag in CONTAINERS:
                out += self.of(child)
        return out + ([f"</{open_list}>"] if open_list else [])

    def paragraph(self, paragraph: etree._Element, style: str, kind: str | None) -> list[str]:
        """A paragraph as a list item, heading or paragraph (nothing if empty, unless an item)."""
        text = paragraph_text(paragraph)
        if kind:
            return [f"<li>{text_html(text)}</li>"]
        if not text.strip():
            return []
        if style in HEADINGS:
            level = min(self.top + HEADINGS[style], 6)
            return [f"<h{level}>{text_html(text)}</h{level}>"]
        if style in CLASSED:
            return [f'<p class="{CLASSED[style]}">{text_html(text)}</p>']
        return [f"<p>{text_html(text)}</p>"]

    def table(self, table: etree._Element) -> list[str]:
        """A table as HTML, its header rows' cells as `<th>`."""
        out = ["<table>"]
        for row in table.iterfind(f"{W}tr"):
            header = row.find(f"{W}trPr/{W}tblHeader") is not None
            cell_tag = "th" if header else "td"
            cells = [f"<{cell_tag}>{''.join(self.cell(cell))}</{cell_tag}>"
                     for cell in row.iterfind(f"{W}tc")]
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append("</table>")
        return out

    def cell(self, cell: etree._Element) -> list[str]:
        """A cell's blocks; a cell of one plain paragraph is just its text."""
        paragraphs = cell.findall(f"{W}p")
        if len(cell) - (cell.find(f"{W}tcPr") is not None) == 1 and len(paragraphs) == 1 \
                and self.list_kind(paragraphs[0], self.style(paragraphs[0])) is None:
            return [text_html(paragraph_text(paragraphs[0]))]
        return self.of(cell)
