"""docgen's benchmark: one run times every target of issues 7 and 15 and prints the ratios.

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
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))
from timing import CORPUS, DOCGEN, WORK, WORKER, fresh, repeat, timed  # noqa: E402

TARGETS = {  # name: (limit, True when the value must be at least the limit)
    "cold_speedup_vs_naive": (10.0, True), "render_over_zip_rewrite": (3.0, False),
    "noop_share_of_cold": (0.05, False), "check_over_safe_load": (3.0, False),
    "pdf_speedup_vs_one_per_document": (8.0, True), "cold_512_over_64": (9.0, False),
    "peak_memory_mb": (300.0, False), "pack_after_build_share_of_cold": (0.10, False),
}


# --- stages: each returns what it measured ------------------------------------------------

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
        from pdf import pdf_values

        out["pdf_speedup_vs_one_per_document"] = \
            pdf_values(r["pdf"])["pdf_speedup_vs_one_per_document"]
        out["pack_after_build_share_of_cold"] = (r["pack"]["after_build"]["seconds"]
                                                 / r["pack"]["cold"]["seconds"])
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
        from pdf import report_pack, report_pdf

        report_pdf(r["pdf"])
        report_pack(r["pack"])
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
        from pdf import stage_pack, stage_pdf

        r["pdf"] = stage_pdf(WORK / "out64", 4, args.jobs, repeats)
        r["pack"] = stage_pack(c64, 4, args.jobs, repeats)
    r["conditions"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    values = ratios(r)
    report(r, values)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"{stamp}.json").write_text(json.dumps({**r, "values": values}, indent=1))


if __name__ == "__main__":
    main()
