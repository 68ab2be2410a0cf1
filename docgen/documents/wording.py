"""Words: money, dates, quantities and the cluster file's choices, and ready-made phrases.

The one place a number, date or enumerated value becomes text, for the documents,
the funding working (`working.py`) and the reports alike: `$15,000`, `3 March 2025`,
`Government`. Coordinators edit the templates in Word, so a template holds wording,
`{{ value }}` and plain `{% if flag %}` / `{% for x in list %}` only
(tests/test_template_tags.py). What needs logic—plurals, names joined into prose, a
sentence whose shape depends on the data, a test against a display word—is worked
out here too; the contexts (`context/`) merge it in.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, overload

from docgen.cluster.model import Cluster, Llen, Position, employing_llen
from docgen.funding.money import cents

Context = dict[str, Any]
INDICATIVE = "indicative"
SECTOR_WORDS = {"government": "Government", "catholic": "Catholic", "independent": "Independent"}
ROLE_WORDS = {"principal_class": "Principal class", "vet_coordinator": "VET coordinator"}
CONTRIBUTION_WORDS = {  # the MoU's words for `mou.contributions.model`
    "flat_per_school": "a single annual contribution from each member school",
    "per_enrolment": "an annual contribution from each member school per VDSS enrolment",
    "hybrid": "an annual base contribution from each member school plus an amount per VDSS "
              "enrolment",
    "none": "no member contributions at present",
}
MODEL_WORDS = {  # the funding working's shorter words for the same models
    "flat_per_school": "the same amount from each school",
    "per_enrolment": "an amount per VDSS enrolment",
    "hybrid": "a base amount per school plus an amount per VDSS enrolment",
    "none": "no member contributions",
}
CHANGE_WORDS = {"joined": "Joined the cluster", "left": "Left the cluster", "renamed": "Renamed"}
BLANK = "_" * 12
"""A value the cluster file leaves out that the reader fills in by hand (not 'Not given')."""
NO_BREAK_SPACE, NO_BREAK_HYPHEN, BREAK_OPPORTUNITY = "\u00a0", "\u2011", "\u200b"
CODE = re.compile(r"\b(ES|Level|Range) (\d+(?:-\d+)*)\b")
"""An Education Support classification code ('ES 1-4-1') or its parts in words ('Level 1')."""
ADDRESS_BREAK = re.compile(r"(?<=[@.])(?=[^\s@.])")
"""After each '@' and '.' inside an email address: where a line may break."""


def nobreak_code(text: str) -> str:
    """Every classification code in `text` kept on one line: 'ES 1-4-1' is printed with a
    no-break space and no-break hyphens, 'Level 1' and 'Range 4' with no-break spaces.
    Word and LibreOffice otherwise break it at the space or a hyphen ('(ES' / '1-4-1)')."""
    return CODE.sub(lambda m: f"{m[1]}{NO_BREAK_SPACE}{m[2].replace('-', NO_BREAK_HYPHEN)}",
                    text)


@overload
def breakable_address(address: str) -> str: ...
@overload
def breakable_address(address: None) -> None: ...
def breakable_address(address: str | None) -> str | None:
    """An email address as a table cell prints it: a zero-width break opportunity after
    each '@' and '.', so a narrow column breaks it there and never mid-word. Running text
    prints an address whole (it moves to the next line instead), and a mailto link's
    target keeps the plain address."""
    return ADDRESS_BREAK.sub(BREAK_OPPORTUNITY, address) if address else address


@overload
def dollars(amount: Decimal) -> str: ...
@overload
def dollars(amount: None) -> None: ...
def dollars(amount: Decimal | None) -> str | None:
    """$15,000 for whole dollars, $1,130.32 otherwise (to the cent); -$5 for a negative
    amount; None stays None (a value the cluster file leaves out)."""
    if amount is None:
        return None
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if amount == amount.to_integral_value():
        return f"{sign}${amount:,.0f}"
    return f"{sign}${cents(amount):,.2f}"


def dollars_and_cents(amount: Decimal, indicative: bool = False) -> str:
    """$1,234.50 (always the cents, as budget columns show them), or "$1,234.50 (indicative)"."""
    sign = "-" if amount < 0 else ""
    text = f"{sign}${cents(abs(amount)):,.2f}"
    return f"{text} ({INDICATIVE})" if indicative else text


def number(value: Decimal) -> str:
    """A quantity without trailing zeros: 0.8, 1, 2.5, 0.25."""
    return f"{value.normalize():f}"


def fte(value: Decimal) -> str:
    """An FTE with at least one decimal place, exactly: 1.0, 0.8, 0.45."""
    text = number(value)
    return text if "." in text else f"{text}.0"


def position_fte(value: Decimal) -> str:
    """A position's FTE as its documents print it, to one place: 1.0, 0.4 (0.96 is 1.0)."""
    return f"{value:.1f}"


@overload
def long_date(day: dt.date) -> str: ...
@overload
def long_date(day: None) -> None: ...
def long_date(day: dt.date | None) -> str | None:
    """3 March 2025 (None stays None)."""
    return f"{day.day} {day:%B %Y}" if day else None


def month_year(day: dt.date) -> str:
    """March 2025."""
    return f"{day:%B %Y}"


def yes_no(value: bool) -> str:
    """Yes or No."""
    return "Yes" if value else "No"


PARTNERSHIP = ("with the member schools to administer the cluster, while the Cluster "
               "Governance Group gives the cluster its overall strategic direction.")


