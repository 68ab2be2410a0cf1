"""docgen serve's benchmark: a check round trip, a preview, a PDF, memory over many edits.

    python bench/serve.py                 # about a minute (500 edits)
    python bench/serve.py --edits 100     # shorter

It starts `docgen serve --port 0 --no-browser` on a copy of the examples, as a user
would, reads the address from its first line and talks to it over HTTP with the bearer
token. Prints the table in bench/README.md ("docgen serve") and writes
bench/results/serve-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import DOCGEN, RESULTS, conditions, timed  # noqa: E402

CLUSTERS = HERE.parent / "clusters"
EXAMPLE = "goulburn-plains"
"""The larger example (9 schools): its check and its documents are the slower ones."""
TARGETS = {"check_round_trip_over_cli": (0.25, "<="), "preview_ms": (300.0, "<"),
           "pdf_warm_ms": (1000.0, "<"), "rss_growth_100_to_last": (0.10, "<=")}


def start(folder: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    """`docgen serve` running on `folder`: the process, its base address and its token."""
    process = subprocess.Popen([*DOCGEN, "serve", str(folder), "--port", "0", "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    first = process.stdout.readline().decode()
    found = re.fullmatch(r"docgen serve: (http://[^/]+)/\?token=(\S+)\n", first)
    if not found:
        process.kill()
        raise SystemExit(f"docgen serve did not start: {first!r}")
    return process, found.group(1), found.group(2)


def rss_mb(pid: int) -> float:
    """The resident memory of process `pid` now, in MB (Linux)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]


def median_ms(call: Callable[[], httpx.Response], times: int) -> dict[str, Any]:
    """Median and slowest wall time of `times` calls, in ms; each must answer 200."""
    runs = []
    for _ in range(times):
        started = time.perf_counter()
        answer = call()
        runs.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
    return {"median_ms": round(statistics.median(runs), 1), "max_ms": round(max(runs), 1)}


def stage_latency(client: httpx.Client, stem: str, text: bytes) -> dict[str, Any]:
    """Check round trip and previews: the first call (cold) and then warm medians."""
    url = f"/api/clusters/{stem}"
    r: dict[str, Any] = {}
    r["check_cold"] = median_ms(lambda: client.post(f"{url}/check", content=text), 1)
    r["check"] = median_ms(lambda: client.post(f"{url}/check", content=text), 30)
    for document in ("mou", "funding-application"):
        get = lambda d=document: client.get(f"{url}/documents/{d}.html")  # noqa: E731
        r[f"preview_{document}_cold"] = median_ms(get, 1)
        r[f"preview_{document}"] = median_ms(get, 20)
    if shutil.which("soffice"):
        get = lambda: client.get(f"{url}/documents/self-assessment.pdf")  # noqa: E731
        r["pdf_cold"] = median_ms(get, 1)
        r["pdf"] = median_ms(get, 3)
    return r


def stage_edits(client: httpx.Client, pid: int, stem: str, edits: int) -> dict[str, Any]:
    """`edits` saves as the page makes them (check, save, preview), RSS every 100.

    Odd edits are a PUT of the whole text, even ones a PATCH of one value.
    """
    url = f"/api/clusters/{stem}"
    source = client.get(f"{url}/source")
    text, tag = source.content, source.headers["etag"]
    first = re.search(rb"vdss_enrolments: (\d+)", text)
    assert first, "the example has enrolments"
    rss = {0: rss_mb(pid)}
    started = time.perf_counter()
    for edit in range(1, edits + 1):
        value = 100 + edit % 97
        new = text.replace(first.group(0), b"vdss_enrolments: %d" % value, 1)
        client.post(f"{url}/check", content=new).raise_for_status()
        if edit % 2:
            saved = client.put(f"{url}/source", content=new, headers={"If-Match": tag})
        else:
            operation = [{"op": "replace", "path": "/member_schools/0/vdss_enrolments",
                          "value": value}]
            saved = client.patch(f"{url}/source", content=json.dumps(operation).encode(),
                                 headers={"If-Match": tag,
                                          "Content-Type": "application/json-patch+json"})
        saved.raise_for_status()
        tag = saved.headers["etag"]
        client.get(f"{url}/documents/funding-application.html").raise_for_status()
        if edit % 100 == 0:
            rss[edit] = rss_mb(pid)
    return {"edits": edits, "seconds": round(time.perf_counter() - started, 1),
            "rss_mb": {str(k): round(v, 1) for k, v in rss.items()}}


def stage_cli_check(path: Path, repeats: int) -> dict[str, Any]:
    runs = [timed([*DOCGEN, "check", str(path)])["seconds"] for _ in range(repeats)]
    return {"median_ms": round(statistics.median(runs) * 1000, 1), "runs": runs}


def values(r: dict[str, Any]) -> dict[str, float]:
    rss = r["edits"]["rss_mb"]
    last = max(rss, key=int)
    out = {"check_round_trip_over_cli": r["latency"]["check"]["median_ms"]
           / r["cli_check"]["median_ms"],
           "preview_ms": max(r["latency"]["preview_mou"]["median_ms"],
                             r["latency"]["preview_funding-application"]["median_ms"]),
           "rss_growth_100_to_last": (rss[last] - rss["100"]) / rss["100"] if "100" in rss
           else 0.0}
    if "pdf" in r["latency"]:
        out["pdf_warm_ms"] = r["latency"]["pdf"]["median_ms"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=500)
    args = parser.parse_args()
    r: dict[str, Any] = {"conditions": conditions(1)}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-serve-") as work:
        folder = Path(work) / "clusters"
        shutil.copytree(CLUSTERS, folder)
        r["cli_check"] = stage_cli_check(folder / f"{EXAMPLE}.yaml", 5)
        process, base, token = start(folder)
        try:
            with httpx.Client(base_url=base, timeout=120,
                              headers={"Authorization": f"Bearer {token}"}) as client:
                text = (folder / f"{EXAMPLE}.yaml").read_bytes()
                r["rss_start_mb"] = round(rss_mb(process.pid), 1)
                r["latency"] = stage_latency(client, EXAMPLE, text)
                r["edits"] = stage_edits(client, process.pid, EXAMPLE, args.edits)
        finally:
            process.terminate()
            process.wait(timeout=30)
    r["conditions"]["load_average_after"] = [round(x, 2) for x in __import__("os").getloadavg()]
    found = values(r)
    print(json.dumps({k: v for k, v in r.items() if k != "conditions"}, indent=1))
    for name, value in found.items():
        limit, sign = TARGETS[name]
        met = value <= limit if sign == "<=" else value < limit
        print(f"{name:28} {value:10.3f} {sign} {limit:<8} {'met' if met else 'MISSED'}")
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"serve-{stamp}.json").write_text(json.dumps({**r, "values": found}, indent=1))


if __name__ == "__main__":
    main()
