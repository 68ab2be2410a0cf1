"""Incremental builds: a cluster is built again only when one of its inputs changed.

A cluster is skipped when a hash of its inputs (the cluster file, the templates, the
reference data, docgen's version, the documents asked for, SOURCE_DATE_EPOCH and the
logo the cluster file names) matches the one recorded in `OUTPUT/.docgen-state.json`
(`state.py`) and its outputs still hold the bytes recorded there. The state holds only
content hashes, so it is the same on every machine.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen import __version__
from docgen.build.results import BuildOptions, BuildResult
from docgen.build.state import replay, state_entry
from docgen.documents.provenance import (
    SOURCE_DATE_EPOCH,
    file_sha256,
    reference_sha256,
    source_date_setting,
)

if TYPE_CHECKING:
    import yaml

MAX_HASHED_BYTES = 8 * 1024 * 1024
"""Bounds hashing a cluster file; `load` refuses files far smaller than this anyway."""


def shared_inputs(options: BuildOptions) -> str:
    """A hash of every input the clusters share: version, templates, reference data."""
    from docgen.documents.templates import template_path

    digest = hashlib.sha256(f"docgen {__version__}\n".encode())
    for spec in options.documents:
        template = template_path(spec.template, options.templates_dir)
        digest.update(f"{spec.name} {file_sha256(template)}\n".encode())
    digest.update(f"reference {reference_sha256()}\n".encode())
    digest.update(f"{SOURCE_DATE_EPOCH}={source_date_setting()}\n".encode())
    return digest.hexdigest()


def cluster_inputs(path: Path, shared: str) -> str:
    """The hash that decides whether a cluster must be built again.

    Only a regular file of a readable size is hashed; anything else (a FIFO, a device,
    a huge file) is never current, and checking it says what is wrong. A logo the file
    names is an input too (`logo_input`).
    """
    try:
        found = path.stat()
    except OSError:
        return ""
    if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_HASHED_BYTES:
        return ""
    logo = logo_input(path)
    if logo is None:
        return ""
    return hashlib.sha256(f"{shared}\n{file_sha256(path)}{logo}".encode()).hexdigest()


def logo_input(path: Path) -> str | None:
    """What the hash adds for the logo the cluster file names: nothing when it names none,
    the picture's SHA-256 when it does, None (never current) when it cannot be read.

    Only a file with a `logo:` line is read as YAML, so most files cost one scan (and a
    rebuild with nothing to do imports no YAML).
    """
    from docgen.files import FileTooLarge, NotRegularFile, read_regular

    try:
        text = read_regular(path, MAX_HASHED_BYTES)
    except (OSError, NotRegularFile, FileTooLarge):
        return None
    if b"logo" not in text:
        return ""  # YAML and the logo rules are not even imported

    import yaml

    from docgen.cluster.load import load_bytes
    from docgen.cluster.logo import LOGO_LINE, LogoError, read_logo
    from docgen.errors import InputError

    if not LOGO_LINE.search(text):
        return ""
    try:
        value = child(child(load_bytes(text, path.name).root, "document"), "logo")
        if not isinstance(value, yaml.ScalarNode) or not value.value:
            return ""
        return f"\nlogo {hashlib.sha256(read_logo(path, value.value).data).hexdigest()}"
    except (InputError, LogoError):
        return None


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value under `key` of a composed YAML mapping (None when there is none)."""
    from yaml import MappingNode, ScalarNode

    if isinstance(node, MappingNode):
        for name, value in node.value:
            if isinstance(name, ScalarNode) and name.value == key:
                found: yaml.Node = value
                return found
    return None


def collect(paths: list[Path], built: dict[Path, BuildResult], state: dict[str, Any],
            keys: dict[Path, str], options: BuildOptions) -> tuple[BuildResult, dict[str, Any]]:
    """The whole build's result, in the order of `paths`, and the state to record."""
    result, recorded = BuildResult(), dict(state)
    for path in paths:
        if path not in built:
            replay(state[path.stem], options.out_dir / path.stem, result)
            continue
        result.merge(built[path])
        if built[path].failed:
            recorded.pop(path.stem, None)
        elif not options.check_only and keys[path]:
            recorded[path.stem] = state_entry(keys[path], options.out_dir, path.stem,
                                              built[path])
    return result, recorded
