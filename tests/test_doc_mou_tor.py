"""The Memorandum of Understanding and Governance Terms of Reference, read as text.

Checks what a reader relies on: the sections in order, every member and LLEN in
the parties schedule, the governance tables and the signature blocks, the
department's policy facts, and names with markup characters and macrons kept
exactly as written in the cluster file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLUSTERS, REFERENCE
from doctext import assert_in_order, body, model, section

from docgen.build.pipeline import build
from docgen.cluster.check import check_file
from docgen.documents.catalogue import select
from docgen.documents.textdump import docx_text

EXAMPLES = sorted(path.stem for path in CLUSTERS.glob("*.yaml"))
PATHWAYS_REFORM = "pathways.reform@education.vic.gov.au"
MOU_SECTIONS = [
    "Memorandum of Understanding", "Document control", "1. Parties",
    "2. Purpose and shared vision", "3. Term and review", "4. Governance arrangements",
    "5. Roles and responsibilities", "6. Shared provision", "7. Financial arrangements",
    "8. Data sharing and privacy", "9. Child safety", "10. Membership changes",
    "11. Disputes, withdrawal and variation", "12. Signatures",
]
TOR_SECTIONS = [
    "Governance Terms of Reference", "Document control", "1. Purpose", "2. Background",
    "3. Governance model", "4. Cluster Governance Group", "5. Cluster Operations Group",
    "6. Roles", "7. Conduct", "8. Reporting", "9. Review of these Terms of Reference",
]
ROLE_HEADINGS = [
    "Member schools", "Cluster Coordinator",
    "Regional Pathways Workforce and Jobs, Skills and Pathways Manager",
]
AWKWARD_NAME = "Ngā Tūmanako \"West\" & <North> College's"


def rows(lines: list[str]) -> list[list[str]]:
    """Table rows as lists of cell texts."""
    return [[cell.strip() for cell in line.strip("|").split(" | ")]
            for line in lines if line.startswith("| ")]


@pytest.mark.parametrize("stem", EXAMPLES)
def test_mou_sections_in_order(document_text, stem):
    lines = body(document_text(stem, "mou"))
    assert_in_order(lines, MOU_SECTIONS)
    assert_in_order(section(lines, "5. Roles and responsibilities", "6. Shared provision"),
                    ROLE_HEADINGS)


@pytest.mark.parametrize("stem", EXAMPLES)
def test_mou_parties_schedule_lists_every_member(document_text, stem):
    cluster = model(stem)
    schedule = rows(section(body(document_text(stem, "mou")), "1. Parties",
                            "2. Purpose and shared vision"))
    for school in cluster.member_schools:
        assert any(row[0] == school.name and row[-1] == school.principal
                   and school.address in row for row in schedule), school.name
    for llen in cluster.llens:
        assert any(row[0] == llen.name and row[-1] == llen.executive_officer.name
                   for row in schedule), llen.name


@pytest.mark.parametrize("stem", EXAMPLES)
def test_mou_signature_block_per_principal_and_llen(document_text, stem):
    cluster = model(stem)
    signatures = rows(section(body(document_text(stem, "mou")), "12. Signatures", None))
    organisations = [row[1] for row in signatures if row[0] == "Organisation"]
    names = [row[1] for row in signatures if row[0] == "Name"]
    assert organisations == ([s.name for s in cluster.member_schools]
                             + [llen.name for llen in cluster.llens])
    assert names == ([s.principal for s in cluster.member_schools]
                     + [llen.executive_officer.name for llen in cluster.llens])
    assert sum(row == ["Role", "Principal"] for row in signatures) == len(cluster.member_schools)
    assert sum(row == ["Signature", ""] for row in signatures) == len(organisations)


@pytest.mark.parametrize("stem", EXAMPLES)
def test_mou_policy_facts(document_text, stem):
    cluster = model(stem)
    text = document_text(stem, "mou")
    changes = "\n".join(section(body(text), "10. Membership changes",
                                "11. Disputes, withdrawal and variation"))
    assert PATHWAYS_REFORM in changes
    assert cluster.jspm.name in changes
    assert "Child Safe Standards" in text
    assert cluster.mou.child_safety_lead in text
    assert "12 months from the department's approval" in text
    assert "must review this MoU regularly" in text


def test_mou_ttc_arrangements_only_where_there_are_ttcs(document_text):
    for stem in EXAMPLES:
        cluster = model(stem)
        text = document_text(stem, "mou")
        for centre in cluster.ttcs:
            assert f"{centre.name} ({centre.type})" in text
        if not cluster.ttcs:
            assert "No member school hosts a Trade Training Centre" in text


@pytest.mark.parametrize("stem", EXAMPLES)
def test_tor_sections_and_governance(document_text, stem):
    cluster = model(stem)
    lines = body(document_text(stem, "terms-of-reference"))
    assert_in_order(lines, TOR_SECTIONS)
    group = rows(section(lines, "4. Cluster Governance Group", "5. Cluster Operations Group"))
    assert ["Chair", cluster.governance_group.chair] in group
    assert ["Quorum", cluster.governance_group.quorum] in group
    assert ["Decisions", cluster.governance_group.decision_rule] in group
    for school in cluster.member_schools:
        assert any(row[:2] == [school.governance_nominee.name, school.name] for row in group)
    operations = rows(section(lines, "5. Cluster Operations Group", "6. Roles"))
    assert ["Chair", cluster.operations_group.chair] in operations
    assert ["Quorum", cluster.operations_group.quorum] in operations
    for school in cluster.member_schools:
        assert [school.vet_coordinator.name, school.name, "School VET coordinator",
                "Yes"] in operations
    text = "\n".join(lines)
    assert PATHWAYS_REFORM in text
    assert all(llen.executive_officer.name in text for llen in cluster.llens)
    assert ("each semester" in text) == bool(cluster.ttcs)


@pytest.mark.parametrize("document", ["mou", "terms-of-reference"])
@pytest.mark.parametrize("stem", EXAMPLES)
def test_no_empty_cells(document_text, stem, document):
    """Every cell says something, except the space left to sign and date; a value the
    cluster file leaves out is a blank line to fill in (underscores), never 'Not given'."""
    for row in rows(body(document_text(stem, document))):
        if row[0] in ("Signature", "Date") and len(row) == 2:
            continue
        assert all(row), f"empty cell in {row}"
        assert not any(cell in ("Not given", "Not recorded", "Not set") for cell in row), row


@pytest.fixture(scope="module")
def awkward_texts(tmp_path_factory) -> dict[str, str]:
    """The metropolitan example with one school renamed to a name full of markup."""
    folder = tmp_path_factory.mktemp("awkward")
    source = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    assert source.count("Mentone Heath College") >= 2
    quoted = '"' + AWKWARD_NAME.replace('"', '\\"') + '"'
    path = folder / "awkward.yaml"
    path.write_text(source.replace("Mentone Heath College", quoted), encoding="utf-8")
    result = build([path], folder / "out", select(["mou", "terms-of-reference"]))
    assert not result.failed, result.problems
    return {name: docx_text((folder / "out" / "awkward" / f"{name}.docx").read_bytes())
            for name in ("mou", "terms-of-reference")}


def test_awkward_school_name_verbatim_in_mou(awkward_texts):
    lines = body(awkward_texts["mou"])
    schedule = rows(section(lines, "1. Parties", "2. Purpose and shared vision"))
    assert any(row[0] == AWKWARD_NAME for row in schedule)
    signatures = rows(section(lines, "12. Signatures", None))
    assert ["Organisation", AWKWARD_NAME] in signatures
    assert f"At {AWKWARD_NAME}: Wednesday afternoons" in awkward_texts["mou"]
    assert "&amp;" not in awkward_texts["mou"] and "&lt;" not in awkward_texts["mou"]


def test_awkward_school_name_verbatim_in_tor(awkward_texts):
    operations = rows(section(body(awkward_texts["terms-of-reference"]),
                              "5. Cluster Operations Group", "6. Roles"))
    assert ["Lily Tran", AWKWARD_NAME, "School VET coordinator", "Yes"] in operations
    assert "&amp;" not in awkward_texts["terms-of-reference"]


def test_awkward_yaml_really_holds_the_name(tmp_path: Path):
    """Guard against the test passing vacuously: the edited file parses to the name."""
    source = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    quoted = '"' + AWKWARD_NAME.replace('"', '\\"') + '"'
    path = tmp_path / "awkward.yaml"
    path.write_text(source.replace("Mentone Heath College", quoted), encoding="utf-8")
    checked = check_file(path, REFERENCE)
    assert checked.cluster is not None, checked.problems
    assert AWKWARD_NAME in [s.name for s in checked.cluster.member_schools]


AGREEMENTS = "Contracts and agreements for shared delivery"


def test_standard_agreements_only_when_a_member_school_delivers(document_text, tmp_path):
    """The department's standard VET agreements (reference data, with their source) are
    listed when a member school delivers a shared course to the others, and only then."""
    text = document_text("southern-shores", "mou")
    assert AGREEMENTS in text
    for agreement in REFERENCE.policy["standard_vet_agreements"]:
        assert agreement in text
    assert f"({REFERENCE.policy['citations']['standard_vet_agreements']})" in text
    source = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    old = "    provider: Seaholme Bay Secondary College\n"
    assert old in source
    path = tmp_path / "no-school-delivers.yaml"
    path.write_text(source.replace(old, "    provider: Kingsway Institute of TAFE\n"),
                    encoding="utf-8")
    result = build([path], tmp_path / "out", select(["mou"]))
    assert not result.failed, result.problems
    assert AGREEMENTS not in docx_text((tmp_path / "out" / path.stem / "mou.docx").read_bytes())
