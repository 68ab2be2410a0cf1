"""Property: any cluster file `check` passes gives a funding calculation without exception.

The example with every funding input (salary override, contributions, SRP
certificates) has each number and date replaced by a drawn one, from ordinary to
absurd: zero, negative, beyond 10^28, with thirty decimal places, dates from
1990 to 2110. Whatever `check` accepts must give the funding report (text and
JSON) and every document's template variables; what it refuses is refused at a
line inside the file. Before the bounds in `schema.py`, amounts near 10^26 passed
`check` and then stopped `funding`, `build` and `pack` with exit 3.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import DATA, REFERENCE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.cluster.check import check_file
from docgen.cluster.schema import cluster_schema
from docgen.documents.catalogue import DOCUMENTS
from docgen.documents.context import build_context
from docgen.report.funding import json_report, text_report

EXAMPLE = (DATA / "funding" / "srp-detail.yaml").read_text(encoding="utf-8")
NUMBER_KEYS = ["vdss_enrolments", "location_index", "enrolments", "hours", "subjects",
               "skills_first_rate", "fte", "annual", "rate", "shared_amount",
               "llen_contribution", "rate_per_school", "rate_per_enrolment"]
DATE_KEYS = ["date", "start_date", "commencement", "review_date", "approval_date",
             "submission_date", "mou_signed"]
EDGES = ["0", "1", "0.5", "1000000000", "1000000000.01", "999999999.999999999999999999999",
         "0.000000000000000000000000000001", "100000", "100001", "10000", "-1",
         "10" + "0" * 28, "9" * 120]


def with_every_input(text: str, model: str) -> str:
    """The example with an on-cost override and both contribution rates (to be drawn)."""
    text = text.replace("    model: per_enrolment\n", f"    model: {model}\n"
                        "    rate_per_school: 2000\n    rate_per_enrolment: 30\n")
    return text.replace("      source: Goulburn Plains LLEN offer letter, 2025\n",
                        "      source: Goulburn Plains LLEN offer letter, 2025\n"
                        "    on_cost_rate:\n      rate: 0.22\n      source: LLEN payroll\n", 1)


numbers = st.one_of(
    st.sampled_from(EDGES),
    st.integers(0, 10**6).map(str),
    st.integers(-10, 10**31).map(str),
    st.decimals(min_value=0, max_value=2, places=30).map(lambda d: f"{d:f}"),
    st.decimals(min_value=-1, max_value=10**30, places=2).map(lambda d: f"{d:f}"),
)
dates = st.one_of(st.dates(dt.date(1990, 1, 1), dt.date(2110, 12, 31)),
                  st.sampled_from([dt.date(2000, 1, 1), dt.date(2100, 12, 31),
                                   dt.date(1999, 12, 31), dt.date(2101, 1, 1)]))


def redraw(draw: st.DrawFn, text: str, pattern: str, values: st.SearchStrategy[str]) -> str:
    """`text` with a few of the values `pattern` finds (group 2) replaced by drawn ones.

    A few, not all: with every value drawn almost no file would pass `check`, and the
    property is about the files that do.
    """
    found = list(re.finditer(pattern, text, flags=re.MULTILINE))
    chosen = draw(st.sets(st.integers(0, len(found) - 1), max_size=4))
    for i in sorted(chosen, reverse=True):
        match = found[i]
        text = text[:match.start(2)] + draw(values) + text[match.end(2):]
    return text


@st.composite
def cluster_texts(draw: st.DrawFn) -> str:
    """The example, with some of its numbers and dates drawn afresh."""
    text = with_every_input(EXAMPLE, draw(st.sampled_from(
        ["flat_per_school", "per_enrolment", "hybrid", "none"])))
    if draw(st.booleans()):
        text = re.sub(r"(?m)^    shared_amount: .*\n", "", text)
    text = redraw(draw, text, rf"^(\s+(?:{'|'.join(NUMBER_KEYS)}): )([-0-9.]+)", numbers)
    return redraw(draw, text, rf"^(\s+(?:{'|'.join(DATE_KEYS)}): )([0-9]{{4}}-[0-9-]{{5}})",
                  dates.map(dt.date.isoformat))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("bounds")


def test_the_example_with_every_input_is_valid(folder):
    path = folder / "every-input.yaml"
    path.write_text(with_every_input(EXAMPLE, "hybrid"), encoding="utf-8")
    checked = check_file(path, REFERENCE)
    assert checked.cluster is not None, checked.problems
    assert json_report(checked.cluster, REFERENCE)["total"] > 0


@settings(max_examples=300, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=cluster_texts())
def test_a_file_check_passes_gives_its_funding(folder, text):
    path = folder / "drawn.yaml"
    path.write_text(text, encoding="utf-8")
    checked = check_file(path, REFERENCE)  # never raises
    lines = text.count("\n") + 1
    assert all(1 <= p.line <= lines for p in checked.problems)
    if checked.cluster is None:
        return
    report = json_report(checked.cluster, REFERENCE)
    assert Decimal(str(report["total"])) >= 0
    assert text_report(checked.cluster, REFERENCE)
    for spec in DOCUMENTS:
        build_context(checked.cluster, spec, REFERENCE)


def number_fields(rules: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every number and date field of the schema, with its dotted path."""
    for key, rule in rules.items():
        where = f"{path}.{key}" if path else key
        inner = rule.get("schema")
        if rule["type"] == "list" and inner:
            inner = inner.get("schema") if inner["type"] == "dict" else None
        if inner:
            yield from number_fields(inner, where)
        elif rule["type"] in ("integer", "decimal", "date"):
            yield where, rule


def test_every_number_and_date_has_both_bounds():
    """An unbounded number could reach Decimal arithmetic past its precision."""
    fields = dict(number_fields(cluster_schema(REFERENCE)))
    assert len(fields) > 20
    assert [path for path, rule in fields.items() if "min" not in rule or "max" not in rule] == []
