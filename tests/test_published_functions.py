"""The cluster functions' key activities are the department's published words.

Operational functions 1 to 3 and the three strategic functions, with their key
activities, as the Policy and Advisory Library publishes them ("Operational functions and
key activities"; "Strategic functions and key activities", seed 002; both quoted in
shared/reference). A list nested under one activity on the page is written after a colon,
its items separated by semicolons. Every document that prints an activity presents it as
the department's, so a paraphrase here would be invented policy.
"""

from __future__ import annotations

import pytest

from docgen.refdata import reference_data

OPERATIONAL = ("VET Clusters policy, Policy and Advisory Library, Department of Education, "
               "2025: Operational functions and key activities")
STRATEGIC = ("VET Clusters policy, Policy and Advisory Library, Department of Education, "
             "2025: Strategic functions and key activities")
PUBLISHED = {
    ("operational", 1): (
        "Establish governance and a shared vision for ensuring school students can access "
        "high-quality VET", OPERATIONAL, [
            "Establish cluster leadership and governance structure (for example, a governance "
            "committee, chair, lead school) and develop supporting documentation, such as an MoU "
            "and defined roles, responsibilities and membership",
            "Develop and document a shared vision for the cluster that is aligned to the "
            "department and LLEN’s strategic priorities and local industry needs",
            "Nurture a shared identity as a cluster (for example, with cluster-based "
            "celebrations)",
        ]),
    ("operational", 2): (
        "Support collaboration between VET cluster stakeholders across school sectors",
        OPERATIONAL, [
            "Encourage schools to make access to VET a strategic priority and ensure "
            "principal-class engagement in the cluster",
            "Engage and communicate regularly with: all local government, Catholic and "
            "independent secondary schools; local specialist schools and complementary "
            "education settings; stakeholders, for example LLENs, TAFEs, RTOs, the department’s "
            "Regional Pathways Workforce, Head Start teams and career practitioners",
        ]),
    ("operational", 3): (
        "Facilitate shared provision of VET among member schools", OPERATIONAL, [
            "Identify VET provision across the cluster RTOs",
            "Coordinate provision across the cluster, including determining what courses will "
            "be offered to which students, and what courses are viable based on student "
            "enrolment numbers",
        ]),
    ("strategic", 1): (
        "Address barriers to participation in VET", STRATEGIC, [
            "Design an approach to identify and monitor barriers to access (including "
            "equitable access) across the cluster",
            "Develop possible solutions to barriers (for example, alternative delivery models, "
            "alternate timetabling models, or mini-clusters)",
            "Engage relevant stakeholders and access supports",
        ]),
    ("strategic", 2): (
        "Respond to student demand, local needs and opportunities to expand VET options and "
        "availability", STRATEGIC, [
            "Compile and analyse cluster-level data on: VET provision; student needs (including "
            "priority cohorts), aspirations and demand; student engagement and outcomes; "
            "infrastructure utilisation; workforce capacity; industry needs",
            "Strategically plan the cluster’s continuous improvement, including by identifying "
            "and responding to: barriers and opportunities to improve cluster functionality, "
            "for example financial viability or engagement of key stakeholders; emerging "
            "opportunities and risks to school student access to VET",
            "Increase the breadth and volume of VET available to school students, for example "
            "by: facilitating the sharing of infrastructure and workforce; facilitating "
            "workforce training opportunities; negotiating provision with TAFEs and RTOs",
        ]),
    ("strategic", 3): (
        "Facilitate improved practice in the coordination and delivery of VET to school "
        "students", STRATEGIC, [
            "Facilitate networks of school VET coordinators (and other relevant staff), "
            "practitioners, trainers and key stakeholders to share practice experiences and "
            "expertise",
            "Identify professional learning needs and facilitate opportunities for school VET "
            "coordinators, other relevant school staff (for example, business managers, "
            "principals, careers practitioners) and VET trainers",
            "Provide induction and mentoring support on cluster operations to new school VET "
            "coordinators, other relevant school staff and new RTOs, providers and trainers",
            "Celebrate student and trainer excellence (for example running awards nights, "
            "student recognition programs)",
        ]),
}


def functions() -> dict[tuple[str, int], dict]:
    return {(f["kind"], f["number"]): f for f in reference_data().functions}


def test_five_operational_and_three_strategic_functions():
    assert sorted(functions()) == [("operational", n) for n in range(1, 6)] + [
        ("strategic", n) for n in range(1, 4)]


@pytest.mark.parametrize("key", sorted(PUBLISHED), ids=lambda key: f"{key[0]}-{key[1]}")
def test_published_function_word_for_word(key):
    title, citation, activities = PUBLISHED[key]
    entry = functions()[key]
    assert entry["verified"] is True
    assert entry["title"] == title
    assert entry["citation"] == citation
    assert entry["activities"] == activities


def test_the_unread_third_activity_of_operational_function_3_is_recorded():
    """The stored copy of the page stops at a third activity ("Provide sup..."): the data
    says its list is incomplete rather than inventing the rest."""
    assert functions()[("operational", 3)]["activities_complete"] is False
    assert all(f.get("activities_complete", True) for key, f in functions().items()
               if key != ("operational", 3))


@pytest.mark.parametrize("number", [4, 5])
def test_unpublished_operational_functions_are_marked_unverified(number):
    entry = functions()[("operational", number)]
    assert entry["verified"] is False
    assert "citation" not in entry


def test_templates_get_each_function_and_policy_fact_with_its_source():
    """The context passes the citations on, so a template can print a fact's source."""
    from doctext import model

    from docgen.documents.catalogue import DOCUMENTS
    from docgen.documents.context import build_context

    reference = reference_data()
    context = build_context(model("southern-shores"), DOCUMENTS[0], reference)
    cited = {(f["kind"], f["title"]): f["citation"] for f in context["functions"]}
    for (kind, _number), (title, citation, _activities) in PUBLISHED.items():
        assert cited[(kind, title)] == citation
    assert context["policy"]["citations"]["pathways_reform"] == \
        reference.policy["citations"]["pathways_reform"]
    assert context["policy"]["citations"]["program_end"] == \
        reference.policy["transition_funding"]["program_end_citation"]
