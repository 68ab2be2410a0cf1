"""Hostile folders: names, links, special files and state files that try to leave the output folder.

Each case is a folder in tests/data/hostile/ holding:

- `command`: the docgen arguments (one line, split like a shell would), run in a
  scratch copy of the case folder with a 60 s limit;
- `expected`: `#` lines describing the case, then `exit N`, then lines each of which
  must appear in what docgen printed (stdout and stderr);
- `setup` (optional): what cannot live in git, one step a line, names relative to the
  scratch folder and Python escapes (`\\x01`) allowed in them:
  `copy SOURCE NAME` (SOURCE from the repository), `link NAME TARGET`, `fifo NAME`,
  `write NAME TEXT`;
- any other files, copied as they are.

Whatever the case, nothing outside `output/` in the scratch folder may be created,
changed or removed: links and state files must not carry a write elsewhere. Adding a
case needs no code.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, REPO

CORPUS = DATA / "hostile"
CASES = sorted(path for path in CORPUS.iterdir() if path.is_dir())
SPECIAL = {"command", "expected", "setup"}


def unescape(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("unicode_escape")


def set_up(case: Path, scratch: Path) -> None:
    """The case's files and `setup` steps, made in `scratch`."""
    for source in case.rglob("*"):
        if source.is_file() and source.name not in SPECIAL:
            target = scratch / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    steps = case / "setup"
    for line in steps.read_text(encoding="utf-8").splitlines() if steps.exists() else []:
        if not line.strip() or line.startswith("#"):
            continue
        step, name, *rest = line.split(" ", 2)
        if step == "copy":
            name, rest = rest[0], [name]
        target = scratch / unescape(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if step == "copy":
            shutil.copyfile(REPO / rest[0], target)
        elif step == "link":
            target.symlink_to(rest[0])
        elif step == "fifo":
            os.mkfifo(target)
        elif step == "write":
            target.write_text(unescape(rest[0]) if rest else "", encoding="utf-8")
        else:
            raise AssertionError(f"{case.name}/setup: unknown step {step!r}")


def snapshot(scratch: Path) -> dict[str, str]:
    """Every path outside `output/`, with what it is (a link's target, a file's hash)."""
    seen = {}
    for path in sorted(scratch.rglob("*")):
        name = str(path.relative_to(scratch))
        if name == "output" or name.startswith("output" + os.sep):
            continue
        if path.is_symlink():
            seen[name] = f"link {path.readlink()}"
        elif path.is_file():
            seen[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            seen[name] = "folder" if path.is_dir() else "special"
    return seen


def expected(case: Path) -> tuple[int, list[str]]:
    """The exit code and the lines the output must contain."""
    lines = [line for line in (case / "expected").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines and lines[0].startswith("exit "), f"{case.name}/expected: first 'exit N'"
    return int(lines[0].removeprefix("exit ")), lines[1:]


def test_corpus_has_cases():
    assert len(CASES) >= 15
    for case in CASES:
        text = (case / "expected").read_text(encoding="utf-8")
        assert text.startswith("#"), f"{case.name}: describe the case in '# ...' lines"


@pytest.mark.skipif(os.name != "posix", reason="links and FIFOs as POSIX makes them")
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_case(case: Path, tmp_path: Path):
    scratch = tmp_path / "case"
    scratch.mkdir()
    set_up(case, scratch)
    before = snapshot(scratch)
    command = shlex.split((case / "command").read_text(encoding="utf-8"))
    run = subprocess.run([sys.executable, "-m", "docgen", *command], cwd=scratch,
                         capture_output=True, text=True, timeout=60, check=False,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    output = run.stdout + run.stderr
    print(f"$ docgen {shlex.join(command)}\n{output}")
    code, lines = expected(case)
    assert run.returncode == code
    for line in lines:
        assert line in output
    assert "Traceback" not in output
    assert snapshot(scratch) == before, "something outside output/ was written or removed"
