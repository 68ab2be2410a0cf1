"""The kinds of field a cluster file has, as Cerberus rules, and finding a rule by its path.

`schema.py` builds the cluster file's shape from these; the validator's messages
(`messages.py`) look a rule up by the path of the value it checks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

Rule = dict[str, Any]
Schema = dict[str, Rule]
"""A group of fields: each name → its rule."""

# Bounds on every number the calculations use, so a file `check` passes can never
# overflow Decimal's 28 digits in `funding`, `build` or `pack`: the largest product
# (a rate per enrolment × every enrolment of 200 schools) stays under 10^17.
MAX_DOLLARS = 1_000_000_000
"""More than any cluster's budget or contribution, in dollars."""
MAX_ENROLMENTS = 100_000
"""More students than any school enrols (per school, and per certificate)."""
MAX_HOURS = 10_000
"""Training hours a year per enrolment; a year has 8,760 hours."""
MAX_RATE = 10
"""A rate such as on-costs (0.22 is 22%); 10 is 1,000%."""
EARLIEST_DATE, LATEST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
"""Every date in a cluster file falls in this century (a typo such as 9025 does not)."""


def text(description: str, *, required: bool = False, **extra: Any) -> Rule:
    """A required-or-optional line of text that may not be blank (nor invisible only)."""
    return {"type": "string", "required": required, "empty": False, "nullable": False,
            "visible": True, "meta": {"description": description}, **extra}


def choice(description: str, allowed: list[str], *, required: bool = False) -> Rule:
    """One of a fixed list of words."""
    return text(description, required=required, allowed=allowed)


def number(description: str, *, required: bool = False, **limits: Any) -> Rule:
    """A decimal number such as 0.6 or 15000 (kept exact, never a float)."""
    return {"type": "decimal", "required": required, "meta": {"description": description},
            **limits}


def whole(description: str, *, required: bool = False, **limits: Any) -> Rule:
    """A whole number such as 142."""
    return {"type": "integer", "required": required, "meta": {"description": description},
            **limits}


def dollars(description: str, *, required: bool = False) -> Rule:
    """An amount of money, from 0 to MAX_DOLLARS."""
    return number(description, required=required, min=0, max=MAX_DOLLARS)


def day(description: str, *, required: bool = False) -> Rule:
    """A date written YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE."""
    return {"type": "date", "required": required, "meta": {"description": description},
            "min": EARLIEST_DATE, "max": LATEST_DATE}


def flag(description: str, *, required: bool = False) -> Rule:
    """true or false (yes/no/on/off are refused, never guessed)."""
    return {"type": "boolean", "required": required, "meta": {"description": description}}


def mapping(description: str, fields: dict[str, Rule], *, required: bool = False) -> Rule:
    """A group of named fields."""
    return {"type": "dict", "required": required, "schema": fields,
            "meta": {"description": description}}


def listing(description: str, item: Rule, *, required: bool = False, minlength: int = 0) -> Rule:
    """A list of items, each checked by `item`."""
    rule: Rule = {"type": "list", "required": required, "schema": item,
                  "meta": {"description": description}}
    if minlength:
        rule["minlength"] = minlength
    return rule


def strings(description: str, *, required: bool = False) -> Rule:
    """A list of lines of text."""
    return listing(description, text("One line of text."), required=required)


PERSON_FIELDS = {
    "name": text("Full name, as it should appear in documents.", required=True),
    "title": text("Position or title, e.g. 'Principal'."),
    "email": text("Email address.", regex=r"[^@\s]+@[^@\s]+\.[^@\s]+"),
    "phone": text("Phone number, in quotes so it stays as written."),
}


def person(description: str, *, required: bool = False) -> Rule:
    """A named person with optional title and contact details."""
    return mapping(description, dict(PERSON_FIELDS), required=required)


def position(description: str, classification: str, *, required: bool = False,
             criteria: bool = False) -> Rule:
    """A staff position: a person or vacant, with classification, FTE and employer (and,
    with `criteria`, the key selection criteria its position description lists)."""
    rule = mapping(description, {
        "name": text("Who holds the position; leave out while it is vacant."),
        "email": PERSON_FIELDS["email"],
        "phone": PERSON_FIELDS["phone"],
        "vacant": flag("true while the position is not yet filled."),
        "classification": text(f"Classification, e.g. '{classification}' (the default)."),
        "instrument": text("Industrial instrument, e.g. 'VGSA 2022' or the LLEN's own award."),
        "fte": number("Time fraction, more than 0 and at most 1 (e.g. 1.0 or 0.4).",
                      required=True, min=0, max=1),
        "employer": text("The employing LLEN (its name or short name)."),
        "location": text("Where the position is based."),
        "start_date": day("Start date, YYYY-MM-DD."),
        "tenure": text("e.g. 'Fixed term, 12 months'."),
        "reports_to": text("Who the position reports to."),
    }, required=required)
    if criteria:
        rule["schema"]["selection_criteria"] = strings(
            "The key selection criteria the position description lists, one a line; leave "
            "out for docgen's suggested criteria.")
    return rule


def rule_at(schema: Schema, path: tuple[str | int, ...]) -> Rule | None:
    """The schema rule for a value's path, or None where the schema has none."""
    rule: Rule | None = {"type": "dict", "schema": schema}
    for part in path:
        if rule is None:
            return None
        inner = rule.get("schema")
        if isinstance(part, int):
            rule = inner if rule.get("type") == "list" else None
        else:
            rule = inner.get(part) if rule.get("type") == "dict" and inner else None
        rule = rule if isinstance(rule, dict) else None
    return rule


def fields_at(schema: Schema, path: tuple[str | int, ...]) -> dict[str, Any]:
    """The named fields of the group at `path` (of each item, for a list of groups)."""
    rule = rule_at(schema, path) or {}
    if rule.get("type") == "list":
        rule = rule.get("schema") or {}
    return (rule.get("schema") or {}) if rule.get("type") == "dict" else {}


def description(schema: Schema, path: tuple[str | int, ...]) -> str:
    """The schema's description of the field at `path`, without its final full stop."""
    rule = rule_at(schema, path) or {}
    return str(rule.get("meta", {}).get("description", "")).rstrip(".")
