"""Cluster folders holding things that are not ordinary files: refused at once, by name.

A FIFO named `x.yaml` would block a plain `open` for ever, a symlink to /dev/zero
never ends, and `st_size` says 0 for both; each must be one error of its own file
(exit 1) while the other files in the folder are still checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLUSTERS, REPO

from docgen.cluster.load import MAX_FILE_BYTES

VALID = CLUSTERS / "southern-shores.yaml"


def check(*paths: Path) -> subprocess.CompletedProcess[str]:
    """`docgen check PATHS` in a child process, so a hang fails the test instead of the run."""
    return subprocess.run([sys.executable, "-m", "docgen", "check", *map(str, paths)],
                          capture_output=True, text=True, timeout=60, cwd=REPO, check=False)


def folder_with(tmp_path: Path, name: str) -> Path:
    """A cluster folder holding a valid cluster file and, beside it, `name` (to be made)."""
    folder = tmp_path / "clusters"
    folder.mkdir()
    (folder / "valid.yaml").write_bytes(VALID.read_bytes())
    return folder / name


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_is_refused_without_blocking(tmp_path):
    fifo = folder_with(tmp_path, "x.yaml")
    os.mkfifo(fifo)
    result = check(fifo.parent)
    assert result.returncode == 1, result.stderr
    assert "x.yaml:1:1: error: this is a named pipe (FIFO), not a cluster file" in result.stdout
    assert "valid.yaml" not in result.stdout  # checked, and clean
    assert "2 files checked: 1 error(s)" in result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_symlink_to_dev_zero_is_refused_as_a_device(tmp_path):
    link = folder_with(tmp_path, "zero.yaml")
    link.symlink_to("/dev/zero")
    result = check(link.parent)
    assert result.returncode == 1, result.stderr
    assert "zero.yaml:1:1: error: this is a device, not a cluster file" in result.stdout


def test_a_folder_named_like_a_cluster_file_is_refused(tmp_path):
    folder = folder_with(tmp_path, "x.yaml")
    folder.mkdir()
    result = check(folder.parent)
    assert result.returncode == 1, result.stderr
    assert "x.yaml:1:1: error: this is a folder, not a cluster file" in result.stdout


def test_a_file_over_the_cap_is_refused_whatever_its_size_says(tmp_path, monkeypatch):
    """The cap counts bytes as read: a file larger than `fstat` reported still stops there."""
    from docgen import files
    from docgen.cluster import load

    path = tmp_path / "grown.yaml"
    path.write_bytes(b"# padding\n" * (MAX_FILE_BYTES // 5))
    real_fstat = os.fstat
    monkeypatch.setattr(files.os, "fstat", lambda fd: os.stat_result(
        (*real_fstat(fd)[:6], 0, *real_fstat(fd)[7:])))  # st_size 0, as for /dev/zero
    with pytest.raises(load.InputError) as caught:
        load.read_bytes(path, "grown.yaml")
    assert caught.value.problems[0].message.startswith(
        f"file is more than {MAX_FILE_BYTES:,} bytes")
