"""Reference data shipped in `docgen/data/`: policy facts, functions, pathways, rates.

Every file states its `source`, `as_of` date and whether it is `verified`; figures
resting on unverified data are marked "indicative" wherever a document shows them.

The files are read once, at the edge (a command, a build worker), into one
`ReferenceData` value that is passed down: validation, funding and the documents
read it as plain data and never open a file themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from docgen.errors import ReferenceDataError
from docgen.files import PACKAGE_DIR

DATA_DIR = PACKAGE_DIR / "data"
REQUIRED_KEYS = ("source", "as_of", "verified")
POLICY, BANDS, SALARIES, SRP = "policy", "funding_bands", "salary_rates", "srp_vet_2019"
SCALE, PATHWAYS, FUNCTIONS, CONTACTS = ("rating_scale", "priority_pathways", "functions",
                                        "contacts")
NAMES = (POLICY, BANDS, SALARIES, SRP, SCALE, PATHWAYS, FUNCTIONS, CONTACTS)
"""Every reference file docgen reads, by name (`docgen/data/<name>.yaml`)."""


@dataclass(frozen=True, eq=False)  # one value per process, compared (and hashed) by identity
class ReferenceData:
    """Every reference data file, read: its name → its content."""

    files: dict[str, dict[str, Any]]

    def __getitem__(self, name: str) -> dict[str, Any]:
        return self.files[name]

    @property
    def policy(self) -> dict[str, Any]:
        """The policy facts the documents quote (`policy.yaml`)."""
        return self.files[POLICY]

    @property
    def funding_bands(self) -> dict[str, Any]:
        """The transition funding bands by total VDSS enrolments."""
        return self.files[BANDS]

    @property
    def salary_rates(self) -> dict[str, Any]:
        """The annual salaries and on-cost rate positions are costed at."""
        return self.files[SALARIES]

    @property
    def srp(self) -> dict[str, Any]:
        """SRP Reference 56 (2019): core SRP chain, targeted VET bands, rural, TAFE."""
        return self.files[SRP]

    @property
    def rating_scale(self) -> dict[str, Any]:
        """The self-assessment's rating scale."""
        return self.files[SCALE]

    @property
    def pathways(self) -> list[dict[str, Any]]:
        """The priority (and flexible) pathways, in the order the file lists them."""
        pathways: list[dict[str, Any]] = self.files[PATHWAYS]["pathways"]
        return pathways

    @property
    def functions(self) -> list[dict[str, Any]]:
        """The cluster functions, strategic and operational, in the framework's order."""
        functions: list[dict[str, Any]] = self.files[FUNCTIONS]["functions"]
        return functions

    @property
    def contacts(self) -> dict[str, Any]:
        """The department's and the sectors' contacts the Framework Guide names."""
        return self.files[CONTACTS]


def read_file(path: Path) -> dict[str, Any]:
    """One reference file, checked to state its source, date and verification."""
    import yaml  # here: hashing the files (a no-op rebuild) needs no YAML

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except FileNotFoundError:
        raise ReferenceDataError(f"reference data missing: expected {path}") from None
    except yaml.YAMLError as exc:
        raise ReferenceDataError(f"reference data {path} is not valid YAML: {exc}") from None
    missing = [key for key in REQUIRED_KEYS if not isinstance(data, dict) or key not in data]
    if missing:
        raise ReferenceDataError(f"reference data {path} lacks {', '.join(missing)}")
    return dict(data)


@cache
def read_reference(folder: Path) -> ReferenceData:
    """Every reference file in `folder`, read once per process and folder."""
    return ReferenceData({name: read_file(folder / f"{name}.yaml") for name in NAMES})


def reference_data() -> ReferenceData:
    """The packaged reference data (`docgen/data/`): what a command reads at its start."""
    return read_reference(DATA_DIR)


def reference_files() -> list[Path]:
    """Every reference data file, sorted (for hashing inputs)."""
    return sorted(DATA_DIR.glob("*.yaml"))
