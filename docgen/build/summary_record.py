"""What the region summary needs of one cluster, made when the cluster is built.

The build checks each cluster anyway; it keeps here what `pack`'s summaries show of
it (the CSV row, the schools, the figures resting on unconfirmed reference data, the
document date and how many errors and warnings it had) and records it in the build
state beside the documents. A pack after a build reads the record instead of checking
every cluster again. As part of the state it is read as untrusted: `valid_record`
accepts only what `summarise` could have made, and every text goes through
`cellsafe.spreadsheet_safe` on its way into a cell anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.cluster.check import CheckedFile
    from docgen.funding.transition import Unconfirmed
    from docgen.refdata import ReferenceData

SUMMARY_COLUMNS = ("cluster", "file", "region", "area", "schools", "school_names",
                   "total_vdss_enrolments", "band", "total_funding_requested", "indicative",
                   "status")
ROW_COLUMNS = SUMMARY_COLUMNS[:-1]
"""A record's row has every column but the status: that depends on the pack too."""
RECORD_KEYS = frozenset({"row", "errors", "warnings", "schools", "unconfirmed", "date"})
BANDS_WORDS = "band thresholds"
"""How the Unconfirmed figures column names the bands (the chart's note looks for it)."""
MAX_TEXT = 100_000
MAX_SCHOOLS = 10_000


@dataclass(frozen=True, slots=True)
class Detail:
    """What the workbook shows of one valid cluster beyond its summary row."""

    schools: tuple[tuple[str, str, str, int], ...]  # name, sector, school number, enrolments
    unconfirmed: str
    date: dt.date


def summarise(checked: CheckedFile, reference: ReferenceData) -> dict[str, Any]:
    """The record of one checked cluster (valid or not), as JSON-ready values."""
    from docgen.cluster.model import total_vdss_enrolments
    from docgen.funding.transition import transition_funding

    errors = sum(p.is_error for p in checked.problems)
    record: dict[str, Any] = {
        "row": dict.fromkeys(ROW_COLUMNS, "") | {"file": checked.path.name},
        "errors": errors, "warnings": len(checked.problems) - errors,
        "schools": [], "unconfirmed": "", "date": None}
    cluster = checked.cluster
    if cluster is not None:
        figures = transition_funding(cluster, reference)
        record["row"] |= {
            "cluster": cluster.name, "region": cluster.region, "area": cluster.area,
            "schools": str(len(cluster.member_schools)),
            "school_names": "; ".join(s.name for s in cluster.member_schools),
            "total_vdss_enrolments": str(total_vdss_enrolments(cluster)),
            "band": figures.band.band, "total_funding_requested": f"{figures.total:.2f}",
            "indicative": "yes" if figures.indicative else "no"}
        record |= {"schools": [[s.name, s.sector, s.school_number or "", s.vdss_enrolments]
                               for s in cluster.member_schools],
                   "unconfirmed": unconfirmed_figures(figures.unconfirmed),
                   "date": cluster.document_control.date.isoformat()}
    return record


def unconfirmed_figures(unconfirmed: Unconfirmed) -> str:
    """The figures resting on unverified reference data, in a few words ('none' if none)."""
    words = [BANDS_WORDS] if unconfirmed.bands else []
    words += [f"{position} salary" for position, _, _ in unconfirmed.salaries]
    words += ["on-cost rate"] if unconfirmed.on_cost is not None else []
    return "; ".join(words) or "none"


def summary_row(record: dict[str, Any], packed: bool) -> dict[str, str]:
    """The record's line of the region summary, its status saying whether it was packed."""
    errors, warnings = record["errors"], record["warnings"]
    status = (f"invalid ({errors} error(s))" if errors else
              "not packed (build failed)" if not packed else
              f"valid ({warnings} warning(s))" if warnings else "valid")
    row: dict[str, str] = record["row"] | {"status": status}
    return row


def detail(record: dict[str, Any]) -> Detail | None:
    """The schools, unconfirmed figures and date of a valid cluster's record."""
    if not record["row"]["cluster"] or record["date"] is None:
        return None
    return Detail(tuple((name, sector, number, enrolments)
                        for name, sector, number, enrolments in record["schools"]),
                  record["unconfirmed"], dt.date.fromisoformat(record["date"]))


def valid_record(record: Any) -> bool:
    """A record `summarise` could have made: these keys, these types, bounded sizes."""
    if not isinstance(record, dict) or set(record) != RECORD_KEYS:
        return False
    row, schools = record["row"], record["schools"]
    return isinstance(row, dict) and set(row) == set(ROW_COLUMNS) \
        and all(text(value) for value in row.values()) \
        and all(type(record[key]) is int and record[key] >= 0 for key in ("errors", "warnings")) \
        and text(record["unconfirmed"]) and valid_date(record["date"]) \
        and isinstance(schools, list) and len(schools) <= MAX_SCHOOLS \
        and all(valid_school(school) for school in schools)


def valid_school(school: Any) -> bool:
    """A school as a record holds it: name, sector and school number as text, then enrolments."""
    return isinstance(school, list) and len(school) == 4 and all(map(text, school[:3])) \
        and type(school[3]) is int and school[3] >= 0


def valid_date(value: Any) -> bool:
    """None, or a date exactly in ISO form (2025-03-03)."""
    if value is None:
        return True
    try:
        return text(value) and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def text(value: Any) -> bool:
    """Text of at most `MAX_TEXT` characters."""
    return isinstance(value, str) and len(value) <= MAX_TEXT
