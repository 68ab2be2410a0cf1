"""DOCX templates → document bytes, in memory. Nothing here touches the output folder.

A template is opened, its Word markup cleaned up (`wordmarkup.py` joins tags Word or
LibreOffice split across runs and turns `{%tr %}`/`{%p %}` into plain Jinja) and
compiled by Jinja once per process; each document is then one Jinja render per part,
a strict XML parse of the result (a loss is an error, never repaired silently) and a
zip written with fixed timestamps and order, so the same inputs give the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError, nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from docgen.cluster.logo import Logo
from docgen.documents.budget import bounded
from docgen.documents.docxsafe import (
    MAX_PART_BYTES,
    DocxError,
    Package,
    check_links,
    count_tags,
    open_docx,
)
from docgen.documents.logo import HEADER_PART, package_logo, place_logo
from docgen.documents.wordmarkup import jinja_source
from docgen.documents.ziparchive import Entry, archive, deflate
from docgen.errors import RenderError

TEMPLATED_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
CORE_PART = "docProps/core.xml"
RENDER_SECONDS = 10.0
"""A document renders in milliseconds; a template looping for ever is stopped."""
RENDER_MEMORY = 500_000_000
"""Memory one document's rendering may add to the process."""


def refuse_none(value: Any) -> Any:
    """Jinja `finalize`: printing None means a template forgot an `{% if %}`."""
    if value is None:
        raise RenderError("a template printed an empty value (None); guard it with {% if %}")
    return value


@cache
def environment() -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, autoescaped, strict about undefined names.

    Not `optimized`: Jinja's optimiser evaluates constant expressions while compiling
    (`{{ 'x' * 10**10 }}`), outside the render's time and memory budget.
    """
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined,
                                finalize=refuse_none, keep_trailing_newline=True,
                                optimized=False)


@dataclass(frozen=True, slots=True)
class CompiledTemplate:
    """A DOCX template ready to render: its parts in order, the templated ones compiled."""

    name: str
    parts: tuple[tuple[str, Entry | Template], ...]
    """Templated parts compiled; the others already deflated, reused by every document."""


def patch(xml: bytes) -> str:
    """The part as Jinja source (`wordmarkup.py`), plus a newline before each paragraph.

    The newline lets a Jinja error's line number point at one paragraph.
    """
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", jinja_source(xml))


def compile_part(name: str, part: str, xml: bytes) -> Template:
    """One templated part, compiled; a syntax error or a tag printing `none` is a RenderError."""
    try:
        source = patch(xml)
    except RenderError as exc:
        raise RenderError(f"{name} ({part}): {exc}") from None
    try:
        tree = environment().parse(source)
    except TemplateError as exc:
        raise RenderError(f"{name} ({part}): template syntax error: {exc}"
                          f"{nearby(source, exc)}") from None
    if any(isinstance(node, nodes.Const) and node.value is None
           for output in tree.find_all(nodes.Output) for node in output.nodes):
        raise RenderError(f"{name} ({part}): a tag prints 'none', an empty value; remove it")
    return environment().from_string(tree)


def nearby(source: str, exc: TemplateError) -> str:
    """The template text around a Jinja error, XML stripped, for the message."""
    line = getattr(exc, "lineno", None)
    if not line:
        return ""
    lines = source.splitlines()[max(line - 2, 0): line + 1]
    text = " / ".join(t for t in (re.sub(r"<[^>]+>", "", x).strip() for x in lines) if t)
    return f" (near: {text[:200]})" if text else ""


def read_template(path: Path) -> Package:
    """The template's parts, checked as untrusted input (`docxsafe.py`)."""
    try:
        package = open_docx(path)
    except DocxError as exc:
        raise RenderError(str(exc)) from None
    try:
        return check_links(package)
    except DocxError as exc:
        raise RenderError(f"{path}: {exc}") from None


def compile_template(path: Path) -> CompiledTemplate:
    """Read, patch and compile one DOCX template."""
    parts: list[tuple[str, Entry | Template]] = []
    with bounded(RENDER_SECONDS, RENDER_MEMORY, f"compiling {path.name}"):
        for name, data in read_template(path).parts:
            parts.append((name, compile_or_deflate(path, name, data)))
    return CompiledTemplate(path.name, tuple(parts))


def compile_or_deflate(path: Path, name: str, data: bytes) -> Entry | Template:
    """A templated part compiled (after counting its tags); any other part deflated."""
    if not TEMPLATED_PART.fullmatch(name):
        return deflate(name, data)
    try:
        count_tags(name, data)
    except DocxError as exc:
        raise RenderError(f"{path}: {exc}") from None
    return compile_part(path.name, name, data)


def render_part(template: CompiledTemplate, part: str, compiled: Template,
                context: dict[str, Any]) -> bytes:
    """One part rendered and parsed strictly; the text is returned as UTF-8 bytes."""
    try:
        xml = compiled.render(context)
    except TemplateError as exc:
        raise RenderError(f"{template.name} ({part}): {exc}") from None
    except RenderError:
        raise
    except MemoryError:
        raise RenderError(f"{template.name} ({part}): the template asked for more memory than "
                          f"a document may use ({RENDER_MEMORY // 1_000_000:,} MB)") from None
    except Exception as exc:  # an expression in the template failed: `{{ 1/0 }}`, huge range()
        raise RenderError(f"{template.name} ({part}): {type(exc).__name__}: {exc}") from None
    if len(xml) > MAX_PART_BYTES:
        raise RenderError(f"{template.name} ({part}): the rendered part is larger than "
                          f"{MAX_PART_BYTES:,} characters")
    data = xml.replace("\n<w:p>", "<w:p>").replace("\n<w:p ", "<w:p ").encode("utf-8")
    try:
        etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"{template.name} ({part}): rendered XML is not well-formed: {exc}") \
            from None
    return data


def render_docx(template: CompiledTemplate, context: dict[str, Any], core_xml: bytes,
                logo: Logo | None = None) -> bytes:
    """The document's bytes: every part rendered, zipped in a fixed order with fixed times.

    Only the rendered parts and core.xml are deflated here; the template's other parts
    were deflated once, when it was compiled. Templates are untrusted, so the rendering
    runs within a time and memory budget (`budget.py`). A header showing `logo` gets
    the picture and the parts it needs (`logo.py`).
    """
    entries, shown = [], []
    with bounded(RENDER_SECONDS, RENDER_MEMORY, f"rendering {template.name}"):
        for name, content in template.parts:
            if isinstance(content, Template):
                xml = render_part(template, name, content, context)
                if HEADER_PART.fullmatch(name):
                    xml, placed = place_logo(xml, logo)
                    shown += [name] * placed
                entries.append(deflate(name, xml))
            else:
                entries.append(deflate(name, core_xml) if name == CORE_PART else content)
    if logo is not None and shown:
        entries = package_logo(entries, shown, logo)
    return archive(entries)
