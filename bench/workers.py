"""The benchmark's measured work, each run in a fresh process by run.py.

`python bench/workers.py NAME ARGS...` runs one worker and prints its result as one
JSON line; run.py times the process and reads its peak memory.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def contexts(corpus: Path, limit: int) -> list[tuple[str, Any, Any, bytes]]:
    """(stem, spec, context, core.xml) for each document of the first `limit` clusters."""
    from docgen.cluster.check import check_file
    from docgen.documents.catalogue import DOCUMENTS
    from docgen.documents.context import build_context
    from docgen.documents.properties import core_xml
    from docgen.refdata import reference_data

    reference = reference_data()
    out = []
    for path in sorted(corpus.glob("*.yaml"))[:limit]:
        cluster = check_file(path, reference).cluster
        out += [(path.stem, spec, build_context(cluster, spec, reference),
                 core_xml(cluster, spec))
                for spec in DOCUMENTS]
    return out


def naive_worker(corpus: str, out_dir: str, limit: str) -> dict[str, Any]:
    """The naive loop: DocxTemplate(path).render(context, autoescape=True).save() per document."""
    from docxtpl import DocxTemplate

    from docgen.documents.templates import template_path

    jobs = contexts(Path(corpus), int(limit))
    started = time.perf_counter()
    for stem, spec, context, _ in jobs:
        target = Path(out_dir) / stem / f"{spec.name}.docx"
        target.parent.mkdir(parents=True, exist_ok=True)
        template = DocxTemplate(template_path(spec.template))
        template.render(context, autoescape=True)
        template.save(target)
    return {"loop_seconds": time.perf_counter() - started, "documents": len(jobs)}


def rewrite_zip(data: bytes) -> bytes:
    """The same zip read and written again (every entry inflated and deflated)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
    return out.getvalue()


def render_worker(corpus: str, limit: str) -> dict[str, Any]:
    """Median time to render one document (templates compiled) and to rewrite its zip."""
    from docgen.documents.render import render_docx
    from docgen.documents.templates import compiled_template

    renders, rewrites = [], []
    for _, spec, context, core in contexts(Path(corpus), int(limit)):
        template = compiled_template(spec.template)
        render_docx(template, context, core)  # warm
        for _ in range(5):
            started = time.perf_counter()
            data = render_docx(template, context, core)
            renders.append(time.perf_counter() - started)
            started = time.perf_counter()
            rewrite_zip(data)
            rewrites.append(time.perf_counter() - started)
    return {"render_ms": statistics.median(renders) * 1000,
            "rewrite_ms": statistics.median(rewrites) * 1000}


def load_worker(corpus: str) -> dict[str, Any]:
    """Plain yaml.safe_load of every file (what `check` is compared with)."""
    import yaml

    for path in sorted(Path(corpus).glob("*.yaml")):
        yaml.safe_load(path.read_text(encoding="utf-8"))
    return {}


def pdf_naive_worker(profile: str, out_dir: str, *files: str) -> dict[str, Any]:
    """One soffice process per document, one after another (a warm, reused profile)."""
    from docgen.build.office_process import find_soffice

    program = find_soffice()
    for path in files:
        target = Path(out_dir) / Path(path).parent.name  # every cluster has a mou.docx
        subprocess.run([program, f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(target), path],
                       capture_output=True, check=True, timeout=300)
    made = [p for p in Path(out_dir).glob("*/*.pdf") if p.stat().st_size]
    return {"pdfs": len(made)}


def pdf_batch_worker(jobs: str, within: str, *files: str) -> dict[str, Any]:
    """docgen's PDFs: pdf.convert over `jobs` warm offices, started in this process."""
    from docgen.build.office_pool import close_pool, office_pool
    from docgen.build.pdf import convert

    done = convert([Path(f) for f in files], Path(within), workers=int(jobs))
    starts = office_pool().starts
    close_pool()  # as docgen's exit does; their CPU time is then counted
    return {"pdfs": sum(r.error is None for r in done), "office_starts": starts}


def group_cpu(group: int) -> float:
    """CPU seconds used so far by the live processes of a process group."""
    import os

    from docgen.build.office_process import group_members

    total = 0
    for pid in group_members(group):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def pdf_warm_worker(jobs: str, within: str, *files: str) -> dict[str, Any]:
    """docgen's PDFs through offices already running (as `docgen serve` keeps them)."""
    import resource
    import threading

    from docgen.build.office_pool import close_pool, office_pool
    from docgen.build.pdf import convert

    pool = office_pool(int(jobs))
    starting = [threading.Thread(target=office.start) for office in pool.offices]
    for thread in starting:
        thread.start()
    for thread in starting:
        thread.join()
    groups = [office.group for office in pool.offices if office.group]

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        return own.ru_utime + own.ru_stime + sum(group_cpu(g) for g in groups)

    cpu_before, started = cpu(), time.perf_counter()
    done = convert([Path(f) for f in files], Path(within), workers=int(jobs))
    seconds, cpu_used = time.perf_counter() - started, cpu() - cpu_before
    starts = pool.starts
    close_pool()
    return {"pdfs": sum(r.error is None for r in done), "office_starts": starts,
            "warm_seconds": seconds, "warm_cpu_seconds": cpu_used}


def office_worker(out_dir: str, *files: str) -> dict[str, Any]:
    """One office: its start-up, then each document timed by docgen and inside LibreOffice."""
    from docgen.build.office import Office

    office = Office()
    started = time.perf_counter()
    office.convert(Path(files[0]), Path(out_dir), timeout=60)
    first = time.perf_counter() - started
    docgen_times, office_times = [], []
    for path in files[1:]:
        started = time.perf_counter()
        office.convert(Path(path), Path(out_dir), timeout=60)
        docgen_times.append(time.perf_counter() - started)
        office_times.append(office.seconds)
    office.close()
    per_document = statistics.median(docgen_times)
    return {"first_document_seconds": first, "startup_seconds": first - per_document,
            "per_document_seconds": per_document,
            "inside_office_seconds": statistics.median(office_times)}


WORKERS = {"naive": naive_worker, "render": render_worker, "load": load_worker,
           "pdf-naive": pdf_naive_worker, "pdf-batch": pdf_batch_worker,
           "office": office_worker, "pdf-warm": pdf_warm_worker}


def noop_worker(corpus: str, out_dir: str) -> dict[str, Any]:
    """A rebuild with nothing to do, timed inside the process (no interpreter start-up)."""
    from docgen.build.pipeline import build

    started = time.perf_counter()
    result = build([Path(corpus)], Path(out_dir), jobs=2)
    return {"build_seconds": time.perf_counter() - started, "written": len(result.written)}


WORKERS["noop"] = noop_worker

if __name__ == "__main__":
    print(json.dumps(WORKERS[sys.argv[1]](*sys.argv[2:])))
