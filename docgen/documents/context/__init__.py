"""Model → template variables: the one place that names what templates may use.

Everything a template prints is prepared here as text (dates, money, yes/no), so
templates hold wording and layout only. Values absent from the cluster file are
None and templates guard them with `{% if %}`; the renderer refuses to print None.
Plurals, names joined into prose and sentences that depend on the data come ready-made
from `wording.py`, so no template needs more than a flag to test.

Every document gets every variable (a cluster's own templates may use any of them);
the modules beside this one prepare them by the document they were written for:
`common` (people, schools, the cluster, document control, policy), `governance`
(Terms of Reference), `mou`, `funding` (the funding application) and `plan`
(implementation plan and self-assessment).
"""

from __future__ import annotations

from functools import lru_cache

from docgen.cluster.model import Cluster
from docgen.documents.catalogue import DocumentSpec
from docgen.documents.context.common import (
    Context,
    cluster_identity,
    document_control,
    llen,
    person,
    policy,
    position,
    school,
)
from docgen.documents.context.funding import funding_application
from docgen.documents.context.governance import governance
from docgen.documents.context.mou import membership_changes, mou, provision
from docgen.documents.context.plan import function_lists, functions, milestones, rating_scale
from docgen.documents.wording import coordinator_words, llen_words
from docgen.funding.transition import transition_funding
from docgen.refdata import ReferenceData

__all__ = ["Context", "build_context", "cluster_context"]


def build_context(cluster: Cluster, spec: DocumentSpec, reference: ReferenceData) -> Context:
    """Every variable a template may use, for one document of one cluster."""
    return {"doc": document_control(cluster, spec), **cluster_context(cluster, reference)}


@lru_cache(maxsize=1)  # a cluster's documents share all but `doc`: work it out once
def cluster_context(cluster: Cluster, reference: ReferenceData) -> Context:
    """The variables every document of `cluster` shares (templates never change them)."""
    figures = transition_funding(cluster, reference)
    classes = reference.policy["classifications"]
    admin = cluster.admin_support
    return {
        "cluster": cluster_identity(cluster),
        "llens": [llen(entry) for entry in cluster.llens],
        "llen_words": llen_words(cluster.llens),
        "jspm": person(cluster.jspm),
        "coordinator": {**position(cluster.coordinator, classes["coordinator"]["words"]),
                        **coordinator_words(cluster, classes["coordinator"]["words"],
                                            classes["coordinator"]["code"]),
                        "selection_criteria": list(cluster.coordinator.selection_criteria or
                                                   reference.policy["default_selection_criteria"])},
        "admin": position(admin, classes["admin_support"]["words"]) if admin else None,
        "schools": [school(entry) for entry in cluster.member_schools],
        **provision(cluster, reference),
        **governance(cluster),
        "mou": mou(cluster),
        "funding": funding_application(cluster, figures, reference),
        **function_lists(functions(cluster, reference)),
        "rating_scale": rating_scale(reference),
        "milestones": milestones(cluster, figures, reference),
        "policy": policy(reference),
        "contacts": reference.contacts,
        "membership_changes": membership_changes(cluster),
    }
