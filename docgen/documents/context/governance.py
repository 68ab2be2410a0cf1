"""Template variables of the governance tiers (the Terms of Reference, the MoU): who sits where.
"""

from __future__ import annotations

from docgen.cluster.model import Cluster, Group
from docgen.documents.context.common import Context
from docgen.documents.wording import ROLE_WORDS, yes_no


def group(entry: Group, school_members: list[Context], coordinator: str | None) -> Context:
    """A governance tier; `coordinator` is the Cluster Coordinator's name, if filled."""
    others = [{"name": m.name, "organisation": m.organisation, "role": m.role,
               "voting": yes_no(m.voting)} for m in entry.other_members]
    return {"chair": entry.chair, "deputy_chair": entry.deputy_chair,
            "meeting_frequency": entry.meeting_frequency, "quorum": entry.quorum,
            "decision_rule": entry.decision_rule, "secretariat": entry.secretariat,
            "members": school_members + others,
            "member_count": len(school_members) + len(others),
            "chair_is_coordinator": entry.chair == coordinator}


def governance(cluster: Cluster) -> Context:
    """Both groups: school nominees (governance) or VET coordinators (operations), then others."""
    nominees = [{"name": s.governance_nominee.name, "organisation": s.name,
                 "role": f"School nominee ({ROLE_WORDS[s.governance_nominee.role]})",
                 "voting": "Yes"} for s in cluster.member_schools]
    coordinators = [{"name": s.vet_coordinator.name, "organisation": s.name,
                     "role": "School VET coordinator", "voting": "Yes"}
                    for s in cluster.member_schools]
    holder = cluster.coordinator.name
    return {"governance_group": group(cluster.governance_group, nominees, holder),
            "operations_group": group(cluster.operations_group, coordinators, holder)}
