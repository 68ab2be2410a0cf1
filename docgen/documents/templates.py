"""Where DOCX templates come from: a repository's own `templates/`, else the packaged ones."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.errors import UsageError

if TYPE_CHECKING:  # rendering (docxtpl, lxml, Jinja) is imported only to compile
    from docgen.documents.render import CompiledTemplate

PACKAGE_DIR = Path(__file__).parent.parent


def packaged_templates() -> Path:
    """The templates shipped with docgen (inside the wheel, or the checkout's `templates/`)."""
    installed = PACKAGE_DIR / "templates"
    return installed if installed.is_dir() else PACKAGE_DIR.parent / "templates"


def template_path(filename: str, override_dir: Path | None = None) -> Path:
    """The template file to use: the override folder's copy if it has one."""
    if override_dir is not None and not override_dir.is_dir():  # a typo must not go unnoticed
        raise UsageError(f"no such templates folder: {override_dir}")
    if override_dir is not None and (override_dir / filename).is_file():
        return override_dir / filename
    path = packaged_templates() / filename
    if not path.is_file():
        raise UsageError(f"template not found: {path}")
    return path


@cache
def _compiled(path: Path, mtime_ns: int) -> CompiledTemplate:
    from docgen.documents.render import compile_template

    return compile_template(path)


def compiled_template(filename: str, override_dir: Path | None = None) -> CompiledTemplate:
    """The compiled template, compiled once per process (and again only if the file changes)."""
    path = template_path(filename, override_dir).resolve()
    return _compiled(path, path.stat().st_mtime_ns)
