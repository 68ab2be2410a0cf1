"""Text that shows nothing: blank values, and names that differ only invisibly.

A value of spaces, a zero-width space or a bidi control prints as nothing in a
document (an empty cluster name on every cover page), and two school names that
differ only by such a character, or by how an accent is encoded, are one school.
The character classes are written as `\\uXXXX` escapes so the same text serves
Python's `re` and the JSON Schema export (ECMA-262 patterns).
"""

from __future__ import annotations

import re
import unicodedata

WHITESPACE = (r"\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f"
              r"\u205f\u3000")
"""Every Unicode space and line break, spelled out: Python's and ECMA's `\\s` differ."""

INVISIBLE = (r"\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
             r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0")
"""Characters that print as nothing: zero-width spaces and joiners (U+200B-U+200D),
the word joiner (U+2060), byte-order mark (U+FEFF), bidi marks, embeddings,
overrides and isolates (U+200E/F, U+202A-U+202E, U+2066-U+2069), soft hyphen,
variation selectors, Hangul and Braille blanks."""

VISIBLE_PATTERN = f"[^{WHITESPACE}{INVISIBLE}]"
"""Matches one character that shows; a value without one is blank."""

_VISIBLE = re.compile(VISIBLE_PATTERN)
_HIDDEN = re.compile(f"[{INVISIBLE}]")


def is_blank(text: str) -> bool:
    """Whether `text` shows nothing: empty, spaces, or invisible characters only."""
    return _VISIBLE.search(text) is None


def hidden_characters(text: str) -> list[str]:
    """The distinct invisible (not space) characters in `text`, as U+XXXX, in order."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in _HIDDEN.findall(text)))


def comparable(name: str) -> str:
    """`name` as duplicates are compared: NFC, invisible and format characters removed,
    spaces collapsed, case folded ('St Mary's' with a zero-width space in it, and
    'st  mary's', are one name)."""
    text = unicodedata.normalize("NFC", name)
    text = "".join(c for c in _HIDDEN.sub("", text) if unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", " ".join(text.split()).casefold())
