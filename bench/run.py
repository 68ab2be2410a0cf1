"""docgen's benchmark: one run times every target of issue 7 and prints the ratios.

    python bench/run.py            # everything (about 10 minutes on 2 cores)
    python bench/run.py --quick    # fewer repeats, naive loop on 16 clusters (scaled)

Corpora of 64 and 512 synthetic clusters are generated into bench/corpus/ (git-ignored;
see corpus.py). Every measured command runs in a fresh process, so each time includes
Python's start-up where a user would pay it, and its peak memory (max RSS, from
wait4, which covers its worker processes too) is recorded. Results are also written
to bench/results/<time>.json. See bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
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
CORPUS, WORK, RESULTS = HERE / "corpus", HERE / "corpus" / "work", HERE / "results"
sys.path.insert(0, str(HERE))
# What the `docgen` console script runs (the venv may have no script; `-m` adds runpy).
DOCGEN = [sys.executable, "-c", "import sys; from docgen.cli import main; sys.exit(main())"]
WORKER = [sys.executable, str(HERE / "workers.py")]
TARGETS = {  # name: (limit, True when the value must be at least the limit)
    "cold_speedup_vs_naive": (10.0, True), "render_over_zip_rewrite": (3.0, False),
    "noop_share_of_cold": (0.05, False), "check_over_safe_load": (3.0, False),
    "pdf_speedup_vs_one_per_document": (6.0, True), "cold_512_over_64": (9.0, False),
    "peak_memory_mb": (300.0, False),
}


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


# --- stages: each returns what it measured ------------------------------------------------

def fresh(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def stage_build(corpus: Path, out: Path, jobs: int, repeats: int) -> dict[str, Any]:
    """Cold builds (fresh output each time), then no-op rebuilds of the last one."""
    command = [*DOCGEN, "build", str(corpus), "-o", str(out), "--jobs", str(jobs)]
    cold = repeat(repeats, command, before=lambda: fresh(out))
    noop = repeat(max(repeats, 3), command)
    inside = timed([*WORKER, "noop", str(corpus), str(out)])
    return {"cold": cold, "noop": noop, "noop_in_process": inside}


def stage_check(corpus: Path, repeats: int) -> dict[str, Any]:
    check = repeat(repeats, [*DOCGEN, "check", str(corpus)])
    load = repeat(repeats, [*WORKER, "load", str(corpus)])
    return {"check": check, "safe_load": load}


def stage_naive(corpus: Path, limit: int) -> dict[str, Any]:
    out = WORK / "naive"
    fresh(out)
    result = timed([*WORKER, "naive", str(corpus), str(out), str(limit)])
    return {**result, "per_document_ms": result["loop_seconds"] / result["documents"] * 1000}


def stage_render(corpus: Path) -> dict[str, Any]:
    return timed([*WORKER, "render", str(corpus), "8"])


def stage_pdf(built: Path, clusters: int, jobs: int) -> dict[str, Any]:
    """PDFs of `clusters` clusters: docgen's batches against one soffice per document."""
    folders = sorted(folder for folder in built.iterdir() if folder.is_dir())[:clusters]
    sources = sorted(p for folder in folders for p in folder.glob("*.docx"))
    staged = WORK / "pdf-in"
    fresh(staged)
    for source in sources:  # copies, so neither side sees the other's PDFs
        (staged / source.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, staged / source.parent.name / source.name)
    files = [str(p) for p in sorted(staged.glob("*/*.docx"))]
    profile, out = WORK / "naive-profile", WORK / "pdf-naive"
    fresh(out)
    timed([*WORKER, "pdf-naive", str(profile), str(out), files[0]])  # warm every profile
    timed([*WORKER, "pdf-batch", str(jobs), *files[:jobs]])
    fresh(out)
    batch = timed([*WORKER, "pdf-batch", str(jobs), *files])
    naive = timed([*WORKER, "pdf-naive", str(profile), str(out), *files])
    return {"documents": len(files), "batch": batch, "one_per_document": naive}


