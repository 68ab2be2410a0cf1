"""Templates checked against the context docgen gives them: tags, blocks and names.

`template` reads a `.docx` template's tags where Word put them, `shapes` walks its Jinja
against the shape of real contexts, made by `samples`. Imports `changes/` and below.
"""
