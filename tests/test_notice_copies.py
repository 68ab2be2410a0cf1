"""The change notice is copied to the other cluster when a school moves between clusters.

"If a school changes cluster (government or non-government), the respective clusters must
inform the department" (PAL "Membership, roles and responsibilities", seed 001): each
cluster's notice names the other among those it is copied to.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import CLUSTERS

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


def copied_to(text: str) -> list[str]:
    """The lines of the notice's 'Copy to:' list."""
    body = text.split("Copy to:\n", 1)[1]
    return body.split("\n1. The change", 1)[0].splitlines()


@pytest.mark.parametrize(("change", "key", "verb"), [("joined", "from_cluster", "leaves"),
                                                    ("left", "to_cluster", "joins")])
def test_the_other_cluster_is_copied(run_cli, tmp_path, change, key, verb):
    entry = {"date": "2025-09-01", "school": MOVING["name"], "change": change, key: OTHER}
    with_school, without = [MOVING], []
    before, after = (without, with_school) if change == "joined" else (with_school, without)
    old = write(tmp_path / "old.yaml", before)
    new = write(tmp_path / "new.yaml", after, [entry])
    notice = tmp_path / "notice.docx"
    assert run_cli("diff", old, new, "--notice", notice).exit_code in (0, 1)
    lines = copied_to(docx_text(notice.read_bytes()))
    assert f"{OTHER}, the cluster {MOVING['name']} {verb}, which also informs the department" \
        in lines


def test_no_other_cluster_no_copy(run_cli, tmp_path):
    entry = {"date": "2025-09-01", "school": MOVING["name"], "change": "joined"}
    old = write(tmp_path / "old.yaml", [])
    new = write(tmp_path / "new.yaml", [MOVING], [entry])
    notice = tmp_path / "notice.docx"
    run_cli("diff", old, new, "--notice", notice)
    assert not any("informs the department" in line
                   for line in copied_to(docx_text(notice.read_bytes())))
