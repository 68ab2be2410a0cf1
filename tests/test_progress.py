"""Progress in clusters (done, failed, left): shown on a terminal, quiet in pipes and CI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLUSTERS, REPO

from docgen.build.pipeline import build
from docgen.build.progress import DocumentTally, Stage, Tally


def test_a_tally_counts_done_failed_and_left():
    seen: list[Stage] = []
    tally = Tally("Building", 3, seen.append, done=1)
    tally.add()
    tally.add(failed=True)
    assert [(s.done, s.failed, s.left) for s in seen] == [(1, 0, 2), (2, 0, 1), (3, 1, 0)]


def test_a_stage_with_nothing_left_shows_nothing():
    seen: list[Stage] = []
    Tally("Building", 2, seen.append, done=2)
    assert seen == []


def test_documents_count_as_their_cluster():
    seen: list[Stage] = []
    files = [Path("a/mou.docx"), Path("a/pd.docx"), Path("b/mou.docx")]
    tally = DocumentTally("PDFs", files, seen.append)
    tally.document(files[0], failed=True)
    assert seen[-1].done == 0  # cluster a still has a document to go
    tally.document(files[2], failed=False)
    tally.document(files[1], failed=False)
    assert (seen[-1].done, seen[-1].failed, seen[-1].total) == (2, 1, 2)


def test_a_build_reports_each_cluster_and_a_failure(tmp_path):
    clusters = tmp_path / "clusters"
    shutil.copytree(CLUSTERS, clusters)
    good = (clusters / "southern-shores.yaml").read_text(encoding="utf-8")
    (clusters / "broken.yaml").write_text(good.replace("sector: government", "sector: x", 1),
                                          encoding="utf-8")
    seen: list[Stage] = []
    build([clusters], tmp_path / "out", jobs=2, progress=seen.append)
    assert {s.label for s in seen} == {"Building"}
    assert (seen[-1].done, seen[-1].failed, seen[-1].left) == (3, 1, 0)


def run_in_terminal(args: list[str], env: dict[str, str]) -> str:
    """`docgen ARGS` with a pseudo-terminal as its stderr; what it drew there."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "docgen", *args], cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=terminal, env=env)
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: docgen is done
            break
        if not chunk:
            break
        drawn += chunk
    process.wait(timeout=60)
    os.close(controller)
    return drawn.decode(errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_sees_the_bar_and_ci_does_not(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    drawn = run_in_terminal(["build", str(CLUSTERS), "-o", str(tmp_path / "a")], env)
    assert "Building" in drawn and "2/2" in drawn and "0 failed, 0 left" in drawn
    quiet = run_in_terminal(["build", str(CLUSTERS), "-o", str(tmp_path / "b")],
                            {**env, "CI": "true"})
    assert "Building" not in quiet
