"""Reading the timeframes and tenures people write ("Term 3 2025", "12 months") as dates.

Pure: text in, a span of dates out, or None for text that cannot be read (it is left
unchecked, and the review checklist says so). Read are:

- ISO dates, alone or as "2025-09-01 to 2025-11-30";
- school terms and semesters: "Term 3 2025", "Terms 2 and 3 2026", "Term 4 2025 to
  Term 1 2026", "Semester 1 2026";
- months: "October 2025", "October to November 2025", "November 2025 to March 2026";
- tenures: "12 months", "2 years", "to 31 August 2026" (with anything around them).

Victorian school term dates change every year and are not in the reference material,
so a term is read as the whole months it always covers, whatever the year: Term 1
February and March (it starts in late January and ends in early April), Term 2 May and
June (late April to late June or early July), Term 3 August (mid-July to mid- or late
September), Term 4 November (early October to mid-December). A semester is its two
terms. A span read so is certain, never wider than the real one, so a timeframe that
falls outside the funding period by these months really does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
TERM_MONTHS = {1: (2, 3), 2: (5, 6), 3: (8, 8), 4: (11, 11)}
SEMESTER_MONTHS = {1: (2, 6), 2: (8, 11)}
ISO = r"\d{4}-\d{2}-\d{2}"
PART = r"(?:(?:terms?|semesters?)\s+)?[1-4]|[a-z]+"
SPAN = re.compile(rf"(?P<a>{PART})(?:\s+(?P<ya>\d{{4}}))?"
                  rf"(?:\s*(?:to|and|until|-|–)\s*(?P<b>{PART}))?\s+(?P<yb>\d{{4}})")
DATES = re.compile(rf"(?P<a>{ISO})(?:\s*(?:to|until|-|–)\s*(?P<b>{ISO}))?")
LENGTH = re.compile(r"\b(?P<n>\d{1,2})\s*(?P<unit>months?|years?)\b", re.IGNORECASE)
UNTIL = re.compile(rf"\b(?:to|until|ending)\s+(?:(?P<iso>{ISO})|(?P<day>\d{{1,2}})\s+"
                   rf"(?P<month>[a-z]+)\s+(?P<year>\d{{4}}))", re.IGNORECASE)
OPEN_ENDED = re.compile(r"\b(ongoing|permanent|continuing)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Span:
    """First and last day of a timeframe; `exact` when read from dates, not months."""

    first: dt.date
    last: dt.date
    exact: bool = False


def month_end(year: int, month: int) -> dt.date:
    """The last day of `month` in `year`."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def part_months(part: str, kind: str | None) -> tuple[str, int, int] | None:
    """('term', first month, last month) of 'term 3', 'october' or a bare '3' of `kind`."""
    words = part.split()
    if words[0].rstrip("s") in ("term", "semester"):
        kind, words = words[0].rstrip("s"), words[1:]
    if words[0].isdigit():
        table = TERM_MONTHS if kind == "term" else SEMESTER_MONTHS if kind else {}
        months = table.get(int(words[0]))
        return (str(kind), *months) if months else None
    month = MONTHS.get(words[0])
    return ("month", month, month) if month else None


def timeframe_span(text: str) -> Span | None:
    """The span a plan's timeframe covers, or None when it cannot be read."""
    plain = " ".join(text.lower().replace(".", " ").split())
    found = DATES.fullmatch(plain)
    if found:
        try:
            first = dt.date.fromisoformat(found["a"])
            last = dt.date.fromisoformat(found["b"] or found["a"])
        except ValueError:
            return None
        return Span(first, last, exact=True) if first <= last else None
    found = SPAN.fullmatch(plain)
    if not found:
        return None
    start = part_months(found["a"], None)
    end = part_months(found["b"], start[0] if start else None) if found["b"] else start
    if start is None or end is None:
        return None
    last_year = int(found["yb"])
    first_year = int(found["ya"]) if found["ya"] else last_year
    first = dt.date(first_year, start[1], 1)
    last = month_end(last_year, end[2])
    return Span(first, last) if first <= last else None


def tenure_end(text: str, start: dt.date) -> dt.date | None:
    """The last day of a fixed term starting on `start`; None for an open-ended tenure
    or one that cannot be read (`tenure_readable` tells which)."""
    found = UNTIL.search(text)
    if found:
        month = MONTHS.get((found["month"] or "").lower())
        try:
            return dt.date.fromisoformat(found["iso"]) if found["iso"] else \
                dt.date(int(found["year"]), month, int(found["day"])) if month else None
        except ValueError:  # '31 February'
            return None
    found = LENGTH.search(text)
    if found and not OPEN_ENDED.search(text):
        months = int(found["n"]) * (12 if found["unit"].lower().startswith("year") else 1)
        index = start.month - 1 + months
        year, month = start.year + index // 12, index % 12 + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day) - dt.timedelta(days=1)
    return None


def tenure_readable(text: str) -> bool:
    """Whether a tenure says how long it runs (or that it is open-ended)."""
    return bool(UNTIL.search(text) or LENGTH.search(text) or OPEN_ENDED.search(text))
