"""Nothing half-written: killed builds, failing clusters and concurrent builds.

Every output is written to a temporary file in its folder and renamed into place,
so whatever happens to a build each document is the previous one or the new one,
whole. These tests kill real builds with SIGKILL and run two at once.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
STARTER = REPO / "docgen" / "starter.yaml"
# The children import this checkout's docgen, installed or not.
CHILD_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
STRICT = etree.XMLParser(recover=False, resolve_entities=False)

# Run docgen in a child process; the second rename of a document pauses the build
# (after its temporary file is complete) and says so, so the test can kill it there.
PAUSING_BUILD = textwrap.dedent("""
    import os, pathlib, sys, time
    marker = pathlib.Path(sys.argv[1])
    rename = pathlib.Path.replace
    renames = []
    def pausing_replace(self, target):
        if self.name.startswith(".docgen-") and str(target).endswith(".docx"):
            renames.append(target)
            if len(renames) == 2:
                marker.write_text(str(os.getpid()))
                time.sleep(120)
        return rename(self, target)
    pathlib.Path.replace = pausing_replace
    from docgen.cli import main
    sys.argv = ["docgen", *sys.argv[2:]]
    main()
""")


def cluster_text(name: str, version: str = "0.1") -> str:
    text = STARTER.read_text(encoding="utf-8").replace("__TITLE__", name)
    return text.replace('  version: "0.1"  ', f'  version: "{version}"  ', 1)


def docgen(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "docgen", *map(str, args)], cwd=cwd,
                          env=CHILD_ENV, capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.docx"))}


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.rglob(".docgen-*.tmp"))


def assert_whole_document(path: Path) -> None:
    """A complete DOCX: a readable zip whose XML parts all parse strictly."""
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name), STRICT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A cluster repository with one cluster, built once (version 0.1)."""
    (tmp_path / "clusters").mkdir()
    (tmp_path / "clusters" / "alpha.yaml").write_text(cluster_text("Alpha VET Cluster"),
                                                      encoding="utf-8")
    result = docgen("build", "clusters", "-o", "out", "-j", "1", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


@pytest.mark.slow
def test_build_killed_mid_write_leaves_every_document_whole(project: Path):
    old = snapshot(project / "out" / "alpha")
    (project / "clusters" / "alpha.yaml").write_text(
        cluster_text("Alpha VET Cluster", version="0.2"), encoding="utf-8")
    marker = project / "paused"
    child = subprocess.Popen([sys.executable, "-c", PAUSING_BUILD, str(marker), "build",
                              "clusters", "-o", "out", "-j", "1"], cwd=project, env=CHILD_ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert marker.exists(), "the build never reached its second rename"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    folder = project / "out" / "alpha"
    killed = snapshot(folder)
    assert killed.keys() == old.keys()
    assert sum(killed[name] != old[name] for name in old) == 1, "exactly one was replaced"
    assert len(temporaries(folder)) == 1, "the paused temporary file is left behind"
    for path in folder.glob("*.docx"):
        assert_whole_document(path)

    result = docgen("build", "clusters", "-o", "out", "-j", "1", cwd=project)
    assert result.returncode == 0, result.stderr
    assert temporaries(project) == [], "a new build removes a killed build's temporaries"
    new = snapshot(folder)
    assert all(new[name] != old[name] for name in old)
    for path in folder.glob("*.docx"):
        assert_whole_document(path)


@pytest.mark.slow
def test_builds_killed_at_random_moments_never_damage_a_document(project: Path):
    """SIGKILL to a parallel build (and its workers) at random moments, three times."""
    clusters = project / "clusters"
    for name in ("beta", "gamma"):
        (clusters / f"{name}.yaml").write_text(cluster_text(f"{name.title()} VET Cluster"),
                                               encoding="utf-8")
    started = time.monotonic()
    assert docgen("build", "clusters", "-o", "out", "-j", "1", cwd=project).returncode == 0
    duration = time.monotonic() - started  # kill within a build's span, however fast the machine
    stems = sorted(path.stem for path in clusters.iterdir())
    previous = {stem: snapshot(project / "out" / stem) for stem in stems}
    rng = random.Random(4)
    killed_codes = []
    for version in ("0.2", "0.3", "0.4"):
        for stem in stems:
            (clusters / f"{stem}.yaml").write_text(
                cluster_text(f"{stem.title()} VET Cluster", version), encoding="utf-8")
        child = subprocess.Popen([sys.executable, "-m", "docgen", "build", "clusters", "-o",
                                  "out", "-j", "2"], cwd=project, env=CHILD_ENV,
                                 start_new_session=True, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 0.8) * duration)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)  # the build and its worker processes
        killed_codes.append(child.wait(timeout=30))
        killed = {stem: snapshot(project / "out" / stem) for stem in stems}
        for path in (project / "out").rglob("*.docx"):
            assert_whole_document(path)
        rebuilt = docgen("build", "clusters", "-o", "out", "-j", "1", cwd=project)
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert temporaries(project) == [], rebuilt.stdout
        current = {stem: snapshot(project / "out" / stem) for stem in stems}
        for stem in stems:
            for name, data in killed[stem].items():
                assert data in (previous[stem][name], current[stem][name]), (version, name)
        previous = current
    assert -signal.SIGKILL in killed_codes, "no build was still running when killed"


