"""Two versions of a cluster file compared: membership, governance and funding as records.

`membership` compares, `phrases` words the records, `proposals` suggests the rows to
paste into the file, `notice` renders the membership change notice. Imports
`documents/` and below (never `build/`).
"""
