"""region-summary.xlsx: what the CSV says, formatted, charted, safe to open and reproducible.

Read back with openpyxl (cells, types, formats, the chart's parts) and, where LibreOffice
is installed, converted to PDF by Calc: the text of the sheets and of the chart must be
on the pages. CI sets DOCGEN_REQUIRE_LIBREOFFICE=1, so there that test fails, not skips.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CLUSTERS
from lxml import etree
from openpyxl import load_workbook

from docgen.build.pack import SUMMARY_FILE, pack
from docgen.build.summary import SUMMARY_XLSX

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
FORMULA = '=HYPERLINK("http://example.invalid", "Click")'


@pytest.fixture(scope="module")
def clusters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples, one cluster named like a formula with pitfall schools, and a broken one."""
    folder = tmp_path_factory.mktemp("clusters")
    shutil.copytree(CLUSTERS, folder, dirs_exist_ok=True)
    text = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    text = text.replace("  name: Southern Shores VET Cluster", f"  name: '{FORMULA}'", 1)
    text = text.replace("  - name: Kingsford Park Arts & Technology School",
                        "  - name: '@SUM(A1) College'", 1)
    text = text.replace("  - name: Banksia Rise Secondary College",
                        "  - name: '-Banksia Rise Secondary College'", 1)
    text = text.replace('school_number: "8214"', 'school_number: "0427"', 1)
    confirmed = ("  - item: funding_bands\n    date: 2025-02-24\n"
                 "    by: Anneliese Ford, Jobs, Skills and Pathways Manager\n")
    assert confirmed in text
    text = text.replace(confirmed, "", 1)  # the bands are not confirmed for this one
    (folder / "formula.yaml").write_text(text, encoding="utf-8")
    broken = (CLUSTERS / "southern-shores.yaml").read_text(encoding="utf-8")
    (folder / "broken.yaml").write_text(broken.replace("sector: government", "sector: govt", 1),
                                        encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def packed(clusters: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("packs")
    result = pack([clusters], out)
    assert [Path(name).name for name in result.failed] == ["broken.yaml"], result.problems
    return out / SUMMARY_XLSX


def csv_rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / SUMMARY_FILE).read_text("utf-8-sig"))))


