"""PDFs and packs (issue 15): warm offices against one soffice per document, and a pack
that reuses a build.

    python bench/pdf.py                 # both, on 4 clusters (24 documents) of the corpus
    python bench/pdf.py --jobs 2 --clusters 4 --repeats 3

Run by run.py too. Every command runs in a fresh process (`timing.timed`): wall time,
CPU time (user + system of the process and every descendant it waited for: the
offices are stopped before docgen exits, so theirs is counted) and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import CORPUS, DOCGEN, WORK, WORKER, fresh, timed  # noqa: E402


def staged_documents(built: Path, clusters: int) -> list[str]:
    """Copies of the DOCX of the first `clusters` clusters of a build, one folder each."""
    folders = sorted(folder for folder in built.iterdir() if folder.is_dir())[:clusters]
    staged = WORK / "pdf-in"
    fresh(staged)
    for source in sorted(p for folder in folders for p in folder.glob("*.docx")):
        (staged / source.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, staged / source.parent.name / source.name)
    return [str(p) for p in sorted(staged.glob("*/*.docx"))]


def stage_pdf(built: Path, clusters: int, jobs: int, repeats: int = 1) -> dict[str, Any]:
    """The warm pool (offices started in the run) against one soffice per document."""
    files = staged_documents(built, clusters)
    within = str(WORK / "pdf-in")
    profile, out = WORK / "naive-profile", WORK / "pdf-naive"
    fresh(out)
    timed([*WORKER, "pdf-naive", str(profile), str(out), files[0]])  # warm every profile
    timed([*WORKER, "pdf-batch", str(jobs), within, *files[:jobs]])
    cold = [timed([*WORKER, "pdf-batch", str(jobs), within, *files]) for _ in range(repeats)]
    warm = [timed([*WORKER, "pdf-warm", str(jobs), within, *files]) for _ in range(repeats)]
    fresh(out)
    naive = timed([*WORKER, "pdf-naive", str(profile), str(out), *files])
    office = timed([*WORKER, "office", str(WORK / "pdf-office"), *files[:9]])
    made = [r["pdfs"] for r in cold + warm] + [naive["pdfs"]]
    assert made == [len(files)] * len(made), f"not every PDF was made: {made}"
    return {"documents": len(files), "jobs": jobs, "one_per_document": naive, "office": office,
            "cold": middle(cold, "seconds"), "cold_runs": [round(r["seconds"], 2) for r in cold],
            "warm": middle(warm, "warm_seconds"),
            "warm_runs": [round(r["warm_seconds"], 2) for r in warm]}


def middle(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """The run with the median `key`."""
    return sorted(runs, key=lambda r: r[key])[len(runs) // 2]


def stage_pack(corpus: Path, clusters: int, jobs: int, repeats: int = 1) -> dict[str, Any]:
    """A cold `pack --pdf` against `pack --pdf` right after `build --pdf` (same folder)."""
    source = WORK / "pack-src"
    fresh(source)
    source.mkdir(parents=True)
    for path in sorted(corpus.glob("*.yaml"))[:clusters]:
        shutil.copy(path, source / path.name)
    cold, build, after, again, one = [], [], [], [], []
    first = sorted(source.glob("*.yaml"))[0]
    for _ in range(repeats):
        for folder in ("pack-cold", "pack-warm", "pack-one"):
            fresh(WORK / folder)
        command = ["--pdf", "--jobs", str(jobs)]
        cold.append(timed([*DOCGEN, "pack", str(source), "-o", str(WORK / "pack-cold"),
                           *command]))
        build.append(timed([*DOCGEN, "build", str(source), "-o", str(WORK / "pack-warm"),
                            *command]))
        stamps = pdf_stamps(WORK / "pack-warm")
        after.append(timed([*DOCGEN, "pack", str(source), "-o", str(WORK / "pack-warm"),
                            *command]))
        assert pdf_stamps(WORK / "pack-warm") == stamps, "pack converted a PDF again"
        again.append(timed([*DOCGEN, "pack", str(source), "-o", str(WORK / "pack-warm"),
                            *command]))
        one.append(timed([*DOCGEN, "build", str(first), "-o", str(WORK / "pack-one"),
                          *command]))  # a coordinator's build --pdf of their one cluster
    same = all((WORK / "pack-cold" / p.name).read_bytes() == p.read_bytes()
               for p in (WORK / "pack-warm").glob("*.zip"))
    return {"clusters": clusters, "cold": median(cold), "build": median(build),
            "after_build": median(after), "again": median(again), "identical_zips": same,
            "one_cluster_build_pdf": median(one)}


def pdf_stamps(folder: Path) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for p in sorted(folder.glob("*/*.pdf"))}


def median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
            "runs": [round(r["seconds"], 3) for r in runs],
            "peak_mb": max(r["peak_mb"] for r in runs)}


def pdf_values(p: dict[str, Any]) -> dict[str, float]:
    """The PDF figures: speed-ups (wall and CPU), start-up, per document, the floor."""
    cold, warm, naive, office = p["cold"], p["warm"], p["one_per_document"], p["office"]
    floor = p["documents"] * office["inside_office_seconds"] / p["jobs"]
    return {"pdf_speedup_vs_one_per_document": naive["seconds"] / warm["warm_seconds"],
            "pdf_cpu_ratio": naive["cpu_seconds"] / warm["warm_cpu_seconds"],
            "pdf_cold_speedup": naive["seconds"] / cold["seconds"],
            "pdf_cold_cpu_ratio": naive["cpu_seconds"] / cold["cpu_seconds"],
            "office_startup_seconds": office["startup_seconds"],
            "per_document_seconds": office["per_document_seconds"],
            "inside_office_seconds": office["inside_office_seconds"],
            "batch_floor_seconds": floor, "floor_share_of_warm_batch": floor / warm["warm_seconds"]}


def report_pdf(p: dict[str, Any]) -> None:
    v = pdf_values(p)
    cold, warm, naive = p["cold"], p["warm"], p["one_per_document"]
    print(f"PDF {p['documents']} documents, {p['jobs']} offices; one soffice per document "
          f"{naive['seconds']:.1f} s (CPU {naive['cpu_seconds']:.1f} s)")
    print(f"  warm pool (offices running): {warm['warm_seconds']:.2f} s (CPU "
          f"{warm['warm_cpu_seconds']:.2f} s; runs {p['warm_runs']}): "
          f"{v['pdf_speedup_vs_one_per_document']:.1f}x wall, {v['pdf_cpu_ratio']:.1f}x CPU")
    print(f"  cold pool (a fresh docgen, offices started in the run): {cold['seconds']:.2f} s "
          f"(CPU {cold['cpu_seconds']:.2f} s; runs {p['cold_runs']}): "
          f"{v['pdf_cold_speedup']:.1f}x wall, {v['pdf_cold_cpu_ratio']:.1f}x CPU")
    print(f"  an office starts in {v['office_startup_seconds']:.2f} s; a document takes "
          f"{v['per_document_seconds'] * 1000:.0f} ms through docgen, "
          f"{v['inside_office_seconds'] * 1000:.0f} ms inside LibreOffice; the floor for "
          f"the batch ({p['documents']} x that / {p['jobs']}) is "
          f"{v['batch_floor_seconds']:.2f} s, {v['floor_share_of_warm_batch']:.0%} of the "
          "warm batch")


def report_pack(k: dict[str, Any]) -> None:
    print(f"pack --pdf of {k['clusters']} clusters: cold {k['cold']['seconds']:.2f} s "
          f"(runs {k['cold']['runs']}); build --pdf {k['build']['seconds']:.2f} s, then pack "
          f"--pdf {k['after_build']['seconds']:.3f} s (runs {k['after_build']['runs']}) = "
          f"{k['after_build']['seconds'] / k['cold']['seconds']:.1%} of cold; again "
          f"{k['again']['seconds']:.3f} s; zips identical to the cold pack's: "
          f"{k['identical_zips']}")
    if "one_cluster_build_pdf" in k:
        print(f"build --pdf of one cluster into an empty folder (6 documents and PDFs): "
              f"{k['one_cluster_build_pdf']['seconds']:.2f} s "
              f"(runs {k['one_cluster_build_pdf']['runs']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--clusters", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    from corpus import generate

    c64 = CORPUS / "c64"
    generate(c64, 64)
    fresh(WORK / "pdf-built")
    timed([*DOCGEN, "build", str(c64), "-o", str(WORK / "pdf-built")])
    load = [round(x, 2) for x in os.getloadavg()]
    result = {"load_average": load,
              "pdf": stage_pdf(WORK / "pdf-built", args.clusters, args.jobs, args.repeats),
              "pack": stage_pack(c64, args.clusters, args.jobs, args.repeats)}
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"load average before {load}, after {result['load_average_after']}")
    report_pdf(result["pdf"])
    report_pack(result["pack"])
    print(json.dumps({**pdf_values(result["pdf"]), "pack_after_build_share_of_cold":
                      result["pack"]["after_build"]["seconds"]
                      / result["pack"]["cold"]["seconds"]}))


if __name__ == "__main__":
    main()
