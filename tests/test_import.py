"""`docgen import`: schools from CSV and XLSX tables, end to end through the command line.

The tables are in tests/data/tables/, made by tools/make_table_fixtures.py (the first test
fails if they and the script disagree). Each import goes into a copy of an example
cluster file; a preview must leave it byte for byte as it was, a write must change only
the lines it must and keep every comment and leading zero.
"""

from __future__ import annotations

import difflib
import io
import os
import random
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import CLUSTERS, DATA, REPO

from docgen.cluster.schema import MEMBERSHIP_CHANGE
from docgen.tables.columns import columns
from docgen.tables.read import read_table
from docgen.tables.rows import typed_rows

TABLES = DATA / "tables"
SCHOOLS_PREVIEW = [
    "clusters/southern-shores.yaml: 2 updated, 1 added",
    "  Seaholme Bay Secondary College (8214), row 2: updated",
    "    vdss_enrolments: 164 -> 170",
    "  Mentone Heath College (8342), row 3: updated",
    "    principal: 'Aroha Ngata' -> 'Aroha Ngata-Smith'",
    "  Emu Flat College (0427), row 4: added",
    "    name: 'Emu Flat College'",
    "    sector: 'government'",
    "    school_number: '0427'",
    "    address: '1 Emu Road, Emu Flat VIC 3999'",
    "    principal: 'Jo Bloggs'",
    "    vet_coordinator.name: 'Sam Lee'",
    "    governance_nominee.name: 'Jo Bloggs'",
    "    governance_nominee.role: 'principal_class'",
    "    vdss_enrolments: 55",
    "  not in the table, kept as they are: Banksia Rise Secondary College (8231); "
    "Kingsford Park Arts & Technology School (8307)",
]
NEW_SCHOOL_LINES = [
    "  - name: Emu Flat College\n",
    "    sector: government\n",
    '    school_number: "0427"\n',
    "    address: 1 Emu Road, Emu Flat VIC 3999\n",
    "    principal: Jo Bloggs\n",
    "    vet_coordinator:\n",
    "      name: Sam Lee\n",
    "    governance_nominee:\n",
    "      name: Jo Bloggs\n",
    "      role: principal_class\n",
    "    vdss_enrolments: 55\n",
]


@pytest.fixture
def clusters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example clusters, in a working folder of its own."""
    shutil.copytree(CLUSTERS, tmp_path / "clusters")
    shutil.copytree(TABLES, tmp_path / "tables")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "clusters"


SOUTHERN = "clusters/southern-shores.yaml"


def lines_of(result) -> list[str]:
    return result.stdout.splitlines()


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines removed and the lines added, as a line diff gives them."""
    diff = list(difflib.ndiff(before.splitlines(True), after.splitlines(True)))
    return ([line[2:] for line in diff if line.startswith("- ")],
            [line[2:] for line in diff if line.startswith("+ ")])


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#") or " # " in line]


def test_fixtures_are_what_the_script_makes(tmp_path):
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import make_table_fixtures
    finally:
        sys.path.remove(str(REPO / "tools"))
    made = make_table_fixtures.fixtures()
    assert sorted(made) == sorted(p.name for p in TABLES.iterdir())
    for name, data in made.items():
        assert (TABLES / name).read_bytes() == data, f"run tools/make_table_fixtures.py ({name})"


def test_preview_shows_school_by_school_and_writes_nothing(run_cli, clusters):
    before = (clusters / "southern-shores.yaml").read_bytes()
    result = run_cli("import", "tables/schools.csv", "--into", SOUTHERN)
    assert result.exit_code == 0
    assert lines_of(result) == SCHOOLS_PREVIEW
    assert "run again with --write" in result.stderr
    assert (clusters / "southern-shores.yaml").read_bytes() == before


