"""What every page's header and footer carries: a protective marking, a logo.

`document.protective_marking` (e.g. OFFICIAL) is centred in the header and footer of
every document. `document.logo` names a PNG or JPEG in the cluster repository; docgen
adds the picture to each header itself (image part, relationship, content type), the
same bytes every time, and refuses at its line anything that is not such a picture.
"""

from __future__ import annotations

import os
import shutil
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import CLUSTERS, DATA, REFERENCE

from docgen.build.pipeline import build
from docgen.cluster.check import check_file
from docgen.documents.catalogue import select
from docgen.documents.textdump import docx_text

PICTURE = DATA / "logo" / "cluster-logo.png"
PROLOGUE = "  prepared_by: Priya Raman, Cluster Coordinator\n"


def part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as archive:
        return archive.read(name).decode("utf-8")


def repository(tmp_path: Path, logo: str, picture: bytes | None = PICTURE.read_bytes()
               ) -> Path:
    """A cluster repository (with .git) holding the metropolitan example naming `logo`."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "clusters").mkdir()
    source = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    assert PROLOGUE in source
    path = repo / "clusters" / "southern-shores.yaml"
    path.write_text(source.replace(PROLOGUE, f"{PROLOGUE}  logo: {logo}\n"), encoding="utf-8")
    if picture is not None:
        (repo / "assets").mkdir()
        (repo / "assets" / "logo.png").write_bytes(picture)
    return path


def test_marking_in_every_header_and_footer(document_text):
    for spec in select(None):
        text = document_text("goulburn-plains", spec.name)
        header = text.split("=== word/header1.xml ===\n")[1].split("\n===")[0]
        footer = text.split("=== word/footer1.xml ===\n")[1].split("\n===")[0]
        assert header.splitlines()[0] == "OFFICIAL", spec.name
        assert "\tOFFICIAL\tPage" in footer, spec.name
        assert "OFFICIAL" not in document_text("southern-shores", spec.name)


def test_logo_in_every_header_with_its_parts(tmp_path):
    path = repository(tmp_path, "../assets/logo.png")
    out = tmp_path / "out"
    result = build([path], out)
    assert not result.failed, result.problems
    for spec in select(None):
        docx = out / "southern-shores" / f"{spec.name}.docx"
        with zipfile.ZipFile(docx) as archive:
            assert archive.read("word/media/docgen-logo.png") == PICTURE.read_bytes()
        header = part(docx, "word/header1.xml")
        assert 'r:embed="rIdDocgenLogo"' in header and "<wp:inline" in header
        assert "\ue000" not in header  # the mark is gone
        rels = part(docx, "word/_rels/header1.xml.rels")
        assert 'Id="rIdDocgenLogo"' in rels and 'Target="media/docgen-logo.png"' in rels
        assert 'Extension="png" ContentType="image/png"' in part(docx, "[Content_Types].xml")
    first = (out / "southern-shores" / "mou.docx").read_bytes()
    again = build([path], tmp_path / "again", select(["mou"]))
    assert not again.failed
    assert (tmp_path / "again" / "southern-shores" / "mou.docx").read_bytes() == first


def test_without_a_logo_no_picture_part(built_examples):
    with zipfile.ZipFile(built_examples / "southern-shores" / "mou.docx") as archive:
        assert not any(name.startswith("word/media/") for name in archive.namelist())
    assert "\ue000" not in docx_text((built_examples / "southern-shores" / "mou.docx")
                                     .read_bytes())


@pytest.mark.parametrize(("logo", "message"), [
    ("/etc/logo.png", "is an absolute path"),
    ("https://example.org/logo.png", "is a web address"),
    ("logos\\\\logo.png", "uses '\\'"),
    ("logo.gif", "is not a .png, .jpg or .jpeg file"),
])
def test_check_refuses_a_logo_that_cannot_name_a_picture_at_its_line(tmp_path, logo, message):
    path = repository(tmp_path, f'"{logo}"')
    checked = check_file(path, REFERENCE)
    assert checked.cluster is None
    [problem] = [p for p in checked.problems if p.is_error]
    assert problem.path == "document.logo" and message in problem.message
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line.startswith("  logo: ")


def refused(path: Path, tmp_path: Path) -> str:
    """The one problem a build of `path` reports, placed at the logo's line."""
    result = build([path], tmp_path / "out")
    assert result.failed and not (tmp_path / "out" / path.stem / "mou.docx").exists()
    [problem] = [p for p in result.problems if p.is_error]
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line.startswith("  logo: ") and problem.column == len("  logo: ") + 1
    return problem.message


