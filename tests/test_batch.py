"""Batch builds: parallel output equals serial, unchanged clusters are skipped, edits rebuild."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import CLUSTERS

from docgen.build import workers
from docgen.build.pipeline import build
from docgen.build.results import BuildOptions
from docgen.build.state import STATE_FILE

SOUTHERN = "southern-shores"


@pytest.fixture
def clusters(tmp_path: Path) -> Path:
    """A copy of the examples, plus two variants, so a pool has work to share out."""
    folder = tmp_path / "clusters"
    shutil.copytree(CLUSTERS, folder)
    text = (CLUSTERS / f"{SOUTHERN}.yaml").read_text(encoding="utf-8")
    for n in (2, 3):
        (folder / f"variant-{n}.yaml").write_text(
            text.replace("Southern Shores VET Cluster", f"Variant {n} VET Cluster"),
            encoding="utf-8")
    return folder


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stems of the clusters actually rendered (in this process) by each build."""
    calls: list[str] = []
    real = workers.build_one

    def counting(path: Path, options: BuildOptions):  # type: ignore[no-untyped-def]
        calls.append(path.stem)
        return real(path, options)

    monkeypatch.setattr(workers, "build_one", counting)
    return calls


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*.docx"))}


def test_parallel_output_is_identical_to_serial(clusters, tmp_path):
    serial = build([clusters], tmp_path / "serial", jobs=1)
    parallel = build([clusters], tmp_path / "parallel", jobs=2)
    assert not serial.failed and not parallel.failed
    assert len(tree_bytes(tmp_path / "serial")) == 4 * 6
    assert tree_bytes(tmp_path / "serial") == tree_bytes(tmp_path / "parallel")
    assert [p.relative_to(tmp_path / "serial") for p in serial.written] == \
        [p.relative_to(tmp_path / "parallel") for p in parallel.written]
    state = json.loads((tmp_path / "parallel" / STATE_FILE).read_text(encoding="utf-8"))
    assert sorted(state["clusters"]) == sorted(p.stem for p in clusters.glob("*.yaml"))


def test_unchanged_clusters_are_skipped(clusters, tmp_path, rendered):
    out = tmp_path / "out"
    first = build([clusters], out)
    assert len(first.written) == 24 and len(rendered) == 4
    rendered.clear()
    second = build([clusters], out)
    assert rendered == []
    assert second.written == [] and len(second.unchanged) == 24


def test_an_edit_rebuilds_only_that_cluster(clusters, tmp_path, rendered):
    out = tmp_path / "out"
    build([clusters], out)
    rendered.clear()
    edited = clusters / f"{SOUTHERN}.yaml"
    edited.write_text(edited.read_text(encoding="utf-8").replace(
        "Mentone Heath College", "Mentone Heath Secondary College"), encoding="utf-8")
    result = build([clusters], out)
    assert rendered == [SOUTHERN]
    assert result.written and {p.parent.name for p in result.written} == {SOUTHERN}
    assert len(result.unchanged) + len(result.written) == 24


def test_a_changed_output_is_rebuilt(clusters, tmp_path, rendered):
    out = tmp_path / "out"
    build([clusters], out)
    rendered.clear()
    (out / SOUTHERN / "mou.docx").write_bytes(b"edited by hand")
    result = build([clusters], out)
    assert rendered == [SOUTHERN]
    assert result.written == [out / SOUTHERN / "mou.docx"]


def test_a_changed_template_rebuilds_every_cluster(clusters, tmp_path, rendered):
    from docgen.documents.templates import packaged_templates

    out, templates = tmp_path / "out", tmp_path / "templates"
    build([clusters], out)
    rendered.clear()
    templates.mkdir()
    shutil.copy(packaged_templates() / "mou.docx", templates / "mou.docx")
    with (templates / "mou.docx").open("ab") as handle:
        handle.write(b"\0")  # same template, different bytes: its hash changes
    build([clusters], out, templates_dir=templates)
    assert sorted(rendered) == sorted(p.stem for p in clusters.glob("*.yaml"))


def test_warnings_are_reported_again_when_skipped(clusters, tmp_path, rendered):
    path = clusters / f"{SOUTHERN}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    chair: Priya Raman\n", "    chair: Tom Okafor\n"), encoding="utf-8")
    first = build([path], tmp_path / "out")
    rendered.clear()
    second = build([path], tmp_path / "out")
    assert rendered == []
    assert first.problems and second.problems == first.problems


