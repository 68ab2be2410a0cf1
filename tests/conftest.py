"""Shared fixtures: the CLI runner, the repository's paths, and built example documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from docgen.cli import main
from docgen.documents.textdump import docx_text
from docgen.refdata import reference_data

REPO = Path(__file__).resolve().parent.parent
CLUSTERS = REPO / "clusters"
DATA = Path(__file__).resolve().parent / "data"
REFERENCE = reference_data()
"""The packaged reference data, read once for the tests that call the library directly."""


LAYOUT_CHARACTERS = str.maketrans({"\u00a0": " ", "\u2011": "-", "\u200b": None})
"""What documents print only for line breaking: a no-break space and hyphen in
classification codes, a break opportunity in email addresses."""


def school_joins(date: str) -> tuple[str, str]:
    """The metropolitan example before and after a school joins it from another cluster
    on `date` (with its membership change recorded): the texts of two cluster files."""
    source = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    joining = """\
  - name: Mornington Ridge Secondary College
    sector: government
    school_number: "8377"
    address: 5 Ridge Road, Mornington Ridge VIC 3199
    principal: Daniel Okoro
    vet_coordinator:
      name: Hannah Schultz
    governance_nominee:
      name: Daniel Okoro
      role: principal_class
    vdss_enrolments: 140

partners:"""
    move = (f"membership_changes:\n  - date: {date}\n    school: Mornington Ridge Secondary "
            "College\n    change: joined\n    from_cluster: Peninsula Hills VET Cluster\n")
    assert "\npartners:" in source and "membership_changes:" not in source
    return source, source.replace("\npartners:", "\n" + joining, 1) + move


def plain(text: str) -> str:
    """A document's text as a reader types it: the line-breaking characters undone
    (tests/test_line_breaks.py checks they are there)."""
    return text.translate(LAYOUT_CHARACTERS)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="Rewrite tests/goldens/*.txt from the current output.")


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Run `docgen ARGS...` in-process; the output is shown if an assertion fails."""

    def run(*args: str, input: str | None = None) -> Result:
        result = CliRunner().invoke(main, [str(a) for a in args], input=input,
                                    catch_exceptions=False)
        print(f"$ docgen {' '.join(map(str, args))}\n{result.output}")
        return result

    return run


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both example clusters built once per test session; the output folder."""
    from docgen.build.pipeline import build

    out = tmp_path_factory.mktemp("output")
    result = build([CLUSTERS], out)
    assert not result.failed, result.problems
    return out


@pytest.fixture(scope="session")
def document_text(built_examples: Path) -> Callable[[str, str], str]:
    """The extracted text of `output/<cluster>/<document>.docx`, as `plain` reads it."""

    def text(cluster: str, document: str) -> str:
        return plain(docx_text((built_examples / cluster / f"{document}.docx").read_bytes()))

    return text
