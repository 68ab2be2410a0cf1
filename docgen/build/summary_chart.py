"""The region summary's chart: enrolments by cluster as bars, the band thresholds as lines.

A native chart (openpyxl's BarChart and LineChart on one pair of axes), so Excel and
LibreOffice Calc draw it from the Chart sheet's cells and it follows any edit there.
The data sit in the sheet's table (`summary.chart_sheet`): column A the clusters,
column B their enrolments, then one column per band threshold.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.chart._chart import ChartBase
    from openpyxl.worksheet.worksheet import Worksheet

BAR_COLOUR = "2F5597"
LINE_COLOURS = ("C55A11", "7F6000", "A50021", "375623", "7030A0")
CM_PER_CLUSTER = 2.2
WIDEST_CM = 45.0
"""A region of many clusters gets narrower bars, not a chart wider than a screen."""
SLANTED_FROM = 12
"""From this many clusters on, their names are written slanting so they do not collide."""


def cluster_names(chart: ChartBase, cells: str) -> None:
    """The categories as text (openpyxl's `set_categories` would call the names numbers)."""
    from openpyxl.chart.data_source import AxDataSource, StrRef

    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=cells))


def enrolments_chart(sheet: Worksheet, clusters: int, bands: int, anchor: str) -> None:
    """Add the chart over rows 2..clusters+1 of `sheet`, its top-left corner at `anchor`."""
    from openpyxl.chart import BarChart, LineChart, Reference

    bars = BarChart()
    bars.type, bars.grouping = "col", "clustered"
    bars.title = "VDSS enrolments by cluster, against the funding band thresholds"
    bars.y_axis.title, bars.x_axis.title = "VDSS enrolments", "Cluster"
    bars.y_axis.numFmt = "#,##0"
    bars.y_axis.majorGridlines = None
    bars.add_data(Reference(sheet, min_col=2, min_row=1, max_row=clusters + 1),
                  titles_from_data=True)
    names = f"{Reference(sheet, min_col=1, min_row=2, max_row=clusters + 1)}"
    cluster_names(bars, names)
    bars.series[0].graphicalProperties.solidFill = BAR_COLOUR
    bars.series[0].graphicalProperties.line.solidFill = BAR_COLOUR
    if bands:
        lines = LineChart()
        lines.add_data(Reference(sheet, min_col=3, max_col=2 + bands, min_row=1,
                                 max_row=clusters + 1), titles_from_data=True)
        cluster_names(lines, names)
        for index, series in enumerate(lines.series):
            colour = LINE_COLOURS[index % len(LINE_COLOURS)]
            series.graphicalProperties.line.solidFill = colour
            series.graphicalProperties.line.dashStyle = "dash"
            series.graphicalProperties.line.width = 28575  # 2.25 pt, in EMU
            series.marker.symbol = "dash"  # one cluster: a line of one point still shows
            series.marker.size = 20
            series.marker.graphicalProperties.solidFill = colour
            series.marker.graphicalProperties.line.solidFill = colour
            series.smooth = False
        bars += lines
    for axis in (bars.x_axis, bars.y_axis):
        axis.delete = False  # openpyxl 3.1 hides both axes unless told
    bars.legend.position = "b"
    bars.width = min(WIDEST_CM, max(18.0, CM_PER_CLUSTER * clusters + 8))
    bars.height = 11.0
    if clusters >= SLANTED_FROM:
        slanted(bars)
        bars.height = 15.0  # room for the slanting names
    sheet.add_chart(bars, anchor)


def slanted(chart: ChartBase) -> None:
    """The category names written at 45 degrees, up from left to right."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import (
        CharacterProperties,
        Paragraph,
        ParagraphProperties,
        RichTextProperties,
    )

    chart.x_axis.txPr = RichText(
        bodyPr=RichTextProperties(rot=-2_700_000, vert="horz"),  # 60,000ths of a degree
        p=[Paragraph(pPr=ParagraphProperties(defRPr=CharacterProperties(sz=800)),
                     endParaRPr=CharacterProperties())])
