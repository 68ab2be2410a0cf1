"""`docgen lint`: deliberately broken templates, built here with python-docx, are caught
with their place; the packaged templates are clean."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CLUSTERS, REFERENCE, REPO
from doctext import replace_once, rewrite_docx
from docx import Document

from docgen.lint.samples import context_shapes
from docgen.lint.template import TemplateProblem, lint_template

Build = Callable[..., Path]


@pytest.fixture(scope="module")
def shapes():
    shapes, fallback, skipped = context_shapes(sorted(CLUSTERS.glob("*.yaml")), REFERENCE)
    assert skipped == []
    return shapes


@pytest.fixture
def template(tmp_path) -> Build:
    """A .docx whose body paragraphs are given as lists of runs (a str is one run)."""

    def build(*paragraphs: str | list[str], name: str = "mou.docx",
              header: str | None = None, table: list[list[str]] | None = None) -> Path:
        doc = Document()
        for runs in paragraphs:
            paragraph = doc.add_paragraph()
            for run in [runs] if isinstance(runs, str) else runs:
                paragraph.add_run(run)
        if table:
            grid = doc.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, text in enumerate(row):
                    grid.cell(r, c).text = text
        if header is not None:
            doc.sections[0].header.paragraphs[0].text = header
        path = tmp_path / name
        doc.save(str(path))
        return path

    return build


def lint(path: Path, shapes) -> list[TemplateProblem]:
    return lint_template(path, shapes["mou.docx"])


def only(problems: list[TemplateProblem]) -> TemplateProblem:
    assert len(problems) == 1, problems
    return problems[0]


def test_a_clean_template_has_no_problems(template, shapes):
    path = template("Title", "{{ cluster.name }} in {{ cluster.region }}",
                    "{%p for s in schools %}", "{{ s.name }}: {{ s.vet_coordinator.name }}",
                    "{%p endfor %}", "{{ schools|map(attribute='name')|join(', ') }}")
    assert lint(path, shapes) == []


def test_split_tag_is_not_a_problem(template, shapes):
    """Word splits tags across runs; the render joins them (tests/test_word_markup.py)."""
    path = template("Intro", ["Cluster: ", "{{ cluster.", "name }}", " (end)"])
    assert lint(path, shapes) == []


def test_undefined_attribute_is_an_error_with_a_suggestion(template, shapes):
    problem = only(lint(template("{{ cluster.nmae }}"), shapes))
    assert problem.is_error
    assert problem.where == "body paragraph 1"
    assert "'cluster.nmae'" in problem.message and "did you mean 'name'" in problem.message


def test_undefined_top_level_name(template, shapes):
    problem = only(lint(template("Hello", "{{ clustr.name }}"), shapes))
    assert problem.is_error and "undefined variable 'clustr'" in problem.message
    assert "did you mean 'cluster'" in problem.message


def test_loop_variables_are_checked_against_the_list_items(template, shapes):
    path = template("{%p for s in schools %}", "{{ s.nmae }}", "{%p endfor %}")
    problem = only(lint(path, shapes))
    assert problem.where == "body paragraph 2"
    assert "'s.nmae'" in problem.message and "did you mean 'name'" in problem.message


def test_nested_paths_and_filter_attributes_are_checked(template, shapes):
    path = template("{{ coordinator.employer }}", "{{ llens[0].executive_officer.emial }}",
                    "{{ schools|map(attribute='nmae')|join(', ') }}")
    messages = [p.message for p in lint(path, shapes)]
    assert len(messages) == 2, messages
    assert "has no 'emial'" in messages[0]
    assert "attribute='nmae'" in messages[1]


def test_table_cells_and_headers_are_placed(template, shapes):
    path = template("Body", header="{{ doc.titel }}",
                    table=[["School", "Sector"], ["{%tr for s in schools %}", ""],
                           ["{{ s.name }}", "{{ s.sectr }}"], ["{%tr endfor %}", ""]])
    problems = lint(path, shapes)
    places = {p.where: p.message for p in problems}
    assert len(problems) == 2, problems
    assert "has no 'titel'" in places["header1 paragraph 1"]
    assert "has no 'sectr'" in places["body paragraph 7, table 1 row 3 cell 2"]


def test_smart_quotes_inside_a_tag_are_not_a_problem(template, shapes):
    """Word's autocorrect types smart quotes; the render straightens them inside tags."""
    path = template("{%p if cluster.region == \u201cSouth-Eastern Victoria\u201d %}", "Text",
                    "{%p endif %}")
    assert lint(path, shapes) == []


def test_unmatched_block_tags_are_placed(template, shapes):
    path = template("{%p if cluster.is_new %}", "New", "{%p for s in schools %}", "{{ s.name }}",
                    "{%p endif %}", "{%p endfor %}")
    problems = [p for p in lint(path, shapes) if p.is_error]
    assert [p.where for p in problems] == ["body paragraph 3", "body paragraph 6"]
    assert "is not closed by {% endfor %} before '{%p endif %}'" in problems[0].message
    assert "never opened" in problems[1].message


def test_unclosed_if_at_the_end(template, shapes):
    problem = only(lint(template("Start", "{%p if cluster.is_new %}", "New"), shapes))
    assert problem.where == "body paragraph 2" and "not closed" in problem.message


def test_tag_not_closed_in_its_paragraph(template, shapes):
    problem = only(lint(template("{{ cluster.name"), shapes))
    assert problem.is_error and "not closed in its paragraph" in problem.message


def test_the_notice_template_gets_the_change_variables(template, shapes):
    path = template("{%p for s in change.joining %}", "{{ s.name }}", "{%p endfor %}",
                    "{{ change.nope }}", name="membership-change-notice.docx")
    problem = only(lint_template(path, shapes["membership-change-notice.docx"]))
    assert "has no 'nope'" in problem.message


def test_packaged_templates_are_clean(run_cli):
    result = run_cli("lint", REPO / "templates", "--cluster", CLUSTERS, "--strict")
    assert result.exit_code == 0
    assert " 0 error(s), 0 warning(s)" in result.output


def test_cli_exit_codes_and_formats(run_cli, template, tmp_path):
    split = template(["{{ cluster.", "name }}"])
    assert run_cli("lint", split, "--cluster", CLUSTERS).exit_code == 0
    assert run_cli("lint", split, "--cluster", CLUSTERS, "--strict").exit_code == 0
    broken = template("{{ cluster.nmae }}", name="broken.docx")
    result = run_cli("lint", "--templates", tmp_path, "--cluster", CLUSTERS, "--format", "github")
    assert result.exit_code == 1
    assert f"::error file={broken},title=body paragraph 1::" in result.output
    assert run_cli("lint", tmp_path / "none").exit_code == 2


def test_a_real_template_with_one_misspelt_name_is_caught(tmp_path, shapes):
    """The packaged templates are really checked: one edit in the MoU is found."""
    source = REPO / "templates" / "mou.docx"
    target = tmp_path / "mou.docx"
    rewrite_docx(source, target,
                 replace_once("word/document.xml", b"cluster.name", b"cluster.nmae"))
    problem = only(lint(target, shapes))
    assert problem.is_error and "did you mean 'name'" in problem.message
    assert problem.where.startswith("body paragraph ")


def test_text_beside_a_paragraph_tag_is_reported(template, shapes):
    path = template("{%p if cluster.is_new %} New clusters only", "{%p endif %}")
    problem = only(lint(path, shapes))
    assert problem.is_error and "dropped" in problem.message
    assert problem.where == "body paragraph 1"
