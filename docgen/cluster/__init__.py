"""One cluster file: read, typed by the schema, validated and made into the model.

The first stage. `check.py` is the one path from a file on disk or a git revision
(`gitrev.py`) to a `CheckedFile`: `load` (bytes → YAML nodes, `syntax` for the
messages) → `values` (typed by `schema`) → `validate` (Cerberus, `messages`, `rules`,
`policy`) → `assemble` (the frozen `model`). Imports only the foundation.
"""
