"""`docgen diff OLD NEW`: what changed between two versions of a cluster file, and who to tell.

OLD and NEW are paths or `REV:path` (read from git). `--notice FILE.docx` also writes the
membership change notice. Exit 0 when both versions are valid (changed or not), 1 when
either has errors, 2 for a bad path or revision.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from docgen.cli._common import handle_errors, print_problems

if TYPE_CHECKING:
    from docgen.changes.membership import MembershipDiff
    from docgen.cluster.model import Cluster, School
    from docgen.refdata import ReferenceData

INDICATIVE_NOTE = ("indicative: band thresholds and salary rates are unverified reference "
                   "data, to be confirmed with the JSPM")


def today() -> dt.date:
    """The date for proposed entries: SOURCE_DATE_EPOCH when set (reproducible), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def school_line(school: School) -> str:
    number = f", school {school.school_number}" if school.school_number else ""
    return (f"{school.name} ({school.sector.capitalize()}{number}, "
            f"{school.vdss_enrolments:,} VDSS enrolments)")


def member_lines(diff: MembershipDiff) -> list[str]:
    other = dict(diff.other_clusters)
    lines = [f"  joined   {school_line(s)}"
             + (f", from {other[s.name]}" if s.name in other else "") for s in diff.added]
    lines += [f"  left     {school_line(s)}"
              + (f", to {other[s.name]}" if s.name in other else "") for s in diff.removed]
    lines += [f"  renamed  {r.before.name} → {r.after.name}"
              + (f" (school {r.after.school_number})" if r.after.school_number else "")
              for r in diff.renamed]
    return ["Members", *lines] if lines else ["Members: no school joined, left or was renamed"]


def funding_lines(diff: MembershipDiff) -> list[str]:
    f = diff.funding
    if not f.changed:
        return [f"Funding: unchanged (total VDSS enrolments {f.enrolments_after:,}, "
                f"band {f.band_after})"]
    lines = ["Funding" + (f" ({INDICATIVE_NOTE})" if f.indicative else ""),
             f"  Total VDSS enrolments  {f.enrolments_before:,} → {f.enrolments_after:,}",
             f"  Funding band           {f.band_before} → {f.band_after}"
             + ("" if f.band_before != f.band_after else " (unchanged)"),
             f"  Transition funding     ${f.total_before:,.2f} → ${f.total_after:,.2f}"
             + ("" if f.total_before != f.total_after else " (unchanged)")]
    return lines + [f"  {line}" for line in f.school_changes]


def notify_lines(diff: MembershipDiff) -> list[str]:
    if not diff.notify:
        return ["Notify: nobody (no school joined or left)"]
    return ["Notify:", *[f"  {a.address}  ({a.name}, {a.organisation}: {a.reason})"
                        for a in diff.notify]]


def text_report(diff: MembershipDiff, documents: list[str], names: tuple[str, str],
                proposals: list[str]) -> list[str]:
    """The report for people, section by section."""
    lines = [f"{diff.cluster}: {names[0]} → {names[1]}", "", *member_lines(diff), ""]
    lines += (["Governance", *[f"  {line}" for line in diff.governance]] if diff.governance
              else ["Governance: no change to chairs or members"])
    lines += ["", *funding_lines(diff)]
    if diff.other_sections:
        lines += ["", f"Other sections changed: {', '.join(diff.other_sections)}"]
    lines += ["", "Documents affected (rebuild with `docgen build`): "
              + (", ".join(documents) or "none beyond document control")]
    lines += ["", *notify_lines(diff)]
    return lines + [line for proposal in proposals for line in ("", proposal)]


def checked_versions(old: str, new: str, output_format: str,
                     reference: ReferenceData) -> tuple[Cluster, Cluster] | None:
    """Both versions' models; None after printing the problems when either has errors."""
    from docgen.cluster.gitrev import check_version
    from docgen.report import problems as report

    versions = [check_version(old, reference), check_version(new, reference)]
    problems = [p for version in versions for p in version.problems]
    if any(p.is_error for p in problems):
        print_problems(problems, len(versions), output_format)
        return None
    for problem in versions[1].problems:  # the new version's warnings; they do not stop a diff
        click.echo(report.text_line(problem), err=True)
    before, after = versions[0].cluster, versions[1].cluster
    assert before is not None and after is not None
    return before, after


def print_report(before: Cluster, after: Cluster, diff: MembershipDiff, documents: list[str],
                 names: tuple[str, str], output_format: str) -> None:
    from docgen.changes.membership import as_dict
    from docgen.changes.proposals import proposals

    if output_format == "json":
        click.echo(json.dumps(as_dict(diff, documents), indent=2, ensure_ascii=False))
    elif diff.identical:
        click.echo(f"No changes: {names[0]} and {names[1]} describe the same cluster.")
    else:
        for line in text_report(diff, documents, names,
                                proposals(before, after, diff, today())):
            click.echo(line)


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]),
              default="text", show_default=True, help="Report for people or for tools.")
@click.option("--notice", "notice_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the membership change notice to this .docx file.")
@click.option("--templates", "templates_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder of templates overriding the packaged ones.")
@handle_errors
def command(old: str, new: str, output_format: str, notice_path: Path | None,
            templates_dir: Path | None) -> int:
    """What changed between two versions of a cluster file: OLD and NEW are paths or
    REV:path (e.g. HEAD~1:clusters/my-cluster.yaml)."""
    from docgen.build.write import write_atomic
    from docgen.changes.membership import compare
    from docgen.changes.notice import affected_documents, render_notice
    from docgen.refdata import reference_data

    reference = reference_data()
    clusters = checked_versions(old, new, output_format, reference)
    if clusters is None:
        return 1
    before, after = clusters
    diff = compare(before, after, reference)
    documents = affected_documents(before, after, diff, reference, templates_dir)
    if notice_path and not diff.identical:
        write_atomic(notice_path, render_notice(before, after, diff, documents, reference,
                                                templates_dir))
    print_report(before, after, diff, documents, (old, new), output_format)
    if notice_path and diff.identical:
        click.echo("docgen: nothing changed, so no notice was written", err=True)
    elif notice_path:
        click.echo(f"wrote {notice_path}", err=output_format == "json")
    return 0