@pytest.mark.parametrize("table", ["schools-bom.csv", "schools-semicolon.csv", "schools.xlsx"])
def test_bom_semicolon_and_xlsx_tables_read_as_the_plain_csv(run_cli, clusters, table):
    result = run_cli("import", f"tables/{table}", "--into", SOUTHERN)
    assert result.exit_code == 0
    assert [line for line in lines_of(result) if ": warning: " not in line] == SCHOOLS_PREVIEW


def test_a_school_number_stored_as_a_number_becomes_its_digits_with_a_warning(run_cli,
                                                                             clusters):
    result = run_cli("import", "tables/schools.xlsx", "--into", SOUTHERN)
    assert "tables/schools.xlsx:2:1: warning: 8214 was stored as a number; read as the text " \
           "'8214' (a leading zero the spreadsheet dropped cannot be known: check it, and " \
           "format the column as Text) (school_number)" in lines_of(result)


def test_write_changes_only_the_lines_it_must_and_keeps_comments(run_cli, clusters):
    path = clusters / "southern-shores.yaml"
    before = path.read_text(encoding="utf-8")
    result = run_cli("import", "tables/schools.xlsx", "--into", SOUTHERN, "--write")
    assert result.exit_code == 0 and f"Wrote {SOUTHERN}" in result.stdout
    after = path.read_text(encoding="utf-8")
    removed, added = changed_lines(before, after)
    assert removed == ["    vdss_enrolments: 164\n", "    principal: Aroha Ngata\n"]
    assert added == ["    vdss_enrolments: 170\n", "    principal: Aroha Ngata-Smith\n",
                     *NEW_SCHOOL_LINES]
    assert comments(after) == comments(before)
    assert run_cli("check", SOUTHERN).exit_code == 0
    again = run_cli("import", "tables/schools.xlsx", "--into", SOUTHERN, "--write")
    assert again.exit_code == 0 and "Nothing to change." in again.stderr
    assert path.read_text(encoding="utf-8") == after


def test_a_row_matches_by_name_whatever_its_case_and_spacing(run_cli, clusters):
    result = run_cli("import", "tables/schools.csv", "--into", SOUTHERN)
    assert "  Mentone Heath College (8342), row 3: updated" in lines_of(result)
    assert not any(line.startswith("    name: 'Mentone") for line in lines_of(result))


def test_bad_cells_are_refused_at_their_row_and_column(run_cli, clusters):
    before = (clusters / "southern-shores.yaml").read_bytes()
    result = run_cli("import", "tables/bad-cells.xlsx", "--into", SOUTHERN, "--write")
    assert result.exit_code == 1
    name = "tables/bad-cells.xlsx"
    assert [line for line in lines_of(result) if ": error: " in line] == [
        f"{name}:2:1: error: expected text, found the number 427.5; format the column as Text "
        "and type the value again (school_number)",
        f"{name}:3:3: error: expected text, found a date (2025-02-10); format the column as "
        "Text and type the value again (address)",
        f"{name}:4:4: error: 'catholik' is not one of government, catholic, independent; did "
        "you mean 'catholic'? (sector)",
        f"{name}:4:5: error: expected true or false, found 'yes' (ttc_host)",
        f"{name}:5:6: error: expected a whole number, found '1,234'; write digits only, e.g. "
        "164 (vdss_enrolments)",
    ]
    assert "5 error(s): nothing written" in result.stderr
    assert (clusters / "southern-shores.yaml").read_bytes() == before


@pytest.mark.parametrize(("table", "expected"), [
    ("formula.xlsx", "tables/formula.xlsx:3:2: error: a formula (=B2*2) with no saved value: "
                     "open the file in Excel or LibreOffice Calc and save it, or paste the "
                     "values in its place"),
    ("merged-header.xlsx", "tables/merged-header.xlsx:1:2: error: header cells B1:C1 are "
                           "merged; unmerge them and give each cell its own value (each column "
                           "its own header, such as vet_coordinator.name)"),
    ("windows-1252.csv", "tables/windows-1252.csv:2:2: error: the file is not valid UTF-8 "
                         "(byte 0xEB); save it as 'CSV UTF-8'"),
    ("same-school-twice.csv", "tables/same-school-twice.csv:3:2: error: row 2 is this school "
                              "already; give each school one row"),
    ("new-school-short.csv", "tables/new-school-short.csv:2:1: error: a new school (no school "
                             "has this row's school_number or name) needs sector, address, "
                             "principal, vet_coordinator.name, governance_nominee.name, "
                             "governance_nominee.role: add those columns"),
])
def test_tables_docgen_will_not_guess_at(run_cli, clusters, table, expected):
    result = run_cli("import", f"tables/{table}", "--into", SOUTHERN, "--write")
    assert result.exit_code == 1
    assert expected in lines_of(result)


