"""Same inputs, same bytes: fixed zip entries, dates from the cluster file or
SOURCE_DATE_EPOCH, provenance in the core properties, and `build --check`.

Builds that must not share anything run as separate processes with a faked clock
(shifted days away, another time zone) and another hash seed, so wall-clock time,
time zones and set order would all show up as differing bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from conftest import CLUSTERS

from docgen import __version__
from docgen.documents.catalogue import DOCUMENTS
from docgen.documents.templates import packaged_templates

BUILT_NOW = ",".join(spec.name for spec in DOCUMENTS
                     if (packaged_templates() / spec.template).is_file())
DAY = 86_400

FAKE_CLOCK = textwrap.dedent('''
    """Shift every clock Python offers by FAKE_CLOCK_SHIFT seconds (test helper)."""
    import datetime, os, time
    SHIFT = float(os.environ["FAKE_CLOCK_SHIFT"])
    _time, _localtime, _gmtime = time.time, time.localtime, time.gmtime
    time.time = lambda: _time() + SHIFT
    time.time_ns = lambda: int(time.time() * 1e9)
    time.localtime = lambda secs=None: _localtime(time.time() if secs is None else secs)
    time.gmtime = lambda secs=None: _gmtime(time.time() if secs is None else secs)

    class FakeDatetime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.fromtimestamp(time.time(), tz)

        @classmethod
        def utcnow(cls):
            return datetime.datetime.fromtimestamp(time.time(), datetime.UTC).replace(tzinfo=None)

        @classmethod
        def today(cls):
            return cls.now()

    class FakeDate(datetime.date):
        @classmethod
        def today(cls):
            return datetime.date.fromtimestamp(time.time())

    datetime.datetime, datetime.date = FakeDatetime, FakeDate
''')


def faked_env(tmp_path: Path, shift_days: int, tz: str, seed: str) -> dict[str, str]:
    shim = tmp_path / f"clock{shift_days}"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(FAKE_CLOCK, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONPATH=str(shim), FAKE_CLOCK_SHIFT=str(shift_days * DAY), TZ=tz,
               PYTHONHASHSEED=seed)
    return env


def build_in_process_of_its_own(out: Path, env: dict[str, str]) -> dict[str, bytes]:
    subprocess.run([sys.executable, "-m", "docgen", "build", str(CLUSTERS), "-o", str(out),
                    "--only", BUILT_NOW], env=env, check=True, capture_output=True)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.docx"))}


def test_the_fake_clock_really_moves(tmp_path):
    env = faked_env(tmp_path, 400, "Australia/Melbourne", "1")
    code = "import time, datetime; print(int(time.time()), datetime.date.today().isoformat())"
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    assert int(out[0]) - time.time() > 399 * DAY
    assert dt.date.fromisoformat(out[1]) > dt.date.today() + dt.timedelta(days=398)


def test_two_builds_on_different_days_give_identical_bytes(tmp_path):
    first = build_in_process_of_its_own(
        tmp_path / "a", faked_env(tmp_path, -1000, "Australia/Melbourne", "1"))
    second = build_in_process_of_its_own(
        tmp_path / "b", faked_env(tmp_path, 400, "America/Los_Angeles", "4242"))
    assert first, "nothing was built"
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def entries(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as archive:
        return archive.infolist()


def test_zip_entries_have_fixed_times_and_attributes_in_the_templates_order(built_examples):
    for spec in DOCUMENTS:
        template = packaged_templates() / spec.template
        if not template.is_file():
            continue
        for docx in built_examples.glob(f"*/{spec.name}.docx"):
            infos = entries(docx)
            assert [i.filename for i in infos] == [i.filename for i in entries(template)]
            assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
            assert {i.create_system for i in infos} == {0}
            # zipfile turns external_attr 0 into 0o600 << 16: fixed, not the file's mode
            assert len({i.external_attr for i in infos}) == 1


def core_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("docProps/core.xml").decode("utf-8")


def stamps(core: str) -> set[str]:
    return set(re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core))


def first_document() -> str:
    return BUILT_NOW.split(",")[0]


def test_core_dates_come_from_the_document_date_without_source_date_epoch(built_examples):
    core = core_xml((built_examples / "southern-shores" / f"{first_document()}.docx")
                    .read_bytes())
    assert stamps(core) == {"2025-03-10T00:00:00Z"}  # document.date in the cluster file


def test_core_dates_follow_source_date_epoch(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    run_cli("build", CLUSTERS / "southern-shores.yaml", "-o", tmp_path, "--only", BUILT_NOW)
    core = core_xml((tmp_path / "southern-shores" / f"{first_document()}.docx").read_bytes())
    assert stamps(core) == {"2023-11-14T22:13:20Z"}


def test_provenance_names_version_and_hashes_of_every_input(built_examples):
    from docgen.documents.provenance import reference_sha256

    source = CLUSTERS / "southern-shores.yaml"
    spec = first_document()
    core = core_xml((built_examples / "southern-shores" / f"{spec}.docx").read_bytes())
    template = (packaged_templates() / f"{spec}.docx").read_bytes()
    assert f"Generated by docgen {__version__}" in core
    assert (f"cluster southern-shores.yaml sha256:"
            f"{hashlib.sha256(source.read_bytes()).hexdigest()}") in core
    assert f"template {spec}.docx sha256:{hashlib.sha256(template).hexdigest()}" in core
    assert f"reference data sha256:{reference_sha256()}" in core
    assert str(CLUSTERS) not in core, "no machine-specific paths in a document"


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under `folder` with its modification time and bytes."""
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def cluster_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "clusters"
    folder.mkdir()
    target = folder / "southern-shores.yaml"
    target.write_bytes((CLUSTERS / "southern-shores.yaml").read_bytes())
    return target


def test_build_check_passes_on_fresh_outputs_fails_after_an_edit_and_writes_nothing(
        run_cli, tmp_path, cluster_copy):
    out = tmp_path / "out"
    assert run_cli("build", cluster_copy, "-o", out, "--only", BUILT_NOW).exit_code == 0
    before = snapshot(out)
    fresh = run_cli("build", cluster_copy, "-o", out, "--only", BUILT_NOW, "--check")
    assert fresh.exit_code == 0
    assert "would change" not in fresh.output
    text = cluster_copy.read_text(encoding="utf-8")
    cluster_copy.write_text(text.replace("Mentone Heath College", "Mentone Heath Academy"),
                            encoding="utf-8")
    stale = run_cli("build", cluster_copy, "-o", out, "--only", BUILT_NOW, "--check")
    assert stale.exit_code == 1
    assert "would change" in stale.output
    assert snapshot(out) == before


def test_build_check_with_no_outputs_yet_fails_and_creates_nothing(run_cli, tmp_path,
                                                                   cluster_copy):
    out = tmp_path / "out"
    result = run_cli("build", cluster_copy, "-o", out, "--only", BUILT_NOW, "--check")
    assert result.exit_code == 1
    assert not out.exists()
