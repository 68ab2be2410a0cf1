"""Revisions from the command line reach git as revisions, never as options.

`docgen diff REV:path` and `build --since REV` pass a user's words to git; a
"revision" such as `--output=FILE` must be refused, not obeyed (git show would
write FILE). A blob too large for a cluster file is refused before it is read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CLUSTERS, REFERENCE

from docgen.cluster.load import MAX_FILE_BYTES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": os.devnull}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository, the current folder, with one committed cluster file."""
    monkeypatch.chdir(tmp_path)
    Path("clusters").mkdir()
    Path("clusters/a.yaml").write_bytes((CLUSTERS / "southern-shores.yaml").read_bytes())
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "a"]):
        subprocess.run(["git", *args], check=True, env=env)
    return tmp_path


@pytest.mark.parametrize("rev", ["--output=written.txt", "-p", "--textconv"])
def test_an_option_given_as_a_revision_is_refused(run_cli, repo, rev):
    result = run_cli("diff", "--", f"{rev}:clusters/a.yaml", "clusters/a.yaml")
    assert result.exit_code == 2
    assert f"'{rev}' is not a git revision" in result.output
    assert not (repo / "written.txt").exists()


def test_an_option_given_to_since_is_refused(run_cli, repo):
    result = run_cli("build", "clusters", "--since=--output=written.txt", "-o", "out",
                     "--only", "mou")
    assert result.exit_code == 2
    assert not (repo / "written.txt").exists()


def test_git_is_told_where_its_options_end(monkeypatch, repo):
    """Defence in depth: every git call that takes a revision ends its options first."""
    from docgen.cluster import gitrev

    calls: list[list[str]] = []
    real = gitrev.run_git
    monkeypatch.setattr(gitrev, "run_git", lambda args, folder: calls.append(args)
                        or real(args, folder))
    gitrev.check_version("HEAD:clusters/a.yaml", REFERENCE)
    gitrev.changed_since("HEAD", [Path("clusters")])
    with_revisions = [args for args in calls if any("HEAD" in arg for arg in args)]
    assert with_revisions and all("--end-of-options" in args for args in with_revisions)


def test_a_huge_blob_is_refused_by_its_size(run_cli, repo):
    Path("clusters/a.yaml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "commit", "-q", "-am", "huge"], check=True, env=env)
    result = run_cli("diff", "HEAD:clusters/a.yaml", "HEAD~1:clusters/a.yaml")
    assert result.exit_code == 1
    assert f"HEAD:clusters/a.yaml:1:1: error: file is {MAX_FILE_BYTES + 1:,} bytes" \
        in result.output
