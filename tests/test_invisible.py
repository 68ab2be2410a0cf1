"""Blank and invisible-only text, and names compared as a reader sees them."""

from __future__ import annotations

import unicodedata

import pytest

from docgen.cluster.invisible import comparable, hidden_characters, is_blank

INVISIBLES = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f",
              *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]


@pytest.mark.parametrize("text", ["", " ", "\t", " \t\n ", "\u00a0\u3000", *INVISIBLES,
                                  "".join(INVISIBLES) + " \t"])
def test_text_that_shows_nothing_is_blank(text):
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", " x ", "\u200bSt Mary's\u200b", "🎓", "中", "-"])
def test_text_with_anything_visible_is_not_blank(text):
    assert not is_blank(text)


def test_hidden_characters_are_named_once_each_in_order():
    assert hidden_characters("a\u202e\u200bb\u202e") == ["U+202E", "U+200B"]
    assert hidden_characters("  plain  ") == []


@pytest.mark.parametrize(("a", "b"), [
    ("Kerrabee College", "Kerrabee\u200b College"),
    ("Kerrabee College", "kerrabee   COLLEGE"),
    ("Kerrabee College", "\u2066Kerrabee College\u2069"),
    (unicodedata.normalize("NFC", "Sénior"), unicodedata.normalize("NFD", "Sénior")),
    ("Straße School", "STRASSE SCHOOL"),
])
def test_names_that_read_the_same_compare_equal(a, b):
    assert comparable(a) == comparable(b)


def test_names_that_read_differently_stay_different():
    assert comparable("Kerrabee College") != comparable("Kerrabee Colleges")
    assert comparable("Sénior") != comparable("Senior")
