"""Problems → SARIF 2.1.0 (code scanning) and JUnit XML (CI test reports).

Both are deterministic: no timestamps or durations, files and problems in the order
`check` found them, so two runs on the same inputs print the same bytes.
"""

from __future__ import annotations

import json
from urllib.parse import quote
from xml.etree import ElementTree as ET

from docgen import __version__
from docgen.errors import Problem, Severity
from docgen.report.problems import message_with_path

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULE_ID = "docgen-check"


def sarif_result(problem: Problem) -> dict[str, object]:
    """One problem as a SARIF result: level, message, file, line and column, key path."""
    result: dict[str, object] = {
        "ruleId": RULE_ID,
        "level": "error" if problem.severity is Severity.ERROR else "warning",
        "message": {"text": message_with_path(problem)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": quote(problem.file.replace("\\", "/"))},
            "region": {"startLine": problem.line, "startColumn": problem.column},
        }}],
    }
    if problem.path:
        result["properties"] = {"keyPath": problem.path}
    return result


def as_sarif(problems: list[Problem]) -> str:
    """One SARIF run with one result per problem."""
    driver = {"name": "docgen", "version": __version__, "rules": [{
        "id": RULE_ID, "name": "ClusterFile",
        "shortDescription": {"text": "A cluster file breaks docgen's schema or rules."},
    }]}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver},
                     "results": [sarif_result(p) for p in problems]}]}
    return json.dumps(log, indent=2, ensure_ascii=False)


def junit_case(name: str, problems: list[Problem], strict: bool) -> ET.Element:
    """A test case per file: failing with its errors (and warnings under --strict)."""
    case = ET.Element("testcase", classname="docgen.check", name=name)
    failing = [p for p in problems if p.is_error or strict]
    lines = [f"{p.line}:{p.column}: {p.severity.value}: {message_with_path(p)}"
             for p in problems]
    if failing:
        failure = ET.SubElement(case, "failure", type="error",
                                message=f"{len(failing)} problem(s)")
        failure.text = "\n".join(lines)
    elif lines:
        ET.SubElement(case, "system-out").text = "\n".join(lines)
    return case


def as_junit(files: list[str], problems: list[Problem], strict: bool = False) -> str:
    """A JUnit XML report: one test suite, one test case per cluster file."""
    cases = [junit_case(name, [p for p in problems if p.file == name], strict)
             for name in files]
    failures = sum(case.find("failure") is not None for case in cases)
    suite = ET.Element("testsuite", name="docgen check", tests=str(len(cases)),
                       failures=str(failures), errors="0", skipped="0")
    suite.extend(cases)
    suites = ET.Element("testsuites", name="docgen", tests=str(len(cases)),
                        failures=str(failures), errors="0")
    suites.append(suite)
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
