"""Reading generated documents in tests: a cluster's model, the body's lines, sections."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import CLUSTERS, REFERENCE

from docgen.cluster.check import check_file
from docgen.cluster.model import Cluster


def model(stem: str) -> Cluster:
    checked = check_file(CLUSTERS / f"{stem}.yaml", REFERENCE)
    assert checked.cluster is not None, checked.problems
    return checked.cluster


def body(text: str) -> list[str]:
    """The lines of word/document.xml only (no header, footer or properties)."""
    start = text.index("=== word/document.xml ===\n")
    end = text.find("\n=== ", start)
    return text[start:end if end >= 0 else None].splitlines()[1:]


def section(lines: list[str], first: str, after: str | None) -> list[str]:
    """The lines from heading `first` up to heading `after` (or the end)."""
    start = lines.index(first)
    return lines[start:lines.index(after, start)] if after else lines[start:]


def assert_in_order(lines: list[str], headings: list[str]) -> None:
    positions = []
    for heading in headings:
        assert heading in lines, f"missing heading {heading!r}"
        positions.append(lines.index(heading, positions[-1] if positions else 0))
    assert positions == sorted(positions), f"headings out of order: {positions}"


def rewrite_docx(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> None:
    """A copy of a .docx with each part's bytes passed through `change(name, data)`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info, change(info.filename, old.read(info)))


def replace_once(part: str, old: bytes, new: bytes) -> Callable[[str, bytes], bytes]:
    """A `rewrite_docx` change: the first `old` in `part` becomes `new` (it must be there)."""

    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        assert old in data, (part, old)
        return data.replace(old, new, 1)

    return change


def assert_examples_read_the_same(run_cli: Callable[..., Any], templates: Path, out: Path,
                                  reading: Callable[[bytes], Any]) -> None:
    """Both examples built with the packaged templates and with `templates` read the same."""
    results = {}
    for label, extra in (("packaged", ()), ("other", ("--templates", templates))):
        assert run_cli("build", CLUSTERS, "-o", out / label, *extra).exit_code == 0
        results[label] = {str(p.relative_to(out / label)): reading(p.read_bytes())
                          for p in sorted((out / label).rglob("*.docx"))}
    assert len(results["packaged"]) == 12
    assert results["packaged"].keys() == results["other"].keys()
    for name, text in results["packaged"].items():
        assert results["other"][name] == text, name
