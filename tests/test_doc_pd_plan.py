"""The position description and the implementation plan, read as text.

Checks what a reader relies on: the sections in order, the classification and the
employer, VGSA conditions only for a coordinator employed under the VGSA (otherwise
the LLEN's instrument "or equivalent"), every function and every action of the plan,
and milestones worked out from what the cluster file records.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLUSTERS, DATA, REFERENCE
from doctext import assert_in_order, body, model, section

from docgen.build.pipeline import build
from docgen.cluster.check import check_file
from docgen.documents.catalogue import select
from docgen.documents.textdump import docx_text

EXAMPLES = sorted(path.stem for path in CLUSTERS.glob("*.yaml"))
CLASSIFICATION = "Education Support Level 1 Range 4 (ES 1-4-1) or equivalent"
PD_SECTIONS = [
    "Position Description", "Document control", "1. Position details", "2. The cluster",
    "3. Purpose of the position", "4. Key responsibilities", "Cluster operations",
    "Stakeholder engagement", "Communications and documentation",
    "Duties across the cluster's functions", "5. Key selection criteria", "Requirements",
    "6. Conditions of employment", "7. Child safety", "8. Equal opportunity", "Approval",
]
PLAN_SECTIONS = [
    "Implementation Plan", "Document control", "1. Purpose of this plan", "2. Milestones",
    "3. Operational functions", "4. Strategic functions", "5. Monitoring and review",
]
VGSA_FACTS = ["Victorian Government Schools Agreement 2022 (VGSA 2022)", "38 hours a week",
              "up to 7.6 hours a day, between 7.00am and 6.00pm, Monday to Friday",
              "8.30am to 4.36pm", "30 minutes", "150% of the normal rate"]
LLEN_INSTRUMENT = "are those of the employing LLEN's industrial instrument"
NO_ACTIONS = "No actions are planned for this function in this period."


def rows(lines: list[str]) -> list[list[str]]:
    """Table rows as lists of cell texts."""
    return [[cell.strip() for cell in line.strip("|").split(" | ")]
            for line in lines if line.startswith("| ")]


def details(lines: list[str]) -> dict[str, str]:
    """Two-column label | value rows as a dict."""
    return {row[0]: row[1] for row in rows(lines) if len(row) == 2}


def function_heading(entry: dict) -> str:
    """A function's heading: its title, verified or not (the page never says which)."""
    return f"{entry['kind'].capitalize()} function {entry['number']}: {entry['title']}"


def rebuilt_pd(tmp_path: Path, stem: str, old: str, new: str) -> str:
    """The position description of an example cluster with `old` replaced by `new`."""
    source = (CLUSTERS / f"{stem}.yaml").read_text(encoding="utf-8")
    assert old in source
    (tmp_path / "clusters").mkdir()
    (tmp_path / "clusters" / f"{stem}.yaml").write_text(source.replace(old, new, 1),
                                                          encoding="utf-8")
    result = build([tmp_path / "clusters"], tmp_path / "out", select(["position-description"]))
    assert not result.failed, result.problems
    return docx_text((tmp_path / "out" / stem / "position-description.docx").read_bytes())


# Position description ------------------------------------------------------------------

@pytest.mark.parametrize("stem", EXAMPLES)
def test_pd_sections_in_order(document_text, stem):
    assert_in_order(body(document_text(stem, "position-description")), PD_SECTIONS)


@pytest.mark.parametrize("stem", EXAMPLES)
def test_pd_position_details(document_text, stem):
    cluster = model(stem)
    lines = body(document_text(stem, "position-description"))
    table = details(section(lines, "1. Position details", "2. The cluster"))
    employer = next(llen for llen in cluster.llens
                    if cluster.coordinator.employer in (llen.name, llen.short_name))
    assert table["Position title"] == "VET Cluster Coordinator"
    assert table["Classification"] == CLASSIFICATION
    assert table["Employer"] == employer.name
    assert table["Reports to"] == cluster.coordinator.reports_to
    assert table["Location"] == cluster.coordinator.location
    relationships = table["Key relationships"]
    assert f"Chair of the Cluster Governance Group ({cluster.governance_group.chair})" \
        in relationships
    assert f"Jobs, Skills and Pathways Manager, Department of Education ({cluster.jspm.name})" \
        in relationships
    assert ("Start date" in table) == (cluster.coordinator.start_date is not None)
    assert ("Current occupant" in table) == (not cluster.coordinator.vacant)


