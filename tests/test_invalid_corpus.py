"""Broken cluster files and the exact messages `docgen check` gives for them.

Each case is a pair in tests/data/invalid/: `<case>.yaml`, the broken file, and
`<case>.expected`, every line `docgen check` prints for it without the file name
(`LINE:COLUMN: severity: message (key.path)`), in order. Lines starting with `#`
describe the case. Adding a case needs no code: drop in a file, run
`pytest tests/test_invalid_corpus.py --update-goldens`, read the `.expected` it wrote
and keep it if a coordinator could act on every line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import DATA

CORPUS = DATA / "invalid"
CASES = sorted(CORPUS.glob("*.yaml"))


def expected_lines(case: Path) -> tuple[list[str], list[str]]:
    """The case's description (comment lines) and expected problem lines."""
    text = case.with_suffix(".expected").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip()]
    return ([line for line in lines if line.startswith("#")],
            [line for line in lines if not line.startswith("#")])


def reported_lines(output: str, case: Path) -> list[str]:
    """The problem lines of `docgen check` output, without the file name."""
    prefix = re.compile(rf"^(?:.*[/\\])?{re.escape(case.name)}:")
    return [prefix.sub("", line) for line in output.splitlines() if prefix.match(line)]


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert all(case.with_suffix(".expected").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_invalid_file_gives_expected_messages(case, run_cli, request):
    result = run_cli("check", case)
    got = reported_lines(result.output, case)
    if request.config.getoption("--update-goldens"):
        about = expected_lines(case)[0] if case.with_suffix(".expected").exists() else []
        case.with_suffix(".expected").write_text("\n".join(about + got) + "\n", encoding="utf-8")
    about, expected = expected_lines(case)
    assert about, f"{case.name}: describe the case in a '# ...' line of its .expected file"
    assert got == expected
    errors = any(": error: " in line for line in expected)
    assert result.exit_code == (1 if errors else 0)
    assert all(int(line.split(":")[0]) >= 1 for line in got)


@pytest.mark.parametrize("case", [c for c in CASES if ": error: " not in
                                  c.with_suffix(".expected").read_text(encoding="utf-8")],
                         ids=lambda case: case.stem)
def test_warning_only_case_fails_under_strict(case, run_cli):
    result = run_cli("check", "--strict", case)
    assert result.exit_code == 1


def test_billion_laughs_is_refused(run_cli):
    """Refused before any alias is expanded (its time is in bench/hostile.py)."""
    result = run_cli("check", CORPUS / "billion-laughs.yaml")
    assert result.exit_code == 1 and "YAML anchor" in result.output


def test_every_file_is_reported_in_one_run(run_cli):
    """All problems in all files at once: one run over the folder reports every case."""
    result = run_cli("check", CORPUS)
    assert result.exit_code == 1
    for case in CASES:
        assert reported_lines(result.output, case) == expected_lines(case)[1], case.name


def test_troubleshooting_guide_quotes_messages_docgen_really_gives():
    """Every message in docs/troubleshooting.md is one a corpus case produces, verbatim."""
    guide = (CORPUS.parents[2] / "docs" / "troubleshooting.md").read_text(encoding="utf-8")
    quoted = re.findall(r"^clusters/example\.yaml:(\d+:\d+: (?:error|warning): .*)$", guide,
                        flags=re.MULTILINE)
    produced = {line for case in CASES for line in expected_lines(case)[1]}
    assert len(quoted) >= 12
    assert [line for line in quoted if line not in produced] == []