def test_unknown_headers_say_what_was_meant(run_cli, clusters):
    result = run_cli("import", "tables/unknown-headers.csv", "--into", SOUTHERN)
    assert result.exit_code == 1
    assert lines_of(result) == [
        "tables/unknown-headers.csv:1:1: error: unknown column 'School Number': not a "
        "member-school key; did you mean 'school_number'?",
        "tables/unknown-headers.csv:1:2: error: unknown column 'principle': not a "
        "member-school key; did you mean 'principal'?",
        "tables/unknown-headers.csv:1:3: error: unknown column 'email': not a member-school "
        "key; did you mean 'vet_coordinator.email'?",
        "tables/unknown-headers.csv:1:4: error: 'vet_certificates' is a list, which one cell "
        "cannot hold; edit it in the cluster file",
    ]


def test_problems_check_finds_in_the_result_are_reported_at_their_cells(run_cli, clusters):
    result = run_cli("import", "tables/check-fails.csv", "--into", SOUTHERN, "--write")
    assert result.exit_code == 1
    assert [line for line in lines_of(result) if ": error: " in line] == [
        "tables/check-fails.csv:2:2: error: 'tom at seaholme' is not in the expected form "
        "(Email address) (member_schools[0].vet_coordinator.email)",
        "tables/check-fails.csv:3:3: error: must be at most 100,000, found 1,000,000 "
        "(member_schools[1].vdss_enrolments)",
    ]
    assert run_cli("check", SOUTHERN).exit_code == 0  # nothing written


def test_remove_missing_removes_only_when_the_result_passes_check(run_cli, clusters):
    path = clusters / "southern-shores.yaml"
    before = path.read_text(encoding="utf-8")
    refused = run_cli("import", "tables/keep-two.csv", "--into", SOUTHERN, "--remove-missing",
                      "--write")
    assert refused.exit_code == 1
    assert "  Mentone Heath College (8342): removed (not in the table)" in lines_of(refused)
    assert any("error: 'Mentone Heath College' is not a member school" in line and
               "(in the file as the import would leave it)" in line
               for line in lines_of(refused))
    assert path.read_text(encoding="utf-8") == before
    result = run_cli("import", "tables/keep-three.csv", "--into", SOUTHERN, "--remove-missing",
                     "--write")
    assert result.exit_code == 0
    assert "  Kingsford Park Arts & Technology School (8307): removed (not in the table)" \
        in lines_of(result)
    removed, added = changed_lines(before, path.read_text(encoding="utf-8"))
    block = before.split("  - name: Kingsford Park", 1)[1].split("  - name: ", 1)[0]
    assert added == [] and "".join(removed) == "  - name: Kingsford Park" + block


