"""Golden text of every example document: what a reader sees, compared line by line.

Refresh after an intended change with `pytest tests/test_goldens.py --update-goldens`
and review the diff of tests/goldens/ like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CLUSTERS, plain

from docgen.documents.catalogue import DOCUMENTS
from docgen.documents.textdump import docx_text

GOLDENS = Path(__file__).parent / "goldens"
CASES = [(cluster.stem, spec.name) for cluster in sorted(CLUSTERS.glob("*.yaml"))
         for spec in DOCUMENTS]


@pytest.mark.parametrize(("cluster", "document"), CASES)
def test_document_matches_golden(built_examples, request, cluster, document):
    docx = built_examples / cluster / f"{document}.docx"
    text = plain(docx_text(docx.read_bytes(), properties=False))  # readable in a review
    golden = GOLDENS / cluster / f"{document}.txt"
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden for {cluster}/{document}: run with --update-goldens"
    assert text.splitlines() == golden.read_text(encoding="utf-8").splitlines()


def test_no_template_residue(built_examples):
    """No tag, None or empty marker survives into any document."""
    for cluster, document in CASES:
        text = docx_text((built_examples / cluster / f"{document}.docx").read_bytes())
        for residue in ("{{", "}}", "{%", "%}", "None", "Undefined"):
            assert residue not in text, f"{residue!r} in {cluster}/{document}"
