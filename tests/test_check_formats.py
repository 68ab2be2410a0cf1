"""`docgen check --format json|github|sarif|junit`: the contract's shapes, for CI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import CLUSTERS


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    text = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    path = tmp_path / "broken cluster.yaml"
    path.write_text(text.replace("sector: government", "sector: goverment", 1)
                        .replace("vdss_enrolments: 121", "vdss_enrolments: 1,21"),
                    encoding="utf-8")
    return path


def test_json_is_an_array_of_the_contract_fields(run_cli, broken):
    result = run_cli("check", broken, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.output)
    assert len(problems) == 2
    for problem in problems:
        assert set(problem) == {"file", "line", "column", "severity", "path", "message"}
        assert problem["severity"] == "error" and problem["line"] > 0 and problem["column"] > 0
    assert [p["path"] for p in problems] == ["member_schools[0].sector",
                                             "member_schools[1].vdss_enrolments"]


def test_json_of_clean_files_is_an_empty_array(run_cli):
    result = run_cli("check", CLUSTERS, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_github_prints_one_workflow_command_per_problem(run_cli, broken):
    result = run_cli("check", broken, "--format", "github")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(lines) == 2
    for line in lines:
        assert re.fullmatch(r"::error file=[^,]+broken cluster\.yaml,line=\d+,col=\d+::.+", line)


def test_sarif_has_one_located_result_per_problem(run_cli, broken):
    result = run_cli("check", broken, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "docgen"
    results = run["results"]
    assert len(results) == 2
    location = results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("broken%20cluster.yaml")
    assert location["region"]["startLine"] > 0
    assert results[0]["ruleId"] in {rule["id"] for rule in run["tool"]["driver"]["rules"]}


def test_junit_has_a_test_case_per_file(run_cli, broken):
    result = run_cli("check", CLUSTERS, broken, "--format", "junit")
    assert result.exit_code == 1
    suites = ET.fromstring(result.output.encode("utf-8"))
    cases = suites.findall("./testsuite/testcase")
    assert len(cases) == len(list(CLUSTERS.glob("*.yaml"))) + 1
    failed = [case for case in cases if case.find("failure") is not None]
    assert [case.get("name") for case in failed] == [str(broken)]
    assert "goverment" in failed[0].find("failure").text
    assert suites.get("failures") == "1"


def test_machine_formats_are_deterministic(run_cli, broken):
    for fmt in ("json", "sarif", "junit"):
        assert run_cli("check", broken, "--format", fmt).output == \
            run_cli("check", broken, "--format", fmt).output
