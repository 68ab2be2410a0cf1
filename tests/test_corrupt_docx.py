"""A damaged .docx (bytes flipped anywhere) is refused with a reason, never a crash.

`docgen text` is git's textconv, so it reads whatever a repository holds; templates come
from repositories too. Seeded corruptions of a real template must each end in exit 0
(the damage missed what is read) or 1 (refused), never 3.
"""

from __future__ import annotations

import random

import pytest
from conftest import REPO

from docgen.documents.docxsafe import DocxError, read_package
from docgen.documents.textdump import docx_text

TEMPLATE = (REPO / "templates" / "mou.docx").read_bytes()


def corrupted(seed: int) -> bytes:
    rng = random.Random(seed)
    data = bytearray(TEMPLATE)
    for _ in range(rng.randint(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


@pytest.mark.parametrize("seed", range(300))
def test_a_damaged_docx_is_read_or_refused(seed):
    data = corrupted(seed)
    try:
        read_package(data)
        docx_text(data)
    except DocxError:
        pass  # refused with its reason: what docgen text prints, exit 1
