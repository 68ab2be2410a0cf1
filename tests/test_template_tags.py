"""The packaged templates hold wording and simple tags only; logic lives in the context.

Coordinators edit these templates in Word, so every Jinja tag in them must be one of:
`{{ dotted.name }}`, `{% if [not] dotted.name %}`, `{% elif [not] dotted.name %}`,
`{% else %}`, `{% endif %}`, `{% for x in dotted.name %}`, `{% endfor %}`, each optionally
with docxtpl's `p` or `tr` prefix. Plurals, tests against display words, filters, loop
variables and the like become ready-made values in `docgen/documents/context/` (issue 10).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.documents.templates import packaged_templates

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
OPENER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
NAME = r"(?!(?:loop|not|and|or|in|is|if|else|true|false|none)\b)[A-Za-z_]\w*"
DOTTED = rf"{NAME}(?:\.{NAME})*"
SIMPLE = re.compile(
    rf"\{{\{{ {DOTTED} \}}\}}"
    rf"|\{{%(?:p|tr)? (?:(?:if|elif) (?:not )?{DOTTED}|else|endif|for {NAME} in {DOTTED}"
    rf"|endfor) %\}}")
# The notice's own variables come from docgen/changes/notice.py, which this change does not
# touch; these wait for counts there. The last test fails once they are gone.
WAITING = {"membership-change-notice.docx": {"{{ change.joining|length }}",
                                             "{{ change.leaving|length }}",
                                             "{{ change.renamed|length }}"}}
TEMPLATES = sorted(packaged_templates().glob("*.docx"))


def paragraph_texts(docx: Path) -> list[tuple[str, str]]:
    """(part, text) of every paragraph in every word/*.xml part, runs joined as Word shows."""
    texts = []
    with zipfile.ZipFile(docx) as archive:
        for part in archive.namelist():
            if part.startswith("word/") and part.endswith(".xml"):
                root = etree.fromstring(archive.read(part))
                texts += [(part, "".join(t.text or "" for t in p.iter(f"{W}t")))
                          for p in root.iter(f"{W}p")]
    return texts


def tags(docx: Path) -> list[tuple[str, str]]:
    """(part, tag) for every Jinja tag; a tag left open in its paragraph counts as a tag."""
    found = []
    for part, text in paragraph_texts(docx):
        found += [(part, tag) for tag in TAG.findall(text)]
        found += [(part, f"unclosed {rest!r}") for rest in OPENER.findall(TAG.sub("", text))]
    return found


def loose_tags(docx: Path) -> list[str]:
    """The tags in `docx` that are not one of the simple forms (and not waiting)."""
    waiting = WAITING.get(docx.name, set())
    return [f"{part}: {tag}" for part, tag in tags(docx)
            if not SIMPLE.fullmatch(tag) and tag not in waiting]


def test_every_template_is_checked():
    assert len(TEMPLATES) == 7, TEMPLATES
    assert all(tags(path) for path in TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_template_has_only_simple_tags(template: Path):
    assert loose_tags(template) == []


@pytest.mark.parametrize("tag", [
    "{{ cluster.name }}", "{%p if llens %}", "{%tr if not coordinator.vacant %}",
    "{% elif cluster.employer %}", "{% else %}", "{%p endif %}", "{%tr for s in schools %}",
    "{% for l in llen_words.items %}", "{%p endfor %}"])
def test_simple_forms_pass(tag: str):
    assert SIMPLE.fullmatch(tag)


@pytest.mark.parametrize("tag", [
    "{% if llens|length > 1 %}", "{% if s.sector == 'Government' %}", "{{ a|join('; ') }}",
    "{% if not loop.last %}", "{% if a and b %}", "{%p for f in functions if f.indicative %}",
    "{{ a ~ b }}", "{{ a.upper() }}", "{{ n + 1 }}", "{%tc if x %}", "{{cluster.name}}",
    "{% if x in y %}", "{% set x = 1 %}", "{# a note #}", "{{ loop.index }}"])
def test_logic_fails(tag: str):
    assert not SIMPLE.fullmatch(tag)


def test_waiting_tags_are_still_there():
    """Remove an entry from WAITING once its template no longer needs it."""
    for name, waiting in WAITING.items():
        assert waiting <= {tag for _, tag in tags(packaged_templates() / name)}
