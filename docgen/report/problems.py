"""Problems → text for people, JSON for tools, `::error` lines for GitHub Actions."""

from __future__ import annotations

import json
import re

from docgen.errors import Problem, Severity
from docgen.report.github import workflow_command

LINE_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                           "\u202a-\u202e\u2066-\u2069]")
"""What could split a report line, drive a terminal or reorder its text: control
characters (tab aside), line and paragraph separators, bidi controls."""
ESCAPES = {"\n": "\\n", "\r": "\\r"}


def one_line(text: str) -> str:
    """`text` safe on one line: a key or value holding a line break (or a terminal or
    bidi control) cannot split `FILE:LINE:COL` or start a GitHub `::error` of its own."""
    return LINE_BREAKING.sub(lambda m: ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"),
                             text)


def message_with_path(problem: Problem) -> str:
    """The message, then ` (key.path)` when there is one, on one line."""
    where = f" ({problem.path})" if problem.path else ""
    return one_line(problem.message + where)


def text_line(problem: Problem) -> str:
    """`FILE:LINE:COL: error: message (key.path)`."""
    return (f"{one_line(problem.file)}:{problem.line}:{problem.column}: "
            f"{problem.severity.value}: {message_with_path(problem)}")


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
                        "severity": p.severity.value, "path": one_line(p.path),
                        "message": one_line(p.message)}
                       for p in problems], indent=2, ensure_ascii=False)


def as_github(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the offending line."""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    return workflow_command(level, message_with_path(problem), file=problem.file,
                            line=problem.line, col=problem.column)
