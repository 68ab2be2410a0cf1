"""`OUTPUT/.docgen-state.json`: what the last build recorded, a cache and nothing more.

For each cluster stem: a hash of its inputs, the SHA-256 of each document written, the
warnings it had, and what the region summary shows of it (`summary_record.py`, so a
pack after a build checks nothing again). It is read as untrusted: every stem, file
name, hash, problem and record is checked (`valid_state`), and paths are never taken
from it but made again from the output folder, the stem and the document names docgen
knows. A state file that is malformed, a link or not a regular file is ignored with a
warning; every cluster is built again and the file rewritten.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.build.confine import kind_of, read_folder, read_inside, stem_problem
from docgen.build.summary_record import valid_record
from docgen.documents.catalogue import DOCUMENTS
from docgen.errors import ContainmentError, Problem, Severity

if TYPE_CHECKING:
    from docgen.build.results import BuildResult

STATE_FILE = ".docgen-state.json"
STATE_FORMAT = 1
MAX_STATE_BYTES = 16 * 1024 * 1024
OUTPUT_NAMES = frozenset(f"{spec.name}.docx" for spec in DOCUMENTS)
SHA256 = re.compile(r"[0-9a-f]{64}")
ENTRY_KEYS = {"inputs", "outputs", "problems"}
"""A cluster's record; `summary` too since the build keeps the region summary's figures."""
PROBLEM_FIELDS = {"file": str, "line": int, "column": int, "severity": str, "message": str,
                  "path": str}


def read_state(out_dir: Path) -> tuple[dict[str, Any], Problem | None]:
    """The recorded clusters of `out_dir`, and a warning when the file had to be ignored."""
    path = out_dir / STATE_FILE
    kind = kind_of(path)
    if not path.exists() and kind is None:
        return {}, None
    data = None if kind or path.lstat().st_size > MAX_STATE_BYTES else read_inside(path, out_dir)
    try:
        state = json.loads(data or b"")
    except ValueError:
        return {}, ignored(path, kind or "not readable JSON")
    if isinstance(state, dict) and state.get("format") not in (None, STATE_FORMAT):
        return {}, None  # another docgen's format: rebuilt quietly
    reason = valid_state(state)
    return (state["clusters"], None) if reason is None else ({}, ignored(path, reason))


def ignored(path: Path, reason: str) -> Problem:
    """The warning for a state file that cannot be used."""
    return Problem(str(path), 1, 1, Severity.WARNING,
                   f"build state ignored ({reason}); every cluster is built again")


def valid_state(state: Any) -> str | None:
    """Why `state` is not a state file docgen could have written, or None."""
    if not isinstance(state, dict) or set(state) != {"format", "clusters"} \
            or not isinstance(state["clusters"], dict):
        return "not a docgen state file"
    for stem, entry in state["clusters"].items():
        reason = stem_problem(stem) or valid_entry(entry)
        if reason:
            return f"cluster {ascii(stem)}: {reason}"
    return None


def valid_entry(entry: Any) -> str | None:
    """Why one cluster's record is malformed, or None."""
    if not isinstance(entry, dict) or set(entry) - {"summary"} != ENTRY_KEYS:
        return "not a cluster record"
    if not isinstance(entry["inputs"], str) or not SHA256.fullmatch(entry["inputs"]):
        return "inputs is not a SHA-256"
    outputs = entry["outputs"]
    if not isinstance(outputs, dict) or not outputs or not all(
            name in OUTPUT_NAMES and isinstance(digest, str) and SHA256.fullmatch(digest)
            for name, digest in outputs.items()):
        return "outputs are not docgen's documents with their SHA-256"
    problems = entry["problems"]
    if not isinstance(problems, list) or not all(map(valid_warning, problems)):
        return "problems are not recorded warnings"
    if "summary" in entry and not valid_record(entry["summary"]):
        return "summary is not a region summary record"
    return None


def valid_warning(problem: Any) -> bool:
    """A recorded problem: every field of the right type, and only ever a warning."""
    return isinstance(problem, dict) and set(problem) == set(PROBLEM_FIELDS) \
        and all(type(problem[key]) is kind for key, kind in PROBLEM_FIELDS.items()) \
        and problem["severity"] == Severity.WARNING.value


def write_state(out_dir: Path, clusters: dict[str, Any]) -> Problem | None:
    """Record `clusters` atomically; a warning instead when something else is in the way."""
    from docgen.build.write import write_atomic

    text = json.dumps({"format": STATE_FORMAT, "clusters": clusters}, indent=1, sort_keys=True)
    try:
        write_atomic(out_dir / STATE_FILE, (text + "\n").encode("utf-8"), within=out_dir)
    except ContainmentError as exc:
        return Problem(str(out_dir / STATE_FILE), 1, 1, Severity.WARNING,
                       f"build state not recorded: {exc}")
    return None


def sha256_of(path: Path, out_dir: Path) -> str | None:
    """The SHA-256 of a regular file docgen wrote below `out_dir` (None for anything else)."""
    data = read_inside(path, out_dir)
    return None if data is None else hashlib.sha256(data).hexdigest()


def current(entry: dict[str, Any] | None, key: str, out_dir: Path, stem: str) -> bool:
    """Whether a cluster's recorded build still stands: same inputs, outputs intact."""
    if entry is None or entry["inputs"] != key:
        return False
    found = read_folder(out_dir / stem, list(entry["outputs"]), out_dir)
    return all(data is not None and hashlib.sha256(data).hexdigest() == entry["outputs"][name]
               for name, data in found.items())


def state_entry(key: str, out_dir: Path, stem: str, result: BuildResult) -> dict[str, Any]:
    """What to remember of a cluster just built: inputs, outputs, warnings, summary record."""
    names = sorted({p.name for p in result.written + result.unchanged})
    digests = {name: sha256_of(out_dir / stem / name, out_dir) for name in names}
    entry = {"inputs": key,
             "outputs": {name: digest for name, digest in digests.items() if digest},
             "problems": [asdict(p) for p in result.problems]}
    return entry | ({"summary": result.summaries[stem]} if stem in result.summaries else {})


def replay(entry: dict[str, Any], folder: Path, result: BuildResult) -> None:
    """A skipped cluster's outputs count as unchanged, its warnings are shown again, and
    its summary record is there for `pack`."""
    result.unchanged += [folder / name for name in sorted(entry["outputs"])]
    if "summary" in entry:
        result.summaries[folder.name] = entry["summary"]
    result.problems += [Problem(**{**p, "severity": Severity(p["severity"])})
                        for p in entry["problems"]]
