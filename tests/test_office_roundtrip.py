"""Templates saved by the real LibreOffice keep working (the contract: "Templates are Word files").

Every packaged template is opened and saved by headless LibreOffice, as a coordinator's
"Save" would; `docgen lint --strict` passes on the copies and both examples built from
them read the same as from the originals. A wording edit saved by LibreOffice in an
exported template shows in the built document. CI installs LibreOffice and sets
DOCGEN_REQUIRE_LIBREOFFICE=1, so there these tests fail rather than skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CLUSTERS, REPO
from doctext import assert_examples_read_the_same, replace_once, rewrite_docx

from docgen.documents.textdump import docx_text

if shutil.which("soffice") is None:
    if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
        raise RuntimeError("DOCGEN_REQUIRE_LIBREOFFICE is set but soffice is not installed")
    pytest.skip("LibreOffice (soffice) is needed", allow_module_level=True)

pytestmark = pytest.mark.slow


def save_in_libreoffice(sources: list[Path], folder: Path, profile: Path) -> None:
    """Open and save each .docx as LibreOffice's Word 2007-365 format into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder),
                    *map(str, sources)], check=True, capture_output=True, timeout=300)
    for source in sources:
        assert (folder / source.name).is_file(), f"LibreOffice did not save {source.name}"


def reading(data: bytes) -> list[str]:
    """What a reader sees: the document's text, runs of spaces as one (LibreOffice drops the
    space Word-style templates keep in empty signature cells)."""
    return [re.sub(" +", " ", line) for line in docx_text(data, properties=False).splitlines()]


@pytest.fixture(scope="module")
def saved_templates(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("saved-by-libreoffice")
    profile = tmp_path_factory.mktemp("lo-profile")
    save_in_libreoffice(sorted((REPO / "templates").glob("*.docx")), folder, profile)
    return folder


def test_templates_saved_by_libreoffice_lint_clean(run_cli, saved_templates):
    result = run_cli("lint", "--templates", saved_templates, "--strict")
    assert result.exit_code == 0
    assert "7 template(s) linted: 0 error(s), 0 warning(s)" in result.output


def test_templates_saved_by_libreoffice_build_the_same_text(run_cli, saved_templates,
                                                            tmp_path):
    assert_examples_read_the_same(run_cli, saved_templates, tmp_path, reading)


def test_an_exported_template_edited_and_saved_in_libreoffice(run_cli, tmp_path):
    exported = tmp_path / "templates"
    assert run_cli("templates", "export", exported).exit_code == 0
    assert sorted(p.name for p in exported.iterdir()) == sorted(
        p.name for p in (REPO / "templates").glob("*.docx"))
    edited = tmp_path / "edited" / "mou.docx"
    edited.parent.mkdir()
    rewrite_docx(exported / "mou.docx", edited, replace_once(
        "word/document.xml", b">Version history<", b">History of this agreement<"))
    save_in_libreoffice([edited], exported, tmp_path / "profile")
    result = run_cli("build", CLUSTERS / "southern-shores.yaml", "-o", tmp_path / "out",
                     "--templates", exported, "--only", "mou")
    assert result.exit_code == 0
    text = docx_text((tmp_path / "out" / "southern-shores" / "mou.docx").read_bytes())
    assert "History of this agreement" in text and "Version history" not in text


def test_export_never_overwrites_without_force(run_cli, tmp_path):
    assert run_cli("templates", "export", tmp_path).exit_code == 0
    (tmp_path / "mou.docx").write_bytes(b"my edits")
    result = run_cli("templates", "export", tmp_path)
    assert result.exit_code == 2 and "--force" in result.output
    assert (tmp_path / "mou.docx").read_bytes() == b"my edits"
    assert run_cli("templates", "export", tmp_path, "--force").exit_code == 0
    assert (tmp_path / "mou.docx").read_bytes() == (REPO / "templates" / "mou.docx").read_bytes()
