"""`docgen diff OLD NEW`: what changed between two versions of a cluster file, and who to tell.

OLD and NEW are paths or `REV:path` (read from git). `--notice FILE.docx` also writes the
membership change notice. Exit 0 when both versions are valid (changed or not), 1 when
either has errors, 2 for a bad path or revision.
"""

from __future__ import annotations

from pathlib import Path

import click

from docgen.cli._common import handle_errors, print_problems


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
    from docgen.changes.notice import affected_documents, control_not_moved_on, render_notice
    from docgen.changes.proposals import proposals
    from docgen.cluster.gitrev import check_version
    from docgen.documents.provenance import today
    from docgen.refdata import reference_data
    from docgen.report import diff as report
    from docgen.report.problems import text_line

    reference = reference_data()
    versions = [check_version(old, reference), check_version(new, reference)]
    if any(p.is_error for version in versions for p in version.problems):
        print_problems([p for v in versions for p in v.problems], len(versions), output_format)
        return 1
    for problem in versions[1].problems:  # the new version's warnings; they do not stop a diff
        click.echo(text_line(problem), err=True)
    before, after = versions[0].cluster, versions[1].cluster
    assert before is not None and after is not None
    diff = compare(before, after, reference)
    documents = affected_documents(before, after, diff, reference, templates_dir)
    if notice_path and not diff.identical:
        write_atomic(notice_path, render_notice(before, after, diff, documents, reference,
                                                templates_dir, versions[1].path))
        stale = control_not_moved_on(before, after)
        if stale:
            click.echo(f"docgen: warning: {stale}", err=True)
    if output_format == "json":
        click.echo(report.json_report(diff, documents))
    else:
        rows = [] if diff.identical else proposals(before, after, diff, today())
        click.echo("\n".join(report.text_report(diff, documents, (old, new), rows)))
    if notice_path and diff.identical:
        click.echo("docgen: nothing changed, so no notice was written", err=True)
    elif notice_path:
        click.echo(f"wrote {notice_path}", err=output_format == "json")
    return 0
