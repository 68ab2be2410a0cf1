"""The command line end to end: exit codes, output layout, problem lines."""

from __future__ import annotations

from pathlib import Path

from conftest import CLUSTERS


def test_check_examples_pass(run_cli):
    result = run_cli("check", CLUSTERS)
    assert result.exit_code == 0
    assert "no problems" in result.output


def test_check_missing_path_is_usage_error(run_cli, tmp_path):
    result = run_cli("check", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_build_writes_every_document(run_cli, tmp_path):
    result = run_cli("build", CLUSTERS, "-o", tmp_path)
    assert result.exit_code == 0
    for cluster in CLUSTERS.glob("*.yaml"):
        names = sorted(p.name for p in (tmp_path / cluster.stem).iterdir())
        assert names == sorted([*(f"{d}.docx" for d in (
            "mou", "terms-of-reference", "position-description", "funding-application",
            "implementation-plan", "self-assessment")), "review-checklist.md"])


def test_build_only_unknown_document_is_usage_error(run_cli, tmp_path):
    result = run_cli("build", CLUSTERS, "-o", tmp_path, "--only", "budget")
    assert result.exit_code == 2
    assert "unknown document" in result.output


def test_invalid_cluster_is_skipped_and_others_build(run_cli, tmp_path):
    clusters = tmp_path / "clusters"
    clusters.mkdir()
    good = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    (clusters / "good.yaml").write_text(good, encoding="utf-8")
    (clusters / "bad.yaml").write_text(good.replace("sector: government", "sector: goverment", 1),
                                       encoding="utf-8")
    result = run_cli("build", clusters, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "good" / "mou.docx").exists()
    assert not (tmp_path / "out" / "bad").exists()
    assert "bad.yaml:" in result.output and "did you mean 'government'" in result.output


def test_check_reports_every_problem_with_place(run_cli, tmp_path):
    text = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    broken = (text.replace("sector: government", "sector: goverment", 1)
                  .replace("vdss_enrolments: 121", "vdss_enrolments: lots")
                  .replace("  area: Bayside Peninsula\n", "  area: Bayside Peninsula\n  aera: x\n"))
    path = Path(tmp_path / "broken.yaml")
    path.write_text(broken, encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(lines) == 3
    assert any("(member_schools[0].sector)" in line and "did you mean 'government'" in line
               for line in lines)
    assert any("(member_schools[1].vdss_enrolments)" in line for line in lines)
    assert any("unknown key 'aera'" in line and "did you mean 'area'" in line for line in lines)
    for line in lines:
        file, line_no, column, *_ = line.split(":")
        assert file.endswith("broken.yaml") and int(line_no) > 0 and int(column) > 0
