"""Template problems (`docgen lint`) as text lines, JSON, or GitHub annotations on the template."""

from __future__ import annotations

import json

from docgen.lint.template import TemplateProblem
from docgen.report.github import workflow_command


def line(problem: TemplateProblem, output_format: str) -> str:
    """`TEMPLATE: where: severity: message`, or a GitHub annotation titled with the place."""
    if output_format == "github":
        return workflow_command(problem.severity.value, problem.message,
                                file=problem.template, title=problem.where)
    return f"{problem.template}: {problem.where}: {problem.severity.value}: {problem.message}"


def as_json(problems: list[TemplateProblem]) -> str:
    """A JSON array of `{template, where, severity, message}`."""
    return json.dumps([{"template": p.template, "where": p.where,
                        "severity": p.severity.value, "message": p.message}
                       for p in problems], indent=2, ensure_ascii=False)


def summary(problems: list[TemplateProblem], templates: int) -> str:
    """One line: how many errors and warnings in how many templates."""
    errors = sum(p.is_error for p in problems)
    return (f"{templates} template(s) linted: {errors} error(s), "
            f"{len(problems) - errors} warning(s)")
