"""The change notice goes to the other cluster when a school moves between clusters.

"If a school changes cluster (government or non-government), the respective clusters must
inform the department" (PAL "Membership, roles and responsibilities", seed 001): each
cluster's notice, and `docgen diff`'s notify list, names the other cluster. The department
is addressed as the source gives it: pathways.reform@education.vic.gov.au, no unit's name.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import CLUSTERS, plain

from docgen.documents.textdump import docx_text

MOVING = {"name": "Bellbird Grammar School", "sector": "independent",
          "address": "1 Main Road, Bellbird VIC 3999", "principal": "Dana Whitfield",
          "vet_coordinator": {"name": "Omar Haddad"},
          "governance_nominee": {"name": "Dana Whitfield", "role": "principal_class"},
          "vdss_enrolments": 75}
OTHER = "Peninsula Hills VET Cluster"


def write(path: Path, schools: list[dict], changes: list[dict] | None = None) -> Path:
    data = yaml.safe_load((CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8"))
    data["member_schools"] += schools
    if changes:
        data["membership_changes"] = changes
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def addressed_to(text: str) -> list[str]:
    """The rows of the notice's 'To' table, and the lines of its 'Copy to:' list."""
    body = text.split("\nTo\n", 1)[1]
    return body.split("\n1. The change", 1)[0].splitlines()


@pytest.mark.parametrize(("change", "key"), [("joined", "from_cluster"), ("left", "to_cluster")])
def test_the_other_cluster_is_addressed(run_cli, tmp_path, change, key):
    entry = {"date": "2025-09-01", "school": MOVING["name"], "change": change, key: OTHER,
             "dept_notified": "2025-09-02"}
    with_school, without = [MOVING], []
    before, after = (without, with_school) if change == "joined" else (with_school, without)
    old = write(tmp_path / "old.yaml", before)
    new = write(tmp_path / "new.yaml", after, [entry])
    notice = tmp_path / "notice.docx"
    assert run_cli("diff", old, new, "--notice", notice).exit_code == 0
    lines = addressed_to(plain(docx_text(notice.read_bytes())))
    assert f"| {OTHER} |  | The other cluster {MOVING['name']} moves between; the respective " \
           "clusters must each inform the department |" in lines
    assert "| Department of Education | pathways.reform@education.vic.gov.au | A school " \
           "changing cluster must be reported to the department |" in lines
    assert sum(OTHER in line for line in lines) == 1  # addressed once, not copied as well
    report = json.loads(run_cli("diff", old, new, "--format", "json").stdout)
    assert f"{OTHER} (no email in the cluster file)" in report["notify"]
    assert {"name": OTHER, "organisation": OTHER, "email": None, "reason": "other_cluster",
            "schools": [MOVING["name"]]} in report["notify_detail"]
    text = run_cli("diff", old, new).stdout
    assert f"  {OTHER} (no email in the cluster file): the other cluster" in text
    assert "Senior Secondary Pathways Reform" not in text


def test_no_other_cluster_no_copy(run_cli, tmp_path):
    entry = {"date": "2025-09-01", "school": MOVING["name"], "change": "joined"}
    old = write(tmp_path / "old.yaml", [])
    new = write(tmp_path / "new.yaml", [MOVING], [entry])
    notice = tmp_path / "notice.docx"
    run_cli("diff", old, new, "--notice", notice)
    assert not any("the other cluster" in line
                   for line in addressed_to(plain(docx_text(notice.read_bytes()))))


def test_notice_has_its_own_document_control(run_cli, tmp_path):
    """The notice's reference and date, not the cluster documents' version and history;
    `diff --notice` warns (exit 0) when the cluster's version and date were not moved on."""
    entry = {"date": "2025-09-01", "school": MOVING["name"], "change": "joined",
             "dept_notified": "2025-09-01"}
    old = write(tmp_path / "old.yaml", [])
    new = write(tmp_path / "new.yaml", [MOVING], [entry])
    notice = tmp_path / "notice.docx"
    result = run_cli("diff", old, new, "--notice", notice)
    assert result.exit_code == 0
    assert "warning: document.version (1.0) and document.date (10 March 2025) not moved on" \
        in result.stderr
    text = plain(docx_text(notice.read_bytes()))
    assert "| Reference | MC-2025-09-01-v1.0 |" in text and "| Date | 1 September 2025 |" in text
    assert "Version history" not in text and "has not yet been changed" not in text
    assert "| Cluster documents | Version 1.0 |" in text
    footer = text.split("=== word/footer1.xml ===\n")[1]
    assert footer.startswith("Notice MC-2025-09-01-v1.0, 1 September 2025\t")
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    data["document"].update(version="1.1", date="2025-09-01")
    data["document"]["history"].append({"version": "1.1", "date": "2025-09-01",
                                        "author": "Priya Raman", "changes": "Bellbird joined."})
    new.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    moved_on = run_cli("diff", old, new, "--notice", notice)
    assert moved_on.exit_code == 0 and "warning" not in moved_on.stderr
    text = plain(docx_text(notice.read_bytes()))
    assert "| Reference | MC-2025-09-01-v1.1 |" in text
    assert "| Cluster documents | Version 1.0 is replaced by version 1.1 |" in text
