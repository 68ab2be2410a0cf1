"""Application packs: they open, their manifests verify, and packing twice gives the same zips."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import CLUSTERS

from docgen import __version__
from docgen.build.pack import MANIFEST, PACK_SUFFIX, SUMMARY_FILE, pack
from docgen.documents.catalogue import DOCUMENT_NAMES
from docgen.refdata import reference_files

STEMS = sorted(p.stem for p in CLUSTERS.glob("*.yaml"))


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples packed once for the module."""
    out = tmp_path_factory.mktemp("packs")
    result = pack([CLUSTERS], out)
    assert not result.failed, result.problems
    return out


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_one_pack_per_cluster_with_every_document(packed):
    assert sorted(p.name for p in packed.glob(f"*{PACK_SUFFIX}")) == \
        [f"{stem}{PACK_SUFFIX}" for stem in STEMS]
    for stem in STEMS:
        with zipfile.ZipFile(packed / f"{stem}{PACK_SUFFIX}") as archive:
            assert archive.testzip() is None
            names = archive.namelist()
            assert names == sorted(names)
            assert names == sorted([MANIFEST] + [f"{d}.docx" for d in DOCUMENT_NAMES])
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_manifests_verify(packed):
    for stem in STEMS:
        with zipfile.ZipFile(packed / f"{stem}{PACK_SUFFIX}") as archive:
            manifest = json.loads(archive.read(MANIFEST))
            listed = {entry["name"]: entry["sha256"] for entry in manifest["files"]}
            assert sorted(listed) == sorted(n for n in archive.namelist() if n != MANIFEST)
            for name, digest in listed.items():
                assert sha256(archive.read(name)) == digest, name
        inputs = manifest["inputs"]
        source = CLUSTERS / f"{stem}.yaml"
        assert inputs["cluster_file"] == {"name": source.name,
                                          "sha256": sha256(source.read_bytes())}
        assert [t["name"] for t in inputs["templates"]] == [f"{d}.docx" for d in DOCUMENT_NAMES]
        assert {r["name"]: r["sha256"] for r in inputs["reference_data"]} == \
            {p.name: sha256(p.read_bytes()) for p in reference_files()}
        assert manifest["docgen_version"] == __version__


def test_documents_in_a_pack_open(packed):
    from docx import Document

    with zipfile.ZipFile(packed / f"{STEMS[0]}{PACK_SUFFIX}") as archive:
        for name in DOCUMENT_NAMES:
            assert Document(io.BytesIO(archive.read(f"{name}.docx"))).paragraphs


def test_packing_twice_gives_identical_zips(packed, tmp_path):
    again = tmp_path / "again"
    pack([CLUSTERS], again, jobs=2)
    for stem in STEMS:
        name = f"{stem}{PACK_SUFFIX}"
        assert (again / name).read_bytes() == (packed / name).read_bytes(), name
    assert (again / SUMMARY_FILE).read_bytes() == (packed / SUMMARY_FILE).read_bytes()


def test_region_summary_lists_every_cluster(packed):
    text = (packed / SUMMARY_FILE).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["file"] for row in rows] == [f"{stem}.yaml" for stem in STEMS]
    for row in rows:
        assert row["status"] == "valid"
        names = row["school_names"].split("; ")
        assert int(row["schools"]) == len(names) > 0
        assert int(row["total_vdss_enrolments"]) > 0 and row["band"]
        assert float(row["total_funding_requested"]) > 0 and row["indicative"] in ("yes", "no")
    southern = next(row for row in rows if row["file"] == "southern-shores.yaml")
    assert "Kingsford Park Arts & Technology School" in southern["school_names"]


