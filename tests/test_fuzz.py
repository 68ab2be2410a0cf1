"""Fuzzing: well over a thousand generated cluster files per run, valid and mutated.

Each file starts as the `docgen new` starter with hostile text in its names and
wording (markup, template-like and XML-like text, macrons, emoji, any Unicode),
and half of them are then damaged the way editing goes wrong (lines dropped,
doubled or re-indented, YAML traps, stray bytes, truncation). For every file:

- checking never raises (a traceback would be a bug, exit 3);
- either it has errors, each placed at FILE:LINE:COLUMN inside the file (exit 1),
- or it is valid, and its MoU and Terms of Reference render, every XML part parses
  strictly, and (unless damaged) the text holds every generated string verbatim.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import REFERENCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from docgen.cli._common import failing
from docgen.cluster.check import check_file
from docgen.documents.catalogue import select
from docgen.documents.generate import render_cluster
from docgen.documents.textdump import docx_text
from docgen.report.problems import text_line

pytestmark = pytest.mark.slow  # over a thousand generated files

STARTER = Path(__file__).resolve().parent.parent / "docgen" / "starter.yaml"
SAMPLE_DOCUMENTS = select(["mou", "terms-of-reference"])
STRICT = etree.XMLParser(recover=False, resolve_entities=False)
VALID_EXAMPLES, MUTATED_EXAMPLES = 480, 540
RUNS = {"valid": 0, "mutated": 0, "rendered": 0}

# Values in the starter that every generated file replaces, each everywhere it occurs,
# so references between them (host school, chair, employer) stay consistent.
FIELDS = {
    "cluster": "__TITLE__", "area": "Example Area", "school_a": "Example Secondary College",
    "school_b": "Example College", "coordinator": "Alex Example", "llen": "Example LLEN",
    "quorum": "Half of the voting members plus one", "version": '"0.1"',
    "safety_lead": "Each host school principal, for students attending their site",
    "officer": "Sam Example", "jspm": "Jordan Example", "principal": "Casey Example",
    "vet_coordinator": "Robin Example", "frequency": "Once a term",
    "tafe": "Example Institute of TAFE",
}
HOSTILE = [
    "Smith & Jones <Partners>", "\"Quoted\" and 'single'", "{{ 7*7 }}", "{% if x %}y{% endif %}",
    "{%p if x %}", "{# comment #}", "<w:p><w:r><w:t>x</w:t></w:r></w:p>", "]]><![CDATA[",
    "&amp; &lt;", "Ngā Tūmanako Kāhui", "🎓 Ōtautahi 中文 ✨", "NO", "on", "0123", "10:30",
    "1.10", "~", "null", "- item", "key: value", "#hash", "*star", "&anchor", "!tag",
    "@at", "`tick`", "%pct", "a\\b", "  padded  ", "line\nbreak", "tab\there", "\u202eRTL",
]
TRAP_LINES = [
    "\tkey: value", "key:value", "  - x", "*alias", "&a value", "<<: *a", "!!str x", "{",
    "'", '"', "---", "? x", "- ", ":", "aera: Example", "member_schools: []", "cluster: ~",
    "  - name: [x]", "a: &a [1]\nb: [*a, *a]", "x: \"\\ud800\"", "x: \"\\x0b\"", "  ",
]
TRAP_VALUES = [
    "NO", "on", "yes", "0123", "10:30", "1.10", "~", "null", "[]", "{}", '""', "1e3", ".inf",
    "0x10", "2025-02-30", "-1", "1.5", "\"unterminated", "{{ x }}", "[a, b", "*x", "&y z",
    "!!binary aGk=", "2,000", "$5", "true", "Government",
]

printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
anything = st.characters(codec="utf-8", exclude_characters="\r")
clean_texts = st.one_of(
    st.text(printable, min_size=1, max_size=30),
    st.sampled_from(HOSTILE),
    st.lists(st.sampled_from(HOSTILE), min_size=2, max_size=4).map(" ".join),
)
wild_texts = st.one_of(clean_texts, st.text(anything, min_size=0, max_size=12))


def distinct_schools(generated: dict[str, str]) -> bool:
    """Whether the two school names differ as `unique_schools` compares them."""
    a, b = (" ".join(generated[k].split()).casefold() for k in ("school_a", "school_b"))
    return a != b


# Mostly files that should be valid (every field printable), so the render-verbatim
# property is exercised; some with any Unicode at all, which should mostly be refused.
values = st.one_of(
    st.fixed_dictionaries({name: clean_texts for name in FIELDS}).filter(distinct_schools),
    st.fixed_dictionaries({name: clean_texts for name in FIELDS}).filter(distinct_schools),
    st.fixed_dictionaries({name: clean_texts for name in FIELDS}).filter(distinct_schools),
    st.fixed_dictionaries({name: wild_texts for name in FIELDS}),
)


def starter_template() -> str:
    """The starter with each FIELDS value swapped for a `@@name@@` placeholder."""
    text = STARTER.read_text(encoding="utf-8")
    text = text.replace("__TITLE__: the cluster file", "The cluster file")
    for name, old in FIELDS.items():
        pattern = rf"(:\s+|- name:\s+){re.escape(old)}(?=\s*(#.*)?$)"
        text, count = re.subn(pattern, lambda m, n=name: f"{m.group(1)}@@{n}@@", text,
                              flags=re.MULTILINE)
        assert count, f"the starter no longer has {old!r}"
    return text


TEMPLATE = starter_template()


def cluster_file(generated: dict[str, str]) -> str:
    """A cluster file with each generated string written in YAML double quotes."""
    text = TEMPLATE
    for name, value in generated.items():
        text = text.replace(f"@@{name}@@", json.dumps(value, ensure_ascii=False))
    return text


@st.composite
def mutated(draw: st.DrawFn, text: str) -> bytes:
    """`text` damaged by one to three typical editing accidents."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["drop", "double", "swap", "insert", "indent", "tab",
                                     "value", "truncate", "bytes"]))
        if kind == "drop":
            del lines[i]
        elif kind == "double":
            lines.insert(i, lines[i])
        elif kind == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif kind == "insert":
            lines.insert(i, " " * draw(st.integers(0, 6)) + draw(st.sampled_from(TRAP_LINES)))
        elif kind == "indent":
            shift = draw(st.integers(-3, 3))
            lines[i] = lines[i][-shift:] if shift < 0 else " " * shift + lines[i]
        elif kind == "tab":
            lines[i] = "\t" + lines[i].lstrip(" ")
        elif kind == "value":
            lines[i] = re.sub(r"^(\s*(?:- )?[\w-]+:\s+).*$",
                              lambda m: m.group(1) + draw(st.sampled_from(TRAP_VALUES)), lines[i])
        elif kind == "truncate":
            lines = "\n".join(lines)[:draw(st.integers(0, len(text)))].split("\n")
        elif kind == "bytes":
            return "\n".join(lines).encode("utf-8") + draw(st.binary(min_size=1, max_size=8))
    return "\n".join(lines).encode("utf-8")


