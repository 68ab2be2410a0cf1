"""Whether a cluster file is in the house style, so the page can say before a save that
the save will tidy it once.

The house style is how `docgen new` and the example files are written: LF line
endings, no byte-order mark, mappings indented two spaces, a list's items indented two
spaces under their key (`key:` then `  - item`). A save keeps every line of such a
file that it does not edit; a file in another style is rewritten in this one (values
and comments kept), once.
"""

from __future__ import annotations

import re

BLOCK_KEY = re.compile(r"^( *)(- )?[^#\s][^#]*:\s*(#.*)?$")
"""A line opening a block: `key:` with nothing after it but perhaps a comment."""


def restyle_reason(data: bytes) -> str:
    """Why a save would rewrite this file's layout, in words; '' for a house-style file."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "it starts with a byte-order mark"
    if b"\r" in data:
        return "it has Windows line endings"
    lines = [line for line in data.decode("utf-8", "replace").split("\n")
             if line.strip() and not line.lstrip().startswith("#")]
    for line, following in zip(lines, lines[1:], strict=False):
        found = BLOCK_KEY.match(line)
        if not found or "'" in line or '"' in line:
            continue
        indent = len(found.group(1)) + (2 if found.group(2) else 0)
        inner = len(following) - len(following.lstrip(" "))
        if inner <= indent:
            if following.lstrip().startswith("- ") and inner == indent:
                return "its lists are not indented under their keys"
            continue
        if inner != indent + 2:
            return f"it is indented by {inner - indent} spaces, not 2"
    return ""
