"""A membership change's records in words, the same for the notice and for `docgen diff`.

`membership.py` compares two versions into records of names and numbers; here each
record becomes the sentence a person reads.
"""

from __future__ import annotations

from docgen.changes.membership import (
    GOVERNANCE,
    Addressee,
    EnrolmentChange,
    GovernanceChange,
    MembershipDiff,
)

GROUP_WORDS = {GOVERNANCE: "Governance Group", "operations_group": "Operations Group"}
ROLE_WORDS = {"chair": "chair", "deputy_chair": "deputy chair"}
JOINS = {"joined": "joins", "left": "leaves"}
REASONS = {
    "department": "a school changing cluster must be reported to the department",
    "jspm": "the regional JSPM liaises with schools and clusters on membership changes",
}


def governance_sentence(change: GovernanceChange) -> str:
    """'Governance Group chair: A → B', 'Jo Bright (TAFE) joins the Governance Group', ..."""
    group = GROUP_WORDS[change.group]
    if change.role in ROLE_WORDS:
        return (f"{group} {ROLE_WORDS[change.role]}: {change.before or 'none'} → "
                f"{change.after or 'none'}")
    if change.change == "replaced":  # a school's nominee
        return f"{change.organisation}: {group} nominee {change.before} → {change.after}"
    joins = JOINS[change.change]
    if change.role == "member":
        return f"{change.person} ({change.organisation}) {joins} the {group}"
    if change.change == "joined":
        return f"{change.person} joins the {group} for {change.organisation}"
    return f"{change.person} leaves the {group} ({change.organisation})"


def enrolment_sentence(change: EnrolmentChange) -> str:
    """'Seaholme Bay Secondary College: +6 enrolments (164 → 170)'."""
    return (f"{change.school}: {change.after - change.before:+,} enrolments "
            f"({change.before:,} → {change.after:,})")


def reason(addressee: Addressee) -> str:
    """Why this person must be told of the change."""
    if addressee.reason in REASONS:
        return REASONS[addressee.reason]
    schools = ", ".join(addressee.schools)
    if addressee.reason == "other_cluster":
        return (f"the other cluster {schools} moves between; the respective clusters must "
                "each inform the department")
    return f"{addressee.reason.capitalize()} school involved: {schools}"


def who(addressee: Addressee) -> str:
    """'Name, Organisation', or the organisation alone when it is addressed as itself."""
    if addressee.name == addressee.organisation:
        return addressee.name
    return f"{addressee.name}, {addressee.organisation}"


def address(addressee: Addressee) -> str:
    """The email address; without one, who it is and that the cluster file gives none."""
    return addressee.email or f"{who(addressee)} (no email in the cluster file)"


def summary(diff: MembershipDiff) -> str:
    """One sentence for a version history row: what changed in membership and funding."""
    parts = [f"{s.name} joined the cluster" for s in diff.added]
    parts += [f"{s.name} left the cluster" for s in diff.removed]
    parts += [f"{r.before.name} renamed {r.after.name}" for r in diff.renamed]
    if diff.funding.band_before != diff.funding.band_after:
        parts.append(f"funding band {diff.funding.band_before} → {diff.funding.band_after}")
    if not parts and diff.governance:
        parts.append("governance membership updated")
    if not parts:
        parts.append(f"updated {', '.join(diff.other_sections) or 'document control'}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
