"""`spreadsheet_safe`: no cell text a spreadsheet would run as a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import doctest
import io

import pytest

from docgen.build import cellsafe
from docgen.build.cellsafe import spreadsheet_safe


@pytest.mark.parametrize("text", [
    "=HYPERLINK(\"http://evil.example\", \"Click\")", "=1+1", "+61 3 9999 0000", "-2+3",
    "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "\n=1+1", "＝1+1", "＋1", "－1", "＠SUM(A1)", "-",
    "=", "-cmd|' /C calc'!A0",
])
def test_text_a_spreadsheet_would_run_is_quoted(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("text", [
    "Southern Shores VET Cluster", "", "1,234", "Ngā Tūmanako 🎓", " =1+1", "a=b", "x@y.z",
    "'already quoted", "0", "1500", "-1500.50", "3", "B",
])
def test_other_text_and_plain_numbers_stay_as_they_are(text):
    assert spreadsheet_safe(text) == text


def test_a_csv_written_with_it_has_no_formula_cell():
    buffer = io.StringIO()
    csv.writer(buffer).writerow([spreadsheet_safe(t) for t in ["=1+1", "@x", "ok", "-5"]])
    cells = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert cells == ["'=1+1", "'@x", "ok", "-5"]
    assert not any(cell[:1] in "=+@\t\r" for cell in cells)


def test_examples_in_the_docstring_hold():
    assert doctest.testmod(cellsafe).failed == 0
