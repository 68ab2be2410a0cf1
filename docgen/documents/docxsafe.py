"""Opening a .docx nobody vetted: bounded reading, and nothing that reaches outside it.

Templates come from cluster repositories and `docgen text` reads whatever git hands
it, so a .docx is untrusted input. Everything that opens one goes through `open_docx`:
- only a regular file, read through a byte cap (a FIFO or device never blocks);
- the zip's members checked before any is inflated: no absolute or `..` names,
  no duplicates, only stored or deflated, not encrypted, not too many;
- each part inflated in chunks and stopped at a cap, per part and in all (the sizes a
  zip's header declares are never trusted: that is how a zip bomb works);
- a template (`check_links`) may not link outside itself: linked images and
  objects, `INCLUDETEXT`/`INCLUDEPICTURE`/`LINK`/`DDE` fields, `altChunk` imports and
  embedded OLE objects are refused by name; hyperlinks are fine (nothing fetches them);
  Word's `attachedTemplate` (a path on the author's machine) is dropped.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from docgen.errors import DocgenError
from docgen.files import FileTooLarge, NotRegularFile, read_regular

MAX_FILE_BYTES = 25_000_000
"""A template or generated document is tens of kilobytes; images may add a few MB."""
MAX_MEMBERS = 1_000
MAX_PART_BYTES = 16_000_000
"""Inflated size of one part: a 300-page document.xml is about 3 MB."""
MAX_TOTAL_BYTES = 64_000_000
MAX_TAGS = 20_000
"""Jinja tags in one part: the longest packaged template has a few hundred."""
MAIN_PART = "word/document.xml"
HYPERLINK = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
             "hyperlink")
ATTACHED_TEMPLATE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                     "attachedTemplate")
REFUSED_TYPES = {"aFChunk": "an imported document (altChunk)",
                 "oleObject": "an embedded OLE object", "package": "an embedded package",
                 "subDocument": "a linked sub-document", "frame": "a linked frame"}
LINKED = {"image": "an image", "oleObject": "an object", "video": "a video",
          "audio": "a sound", "font": "a font", "stylesWithEffects": "styles"}
LINKING_FIELD = re.compile(r"^\s*(INCLUDETEXT|INCLUDEPICTURE|LINK|DDEAUTO|DDE|IMPORT)\b")
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
SETTINGS = "word/settings.xml"
ATTACHED_TEMPLATE_TAG = re.compile(rb"<w:attachedTemplate\b[^>]*/>")


UNREADABLE = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error,
              NotImplementedError, UnicodeDecodeError)
"""What a damaged zip raises while it is opened or inflated (a bad member header, corrupt
deflate data, an unknown compression flag, a name in no known encoding)."""


class DocxError(DocgenError):
    """A .docx that docgen will not open, with the reason (exit 1)."""


@dataclass(frozen=True, slots=True)
class Package:
    """A .docx's parts, inflated and checked, in the zip's order."""

    parts: tuple[tuple[str, bytes], ...]

    def get(self, name: str) -> bytes | None:
        """The part named `name`, if the package has it."""
        return next((data for part, data in self.parts if part == name), None)

    def names(self) -> list[str]:
        """The part names, in the zip's order."""
        return [name for name, _ in self.parts]


def read_docx_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes (`files.py`)."""
    try:
        return read_regular(path, limit)
    except OSError as exc:
        raise DocxError(f"cannot read it ({exc.strerror})") from None
    except NotRegularFile:
        raise DocxError("not an ordinary file (a folder, pipe or device)") from None
    except FileTooLarge:
        raise DocxError(f"larger than {limit:,} bytes") from None


def member_problem(info: zipfile.ZipInfo, seen: set[str]) -> str | None:
    """Why one zip member cannot be part of a .docx, or None."""
    name = info.filename
    path = PurePosixPath(name)
    if not name or "\\" in name or "\0" in name or path.is_absolute() or ".." in path.parts:
        return f"the member name {name!r} points outside the package"
    if name in seen:
        return f"the member {name!r} appears twice"
    if info.flag_bits & 0x1:
        return f"the member {name!r} is encrypted"
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return f"the member {name!r} uses an unsupported compression method"
    return None


def inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """One member's bytes, stopped at MAX_PART_BYTES or the package's remaining budget."""
    limit = min(MAX_PART_BYTES, budget)
    chunks, total = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(1 << 16):
            total += len(chunk)
            if total > limit:
                raise DocxError(f"{info.filename} inflates to more than {limit:,} bytes "
                                "(a zip bomb, or far larger than any document)")
            chunks.append(chunk)
    return b"".join(chunks)


class NotAZip(DocxError):
    """The bytes are no zip at all; the message is the zip reader's reason."""


