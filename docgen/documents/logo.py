"""The cluster's logo in a document's header: a picture part, its relationship, its place.

A template marks the logo's place with the run holding `{{ doc.logo_mark }}`, which the
context fills with `LOGO_MARK` when the cluster file names a logo. After a header part
is rendered, `place_logo` swaps the mark for an inline picture (or just drops it when
there is no picture to show); `package_logo` then adds what the picture needs to the
package: the image part, a relationship from each header that shows it, and its
content type. Every name, id and size is fixed, so the same logo gives the same bytes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable

from lxml import etree

from docgen.cluster.logo import Logo
from docgen.documents.ziparchive import Entry, deflate

LOGO_MARK = "\ue000docgen-logo\ue000"
"""Private-use characters around a name: nothing a cluster file means to print."""
HEADER_PART = re.compile(r"word/header\d*\.xml")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
IMAGE = f"{R}/image"
RELATIONSHIP_ID = "rIdDocgenLogo"
HEIGHT_EMU = 324_000  # 0.9 cm: the header's height, beside one line of text
MAX_WIDTH_EMU = 1_800_000  # 5 cm
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def media_name(logo: Logo) -> str:
    """The logo's part name: `word/media/docgen-logo.png` or `.jpeg`."""
    return f"word/media/docgen-logo.{'png' if logo.kind == 'png' else 'jpeg'}"


def extent(logo: Logo) -> tuple[int, int]:
    """Width and height in EMU: 0.9 cm high, keeping the picture's proportions."""
    width = HEIGHT_EMU * logo.width // logo.height
    if width <= MAX_WIDTH_EMU:
        return width, HEIGHT_EMU
    return MAX_WIDTH_EMU, MAX_WIDTH_EMU * logo.height // logo.width


def picture_run(logo: Logo) -> etree._Element:
    """`<w:r>` holding the logo as an inline picture."""
    cx, cy = (str(n) for n in extent(logo))
    xml = (
        f'<w:r xmlns:w="{W}"><w:drawing><wp:inline xmlns:wp="{WP}" distT="0" distB="0" '
        f'distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="4101" '
        f'name="Cluster logo" descr="Cluster logo"/><wp:cNvGraphicFramePr><a:graphicFrameLocks '
        f'xmlns:a="{A}" noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="{A}">'
        f'<a:graphicData uri="{PIC}"><pic:pic xmlns:pic="{PIC}"><pic:nvPicPr><pic:cNvPr '
        f'id="0" name="Cluster logo"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip '
        f'xmlns:r="{R}" r:embed="{RELATIONSHIP_ID}"/><a:stretch><a:fillRect/></a:stretch>'
        f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        f'</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    return etree.fromstring(xml, PARSER)


def place_logo(xml: bytes, logo: Logo | None) -> tuple[bytes, bool]:
    """The header with the logo where its mark is (the mark dropped when there is no
    logo), and whether the logo was placed."""
    if LOGO_MARK.encode() not in xml:
        return xml, False
    root = etree.fromstring(xml, PARSER)
    placed = False
    for text in root.iter(f"{{{W}}}t"):
        if text.text is None or LOGO_MARK not in text.text:
            continue
        before, _, after = text.text.partition(LOGO_MARK)
        text.text = before + after.replace(LOGO_MARK, "")
        if logo is not None and not placed:
            run = text.getparent()
            if before:  # the mark shared its run with text: the picture follows that text
                run.addnext(picture_run(logo))
            else:
                run.addprevious(picture_run(logo))
            placed = True
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True)), placed


def relationships(data: bytes | None, logo: Logo) -> bytes:
    """A header's relationships, with the logo's added (a new part if it had none)."""
    root = etree.fromstring(data, PARSER) if data else etree.Element(f"{{{RELS}}}Relationships",
                                                                     nsmap={None: RELS})
    for old in [r for r in root if r.get("Id") == RELATIONSHIP_ID]:
        root.remove(old)
    etree.SubElement(root, f"{{{RELS}}}Relationship", Id=RELATIONSHIP_ID, Type=IMAGE,
                     Target=media_name(logo).removeprefix("word/"))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def content_types(data: bytes, logo: Logo) -> bytes:
    """[Content_Types].xml knowing the logo's kind."""
    root = etree.fromstring(data, PARSER)
    extension = "png" if logo.kind == "png" else "jpeg"
    if not any(d.get("Extension", "").lower() == extension for d in root):
        default = etree.Element(f"{{{TYPES}}}Default", Extension=extension,
                                ContentType=f"image/{logo.kind}")
        root.insert(0, default)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def inflate(entry: Entry) -> bytes:
    """A zip entry's bytes, inflated."""
    return zlib.decompress(entry.deflated, -15)


def package_logo(entries: list[Entry], headers: Iterable[str], logo: Logo) -> list[Entry]:
    """`entries` with the logo's image part, its content type and a relationship from each
    header in `headers`."""
    wanted = {rels_name(header) for header in headers}
    out, found = [], set()
    for entry in entries:
        if entry.name in wanted:
            found.add(entry.name)
            entry = deflate(entry.name, relationships(inflate(entry), logo))
        elif entry.name == "[Content_Types].xml":
            entry = deflate(entry.name, content_types(inflate(entry), logo))
        out.append(entry)
    out += [deflate(name, relationships(None, logo)) for name in sorted(wanted - found)]
    out.append(deflate(media_name(logo), logo.data))
    return out


def rels_name(part: str) -> str:
    """'word/_rels/header1.xml.rels' for 'word/header1.xml'."""
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"
