"""Problems → text for people, JSON for tools, `::error` lines for GitHub Actions."""

from __future__ import annotations

import json

from docgen.errors import Problem, Severity


def text_line(problem: Problem) -> str:
    """`FILE:LINE:COL: error: message (key.path)`."""
    where = f" ({problem.path})" if problem.path else ""
    return (f"{problem.file}:{problem.line}:{problem.column}: "
            f"{problem.severity.value}: {problem.message}{where}")


def summary(problems: list[Problem], files: int) -> str:
    """One line: how many errors and warnings in how many files."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    noun = "file" if files == 1 else "files"
    if not problems:
        return f"{files} {noun} checked: no problems"
    return f"{files} {noun} checked: {errors} error(s), {warnings} warning(s)"


def as_json(problems: list[Problem]) -> str:
    """A JSON array of `{file, line, column, severity, path, message}`."""
    return json.dumps([{"file": p.file, "line": p.line, "column": p.column,
                        "severity": p.severity.value, "path": p.path, "message": p.message}
                       for p in problems], indent=2, ensure_ascii=False)


def _escape_github(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the offending line."""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    where = f" ({problem.path})" if problem.path else ""
    return (f"::{level} file={_escape_github(problem.file, property_value=True)},"
            f"line={problem.line},col={problem.column}::"
            f"{_escape_github(problem.message + where)}")