def test_check_only_neither_skips_nor_records(clusters, tmp_path, rendered):
    out = tmp_path / "out"
    build([clusters], out, check_only=True)
    assert not (out / STATE_FILE).exists()
    build([clusters], out)
    rendered.clear()
    result = build([clusters], out, check_only=True)
    assert len(rendered) == 4 and result.would_change == []


def test_progress_counts_every_cluster(clusters, tmp_path):
    seen: list[tuple[int, int]] = []
    build([clusters], tmp_path / "out", jobs=2, progress=lambda s: seen.append((s.done, s.total)))
    assert seen[-1] == (4, 4) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    seen.clear()
    build([clusters], tmp_path / "out", progress=lambda s: seen.append((s.done, s.total)))
    assert seen == []  # nothing to build: every cluster was current


def test_build_command_takes_jobs(run_cli, clusters, tmp_path):
    result = run_cli("build", clusters, "-o", tmp_path / "out", "--jobs", "2")
    assert result.exit_code == 0
    assert "24 document(s): 24 written" in result.output
    again = run_cli("build", clusters, "-o", tmp_path / "out", "-j", "2")
    assert "24 document(s): 0 written, 24 unchanged" in again.output


def test_templates_compile_once_per_process(clusters, tmp_path, monkeypatch):
    from docgen.documents import render, templates
    from docgen.documents.catalogue import DOCUMENTS

    compiled: list[str] = []
    real = render.compile_template

    def counting(path: Path):  # type: ignore[no-untyped-def]
        compiled.append(path.name)
        return real(path)

    monkeypatch.setattr(render, "compile_template", counting)
    templates._compiled.cache_clear()
    build([clusters], tmp_path / "out")  # 4 clusters, one process
    templates._compiled.cache_clear()
    assert sorted(compiled) == sorted(spec.template for spec in DOCUMENTS)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cluster_that_hits_a_bug_is_named_and_the_rest_still_build(clusters, tmp_path,
                                                                       monkeypatch, jobs):
    from docgen.documents import generate

    real = generate.render_cluster

    def buggy(cluster, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "Variant 2" in cluster.name:
            raise ArithmeticError("a bug")
        return real(cluster, *args, **kwargs)

    monkeypatch.setattr(generate, "render_cluster", buggy)
    out = tmp_path / "out"
    result = build([clusters], out, jobs=jobs)
    assert result.crashed == result.failed and result.crashed[0].endswith("variant-2.yaml")
    [bug] = [p for p in result.problems if "internal error" in p.message]
    assert bug.file.endswith("variant-2.yaml") and "ArithmeticError: a bug" in bug.message
    assert len(result.written) == 3 * 6 and not (out / "variant-2").exists()
    state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    assert sorted(state["clusters"]) == sorted(p.stem for p in clusters.glob("*.yaml")
                                               if p.stem != "variant-2")


def test_a_bug_in_one_cluster_exits_3_after_building_the_others(run_cli, clusters, tmp_path,
                                                                monkeypatch):
    from docgen.documents import generate

    def buggy(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ArithmeticError("a bug")

    monkeypatch.setattr(generate, "render_cluster", buggy)
    result = run_cli("build", clusters / "variant-3.yaml", "-o", tmp_path / "out", "-j1")
    assert result.exit_code == 3
    assert "variant-3.yaml:1:1: error: internal error (a bug, please report it): " \
        "ArithmeticError: a bug" in result.output
    assert "skipped" in result.output and "docgen hit a bug building it" in result.output


def test_two_files_with_one_stem_are_refused_the_same_way_every_time(clusters, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(clusters / "variant-2.yaml", other / f"{SOUTHERN}.yaml")
    (clusters / "variant-3.yaml").rename(clusters / "variant-3.yml")
    shutil.copy(clusters / "variant-3.yml", clusters / "variant-3.yaml")
    results = [build([clusters, other], tmp_path / "out", jobs=jobs) for jobs in (1, 2, 2)]
    for result in results:
        assert result.failed == results[0].failed and result.problems == results[0].problems
        assert {Path(name).name for name in result.failed} == {
            f"{SOUTHERN}.yaml", "variant-3.yaml", "variant-3.yml"}
        assert len(result.failed) == 4
    assert not (tmp_path / "out" / SOUTHERN).exists()
