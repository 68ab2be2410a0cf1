"""How one value is written as YAML text: plain where that is safe, quoted otherwise.

docgen types every scalar by its schema, so a value must be written the way its field
is read back: a date field's `2025-03-03` plain (a date), a text field's `NO`, `0427`,
`1:20`, `1.10` or `2025-03-03` quoted (text, whatever a YAML 1.1 reader makes of it
plain). A string is written plain only when every YAML reader reads it as that same
string; a string the schema reads as a date, number or yes/no is written plain only
in the exact form docgen's loader accepts. Quoted and block scalars keep their style
when they are rewritten (`write_scalar`'s `old`), as a person editing the file would.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

KINDS = {"text": "text", "string": "text", "date": "date", "integer": "integer",
         "number": "number", "decimal": "number", "boolean": "boolean"}
"""The schema's names for a scalar's type (docgen's Cerberus names too), as used here."""

FOLD_WIDTH = 88
"""A folded (`>`) block is wrapped to this many columns, as the example files are."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INTEGER = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?")
_BOOLEANS = {"true": True, "True": True, "TRUE": True,
             "false": False, "False": False, "FALSE": False}
MAX_INTEGER_CHARS = 100
"""docgen's loader reads longer whole numbers as text; so are they written here."""

# Read as something other than text by YAML 1.1 (PyYAML's resolver is asked as well)
# or by YAML 1.2 readers (octal 0o17, 1e3): such a string is always quoted.
_NOT_TEXT = re.compile(
    r"[yYnN]|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
    r"|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Codes, phone numbers and ABNs ("8214", "03 5821 9012"): quoted, as the house style has
# them, although a reader would not take every one of them for a number.
_DIGITS = re.compile(r"[+(]?[0-9][0-9 ()+.-]*")
_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
            "\f": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\",
            "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", "\ufeff": "\\uFEFF"}
# What may stand unescaped in plain, single-quoted and block text: YAML's printable
# characters less tab, the line breaks YAML knows besides LF, and a byte-order mark.
_UNSAFE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                     "\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True, slots=True)
class Written:
    """A scalar as text: one line (plain or quoted), or a block scalar's lines."""

    text: str
    """One line without its end; a block scalar's header line and content, each ending in LF."""
    style: str
    """'' plain, "'" or '"' quoted, '|' literal or '>' folded."""
    value: Any
    """What a YAML reader (PyYAML's safe_load) reads back from `text`."""

    @property
    def block(self) -> bool:
        """Whether it is a block scalar (literal or folded)."""
        return self.style in ("|", ">")


def plain_is_text(text: str) -> bool:
    """True when `text`, written plain as a value, is read back by any YAML reader as itself."""
    if not text or text != text.strip() or _UNSAFE.search(text) or "\t" in text:
        return False
    if text[0] in _INDICATORS or text.startswith(("---", "...")) or "\n" in text:
        return False
    if ": " in text or " #" in text or text.endswith(":") or _NOT_TEXT.fullmatch(text) or \
            _DIGITS.fullmatch(text):
        return False
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag == _STR_TAG


def double_quoted(text: str) -> str:
    """`text` in double quotes, escaping what that style must (and nothing printable)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _UNSAFE.match(char) and char != "\t":
            code = ord(char)
            out.append(f"\\x{code:02X}" if code < 0x100 else
                       f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def single_quoted(text: str) -> str | None:
    """`text` in single quotes (a quote doubled), or None if it holds a line break or control."""
    if "\n" in text or _UNSAFE.search(text):
        return None
    return "'" + text.replace("'", "''") + "'"


def float_text(number: float, positional: bool = False) -> str:
    """A float as YAML 1.1 reads it back (`1.0e+16`, not Python's `1e+16`, which is text);
    `positional` without an exponent (`10000000000000000.0`), as docgen reads a number."""
    if math.isnan(number):
        return ".nan"
    if math.isinf(number):
        return ".inf" if number > 0 else "-.inf"
    if positional:
        text = format(Decimal(repr(number)), "f")
        return text if "." in text else text + ".0"
    text = repr(number)
    if "e" in text and "." not in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def typed_plain(value: Any, kind: str | None) -> Written | None:
    """The plain form of a number, yes/no, date or null, or of text the schema reads as one."""
    if isinstance(value, bool):
        return Written("true" if value else "false", "", value)
    if value is None:
        return Written("null", "", None)
    if isinstance(value, int):
        return Written(str(value), "", value)
    if isinstance(value, float):
        return Written(float_text(value, positional=kind == "number"), "", value)
    if isinstance(value, dt.datetime):
        return Written(str(value), "", value)
    if isinstance(value, dt.date):
        return Written(value.isoformat(), "", value)
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise ValueError("the text holds half of a UTF-16 surrogate pair, not a character")
        return _schema_typed(value, kind)
    raise TypeError(f"a {type(value).__name__} cannot be written in a cluster file")


def _schema_typed(text: str, kind: str | None) -> Written | None:
    """`text` written plain where the schema reads it as a date, number or yes/no."""
    if kind == "date" and _DATE.fullmatch(text):
        try:
            return Written(text, "", dt.date.fromisoformat(text))
        except ValueError:
            return None
    if kind == "integer" and _INTEGER.fullmatch(text) and len(text) <= MAX_INTEGER_CHARS:
        return Written(text, "", int(text))
    if kind == "number" and _DECIMAL.fullmatch(text) and len(text) <= MAX_INTEGER_CHARS:
        return Written(text, "", float(text) if "." in text else int(text))
    if kind == "boolean" and text in _BOOLEANS:
        return Written(text, "", _BOOLEANS[text])
    return None


def _block_lines(text: str, folded: bool) -> tuple[list[str], str] | None:
    """`text` as a block scalar: its lines and chomping indicator (`-` or none); None
    if no such block scalar reads back as `text`."""
    body = text.rstrip("\n")
    trailing = len(text) - len(body)
    if not body or body[0] in " \t\n" or _UNSAFE.search(body.replace("\t", " ")):
        return None
    if trailing > 1:  # `|+` would take in the blank lines after it in the file too
        return None
    lines = body.split("\n")
    if any(line and not line.strip(" \t") for line in lines):
        return None  # a line of only spaces: the reader could take them as indentation
    if folded and any(line[:1] in (" ", "\t") or line[-1:] in (" ", "\t") for line in lines):
        return None  # a more-indented line is not folded: keep the rule simple, use '|'
    return lines, "-" if trailing == 0 else ""


def _folded_lines(lines: list[str], width: int) -> list[str]:
    """Folded-style lines that read back as `lines` joined by LF: n line breaks between
    two lines of text are n blank lines (a lone break would be folded into a space)."""
    out: list[str] = []
    for number, line in enumerate(lines):
        if number and line:
            out.append("")
        out.extend(wrap(line, width) if line else [""])
    return out


def wrap(line: str, width: int) -> list[str]:
    """`line` cut at single spaces between words into pieces of at most `width` (if it can)."""
    words = re.split(r"(?<=\S) (?=\S)", line)
    pieces = [words[0]]
    for word in words[1:]:
        if len(pieces[-1]) + 1 + len(word) <= width:
            pieces[-1] += " " + word
        else:
            pieces.append(word)
    return pieces


def block_scalar(text: str, style: str, indent: int, comment: str = "") -> Written | None:
    """`text` as a literal (`|`) or folded (`>`) block at `indent`, or None if it cannot be."""
    shape = _block_lines(text, style == ">")
    if shape is None:
        return None
    lines, chomp = shape
    if style == ">":
        lines = _folded_lines(lines, max(40, FOLD_WIDTH - indent))
    rows = "".join((" " * indent + line if line else "") + "\n" for line in lines)
    return Written(f"{style}{chomp}{comment}\n{rows}", style, text)


def write_scalar(value: Any, kind: str | None, old: str | None, indent: int,
                 comment: str = "") -> Written:
    """`value` as YAML text for a field of schema `kind`, in the style `old` had if it can be.

    `old` is the style of the value being replaced (None for a new one); a block stays
    a block unless the new text is one line that fits beside its key. `indent` is the
    column a block scalar's lines start at; `comment` (spaces and `# ...`) goes on a
    block scalar's header line, since it has no other line of its own.
    """
    typed = typed_plain(value, kind)
    if typed is not None:
        return typed
    text: str = value
    if old in ("|", ">") and ("\n" in text or len(text) > FOLD_WIDTH - indent):
        block = block_scalar(text, old, indent, comment) or block_scalar(text, "|", indent,
                                                                         comment)
        return block or Written(double_quoted(text), '"', text)
    if "\n" in text and old != '"':
        block = block_scalar(text, "|", indent, comment)
        if block:
            return block
    if old == "'":
        quoted = single_quoted(text)
        if quoted is not None:
            return Written(quoted, "'", text)
    if old != '"' and old != "'" and plain_is_text(text):
        return Written(text, "", text)
    return Written(double_quoted(text), '"', text)


def write_key(key: str) -> str:
    """A mapping key as text: plain when it reads back as itself, else double-quoted."""
    return key if plain_is_text(key) else double_quoted(key)