def test_invalid_cluster_gets_no_pack_but_a_summary_line(run_cli, tmp_path):
    clusters = tmp_path / "clusters"
    shutil.copytree(CLUSTERS, clusters)
    good = (clusters / "southern-shores.yaml").read_text(encoding="utf-8")
    (clusters / "broken.yaml").write_text(good.replace("sector: government", "sector: govt", 1),
                                          encoding="utf-8")
    result = run_cli("pack", clusters, "-o", tmp_path / "packs")
    assert result.exit_code == 1
    assert "no pack for" in result.output and "broken.yaml" in result.output
    assert not (tmp_path / "packs" / f"broken{PACK_SUFFIX}").exists()
    assert (tmp_path / "packs" / f"southern-shores{PACK_SUFFIX}").exists()
    summary = (tmp_path / "packs" / SUMMARY_FILE).read_text(encoding="utf-8-sig")
    broken = next(r for r in csv.DictReader(io.StringIO(summary)) if r["file"] == "broken.yaml")
    assert broken["status"].startswith("invalid") and broken["cluster"] == ""


def test_region_summary_cells_never_start_a_formula(run_cli, tmp_path):
    """CSV injection (OWASP): a cluster named like a formula is written as text."""
    clusters = tmp_path / "clusters"
    clusters.mkdir()
    text = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("  name: "))
    formula = '=HYPERLINK("http://example.invalid", "Click")'
    (clusters / "x.yaml").write_text(text.replace(name, f"  name: '{formula}'", 1),
                                     encoding="utf-8")
    assert run_cli("pack", clusters, "-o", tmp_path / "packs").exit_code == 0
    summary = (tmp_path / "packs" / SUMMARY_FILE).read_text(encoding="utf-8-sig")
    row = next(csv.DictReader(io.StringIO(summary)))
    assert row["cluster"] == "'" + formula
    assert not any(cell[:1] in "=+-@" for cell in row.values() if cell)


def test_pack_command_reports_what_it_wrote(run_cli, tmp_path):
    result = run_cli("pack", CLUSTERS, "-o", tmp_path)
    assert result.exit_code == 0
    assert f"{len(STEMS)} pack(s): {len(STEMS)} written" in result.output
    assert f"wrote {tmp_path / 'region-summary.xlsx'}" in result.output
    again = run_cli("pack", CLUSTERS, "-o", tmp_path)
    assert f"{len(STEMS)} pack(s): 0 written, {len(STEMS)} unchanged" in again.output
    assert f"unchanged {tmp_path / SUMMARY_FILE}" in again.output


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    folder = tmp_path / "clusters"
    shutil.copytree(CLUSTERS, folder)
    return folder


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stems of the clusters rendered (validated and built) by each pack or build."""
    from docgen.build import workers

    calls: list[str] = []
    real = workers.build_one

    def counting(path: Path, options):  # type: ignore[no-untyped-def]
        calls.append(path.stem)
        return real(path, options)

    monkeypatch.setattr(workers, "build_one", counting)
    return calls


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each output document's inode and modification time: equal when nothing rewrote it."""
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.glob("*/*.*"))}


