"""One timeline: the dates a cluster file records and plans, checked against each other.

Warnings, each at its line, when:
- a recorded event (a version history row, `mou_signed`, `tor_adopted`, a membership
  change or its `dept_notified`, a `reference_confirmed` date) is dated after
  `document.date`: a document cannot record what had not happened when it was dated;
- version history rows are out of date order, or the last is not `document.version`;
- a plan action's timeframe falls outside the funding period (`timeframes.py` reads
  terms, semesters, months and dates; text it cannot read is left unchecked, and the
  review checklist lists it: `unread_timeframes`);
- a position starts after the funding period begins (the budget costs its salary from
  then) or ends, or its fixed term ends before the period does;
- the industrial instrument does not fit the employer: an LLEN under the Victorian
  Government Schools Agreement, which covers government schools' staff, or a school
  under an LLEN's agreement.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from docgen.cluster.fields import EARLIEST_DATE, LATEST_DATE
from docgen.cluster.model import Cluster
from docgen.cluster.policy import funding_period
from docgen.cluster.timeframes import OPEN_ENDED, month_end, tenure_end, timeframe_span
from docgen.cluster.values import ValuePath
from docgen.errors import Severity
from docgen.refdata import ReferenceData

Data = dict[str, Any]
Finding = tuple[ValuePath, Severity, str]
WARNING = Severity.WARNING
VGSA = re.compile(r"\bVGSA\b|Victorian Government Schools Agreement", re.IGNORECASE)
LLEN_AGREEMENT = re.compile(r"\bLLEN\b|Local Learning and Employment Network", re.IGNORECASE)
POSITION_WORDS = {"coordinator": "the Cluster Coordinator", "admin_support": "administration "
                  "support"}


def words(day: dt.date) -> str:
    """3 March 2025."""
    return f"{day.day} {day:%B %Y}"


def recorded_events(data: Data) -> Iterator[tuple[ValuePath, dt.date]]:
    """Every date the file records as having happened, with its path."""
    for i, row in enumerate(data["document"].get("history", [])):
        yield ("document", "history", i, "date"), row["date"]
    funding = data["funding_application"]
    for key in ("mou_signed", "tor_adopted"):
        if funding.get(key):
            yield ("funding_application", key), funding[key]
    for i, change in enumerate(data.get("membership_changes", [])):
        yield ("membership_changes", i, "date"), change["date"]
        if change.get("dept_notified"):
            yield ("membership_changes", i, "dept_notified"), change["dept_notified"]
    for i, entry in enumerate(data.get("reference_confirmed", [])):
        yield ("reference_confirmed", i, "date"), entry["date"]


def events_before_document(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Nothing recorded is dated after the documents' own date (a date the schema refuses
    is no yardstick: its error says so)."""
    dated = data["document"]["date"]
    if not EARLIEST_DATE <= dated <= LATEST_DATE:
        return
    for path, day in recorded_events(data):
        if day > dated:
            yield (path, WARNING, f"{words(day)} is after the documents' own date "
                   f"({words(dated)}): record it once it has happened and date the documents "
                   "then, or move document.date on")


