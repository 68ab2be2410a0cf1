"""Reference data shipped in `docgen/data/`: policy facts, functions, pathways, rates.

Every file states its `source`, `as_of` date and whether it is `verified`; figures
resting on unverified data are marked "indicative" wherever a document shows them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from docgen.errors import ReferenceDataError

DATA_DIR = Path(__file__).parent / "data"
REQUIRED_KEYS = ("source", "as_of", "verified")


@cache
def reference(name: str) -> dict[str, Any]:
    """The reference file `docgen/data/<name>.yaml`, loaded once per process."""
    import yaml  # here: hashing the files (a no-op rebuild) needs no YAML

    path = DATA_DIR / f"{name}.yaml"
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
    return data


def reference_files() -> list[Path]:
    """Every reference data file, sorted (for hashing inputs)."""
    return sorted(DATA_DIR.glob("*.yaml"))
