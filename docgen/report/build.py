"""What `docgen build` and `docgen pack` did, as lines for people.

Each line comes with where it goes: problems and skipped clusters to standard error,
the files written and the summary to standard output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docgen.report.problems import text_line

if TYPE_CHECKING:
    from docgen.build.pack import PackResult
    from docgen.build.results import BuildResult

Line = tuple[str, bool]
"""A line of the report, and whether it goes to standard error."""


def why_failed(name: str, crashed: list[str]) -> str:
    """Why a cluster was skipped: a bug of docgen's (it crashed) or errors in its file."""
    return "docgen hit a bug building it" if name in crashed else "it has errors"


def build_lines(result: BuildResult) -> list[Line]:
    """Problems, files written (or that would change), clusters skipped, then a summary."""
    lines = [(text_line(problem), True) for problem in result.problems]
    lines += [(f"wrote {path}", False) for path in result.written + result.pdfs]
    lines += [(f"would change {path}", False) for path in result.would_change]
    lines += [(f"skipped {name}: {why_failed(name, result.crashed)}", True)
              for name in result.failed]
    built = len(result.written) + len(result.unchanged) + len(result.would_change)
    pdfs = f", {len(result.pdf_failed)} PDF(s) failed" if result.pdf_failed else ""
    lines.append((f"{built} document(s): {len(result.written)} written, "
                  f"{len(result.unchanged)} unchanged, {len(result.failed)} cluster(s) failed"
                  f"{pdfs}", False))
    return lines


def pack_lines(result: PackResult) -> list[Line]:
    """Problems, packs written, clusters without a pack, the region summary, a summary."""
    lines = [(text_line(problem), True) for problem in result.problems]
    lines += [(f"wrote {path}", False) for path in result.written]
    lines += [(f"no pack for {name}: "
               f"{result.reasons.get(name) or why_failed(name, result.crashed)}", True)
              for name in result.failed]
    if result.summary is not None:
        summaries = (result.summary, result.summary.with_suffix(".xlsx"))
        lines += [(f"wrote {path}" if result.summary_written else f"unchanged {path}", False)
                  for path in summaries]
    lines.append((f"{len(result.written) + len(result.unchanged)} pack(s): "
                  f"{len(result.written)} written, {len(result.unchanged)} unchanged, "
                  f"{len(result.failed)} cluster(s) failed", False))
    return lines
