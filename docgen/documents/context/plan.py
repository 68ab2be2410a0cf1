"""Template variables of the implementation plan and self-assessment: functions, ratings,
actions and milestones.
"""

from __future__ import annotations

from docgen.cluster.model import Assessment, Cluster
from docgen.cluster.policy import add_months
from docgen.documents.context.common import Context
from docgen.documents.wording import long_date, month_year
from docgen.funding.transition import TransitionFunding
from docgen.refdata import ReferenceData

NOT_ASSESSED = "Not yet assessed"


def rating_scale(reference: ReferenceData) -> Context:
    """The self-assessment scale (reference data; indicative until verified)."""
    scale = reference.rating_scale
    return {"indicative": not scale["verified"], "source": " ".join(scale["source"].split()),
            "ratings": [{"name": r["name"], "description": r["description"]}
                        for r in scale["ratings"]]}


def assessment(entry: Assessment | None, reference: ReferenceData) -> Context | None:
    """One function's self-assessment as text, or None when the cluster has not rated it."""
    if entry is None:
        return None
    scale = reference.rating_scale
    rating = next(r for r in scale["ratings"] if r["id"] == entry.rating)
    priority = next((p["name"] for p in scale["priorities"] if p["id"] == entry.priority), None)
    return {"rating": rating["name"], "description": rating["description"],
            "evidence": entry.evidence, "priority": priority,
            "summary": f"{rating['name']}: {rating['description']}"}


def baseline(rated: Context | None) -> str:
    """The implementation plan's baseline: the self-assessment rating (the scale is the
    cluster's; `docgen check` says whether it is confirmed, the documents do not)."""
    return NOT_ASSESSED if rated is None else str(rated["rating"])


def functions(cluster: Cluster, reference: ReferenceData) -> list[Context]:
    """Each framework function with the cluster's actions and self-assessment, in order."""
    out = []
    ratings = {a.function: a for a in cluster.self_assessment}
    for entry in reference.functions:
        actions = [{"action": a.action, "lead": a.lead, "timeframe": a.timeframe,
                    "measure": a.measure} for a in cluster.actions if a.function == entry["id"]]
        rated = assessment(ratings.get(entry["id"]), reference)
        out.append({"id": entry["id"], "kind": entry["kind"],
                    "label": f"{entry['kind'].capitalize()} function {entry['number']}",
                    "title": entry["title"], "indicative": not entry["verified"],
                    "citation": entry.get("citation"),
                    "activities": list(entry["activities"]), "actions": actions,
                    "assessment": rated, "baseline": baseline(rated),
                    "priority": rated and rated["priority"],
                    "evidence": rated and rated["evidence"],
                    "rating_summary": rated["summary"] if rated else NOT_ASSESSED})
    return out


def function_lists(every: list[Context]) -> Context:
    """The functions by kind and priority, for templates that list only some of them."""
    return {"functions": every,
            "operational_functions": [f for f in every if f["kind"] == "operational"],
            "strategic_functions": [f for f in every if f["kind"] == "strategic"],
            "high_priority_functions": [f for f in every if f["priority"] == "High"],
            "function_titles_indicative": any(f["indicative"] for f in every)}


MILESTONES = (  # (key, milestone, target in months after the funding period starts)
    ("coordinator", "Cluster Coordinator recruited", 0),  # the budget pays from the start
    ("mou", "Memorandum of Understanding signed by all members", 1),
    ("tor", "Governance Terms of Reference adopted", 2),
    ("governance_meeting", "First meeting of the Cluster Governance Group", 2),
    ("operations_meeting", "First meeting of the Cluster Operations Group", 4),
    ("provision_mapped", "Shared provision mapped against the six priority pathways", 6),
    ("long_term_funding", "Long-term funding arrangements agreed with the LLEN", 10),
)


def milestones_done(cluster: Cluster) -> dict[str, str]:
    """The milestones the cluster file shows are done, each with its status text."""
    f, c = cluster.funding, cluster.coordinator
    done = {}
    if f.mou_signed:
        done["mou"] = f"Done {long_date(f.mou_signed)}"
    if f.tor_adopted:  # adopting the ToR takes a Governance Group meeting
        done["tor"] = f"Done {long_date(f.tor_adopted)}"
        done["governance_meeting"] = f"Done (met by {long_date(f.tor_adopted)})"
    if not c.vacant:  # appointed: started by the documents' date, or starting later
        starts = c.start_date
        if starts is None:
            done["coordinator"] = "Done"
        elif starts > cluster.document_control.date:
            done["coordinator"] = f"Appointed; starts {long_date(starts)}"
        else:
            done["coordinator"] = f"Done {long_date(starts)}"
    return done


def milestones(cluster: Cluster, figures: TransitionFunding,
               reference: ReferenceData) -> list[Context]:
    """The plan's milestones: done (from the cluster file) or a target month in the period."""
    done = milestones_done(cluster)
    priority = {p["id"] for p in reference.pathways if p["priority"]}
    covered = len(priority & {course.pathway for course in cluster.shared_provision})
    out = []
    for key, name, months in MILESTONES:
        target = min(add_months(figures.period_start, months), figures.period_end)
        note = (f"{covered} of {len(priority)} priority pathways have shared provision now"
                if key == "provision_mapped" else None)
        out.append({"key": key, "milestone": name, "target": month_year(target),
                    "done": key in done, "status": done.get(key, "Planned"), "note": note})
    return out
