"""Write the hostile .docx files of tests/data/hostile/ (templates and documents).

Run from the repository root after changing a case:  python tools/hostile_docx.py
Each file starts from a packaged template (so everything but the attack is a real
template) and adds one attack: a zip bomb, a link out of the package, a field that reads
another file, a member name that climbs out, a template that runs for ever. The files
are committed; this script says how each was made.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "hostile"
SOURCE = ROOT / "templates" / "mou.docx"
DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

Parts = dict[str, bytes]


def parts_of(source: Path) -> Parts:
    with zipfile.ZipFile(source) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write(target: Path, parts: Parts, extra: Callable[[zipfile.ZipFile], None] | None = None
          ) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
        if extra:
            extra(archive)


def body_paragraph(parts: Parts, xml: str) -> Parts:
    """The template with one more paragraph at the start of the body."""
    document = parts[DOCUMENT].replace(b"<w:body>", b"<w:body>" + xml.encode(), 1)
    return {**parts, DOCUMENT: document}


def relationship(parts: Parts, rel: str) -> Parts:
    return {**parts, RELS: parts[RELS].replace(b"</Relationships>", rel.encode()
                                               + b"</Relationships>", 1)}


def paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def linked_image(target: str) -> Callable[[Parts], Parts]:
    """An image whose bytes LibreOffice would fetch from `target` (`r:link`)."""

    def attack(parts: Parts) -> Parts:
        rel = (f'<Relationship Id="rIdEvil" Type="{R_NS}/image" Target="{target}" '
               'TargetMode="External"/>')
        drawing = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
                   'drawingml/2006/wordprocessingDrawing"><wp:extent cx="952500" cy="952500"/>'
                   '<wp:docPr id="99" name="Evil"/><a:graphic xmlns:a="http://schemas.'
                   'openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas'
                   '.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://'
                   'schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr '
                   'id="99" name="evil.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip '
                   f'xmlns:r="{R_NS}" r:link="rIdEvil"/></pic:blipFill><pic:spPr/></pic:pic>'
                   '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')
        return body_paragraph(relationship(parts, rel), drawing)

    return attack


def field(instruction: str) -> Callable[[Parts], Parts]:
    """A complex field, its instruction split over two runs as Word writes it."""
    half = len(instruction) // 2

    def attack(parts: Parts) -> Parts:
        return body_paragraph(parts, (
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{instruction[:half]}</w:instrText></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{instruction[half:]}</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'))

    return attack


def write_bomb(target: Path, parts: Parts, name: str, size: int) -> None:
    """The template with `name` replaced by `size` bytes of spaces (about size/1000 zipped)."""

    def stream(archive: zipfile.ZipFile) -> None:
        info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(size // (1 << 20)):
                member.write(b" " * (1 << 20))

    write(target, {k: v for k, v in parts.items() if k != name}, stream)


def text(xml: str) -> Callable[[Parts], Parts]:
    return lambda parts: body_paragraph(parts, paragraph(xml))


def without(name: str) -> Callable[[Parts], Parts]:
    return lambda parts: {k: v for k, v in parts.items() if k != name}


def alt_chunk(parts: Parts) -> Parts:
    rel = (f'<Relationship Id="rIdChunk" Type="{R_NS}/aFChunk" Target="/etc/passwd" '
           'TargetMode="External"/>')
    return body_paragraph(relationship(parts, rel),
                          f'<w:altChunk xmlns:r="{R_NS}" r:id="rIdChunk"/>')


TEMPLATES: dict[str, Callable[[Parts], Parts]] = {
    "template-image-linked-to-a-local-file": linked_image("file:///etc/passwd"),
    "template-image-linked-to-a-web-address": linked_image("http://127.0.0.1:9/x.png"),
    "template-includetext-field": field(' INCLUDETEXT "/etc/passwd" '),
    "template-includepicture-field": field(' INCLUDEPICTURE "http://127.0.0.1:9/x.png" \\d '),
    "template-alt-chunk": alt_chunk,
    "template-without-document-part": without(DOCUMENT),
    "template-nested-loops-for-ever": text("{% for i in range(99999) %}{% for j in "
                                           "range(99999) %}{% endfor %}{% endfor %}"),
    "template-string-of-gigabytes": text("{{ 'x' * 10**10 }}"),
    "template-padding-of-gigabytes": text("{{ '{:>999999999}'.format(1) }}"),
    "template-prints-none": text("{{ none }}"),
    "template-two-hundred-thousand-tags": text("{%" * 200_000),
}


def climbing_member(archive: zipfile.ZipFile) -> None:
    archive.writestr("../../outside.xml", b"<x/>")


def main() -> None:
    base = parts_of(SOURCE)
    for case, attack in TEMPLATES.items():
        write(CORPUS / case / "templates" / "mou.docx", attack(base))
        print(f"wrote {case}/templates/mou.docx")
    write(CORPUS / "template-member-climbs-out" / "templates" / "mou.docx", base,
          climbing_member)
    for case, part in (("template-zip-bomb-in-document", DOCUMENT),
                       ("template-zip-bomb-in-styles", "word/styles.xml")):
        write_bomb(CORPUS / case / "templates" / "mou.docx", base, part, 200 << 20)
    write_bomb(CORPUS / "text-zip-bomb" / "bomb.docx", base, DOCUMENT, 400 << 20)
    print("wrote the member and text cases")


if __name__ == "__main__":
    main()
