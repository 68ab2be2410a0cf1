"""Every problem is one line, and a file's problems are capped.

A key or value holding a line break (written as an escape in double quotes) must
not split `FILE:LINE:COL: …` nor start a GitHub workflow command of its own; and a
file of thousands of stray keys gives a few hundred lines, not megabytes.
"""

from __future__ import annotations

import json

import pytest
from conftest import CLUSTERS

from docgen.cluster.validate import MAX_PROBLEMS_PER_FILE
from docgen.errors import Problem, Severity
from docgen.lint.template import TemplateProblem
from docgen.report.ci import as_junit, as_sarif
from docgen.report.github import workflow_command
from docgen.report.lint import line as lint_line
from docgen.report.problems import as_github, as_json, one_line, text_line

HOSTILE = Problem("a\nb.yaml", 3, 4, Severity.ERROR, "'x\n::error file=y,line=1::boom\r'",
                  "k\u2028ey")


@pytest.mark.parametrize(("text", "shown"), [
    ("a\nb", "a\\nb"), ("a\rb", "a\\rb"), ("a\x1b[31mb", "a\\u001b[31mb"),
    ("a\u2028b\u2029c\x85d", "a\\u2028b\\u2029c\\u0085d"), ("\u202egnp.exe", "\\u202egnp.exe"),
    ("tab\tstays, as do ā, 🎓 and 中", "tab\tstays, as do ā, 🎓 and 中"),
])
def test_one_line_escapes_what_could_break_a_line(text, shown):
    assert one_line(text) == shown


def test_text_and_github_lines_hold_one_problem_each():
    for line in (text_line(HOSTILE), as_github(HOSTILE)):  # '::error' only at a line start
        assert "\n" not in line and "\r" not in line
    assert text_line(HOSTILE).startswith("a\\nb.yaml:3:4: error: 'x\\n::error")


def test_github_escapes_property_values_and_the_message():
    """In a property value `,` and `:` end it, so they are escaped; in the message only
    `%`, CR and LF are (GitHub's toolkit, `command.ts`)."""
    line = workflow_command("error", "50% done,\r\nnext: x", file="C:\\a,b.docx",
                            title="body paragraph 3, table 1 row 2 cell 1")
    assert line == ("::error file=C%3A\\a%2Cb.docx,title=body paragraph 3%2C table 1 row 2 "
                    "cell 1::50%25 done,%0D%0Anext: x")


def test_lint_annotations_escape_the_place_in_the_title():
    problem = TemplateProblem("t,1.docx", "body paragraph 2, table 1 row 1 cell 1",
                              Severity.ERROR, "undefined variable 'x'")
    assert lint_line(problem, "github") == (
        "::error file=t%2C1.docx,title=body paragraph 2%2C table 1 row 1 cell 1::"
        "undefined variable 'x'")


def test_every_format_keeps_messages_on_one_line():
    (entry,) = json.loads(as_json([HOSTILE]))
    assert "\n" not in entry["message"] and "\u2028" not in entry["path"]
    sarif = json.loads(as_sarif([HOSTILE]))["runs"][0]["results"][0]["message"]["text"]
    assert "\n" not in sarif
    junit = as_junit([HOSTILE.file], [HOSTILE])
    assert "boom\\r' (k\\u2028ey)" in junit


def test_a_line_break_in_a_key_stays_on_its_line(run_cli, tmp_path):
    path = tmp_path / "broken.yaml"
    text = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    path.write_text(text + '"evil\\n::error file=x,line=1::injected": 1\n', encoding="utf-8")
    result = run_cli("check", "--format", "github", path)
    lines = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(lines) == 1 and "unknown key 'evil\\n::error file=x" in lines[0]


def test_problems_per_file_are_capped_with_a_count(run_cli, tmp_path):
    path = tmp_path / "stray.yaml"
    text = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    path.write_text(text + "".join(f"stray_{i}: x\n" for i in range(20_000)), encoding="utf-8")
    result = run_cli("check", path)
    lines = [line for line in result.output.splitlines() if line.startswith(str(path))]
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1
    assert lines[-1].endswith(f"error: ... and {20_000 - MAX_PROBLEMS_PER_FILE:,} more "
                              "problems in this file")
    assert len(result.output) < 50_000