@pytest.mark.parametrize("stem", EXAMPLES)
def test_pd_responsibilities_cover_groups_and_functions(document_text, stem):
    lines = body(document_text(stem, "position-description"))
    duties = section(lines, "4. Key responsibilities", "5. Key selection criteria")
    for group in REFERENCE.policy["coordinator_responsibilities"]:
        for duty in group["duties"]:
            assert duty in duties
    text = "\n".join(duties)
    for entry in REFERENCE.functions:
        assert entry["title"] in text
        for activity in entry["activities"]:
            assert activity in text


def test_pd_vgsa_conditions_for_a_vgsa_coordinator(tmp_path):
    """A government school employing its coordinator under the VGSA: the agreement's terms."""
    source = DATA / "valid" / "school-employed-vgsa.yaml"
    checked = check_file(source, REFERENCE)
    assert checked.problems == [] and checked.cluster is not None
    assert checked.cluster.coordinator.instrument == "VGSA 2022"
    result = build([source], tmp_path, select(["position-description"]))
    assert not result.failed, result.problems
    text = docx_text((tmp_path / source.stem / "position-description.docx").read_bytes())
    conditions = "\n".join(section(body(text), "6. Conditions of employment", "7. Child safety"))
    for fact in VGSA_FACTS:
        assert fact in conditions
    assert LLEN_INSTRUMENT not in conditions


def test_pd_llen_instrument_or_equivalent_otherwise(document_text):
    instrument = model("goulburn-plains").coordinator.instrument
    conditions = "\n".join(section(body(document_text("goulburn-plains", "position-description")),
                                   "6. Conditions of employment", "7. Child safety"))
    assert f"{LLEN_INSTRUMENT} ({instrument}), or equivalent." in conditions
    assert "7.6 hours" not in conditions and "VGSA" not in conditions


def test_pd_without_an_instrument_says_or_equivalent(tmp_path):
    text = rebuilt_pd(tmp_path, "southern-shores",
                      "  instrument: Southern Shores LLEN Enterprise Agreement 2023\n", "")
    conditions = "\n".join(section(body(text), "6. Conditions of employment", "7. Child safety"))
    assert f"{LLEN_INSTRUMENT}, or equivalent." in conditions
    for fact in VGSA_FACTS:
        assert fact not in conditions


def test_pd_switching_to_vgsa_brings_its_conditions(tmp_path):
    text = rebuilt_pd(tmp_path, "goulburn-plains",
                      "  instrument: Goulburn Plains LLEN Enterprise Agreement 2024\n  fte: 1.0",
                      "  instrument: VGSA 2022\n  fte: 1.0")
    conditions = "\n".join(section(body(text), "6. Conditions of employment", "7. Child safety"))
    for fact in VGSA_FACTS:
        assert fact in conditions
    assert LLEN_INSTRUMENT not in conditions


@pytest.mark.parametrize("stem", EXAMPLES)
def test_pd_child_safety_and_checks(document_text, stem):
    lines = body(document_text(stem, "position-description"))
    child_safety = "\n".join(section(lines, "7. Child safety", "8. Equal opportunity"))
    assert "Child Safe Standards" in child_safety
    assert "Working with Children Check" in child_safety
    assert "equal opportunity employer" in "\n".join(section(lines, "8. Equal opportunity", None))


