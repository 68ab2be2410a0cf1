"""Ready-made wording (docgen/documents/wording.py) for the cases the example goldens do not show:
no LLEN, three LLENs, missing school numbers, courses without a place or time."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import CLUSTERS, REFERENCE

from docgen.cluster.check import check_file
from docgen.cluster.model import Cluster
from docgen.documents.wording import (
    BLANK,
    breakable_address,
    english_list,
    llen_words,
    mou_words,
    nobreak_code,
    school_number_text,
    where_and_when,
)


@pytest.fixture(scope="module")
def cluster() -> Cluster:
    checked = check_file(CLUSTERS / "goulburn-plains.yaml", REFERENCE)
    assert checked.cluster is not None
    return checked.cluster


@pytest.mark.parametrize(("items", "expected"), [
    ([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C")])
def test_english_list(items: list[str], expected: str):
    assert english_list(items) == expected


def test_one_and_three_llens_agree_in_number(cluster: Cluster):
    first = cluster.llens[0]
    one = llen_words((first,))
    three = llen_words(tuple(replace(first, short_name=n) for n in ("A", "B", "C")))
    assert (one["abbreviation"], three["abbreviation"]) == ("LLEN", "LLENs")
    assert one["officers_report"].endswith("reports on the cluster to the LLEN board.")
    assert three["officers_take_part"] == ("The LLEN Executive Officers take part in cluster "
                                           "governance.")
    assert three["schools_and_llens"] == "The member schools, A, B and C"
    assert one["schools_and_llens"] == f"The member schools and {first.short_name}"


def test_without_llens_the_mou_is_between_the_schools(cluster: Cluster):
    words = mou_words(replace(cluster, llens=()))
    assert words["parties"] == f"the member schools of {cluster.name}"
    assert words["signatories"] == "for each member school by its principal"
    assert llen_words(())["names_listed"] == "None"


@pytest.mark.parametrize(("host", "delivery", "expected"), [
    ("X College", "Tuesdays", "At X College: Tuesdays"), ("X College", None, "At X College"),
    (None, "Online", "Online"), (None, None, "To be arranged")])
def test_where_and_when(host: str | None, delivery: str | None, expected: str):
    assert where_and_when(host, delivery) == expected


@pytest.mark.parametrize(("number", "sector", "expected"), [
    ("8214", "government", "8214"), (None, "government", BLANK),
    (None, "catholic", "Not applicable"), (None, "independent", "Not applicable"),
    ("2001", "catholic", "2001"),
])
def test_school_numbers_read_the_same_in_every_document(number, sector, expected):
    """A blank to fill in where a government school's number is missing, never 'Not given';
    one wording for a non-government school without one."""
    assert school_number_text(number, sector) == expected
    assert BLANK.strip("_") == "" and len(BLANK) >= 10


def test_codes_keep_together_and_addresses_break_at_at_and_dot():
    assert nobreak_code("Education Support Level 1 Range 4 (ES 1-4-1) or equivalent") == \
        "Education Support Level\u00a01 Range\u00a04 (ES\u00a01\u20114\u20111) or equivalent"
    assert nobreak_code("VGSA 2022") == "VGSA 2022"
    assert breakable_address("a.b@c.vic.gov.au") == "a.\u200bb@\u200bc.\u200bvic.\u200bgov.\u200bau"
    assert breakable_address(None) is None
