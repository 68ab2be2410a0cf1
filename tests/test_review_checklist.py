"""What is still to confirm: `docgen check` warnings of one kind, and the review checklist.

Facts the documents rest on that the reference data marks `verified: false` give one
warning each, starting "unconfirmed:", until the cluster file lists them under
`reference_confirmed` (or the reference data is verified). `docgen build` writes the
review checklist beside the documents: every such fact, ticked or open, and the
timeframes `check` could not read. It is not a document: no state, pack or PDF has it.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from conftest import CLUSTERS, REFERENCE

from docgen.build.pipeline import build
from docgen.cluster.check import check_file
from docgen.refdata import ReferenceData

CHECKLIST = "review-checklist.md"


def without_confirmations(tmp_path: Path, stem: str = "southern-shores") -> Path:
    """An example cluster file whose `reference_confirmed` section is cut off."""
    text = (CLUSTERS / f"{stem}.yaml").read_text(encoding="utf-8")
    cut = text.index("\n# What the JSPM has confirmed") if stem == "southern-shores" \
        else text.index("\n# ---------------------------------------------------------------"
                        "------------------------\n# What the JSPM has confirmed")
    path = tmp_path / f"{stem}.yaml"
    path.write_text(text[:cut] + "\n", encoding="utf-8")
    return path


def unconfirmed(problems: list) -> list[str]:
    return [p.message for p in problems if p.message.startswith("unconfirmed: ")]


def test_each_unconfirmed_fact_warns_once_with_its_id(tmp_path):
    checked = check_file(without_confirmations(tmp_path), REFERENCE)
    assert checked.cluster is not None
    messages = unconfirmed(checked.problems)
    ids = ["funding_bands", "salary/ES 1-4-1", "salary/ES 1-2-1", "on_cost_rate",
           "srp_rural_rate", "function/operational_function_4",
           "function/operational_function_5", "activities/shared_provision", "rating_scale"]
    for item in ids:
        assert sum(f"list '{item}' under reference_confirmed" in m for m in messages) == 1, item
    assert len(messages) == len(ids)
    assert all(not p.is_error for p in checked.problems)


def test_pathways_warn_only_where_the_cluster_uses_them(tmp_path):
    messages = unconfirmed(check_file(without_confirmations(tmp_path, "goulburn-plains"),
                                      REFERENCE).problems)
    assert sum("'pathway/digital'" in m for m in messages) == 1
    assert sum("'pathway/agriculture_primary_industries'" in m for m in messages) == 1
    assert not any("'pathway/health'" in m for m in messages)  # a confirmed name


def test_a_warning_sits_at_the_line_that_uses_the_fact(tmp_path):
    path = without_confirmations(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for problem in check_file(path, REFERENCE).problems:
        if "'salary/ES 1-4-1'" in problem.message:
            assert problem.path == "coordinator.classification"
            assert lines[problem.line - 1].strip() == "classification: ES 1-4-1"


def test_verified_reference_data_needs_no_confirmation(tmp_path):
    """Reference data a repository marks verified raises no warning."""
    files = copy.deepcopy(REFERENCE.files)
    files["funding_bands"]["verified"] = True
    for entry in files["functions"]["functions"]:
        entry["verified"] = True
    verified = ReferenceData(files)
    messages = unconfirmed(check_file(without_confirmations(tmp_path), verified).problems)
    assert not any("'funding_bands'" in m or "'function/" in m for m in messages)
    assert any("'rating_scale'" in m for m in messages)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Both examples as they are, and the metropolitan one with nothing confirmed."""
    out = tmp_path_factory.mktemp("out")
    bare = without_confirmations(tmp_path_factory.mktemp("bare"))
    bare = bare.rename(bare.with_name("unconfirmed.yaml"))
    result = build([CLUSTERS, bare], out)
    assert not result.failed, result.problems
    return out


def test_build_writes_the_checklist_beside_the_documents(built):
    text = (built / "goulburn-plains" / CHECKLIST).read_text(encoding="utf-8")
    assert text.startswith("# Review checklist: Goulburn Plains VET Cluster\n")
    assert "- [x] Pathways: the pathway name 'Digital Technologies'" in text
    assert "Confirmed 11 August 2025 by Helena Vukovic, Jobs, Skills and Pathways Manager." \
        in text
    assert "- [ ] Action \u201cReport Trade Training Centre enrolment and utilisation data to " \
           "the department.\u201d: \"End of each semester\"" in text
    assert "- [ ]" not in text.split("## Dates docgen could not check")[0]


def test_checklist_lists_what_is_still_to_confirm_with_its_line(built):
    text = (built / "unconfirmed" / CHECKLIST).read_text(encoding="utf-8")
    facts = text.split("## Facts to confirm")[1].split("## Dates")[0]
    open_items = [line for line in facts.splitlines() if line.startswith("- [ ] ")]
    assert len(open_items) == 9 and all("Still to confirm." in line for line in open_items)
    assert any("`salary/ES 1-4-1`, line 54" in line for line in open_items)


def test_checklist_is_not_a_document(built, run_cli):
    state = (built / ".docgen-state.json").read_text(encoding="utf-8")
    assert CHECKLIST not in state
    again = run_cli("build", CLUSTERS, "-o", built)
    assert again.exit_code == 0 and "ignored" not in again.output
    assert run_cli("build", CLUSTERS, "-o", built, "--check").exit_code == 0


def test_check_mode_notices_a_stale_checklist(built, run_cli):
    target = built / "southern-shores" / CHECKLIST
    target.write_text("edited\n", encoding="utf-8")
    result = run_cli("build", CLUSTERS, "-o", built, "--check")
    assert result.exit_code == 1 and CHECKLIST in result.output
    assert target.read_text(encoding="utf-8") == "edited\n"
