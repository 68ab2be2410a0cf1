"""Every document of one cluster, rendered in memory: context → template → bytes.

Nothing here writes a file; `build/` writes what this returns, `changes/notice.py`
compares it. Each document's core properties carry its provenance.
"""

from __future__ import annotations

from pathlib import Path

from docgen.cluster.logo import Logo, read_logo
from docgen.cluster.model import Cluster
from docgen.documents.catalogue import DocumentSpec
from docgen.documents.context import build_context
from docgen.documents.properties import core_xml
from docgen.documents.provenance import provenance
from docgen.documents.render import render_docx
from docgen.documents.templates import compiled_template, template_path
from docgen.refdata import ReferenceData


def render_cluster(cluster: Cluster, documents: tuple[DocumentSpec, ...],
                   reference: ReferenceData, templates_dir: Path | None = None,
                   source: Path | None = None) -> dict[str, bytes]:
    """Every requested document of one cluster, rendered in memory: name → bytes.

    `source` is the cluster file, named and hashed in each document's provenance; the
    logo its `document.logo` names is read beside it (without `source`, no logo).
    """
    rendered = {}
    logo = cluster_logo(cluster, source)
    for spec in documents:
        template = compiled_template(spec.template, templates_dir)
        origin = provenance(template_path(spec.template, templates_dir), source)
        rendered[spec.name] = render_docx(template, build_context(cluster, spec, reference),
                                          core_xml(cluster, spec, origin), logo)
    return rendered


def cluster_logo(cluster: Cluster, source: Path | None) -> Logo | None:
    """The picture `document.logo` names, read beside the cluster file (`LogoError` if it
    cannot be used), or None when there is none or no file to read it beside."""
    named = cluster.document_control.logo
    return read_logo(source, named) if named and source is not None else None
