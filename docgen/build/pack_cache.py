"""`DIR/.docgen-packs.json`: what the last pack recorded, so a repeat need not check again.

The region summary and the manifests need each cluster checked (its name, schools,
figures, status). When the last pack of the same cluster files (the same inputs, as
`incremental.py` hashes them, in the same order) packed every one of them, it
recorded here each cluster's name and the SHA-256 of the two summary files. A pack
that finds that record, and both files still holding those bytes, reuses them: a pack
right after a build checks nothing again. Like the build state, it is a cache read as
untrusted: anything malformed is ignored (and the summary made again).
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
PACKS_FORMAT = 1
MAX_NAME = 1000
MAX_CACHE_BYTES = 16 * 1024 * 1024


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


def recorded_names(out_dir: Path, key: str, stems: list[str],
                   outputs: tuple[str, ...]) -> dict[str, str] | None:
    """Each cluster's name, when the record matches `key` and the summaries are intact."""
    if not key:
        return None
    data = read_inside(out_dir / PACKS_FILE, out_dir)
    try:
        record = json.loads(data or b"")
    except ValueError:
        return None
    if not valid(record) or record["inputs"] != key or sorted(record["names"]) != sorted(stems) \
            or sorted(record["outputs"]) != sorted(outputs):
        return None
    if any(sha256_of(out_dir / name, out_dir) != digest
           for name, digest in record["outputs"].items()):
        return None
    names: dict[str, str] = record["names"]
    return names


def valid(record: Any) -> bool:
    """A record docgen could have written: the right keys and types, hashes as hashes."""
    return isinstance(record, dict) and set(record) == {"format", "inputs", "names", "outputs"} \
        and record["format"] == PACKS_FORMAT \
        and isinstance(record["inputs"], str) and bool(SHA256.fullmatch(record["inputs"])) \
        and isinstance(record["names"], dict) \
        and all(isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_NAME
                for k, v in record["names"].items()) \
        and isinstance(record["outputs"], dict) \
        and all(isinstance(v, str) and SHA256.fullmatch(v) for v in record["outputs"].values())


def record_packs(out_dir: Path, key: str, names: dict[str, str] | None,
                 outputs: tuple[str, ...]) -> None:
    """Remember this pack (or, with `names` None, forget the last one)."""
    from docgen.build.write import write_atomic

    digests = {name: sha256_of(out_dir / name, out_dir) for name in outputs}
    record = {"format": PACKS_FORMAT, "inputs": key, "names": names,
              "outputs": digests} if names is not None and key else None
    text = json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        if record is not None or (out_dir / PACKS_FILE).exists():
            write_atomic(out_dir / PACKS_FILE, text.encode("utf-8"), within=out_dir)
    except ContainmentError:
        pass  # a cache: a link or special file in its place just means no reuse
