"""The region summary as a workbook to look at: `region-summary.xlsx` beside the CSV.

Three sheets: *Clusters* (one row per cluster, as the CSV: schools, total VDSS
enrolments, band, total requested, status, and which figures rest on unconfirmed
reference data), *Schools* (every member school of every valid cluster) and *Chart*
(a native bar chart of enrolments by cluster, with the band thresholds of
`funding_bands.yaml` drawn across it as lines). Each table has a frozen header, a
filter, column widths and number formats, so it reads well when opened.

No text cell can run as a formula: every one goes through `cellsafe.spreadsheet_safe`
and is typed as a string. The bytes depend only on the inputs: core-property times
come from SOURCE_DATE_EPOCH or the newest cluster `document.date` (never the clock),
and the zip is laid out again with fixed timestamps (`documents/ziparchive.py`).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from docgen.build.cellsafe import spreadsheet_safe
from docgen.build.summary_record import BANDS_WORDS, Detail
from docgen.refdata import ReferenceData, reference_data

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


SUMMARY_XLSX = "region-summary.xlsx"
MONEY, WHOLE, TEXT = "$#,##0.00", "#,##0", "@"
CLUSTER_COLUMNS = (("Cluster", "cluster", TEXT), ("File", "file", TEXT),
                   ("Region", "region", TEXT), ("Area", "area", TEXT),
                   ("Schools", "schools", WHOLE),
                   ("Total VDSS enrolments", "total_vdss_enrolments", WHOLE),
                   ("Band", "band", TEXT), ("Total requested", "total_funding_requested", MONEY),
                   ("Status", "status", TEXT), ("Unconfirmed figures", "unconfirmed", TEXT))
"""Each column of the Clusters sheet: its header, its key in a summary row, its format."""
SCHOOL_HEADERS = ("Cluster", "School", "Sector", "School number", "VDSS enrolments")
WIDEST = 50
"""Widest column, in characters: longer text wraps in the cell's own width."""
LINE_POINTS = 15
"""Height of a line of 11-point text, in points (a wrapped cell's row grows by lines)."""
NO_DATE = dt.datetime(1980, 1, 1)
"""The time of a workbook with no valid cluster and no SOURCE_DATE_EPOCH (the zip epoch)."""


def region_workbook(rows: Sequence[dict[str, str]], details: dict[str, Detail]) -> bytes:
    """The region summary workbook for `rows` (the CSV's rows, in order) and the `details`
    of the valid clusters among them, by file name."""
    reference = reference_data()
    return workbook_bytes(rows, details, thresholds(reference), unconfirmed_bands(reference))


def thresholds(reference: ReferenceData) -> list[tuple[str, int]]:
    """Each band above the first, with the enrolments where it starts."""
    from docgen.cluster.policy import bands

    return [(band.band, band.min_enrolments) for band in bands(reference)
            if band.min_enrolments > 0]


def unconfirmed_bands(reference: ReferenceData) -> bool:
    """Whether the funding bands are still unverified reference data."""
    return not reference.funding_bands.get("verified", False)


def workbook_bytes(rows: Sequence[dict[str, str]], details: dict[str, Detail],
                   bands: list[tuple[str, int]], bands_unconfirmed: bool) -> bytes:
    """The workbook: Clusters, Schools and Chart sheets, as reproducible bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    clusters_sheet(workbook.active, rows, details)
    schools_sheet(workbook.create_sheet("Schools"), rows, details)
    chart_sheet(workbook.create_sheet("Chart"), rows, bands,
                bands_note(details) if bands_unconfirmed else None)
    workbook.properties.title = "Region summary"
    return reproducible(workbook, newest(details))


def put(sheet: Worksheet, row: int, column: int, value: Any, number_format: str = TEXT) -> None:
    """One cell: text made safe and typed as a string; a number with its format."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = spreadsheet_safe(value)
        cell.data_type = "s"  # never a formula, whatever openpyxl would guess
        cell.number_format = TEXT
    elif value is not None:
        cell.value = value
        cell.number_format = number_format


def number(text: str, kind: str) -> int | Decimal | None:
    """A summary row's figure as a number for its cell; None where the row has none."""
    try:
        return Decimal(text) if kind == MONEY else int(text)
    except (ValueError, InvalidOperation):
        return None


def table(sheet: Worksheet, title: str, headers: Sequence[str], lines: list[list[Any]],
          formats: Sequence[str]) -> None:
    """A sheet holding one table: bold frozen header, filter, formats and fitted widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.title = title
    for column, header in enumerate(headers, start=1):
        put(sheet, 1, column, header)
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(name="Calibri", size=11, bold=True)
        cell.alignment = Alignment(horizontal="left" if formats[column - 1] == TEXT
                                   else "right")  # over its figures
    for index, line in enumerate(lines, start=2):
        for column, value in enumerate(line, start=1):
            put(sheet, index, column, value, formats[column - 1])
    sheet.freeze_panes = "A2"
    printed(sheet)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(lines) + 1}"
    for column, header in enumerate(headers, start=1):
        shown = [shown_width(line[column - 1], formats[column - 1]) for line in lines]
        width = min(WIDEST, max([len(header) + 3, *shown]) + 2)  # + 3: the filter button
        sheet.column_dimensions[get_column_letter(column)].width = width
        wrap(sheet, column, width, shown)


def wrap(sheet: Worksheet, column: int, width: int, shown: list[int]) -> None:
    """Wrap the cells of a column too long for WIDEST, with rows tall enough to show them."""
    from openpyxl.styles import Alignment

    for index, length in enumerate(shown, start=2):
        if length > width - 2:
            for cell in sheet[index]:  # the row's other cells level with the wrapped one
                cell.alignment = Alignment(vertical="top", horizontal=cell.alignment.horizontal)
            sheet.cell(row=index, column=column).alignment = Alignment(wrap_text=True,
                                                                       vertical="top")
            lines = -(-length // (width - 4))  # words do not fill every line to the edge
            height = max(sheet.row_dimensions[index].height or 0, LINE_POINTS * lines)
            sheet.row_dimensions[index].height = height


def printed(sheet: Worksheet) -> None:
    """Print (or convert to PDF) landscape, the table one page wide, its header on each page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


