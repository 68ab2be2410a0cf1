"""`docgen schema`: the exported JSON Schema is valid and agrees with docgen's validator.

The agreement rule. JSON Schema can only say what Cerberus says (the shape of the
file), so the two are compared on schema-level problems only:
- every file is read the way docgen reads it (`load_file`, then `parse_values`,
  which types scalars by the schema), and the resulting values, turned into JSON
  values (dates as YYYY-MM-DD text, decimals as numbers), are the instance;
- files that fail at the YAML level (syntax, control characters, several documents)
  never become an instance and are skipped;
- cross-field rules (`rules.py`) and structural findings (duplicate keys, aliases)
  are not part of the comparison;
- the verdicts must match, and so must the set of key paths each side complains about.
Test files are picked up by folder: adding a case to tests/data needs no code here.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import CLUSTERS, DATA, REFERENCE

from docgen.cluster.json_schema import cluster_json_schema
from docgen.cluster.load import load_file
from docgen.cluster.schema import cluster_schema
from docgen.cluster.validate import ClusterValidator, leaf_errors
from docgen.cluster.values import parse_values
from docgen.errors import InputError

CORPUS = sorted([*DATA.glob("**/*.yaml"), *DATA.glob("**/*.yml"), *CLUSTERS.glob("*.yaml")])
Path_ = tuple[Any, ...]


def as_json(value: Any) -> Any:
    """docgen's typed values as the JSON values an editor would see."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator() -> Any:
    schema = cluster_json_schema(REFERENCE)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def json_error_paths(instance: Any) -> set[Path_]:
    """Paths JSON Schema complains about, with missing and extra keys named like Cerberus."""
    paths: set[Path_] = set()
    for error in validator().iter_errors(instance):
        where = tuple(error.absolute_path)
        if error.validator == "required":
            paths |= {(*where, key) for key in error.validator_value if key not in error.instance}
        elif error.validator == "additionalProperties":
            known = error.schema.get("properties", {})
            paths |= {(*where, key) for key in error.instance if key not in known}
        else:
            paths.add(where)
    return paths


def cerberus_error_paths(data: dict[str, Any]) -> set[Path_]:
    checker = ClusterValidator(cluster_schema(REFERENCE))
    checker.validate(data)
    return {tuple(error.document_path) for error in leaf_errors(checker._errors)}


def test_exported_schema_is_valid_draft_2020_12():
    schema = cluster_json_schema(REFERENCE)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def walk(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Every subschema that describes a field."""
    out = [schema]
    for sub in schema.get("properties", {}).values():
        out += walk(sub)
    if "items" in schema:
        out += walk(schema["items"])
    return out


def test_every_field_has_a_description_and_every_group_is_closed():
    for sub in walk(cluster_json_schema(REFERENCE)):
        assert sub.get("description"), sub
        if sub.get("type") == "object":
            assert sub["additionalProperties"] is False


def test_codes_and_versions_are_strings_and_dates_have_a_format():
    fields = cluster_json_schema(REFERENCE)["properties"]
    school = fields["member_schools"]["items"]["properties"]
    assert school["school_number"]["type"] == "string"
    assert fields["document"]["properties"]["version"]["type"] == "string"
    assert fields["document"]["properties"]["date"]["format"] == "date"
    assert fields["coordinator"]["properties"]["fte"]["type"] == "number"
    assert school["sector"]["enum"] == ["government", "catholic", "independent"]
    assert "member_schools" in cluster_json_schema(REFERENCE)["required"]


def test_the_corpus_is_not_empty():
    assert CORPUS, "no cluster files found to compare"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(p.parents[1])))
def test_schema_and_validator_agree(path: Path):
    try:
        load_file(path)
    except InputError:
        pytest.skip("fails at the YAML level, before any schema applies")
    assert_agree(path)


def assert_agree(path: Path) -> None:
    data = parse_values(load_file(path), cluster_schema(REFERENCE)).data
    cerberus_paths = cerberus_error_paths(data)
    json_paths = json_error_paths(as_json(data))
    assert bool(cerberus_paths) == bool(json_paths), (cerberus_paths, json_paths)
    assert cerberus_paths == json_paths


# Edits to the small example, one per kind of schema rule (the corpus in tests/data
# grows separately); each must be rejected by both sides at the same key path.
MUTATIONS = {
    "bad-enum": ("sector: government", "sector: govt"),
    "bad-type": ("vdss_enrolments: 121", "vdss_enrolments: lots"),
    "leading-zero": ("vdss_enrolments: 121", "vdss_enrolments: 0121"),
    "money-with-comma": ("llen_contribution: 10000", "llen_contribution: 10,000"),
    "unknown-key": ("  area: Bayside Peninsula\n", "  area: Bayside Peninsula\n  aera: x\n"),
    "missing-required": ("  area: Bayside Peninsula\n", ""),
    "empty-text": ("  area: Bayside Peninsula", "  area: ''"),
    "null-text": ("  area: Bayside Peninsula", "  area:"),
    "bad-date": ("date: 2025-03-10", "date: 2025-13-10"),
    "date-as-words": ("date: 2025-03-10", "date: 10 March 2025"),
    "fte-too-big": ("fte: 1.0", "fte: 1.5"),
    "below-minimum": ("vdss_enrolments: 121", "vdss_enrolments: -1"),
    "yes-for-boolean": ("vacant: true", "vacant: yes"),
    "bad-email": ("email: tom.okafor@", "email: tom okafor@"),
    "bad-school-number": ('school_number: "8214"', 'school_number: "82/14"'),
    "list-for-text": ("  area: Bayside Peninsula", "  area: [a, b]"),
    "text-for-group": ("enrolments:\n  data_year: 2024\n  source: VASS", "enrolments: VASS"),
    "no-schools": ("member_schools:\n", "member_schools: []\nold_schools:\n"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_schema_and_validator_agree_on_edits(name: str, tmp_path: Path):
    old, new = MUTATIONS[name]
    text = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    assert old in text, f"the example no longer contains {old!r}"
    path = tmp_path / f"{name}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert cerberus_error_paths(parse_values(load_file(path), cluster_schema(REFERENCE)).data)
    assert_agree(path)


@pytest.mark.parametrize("path", sorted(CLUSTERS.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_pass_as_an_editor_reads_them(path: Path):
    """An editor's YAML reader (no schema-guided typing) finds no error in the examples."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in validator().iter_errors(json.loads(json.dumps(raw, default=str)))]
    assert errors == []


def test_schema_command_prints_the_schema(run_cli, tmp_path):
    result = run_cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.output) == cluster_json_schema(REFERENCE)
    target = tmp_path / "cluster.schema.json"
    assert run_cli("schema", "-o", target).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == cluster_json_schema(REFERENCE)
