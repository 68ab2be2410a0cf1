"""Write the tables `tests/test_import.py` imports: CSV and XLSX, with the spreadsheet pitfalls.

    python tools/make_table_fixtures.py [--out FOLDER]   (default: tests/data/tables/)

The XLSX files are made with openpyxl as a spreadsheet program would save them, with
the traps real ones hold: school numbers stored as numbers (8214, 8214.0), date cells
and serials, `10/02/2025` typed as text, a formula never calculated (openpyxl saves no
value for it), merged header cells, trailing empty but formatted rows and columns. The
bytes repeat (fixed core-property times and zip layout), so tests/test_import.py
regenerates them and fails if a committed fixture and this script disagree.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
TABLES = HERE.parent / "tests" / "data" / "tables"
MOMENT = dt.datetime(2025, 3, 3)

SCHOOL_HEADER = ["school_number", "name", "sector", "address", "principal",
                 "vet_coordinator.name", "governance_nominee.name", "governance_nominee.role",
                 "vdss_enrolments"]
SCHOOL_ROWS = [  # for clusters/southern-shores.yaml
    ["8214", "", "", "", "", "", "", "", "170"],  # by number: enrolments 164 -> 170
    ["", "mentone  HEATH college", "", "", "Aroha Ngata-Smith", "", "", "", ""],  # by name
    ["0427", "Emu Flat College", "government", "1 Emu Road, Emu Flat VIC 3999", "Jo Bloggs",
     "Sam Lee", "Jo Bloggs", "principal_class", "55"],  # a new school, its zero kept
]


def csv_text(header: list[str], rows: list[list[str]], separator: str = ",",
             line_end: str = "\n") -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator=line_end)
    writer.writerows([header, *rows])
    return buffer.getvalue()


def csv_files() -> dict[str, bytes]:
    """The CSV tables, by file name."""
    plain = csv_text(SCHOOL_HEADER, SCHOOL_ROWS)
    return {
        "schools.csv": plain.encode("utf-8"),
        "schools-bom.csv": ("\ufeff" + plain).encode("utf-8"),
        "schools-semicolon.csv": csv_text(SCHOOL_HEADER, SCHOOL_ROWS, ";", "\r\n").encode(),
        "unknown-headers.csv": b"School Number,principle,email,vet_certificates,name\n"
                               b"8214,A,b@example.org,x,Seaholme\n",
        "check-fails.csv": csv_text(
            ["school_number", "vet_coordinator.email", "vdss_enrolments"],
            [["8214", "tom at seaholme", "170"], ["8231", "", "1000000"]]).encode(),
        "vass.csv": csv_text(["school_number", "name", "vdss_enrolments"],
                             [["8214", "Seaholme Bay Secondary College", "170"],
                              ["8655", "Kerrabee Secondary College", "220"],
                              ["8231", "Banksia Rise Secondary College", "121"],
                              ["9999", "Nowhere College", "12"]]).encode(),
        "keep-three.csv": b"school_number,vdss_enrolments\n8214,164\n8231,121\n8342,97\n",
        "keep-two.csv": b"school_number,vdss_enrolments\n8214,164\n8231,121\n",
        "same-school-twice.csv": b"school_number,name,vdss_enrolments\n8214,,170\n"
                                 b",SEAHOLME BAY SECONDARY COLLEGE,171\n",
        "new-school-short.csv": b"school_number,name,vdss_enrolments\n0427,Emu Flat College,55\n",
        "windows-1252.csv": "school_number,principal\n8214,Zoë Marsh\n".encode("cp1252"),
    }


def workbook(rows: list[list[Any]], title: str = "Schools") -> Any:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


def trailing_formats(sheet: Any, rows: int, columns: int) -> None:
    """Empty cells a user once formatted: they are saved, with a style and no value."""
    from openpyxl.styles import Font

    for row in range(sheet.max_row + 1, sheet.max_row + 1 + rows):
        for column in range(1, columns + 1):
            sheet.cell(row=row, column=column).font = Font(bold=True)
    for row in range(1, 4):
        sheet.cell(row=row, column=len(SCHOOL_HEADER) + 3).font = Font(italic=True)


def schools_xlsx() -> Any:
    """The CSV's schools as a spreadsheet keeps them: numbers as numbers, a trailing mess."""
    book = workbook([SCHOOL_HEADER,
                     [8214, None, None, None, None, None, None, None, 170],
                     [None, "mentone  HEATH college", None, None, "Aroha Ngata-Smith"],
                     ["0427", "Emu Flat College", "government", "1 Emu Road, Emu Flat VIC 3999",
                      "Jo Bloggs", "Sam Lee", "Jo Bloggs", "principal_class", 55.0]])
    trailing_formats(book.active, 5, len(SCHOOL_HEADER))
    return book


def bad_cells_xlsx() -> Any:
    header = ["school_number", "name", "address", "sector", "ttc_host", "vdss_enrolments"]
    return workbook([header,
                     [427.5, "Seaholme Bay Secondary College"],  # B: a number, not text
                     [8231.0, None, dt.datetime(2025, 2, 10)],  # a date where text is wanted
                     ["8307", None, None, "catholik", "yes"],
                     ["8342", None, None, None, True, "1,234"]])


def formula_xlsx() -> Any:
    return workbook([["school_number", "vdss_enrolments"], ["8214", 170], ["8231", "=B2*2"]])


def merged_xlsx() -> Any:
    book = workbook([["school_number", "vet_coordinator", None], [None, "name", "email"],
                     ["8214", "Tom Okafor", "tom@example.org"]])
    book.active.merge_cells("B1:C1")
    return book


def dates_xlsx() -> Any:
    """A membership-change table: a date as a date cell, as text and as a serial."""
    from openpyxl.styles import numbers

    book = workbook([["date", "school", "change"],
                     [dt.datetime(2025, 2, 10), "Emu Flat College", "joined"],
                     ["2025-02-10", "Emu Flat College", "joined"],
                     [45698, "Emu Flat College", "joined"],  # 2025-02-10 as a serial
                     ["10/02/2025", "Emu Flat College", "joined"],
                     ["25/02/2025", "Emu Flat College", "joined"],
                     [dt.datetime(2025, 2, 10, 9, 30), "Emu Flat College", "joined"]],
                    "Changes")
    book.active["A2"].number_format = numbers.FORMAT_DATE_YYYYMMDD2
    return book


def vass_xlsx() -> Any:
    """A VASS export on its second sheet, after a sheet of notes."""
    book = workbook([["Exported from VASS for the 2025 enrolment refresh."]], "About")
    sheet = book.create_sheet("Enrolments")
    for row in [["school_number", "vdss_enrolments"], [8214, 170], ["8655", 220.0],
                [9999, 12]]:
        sheet.append(row)
    return book


def xlsx_files() -> dict[str, bytes]:
    from docgen.build.summary import reproducible

    books = {"schools.xlsx": schools_xlsx(), "bad-cells.xlsx": bad_cells_xlsx(),
             "formula.xlsx": formula_xlsx(), "merged-header.xlsx": merged_xlsx(),
             "dates.xlsx": dates_xlsx(), "vass.xlsx": vass_xlsx()}
    return {name: reproducible(book, MOMENT) for name, book in books.items()}


def fixtures() -> dict[str, bytes]:
    """Every fixture's bytes, by file name."""
    return csv_files() | xlsx_files()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TABLES, help="folder to write into")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(fixtures().items()):
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
