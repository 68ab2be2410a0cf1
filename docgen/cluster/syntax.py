"""YAML syntax errors in a coordinator's words, placed where the mistake is.

libyaml reports what its parser expected ("mapping values are not allowed in this
context"), often lines after the real mistake. Here the usual editing mistakes (a
tab, a missing space after a colon, a colon inside a value, an unclosed quote, a
line out of line) are recognised from the error and the text around it, and named
in plain words with the line to fix.
"""

from __future__ import annotations

import re

import yaml

Place = tuple[int, int, str]  # 1-based line, column, message

QUOTE_IT = "put the whole value in quotes"
LINE_UP = "this line's indentation does not match the lines above; line it up with the keys " \
          "at its level"
_GLUED_COLON = re.compile(r"^\s*(?:- )?([\w-]+):([^\s:/][^#]*?)\s*(?:#.*)?$")
_QUOTED_VALUE = re.compile(r"^\s*(?:- )?[^\s:#'\"][^:#]*:\s+(['\"])")
_FLOW_START = re.compile(r"^\s*(?:- )?[^:#\"']+:\s+([\[{])")
_ESCAPES = ("did not find expected hexdecimal number", "found unknown escape character")


def _row(lines: list[str], line: int) -> str:
    return lines[line] if 0 <= line < len(lines) else ""


def _char(lines: list[str], line: int, column: int) -> str:
    row = _row(lines, line)
    return row[column] if column < len(row) else ""


def _at(mark: yaml.Mark, message: str) -> Place:
    return (mark.line + 1, mark.column + 1, message)


def _previous_content_line(lines: list[str], line: int) -> int | None:
    """The nearest line above `line` (0-based) holding more than a comment."""
    for index in range(min(line, len(lines)) - 1, -1, -1):
        if lines[index].strip() and not lines[index].lstrip().startswith("#"):
            return index
    return None


def _glued_colon(lines: list[str], line: int) -> Place | None:
    """`name:Foo` on `line` (0-based): a key whose colon has no space after it."""
    glued = _GLUED_COLON.match(_row(lines, line))
    if not glued:
        return None
    key, value = glued.groups()
    return (line + 1, glued.start(2), f"put a space after the colon: '{key}: {value}', "
                                      f"not '{key}:{value}'")


def _unclosed_quote(lines: list[str], last: int) -> Place | None:
    """The first line up to `last` whose value opens a quote that the line never closes.

    YAML lets a quoted value run over several lines, so such a quote swallows the
    lines below it and the parser complains somewhere further down.
    """
    for index in range(min(last + 1, len(lines))):
        value = _QUOTED_VALUE.match(lines[index])
        if not value:
            continue
        quote = value.group(1)
        rest = lines[index][value.end():]
        rest = rest.replace("''", "") if quote == "'" else rest.replace('\\"', "")
        if quote not in rest:
            return (index + 1, value.end(), "this quote is never closed on its line; add the "
                                            "closing quote")
    return None


def _after_quote(lines: list[str], mark: yaml.Mark) -> Place | None:
    """Text after a quoted value's closing quote (`"Smith" & Co`, `'St Mary's'`)."""
    row = _row(lines, mark.line)
    value = _QUOTED_VALUE.match(row)
    if not value or value.group(1) not in row[value.end():mark.column]:
        return None
    if value.group(1) == "'":
        return _at(mark, "text continues after the closing quote; to put an apostrophe in "
                         "single-quoted text write it twice ('it''s'), or use double quotes")
    return _at(mark, "text continues after the closing quote; to use double quotes inside "
                     "the text, put the whole value in single quotes")


def _colon_not_allowed(lines: list[str], mark: yaml.Mark) -> Place:
    """'mapping values are not allowed': a colon in a value, a glued colon, or indentation."""
    if re.search(r":(\s|$)", _row(lines, mark.line)[: mark.column]):
        return _at(mark, f"': ' inside a value is not allowed; {QUOTE_IT}")
    above = _previous_content_line(lines, mark.line)
    if above is not None:
        glued = _glued_colon(lines, above)
        if glued:
            return glued
        if ":" not in lines[above] and not lines[above].lstrip().startswith("-"):
            return (above + 1, 1, "this line has no ':'; write it as 'key: value'")
    return _at(mark, "this line is indented further than the line above; "
                     "line it up with the keys at its level")


def _expected_key(lines: list[str], mark: yaml.Mark) -> Place:
    """'did not find expected key': text after a closing quote, a flow value, or indentation."""
    after_quote = _after_quote(lines, mark)
    if after_quote:
        return after_quote
    row = _row(lines, mark.line)
    flow = _FLOW_START.match(row)
    if flow:
        kind = "a list" if flow.group(1) == "[" else "a group of keys"
        return _at(mark, f"a value starting with '{flow.group(1)}' is read as {kind}; {QUOTE_IT}")
    if row.lstrip().startswith("-"):
        return _at(mark, "a list item ('- ') is not expected here; check this line's indentation")
    return _at(mark, LINE_UP)


def _token_start(lines: list[str], mark: yaml.Mark) -> Place:
    char = _char(lines, mark.line, mark.column)
    if char == "\t":
        return _at(mark, "a tab character is used for indentation; indent with spaces")
    return _at(mark, f"a value cannot start with '{char}'; {QUOTE_IT}")


def explain(exc: yaml.MarkedYAMLError, text: str) -> Place:
    """Line, column and a plain-words message for a YAML syntax error in `text`."""
    lines = text.split("\n")
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    start = exc.context_mark or mark
    if mark is None or start is None:
        return (1, 1, f"YAML syntax error: {problem or exc}")
    if "tab character" in problem or "cannot start any token" in problem:
        return _token_start(lines, mark)
    unclosed = _unclosed_quote(lines, mark.line)
    if unclosed and unclosed[0] <= mark.line:  # a quote left open on an earlier line
        return unclosed
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
    return _other(lines, exc, mark, start)


def _other(lines: list[str], exc: yaml.MarkedYAMLError, mark: yaml.Mark,
           start: yaml.Mark) -> Place:
    problem, context = exc.problem or "", exc.context or ""
    if "expected '-' indicator" in problem:
        if not _row(lines, mark.line).lstrip().startswith("-"):
            return _at(mark, LINE_UP)
        return _at(mark, "list items must line up: start this '- ' in the same column as "
                         "the items above")
    if "expected <document start>" in problem:
        return _at(mark, "this line does not fit the lines above it: check its indentation, "
                         "and any stray line just above it")
    if "could not find expected ':'" in problem:
        return _glued_colon(lines, start.line) or _at(
            start, "expected 'key: value' here; check for a missing ':'")
    if any(escape in problem for escape in _ESCAPES):
        return _at(mark, "a backslash inside double quotes starts an escape; write '\\\\' "
                         "for a backslash, or use single quotes")
    if "invalid Unicode character escape" in problem:
        return _at(mark, "this \\u escape is not a character a Word document can hold "
                         "(a lone surrogate); remove it")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        opening = "[" if "]" in problem else "{"
        return _at(start, f"a '{opening}' is never closed; if the value is text, {QUOTE_IT}")
    where = f" ({context})" if context else ""
    return _at(mark, f"YAML syntax error: {problem}{where}")
