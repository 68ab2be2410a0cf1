"""Templates as Word and LibreOffice save them render the same text as clean tags.

Word cannot run here, so the markup it writes is made here, following what docxtpl's
and python-docx's issue trackers show: tags split across runs with different
formatting, `w:proofErr` spell-check marks, bookmarks and `w:lastRenderedPageBreak`
inside tags, `&apos;`/`&quot;` entities, smart quotes typed inside tags and
`xml:space="preserve"`. Each packaged template is "saved by Word" this way and both
examples are built from the copies: every document's text must equal the original's.
"""

from __future__ import annotations

import copy
import itertools
import re
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from doctext import assert_examples_read_the_same, rewrite_docx
from lxml import etree

from docgen.documents.textdump import docx_text
from docgen.documents.wordmarkup import jinja_source, tag_spans

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TEMPLATED = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
SMART = {"'": ("\u2018", "\u2019"), '"': ("\u201c", "\u201d")}
_ids = itertools.count(9000)


def smart_quotes(tag: str) -> str:
    """Quotes inside a tag as Word's autocorrect types them: opening, then closing."""
    out, open_quote = [], {"'": True, '"': True}
    for char in tag:
        if char in SMART:
            out.append(SMART[char][0] if open_quote[char] else SMART[char][1])
            open_quote[char] = not open_quote[char]
        else:
            out.append(char)
    return "".join(out)


def word_run(text: str, properties: etree._Element | None, bold: bool) -> etree._Element:
    """A run as Word writes it: its own properties, `xml:space` on the text."""
    run = etree.Element(f"{W}r")
    props = copy.deepcopy(properties) if properties is not None else etree.Element(f"{W}rPr")
    run.append(props)
    if bold:
        etree.SubElement(props, f"{W}b")
    node = etree.SubElement(run, f"{W}t")
    node.text = text
    node.set(XML_SPACE, "preserve")
    return run


