"""Building many clusters: check, render, write atomically, in parallel, incrementally.

`pipeline` orchestrates (`check`, `build`); `unit` builds one cluster, `workers` shares
clusters out to processes, `incremental` and `state` skip the unchanged ones; `confine`,
`admit`, `write` and `tempdirs` keep every write inside its folder; `pdf` and `pack`
make PDFs and application packs. Imports `documents/` and below.
"""
