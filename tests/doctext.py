"""Reading generated documents in tests: a cluster's model, the body's lines, sections."""

from __future__ import annotations

from conftest import CLUSTERS

from docgen.model import Cluster
from docgen.pipeline import check_file


def model(stem: str) -> Cluster:
    checked = check_file(CLUSTERS / f"{stem}.yaml")
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
