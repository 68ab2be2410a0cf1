"""One-shot `soffice --convert-to pdf`: the way without a Python that has `uno`.

Used only where `office.py` finds no bridge (`uno_python()` is None). One soffice
call converts a whole batch (start-up is ~1.2 s, each further document ~0.2 s), with
a profile of its own (`office_process.profile`) and a hard time limit, after which
its whole process group is killed. soffice's output goes to a file, not a pipe, so a
child that leaves the group still holding it cannot make docgen wait. soffice exits 0
even when a file fails, so success is judged by the PDF existing and being non-empty.
"""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docgen.build.office_process import profile, stop
from docgen.build.tempdirs import temp_folder

MAX_BATCH = 40
"""Documents per soffice call: bounds what one hang or crash can take down."""
STARTUP_SECONDS, PER_DOCUMENT_SECONDS = 60.0, 20.0
MAX_LOG_BYTES = 64 * 1024


def batch_timeout(documents: int) -> float:
    """Seconds one soffice call may take for `documents` files before it is killed."""
    return STARTUP_SECONDS + PER_DOCUMENT_SECONDS * documents


def run_soffice(program: str, sources: list[Path], out_dir: Path, user_profile: Path,
                timeout: float) -> str | None:
    """One soffice call over `sources`; the reason it failed as a whole, or None."""
    command = [program, f"-env:UserInstallation={user_profile.as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(out_dir),
               *map(str, sources)]
    log = out_dir / "soffice-output.txt"
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(process)
        shutil.rmtree(user_profile, ignore_errors=True)  # a killed profile may be damaged
        return f"LibreOffice did not finish within {timeout:.0f} s and was stopped"
    with log.open("rb") as output:
        text = output.read(MAX_LOG_BYTES).decode(errors="replace")
    return "; ".join(line for line in text.splitlines() if line.startswith("Error")) or None


def convert_one(program: str, docx: Path, target: Path, user_profile: Path,
                timeout: float) -> str | None:
    """`docx` to `target` in one soffice call with `user_profile`; why not, or None."""
    with temp_folder("pdf") as work:
        failure = run_soffice(program, [docx], work, user_profile, STARTUP_SECONDS + timeout)
        made = work / f"{docx.stem}.pdf"
        if made.is_file() and made.stat().st_size:
            made.replace(target)
            return None
    return failure or "LibreOffice produced no PDF (the file could not be loaded)"


def convert_batches(program: str, sources: list[Path], out_dir: Path, workers: int,
                    timeout: float | None = None) -> dict[Path, str | None]:
    """Every source converted into `out_dir` by up to `workers` soffice calls at once.

    The sources' names must differ. Each maps to why its batch failed, or None; whether
    a PDF was made is for the caller to see.
    """
    size = min(MAX_BATCH, -(-len(sources) // workers))
    batches = [sources[i:i + size] for i in range(0, len(sources), size)]

    def one(batch: list[Path]) -> dict[Path, str | None]:
        with temp_folder("pdf") as work, profile(work) as user_profile:
            failure = run_soffice(program, batch, work, user_profile,
                                  timeout or batch_timeout(len(batch)))
            for source in batch:
                made = work / f"{source.stem}.pdf"
                if made.is_file():
                    made.replace(out_dir / made.name)
            return dict.fromkeys(batch, failure)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return {source: failure for done in pool.map(one, batches)
                for source, failure in done.items()}