def test_enrolments_refresh_across_a_folder(run_cli, clusters):
    before = {p.name: p.read_text(encoding="utf-8") for p in clusters.iterdir()}
    preview = run_cli("import", "tables/vass.csv", "--into", "clusters", "--only", "enrolments")
    assert preview.exit_code == 0
    assert lines_of(preview) == [
        "clusters/goulburn-plains.yaml: 1 updated",
        "  Kerrabee Secondary College (8655), row 3: updated",
        "    vdss_enrolments: 212 -> 220",
        "  not in the table, kept as they are: St Brigid's College; Yarrabend Grammar School; "
        "Corella Flat Secondary College (8671); Emu Downs P-12 College (8702); Brolga Springs "
        "Secondary College (8719); Bindaree Ridge Community College (8726)",
        "clusters/southern-shores.yaml: 1 updated, 1 unchanged",
        "  Seaholme Bay Secondary College (8214), row 2: updated",
        "    vdss_enrolments: 164 -> 170",
        "  not in the table, kept as they are: Kingsford Park Arts & Technology School (8307); "
        "Mentone Heath College (8342)",
        "Schools in the table but in no cluster file (1): 9999 (row 5)",
    ]
    result = run_cli("import", "tables/vass.csv", "--into", "clusters", "--only", "enrolments",
                     "--write")
    assert result.exit_code == 0
    changes = {name: changed_lines(text, (clusters / name).read_text(encoding="utf-8"))
               for name, text in before.items()}
    assert changes == {
        "goulburn-plains.yaml": (["    vdss_enrolments: 212\n"], ["    vdss_enrolments: 220\n"]),
        "southern-shores.yaml": (["    vdss_enrolments: 164\n"], ["    vdss_enrolments: 170\n"]),
    }


def test_enrolments_from_the_named_sheet_of_a_workbook(run_cli, clusters):
    first = run_cli("import", "tables/vass.xlsx", "--into", "clusters", "--only", "enrolments")
    assert first.exit_code == 1 and "unknown column 'Exported from VASS" in first.stdout
    result = run_cli("import", "tables/vass.xlsx", "--into", "clusters", "--only", "enrolments",
                     "--sheet", "Enrolments")
    assert result.exit_code == 0
    assert "    vdss_enrolments: 212 -> 220" in lines_of(result)  # 8655 stored as 220.0
    assert "Schools in the table but in no cluster file (1): 9999 (row 4)" in lines_of(result)
    wrong = run_cli("import", "tables/vass.xlsx", "--into", "clusters", "--only", "enrolments",
                    "--sheet", "Enrolmnts")
    assert wrong.exit_code == 2
    assert "has no sheet named 'Enrolmnts'; did you mean 'Enrolments'? (its sheets: About, " \
           "Enrolments)" in wrong.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["tables/schools.csv", "--into", "clusters"], "add --only enrolments"),
    (["tables/vass.csv", "--into", "clusters", "--only", "enrolments", "--remove-missing"],
     "--remove-missing cannot go with --only enrolments"),
    (["tables/missing.csv", "--into", SOUTHERN], "no such file: tables/missing.csv"),
    (["tables/schools.csv", "--into", "clusters/nowhere.yaml"],
     "no such file or folder: clusters/nowhere.yaml"),
    (["clusters/southern-shores.yaml", "--into", SOUTHERN], "must be a .csv or .xlsx file"),
    (["tables/schools.csv", "--into", SOUTHERN, "--sheet", "Schools"], "a .csv has one table"),
])
def test_usage_errors(run_cli, clusters, args, message):
    result = run_cli("import", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_dates_from_date_cells_iso_text_and_serials_never_from_ambiguous_text():
    table = read_table(TABLES / "dates.xlsx")
    rows, problems = typed_rows(table, columns(table, MEMBERSHIP_CHANGE["schema"]))
    assert [row.value("date").isoformat() for row in rows if row.value("date")] == \
        ["2025-02-10"] * 3
    assert [(p.line, p.column, p.message) for p in problems] == [
        (5, 1, "'10/02/2025' is ambiguous: day/month gives 2025-02-10, month/day gives "
               "2025-10-02; write the date as YYYY-MM-DD"),
        (6, 1, "expected a date written YYYY-MM-DD (2025-02-25), found '25/02/2025' (docgen "
               "does not guess the order of day and month)"),
        (7, 1, "expected a date, found a date and time (2025-02-10 09:30:00); keep the date "
               "only"),
    ]


def test_trailing_empty_rows_and_columns_are_ignored():
    table = read_table(TABLES / "schools.xlsx")
    assert [row[0].row for row in table.rows] == [2, 3, 4]
    assert max(cell.column for row in table.rows for cell in row) == 9


# --- bounded: hostile tables fail fast with a message, never exit 3 ---------------------

def big_csv(rows: int, columns: int) -> bytes:
    header = ",".join(["name"] + [""] * (columns - 1))
    return (header + "\n" + "\n".join(["x" + "," * (columns - 1)] * rows) + "\n").encode()


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("rows.csv", big_csv(10_001, 1), "rows.csv:10002:1: error: more than 10,000 rows of data; "
                                     "split the table"),
    ("columns.csv", b"name" + b",x" * 200 + b"\n", "columns.csv:1:201: error: more than 200 "
                                                    "columns; a member school has about twenty "
                                                    "keys"),
    ("not-a-zip.xlsx", b"school_number\n8214\n", "not an Excel workbook (.xlsx)"),
])
def test_hostile_tables_are_refused_plainly(run_cli, clusters, name, data, expected):
    Path("tables", name).write_bytes(data)
    result = run_cli("import", f"tables/{name}", "--into", SOUTHERN)
    assert result.exit_code == 1 and expected in result.output


