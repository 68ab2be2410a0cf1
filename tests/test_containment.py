"""Stays in its folder: stems, links, special files, state files, temp folders, workers.

The hostile folders in tests/data/hostile/ run the command line; these tests pin the
pieces underneath (`build/confine.py`, `write.py`, `state.py`, `tempdirs.py`, the pool).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import CLUSTERS, REPO
from test_pdf import alive

from docgen.build import confine, tempdirs
from docgen.build import state as buildstate
from docgen.build.pipeline import build
from docgen.build.write import write_atomic
from docgen.errors import ContainmentError

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX links, FIFOs and signals")
SOUTHERN = CLUSTERS / "southern-shores.yaml"


@pytest.mark.parametrize("stem", ["", " ", ".", "..", ".hidden", "a/b", "a\\b", "a\x00b",
                                  "a\nb", "a\u202eb", "a\u2028b", "con", "NUL.txt", "com1",
                                  "a:b", "a?", "trailing.", "trailing ", " leading", "x" * 201])
def test_stems_that_cannot_name_a_folder_are_refused(stem):
    assert confine.stem_problem(stem)


@pytest.mark.parametrize("stem", ["southern-shores", "goulburn_plains", "Ngā Tūmanako 🎓",
                                  "v1.2", "console", "x" * 200])
def test_ordinary_stems_are_accepted(stem):
    assert confine.stem_problem(stem) is None


def test_a_path_outside_or_up_from_the_output_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    for target in (tmp_path / "elsewhere.docx", out / ".." / "x.docx", out / "a" / ".." / "b"):
        with pytest.raises(ContainmentError):
            write_atomic(target, b"data", within=out)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@posix_only
@pytest.mark.parametrize("make", ["fifo", "link", "device"])
def test_the_one_named_file_is_never_replaced_when_special(tmp_path, make):
    target, victim = tmp_path / "named", tmp_path / "victim.txt"
    victim.write_text("keep")
    if make == "fifo":
        os.mkfifo(target)
    elif make == "link":
        target.symlink_to(victim)
    elif os.geteuid() == 0:
        os.mknod(target, 0o600 | 0o020000, os.makedev(1, 3))  # a /dev/null of our own
    else:
        pytest.skip("making a device needs root")
    before = target.lstat()
    with pytest.raises(ContainmentError) as caught:
        write_atomic(target, b"data")
    assert caught.value.exit_code == 2
    assert target.lstat().st_mode == before.st_mode and victim.read_text() == "keep"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".docgen-")] == []


@posix_only
def test_a_stale_temporary_behind_a_linked_cluster_folder_is_not_deleted(tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    stale = victim / ".docgen-999999999-mou.docx.x.tmp"
    stale.write_text("not docgen's to delete")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "southern-shores").symlink_to(victim)
    result = build([SOUTHERN], tmp_path / "out")
    assert result.failed and "is a symbolic link" in result.problems[-1].message
    assert stale.exists() and sorted(p.name for p in victim.iterdir()) == [stale.name]


def test_a_valid_state_file_is_used_and_a_forged_one_ignored(tmp_path):
    out = tmp_path / "out"
    build([SOUTHERN], out)
    state, warning = buildstate.read_state(out)
    assert warning is None and list(state) == ["southern-shores"]
    forged = json.loads((out / buildstate.STATE_FILE).read_text())
    entry = forged["clusters"]["southern-shores"]
    entry["outputs"] = {"../../../etc/passwd": entry["outputs"]["mou.docx"]}
    (out / buildstate.STATE_FILE).write_text(json.dumps(forged))
    state, warning = buildstate.read_state(out)
    assert state == {} and warning and "outputs are not docgen's documents" in warning.message
    result = build([SOUTHERN], out)
    assert not result.failed and "build state ignored" in result.problems[0].message
    assert buildstate.read_state(out)[1] is None  # written again, valid


@posix_only
def test_pdfs_are_made_only_from_documents_inside_the_output_folder(tmp_path, monkeypatch):
    from docgen.build import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: "/bin/false")
    outside = tmp_path / "secret.docx"
    outside.write_bytes(b"PK not ours")
    (tmp_path / "out").mkdir()
    [result] = pdf.convert([tmp_path / "out" / ".." / "secret.docx"], tmp_path / "out")
    assert result.error == pdf.NOT_OURS
    assert not outside.with_suffix(".pdf").exists()


def test_stale_temp_folders_of_dead_runs_are_removed_live_ones_kept(tmp_path):
    dead = tmp_path / "docgen-pack-999999999-abc"
    live = tmp_path / f"docgen-pack-{os.getpid()}-def"
    other = tmp_path / "docgen-pack-notapid-x"
    for folder in (dead, live, other):
        (folder / "sub").mkdir(parents=True)
    link = tmp_path / "docgen-pack-999999998-link"
    if os.name == "posix":
        link.symlink_to(live)
    assert tempdirs.remove_stale_folders("pack", tmp_path) == [dead]
    assert live.is_dir() and other.is_dir() and not dead.exists()


def test_a_temp_folder_is_named_for_its_process_and_removed(tmp_path):
    with tempdirs.temp_folder("pack") as folder:
        assert folder.name.startswith(f"docgen-pack-{os.getpid()}-") and folder.is_dir()
    assert not folder.exists()


@pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc")
def test_pool_workers_exit_when_the_parent_is_killed(tmp_path):
    script = textwrap.dedent("""
        import os, sys, time
        from docgen.build.workers import worker_pool
        pool = worker_pool(2)
        pids = {pool.submit(os.getpid).result() for _ in range(8)}
        for pid in pool._processes:
            pool.submit(time.sleep, 120)
        print(" ".join(map(str, pool._processes)), flush=True)
        time.sleep(120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert parent.stdout is not None
    with parent.stdout:
        workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30  # they poll every 0.5 s; a loaded machine is slower
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX links and named pipes")
def test_a_folder_is_read_file_by_file_never_through_a_link(tmp_path):
    out = tmp_path / "out"
    (out / "c").mkdir(parents=True)
    (out / "c" / "mou.docx").write_bytes(b"ours")
    secret = tmp_path / "secret.docx"
    secret.write_bytes(b"not ours")
    (out / "c" / "tor.docx").symlink_to(secret)
    os.mkfifo(out / "c" / "pd.docx")
    names = ["mou.docx", "tor.docx", "pd.docx", "plan.docx", "../secret.docx"]
    assert confine.read_folder(out / "c", names, out) == {
        "mou.docx": b"ours", "tor.docx": None, "pd.docx": None, "plan.docx": None,
        "../secret.docx": None}
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "mou.docx").write_bytes(b"not ours")
    (out / "linked").symlink_to(tmp_path / "elsewhere")
    assert confine.read_folder(out / "linked", ["mou.docx"], out) == {"mou.docx": None}