def ratios(r: dict[str, Any]) -> dict[str, float]:
    """Each target's measured value."""
    out: dict[str, float] = {}
    cold = r["build64"]["cold"]["seconds"]
    if "naive" in r:
        out["cold_speedup_vs_naive"] = r["naive"]["seconds_scaled"] / cold
    out["render_over_zip_rewrite"] = r["render"]["render_ms"] / r["render"]["rewrite_ms"]
    out["noop_share_of_cold"] = r["build64"]["noop"]["seconds"] / cold
    out["check_over_safe_load"] = (r["check"]["check"]["seconds"]
                                   / r["check"]["safe_load"]["seconds"])
    if "pdf" in r:
        out["pdf_speedup_vs_one_per_document"] = (r["pdf"]["one_per_document"]["seconds"]
                                                  / r["pdf"]["batch"]["seconds"])
    if "build512" in r:
        out["cold_512_over_64"] = r["build512"]["cold"]["seconds"] / cold
    out["peak_memory_mb"] = max(stage["peak_mb"] for key in ("build64", "build512", "check")
                                if key in r for stage in r[key].values())
    return out


def report(r: dict[str, Any], values: dict[str, float]) -> None:
    b64 = r["build64"]
    print(f"\nconditions: {r['conditions']}")
    print(f"cold build 64x6: {b64['cold']['seconds']:.2f} s (runs {b64['cold']['runs']}, "
          f"CPU {b64['cold']['cpu_seconds']:.2f} s); "
          f"no-op: {b64['noop']['seconds']:.3f} s (runs {b64['noop']['runs']}); no-op "
          f"inside the process (no start-up): {b64['noop_in_process']['build_seconds']:.3f} s")
    if "naive" in r:
        n = r["naive"]
        print(f"naive docxtpl loop: {n['per_document_ms']:.0f} ms/document, "
              f"{n['seconds_scaled']:.1f} s for 384 documents ({n['documents']} timed)")
    print(f"render {r['render']['render_ms']:.2f} ms vs zip rewrite "
          f"{r['render']['rewrite_ms']:.2f} ms (medians per document)")
    print(f"check 64: {r['check']['check']['seconds']:.3f} s vs safe_load "
          f"{r['check']['safe_load']['seconds']:.3f} s (both include Python start-up)")
    if "build512" in r:
        b512 = r["build512"]["cold"]
        print(f"cold build 512x6: {b512['seconds']:.2f} s; CPU time 512/64: "
              f"{b512['cpu_seconds'] / b64['cold']['cpu_seconds']:.2f}")
    if "pdf" in r:
        p = r["pdf"]
        print(f"PDF {p['documents']} documents: batches {p['batch']['seconds']:.1f} s, "
              f"one soffice per document {p['one_per_document']['seconds']:.1f} s")
    print(f"\n{'target':34} {'value':>9} {'limit':>8}  result")
    for name, value in values.items():
        limit, at_least = TARGETS[name]
        met = value >= limit if at_least else value <= limit
        print(f"{name:34} {value:9.3f} {('>= ' if at_least else '<= ') + str(limit):>8}  "
              f"{'met' if met else 'MISSED'}")


def conditions(jobs: int) -> dict[str, Any]:
    import platform

    soffice = shutil.which("soffice")
    version = subprocess.run([soffice, "--version"], capture_output=True, text=True).stdout \
        if soffice else "none"
    return {"cores": os.cpu_count(), "jobs": jobs, "python": platform.python_version(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "libreoffice": version.strip(), "time": time.strftime("%Y-%m-%d %H:%M:%S")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats; naive on 16")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip", default="", help="comma list: naive,pdf,512")
    args = parser.parse_args()
    skip, repeats = set(args.skip.split(",")), (1 if args.quick else 3)
    from corpus import generate

    c64, c512 = CORPUS / "c64", CORPUS / "c512"
    generate(c64, 64)
    r: dict[str, Any] = {"conditions": conditions(args.jobs)}
    r["build64"] = stage_build(c64, WORK / "out64", args.jobs, repeats)
    r["check"] = stage_check(c64, repeats + 2)
    r["render"] = stage_render(c64)
    if "naive" not in skip:
        limit = 16 if args.quick else 64
        r["naive"] = stage_naive(c64, limit)
        r["naive"]["seconds_scaled"] = r["naive"]["loop_seconds"] * 64 / limit
    if "512" not in skip:
        generate(c512, 512)
        r["build512"] = stage_build(c512, WORK / "out512", args.jobs, 1)
    if "pdf" not in skip and shutil.which("soffice"):
        r["pdf"] = stage_pdf(WORK / "out64", 4, args.jobs)
    r["conditions"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    values = ratios(r)
    report(r, values)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"{stamp}.json").write_text(json.dumps({**r, "values": values}, indent=1))


if __name__ == "__main__":
    main()
