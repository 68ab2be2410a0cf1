"""Template ↔ model contract lint: what a DOCX template asks for that docgen cannot give.

Each templated part (body, headers, footers, footnotes) is read as Word wrote it.
Every tag (`{{ }}`, `{% %}`, `{# #}`) is found in its paragraph's text and placed
(part, paragraph number, table/row/cell), then checked:
- tags split across Word runs and smart quotes inside tags are not problems: the
  render joins and straightens them (`documents/wordmarkup.py`), as Word and LibreOffice write them;
- opened but not closed in its paragraph, or several `{%p %}` in one paragraph: error;
- block tags that do not match (`{% if %}` without `{% endif %}` ...): error;
- names and attribute paths the context does not have (`shapes.py`): error.
The tags, one per line, form a Jinja source whose line numbers point back at the
paragraphs. The part as `documents/render.py` compiles it (after the markup's clean-up) is
also parsed, so anything that breaks only after the clean-up is reported too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateSyntaxError, meta
from lxml import etree

from docgen.documents.docxsafe import DocxError, check_links, count_tags, open_docx
from docgen.documents.render import TEMPLATED_PART, environment, patch
from docgen.documents.wordmarkup import tag_spans
from docgen.errors import RenderError, Severity, UsageError
from docgen.lint.shapes import Shape, undefined_uses

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OPENER = re.compile(r"\{\{|\{%|\{#")
STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
DOCXTPL_PREFIX = re.compile(r"^(\{\{|\{%|\{#)(p|tr|tc|r) ")
DOCXTPL_CELL_TAG = re.compile(r"^\{%\s*(colspan|cellbg)\s+(.*?)\s*%\}$")
DOCXTPL_MERGE_TAG = re.compile(r"^\{%\s*(vm|hm)\s*%\}$")
BLOCKS = {"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "set"}


@dataclass(frozen=True)
class TemplateProblem:
    """One problem in one template, placed where a person editing it in Word can find it."""

    template: str
    where: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        """Whether the problem is an error (not a warning)."""
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class Tag:
    """A tag as it reads in Word (quotes straightened) and where it is."""

    text: str
    where: str


def part_label(part: str) -> str:
    """'word/header2.xml' → 'header2'; the body is 'body'."""
    name = part.removeprefix("word/").removesuffix(".xml")
    return "body" if name == "document" else name


def cell_of(paragraph: etree._Element) -> str:
    """', table 2 row 3 cell 1' for a paragraph in a table (innermost), else ''."""
    cell = next(paragraph.iterancestors(f"{W}tc"), None)
    if cell is None:
        return ""
    row = cell.getparent()
    table = row.getparent()
    tables = list(table.getroottree().getroot().iter(f"{W}tbl"))
    rows = table.findall(f"{W}tr")
    return (f", table {tables.index(table) + 1} row {rows.index(row) + 1} "
            f"cell {row.findall(f'{W}tc').index(cell) + 1}")


def run_texts(paragraph: etree._Element) -> list[str]:
    """The paragraph's `<w:t>` texts, in order (not those of nested text boxes)."""
    return [t.text or "" for t in paragraph.iter(f"{W}t")
            if next(t.iterancestors(f"{W}p"), None) is paragraph]


def paragraph_tags(text: str, where: str) -> tuple[list[Tag], list[str]]:
    """The tags in a paragraph's text, and the start of any tag left unclosed."""
    spans = list(tag_spans(text))
    tags = [Tag(text[start:end].translate(STRAIGHT), where) for start, end in spans]
    leftover = outside_tags(text, spans)
    unclosed = [leftover[m.start():m.start() + 40] for m in OPENER.finditer(leftover)]
    return tags, unclosed