def shown_width(value: Any, number_format: str) -> int:
    """Characters a cell's value takes once formatted."""
    if value is None:
        return 0
    if isinstance(value, str):
        return len(value)
    return len(f"${value:,.2f}" if number_format == MONEY else f"{value:,}")


def clusters_sheet(sheet: Worksheet, rows: Sequence[dict[str, str]],
                   details: dict[str, Detail]) -> None:
    """One row per cluster, valid or not, in the CSV's order."""
    from openpyxl.styles import Alignment

    lines = []
    for row in rows:
        detail = details.get(row["file"])
        values = row | {"unconfirmed": detail.unconfirmed if detail else ""}
        lines.append([number(values[key], kind) if kind != TEXT else values[key] or None
                      for _, key, kind in CLUSTER_COLUMNS])
    table(sheet, "Clusters", [header for header, _, _ in CLUSTER_COLUMNS], lines,
          [kind for _, _, kind in CLUSTER_COLUMNS])
    for cell in sheet["G"]:  # the band, a single character, between two figures
        cell.alignment = Alignment(horizontal="center", vertical=cell.alignment.vertical)
    for cell in sheet["I"]:  # the status, set off from the figure before it
        cell.alignment = Alignment(horizontal="left", indent=1, vertical=cell.alignment.vertical,
                                   wrap_text=cell.alignment.wrap_text)


def schools_sheet(sheet: Worksheet, rows: Sequence[dict[str, str]],
                  details: dict[str, Detail]) -> None:
    """Every member school of every valid cluster, cluster by cluster."""
    lines: list[list[Any]] = []
    for row in rows:
        detail = details.get(row["file"])
        for name, sector, school_number, enrolments in detail.schools if detail else ():
            lines.append([row["cluster"], name, sector, school_number or None, enrolments])
    table(sheet, "Schools", SCHOOL_HEADERS, lines, (TEXT, TEXT, TEXT, TEXT, WHOLE))


def bands_note(details: dict[str, Detail]) -> str:
    """What the chart says of thresholds the public material does not give."""
    pending = any(BANDS_WORDS in detail.unconfirmed for detail in details.values())
    return ("The band thresholds are estimates, not published figures. "
            + ("Clusters with 'band thresholds' under Unconfirmed figures have not yet "
               "recorded the JSPM's confirmation of them." if pending else
               "Every cluster here has recorded the JSPM's confirmation of them."))


def chart_sheet(sheet: Worksheet, rows: Sequence[dict[str, str]],
                bands: list[tuple[str, int]], note_text: str | None) -> None:
    """The chart's data (enrolments and each band's threshold per cluster) and the chart."""
    from docgen.build.summary_chart import enrolments_chart

    valid = [row for row in rows if row.get("cluster") and row["total_vdss_enrolments"]]
    headers = ["Cluster", "Total VDSS enrolments",
               *(f"Band {band} from {start:,}" for band, start in bands)]
    lines = [[row["cluster"], int(row["total_vdss_enrolments"]), *(start for _, start in bands)]
             for row in valid]
    table(sheet, "Chart", headers, lines, (TEXT, *[WHOLE] * (len(headers) - 1)))
    note = len(lines) + 3
    if note_text:
        put(sheet, note, 1, note_text)
        note += 1
    if lines:
        enrolments_chart(sheet, len(lines), len(bands), f"A{note + 1}")


def newest(details: dict[str, Detail]) -> dt.datetime:
    """The workbook's time: SOURCE_DATE_EPOCH, else the newest cluster document date."""
    from docgen.documents.provenance import source_date_epoch

    moment = source_date_epoch()
    if moment is not None:
        return moment.replace(tzinfo=None)
    dates = [detail.date for detail in details.values()]
    return dt.datetime.combine(max(dates), dt.time()) if dates else NO_DATE


def reproducible(workbook: Workbook, moment: dt.datetime) -> bytes:
    """The workbook's bytes with fixed times: in its properties and on every zip member."""
    from openpyxl.writer.excel import ExcelWriter

    from docgen.documents.ziparchive import archive, deflate

    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "docgen"
    properties.created = properties.modified = moment
    buffer = io.BytesIO()
    # ExcelWriter itself, not Workbook.save: that sets `modified` to the clock.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(buffer) as written:
        return archive(deflate(info.filename, written.read(info))
                       for info in written.infolist())
