"""The catalogue of documents docgen writes: name, title and template file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """One kind of output document."""

    name: str
    title: str

    @property
    def template(self) -> str:
        """The template's file name, `<name>.docx`."""
        return f"{self.name}.docx"


DOCUMENTS: tuple[DocumentSpec, ...] = (
    DocumentSpec("mou", "Memorandum of Understanding"),
    DocumentSpec("terms-of-reference", "Governance Terms of Reference"),
    DocumentSpec("position-description", "Cluster Coordinator Position Description"),
    DocumentSpec("funding-application", "VET Cluster Transition Funding Application"),
    DocumentSpec("implementation-plan", "Implementation Plan"),
    DocumentSpec("self-assessment", "VET Cluster Self-Assessment"),
)
DOCUMENT_NAMES = tuple(spec.name for spec in DOCUMENTS)

MEMBERSHIP_CHANGE_NOTICE = DocumentSpec("membership-change-notice", "Membership Change Notice")
"""Written by `docgen diff --notice`: it compares two versions of a cluster file, so it is
not in DOCUMENTS and `docgen build` never builds it."""
ON_DEMAND_NAMES = (MEMBERSHIP_CHANGE_NOTICE.name,)


def select(names: list[str] | None) -> tuple[DocumentSpec, ...]:
    """The documents named (all when None), in catalogue order; unknown names raise KeyError."""
    if not names:
        return DOCUMENTS
    unknown = [f"{name} (written by `docgen diff --notice`)" if name in ON_DEMAND_NAMES
               else name for name in names if name not in DOCUMENT_NAMES]
    if unknown:
        raise KeyError(", ".join(unknown))
    return tuple(spec for spec in DOCUMENTS if spec.name in names)
