"""A synthetic corpus of cluster files for the benchmark, made from the two examples.

Each file is one of the examples with a new cluster name, new school names (changed
everywhere the file mentions them), other enrolments and up to four extra member
schools: 4 to 11 schools a cluster, as real clusters have. A seeded random generator
makes the same corpus every time. Every file is checked before it is used.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import yaml

EXAMPLES = Path(__file__).resolve().parent.parent / "clusters"
PLACES = ["Acacia", "Banksia", "Bellbird", "Boronia", "Brolga", "Callistemon", "Coolabah",
          "Corella", "Currawong", "Dunnart", "Echidna", "Emu", "Galah", "Gecko", "Grevillea",
          "Ironbark", "Jacana", "Jarrah", "Kestrel", "Kookaburra", "Lorikeet", "Lyrebird",
          "Mallee", "Manna", "Numbat", "Paperbark", "Pardalote", "Platypus", "Quandong",
          "Quoll", "Rosella", "Saltbush", "Spinifex", "Stringybark", "Tuart", "Wallaby",
          "Waratah", "Wattle", "Wombat", "Yabby"]
FEATURES = ["Bay", "Creek", "Downs", "Flat", "Gully", "Heights", "Hill", "Lagoon", "Park",
            "Plains", "Point", "Ridge", "River", "Springs", "Vale"]
KINDS = ["Secondary College", "College", "High School", "P-12 College", "Grammar School",
         "Catholic College", "Community College"]
SURNAMES = ["Nguyen", "Smith", "Kaur", "Papadopoulos", "O'Brien", "Rossi", "Chen", "Walker",
            "Haddad", "Kowalski", "Ngata", "Singh", "Murphy", "Tran", "Jones", "Ali"]
GIVEN = ["Alex", "Sam", "Jo", "Priya", "Liam", "Mei", "Aroha", "Tom", "Zara", "Omar"]


def place_names(rng: random.Random) -> list[str]:
    """Every place name, shuffled: cluster and school names are drawn without repeats."""
    names = [f"{place} {feature}" for place in PLACES for feature in FEATURES]
    rng.shuffle(names)
    return names


def replace_text(value: Any, old: str, new: str) -> Any:
    """`value` with `old` replaced by `new` in every string, however deep."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [replace_text(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: replace_text(item, old, new) for key, item in value.items()}
    return value


def extra_school(template: dict[str, Any], name: str, number: int,
                 rng: random.Random) -> dict[str, Any]:
    """A further member school modelled on an existing one."""
    school = copy.deepcopy(template)
    person = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    address = f"{rng.randint(1, 300)} Main Road, {name.split()[0]} VIC 3{number % 1000:03d}"
    school.update(name=name, school_number=str(number), principal=person, address=address,
                  vdss_enrolments=rng.randint(30, 260))
    school["vet_coordinator"] = {"name": f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"}
    school["governance_nominee"] = {"name": person, "role": "principal_class"}
    school.pop("rto_code", None)
    school.pop("ttc_host", None)
    return school


def variant(base: dict[str, Any], index: int, names: list[str],
            rng: random.Random) -> dict[str, Any]:
    """Cluster `index`: the base example renamed, re-enrolled and perhaps enlarged."""
    data = copy.deepcopy(base)
    data = replace_text(data, data["cluster"]["name"], f"{names.pop()} VET Cluster")
    for school in list(data["member_schools"]):
        data = replace_text(data, school["name"], f"{names.pop()} {rng.choice(KINDS)}")
    for school in data["member_schools"]:
        school["vdss_enrolments"] = rng.randint(30, 260)
    template = data["member_schools"][-1]
    for extra in range(rng.randint(0, 4)):
        data["member_schools"].append(extra_school(
            template, f"{names.pop()} {rng.choice(KINDS)}", 9000 + index * 10 + extra, rng))
    return data


def generate(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` cluster files in `folder` (made once; kept if already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob("*.yaml"))
    if len(existing) == count:
        return existing
    for stale in existing:
        stale.unlink()
    rng = random.Random(seed)
    names = place_names(rng) * (1 + 12 * count // (len(PLACES) * len(FEATURES)))
    bases = [yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in sorted(EXAMPLES.glob("*.yaml"))]
    for index in range(count):
        data = variant(bases[index % len(bases)], index, names, rng)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (folder / f"cluster-{index:03d}.yaml").write_text(text, encoding="utf-8")
    return sorted(folder.glob("*.yaml"))