def test_a_value_far_to_the_right_is_refused_not_dropped(run_cli, clusters):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["school_number", "vdss_enrolments"])
    book.active.append(["8214", 170])
    book.active["XFD3"] = "hidden far away"
    book.save("tables/wide.xlsx")
    result = run_cli("import", "tables/wide.xlsx", "--into", SOUTHERN)
    assert result.exit_code == 1
    assert "tables/wide.xlsx:3:16384: error: more than 200 columns" in result.output


def test_a_zip_bomb_posing_as_a_workbook_stops_at_the_cap(run_cli, clusters):
    with zipfile.ZipFile("tables/bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 70_000_000)
    result = run_cli("import", "tables/bomb.xlsx", "--into", SOUTHERN)
    assert result.exit_code == 1 and "inflates to more than" in result.stderr


def test_a_doctype_in_a_workbook_is_refused(run_cli, clusters):
    source = zipfile.ZipFile(TABLES / "schools.xlsx")
    with source, zipfile.ZipFile("tables/entities.xlsx", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("sheet1.xml"):
                declaration, _, rest = data.rpartition(b"?>")
                data = (declaration + b"?>" if declaration else b"") + \
                    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + rest
            target.writestr(info, data)
    result = run_cli("import", "tables/entities.xlsx", "--into", SOUTHERN)
    assert result.exit_code == 1 and "has a DOCTYPE declaration" in result.stderr


def corrupted(data: bytes, seed: int) -> bytes:
    """`data` with a few bytes of the zip, or of one inflated part, changed at random."""
    rng = random.Random(seed)
    if seed % 2:
        mangled = bytearray(data)
        for _ in range(rng.randint(1, 5)):
            mangled[rng.randrange(len(mangled))] = rng.randrange(256)
        return bytes(mangled)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    victim = rng.choice(sorted(parts))
    part = bytearray(parts[victim])
    for _ in range(rng.randint(1, 8)):
        part[rng.randrange(len(part))] = rng.choice(b'<>"=/ 0123456789ABCtrvsf\xff')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in parts.items():
            target.writestr(name, bytes(part) if name == victim else content)
    return buffer.getvalue()


def test_corrupted_workbooks_are_refused_never_a_crash(run_cli, clusters):
    original = (TABLES / "schools.xlsx").read_bytes()
    for seed in range(60):
        Path("tables/corrupt.xlsx").write_bytes(corrupted(original, seed))
        result = run_cli("import", "tables/corrupt.xlsx", "--into", SOUTHERN)
        assert result.exit_code in (0, 1), (seed, result.output)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_without_blocking(run_cli, clusters):
    os.mkfifo("tables/pipe.csv")
    result = run_cli("import", "tables/pipe.csv", "--into", SOUTHERN)
    assert result.exit_code == 1 and "named pipe (FIFO), not a table file" in result.stderr
