"""Hostile input loses nothing and crashes nothing.

Markup characters, text that looks like Jinja or WordprocessingML, macrons and
emoji reach every document exactly as written (body, tables, headers, footers,
core properties); values YAML 1.1 would change stay as written; templates from a
cluster repository run sandboxed; every exit code is the contract's.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from conftest import REFERENCE
from docx import Document
from lxml import etree

from docgen.cluster.check import check_file
from docgen.cluster.load import MAX_FILE_BYTES
from docgen.cluster.values import MAX_ITEMS
from docgen.documents.render import environment
from docgen.documents.textdump import docx_text

STARTER = Path(__file__).resolve().parent.parent / "docgen" / "starter.yaml"
CLUSTER_NAME = "Ngā Tūmanako & <Kāhui> \"West\" 'Coast' {{ 7*7 }} 🎓"
VERSION = "1.0 <w:p>]]> & {% if x %}"
PREPARED_BY = "Aroha & Co <b>bold</b> {# note #} ☕"
SCHOOL = "St Mary's \"Star\" & <Sons> College {%p if x %} ✨"
STRICT = etree.XMLParser(recover=False, resolve_entities=False)


def set_value(text: str, old: str, new: str) -> str:
    """Every `key: old` value in `text` set to `new`, written in double quotes."""
    pattern = re.compile(rf"(:\s+|- name:\s+){re.escape(old)}(?=\s*(#.*)?$)", re.MULTILINE)
    changed, count = pattern.subn(lambda m: m.group(1) + json.dumps(new, ensure_ascii=False),
                                  text)
    assert count, f"no value {old!r} in the starter"
    return changed


def starter() -> str:
    return STARTER.read_text(encoding="utf-8").replace("__TITLE__", "Example VET Cluster")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document built from a cluster whose values are all hostile."""
    from docgen.build.pipeline import build

    folder = tmp_path_factory.mktemp("hostile")
    text = set_value(starter(), "Example VET Cluster", CLUSTER_NAME)
    text = set_value(text, '"0.1"', VERSION)
    text = set_value(text, "Alex Example, Cluster Coordinator", PREPARED_BY)
    text = set_value(text, "Example Secondary College", SCHOOL)
    (folder / "hostile.yaml").write_text(text, encoding="utf-8")
    result = build([folder / "hostile.yaml"], folder / "out", jobs=1)
    assert not result.failed, result.problems
    return folder / "out" / "hostile"


def parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def section(text: str, part: str) -> str:
    """The extracted text of one part (`word/header1.xml`, `docProps/core.xml`, ...)."""
    start = text.index(f"=== {part} ===")
    end = text.find("\n=== ", start + 1)
    return text[start:end if end >= 0 else None]


def test_every_document_was_built(hostile_build):
    assert len(list(hostile_build.glob("*.docx"))) >= 6


def test_every_xml_part_parses_strictly(hostile_build):
    for docx in hostile_build.glob("*.docx"):
        for name, data in parts(docx).items():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(data, STRICT)


def test_values_reach_body_header_footer_and_properties_verbatim(hostile_build):
    for docx in hostile_build.glob("*.docx"):
        text = docx_text(docx.read_bytes())
        assert CLUSTER_NAME in section(text, "word/document.xml"), docx.name
        assert CLUSTER_NAME in section(text, "word/header1.xml"), docx.name
        assert VERSION in section(text, "word/footer1.xml"), docx.name
        core = section(text, "docProps/core.xml")
        assert CLUSTER_NAME in core and PREPARED_BY in core and VERSION in core, docx.name
        assert "49" not in text.split(CLUSTER_NAME)[0][-10:], "Jinja evaluated data"


def test_school_names_reach_tables_verbatim(hostile_build):
    text = docx_text((hostile_build / "mou.docx").read_bytes())
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert any(SCHOOL in row for row in rows)


def test_data_that_looks_like_tags_is_never_evaluated(hostile_build):
    for docx in hostile_build.glob("*.docx"):
        xml = parts(docx)["word/document.xml"].decode("utf-8")
        assert "&lt;w:p&gt;]]&gt;" in xml and "{% if x %}" in docx_text(docx.read_bytes())


