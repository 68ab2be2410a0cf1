"""The round-trip editor of cluster files: JSON Patch in, the same YAML text out but for
the edit (comments, order, quoting and untouched lines kept). `docgen serve` saves a form
through it and `docgen import` merges spreadsheet rows with it.

`patch` applies operations (`pointer` reads their paths, `values` compares and shows
values); `source` reads the text and checks the result; `build` cuts the text into a
`tree` of entries; `entries` moves them with their comments; `write` and `text` write
new values in the file's own style.
"""

from docgen.cluster.edit.patch import (
    EditError,
    EditResult,
    Kinds,
    PatchError,
    SourceError,
    apply_patch,
    patch_values,
)

__all__ = ["EditError", "EditResult", "Kinds", "PatchError", "SourceError", "apply_patch",
           "patch_values"]
