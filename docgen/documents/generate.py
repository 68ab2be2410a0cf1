"""Every document of one cluster, rendered in memory: context → template → bytes.

Nothing here writes a file; `build/` writes what this returns, `changes/notice.py`
compares it. Each document's core properties carry its provenance.
"""

from __future__ import annotations

from pathlib import Path

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

    `source` is the cluster file, named and hashed in each document's provenance.
    """
    rendered = {}
    for spec in documents:
        template = compiled_template(spec.template, templates_dir)
        origin = provenance(template_path(spec.template, templates_dir), source)
        rendered[spec.name] = render_docx(template, build_context(cluster, spec, reference),
                                          core_xml(cluster, spec, origin))
    return rendered