def test_failing_cluster_keeps_its_documents_and_the_others_build(project: Path):
    clusters = project / "clusters"
    (clusters / "beta.yaml").write_text(cluster_text("Beta VET Cluster"), encoding="utf-8")
    assert docgen("build", "clusters", "-o", "out", "-j", "1", cwd=project).returncode == 0
    alpha_before = snapshot(project / "out" / "alpha")
    times = {p.name: p.stat().st_mtime_ns for p in (project / "out" / "alpha").glob("*.docx")}
    broken = cluster_text("Alpha VET Cluster", "0.2").replace("  area: Example Area ",
                                                              "  aera: Example Area ")
    (clusters / "alpha.yaml").write_text(broken, encoding="utf-8")
    (clusters / "beta.yaml").write_text(cluster_text("Beta VET Cluster", "0.2"),
                                        encoding="utf-8")
    beta_before = snapshot(project / "out" / "beta")
    result = docgen("build", "clusters", "-o", "out", "-j", "1", cwd=project)
    assert result.returncode == 1
    assert re.search(r"alpha\.yaml:\d+:3: error: unknown key 'aera'", result.stderr)
    assert snapshot(project / "out" / "alpha") == alpha_before
    assert times == {p.name: p.stat().st_mtime_ns
                     for p in (project / "out" / "alpha").glob("*.docx")}
    beta_after = snapshot(project / "out" / "beta")
    assert all(beta_after[name] != beta_before[name] for name in beta_before)


def test_render_failure_in_one_cluster_keeps_its_documents(project: Path):
    """A template that fails for one cluster only (here on purpose) writes nothing for it."""
    from docx import Document

    clusters = project / "clusters"
    (clusters / "beta.yaml").write_text(cluster_text("Beta VET Cluster"), encoding="utf-8")
    templates = project / "templates"
    templates.mkdir()
    document = Document()
    document.add_paragraph("{{ cluster.name }}{% if cluster.name == 'Alpha VET Cluster' %}"
                           "{{ 1 // 0 }}{% endif %}")
    document.save(str(templates / "mou.docx"))
    before = snapshot(project / "out" / "alpha")
    result = docgen("build", "clusters", "-o", "out", "-j", "1", "--templates", templates,
                    "--only", "mou", cwd=project)
    assert result.returncode == 1
    assert "alpha.yaml:1:1: error: mou.docx" in result.stderr and "ZeroDivisionError" in \
        result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "out" / "alpha") == before
    assert (project / "out" / "beta" / "mou.docx").exists()


def test_two_builds_of_one_folder_at_once_agree(tmp_path: Path):
    (tmp_path / "clusters").mkdir()
    for name in ("alpha", "beta", "gamma"):
        (tmp_path / "clusters" / f"{name}.yaml").write_text(
            cluster_text(f"{name.title()} VET Cluster"), encoding="utf-8")
    command = [sys.executable, "-m", "docgen", "build", "clusters", "-o", "out"]
    builds = [subprocess.Popen(command, cwd=tmp_path, env=CHILD_ENV, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [build.communicate(timeout=300) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], outcomes
    assert temporaries(tmp_path) == []
    together = {name: snapshot(tmp_path / "out" / name) for name in ("alpha", "beta", "gamma")}
    serial = docgen("build", "clusters", "-o", "serial", "-j", "1", cwd=tmp_path)
    assert serial.returncode == 0, serial.stderr
    for name, documents in together.items():
        assert documents == snapshot(tmp_path / "serial" / name)
        for path in (tmp_path / "out" / name).glob("*.docx"):
            assert_whole_document(path)


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path):
    """Saving a user's cluster file (docgen serve, import) must not change its mode."""
    import stat

    from docgen.build.write import write_atomic

    own = tmp_path / "cluster.yaml"
    own.write_text("old", encoding="utf-8")
    own.chmod(0o600)
    write_atomic(own, b"new")
    assert own.read_bytes() == b"new" and stat.S_IMODE(own.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.docx"
    write_atomic(fresh, b"x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
