"""The funding calculator: seed 004's figures exactly, seed 000's period, the CLI, the document.

Seed 004 is PAL SRP "VET delivered to secondary school students (Reference 56)", 2019;
seed 000 is the VET Cluster Framework Guide (transition funding). Their numbers are
test vectors: every one is reproduced here to the cent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CLUSTERS, DATA, REFERENCE
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen import refdata
from docgen.build.pipeline import build
from docgen.cluster.check import check_file
from docgen.cluster.model import Contributions, School, total_vdss_enrolments
from docgen.cluster.policy import band_for, funding_period
from docgen.documents.textdump import docx_text
from docgen.documents.working import budget_working, certificate_step, chain_step, to_confirm
from docgen.errors import ReferenceDataError
from docgen.funding.contributions import member_contributions
from docgen.funding.money import allocate
from docgen.funding.srp import (
    band_rate,
    band_table,
    core_srp_per_certificate,
    core_srp_steps,
    school_funding,
    targeted_per_enrolment,
)
from docgen.funding.transition import transition_funding

D = Decimal
SHORES = CLUSTERS / "southern-shores.yaml"
DETAIL = DATA / "funding" / "srp-detail.yaml"  # certificates, an override, a shared amount

# Seed 004, "Targeted VET funding rates for 2019": band, weighting, targeted, SRP, total.
SEED_004_TABLE = [
    ("1", "3.347", "1130.32", "1225", "2355.32"),
    ("2", "2.988", "1009.08", "1225", "2234.08"),
    ("3", "2.721", "918.91", "1225", "2143.91"),
    ("4", "2.569", "867.58", "1225", "2092.58"),
    ("5", "2.318", "782.81", "1225", "2007.81"),
    ("5a", "4.637", "1565.96", "1225", "2790.96"),
    ("6", "1.374", "464.01", "1225", "1689.01"),
    ("7", "1.123", "379.25", "1225", "1604.25"),
    ("8", "1.000", "337.71", "1225", "1562.71"),
]


def model(path: Path):
    checked = check_file(path, REFERENCE)
    assert checked.cluster is not None, checked.problems
    return checked.cluster


# --- Seed 004: SRP Reference 56 -----------------------------------------------------------

def test_core_srp_chain_matches_seed_004():
    steps = core_srp_steps(REFERENCE)
    assert [s.amount for s in steps] == [D(8922), D(8164), D(6123), D(1225)]
    assert [chain_step(s)[1] for s in steps[1:]] == ["$8,922 × 91.5%", "$8,164 × 75%",
                                                      "$6,123 ÷ 5"]


def test_core_srp_one_of_six_subjects_is_1021():
    # The seed rounds to the dollar at each step; unrounded, ÷ 6 would give $1,020.
    assert core_srp_per_certificate(REFERENCE, 6) == D(1021)
    assert core_srp_per_certificate(REFERENCE, 5) == D(1225)


def test_band_table_matches_seed_004_exactly():
    rows = [(rate.band, f"{rate.weighting:.3f}", str(rate.rate), str(core), str(total))
            for rate, core, total in band_table(REFERENCE)]
    assert rows == SEED_004_TABLE


def test_band_5a_funds_up_to_360_hours():
    assert band_rate("5a", REFERENCE).full_time_hours == 360
    assert targeted_per_enrolment("5a", D(360), REFERENCE) == D("1565.96")
    assert targeted_per_enrolment("5a", D(180), REFERENCE) == D("782.98")
    assert targeted_per_enrolment("1", D(360), REFERENCE) == D("1130.32")  # other bands stop at 180


def test_pro_rata_below_180_hours():
    assert targeted_per_enrolment("1", D(90), REFERENCE) == D("565.16")
    assert targeted_per_enrolment("8", D(60), REFERENCE) == D("112.57")  # 337.71 / 3 = 112.57


def test_rural_loading_from_location_index_0_2():
    cluster = model(DETAIL)
    kerrabee = cluster.member_schools[0]
    assert kerrabee.location_index == D("0.22")
    building = school_funding(kerrabee, REFERENCE).certificates[0]  # 18 enrolments, band 1, 180 h
    amounts = {certificate_step(step, building)[0]: step.amount for step in building.components}
    assert amounts == {"Targeted VET funding, band 1": D("20345.76"),
                       "Core SRP (VET one of 5 subjects)": D("22050.00"),
                       "Rural loading": D("1980.00")}  # 18 × 0.22 × $500 (illustrative)
    below = dataclasses.replace(kerrabee, location_index=D("0.19"))
    at = dataclasses.replace(kerrabee, location_index=D("0.2"))
    assert not school_funding(below, REFERENCE).rural and school_funding(at, REFERENCE).rural


def test_tafe_supplement_is_the_gap_to_the_skills_first_rate():
    cluster = model(DETAIL)
    hospitality = school_funding(cluster.member_schools[0], REFERENCE).certificates[2]
    supplement = hospitality.components[-1]
    assert certificate_step(supplement, hospitality)[0] == "TAFE supplement"
    # 10 × 120/180 FTE × ($2,400 − $1,225 − $464.01) × 110% (rural) = 5,213.93
    assert supplement.amount == D("5213.93")
    cheap = dataclasses.replace(hospitality.certificate, skills_first_rate=D(1000))
    school = dataclasses.replace(cluster.member_schools[0], vet_certificates=(cheap,))
    assert school_funding(school, REFERENCE).certificates[0].components[-1].amount == 0


def test_non_government_schools_get_no_srp():
    cluster = model(DETAIL)
    st_brigids = cluster.member_schools[1]
    assert st_brigids.sector == "catholic" and st_brigids.vet_certificates
    context = school_funding(st_brigids, REFERENCE)
    assert not context.eligible and context.certificates == () and context.total == 0


# --- Seed 000: transition funding ---------------------------------------------------------

@pytest.mark.parametrize("day", range(2, 32))
def test_approved_july_2024_is_funded_to_july_2025(day):
    start, end, _ = funding_period(dt.date(2024, 7, day), REFERENCE)
    assert (end.year, end.month) == (2025, 7)
    assert end == dt.date(2025, 7, day - 1)  # the full 12 months following approval


def test_approved_1_july_2024_is_funded_for_12_months():
    start, end, full = funding_period(dt.date(2024, 7, 1), REFERENCE)
    assert (start, end, full) == (dt.date(2024, 7, 1), dt.date(2025, 6, 30), dt.date(2025, 6, 30))


def test_period_never_passes_program_end_and_salaries_are_pro_rata():
    figures = transition_funding(model(DETAIL), REFERENCE)  # approved 16 March 2026
    assert figures.period_end == dt.date(2026, 12, 31)
    assert figures.capped_at_program_end
    assert (figures.period_days, figures.full_period_days) == (291, 365)
    salary = figures.lines[0]
    assert budget_working(salary) == ("0.8 FTE × $92,000 a year (ES 1-4-1) × 291/365 days = "
                                      "$58,678.36")
    assert salary.amount == D("58678.36")


def test_band_boundaries_from_reference_data():
    assert [band_for(n, REFERENCE).band for n in (0, 399, 400, 799, 800, 1499, 1500, 10**6)] == \
        ["1", "1", "2", "2", "3", "3", "4", "4"]
    with pytest.raises(LookupError, match="funding_bands.yaml"):
        band_for(-1, REFERENCE)


def test_southern_shores_budget():
    figures = transition_funding(model(SHORES), REFERENCE)
    assert figures.total_enrolments == 470 and figures.band.band == "2"
    coordinator, admin = figures.staffing
    assert (coordinator.requested_fte, coordinator.funded_fte) == (D("1.0"), D("0.8"))
    assert coordinator.capped and not admin.capped
    assert [(line.item, line.amount) for line in figures.lines] == [
        ("Cluster Coordinator salary", D("67200.00")),  # 0.8 × 84,000
        ("Cluster Coordinator on-costs", D("13440.00")),  # 20%
        ("Administration support salary", D("22186.00")),  # 0.4 × 55,465
        ("Administration support on-costs", D("4437.20")),
        ("Miscellaneous administration", D("15000.00")),  # seed 000
    ]
    assert figures.total == D("122263.20")
    estimate = "Cluster's estimate (indicative)"
    assert [line.source for line in figures.lines] == [  # cited as a reader would cite them
        estimate, estimate, "Department of Education job advertisement, 2024", estimate,
        "VET Cluster Framework Guide, Department of Education, 2024: Funding rationale"]
    assert figures.indicative  # the bands and salaries are illustrative
    assert not figures.lines[-1].indicative  # the $15,000 is policy


def test_override_shows_in_the_working_with_its_source():
    figures = transition_funding(model(DETAIL), REFERENCE)
    assert "$92,000" in budget_working(figures.lines[0])
    assert figures.lines[0].source == "Goulburn Plains LLEN offer letter, 2025"
    assert not any("Cluster Coordinator position" in note
                   for note in to_confirm(figures.unconfirmed))


def test_what_the_cluster_confirmed_is_no_longer_to_confirm(run_cli, tmp_path):
    text = SHORES.read_text(encoding="utf-8")
    confirmation = ("  - item: funding_bands\n    date: 2025-02-24\n"
                    "    by: Anneliese Ford, Jobs, Skills and Pathways Manager\n")
    assert confirmation in text
    confirmed = transition_funding(model(SHORES), REFERENCE)
    assert not confirmed.unconfirmed.bands and not confirmed.unconfirmed.salaries
    assert confirmed.indicative  # the documents still mark unverified reference data
    unconfirmed = tmp_path / "southern-shores.yaml"
    unconfirmed.write_text(text.replace(confirmation, "", 1), encoding="utf-8")
    assert transition_funding(model(unconfirmed), REFERENCE).unconfirmed.bands
    report = run_cli("funding", SHORES).stdout
    to_confirm = report.split("To confirm with the Jobs, Skills and Pathways Manager:")[1]
    assert "band thresholds" not in to_confirm.split("Confirmed")[0]
    assert "- funding_bands: 2025-02-24 by Anneliese Ford" in to_confirm
    assert "band thresholds" in run_cli("funding", unconfirmed).stdout.split("To confirm")[1]
    data = json.loads(run_cli("funding", SHORES, "--format", "json").stdout)
    assert {"item": "funding_bands", "date": "2025-02-24",
            "by": "Anneliese Ford, Jobs, Skills and Pathways Manager"} in data["confirmed"]
    assert not any("band thresholds" in note for note in data["to_confirm"])


# --- Contributions ------------------------------------------------------------------------

def test_flat_and_hybrid_contributions_from_rates():
    flat = member_contributions(model(SHORES))
    assert [s.amount for s in flat.schools] == [D(3000)] * 4
    assert flat.llen.amount == D(10000) and flat.total == D(22000)
    hybrid = member_contributions(model(CLUSTERS / "goulburn-plains.yaml"))
    assert hybrid.schools[0].amount == D("4150.00")  # $1,500 + 212 × $12.50
    assert hybrid.total == D("33362.50")


def test_shared_amount_split_by_enrolments_to_the_cent():
    shares = member_contributions(model(DETAIL))  # $100,000, LLENs $15,000, per enrolment
    assert shares.total == D("100000.00")
    assert shares.school_total == D("85000.00")
    assert shares.schools[0].amount == D("28648.65")  # 212 of 629 × 85,000


def test_largest_remainder():
    assert allocate(D("100.00"), [D(1)] * 3) == [D("33.34"), D("33.33"), D("33.33")]
    assert allocate(D("10.00"), [D(0), D(0)]) == [D("5.00"), D("5.00")]


# --- Properties ---------------------------------------------------------------------------

money_amounts = st.decimals(min_value=0, max_value=10**7, places=2)
enrolment_counts = st.lists(st.integers(min_value=0, max_value=3000), min_size=1, max_size=40)


@given(money_amounts, st.lists(st.decimals(min_value=0, max_value=10**6, places=3),
                               min_size=1, max_size=40))
def test_allocation_adds_up_to_the_cent_and_is_never_negative(amount, weights):
    shares = allocate(amount, weights)
    assert sum(shares) == amount
    assert all(share >= 0 and share == share.quantize(D("0.01")) for share in shares)


@settings(max_examples=60, deadline=None)
@given(enrolment_counts, money_amounts, money_amounts,
       st.sampled_from(["flat_per_school", "per_enrolment", "hybrid"]))
def test_contributions_sum_to_the_shared_amount(counts, shared, llen, model_name):
    base = model(SHORES)
    llen = min(llen, shared)
    school = base.member_schools[0]
    schools = tuple(dataclasses.replace(school, name=f"School {i}", vdss_enrolments=n)
                    for i, n in enumerate(counts))
    base_rate = (shared - llen) / (2 * len(counts)) if model_name == "hybrid" else None
    terms = Contributions(model_name, rate_per_school=base_rate, llen_contribution=llen,
                          shared_amount=shared)
    cluster = dataclasses.replace(base, member_schools=schools,
                                  mou=dataclasses.replace(base.mou, contributions=terms))
    result = member_contributions(cluster)
    assert result.total == shared
    assert all(share.amount >= 0 for share in result.shares)


@settings(max_examples=60, deadline=None)
@given(enrolment_counts, st.integers(min_value=0, max_value=3000))
def test_adding_a_school_never_lowers_total_enrolments_or_band(counts, extra):
    base = model(SHORES)
    school: School = base.member_schools[0]
    schools = tuple(dataclasses.replace(school, name=f"S{i}", vdss_enrolments=n)
                    for i, n in enumerate(counts))
    before = dataclasses.replace(base, member_schools=schools)
    after = dataclasses.replace(base, member_schools=schools + (
        dataclasses.replace(school, name="New", vdss_enrolments=extra),))
    assert total_vdss_enrolments(after) >= total_vdss_enrolments(before)
    assert band_for(total_vdss_enrolments(after), REFERENCE).min_enrolments >= \
        band_for(total_vdss_enrolments(before), REFERENCE).min_enrolments


@given(st.sampled_from([row[0] for row in SEED_004_TABLE]),
       st.decimals(min_value=D("0.5"), max_value=2000, places=1))
def test_pro_rata_never_exceeds_the_full_rate(band, hours):
    amount = targeted_per_enrolment(band, hours, REFERENCE)
    assert D(0) < amount <= band_rate(band, REFERENCE).rate


@settings(max_examples=40, deadline=None)
@given(st.decimals(min_value=D("0.1"), max_value=1, places=2),
       st.decimals(min_value=D("0.1"), max_value=1, places=2),
       st.integers(min_value=0, max_value=5000))
def test_budget_lines_add_up_to_the_total(coordinator_fte, admin_fte, enrolments):
    base = model(SHORES)
    schools = (dataclasses.replace(base.member_schools[0], vdss_enrolments=enrolments),)
    cluster = dataclasses.replace(
        base, member_schools=schools,
        coordinator=dataclasses.replace(base.coordinator, fte=coordinator_fte),
        admin_support=dataclasses.replace(base.admin_support, fte=admin_fte))
    figures = transition_funding(cluster, REFERENCE)
    assert sum(line.amount for line in figures.lines) == figures.total
    assert all(line.amount >= 0 for line in figures.lines)
    assert all(s.funded_fte <= min(s.requested_fte, s.band_fte) for s in figures.staffing)


# --- The command line ---------------------------------------------------------------------

def test_funding_text_shows_the_working(run_cli):
    result = run_cli("funding", SHORES)
    assert result.exit_code == 0
    out = " ".join(result.output.split())  # long sentences fold across lines
    assert "470 VDSS enrolments (VASS, 2024) over 4 member schools fall in band 2" in out
    assert "(400 to 799 enrolments)" in out
    assert "0.8 FTE × $84,000 a year (ES 1-4-1) = $67,200" in out
    assert "rate: Cluster's estimate (indicative)" in out
    assert "$122,263.20 *" in out and "INDICATIVE" in out
    assert "1 July 2025 to 30 June 2026" in out
    assert "Southern Shores LLEN: stated contribution" in out


def test_funding_text_shows_the_override_and_srp_context(run_cli):
    result = run_cli("funding", DETAIL)
    assert result.exit_code == 0  # a warning (period cut short) does not fail
    assert "rate: Goulburn Plains LLEN offer letter, 2025" in result.output
    assert "Targeted VET funding, band 5a: 6 FTE × $1,565.96" in result.output
    assert "St Brigid's College: not a government school" in result.output


@pytest.mark.parametrize("path", [SHORES, CLUSTERS / "goulburn-plains.yaml", DETAIL])
def test_funding_json_lines_add_up_to_the_total(run_cli, path):
    result = run_cli("funding", path, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout, parse_float=Decimal)
    assert isinstance(report["total_vdss_enrolments"], int)
    assert report["band"] and report["verified"] is False
    assert all(isinstance(line["item"], str) for line in report["lines"])
    assert sum(D(line["amount"]) for line in report["lines"]) == D(report["total"])
    assert sum(D(s["amount"]) for s in report["contributions"]["schools"]) + \
        D((report["contributions"]["llen"] or {"amount": 0})["amount"]) == \
        D(report["contributions"]["total"])


def test_funding_json_for_southern_shores(run_cli):
    report = json.loads(run_cli("funding", SHORES, "--format", "json").stdout,
                        parse_float=Decimal)
    assert report["total_vdss_enrolments"] == 470 and report["band"] == "2"
    assert report["total"] == D("122263.2")
    assert report["staffing"][0] == {"position": "Cluster Coordinator",
                                     "classification": "ES 1-4-1", "requested_fte": 1,
                                     "funded_fte": D("0.8")}


def test_invalid_file_prints_the_same_problems_as_check(run_cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(DETAIL.read_text(encoding="utf-8").replace(
        "vdss_enrolments: 212", "vdss_enrolments: -5"), encoding="utf-8")
    funding, check = run_cli("funding", bad), run_cli("check", bad)
    assert funding.exit_code == check.exit_code == 1
    assert funding.output == check.output
    assert "must be at least 0, found -5" in funding.output


def test_missing_path_is_a_usage_error(run_cli, tmp_path):
    assert run_cli("funding", tmp_path / "nope.yaml").exit_code == 2


# --- Validation: each problem at its line -------------------------------------------------

BAD_CASES = [
    ("missing enrolments", "    vdss_enrolments: 212\n", "", "'vdss_enrolments' is required"),
    ("negative enrolments", "vdss_enrolments: 212", "vdss_enrolments: -1",
     "must be at least 0, found -1"),
    ("zero FTE", "  fte: 1.0                            # full time",
     "  fte: 0                              # full time", "FTE must be more than 0"),
    ("FTE above 1", "  fte: 0.4\n  employer", "  fte: 1.2\n  employer", "must be at most 1"),
    ("zero hours", "        hours: 90", "        hours: 0", "hours must be more than 0"),
    ("approval after program end", "approval_date: 2026-03-16", "approval_date: 2027-02-01",
     "approval is after the transition funding program ends"),
    ("subjects not 5 or 6", "        subjects: 6", "        subjects: 7", "must be at most 6"),
    ("unknown band", "band: \"4\"", "band: \"9\"", "unknown band '9'"),
    ("salary without a rate", "  classification: ES 1-2-1", "  classification: ES 1-3-1",
     "salary_rates.yaml has no salary for 'ES 1-3-1'"),
    ("shared amount below the LLEN's", "shared_amount: 100000", "shared_amount: 9000",
     "is less than the LLEN's contribution"),
]


@pytest.mark.parametrize(("case", "old", "new", "message"), BAD_CASES,
                         ids=[case[0] for case in BAD_CASES])
def test_bad_funding_input_is_reported_at_its_line(tmp_path, case, old, new, message):
    text = DETAIL.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{case}: the example no longer has {old!r}"
    before = text[:text.index(old)]
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    found = check_file(path, REFERENCE).problems
    problems = [p for p in found if message in p.message]
    assert problems, f"{case}: no problem saying {message!r}: {found}"
    line = before.count("\n") + 1
    # the problem sits on the changed line (or, for a missing key, on its mapping above)
    assert problems[0].line == line or (not new and problems[0].line < line)


@pytest.fixture
def data_dir_without(tmp_path, monkeypatch):
    """Reference data with one file taken away; the cache is cleared around the test."""

    def without(name: str) -> Path:
        folder = tmp_path / "data"
        shutil.copytree(refdata.DATA_DIR, folder)
        (folder / f"{name}.yaml").unlink()
        monkeypatch.setattr(refdata, "DATA_DIR", folder)
        refdata.read_reference.cache_clear()
        return folder / f"{name}.yaml"

    yield without
    refdata.read_reference.cache_clear()


def test_missing_reference_data_names_the_file(data_dir_without):
    expected = data_dir_without("srp_vet_2019")
    with pytest.raises(ReferenceDataError, match="srp_vet_2019.yaml") as error:
        refdata.reference_data()
    assert str(expected) in str(error.value)


def test_missing_reference_data_is_an_environment_error(run_cli, data_dir_without):
    expected = data_dir_without("funding_bands")
    result = run_cli("funding", SHORES)
    assert result.exit_code == 2
    assert f"expected {expected}" in result.output


# --- The document shows the same figures --------------------------------------------------

def test_application_shows_the_calculators_figures(run_cli, document_text):
    report = json.loads(run_cli("funding", SHORES, "--format", "json").stdout,
                        parse_float=Decimal)
    text = document_text("southern-shores", "funding-application")
    for line in report["lines"]:
        amount = f"${D(line['amount']):,.2f}"
        assert f"| {amount}{' (indicative)' if line['indicative'] else ''} |" in text
        assert line["working"] in text
    assert "| Total requested |  |  | $122,263.20 (indicative) |" in text
    assert "Band 2 (indicative). 470 VDSS enrolments" in text
    assert "| Cluster Coordinator | " in text
    assert "| 1.0 | 0.8 (band 2 limit, cluster's estimate) |" in text
    assert "| Total |  | $22,000.00 |" in text  # contributions: 4 × $3,000 + LLEN $10,000
    for line in report["lines"]:  # each rate's source as a reader would cite it
        assert f"| {line['source']} |" in text


@pytest.fixture(scope="module")
def detail_application(tmp_path_factory) -> str:
    from docgen.documents.catalogue import select

    out = tmp_path_factory.mktemp("detail")
    result = build([DETAIL], out, select(["funding-application"]))
    assert not result.failed, result.problems
    return docx_text((out / "srp-detail" / "funding-application.docx").read_bytes())


def test_application_shows_srp_context_and_override(detail_application):
    text = detail_application
    assert "| Goulburn Plains LLEN offer letter, 2025 |" in text
    assert "| 5a | 4.637 | $1,565.96 | $1,225 | $2,790.96 |" in text
    assert "| 1 | 3.347 | $1,130.32 | $1,225 | $2,355.32 |" in text
    assert "$6,123 ÷ 5" in text and "Where VET is one of six subjects the amount is $1,021" in text
    assert "Not a government school: the SRP and targeted VET funding do not apply." in text
    assert "291 of 365 days" in text
    assert "| Total |  | $100,000.00 |" in text