def english_list(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C' ('' for none)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, one: str, several: str) -> str:
    """`one` for a count of 1 (or 0), else `several`."""
    return several if count > 1 else one


def llen_words(llens: tuple[Llen, ...]) -> Context:
    """The cluster's LLENs in prose: plural words, names joined, sentences that agree."""
    n = len(llens)
    short = [entry.short_name for entry in llens]
    officers = [f"{entry.executive_officer.name} (Executive Officer, {entry.name})"
                for entry in llens]
    take, report = plural(n, "takes", "take"), plural(n, "reports", "report")
    executive_officers = plural(n, "LLEN Executive Officer", "LLEN Executive Officers")
    return {
        "several": n > 1, "abbreviation": plural(n, "LLEN", "LLENs"),
        "network": plural(n, "Local Learning and Employment Network",
                          "Local Learning and Employment Networks"),
        "executive_officers": executive_officers,
        "short_names": english_list(short), "short_names_listed": "; ".join(short),
        "names_listed": "; ".join(entry.name for entry in llens) or "None",
        "schools_and_llens": english_list(["The member schools", *short]),
        "officers_take_part": f"The {executive_officers} {take} part in cluster governance.",
        "named_officers_take_part": f"{english_list(officers)} {take} part in cluster "
                                    "governance.",
        "officers_report": f"The {executive_officers} {report} on the cluster to the LLEN "
                           f"{plural(n, 'board', 'boards')}.",
    }


def mou_words(cluster: Cluster) -> Context:
    """Who the MoU is between, who signs it, and what the LLENs do under it."""
    words = llen_words(cluster.llens)
    employer = employing_llen(cluster)
    parties = f"the member schools of {cluster.name}"
    partnership = f"{plural(len(cluster.llens), 'The LLEN partners', 'The LLENs partner')} " \
                  f"{PARTNERSHIP}"
    if cluster.llens:
        parties += (f" and the {words['network']} (LLEN) that "
                    f"{plural(len(cluster.llens), 'supports', 'support')} it")
    if words["several"] and employer:
        partnership += f" {employer.short_name} employs the Cluster Coordinator."
    llen_signs = " and for each LLEN by its Executive Officer" if cluster.llens else ""
    return {"parties": parties, "llen_partnership": partnership,
            "signatories": f"for each member school by its principal{llen_signs}",
            "signing_members": "the member schools" + (
                f" and the {words['abbreviation']}" if cluster.llens else "")}


def holder_clause(position: Position, before: str, after: str) -> str:
    """`before` NAME `after` for a filled position, '' for a vacant one."""
    return "" if position.vacant else f"{before}{position.name}{after}"


def coordinator_words(cluster: Cluster, classification_words: str, recommended: str) -> Context:
    """Sentences about the Cluster Coordinator that depend on who holds and employs it."""
    c = cluster.coordinator
    classification_words = nobreak_code(classification_words)
    employer = employing_llen(cluster)
    employed = f" and employed by {c.employer}" if c.employer else ""
    recruiting = "; it is being recruited" if c.vacant else ""
    reports = f" is employed by {c.employer} and" if c.employer else ""
    is_recommended = c.classification == recommended
    shown = position_fte(c.fte)  # the FTE as printed decides: 0.96 shows as 1.0, full time
    return {
        "position_summary": "The Cluster Coordinator position"
                            f"{holder_clause(c, ', held by ', ',')} is classified at "
                            f"{classification_words}{employed}{recruiting}.",
        "reporting_line": f"The Cluster Coordinator{holder_clause(c, ', ', ',')}{reports} "
                          "reports to the Governance Group on the cluster's work.",
        "time_fraction": f"{shown} FTE ({'full' if shown == '1.0' else 'part'} time)",
        "recommended_classification": is_recommended,
        "classification_text": classification_words if is_recommended else
        f"{nobreak_code(c.classification)} (the VET Cluster Framework recommends "
        f"{classification_words})",
        "instrument_words": "the employing LLEN's industrial instrument"
                            + (f" ({c.instrument})" if c.instrument else ""),
        "employer_name": employer.name if employer else
        c.employer or "the employer named by the Governance Group",
        "employer_short": employer.short_name if employer else c.employer or "the employer",
    }


def cluster_words(cluster: Cluster) -> Context:
    """How the cluster is described in running text."""
    employer = employing_llen(cluster)
    return {"kind": "an LLEN-facilitated VET cluster" if cluster.facilitation == "llen"
            else "a school-facilitated VET cluster",
            "employer_words": employer.short_name if employer else "The employer"}


def llen_contact(entry: Llen) -> str:
    """'Name, Executive Officer, SHORT, email, phone' (what is given)."""
    officer = entry.executive_officer
    given = [officer.name, "Executive Officer", entry.short_name, officer.email, officer.phone]
    return ", ".join(part for part in given if part)


def school_number_text(school_number: str | None, sector: str) -> str:
    """The school number, the same in every document: a blank to fill in for a government
    school without one, 'Not applicable' for a Catholic or independent school without one."""
    if school_number:
        return school_number
    return BLANK if sector == "government" else "Not applicable"


def where_and_when(host_school: str | None, delivery: str | None) -> str:
    """A shared course's 'At HOST: delivery', either part alone, or 'To be arranged'."""
    if host_school:
        return f"At {host_school}: {delivery}" if delivery else f"At {host_school}"
    return delivery or "To be arranged"


def ttc_management_funding(shared: bool, fee: str | None) -> str:
    """How a Trade Training Centre's management is funded, in the MoU's words."""
    if not shared:
        return "As agreed by the host school and the members (see below)"
    of_fee = f" of {fee}" if fee else ""
    return (f"Shared funding: member schools pay a fee per student enrolment{of_fee}, part of "
            "which funds centre management")
