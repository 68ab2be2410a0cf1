"""Member schools from a spreadsheet: `docgen import` without the command line.

A table (`.csv` or `.xlsx`) is read through byte, row and column caps (`read`,
`csvfile`, `xlsxfile`, `sheet`); its header names member-school keys (`columns`); each
cell is typed as the schema wants it, never guessed (`cells`, `rows`); rows are matched
to the cluster's schools (`match`) and turned into a JSON Patch with what it changes
(`plan`), applied by the cluster file's round-trip editor and checked (`merge`, `into`),
or shown (`preview`); `refresh` does the yearly enrolment update across a folder.
Nothing here writes a file: the command does, once the result has passed `check`.
Imports `documents/` and below (a sibling of `build/` and `changes/`).
"""
