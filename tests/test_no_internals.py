"""Nothing internal on the face of a document (issue 12, "Done when").

No document of either example, nor a change notice, names a reference data file or
says "seed", "placeholder", "could not be read", "not public", "indicative title" or
"to be confirmed": those belong to `docgen check` and the review checklist. Headers and
footers are read too; document properties (provenance) are not on the page.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from conftest import CLUSTERS, plain, school_joins

from docgen.cli import main
from docgen.documents.catalogue import DOCUMENTS
from docgen.documents.textdump import docx_text
from docgen.refdata import NAMES

BANNED = [*(f"{name}.yaml" for name in NAMES), *(name for name in NAMES if "_" in name),
          "seed", "placeholder",
          "could not be read", "not public", "indicative title", "to be confirmed",
          "illustrative", "verified", "docgen"]


@pytest.fixture(scope="module")
def notice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A change notice: a school joins the metropolitan example from another cluster."""
    folder = tmp_path_factory.mktemp("notice")
    before, after = school_joins("2025-03-10")
    (folder / "old.yaml").write_text(before, encoding="utf-8")
    (folder / "new.yaml").write_text(after, encoding="utf-8")
    target = folder / "notice.docx"
    with contextlib.suppress(SystemExit):
        main(["diff", str(folder / "old.yaml"), str(folder / "new.yaml"), "--notice",
              str(target)], standalone_mode=False)
    assert target.exists()
    return target


def pages(built_examples: Path, notice: Path) -> dict[str, str]:
    files = {f"{c.stem}/{d.name}": built_examples / c.stem / f"{d.name}.docx"
             for c in sorted(CLUSTERS.glob("*.yaml")) for d in DOCUMENTS}
    files["notice"] = notice
    return {name: plain(docx_text(path.read_bytes(), properties=False))
            for name, path in files.items()}


def test_no_document_shows_anything_internal(built_examples, notice):
    texts = pages(built_examples, notice)
    assert len(texts) == 13
    found = [f"{name}: {word!r}" for name, text in texts.items() for word in BANNED
             if re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", text, re.IGNORECASE)]
    assert found == []


def test_the_ban_would_catch_what_it_is_for():
    """The search finds each banned word where it would once have been printed."""
    samples = {"salary_rates.yaml": "Source: salary_rates.yaml: illustrative",
               "seed": "Guide (seed 000)", "indicative title": "Function 4 (indicative title)",
               "to be confirmed": "Employer: To be confirmed"}
    for word, text in samples.items():
        assert re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", text, re.IGNORECASE), word
