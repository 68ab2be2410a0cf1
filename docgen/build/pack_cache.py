"""`DIR/.docgen-packs.json`: what the last pack recorded, so a repeat need not write again.

The region summary's figures come from the build's records (`summary_record.py`);
making the workbook still costs openpyxl. When the last pack of the same cluster files
(the same inputs, as `incremental.py` hashes them, in the same order) packed every one
of them, it recorded here the SHA-256 of the two summary files. A pack that finds that
record, and both files still holding those bytes, leaves them as they are. Like the
build state, it is a cache read as untrusted: anything malformed is ignored (and the
summaries made again).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from docgen.build.confine import read_inside
from docgen.build.incremental import cluster_inputs, shared_inputs
from docgen.build.results import BuildOptions
from docgen.build.state import SHA256, sha256_of
from docgen.errors import ContainmentError

PACKS_FILE = ".docgen-packs.json"
PACKS_FORMAT = 2


def packs_key(sources: list[Path], options: BuildOptions) -> str:
    """A hash of every input of the summary: each file's name and inputs, in order."""
    shared = shared_inputs(options)
    digest = hashlib.sha256(f"packs {shared}\n".encode())
    for source in sources:
        key = cluster_inputs(source, shared)
        if not key:
            return ""  # not a file that can be hashed: never reused
        digest.update(f"{source.name}\t{key}\n".encode())
    return digest.hexdigest()


def summaries_current(out_dir: Path, key: str, outputs: tuple[str, ...]) -> bool:
    """Whether the last pack recorded `key` and the summary files still hold its bytes."""
    if not key:
        return False
    data = read_inside(out_dir / PACKS_FILE, out_dir)
    try:
        record = json.loads(data or b"")
    except ValueError:
        return False
    if not valid(record) or record["inputs"] != key \
            or sorted(record["outputs"]) != sorted(outputs):
        return False
    return all(sha256_of(out_dir / name, out_dir) == digest
               for name, digest in record["outputs"].items())


def valid(record: Any) -> bool:
    """A record docgen could have written: the right keys and types, hashes as hashes."""
    return isinstance(record, dict) and set(record) == {"format", "inputs", "outputs"} \
        and record["format"] == PACKS_FORMAT \
        and isinstance(record["inputs"], str) and bool(SHA256.fullmatch(record["inputs"])) \
        and isinstance(record["outputs"], dict) \
        and all(isinstance(v, str) and SHA256.fullmatch(v) for v in record["outputs"].values())


def record_packs(out_dir: Path, key: str | None, outputs: tuple[str, ...]) -> None:
    """Remember this pack's summaries (or, with `key` None, forget the last record)."""
    from docgen.build.write import write_atomic

    digests = {name: sha256_of(out_dir / name, out_dir) for name in outputs}
    record = {"format": PACKS_FORMAT, "inputs": key, "outputs": digests} if key else None
    text = json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        if record is not None or (out_dir / PACKS_FILE).exists():
            write_atomic(out_dir / PACKS_FILE, text.encode("utf-8"), within=out_dir)
    except ContainmentError:
        pass  # a cache: a link or special file in its place just means no reuse
