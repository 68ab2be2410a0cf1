"""`docgen build --since REV`: the cluster files to rebuild after a git revision.

All of them when templates or reference data in the same repository changed, else
those whose own file changed (`cluster/gitrev.py` runs git).
"""

from __future__ import annotations

from pathlib import Path

from docgen.cluster.check import discover
from docgen.cluster.gitrev import changed_since, in_repository, toplevel
from docgen.documents.templates import packaged_templates
from docgen.refdata import DATA_DIR


def rebuild_targets(rev: str, paths: list[Path], templates_dir: Path | None) -> list[Path]:
    """The cluster files under `paths` to rebuild after `rev`: all of them when templates or
    reference data in the same repository changed, else those whose own file changed.

    Templates and reference data count only where they live in a cluster file's
    repository (this one, or a cluster repository's own `templates/`): REV names a
    revision of that repository, not of an installed docgen.
    """
    clusters = discover(paths)
    if not clusters:
        return []
    repositories = {toplevel(path) for path in clusters}
    shared = [path for path in (packaged_templates(), DATA_DIR, templates_dir)
              if path is not None and in_repository(path) and toplevel(path) in repositories]
    if shared and changed_since(rev, shared):
        return clusters
    changed = changed_since(rev, clusters)
    return [path for path in clusters if path.resolve() in changed]
