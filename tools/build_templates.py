"""Regenerate the packaged templates in `templates/` from the `template_*.py` modules here.

The scripts are the source of the packaged templates; `templates/*.docx` are their
output, committed so that an installed docgen needs no python-docx. Run from anywhere:

    python tools/build_templates.py [DOCUMENT...] [--out FOLDER]

Each module `template_<document>.py` has `build() -> Document`; the result is saved as
`<FOLDER>/<document>.docx` (underscores become hyphens; FOLDER defaults to templates/).
tests/test_template_sources.py regenerates every template into a temporary folder and
fails on any byte difference, so a script changed without regenerating (or a template
edited by hand) cannot land. Cluster repositories customise exported copies instead
(`docgen templates export DIR`, then `docgen build --templates DIR`).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).parent
TEMPLATES = HERE.parent / "templates"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", nargs="*", help="only these (e.g. mou)")
    parser.add_argument("--out", type=Path, default=TEMPLATES, help="folder to write into")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import templatekit

    for module_path in sorted(HERE.glob("template_*.py")):
        document = module_path.stem.removeprefix("template_").replace("_", "-")
        if args.documents and document not in args.documents:
            continue
        module = importlib.import_module(module_path.stem)
        templatekit.save(module.build(), args.out / f"{document}.docx")
        print(f"wrote {args.out / f'{document}.docx'}")


if __name__ == "__main__":
    main()
