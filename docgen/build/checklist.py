"""The review checklist `docgen build` writes beside a cluster's documents.

`OUTPUT/<cluster>/review-checklist.md` is for the people who review the documents
before they go out: what the documents rest on that is still to be confirmed
(`cluster/unverified.py`), what each confirmation recorded in the cluster file says,
what `docgen check` could not check (`cluster/timeline.py`), and the file's other
warnings. It is not one of the documents: no pack, PDF or build state carries it.
Its text comes from the same inputs as the documents, so it is the same bytes for the
same inputs, and it is written like them, atomically and only inside the output folder.
"""

from __future__ import annotations

from pathlib import Path

from docgen.build.results import BuildOptions, BuildResult
from docgen.build.write import unchanged, write_atomic
from docgen.cluster.model import Cluster
from docgen.cluster.timeline import unread_timeframes
from docgen.cluster.unverified import PREFIX, unverified, uses_in_cluster
from docgen.documents.wording import long_date
from docgen.errors import Problem
from docgen.funding.transition import transition_funding
from docgen.refdata import ReferenceData

CHECKLIST_NAME = "review-checklist.md"


def fact_lines(cluster: Cluster, problems: list[Problem],
               reference: ReferenceData) -> list[str]:
    """Each unverified fact: ticked with its confirmation, or open with its line."""
    confirmed = {c.item: c for c in cluster.reference_confirmed}
    warned = {p.message: p.line for p in problems if p.message.startswith(PREFIX)}
    lines = []
    for fact in unverified(uses_in_cluster(cluster), reference):
        entry = confirmed.get(fact.item)
        if entry is not None:
            by = f" by {entry.by}" if entry.by else ""
            lines.append(f"- [x] {fact.topic}: {fact.what} ({fact.why}; `{fact.item}`). "
                         f"Confirmed {long_date(entry.date)}{by}.")
            continue
        line = next((f", line {n}" for m, n in warned.items() if f"'{fact.item}'" in m), "")
        lines.append(f"- [ ] {fact.topic}: {fact.what} ({fact.why}; `{fact.item}`{line}). "
                     "Still to confirm.")
    return lines or ["Nothing: every fact the documents rest on is verified."]


def unread_lines(cluster: Cluster, reference: ReferenceData) -> list[str]:
    """Timeframes and tenures `check` could not read as dates, so could not check."""
    figures = transition_funding(cluster, reference)
    unread = unread_timeframes(cluster)
    intro = (f"`docgen check` compares dates, timeframes and tenures with the funding period "
             f"({long_date(figures.period_start)} to {long_date(figures.period_end)}) where it "
             "can read them (\"Term 3 2025\", \"Semester 1 2026\", \"October 2025\", \"October "
             "to November 2025\", \"12 months\", \"to 31 August 2026\", a date).")
    if not unread:
        return [intro, "", "It could read every one of them."]
    return [f"{intro} These it could not read; check them by hand:", "",
            *[f"- [ ] {what}: \"{text}\"" for what, text in unread]]


def checklist(cluster: Cluster, source: str, problems: list[Problem],
              reference: ReferenceData) -> bytes:
    """The checklist's text for one cluster (`source` is the cluster file's name)."""
    d = cluster.document_control
    others = [f"- line {p.line}: {p.message} ({p.path})" for p in problems
              if not p.is_error and not p.message.startswith(PREFIX)]
    lines = [
        f"# Review checklist: {cluster.name}", "",
        f"For the documents of version {d.version} ({d.status}), dated {long_date(d.date)}, "
        f"built from {source}. docgen writes this list for the people who review the "
        "documents; it is not one of them.", "",
        "## Facts to confirm", "",
        "The documents rest on these facts, which the department's published material does "
        "not settle. When the Jobs, Skills and Pathways Manager confirms one, record it "
        "under `reference_confirmed` in the cluster file.", "",
        *fact_lines(cluster, problems, reference), "",
        "## Dates docgen could not check", "",
        *unread_lines(cluster, reference), "",
        "## Other warnings from docgen check", "",
        *(others or ["None."]),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_checklist(folder: Path, data: bytes, options: BuildOptions,
                    result: BuildResult) -> None:
    """Write (or, with `check_only`, compare) the checklist. It is not a document, so the
    build state does not record it and a rebuild with unchanged inputs leaves it be."""
    target = folder / CHECKLIST_NAME
    if unchanged(target, data, options.out_dir):
        return
    if options.check_only:
        result.would_change.append(target)
    else:
        write_atomic(target, data, within=options.out_dir)
