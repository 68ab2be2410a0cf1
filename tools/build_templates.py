"""Regenerate every template in `templates/` from the `template_*.py` modules here.

Run from the repository root:  python tools/build_templates.py
Each module `template_<document>.py` has `build() -> Document`; the result is saved as
`templates/<document>.docx` (underscores become hyphens).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).parent
TEMPLATES = HERE.parent / "templates"


def main() -> None:
    sys.path.insert(0, str(HERE))
    import templatekit

    wanted = set(sys.argv[1:])
    for module_path in sorted(HERE.glob("template_*.py")):
        document = module_path.stem.removeprefix("template_").replace("_", "-")
        if wanted and document not in wanted:
            continue
        module = importlib.import_module(module_path.stem)
        templatekit.save(module.build(), TEMPLATES / f"{document}.docx")
        print(f"wrote templates/{document}.docx")


if __name__ == "__main__":
    main()
