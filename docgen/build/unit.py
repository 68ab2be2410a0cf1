"""One cluster built: check, render every document in memory, then write. A build's unit of work.

Everything is computed first; only when all of a cluster's documents rendered is
anything written, so a cluster that fails keeps its previous outputs.
"""

from __future__ import annotations

from pathlib import Path

from docgen.build.confine import inside
from docgen.build.results import BuildOptions, BuildResult
from docgen.build.write import remove_stale_temporaries, unchanged, write_atomic
from docgen.cluster.check import check_file
from docgen.errors import ContainmentError, Problem, RenderError, Severity
from docgen.refdata import reference_data

# Rendering (lxml, Jinja) is imported where it is used: a rebuild with nothing to do
# never pays for it.


def build_file(path: Path, options: BuildOptions) -> BuildResult:
    """Check, render and write one cluster file.

    Its folder `out_dir/<stem>` must be a real folder (or missing): a link or a file
    there fails this cluster, as a problem, before anything is rendered.
    """
    from docgen.build.checklist import checklist, write_checklist
    from docgen.build.summary_record import summarise
    from docgen.documents.generate import render_cluster

    result = BuildResult()
    reference = reference_data()
    checked = check_file(path, reference)
    result.problems += checked.problems
    result.summaries[checked.path.stem] = summarise(checked, reference)
    folder = options.out_dir / checked.path.stem
    if checked.cluster is None:
        result.failed.append(checked.name)
        return result
    try:
        inside(folder, options.out_dir)
        rendered = render_cluster(checked.cluster, options.documents, reference,
                                  options.templates_dir, checked.path)
        write_cluster(folder, rendered, options, result)
        write_checklist(folder, checklist(checked.cluster, checked.path.name, checked.problems,
                                          reference), options, result)
    except (RenderError, ContainmentError) as exc:  # a logo's problem is at its line
        line, column = getattr(exc, "place", (1, 1))
        result.problems.append(Problem(checked.name, line, column, Severity.ERROR, str(exc)))
        result.failed.append(checked.name)
    return result


def write_cluster(folder: Path, rendered: dict[str, bytes], options: BuildOptions,
                  result: BuildResult) -> None:
    """Write (or, with `check_only`, compare) one cluster's rendered documents."""
    if not options.check_only:
        remove_stale_temporaries(folder)
    for name, data in rendered.items():
        target = folder / f"{name}.docx"
        if unchanged(target, data, options.out_dir):
            result.unchanged.append(target)
        elif options.check_only:
            result.would_change.append(target)
        else:
            write_atomic(target, data, within=options.out_dir)
            result.written.append(target)
