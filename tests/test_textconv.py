"""Readable diffs: with docs/diffs.md's setup, `git diff` shows a rebuilt MoU as text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CLUSTERS, REPO

from docgen.documents.textdump import docx_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git_env(home: Path) -> dict[str, str]:
    """git isolated from the machine's configuration, with this venv's `docgen` on PATH."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    return env


def test_text_command_prints_the_document(run_cli, built_examples):
    path = built_examples / "southern-shores" / "mou.docx"
    result = run_cli("text", path)
    assert result.exit_code == 0
    assert result.output == docx_text(path.read_bytes())
    assert "Mentone Heath College" in result.output


def test_text_command_refuses_a_file_that_is_not_a_docx(run_cli, tmp_path):
    (tmp_path / "x.docx").write_text("not a zip", encoding="utf-8")
    assert run_cli("text", tmp_path / "x.docx").exit_code == 1
    assert run_cli("text", tmp_path / "missing.docx").exit_code == 2


def test_docs_show_the_setup_this_test_uses():
    doc = (REPO / "docs" / "diffs.md").read_text(encoding="utf-8")
    assert "*.docx diff=docx" in doc
    assert 'git config diff.docx.textconv "docgen text"' in doc


def test_git_diff_shows_a_renamed_school_as_text(tmp_path):
    repo, env = tmp_path / "repo", git_env(tmp_path)

    def run(*args: str) -> str:
        return subprocess.run(args, cwd=repo, env=env, check=True, capture_output=True,
                              text=True).stdout

    (repo / "clusters").mkdir(parents=True)
    cluster = repo / "clusters" / "southern-shores.yaml"
    cluster.write_bytes((CLUSTERS / "southern-shores.yaml").read_bytes())
    (repo / ".gitattributes").write_text("*.docx diff=docx\n", encoding="utf-8")
    run("git", "init", "-q")
    run("git", "config", "user.email", "ci@example.org")
    run("git", "config", "user.name", "CI")
    run("git", "config", "diff.docx.textconv", "docgen text")
    run("docgen", "build", "clusters", "--only", "mou")
    run("git", "add", ".")
    run("git", "commit", "-q", "-m", "MoU as built")
    text = cluster.read_text(encoding="utf-8")
    cluster.write_text(text.replace("Mentone Heath College", "Mentone Heath Academy"),
                       encoding="utf-8")
    run("docgen", "build", "clusters", "--only", "mou")
    diff = run("git", "diff", "--", "output/southern-shores/mou.docx")
    assert "Binary files" not in diff
    removed = [line for line in diff.splitlines() if line.startswith("-")]
    added = [line for line in diff.splitlines() if line.startswith("+")]
    assert any("Mentone Heath College" in line for line in removed), diff
    assert any("Mentone Heath Academy" in line for line in added), diff
