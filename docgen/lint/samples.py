"""Sample contexts for the template lint: what docgen really gives each template.

Contexts are built by `documents/context`'s `build_context` (and, for the membership
change notice, `changes/notice.py`'s `change_context`) from docgen's starter file,
which has an entry in every list, and from any cluster files named; their shapes are
merged per template.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from docgen.cluster.model import Cluster
from docgen.documents.catalogue import DOCUMENTS, MEMBERSHIP_CHANGE_NOTICE, DocumentSpec
from docgen.files import STARTER_FILE
from docgen.lint.shapes import ANY, Shape, merge, shape_of
from docgen.refdata import ReferenceData


def sample_change(old: Cluster, reference: ReferenceData) -> dict[str, Any]:
    """The notice's `change` variables for a made-up change: the first school renamed,
    every other one leaving, one joining, so every list in it has an item."""
    from docgen.changes.membership import compare
    from docgen.changes.notice import change_context

    first, *others = old.member_schools
    renamed = replace(first, name=f"{first.name} (renamed)",
                      school_number=first.school_number or "9999")
    joining = replace(first, name="Joining Example College", school_number="9998")
    before = replace(old, member_schools=(replace(renamed, name=first.name), *others))
    after = replace(old, member_schools=(renamed, joining))
    diff = compare(before, after, reference)
    return change_context(before, after, diff, [spec.name for spec in DOCUMENTS])


def context_for(cluster: Cluster, spec: DocumentSpec,
                reference: ReferenceData) -> dict[str, Any]:
    """What `spec`'s template gets for `cluster` (the notice: with a made-up change)."""
    from docgen.documents.context import build_context

    context = build_context(cluster, spec, reference)
    if spec is MEMBERSHIP_CHANGE_NOTICE:
        context["change"] = sample_change(cluster, reference)
    return context


def context_shapes(cluster_files: list[Path],
                   reference: ReferenceData) -> tuple[dict[str, Shape], Shape, list[str]]:
    """Per template file name, the merged shape of its context; the shape for templates
    docgen does not know (all documents merged); and the cluster files left out because
    they have errors."""
    from docgen.cluster.check import check_file

    shapes: dict[str, Shape] = {}
    skipped: list[str] = []
    for path in [STARTER_FILE, *cluster_files]:
        checked = check_file(path, reference)
        if checked.cluster is None:
            skipped.append(checked.name)
            continue
        for spec in (*DOCUMENTS, MEMBERSHIP_CHANGE_NOTICE):
            shape = shape_of(context_for(checked.cluster, spec, reference))
            shapes[spec.template] = merge(shapes.get(spec.template, ANY), shape)
    fallback = ANY
    for name, shape in shapes.items():
        if name != MEMBERSHIP_CHANGE_NOTICE.template:
            fallback = merge(fallback, shape)
    return shapes, fallback, skipped
