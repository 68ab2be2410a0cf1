"""Membership changes: `docgen diff`, the change notice, the MoU's schedule of variations and
`docgen build --since`, on clusters kept in a throwaway git repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CLUSTERS, plain

from docgen.documents.textdump import docx_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

DEPARTMENT = "pathways.reform@education.vic.gov.au"
CONTACTS = yaml.safe_load((Path(__file__).parent.parent / "docgen" / "data" / "contacts.yaml")
                          .read_text(encoding="utf-8"))
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": "/nonexistent"}


def school(name: str, sector: str, number: str | None, enrolments: int) -> dict[str, Any]:
    """A member school entry as a cluster file writes it (fictional people)."""
    entry: dict[str, Any] = {"name": name, "sector": sector}
    if number:
        entry["school_number"] = number
    entry.update({"address": f"1 Main Road, {name.split()[0]} VIC 3999",
                  "principal": f"Principal of {name}",
                  "vet_coordinator": {"name": f"VET Coordinator of {name}"},
                  "governance_nominee": {"name": f"Nominee of {name}", "role": "principal_class"},
                  "vdss_enrolments": enrolments})
    return entry


JOINING = school("Mornington Ridge Secondary College", "government", "8377", 140)
CATHOLIC = school("St Kilian's College", "catholic", None, 210)
INDEPENDENT = school("Bellbird Grammar School", "independent", None, 75)


def cluster(example: str, add: tuple[dict[str, Any], ...] = (), **extra: Any) -> str:
    """An example cluster file with schools appended (and top-level keys set), as YAML."""
    data = yaml.safe_load((CLUSTERS / f"{example}.yaml").read_text(encoding="utf-8"))
    data["member_schools"] += [dict(s) for s in add]
    data.update(extra)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A git repository in tmp_path, the current folder; `repo(files, message)` commits."""
    monkeypatch.chdir(tmp_path)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main"], check=True, env=env)

    def commit(files: dict[str, str], message: str = "change") -> None:
        for name, text in files.items():
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            Path(name).write_text(text, encoding="utf-8")
        subprocess.run(["git", "add", "-A"], check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", message], check=True, env=env)

    return commit


def diff_json(run_cli, old: str, new: str, *extra: str) -> dict[str, Any]:
    result = run_cli("diff", old, new, "--format", "json", *extra)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_school_joins(run_cli, repo):
    repo({"clusters/a.yaml": cluster("southern-shores")})
    Path("clusters/a.yaml").write_text(cluster("southern-shores", (JOINING,)), encoding="utf-8")
    report = diff_json(run_cli, "HEAD:clusters/a.yaml", "clusters/a.yaml")
    assert report["members_added"] == [JOINING["name"]]
    assert report["members_removed"] == [] and report["members_renamed"] == []
    assert report["notify"][0] == DEPARTMENT
    assert any("education.vic.gov.au" in a and a != DEPARTMENT for a in report["notify"])  # JSPM
    assert {"mou", "terms-of-reference", "funding-application"} <= set(
        report["documents_affected"])
    enrolments = report["funding"]["total_vdss_enrolments"]
    assert enrolments["after"] - enrolments["before"] == 140
    school = JOINING["name"]
    assert {"group": "governance_group", "role": "school_nominee", "change": "joined",
            "person": f"Nominee of {school}", "organisation": school,
            "before": None, "after": None} in report["governance_changes"]
    assert all(isinstance(change, dict) for change in report["governance_changes"])


def test_text_report_proposes_history_and_variation(run_cli, repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1756684800")  # 1 September 2025
    repo({"clusters/a.yaml": cluster("southern-shores")})
    Path("clusters/a.yaml").write_text(cluster("southern-shores", (JOINING,)), encoding="utf-8")
    result = run_cli("diff", "HEAD:clusters/a.yaml", "clusters/a.yaml")
    assert result.exit_code == 0
    out = result.stdout
    assert f"joined   {JOINING['name']}" in out and DEPARTMENT in out
    assert "version: '1.1'" in out and "date: 2025-09-01" in out
    assert f"changes: {JOINING['name']} joined the cluster." in out
    assert "membership_changes:\n  - date: 2025-09-01\n" in out and "change: joined" in out


def test_catholic_school_leaves(run_cli, repo):
    repo({"clusters/a.yaml": cluster("southern-shores", (CATHOLIC,))})
    Path("clusters/a.yaml").write_text(cluster("southern-shores"), encoding="utf-8")
    report = diff_json(run_cli, "HEAD:clusters/a.yaml", "clusters/a.yaml")
    assert report["members_removed"] == [CATHOLIC["name"]] and report["members_added"] == []
    assert DEPARTMENT in report["notify"]
    assert CONTACTS["sectors"]["catholic"]["email"] in report["notify"]
    assert CONTACTS["sectors"]["independent"]["email"] not in report["notify"]


def test_school_renamed_is_matched_by_school_number(run_cli, repo):
    renamed = {**JOINING, "name": "Mornington Ridge College"}
    repo({"clusters/a.yaml": cluster("southern-shores", (JOINING,))})
    Path("clusters/a.yaml").write_text(cluster("southern-shores", (renamed,)), encoding="utf-8")
    report = diff_json(run_cli, "HEAD:clusters/a.yaml", "clusters/a.yaml")
    assert report["members_renamed"] == [{"from": JOINING["name"], "to": renamed["name"],
                                          "school_number": "8377"}]
    assert report["members_added"] == [] and report["members_removed"] == []
    assert report["notify"] == []  # a rename is not a change of cluster
    assert "mou" in report["documents_affected"]


def test_school_moves_between_clusters_both_notices(run_cli, repo, tmp_path):
    moved = INDEPENDENT["name"]
    repo({"clusters/a.yaml": cluster("southern-shores", (INDEPENDENT,)),
          "clusters/b.yaml": cluster("goulburn-plains")}, "before")
    a_name = yaml.safe_load(Path("clusters/a.yaml").read_text())["cluster"]["name"]
    b_name = yaml.safe_load(Path("clusters/b.yaml").read_text())["cluster"]["name"]
    left = [{"date": "2025-09-01", "school": moved, "change": "left", "to_cluster": b_name,
             "dept_notified": "2025-08-25"}]
    joined = [{"date": "2025-09-01", "school": moved, "change": "joined", "from_cluster": a_name}]
    repo({"clusters/a.yaml": cluster("southern-shores", membership_changes=left),
          "clusters/b.yaml": cluster("goulburn-plains", (INDEPENDENT,),
                                     membership_changes=joined)}, "move")
    for stem, key, other in (("a", "members_removed", b_name), ("b", "members_added", a_name)):
        notice = tmp_path / "notices" / f"{stem}.docx"
        report = diff_json(run_cli, f"HEAD~1:clusters/{stem}.yaml", f"HEAD:clusters/{stem}.yaml",
                           "--notice", notice)
        assert report[key] == [moved]
        assert report["other_clusters"] == {moved: other}
        assert CONTACTS["sectors"]["independent"]["email"] in report["notify"]
        text = plain(docx_text(notice.read_bytes()))
        assert moved in text and other in text and "1 September 2025" in text
        for addressee in report["notify_detail"]:
            assert addressee["name"] in text and (addressee["email"] or "") in text
    assert run_cli("build", "clusters/b.yaml", "-o", "out", "--only", "mou").exit_code == 0
    mou = docx_text(Path("out/b/mou.docx").read_bytes())
    assert "Schedule of variations" in mou and f"From {a_name}" in mou and moved in mou


def test_json_holds_records_with_exact_numbers_not_sentences(run_cli, repo):
    """Tools get names and numbers: enrolment changes and governance changes as records,
    money written from its digits (read back exactly as Decimal), no prose to parse."""
    grown = [{**s, "vdss_enrolments": s["vdss_enrolments"] + 1000} if i == 0 else s
             for i, s in enumerate(yaml.safe_load(cluster("southern-shores"))["member_schools"])]
    repo({"clusters/a.yaml": cluster("southern-shores")})
    Path("clusters/a.yaml").write_text(cluster("southern-shores", member_schools=grown),
                                       encoding="utf-8")
    result = run_cli("diff", "HEAD:clusters/a.yaml", "clusters/a.yaml", "--format", "json")
    report = json.loads(result.stdout, parse_float=Decimal)
    funding = report["funding"]
    assert funding["school_changes"] == [{"school": grown[0]["name"], "before": 164,
                                          "after": 1164, "change": 1000}]
    assert funding["band"] == {"before": "2", "after": "3"}
    assert funding["total"]["before"] == Decimal("122263.2")  # $122,263.20, to the cent
    assert '"before": 122263.2,' in result.stdout  # a number, not a string or a sentence
    assert all(isinstance(c, dict) for c in report["governance_changes"])
    assert "→" not in result.stdout and " enrolments (" not in result.stdout


def test_notify_detail_gives_reasons_as_codes(run_cli, repo):
    repo({"clusters/a.yaml": cluster("southern-shores")})
    Path("clusters/a.yaml").write_text(cluster("southern-shores", (CATHOLIC,)), encoding="utf-8")
    report = diff_json(run_cli, "HEAD:clusters/a.yaml", "clusters/a.yaml")
    reasons = [(a["reason"], a["schools"]) for a in report["notify_detail"]]
    assert reasons == [("department", []), ("jspm", []), ("catholic", [CATHOLIC["name"]])]


def test_mou_has_no_schedule_of_variations_without_changes(document_text):
    assert "Schedule of variations" not in document_text("southern-shores", "mou")


def test_no_change(run_cli, repo, tmp_path):
    repo({"clusters/a.yaml": cluster("southern-shores")})
    result = run_cli("diff", "HEAD:clusters/a.yaml", "clusters/a.yaml", "--notice",
                     tmp_path / "n.docx")
    assert result.exit_code == 0
    assert "No changes" in result.stdout
    assert not (tmp_path / "n.docx").exists()
    report = diff_json(run_cli, "clusters/a.yaml", "clusters/a.yaml")
    assert report["members_added"] == report["members_removed"] == []
    assert report["documents_affected"] == report["notify"] == []


def test_invalid_version_reports_problems(run_cli, repo):
    repo({"clusters/a.yaml": cluster("southern-shores").replace("sector: government",
                                                                 "sector: govt", 1)})
    Path("clusters/a.yaml").write_text(cluster("southern-shores"), encoding="utf-8")
    result = run_cli("diff", "HEAD:clusters/a.yaml", "clusters/a.yaml")
    assert result.exit_code == 1
    assert "HEAD:clusters/a.yaml:" in result.stdout and "'govt' is not one of" in result.stdout


@pytest.mark.parametrize("old", ["nope:clusters/a.yaml", "HEAD:clusters/missing.yaml",
                                 "HEAD:clusters", "missing.yaml"])
def test_bad_revision_or_path_is_usage_error(run_cli, repo, old):
    repo({"clusters/a.yaml": cluster("southern-shores")})
    result = run_cli("diff", old, "clusters/a.yaml")
    assert result.exit_code == 2
    assert result.output.startswith("docgen: ") and "Traceback" not in result.output


def test_membership_change_without_department_date_warns(run_cli, repo):
    entry = [{"date": "2025-09-01", "school": JOINING["name"], "change": "joined"}]
    repo({"clusters/a.yaml": cluster("southern-shores", (JOINING,), membership_changes=entry)})
    result = run_cli("check", "clusters/a.yaml")
    assert result.exit_code == 0
    assert "warning: no 'dept_notified' date" in result.stdout and DEPARTMENT in result.stdout


def test_build_does_not_build_the_notice(run_cli, tmp_path):
    result = run_cli("build", CLUSTERS, "-o", tmp_path, "--only", "membership-change-notice")
    assert result.exit_code == 2 and "docgen diff --notice" in result.output


def built_clusters() -> list[str]:
    return sorted(p.name for p in Path("out").iterdir() if p.is_dir())


def test_build_since_rebuilds_only_changed_clusters(run_cli, repo):
    repo({"clusters/a.yaml": cluster("southern-shores"),
          "clusters/b.yaml": cluster("goulburn-plains")})
    quick = ("--only", "funding-application")
    result = run_cli("build", "clusters", "--since", "HEAD", "-o", "out", *quick)
    assert result.exit_code == 0 and "nothing to rebuild" in result.stdout
    Path("clusters/a.yaml").write_text(cluster("southern-shores", (JOINING,)), encoding="utf-8")
    result = run_cli("build", "clusters", "--since", "HEAD", "-o", "out", *quick)
    assert result.exit_code == 0
    assert built_clusters() == ["a"]
    result = run_cli("build", "clusters", "--since", "nope", "-o", "out", *quick)
    assert result.exit_code == 2 and "unknown git revision" in result.output


def test_build_since_rebuilds_all_when_templates_change(run_cli, repo):
    from docgen.documents.templates import packaged_templates

    template = (packaged_templates() / "funding-application.docx").read_bytes()
    repo({"clusters/a.yaml": cluster("southern-shores"),
          "clusters/b.yaml": cluster("goulburn-plains")})
    Path("templates").mkdir()
    Path("templates/funding-application.docx").write_bytes(template)  # new since HEAD
    result = run_cli("build", "clusters", "--since", "HEAD", "-o", "out", "--templates",
                     "templates", "--only", "funding-application")
    assert result.exit_code == 0
    assert built_clusters() == ["a", "b"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_notice_opens_in_libreoffice(run_cli, repo, tmp_path):
    repo({"clusters/a.yaml": cluster("southern-shores", (CATHOLIC,))})
    Path("clusters/a.yaml").write_text(cluster("southern-shores", (JOINING,)), encoding="utf-8")
    notice = tmp_path / "notice.docx"
    report = diff_json(run_cli, "HEAD:clusters/a.yaml", "clusters/a.yaml", "--notice", notice)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(notice)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "notice.pdf"
    assert pdf.stat().st_size > 10_000
    text = plain(docx_text(notice.read_bytes()))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                              text=True).stdout
        text = " ".join(text.split())
    for name in (JOINING["name"], CATHOLIC["name"]):
        assert name in text
    for addressee in report["notify_detail"]:
        assert addressee["name"] in text
        assert addressee["email"] is None or addressee["email"] in text.replace(" ", "")


def test_schools_match_by_number_before_name():
    from docgen.changes.membership import match_schools
    from docgen.cluster.model import School

    def make(name: str, number: str | None) -> School:
        return School(name, "government", "x", "x", None, None, 1, number)  # type: ignore[arg-type]

    old = (make("A College", "1"), make("B College", None), make("C College", "3"))
    new = (make("A Secondary College", "1"), make("B College", None), make("C College", "4"))
    pairs, removed, added = match_schools(old, new)
    assert [(b.name, a.name) for b, a in pairs] == [
        ("A College", "A Secondary College"), ("B College", "B College"),
        ("C College", "C College")]
    assert removed == [] and added == []


@pytest.mark.parametrize(("version", "expected"), [("1.0", "1.1"), ("1.9", "1.10"), ("2", "3"),
                                                   ("v1-draft", "v1-draft.1"),
                                                   ("1.\u00b2", "1.\u00b2.1"),
                                                   ("1." + "9" * 5000, "1." + "9" * 5000 + ".1")])
def test_next_version(version, expected):
    from docgen.changes.proposals import next_version

    assert next_version(version) == expected
