"""Resource ceilings for hostile input: time and peak memory of every hostile-corpus case.

    python bench/hostile.py            # every case of tests/data/hostile/
    python bench/hostile.py template   # only the cases whose name contains 'template'

Each case (see tests/test_hostile_corpus.py for the format) runs as the tests run it, in
a scratch copy, in a fresh process; its wall time and peak RSS (from wait4, which covers
worker processes too) are printed against the ceilings of issue 13: every case within
60 s, `docgen text` on a zip bomb within 10 s and 300 MB, each with the exit code the
case expects; then `docgen check` on a billion-laughs file (1 s) and on 5,000 unknown
keys (5 s), start-up included. Exits 1 if a ceiling is passed.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from test_hostile_corpus import CASES, expected, set_up  # noqa: E402  (the tests' own)

CEILINGS = {"": (60.0, 1024.0), "text-zip-bomb": (10.0, 300.0)}
"""Case-name fragment: (seconds, MB); the most specific fragment that matches applies."""


def ceiling(name: str) -> tuple[float, float]:
    return max(((frag, limits) for frag, limits in CEILINGS.items() if frag in name),
               key=lambda item: len(item[0]))[1]


def run_case(case: Path) -> tuple[int, float, float]:
    """The case's exit code, wall seconds and peak RSS in MB."""
    with tempfile.TemporaryDirectory() as scratch:
        set_up(case, Path(scratch))
        command = shlex.split((case / "command").read_text(encoding="utf-8"))
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:  # the child: docgen as the tests run it
            os.chdir(scratch)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.environ["PYTHONPATH"] = str(REPO)
            os.execv(sys.executable, [sys.executable, "-m", "docgen", *command])
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - started
    return os.waitstatus_to_exitcode(status), seconds, usage.ru_maxrss / 1024


CHECK_CEILINGS = {"billion-laughs": 1.0, "5,000 unknown keys": 5.0}
"""Seconds for `docgen check` (start-up included) on inputs that were once slow."""


def check_inputs(folder: Path) -> dict[str, Path]:
    """The check inputs timed here: the corpus's billion laughs, 5,000 stray keys."""
    starter = (REPO / "docgen" / "starter.yaml").read_text(encoding="utf-8")
    keys = folder / "keys.yaml"
    keys.write_text(starter + "".join(f"extra_{i}: x\n" for i in range(5000)), encoding="utf-8")
    return {"billion-laughs": REPO / "tests" / "data" / "invalid" / "billion-laughs.yaml",
            "5,000 unknown keys": keys}


def time_checks() -> int:
    """Time `docgen check` on each check input; the number over its ceiling."""
    over = 0
    with tempfile.TemporaryDirectory() as folder:
        for name, path in check_inputs(Path(folder)).items():
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "docgen", "check", str(path)], cwd=REPO,
                           capture_output=True, check=False)
            seconds = time.perf_counter() - started
            over += seconds > CHECK_CEILINGS[name]
            print(f"check {name:42} {seconds:>13.2f}  {CHECK_CEILINGS[name]:g} s")
    return over


def main(argv: list[str]) -> int:
    wanted = argv[0] if argv else ""
    failed = 0
    print(f"{'case':48} {'exit':>4} {'seconds':>8} {'peak MB':>8}  ceiling")
    for case in CASES:
        if wanted not in case.name:
            continue
        code, seconds, peak = run_case(case)
        limit_s, limit_mb = ceiling(case.name)
        over = seconds > limit_s or peak > limit_mb or code != expected(case)[0]
        failed += over
        print(f"{case.name:48} {code:>4} {seconds:>8.2f} {peak:>8.1f}  "
              f"{limit_s:g} s, {limit_mb:g} MB{'  OVER' if over else ''}")
    failed += time_checks() if not wanted else 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