def table(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_one_row_per_cluster_as_the_csv_says(packed):
    book = load_workbook(packed)
    assert book.sheetnames == ["Clusters", "Schools", "Chart"]
    rows = table(book["Clusters"])
    assert rows[0] == ["Cluster", "File", "Region", "Area", "Schools", "Total VDSS enrolments",
                       "Band", "Total requested", "Status", "Unconfirmed figures"]
    summary = csv_rows(packed.parent)
    assert [row[1] for row in rows[1:]] == [row["file"] for row in summary]
    for line, row in zip(rows[1:], summary, strict=True):
        shown = "'" + FORMULA if row["cluster"] == FORMULA else row["cluster"] or None
        assert line[0] == shown
        assert line[8] == row["status"]
        if row["cluster"]:
            assert line[4] == int(row["schools"]) and line[5] == int(row["total_vdss_enrolments"])
            assert f"{line[7]:.2f}" == row["total_funding_requested"] and line[6] == row["band"]
            # funding_bands.yaml is not verified; the examples confirm it, the other not
            assert line[9] == ("band thresholds" if row["file"] == "formula.yaml" else "none")
        else:
            assert line[4:8] == [None] * 4 and row["status"].startswith("invalid")


def test_figures_have_number_formats_and_tables_read_well(packed):
    book = load_workbook(packed)
    sheet = book["Clusters"]
    assert sheet["B4"].value == "goulburn-plains.yaml"
    assert sheet["E4"].number_format == "#,##0" and sheet["F4"].number_format == "#,##0"
    assert sheet["H4"].number_format == "$#,##0.00" and isinstance(sheet["H4"].value, float)
    tables = {"Clusters": "A1:J5", "Schools": "A1:E16", "Chart": "A1:E4"}  # broken: no schools
    for name, extent in tables.items():
        sheet = book[name]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == extent, name
        assert all(sheet.cell(1, c).font.bold for c in range(1, 4)), name
        assert all((sheet.column_dimensions[letter].width or 0) > 8 for letter in "ABC"), name


def test_schools_sheet_keeps_school_numbers_as_text(packed):
    rows = table(load_workbook(packed)["Schools"])
    assert rows[0] == ["Cluster", "School", "Sector", "School number", "VDSS enrolments"]
    formula = [row for row in rows if row[0] == "'" + FORMULA]
    assert [row[1] for row in formula] == ["Seaholme Bay Secondary College",
                                           "'-Banksia Rise Secondary College",
                                           "'@SUM(A1) College", "Mentone Heath College"]
    assert formula[0][3] == "0427" and formula[0][4] == 164
    assert len(rows) == 1 + 4 + 7 + 4  # formula, goulburn-plains, southern-shores; not broken


def test_no_text_cell_starts_a_formula(packed):
    book = load_workbook(packed)
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in "=+-@", (sheet.title, cell.coordinate)


def test_a_native_chart_of_enrolments_against_the_band_thresholds(packed):
    with zipfile.ZipFile(packed) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = etree.fromstring(archive.read(charts[0]))
    plot = chart.find("c:chart/c:plotArea", NS)
    bars, lines = plot.find("c:barChart", NS), plot.find("c:lineChart", NS)
    assert [s.findtext("c:val/c:numRef/c:f", namespaces=NS) for s in bars.iterfind("c:ser", NS)] \
        == ["'Chart'!$B$2:$B$4"]
    assert [s.findtext("c:val/c:numRef/c:f", namespaces=NS) for s in lines.iterfind("c:ser", NS)] \
        == ["'Chart'!$C$2:$C$4", "'Chart'!$D$2:$D$4", "'Chart'!$E$2:$E$4"]  # bands 2, 3, 4
    assert plot.findtext("c:barChart/c:ser/c:cat/c:strRef/c:f", namespaces=NS) == \
        "'Chart'!$A$2:$A$4"
    rows = table(load_workbook(packed)["Chart"])
    assert rows[0] == ["Cluster", "Total VDSS enrolments", "Band 2 from 400", "Band 3 from 800",
                       "Band 4 from 1,500"]
    assert [row[1:] for row in rows[1:4]] == [[470, 400, 800, 1500], [629, 400, 800, 1500],
                                              [470, 400, 800, 1500]]
    notes = [row[0] for row in rows[4:] if row[0]]
    assert notes == ["The band thresholds are estimates, not published figures. Clusters with "
                     "'band thresholds' under Unconfirmed figures have not yet recorded the "
                     "JSPM's confirmation of them."]  # formula.yaml has not


def test_the_chart_says_when_every_cluster_confirmed_the_thresholds(tmp_path):
    pack([CLUSTERS], tmp_path)
    notes = [row[0] for row in table(load_workbook(tmp_path / SUMMARY_XLSX)["Chart"])[3:]
             if row[0]]
    assert notes == ["The band thresholds are estimates, not published figures. Every "
                     "cluster here has recorded the JSPM's confirmation of them."]


def test_same_inputs_same_bytes(packed, clusters, tmp_path, monkeypatch):
    with zipfile.ZipFile(packed) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert core.count("2025-08-18T00:00:00Z") == 2  # goulburn-plains: the newest document.date
    pack([clusters], tmp_path / "again")
    assert (tmp_path / "again" / SUMMARY_XLSX).read_bytes() == packed.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pack([clusters], tmp_path / "epoch")
    with zipfile.ZipFile(tmp_path / "epoch" / SUMMARY_XLSX) as archive:
        assert "2023-11-14T22:13:20Z" in archive.read("docProps/core.xml").decode("utf-8")


def test_libreoffice_calc_shows_the_sheets_and_the_chart(packed, tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
            raise RuntimeError("DOCGEN_REQUIRE_LIBREOFFICE is set but soffice is not installed")
        pytest.skip("LibreOffice (soffice) and poppler (pdftotext) are needed")
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(packed)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "region-summary.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    for expected in ("Goulburn Plains VET Cluster", "$122,263.20", "Kerrabee Secondary College",
                     "0427", "Band 4 from 1,500",
                     "VDSS enrolments by cluster, against",  # the chart's title
                     "1,600"):  # the chart's value axis, above the highest threshold
        assert expected in text, expected


@pytest.mark.parametrize(("clusters", "slanted"), [(3, False), (40, True)])
def test_many_clusters_get_a_chart_no_wider_than_a_screen(clusters, slanted):
    from openpyxl import Workbook

    from docgen.build.summary_chart import WIDEST_CM, enrolments_chart

    book = Workbook()
    sheet = book.active
    sheet.title = "Chart"
    sheet.append(["Cluster", "Total VDSS enrolments", "Band 2 from 400"])
    for index in range(clusters):
        sheet.append([f"Cluster {index}", 300 + 10 * index, 400])
    enrolments_chart(sheet, clusters, 1, "A50")
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        chart = archive.read("xl/charts/chart1.xml")
        drawing = etree.fromstring(archive.read("xl/drawings/drawing1.xml"))
    assert (b'rot="-2700000"' in chart) is slanted  # names at 45 degrees
    extent = drawing.find(".//{*}ext")
    width_cm = int(extent.get("cx")) / 360_000
    assert width_cm <= WIDEST_CM + 0.01