YAML_11_VALUES = {  # field in the starter → unquoted text YAML 1.1 would change
    ("cluster", "area"): "NO",
    ("governance", "operations_group", "meeting_frequency"): "10:30",
    ("document", "version"): "1.10",
    ("member_schools", 0, "school_number"): "0123",
    ("member_schools", 0, "rto_code"): "0412345670",
    ("mou", "withdrawal_notice"): "on",
}


def test_yaml_11_values_stay_as_written(tmp_path):
    text = starter()
    text = text.replace("  area: Example Area ", "  area: NO ")
    text = text.replace("    meeting_frequency: Twice a term", "    meeting_frequency: 10:30")
    text = text.replace('  version: "0.1"  ', "  version: 1.10  ")
    text = text.replace('    school_number: "0001" ', "    school_number: 0123\n"
                        "    rto_code: 0412345670 ")
    text = text.replace("  withdrawal_notice: one school term", "  withdrawal_notice: on")
    path = tmp_path / "yaml11.yaml"
    path.write_text(text, encoding="utf-8")
    checked = check_file(path, REFERENCE)
    assert checked.cluster is not None, checked.problems
    cluster = checked.cluster
    assert cluster.area == "NO" and cluster.document_control.version == "1.10"
    assert cluster.operations_group.meeting_frequency == "10:30"
    assert cluster.member_schools[0].school_number == "0123"
    assert cluster.member_schools[0].rto_code == "0412345670"
    assert cluster.mou.withdrawal_notice == "on"


@pytest.mark.parametrize(("value", "line_text"), [
    ('"\\ud800"', "a lone surrogate"), ('"a\\x00b"', "U+0000"), ('"\\uFFFE"', "U+FFFE"),
    ("\"tab\\x0bhere\"", "U+000B"),
])
def test_characters_word_cannot_hold_are_refused_with_their_line(run_cli, tmp_path, value,
                                                                 line_text):
    text = starter().replace("  area: Example Area ", f"  area: {value} ")
    path = tmp_path / "chars.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 1
    assert re.search(rf"chars\.yaml:14:\d+: error: .*{re.escape(line_text)}", result.output)


