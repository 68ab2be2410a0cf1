"""The pre-commit hook in a throwaway git repository.

The hook as published (`.pre-commit-hooks.yaml`, `language: python`) makes pre-commit
build a virtual environment and pip-install docgen from its repository, which needs
the package index. Here the same hook definition (id, entry, files, pass_filenames) is
run as a `repo: local` hook with `language: system`, so it uses the docgen under test
and runs offline; everything else (pre-commit's file matching, the git hook, the
refused commit) is the real thing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CLUSTERS, REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
BIN = Path(sys.executable).parent


def hooks() -> list[dict]:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_published_hook_runs_docgen_check_on_cluster_files():
    hook = next(h for h in hooks() if h["id"] == "docgen-check")
    assert hook["entry"] == "docgen check" and hook["language"] == "python"
    assert hook["files"] == r"^clusters/.*\.ya?ml$"


@pytest.fixture
def repo(tmp_path: Path):
    if not (BIN / "pre-commit").exists():
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    root = tmp_path / "repo"
    (root / "clusters").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(tmp_path), GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(tmp_path / "pc"),
               PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}")

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True)
        print(f"$ {' '.join(args)}\n{done.stdout}{done.stderr}")
        assert not ok or done.returncode == 0
        return done

    local = [{**hook, "language": "system"} for hook in hooks()]
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    run("git", "init", "-q")
    run("git", "config", "user.email", "ci@example.org")
    run("git", "config", "user.name", "CI")
    run("pre-commit", "install")
    return root, run


def test_hook_lets_a_valid_cluster_in_and_keeps_a_broken_one_out(repo):
    root, run = repo
    cluster = root / "clusters" / "southern-shores.yaml"
    good = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    cluster.write_text(good, encoding="utf-8")
    run("git", "add", ".")
    run("git", "commit", "-q", "-m", "Add the cluster")

    cluster.write_text(good.replace("sector: government", "sector: goverment", 1), encoding="utf-8")
    run("git", "add", ".")
    refused = run("git", "commit", "-q", "-m", "Break it", ok=False)
    assert refused.returncode != 0
    shown = refused.stdout + refused.stderr  # git hooks print to stderr
    assert re.search(r"^clusters/southern-shores.yaml:\d+:\d+: error: ", shown, re.MULTILINE)
    assert "did you mean 'government'" in shown
    assert "Break it" not in run("git", "log", "--format=%s").stdout


def test_hook_ignores_yaml_outside_clusters(repo):
    root, run = repo
    (root / "notes.yaml").write_text("not: a cluster\n", encoding="utf-8")
    run("git", "add", ".")
    done = run("git", "commit", "-q", "-m", "Notes")
    assert "docgen check (cluster files)" in done.stderr
    assert "(no files to check)" in done.stderr


@pytest.mark.skipif(os.environ.get("DOCGEN_NETWORK_TESTS") != "1",
                    reason="installs docgen from the package index; set DOCGEN_NETWORK_TESTS=1")
def test_published_hook_installs_and_runs(tmp_path: Path):
    """The hook exactly as published: pre-commit pip-installs docgen from this repository
    (committed state) into its own environment (about 30 s with the index reachable)."""
    root = tmp_path / "repo"
    (root / "clusters").mkdir(parents=True)
    (root / "clusters" / "a.yaml").write_bytes((CLUSTERS / "southern-shores.yaml").read_bytes())
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc"),
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    for args in (["git", "init", "-q"], ["git", "add", "."],
                 ["pre-commit", "try-repo", str(REPO), "docgen-check", "--files",
                  "clusters/a.yaml"]):
        done = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