def test_pd_keeps_names_exactly(document_text):
    text = document_text("goulburn-plains", "position-description")
    for name in ("St Brigid's College", "Siobhán O'Connell", "Emu Downs P-12 College"):
        assert name in text


# Implementation plan -------------------------------------------------------------------

@pytest.mark.parametrize("stem", EXAMPLES)
def test_plan_sections_and_functions_in_order(document_text, stem):
    lines = body(document_text(stem, "implementation-plan"))
    assert_in_order(lines, PLAN_SECTIONS)
    headings = [function_heading(f) for f in REFERENCE.functions]
    assert_in_order(section(lines, "3. Operational functions", "5. Monitoring and review"),
                    headings)


@pytest.mark.parametrize("stem", EXAMPLES)
def test_plan_purposes_and_period(document_text, stem):
    text = document_text(stem, "implementation-plan")
    purpose = "\n".join(section(body(text), "1. Purpose of this plan", "2. Milestones"))
    for item in REFERENCE.policy["transition_funding"]["twelve_month_purposes"]:
        assert item in purpose
    assert "Transition Funding period, from " in purpose


@pytest.mark.parametrize("stem", EXAMPLES)
def test_plan_lists_every_action_under_its_function(document_text, stem):
    cluster = model(stem)
    lines = section(body(document_text(stem, "implementation-plan")),
                    "3. Operational functions", "5. Monitoring and review")
    functions = REFERENCE.functions
    headings = [function_heading(f) for f in functions] + [None]
    for entry, following in zip(functions, headings[1:], strict=True):
        block = section(lines, function_heading(entry), following)
        planned = [a for a in cluster.actions if a.function == entry["id"]]
        table = rows(block)
        for action in planned:
            assert [action.action, action.lead, action.timeframe, action.measure] in table
        assert (NO_ACTIONS in "\n".join(block)) == (not planned), entry["id"]


def test_plan_milestones_from_the_cluster_file(document_text):
    def milestones(stem: str) -> dict[str, list[str]]:
        table = rows(section(body(document_text(stem, "implementation-plan")),
                             "2. Milestones", "3. Operational functions"))
        return {row[0]: row[1:] for row in table}

    goulburn = milestones("goulburn-plains")  # not yet signed at the documents' date
    assert goulburn["Memorandum of Understanding signed by all members"] == \
        ["October 2025", "Planned"]
    assert goulburn["Governance Terms of Reference adopted"] == ["November 2025", "Planned"]
    # the budget pays the coordinator from the first month of the period
    assert goulburn["Cluster Coordinator recruited"] == ["September 2025", "Planned"]
    assert goulburn["Long-term funding arrangements agreed with the LLEN"] == \
        ["July 2026", "Planned"]
    southern = milestones("southern-shores")  # appointed, starting after the documents' date
    assert southern["Cluster Coordinator recruited"][1] == "Appointed; starts 1 July 2025"
    assert southern["Governance Terms of Reference adopted"][1] == "Done 10 March 2025"
    assert southern["First meeting of the Cluster Operations Group"][1] == "Planned"
    assert len(southern) == len(goulburn) == 8  # the header row and seven milestones


def criteria(text: str) -> list[str]:
    lines = section(body(text), "5. Key selection criteria", "Requirements")
    return lines[2:]


def test_pd_selection_criteria_default_to_the_reference_data(document_text):
    for stem in EXAMPLES:
        assert criteria(document_text(stem, "position-description")) == \
            REFERENCE.policy["default_selection_criteria"]


def test_pd_selection_criteria_come_from_the_cluster_file(tmp_path):
    text = rebuilt_pd(tmp_path, "southern-shores", "  reports_to: Executive Officer, "
                      "Southern Shores LLEN\n", "  reports_to: Executive Officer, Southern "
                      "Shores LLEN\n  selection_criteria:\n    - Experience in a school & "
                      "<LLEN> setting.\n    - A driver's licence.\n")
    assert criteria(text) == ["Experience in a school & <LLEN> setting.",
                              "A driver's licence."]