def test_build_refuses_a_missing_logo(tmp_path):
    path = repository(tmp_path, "../assets/nope.png")
    assert "does not exist" in refused(path, tmp_path)


def test_build_refuses_a_logo_outside_the_repository(tmp_path):
    outside = tmp_path / "elsewhere.png"
    outside.write_bytes(PICTURE.read_bytes())
    path = repository(tmp_path, "../../elsewhere.png")
    assert "outside the cluster repository" in refused(path, tmp_path)
    linked = repository(tmp_path / "linked", "../assets/link.png")
    (linked.parent.parent / "assets" / "link.png").symlink_to(outside)
    assert "outside the cluster repository" in refused(linked, tmp_path / "linked")


def test_build_refuses_what_is_not_a_small_picture(tmp_path):
    fake = repository(tmp_path / "fake", "../assets/logo.png", b"<svg>not a png</svg>")
    assert "is not a PNG image" in refused(fake, tmp_path / "fake")
    big = repository(tmp_path / "big", "../assets/logo.png",
                     PICTURE.read_bytes() + b"\0" * 1_000_000)
    assert "larger than 1,000,000 bytes" in refused(big, tmp_path / "big")
    jpeg = repository(tmp_path / "jpeg", "../assets/logo.jpg", None)
    (jpeg.parent.parent / "assets").mkdir()
    shutil.copy(PICTURE, jpeg.parent.parent / "assets" / "logo.jpg")
    assert "is not a JPEG image" in refused(jpeg, tmp_path / "jpeg")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_build_refuses_a_fifo_without_blocking(tmp_path):
    path = repository(tmp_path, "../assets/pipe.png")
    os.mkfifo(path.parent.parent / "assets" / "pipe.png")
    assert "named pipe" in refused(path, tmp_path)


def test_a_jpeg_is_measured_from_its_frame_header():
    from docgen.cluster.logo import picture_size

    frame = b"\xff\xc0\x00\x11\x08" + (90).to_bytes(2, "big") + (240).to_bytes(2, "big")
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + frame
    assert picture_size(jpeg + b"\x03" + b"\x00" * 9 + b"\xff\xd9") == ("jpeg", 240, 90)
    assert picture_size(PICTURE.read_bytes()) == ("png", 180, 180)
    assert picture_size(b"\xff\xd8\xff") is None


def test_check_finds_a_missing_logo_before_any_build(run_cli, tmp_path):
    path = repository(tmp_path, "../assets/nope.png")
    result = run_cli("check", path)
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(path.read_text("utf-8").splitlines(), 1)
                if text.startswith("  logo: "))
    assert (f"southern-shores.yaml:{line}:9: error: '../assets/nope.png' does not exist "
            "(it is read relative to the cluster file) (document.logo)") in result.output


def test_a_changed_logo_builds_the_cluster_again(tmp_path):
    path = repository(tmp_path, "../assets/logo.png")
    out = tmp_path / "out"
    assert not build([path], out).failed
    assert build([path], out).written == []  # nothing changed: nothing rebuilt
    picture = PICTURE.read_bytes()
    text = b"tEXtComment\0another logo"
    chunk = (len(text) - 4).to_bytes(4, "big") + text + zlib.crc32(text).to_bytes(4, "big")
    changed = picture[:33] + chunk + picture[33:]  # after the signature and IHDR
    (path.parent.parent / "assets" / "logo.png").write_bytes(changed)
    again = build([path], out)
    assert not again.failed
    assert {p.name for p in again.written} >= {f"{spec.name}.docx" for spec in select(None)}
    with zipfile.ZipFile(out / path.stem / "mou.docx") as archive:
        assert archive.read("word/media/docgen-logo.png") == changed
    (path.parent.parent / "assets" / "logo.png").unlink()
    gone = build([path], out)
    assert gone.failed and any("does not exist" in p.message for p in gone.problems)