def history_in_order(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Version history rows run oldest first and end with this version."""
    document = data["document"]
    history = document.get("history", [])
    for i in range(1, len(history)):
        if history[i]["date"] < history[i - 1]["date"]:
            yield (("document", "history", i, "date"), WARNING,
                   f"version {history[i]['version']} is dated before version "
                   f"{history[i - 1]['version']} above it; list versions oldest first")
    if history and history[-1]["version"] != document["version"]:
        yield (("document", "version"), WARNING,
               f"the last version history row is version {history[-1]['version']}, not "
               f"this version ({document['version']}); add a row for it")


def period(data: Data, reference: ReferenceData) -> tuple[dt.date, dt.date] | None:
    """The funding period, or None when approval after the program end leaves none (an
    error of its own)."""
    start, end, _ = funding_period(data["funding_application"]["approval_date"], reference)
    return (start, end) if start <= end else None


def outside(first: dt.date, last: dt.date, start: dt.date, end: dt.date) -> str | None:
    """How the span first..last lies outside start..end, or None when inside."""
    if last < start or first > end:
        return "falls outside"
    if first < start:
        return "starts before"
    return "runs past the end of" if last > end else None


def actions_in_period(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """Each plan action's timeframe, where it can be read, lies in the funding period."""
    funded = period(data, reference)
    if funded is None:
        return
    start, end = funded
    months = (start.replace(day=1), month_end(end.year, end.month))
    for i, action in enumerate(data["implementation_plan"]["actions"]):
        span = timeframe_span(action["timeframe"])
        if span is None:
            continue
        first, last = (start, end) if span.exact else months
        where = outside(span.first, span.last, first, last)
        if where:
            yield (("implementation_plan", "actions", i, "timeframe"), WARNING,
                   f"'{action['timeframe']}' {where} the funding period ({words(start)} to "
                   f"{words(end)}) this plan is for")


def position_in_period(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """A position starts and ends as the funding period that pays its salary does."""
    funded = period(data, reference)
    if funded is None:
        return
    start, end = funded
    for key, who in POSITION_WORDS.items():
        position = data.get(key)
        if not position:
            continue
        began = position.get("start_date")
        if began and began > start:
            where = "ends" if began > end else "begins"
            day = end if began > end else start
            yield ((key, "start_date"), WARNING, f"{who} starts on {words(began)}, after the "
                   f"funding period {where} ({words(day)}), but the budget costs the salary "
                   f"from {words(start)}")
        tenure = position.get("tenure")
        last = tenure_end(tenure, began or start) if tenure else None
        if last is not None and last < end:
            yield ((key, "tenure"), WARNING, f"the fixed term ends on {words(last)}, before "
                   f"the funding period does ({words(end)}), but the budget pays the salary "
                   "until then")


def employer_of(data: Data, position: Data) -> tuple[str | None, bool]:
    """The position's employer and whether it is one of the cluster's LLENs."""
    llens = data.get("llens", [])
    names = {n for llen in llens for n in (llen["name"], llen.get("short_name")) if n}
    employer = position.get("employer") or (llens[0].get("short_name", llens[0]["name"])
                                            if llens else None)
    return employer, employer in names


def instrument_fits_employer(data: Data, reference: ReferenceData) -> Iterator[Finding]:
    """The VGSA covers government schools' staff, an LLEN's agreement its own staff."""
    sectors = {s["name"]: s["sector"] for s in data["member_schools"]}
    for key, who in POSITION_WORDS.items():
        position = data.get(key) or {}
        instrument = position.get("instrument") or ""
        employer, by_llen = employer_of(data, position)
        if VGSA.search(instrument) and (by_llen or sectors.get(employer or "") not in
                                        (None, "government")):
            yield ((key, "instrument"), WARNING, f"'{employer}' employs {who}, but the Victorian "
                   "Government Schools Agreement covers staff of government schools; name the "
                   "employer's own instrument")
        elif LLEN_AGREEMENT.search(instrument) and employer in sectors:
            yield ((key, "instrument"), WARNING, f"'{employer}', a school, employs {who}, but "
                   f"'{instrument}' is an LLEN's instrument; name the school's")


RULES = [events_before_document, history_in_order, actions_in_period, position_in_period,
         instrument_fits_employer]
"""The timeline's rules, run by `validate.py` with the others (`rules.RULES`)."""


def unread_timeframes(cluster: Cluster) -> list[tuple[str, str]]:
    """(what, text) of each timeframe or tenure `check` could not read, so did not check."""
    unread = [(f"Action \u201c{a.action}\u201d", a.timeframe) for a in cluster.actions
              if timeframe_span(a.timeframe) is None]
    for label, position in (("Cluster Coordinator", cluster.coordinator),
                            ("Administration support", cluster.admin_support)):
        if position is None or not position.tenure or OPEN_ENDED.search(position.tenure):
            continue
        if tenure_end(position.tenure, position.start_date or dt.date(2000, 1, 1)) is None:
            unread.append((f"{label} tenure", position.tenure))
    return unread
