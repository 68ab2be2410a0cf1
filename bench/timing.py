"""Running a measured command in a fresh process: wall time, CPU time, peak memory.

Shared by run.py and pdf.py. Every command runs with CI=1 (no progress bar) and with
this repository first on PYTHONPATH.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS, WORK = HERE / "corpus", HERE / "corpus" / "work"
# What the `docgen` console script runs (the venv may have no script; `-m` adds runpy).
DOCGEN = [sys.executable, "-c", "import sys; from docgen.cli import main; sys.exit(main())"]
WORKER = [sys.executable, str(HERE / "workers.py")]


def timed(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `command`; its wall time, peak RSS (MB) and the JSON its last line printed."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        path = os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")]))
        # Children run as an installed docgen does: with bytecode caching, even where
        # this machine sets PYTHONDONTWRITEBYTECODE (it adds ~25 ms to every start).
        inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        process = subprocess.Popen(command, stdout=out, stderr=err, env={
            **inherited, "CI": "1", "PYTHONPATH": path, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines, errors = out.read().decode().strip().splitlines(), err.read().decode()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{errors}")
    data = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}
    cpu = usage.ru_utime + usage.ru_stime  # the process and its workers (not the machine)
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak_mb(usage), **data}


def peak_mb(usage: Any) -> float:
    """Peak RSS of a waited-for child (the largest of it and its own children), in MB."""
    return round(usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def repeat(times: int, command: list[str], before: Any = None) -> dict[str, Any]:
    """The median of `times` runs (calling `before()` first each time), and the runs."""
    runs = []
    for _ in range(times):
        if before:
            before()
        runs.append(timed(command))
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
            "runs": [round(r["seconds"], 3) for r in runs],
            "peak_mb": max(r["peak_mb"] for r in runs)}


def fresh(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