def assert_checked_safely(path: Path, data: bytes):
    """Check `path`; errors must be placed in the file; returns the model when valid."""
    path.write_bytes(data)
    checked = check_file(path, REFERENCE)  # any exception here is a bug
    lines = data.count(b"\n") + 2
    for problem in checked.problems:
        line = text_line(problem)
        assert re.match(rf"{re.escape(checked.name)}:\d+:\d+: (error|warning): \S", line), line
        assert 1 <= problem.line <= lines and problem.column >= 1, line
    if failing(checked.problems, strict=False):
        assert checked.cluster is None
        return None
    assert checked.cluster is not None, checked.problems
    return checked.cluster


def assert_renders(cluster, expected: list[str]) -> None:
    """The sample documents render, parse strictly and hold every expected string."""
    documents = render_cluster(cluster, SAMPLE_DOCUMENTS, REFERENCE)
    text = ""
    for data in documents.values():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for part in archive.namelist():
                if part.endswith((".xml", ".rels")):
                    etree.fromstring(archive.read(part), STRICT)
        text += docx_text(data)
    for value in expected:
        assert value in text, f"{value!r} is missing from the documents"
    RUNS["rendered"] += 1


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def test_template_without_changes_is_valid(workdir):
    generated = {name: f"Plain {name}" for name in FIELDS}
    cluster = assert_checked_safely(workdir / "plain.yaml",
                                    cluster_file(generated).encode("utf-8"))
    assert cluster is not None
    assert_renders(cluster, list(generated.values()))


@settings(max_examples=VALID_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(generated=values)
def test_generated_clusters_are_refused_with_a_place_or_render_verbatim(workdir, generated):
    RUNS["valid"] += 1
    cluster = assert_checked_safely(workdir / "generated.yaml",
                                    cluster_file(generated).encode("utf-8"))
    if cluster is not None:
        assert_renders(cluster, list(generated.values()))


@settings(max_examples=MUTATED_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_clusters_never_crash(workdir, data):
    RUNS["mutated"] += 1
    generated = data.draw(values)
    damaged = data.draw(mutated(cluster_file(generated)))
    cluster = assert_checked_safely(workdir / "damaged.yaml", damaged)
    if cluster is not None:
        assert_renders(cluster, [])


def test_over_a_thousand_files_were_generated():
    if not RUNS["valid"] or not RUNS["mutated"]:
        pytest.skip("run with the fuzz tests above")
    assert RUNS["valid"] + RUNS["mutated"] >= 1000
    assert RUNS["rendered"] > 0