def zip_members(data: bytes, kind: str, wanted: re.Pattern[str] | None = None,
                needed: str | None = None) -> list[tuple[str, bytes]]:
    """The members of an Office zip (`kind`, e.g. 'a .docx') given as bytes, in order.

    Every member name, flag and method is checked before anything is inflated, and each
    member is inflated under MAX_PART_BYTES and the package's MAX_TOTAL_BYTES (never
    trusting its header); only the members matching `wanted` are inflated. `needed`
    names a member the package must have. `DocxError` says why a zip is refused (a
    `NotAZip` when it is none); docx and xlsx files are both read through here.
    """
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (*UNREADABLE, ValueError) as exc:
        raise NotAZip(str(exc)) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise DocxError(f"{len(infos):,} members; {kind} has a few dozen")
        seen: set[str] = set()
        for info in infos:
            if problem := member_problem(info, seen):
                raise DocxError(problem)
            seen.add(info.filename)
        if needed is not None and needed not in seen:
            raise DocxError(f"no {needed}: not {kind}")
        parts, budget = [], MAX_TOTAL_BYTES
        for info in infos:
            if info.is_dir() or (wanted is not None and not wanted.fullmatch(info.filename)):
                continue
            try:
                content = inflate(archive, info, budget)
            except UNREADABLE as exc:
                raise DocxError(f"{info.filename} cannot be read ({exc})") from None
            budget -= len(content)
            parts.append((info.filename, content))
    return parts


def read_package(data: bytes, wanted: re.Pattern[str] | None = None) -> Package:
    """The parts of a .docx given as bytes (only those matching `wanted`, if given)."""
    try:
        return Package(tuple(zip_members(data, "a Word document", wanted, MAIN_PART)))
    except NotAZip as exc:
        raise DocxError(f"not a .docx (Word) file ({exc})") from None


def open_docx(path: Path, wanted: re.Pattern[str] | None = None) -> Package:
    """A .docx file's checked parts; `DocxError` naming the file if it is refused."""
    try:
        return read_package(read_docx_file(path), wanted)
    except DocxError as exc:
        raise DocxError(f"{path}: {exc}") from None


def parse_xml(name: str, data: bytes) -> etree._Element:
    """A part's XML, parsed without DTDs, entities or network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"{name} is not well-formed XML ({exc})") from None


def reaches_out(target: str) -> bool:
    """A relationship target naming a URL, a drive or a network share, not a part."""
    return bool(URI_SCHEME.match(target)) or target.startswith(("//", "\\"))


def relationship_problems(name: str, data: bytes) -> list[str]:
    """External links and imports in one relationships part (hyperlinks are allowed)."""
    problems = []
    for rel in parse_xml(name, data).iter(RELS):
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        short = kind.rsplit("/", 1)[-1]
        external = rel.get("TargetMode") == "External" or reaches_out(target)
        if short in REFUSED_TYPES:
            problems.append(f"{REFUSED_TYPES[short]} ({name}); remove it from the template")
        elif external and kind not in (HYPERLINK, ATTACHED_TEMPLATE):
            what = LINKED.get(short, f"a link of type '{short}'")
            problems.append(f"{what} linked to {target[:80]!r} ({name}); docgen does not "
                            "follow a template's links: insert the content itself")
    return problems


def field_problems(name: str, data: bytes) -> list[str]:
    """Fields that would read another file, however Word split their instruction."""
    if b"instrText" not in data and b"fldSimple" not in data:
        return []
    root = parse_xml(name, data)
    instructions = [node.get(f"{W}instr", "") for node in root.iter(f"{W}fldSimple")]
    instructions += complex_field_instructions(root)
    found = {match.group(1) for text in instructions
             if (match := LINKING_FIELD.match(text.upper()))}
    return [f"an {field} field ({name}) would read another file; remove the field"
            for field in sorted(found)]


def complex_field_instructions(root: etree._Element) -> list[str]:
    """Each complex field's instruction, joined across the runs Word split it into.

    Fields nest (`{ INCLUDETEXT "{ FILENAME }" }`), so open fields are kept on a stack.
    """
    done: list[str] = []
    stack: list[list[str]] = []
    for node in root.iter(f"{W}fldChar", f"{W}instrText"):
        if node.tag == f"{W}instrText":
            if stack:
                stack[-1].append(node.text or "")
        elif node.get(f"{W}fldCharType") == "begin":
            stack.append([])
        elif node.get(f"{W}fldCharType") == "end" and stack:
            done.append("".join(stack.pop()))
    return done + ["".join(pieces) for pieces in stack]


def check_links(package: Package) -> Package:
    """The template, refused if it reaches outside itself; Word's attachedTemplate dropped."""
    problems = []
    for name, data in package.parts:
        if name.endswith(".rels"):
            problems += relationship_problems(name, data)
        elif name.startswith("word/") and name.endswith(".xml"):
            problems += field_problems(name, data)
    if problems:
        raise DocxError("; ".join(problems))
    return Package(tuple((name, without_attached_template(name, data))
                         for name, data in package.parts))


def without_attached_template(name: str, data: bytes) -> bytes:
    """settings.xml without `w:attachedTemplate`, its rels without the link it names."""
    if name == SETTINGS:
        return ATTACHED_TEMPLATE_TAG.sub(b"", data)
    if name == "word/_rels/settings.xml.rels" and ATTACHED_TEMPLATE.encode() in data:
        return re.sub(rb"<Relationship\b[^>]*attachedTemplate[^>]*/>", b"", data)
    return data


def count_tags(name: str, xml: bytes) -> None:
    """Refuse a part with more tags than any real template (bounded work before Jinja)."""
    tags = xml.count(b"{{") + xml.count(b"{%")
    if tags > MAX_TAGS:
        raise DocxError(f"{name} holds {tags:,} tags; a template has at most {MAX_TAGS:,}")
