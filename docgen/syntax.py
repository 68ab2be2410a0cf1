"""YAML syntax errors in a coordinator's words, placed where the mistake is.

libyaml reports what its parser expected ("mapping values are not allowed in this
context"), often on the line after the real mistake. Here the usual editing
mistakes (a tab, a missing space after a colon, a colon inside a value, an unclosed
quote, a line out of line) are recognised from the error and the text around it,
and named in plain words with the line to fix.
"""

from __future__ import annotations

import re

import yaml

Place = tuple[int, int, str]  # 1-based line, column, message

QUOTE_IT = "put the whole value in quotes"
_GLUED_COLON = re.compile(r"^\s*(?:- )?([\w-]+):([^\s:/][^\s]*)")
_FLOW_START = re.compile(r"^\s*(?:- )?[^:#\"']+:\s+([\[{])")
_ESCAPES = ("did not find expected hexdecimal number", "found unknown escape character")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _char(lines: list[str], line: int, column: int) -> str:
    row = lines[line] if line < len(lines) else ""
    return row[column] if column < len(row) else ""


def _previous_content_line(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` (0-based) holding more than a comment."""
    for index in range(min(line, len(lines)) - 1, -1, -1):
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            return index
    return None


def _at(mark: yaml.Mark, message: str) -> Place:
    return (mark.line + 1, mark.column + 1, message)


def _after_quote(lines: list[str], mark: yaml.Mark) -> Place | None:
    """The mistake of text after a quoted value's closing quote (`"Smith" & Co`)."""
    row = lines[mark.line] if mark.line < len(lines) else ""
    value = re.match(r"^\s*(?:- )?[^:#]*:\s+(['\"])", row)
    closed = value and value.group(1) in row[value.end():mark.column]
    if not closed:
        return None
    return _at(mark, "text continues after the closing quote; to put an apostrophe in "
                     "single-quoted text write it twice ('it''s'), or quote the whole "
                     "value with the other kind of quote")


def _colon_not_allowed(lines: list[str], mark: yaml.Mark) -> Place:
    """'mapping values are not allowed': a colon in a value, a glued colon, or indentation."""
    row = lines[mark.line] if mark.line < len(lines) else ""
    before = row[: mark.column]
    if re.search(r":(\s|$)", before):
        return _at(mark, f"': ' inside a value is not allowed; {QUOTE_IT}")
    above = _previous_content_line(lines, mark.line)
    if above is not None:
        glued = _GLUED_COLON.match(lines[above])
        if glued:
            key, value = glued.groups()
            return (above + 1, glued.start(2), f"put a space after the colon: "
                    f"'{key}: {value}', not '{key}:{value}'")
        if ":" not in lines[above] and not lines[above].lstrip().startswith("-"):
            return (above + 1, 1, "this line has no ':'; write it as 'key: value'")
    return _at(mark, "this line is indented further than the line above; "
                     "line it up with the keys at its level")


def _expected_key(lines: list[str], mark: yaml.Mark) -> Place:
    """'did not find expected key': text after a closing quote, a flow value, or indentation."""
    after_quote = _after_quote(lines, mark)
    if after_quote:
        return after_quote
    row = lines[mark.line] if mark.line < len(lines) else ""
    flow = _FLOW_START.match(row)
    if flow:
        kind = "a list" if flow.group(1) == "[" else "a group of keys"
        return _at(mark, f"a value starting with '{flow.group(1)}' is read as {kind}; {QUOTE_IT}")
    if row.lstrip().startswith("-"):
        return _at(mark, "a list item ('- ') is not expected here; check this line's indentation")
    return _at(mark, "this line's indentation does not match the lines above; "
                     "line it up with the keys at its level")


def _token_start(lines: list[str], mark: yaml.Mark) -> Place:
    char = _char(lines, mark.line, mark.column)
    if char == "\t":
        return _at(mark, "a tab character is used for indentation; indent with spaces")
    return _at(mark, f"a value cannot start with '{char}'; {QUOTE_IT}")


def explain(exc: yaml.MarkedYAMLError, text: str) -> Place:
    """Line, column and a plain-words message for a YAML syntax error in `text`."""
    lines = _lines(text)
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    start = exc.context_mark or mark
    if mark is None:
        return (1, 1, f"YAML syntax error: {problem or exc}")
    if "cannot start any token" in problem:
        return _token_start(lines, mark)
    if "scanning an alias" in context:
        return _at(start, f"a value starting with '*' is read as a YAML alias; {QUOTE_IT}")
    if "scanning an anchor" in context:
        return _after_quote(lines, start) or _at(start, f"'&' here starts a YAML anchor; "
                                                        f"{QUOTE_IT}")
    if "quoted scalar" in context and "end of stream" in problem:
        return _at(start, "this quote is never closed; add the closing quote")
    if "mapping values are not allowed" in problem:
        return _colon_not_allowed(lines, mark)
    if "did not find expected key" in problem:
        return _expected_key(lines, mark)
    return _other(problem, context, mark, start)


def _other(problem: str, context: str, mark: yaml.Mark, start: yaml.Mark) -> Place:
    if "expected '-' indicator" in problem:
        return _at(mark, "list items must line up: start this '- ' in the same column as "
                         "the items above")
    if "could not find expected ':'" in problem:
        return _at(start, "expected 'key: value' here; check for a missing ':'")
    if any(escape in problem for escape in _ESCAPES):
        return _at(mark, "a backslash inside double quotes starts an escape; write '\\\\' "
                         "for a backslash, or use single quotes")
    if "invalid Unicode character escape" in problem:
        return _at(mark, "this \\u escape is not a character a Word document can hold "
                         "(a lone surrogate); remove it")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        closing = "]" if "]" in problem else "}"
        return _at(start, f"a '{'[' if closing == ']' else '{'}' is never closed with "
                          f"'{closing}'; if the value is text, {QUOTE_IT}")
    where = f" ({context})" if context else ""
    return _at(mark, f"YAML syntax error: {problem}{where}")