def cut_points(text: str) -> list[int]:
    """Where Word splits a text: inside each tag's opener and in its middle."""
    cuts = set()
    for start, end in tag_spans(text):
        cuts |= {start + 1, (start + end) // 2, end - 1}
    return sorted(c for c in cuts if 0 < c < len(text))


def marks() -> list[etree._Element]:
    """What Word leaves between the pieces of a split tag."""
    number = str(next(_ids))
    return [etree.Element(f"{W}proofErr", {f"{W}type": "spellStart"}),
            etree.Element(f"{W}bookmarkStart", {f"{W}id": number, f"{W}name": f"_Ref{number}"}),
            etree.Element(f"{W}bookmarkEnd", {f"{W}id": number}),
            etree.Element(f"{W}proofErr", {f"{W}type": "spellEnd"})]


def split_run(run: etree._Element) -> None:
    """One run holding tags → several, alternately bold, with Word's marks between."""
    if [child.tag for child in run if child.tag != f"{W}rPr"] != [f"{W}t"]:
        return  # tabs, breaks and fields stay as they are
    text = run.find(f"{W}t").text or ""
    spans = list(tag_spans(text))
    if not spans:
        return
    for start, end in reversed(spans):
        text = text[:start] + smart_quotes(text[start:end]) + text[end:]
    bounds = [0, *cut_points(text), len(text)]
    properties = run.find(f"{W}rPr")
    parent, index = run.getparent(), run.getparent().index(run)
    new: list[etree._Element] = []
    for number, (a, b) in enumerate(itertools.pairwise(bounds)):
        piece = word_run(text[a:b], properties, bold=number % 2 == 1)
        if number == 1:
            piece.insert(1, etree.Element(f"{W}lastRenderedPageBreak"))
        new += [piece] if number == 0 else [*marks(), piece]
    parent.remove(run)
    for offset, element in enumerate(new):
        parent.insert(index + offset, element)


def as_word_saves(xml: bytes) -> bytes:
    """A templated part as Word would save it after a person retyped every tag."""
    root = etree.fromstring(xml)
    for run in list(root.iter(f"{W}r")):
        split_run(run)
    text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return re.sub(rb"(<w:t[^>]*>)([^<]*)(</w:t>)",
                  lambda m: m.group(1) + m.group(2).replace(b"'", b"&apos;")
                  .replace(b'"', b"&quot;") + m.group(3), text)


def word_copy(source: Path, target: Path) -> None:
    rewrite_docx(source, target, lambda name, data: as_word_saves(data)
                 if TEMPLATED.fullmatch(name) else data)


@pytest.fixture(scope="module")
def word_templates(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("word-templates")
    for source in sorted((REPO / "templates").glob("*.docx")):
        word_copy(source, folder / source.name)
    return folder


def test_the_copies_really_carry_word_markup(word_templates):
    xml = zipfile.ZipFile(word_templates / "mou.docx").read("word/document.xml")
    for markup in (b"<w:proofErr", b"<w:bookmarkStart", b"<w:lastRenderedPageBreak",
                   b"&apos;", b"<w:b/>"):
        assert markup in xml, markup
    assert b"{{ cluster.name }}" not in xml


def test_templates_saved_by_word_render_the_same_text(run_cli, word_templates, tmp_path):
    assert run_cli("lint", "--templates", word_templates, "--strict").exit_code == 0
    assert_examples_read_the_same(run_cli, word_templates, tmp_path,
                                  lambda data: docx_text(data, properties=False))


def paragraph(*runs: str) -> bytes:
    body = "".join(runs)
    return (f'<w:document xmlns:w="{W_NS}"><w:body><w:p>{body}</w:p></w:body>'
            "</w:document>").encode()


def run(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize("runs", [
    [run("{{ cluster."), '<w:proofErr w:type="spellStart"/>', run("name }}")],
    [run("{"), run("{ cluster.name }", "<w:rPr><w:i/></w:rPr>"), run("}")],
    [run("{{ cluster"), '<w:bookmarkStart w:id="0" w:name="x"/>', run(".name }}"),
     '<w:bookmarkEnd w:id="0"/>'],
    ["<w:r><w:t>{{ cluster.</w:t><w:lastRenderedPageBreak/><w:t>name }}</w:t></w:r>"],
], ids=["proofErr", "formatting", "bookmark", "page-break"])
def test_split_tags_are_joined_in_their_first_run(runs):
    source = jinja_source(paragraph(*runs))
    assert "{{ cluster.name }}" in source
    assert "proofErr" not in source and "lastRenderedPageBreak" not in source


def test_entities_and_smart_quotes_inside_tags_become_plain_jinja():
    source = jinja_source(paragraph(run("{% if a == &apos;x&apos; or b == &quot;y&quot; %}"),
                                    run("{{ c \u201cq\u201d \u2018r\u2019 }}"),
                                    run("{% if d &lt; 3 %}")))
    assert "{% if a == 'x' or b == \"y\" %}" in source
    assert "{{ c \"q\" 'r' }}" in source and "{% if d < 3 %}" in source


def test_quotes_and_entities_outside_tags_stay_text():
    source = jinja_source(paragraph(run("Tom\u2019s &amp; Jo&apos;s &lt;b&gt;")))
    assert "Tom\u2019s &amp; Jo's &lt;b&gt;" in source


def test_paragraph_and_row_tags_replace_their_element():
    table = (f'<w:document xmlns:w="{W_NS}"><w:body><w:tbl>'
             f"<w:tr><w:tc><w:p>{run('{%tr for s in schools %}')}</w:p></w:tc></w:tr>"
             f"<w:tr><w:tc><w:p>{run('{{ s.name }}')}</w:p></w:tc></w:tr>"
             f"<w:tr><w:tc><w:p>{run('{%tr endfor %}')}</w:p></w:tc></w:tr>"
             f"</w:tbl><w:p>{run('{%p if x %}')}</w:p></w:body></w:document>").encode()
    source = jinja_source(table)
    assert re.search(r"<w:tbl>\{% for s in schools %\}<w:tr>.*\{\{ s.name \}\}.*"
                     r"</w:tr>\{% endfor %\}</w:tbl>\{% if x %\}</w:body>", source), source


def test_tag_scanning_is_linear_on_unclosed_openers():
    text = "{{ x }}" + "{%" * 200_000 + "{{ y }}"
    assert [text[a:b] for a, b in tag_spans(text)] == ["{{ x }}", "{{ y }}"]


def test_a_template_syntax_error_names_its_part():
    from docgen.documents.render import compile_part
    from docgen.errors import RenderError

    xml = (b'<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b"<w:p><w:r><w:t>Page {{ doc.page </w:t></w:r></w:p></w:ftr>")
    with pytest.raises(RenderError, match=r"^mou\.docx \(word/footer1\.xml\): template "
                                          r"syntax error"):
        compile_part("mou.docx", "word/footer1.xml", xml)
