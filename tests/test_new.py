"""`docgen new NAME`: a valid, commented starter file that never overwrites."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import REFERENCE

from docgen.cluster.json_schema import cluster_json_schema
from docgen.documents.catalogue import DOCUMENTS
from docgen.documents.templates import packaged_templates

BUILT_NOW = ",".join(spec.name for spec in DOCUMENTS
                     if (packaged_templates() / spec.template).is_file())


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_a_starter_that_checks_clean(run_cli, in_tmp):
    result = run_cli("new", "bayside-east")
    assert result.exit_code == 0
    target = in_tmp / "clusters" / "bayside-east.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../cluster.schema.json\n")
    assert "name: Bayside East VET Cluster" in text
    assert text.count("#") > 20, "the starter explains itself in comments"
    check = run_cli("check")
    assert check.exit_code == 0
    # no error and no warning but the facts still to confirm with the JSPM, one line each
    warnings = [line for line in check.output.splitlines() if ": warning: " in line]
    assert warnings and ": error: " not in check.output
    assert all(": warning: unconfirmed: " in line and "reference_confirmed" in line
               for line in warnings)


def test_new_starter_builds(run_cli, in_tmp):
    run_cli("new", "bayside-east")
    result = run_cli("build", "--only", BUILT_NOW)
    assert result.exit_code == 0
    assert (in_tmp / "output" / "bayside-east" / f"{BUILT_NOW.split(',')[0]}.docx").is_file()


def test_new_starter_passes_the_json_schema_as_an_editor_reads_it(run_cli, in_tmp):
    run_cli("new", "bayside-east")
    raw = yaml.safe_load((in_tmp / "clusters" / "bayside-east.yaml").read_text("utf-8"))
    instance = json.loads(json.dumps(raw, default=str))
    jsonschema.Draft202012Validator(cluster_json_schema(REFERENCE)).validate(instance)


def test_new_refuses_to_overwrite(run_cli, in_tmp):
    run_cli("new", "bayside-east")
    target = in_tmp / "clusters" / "bayside-east.yaml"
    target.write_text("# my edits\n", encoding="utf-8")
    result = run_cli("new", "bayside-east")
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert target.read_text(encoding="utf-8") == "# my edits\n"


@pytest.mark.parametrize("name", ["../escape", "a b", "", "-x"])
def test_new_refuses_names_that_are_not_file_stems(run_cli, in_tmp, name):
    result = run_cli("new", name)
    assert result.exit_code == 2
    assert not (in_tmp / "clusters").exists()


def test_new_hints_at_the_schema_file_only_when_missing(run_cli, in_tmp):
    assert "docgen schema -o cluster.schema.json" in run_cli("new", "one").output
    (in_tmp / "cluster.schema.json").write_text("{}", encoding="utf-8")
    assert "docgen schema" not in run_cli("new", "two").output


def test_modeline_points_at_the_schema_from_another_folder(run_cli, in_tmp):
    assert run_cli("new", "one", "--folder", "regions/north").exit_code == 0
    first = (in_tmp / "regions" / "north" / "one.yaml").read_text(encoding="utf-8")
    assert first.startswith("# yaml-language-server: $schema=../../cluster.schema.json\n")
