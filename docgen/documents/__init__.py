"""The documents: the catalogue, the model in words, and rendering DOCX bytes in memory.

`wording` (money, dates, choices) and `working` (the funding working) make the words;
`context/` names every template variable; `templates`, `wordmarkup`, `render`,
`properties` and `provenance` turn a template and a context into the same bytes every
time (`generate` does a cluster's documents); `docxsafe` and `textdump` read a `.docx`
nobody vetted. Nothing here writes a file. Imports `funding/`, `cluster/` and below.
"""