def test_oversized_file_is_refused_at_line_one(run_cli, tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(starter() + "#" * MAX_FILE_BYTES, encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 1
    assert re.search(r"huge\.yaml:1:1: error: file is [\d,]+ bytes; a cluster file may be at "
                     r"most 1,000,000", result.output)


def test_many_unknown_keys_are_capped(run_cli, tmp_path):
    """5,000 stray keys: 200 problems and a count (its time is in bench/hostile.py)."""
    path = tmp_path / "keys.yaml"
    path.write_text(starter() + "".join(f"extra_{i}: x\n" for i in range(5000)),
                    encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 1 and "unknown key 'extra_190'" in result.output
    # 200 shown: the starter's nine facts to confirm (warnings) and 191 of the 5,000 keys
    assert "error: ... and 4,809 more problems in this file" in result.output


def test_overlong_lists_are_cut_short_with_an_error(run_cli, tmp_path):
    path = tmp_path / "long.yaml"
    objectives = "".join(f"    - Objective {i}\n" for i in range(MAX_ITEMS + 50))
    text = re.sub(r"  objectives:\n(    - .*\n)+", "  objectives:\n" + objectives, starter())
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 1
    assert f"this list has {MAX_ITEMS + 50} items" in result.output


# --- templates from a cluster repository run sandboxed


def override_template(folder: Path, text: str) -> Path:
    """A one-paragraph `mou.docx` in `folder`, as a cluster repository might carry."""
    folder.mkdir(exist_ok=True)
    document = Document()
    document.add_paragraph(text)
    document.save(str(folder / "mou.docx"))
    return folder


def hostile_cluster(tmp_path: Path) -> Path:
    path = tmp_path / "example.yaml"
    path.write_text(starter(), encoding="utf-8")
    return path


@pytest.mark.parametrize("tag", [
    "{{ ''.__class__.__mro__ }}",
    "{{ cluster.__class__.__init__.__globals__ }}",
    "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{{ c }}{% endfor %}",
    "{{ range(10**9) | list | length }}",
])
def test_override_template_cannot_escape_the_sandbox(run_cli, tmp_path, tag):
    templates = override_template(tmp_path / "templates", f"Cluster: {tag}")
    result = run_cli("build", hostile_cluster(tmp_path), "-o", tmp_path / "out",
                     "--templates", templates, "--only", "mou", "-j", "1")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "example.yaml:" in result.output
    assert not (tmp_path / "out" / "example" / "mou.docx").exists()


def test_override_template_renders_in_the_sandbox(run_cli, tmp_path):
    templates = override_template(tmp_path / "templates", "Override for {{ cluster.name }}")
    result = run_cli("build", hostile_cluster(tmp_path), "-o", tmp_path / "out",
                     "--templates", templates, "--only", "mou", "-j", "1")
    assert result.exit_code == 0, result.output
    text = docx_text((tmp_path / "out" / "example" / "mou.docx").read_bytes())
    assert "Override for Example VET Cluster" in text


def test_the_one_environment_is_sandboxed_and_autoescaped():
    from jinja2.sandbox import SandboxedEnvironment

    assert isinstance(environment(), SandboxedEnvironment)
    assert environment().autoescape is True


# --- exit codes


def test_unexpected_exception_is_a_one_line_bug_report(run_cli, monkeypatch):
    def explode(paths):
        raise RuntimeError("boom")

    monkeypatch.setattr("docgen.build.pipeline.check", explode)
    result = run_cli("check", "clusters")
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert lines[0].startswith("docgen: internal error (a bug, please report it): "
                               "RuntimeError: boom")
    assert "DOCGEN_TRACEBACK=1" in lines[0]


def test_docgen_traceback_prints_the_whole_traceback(run_cli, monkeypatch):
    def explode(paths):
        raise RuntimeError("boom")

    monkeypatch.setattr("docgen.build.pipeline.check", explode)
    monkeypatch.setenv("DOCGEN_TRACEBACK", "1")
    result = run_cli("check", "clusters")
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.output
    assert 'raise RuntimeError("boom")' in result.output


@pytest.mark.parametrize(("args", "code"), [
    (["check", "{valid}"], 0),
    (["check", "{warning}"], 0),
    (["check", "--strict", "{warning}"], 1),
    (["check", "{invalid}"], 1),
    (["check", "{missing}"], 2),
    (["check", "--no-such-flag", "{valid}"], 2),
    (["build", "{valid}", "-o", "{blocked}", "-j", "1"], 2),
    (["build", "{invalid}", "-o", "{out}", "-j", "1"], 1),
    (["check", "{parent}"], 1),  # a folder named folder.yaml: an error of its own, not a stop
    (["build", "{valid}", "-o", "{out}", "-j", "1", "--templates", "{missing}"], 2),
])
def test_exit_codes_follow_the_contract(run_cli, tmp_path, args, code):
    valid = hostile_cluster(tmp_path)
    warning = tmp_path / "warning.yaml"
    warning.write_text(starter().replace("    chair: Alex Example ", "    chair: Sam Example "),
                       encoding="utf-8")
    invalid = tmp_path / "invalid.yaml"
    invalid.write_text(starter().replace("  area: Example Area ", "  aera: Example Area "),
                       encoding="utf-8")
    (tmp_path / "blocked").write_text("a file where the output folder should be")
    (tmp_path / "parent" / "folder.yaml").mkdir(parents=True)
    paths = {"valid": valid, "warning": warning, "invalid": invalid, "out": tmp_path / "out",
             "missing": tmp_path / "missing.yaml", "blocked": tmp_path / "blocked",
             "parent": tmp_path / "parent"}
    result = run_cli(*[arg.format(**paths) for arg in args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