def outside_tags(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with every tag taken out."""
    pieces, position = [], 0
    for start, end in spans:
        pieces.append(text[position:start])
        position = end
    return "".join(pieces) + text[position:]


def part_tags(template: str, part: str, xml: bytes) -> tuple[list[Tag], list[TemplateProblem]]:
    """Every tag of one part, in order, with the problems visible in a single paragraph."""
    tags: list[Tag] = []
    problems: list[TemplateProblem] = []
    root = etree.fromstring(xml)
    for number, paragraph in enumerate(root.iter(f"{W}p"), start=1):
        where = f"{part_label(part)} paragraph {number}{cell_of(paragraph)}"
        text = "".join(run_texts(paragraph))
        found, unclosed = paragraph_tags(text, where)
        tags += found
        for start in unclosed:
            problems.append(TemplateProblem(template, where, Severity.ERROR,
                                            f"tag not closed in its paragraph: '{start}'"))
        problems += paragraph_tag_problems(template, where, found, text)
    return tags, problems


def paragraph_tag_problems(template: str, where: str, tags: list[Tag],
                           text: str) -> list[TemplateProblem]:
    """docxtpl replaces a paragraph holding `{%p %}` by the tag: other text there is lost."""
    whole = [t for t in tags if DOCXTPL_PREFIX.match(t.text) and t.text[2] == "p"]
    if len(whole) > 1:
        return [TemplateProblem(template, where, Severity.ERROR,
                                "several {%p %} tags in one paragraph; give each its own "
                                "paragraph (Word would call the file corrupt)")]
    if whole and outside_tags(text, list(tag_spans(text))).strip():
        return [TemplateProblem(template, where, Severity.ERROR,
                                f"'{whole[0].text}' shares its paragraph with text, which is "
                                "dropped when the document is built; move the text out")]
    return []


def jinja_line(tag: Tag) -> str:
    """The tag as plain Jinja: docxtpl's p/tr/tc/r prefixes and cell tags undone."""
    text = DOCXTPL_PREFIX.sub(r"\1 ", tag.text.translate(STRAIGHT))
    cell = DOCXTPL_CELL_TAG.match(text)
    if cell:
        return f"{{{{ {cell.group(2)} }}}}"
    return "" if DOCXTPL_MERGE_TAG.match(text) else text


def block_keyword(tag: Tag) -> str:
    """'for', 'endfor', 'else'... for a `{% %}` tag; '' otherwise or for `{% set x = y %}`."""
    text = jinja_line(tag)
    if not text.startswith("{%"):
        return ""
    words = text[2:-2].strip("-+ ").split()
    if not words or (words[0] == "set" and "=" in text):
        return ""
    return words[0]


def block_problems(template: str, tags: list[Tag]) -> list[TemplateProblem]:
    """Block tags that do not pair up, each reported where it stands."""
    problems, stack = [], []
    for tag in tags:
        word = block_keyword(tag)
        if word in BLOCKS:
            stack.append((word, tag))
        elif word.startswith("end") and word[3:] in BLOCKS:
            opened = [w for w, _ in stack]
            if word[3:] not in opened:
                problems.append(TemplateProblem(template, tag.where, Severity.ERROR,
                                                f"'{tag.text}' closes a {{% {word[3:]} %}} "
                                                "that was never opened"))
                continue
            while stack and stack[-1][0] != word[3:]:
                problems.append(unclosed(template, stack.pop()[1], tag))
            stack.pop()
        elif word in ("else", "elif") and not any(w in ("if", "for") for w, _ in stack):
            problems.append(TemplateProblem(template, tag.where, Severity.ERROR,
                                            f"'{tag.text}' is outside any {{% if %}}"))
    return problems + [unclosed(template, opener, None) for _, opener in stack]


def unclosed(template: str, opener: Tag, closer: Tag | None) -> TemplateProblem:
    """The error for a block `opener` that is not closed (before `closer`, or at all)."""
    word = block_keyword(opener)
    until = f" before '{closer.text}' ({closer.where})" if closer else ""
    return TemplateProblem(template, opener.where, Severity.ERROR,
                           f"'{opener.text}' is not closed by {{% end{word} %}}{until}")


@dataclass(frozen=True)
class PartSource:
    """One templated part: its name, raw XML and the tags found in it."""

    name: str
    xml: bytes
    tags: list[Tag]


def parse_problems(template: str, part: PartSource, context: Shape) -> list[TemplateProblem]:
    """Jinja syntax errors and undefined names, placed by the tag's line in the tag source."""
    env = environment()
    source = "\n".join(jinja_line(tag) for tag in part.tags)
    try:
        ast = env.parse(source)
    except TemplateSyntaxError as exc:
        where = part.tags[exc.lineno - 1].where if 0 < exc.lineno <= len(part.tags) else ""
        return [TemplateProblem(template, where or part_label(part.name), Severity.ERROR,
                                f"template syntax error: {exc.message}")]
    return [TemplateProblem(template, part.tags[f.line - 1].where, Severity.ERROR, f.message)
            for f in undefined_uses(ast, context, set(env.globals))]


def patched_problems(template: str, part: PartSource, context: Shape,
                     reported: bool) -> list[TemplateProblem]:
    """The part as documents/render.py compiles it: anything that breaks only after the clean-up."""
    env = environment()
    label = part_label(part.name)
    try:
        ast = env.parse(patch(part.xml))
    except RenderError as exc:
        return [TemplateProblem(template, label, Severity.ERROR, str(exc))]
    except TemplateSyntaxError as exc:
        if reported:
            return []
        return [TemplateProblem(template, f"{label} (as compiled, line {exc.lineno})",
                                Severity.ERROR, f"template syntax error: {exc.message}")]
    known = set(context.fields or {}) | set(env.globals)
    missing = sorted(meta.find_undeclared_variables(ast) - known)
    if reported or not missing:
        return []
    return [TemplateProblem(template, label, Severity.ERROR,
                            f"undefined variable '{name}' (as compiled)") for name in missing]


def lint_template(path: Path, context: Shape) -> list[TemplateProblem]:
    """Every problem in one DOCX template."""
    name = str(path)
    try:
        package = check_links(open_docx(path))
        parts = [(n, data) for n, data in package.parts if TEMPLATED_PART.fullmatch(n)]
        for part_name, xml in parts:
            count_tags(part_name, xml)
    except DocxError as exc:
        return [TemplateProblem(name, "file", Severity.ERROR, str(exc).removeprefix(f"{name}: "))]
    problems: list[TemplateProblem] = []
    for part_name, xml in parts:
        tags, found = part_tags(name, part_name, xml)
        found += block_problems(name, tags)
        part = PartSource(part_name, xml, tags)
        if not any(p.is_error for p in found):
            found += parse_problems(name, part, context)
        problems += found + patched_problems(name, part, context,
                                             any(p.is_error for p in found))
    return problems


def template_files(paths: list[Path]) -> list[Path]:
    """The .docx files named, or found (not recursively) in the folders named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.docx") if not p.name.startswith("~$"))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    if not found:
        raise UsageError(f"no .docx templates in {', '.join(map(str, paths))}")
    return found