def test_pack_reuses_the_documents_a_build_made(examples, tmp_path, rendered):
    from docgen.build.pipeline import build

    out = tmp_path / "out"
    assert not build([examples], out).failed
    before, rendered[:] = snapshot(out), []
    assert not pack([examples], out).failed
    assert rendered == [] and snapshot(out) == before
    fresh = tmp_path / "fresh"
    assert not pack([examples], fresh).failed
    for stem in STEMS:  # reused or made afresh, the same bytes
        name = f"{stem}{PACK_SUFFIX}"
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_pack_builds_a_stale_cluster_once_and_reuses_the_rest(examples, tmp_path, rendered):
    out = tmp_path / "out"
    pack([examples], out)
    source = examples / "southern-shores.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Southern Shores VET Cluster", "Southern Bays VET Cluster"),
                      encoding="utf-8")
    rendered.clear()
    result = pack([examples], out)
    assert rendered == ["southern-shores"] and not result.failed
    assert [p.name for p in result.written] == [f"southern-shores{PACK_SUFFIX}"]
    with zipfile.ZipFile(out / f"southern-shores{PACK_SUFFIX}") as archive:
        assert json.loads(archive.read(MANIFEST))["cluster"] == "Southern Bays VET Cluster"
    rows = list(csv.DictReader(io.StringIO((out / SUMMARY_FILE).read_text("utf-8-sig"))))
    assert "Southern Bays VET Cluster" in [row["cluster"] for row in rows]


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The names of the cluster files checked from now on, by a build or a pack."""
    from docgen.build import pack as packing
    from docgen.build import unit

    checked: list[str] = []
    for module in (packing, unit):
        real = module.check_file
        monkeypatch.setattr(module, "check_file", lambda path, ref, real=real:
                            checked.append(path.name) or real(path, ref))
    return checked


def test_a_pack_after_a_build_checks_nothing_again(examples, tmp_path, checks):
    from docgen.build.pipeline import build

    cold = tmp_path / "cold"
    pack([examples], cold)
    out = tmp_path / "out"
    assert not build([examples], out).failed
    checks.clear()
    assert not pack([examples], out).failed and checks == []
    for name in (SUMMARY_FILE, "region-summary.xlsx"):
        assert (out / name).read_bytes() == (cold / name).read_bytes(), name


def test_a_touched_summary_is_made_again_from_the_build_records(examples, tmp_path, checks):
    out = tmp_path / "out"
    pack([examples], out)
    summary = (out / SUMMARY_FILE).read_bytes()
    checks.clear()
    assert not pack([examples], out).failed and checks == []
    (out / SUMMARY_FILE).write_bytes(b"cluster\r\n=1+1\r\n")  # tampered: made again
    assert not pack([examples], out).failed and checks == []
    assert (out / SUMMARY_FILE).read_bytes() == summary


def test_a_state_without_summary_records_means_checking_again(examples, tmp_path, checks):
    out = tmp_path / "out"
    pack([examples], out)
    summary = (out / SUMMARY_FILE).read_bytes()
    state = json.loads((out / ".docgen-state.json").read_text(encoding="utf-8"))
    for entry in state["clusters"].values():
        del entry["summary"]  # as an older docgen wrote it
    (out / ".docgen-state.json").write_text(json.dumps(state), encoding="utf-8")
    (out / SUMMARY_FILE).unlink()
    checks.clear()
    result = pack([examples], out)
    assert not result.failed and not result.problems
    assert sorted(checks) == [f"{stem}.yaml" for stem in STEMS]
    assert (out / SUMMARY_FILE).read_bytes() == summary


@pytest.mark.parametrize("change", [
    {"row": {"cluster": "x"}},
    {"schools": [["A school", "government", "", -1]]},
    {"errors": "0"},
    {"date": "2025-02-30"},
    {"extra": 1},
])
def test_a_forged_summary_record_is_not_trusted(examples, tmp_path, change):
    out = tmp_path / "out"
    pack([examples], out)
    path = out / ".docgen-state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    entry = next(iter(state["clusters"].values()))
    entry["summary"] |= change
    path.write_text(json.dumps(state), encoding="utf-8")
    (out / SUMMARY_FILE).unlink()
    result = pack([examples], out)
    assert not result.failed
    assert any("build state ignored" in p.message and "summary" in p.message
               for p in result.problems)


def test_a_cluster_named_like_a_pack_file_gets_no_folder(run_cli, examples, tmp_path):
    text = (examples / "southern-shores.yaml").read_text(encoding="utf-8")
    (examples / "region-summary.csv.yaml").write_text(text, encoding="utf-8")
    result = run_cli("pack", examples, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "region-summary.csv.yaml" in result.output and "rename the file" in result.output
    assert (tmp_path / "out" / SUMMARY_FILE).is_file()
    assert (tmp_path / "out" / f"southern-shores{PACK_SUFFIX}").is_file()


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is needed")


@needs_soffice
def test_pack_pdf_after_build_pdf_starts_no_libreoffice(run_cli, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run_cli("build", CLUSTERS, "-o", out, "--pdf").exit_code == 0
    before = snapshot(out)
    calls = tmp_path / "soffice-calls"
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexit 1\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    result = run_cli("pack", CLUSTERS, "-o", out, "--pdf")
    assert result.exit_code == 0
    assert not calls.exists(), calls.read_text()
    assert snapshot(out) == before
    for stem in STEMS:
        with zipfile.ZipFile(out / f"{stem}{PACK_SUFFIX}") as archive:
            for name in DOCUMENT_NAMES:
                assert archive.read(f"{name}.pdf") == (out / stem / f"{name}.pdf").read_bytes()
