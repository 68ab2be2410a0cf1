"""Text for spreadsheet cells that a spreadsheet cannot take for a formula (CSV injection).

A cell of `region-summary.csv` or `.xlsx` whose text starts with `=`, `+`, `-` or `@`
(or tab, carriage return or line feed) is run as a formula by Excel, LibreOffice and
Google Sheets: `=HYPERLINK("http://…", "Click")` in a cluster name becomes a live link.
OWASP's guidance (CSV Injection): start such a cell with a single quote, which the
spreadsheet shows as text and does not display. Fullwidth `＝ ＋ － ＠` count too, as
some spreadsheets read them as the ASCII signs. A plain number (`-1500.50`) is left as
it is: it is a number, not a formula, and a quote would turn it into text.
"""

from __future__ import annotations

import re

FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
"""First characters that make a spreadsheet read a cell as a formula."""

PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def spreadsheet_safe(text: str) -> str:
    """`text` as a spreadsheet cell that shows it and never runs it.

    >>> spreadsheet_safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> spreadsheet_safe("Southern Shores VET Cluster"), spreadsheet_safe("-1500.50")
    ('Southern Shores VET Cluster', '-1500.50')
    """
    if text[:1] in FORMULA_STARTS and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
