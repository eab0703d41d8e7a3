"""Render a `Document` as HTML, PDF (WeasyPrint), Word (python-docx) or XLSX (openpyxl).

`render_pdf(template, context)` turns any template into a tagged A4 PDF; WeasyPrint is
imported inside it, so the rest of the app does not need Pango to start. `document_response`
is the one download helper a report view needs.
"""

import io
import re
from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string

from civicp3.reports.document import (
    Document,
    Figure,
    Figures,
    Heading,
    Markdown,
    PageBreak,
    Paragraph,
    Table,
)
from civicp3.reports.markdown import markdown_parts

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PRINT_TEMPLATE = "reports/print.html"


def render_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, dict(context))
    return HTML(string=html).write_pdf(pdf_tags=True)  # type: ignore[no-any-return]


def render_pdf_pages(template: str, context: Mapping[str, Any]) -> tuple[bytes, int]:
    """The PDF and its number of pages (from WeasyPrint's laid-out document)."""
    from weasyprint import HTML

    laid_out = HTML(string=render_to_string(template, dict(context))).render()
    return laid_out.write_pdf(pdf_tags=True), len(laid_out.pages)


def document_pages(document: Document, template: str = PRINT_TEMPLATE) -> int:
    """How many A4 pages the document prints to."""
    return render_pdf_pages(template, {"document": document})[1]


def render_docx(document: Document) -> bytes:
    from docx import Document as Word

    word = Word()
    word.core_properties.title = document.title
    if document.caption:
        word.add_paragraph(document.caption)
    word.add_heading(document.title, level=0)
    for block in document.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, level=min(block.level, 4))
        elif isinstance(block, Paragraph):
            word.add_paragraph(block.text)
        elif isinstance(block, Figures):
            _docx_table(word, Table("", ("Figure", "Measure"), [(v, k) for k, v in block.items]))
        elif isinstance(block, Table):
            _docx_table(word, block)
        elif isinstance(block, Markdown):
            _docx_markdown(word, block.text)
        elif isinstance(block, PageBreak):
            word.add_page_break()
        elif isinstance(block, Figure):
            _docx_figure(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# Charts go into Word as pictures this wide (the A4 text width python-docx's template leaves).
DOCX_CHART_WIDTH_CM = 16
PNG_SCALE = 2  # pixels per SVG unit, so the picture stays sharp when printed


def chart_png(svg: str) -> bytes:
    """The chart's SVG drawn as a PNG on white (Word cannot show our SVG)."""
    import cairosvg

    png: bytes = cairosvg.svg2png(
        bytestring=svg.encode(), scale=PNG_SCALE, background_color="white"
    )
    return png


def _docx_figure(word: Any, figure: Figure) -> None:
    """The chart's caption, the chart as a picture with alt text, then its data table."""
    from docx.shared import Cm

    word.add_paragraph(figure.caption).style = "Caption"
    if not figure.table.rows:
        word.add_paragraph(figure.table.empty)
        return
    shape = word.add_picture(io.BytesIO(chart_png(figure.svg)), width=Cm(DOCX_CHART_WIDTH_CM))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", figure.alt_text)
    doc_pr.set("title", figure.caption)
    _docx_table(word, figure.table)


_DOCX_STYLES = {"bullet": "List Bullet", "number": "List Number", "paragraph": None}


def _docx_markdown(word: Any, text: str) -> None:
    for kind, part in markdown_parts(text):
        if kind == "heading":
            word.add_heading(part, level=3)
        else:
            word.add_paragraph(part, style=_DOCX_STYLES[kind])


def _docx_table(word: Any, table: Table) -> None:
    if table.caption:
        word.add_paragraph(table.caption).style = "Caption"
    if not table.rows:
        word.add_paragraph(table.empty)
        return
    grid = word.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.text_rows():
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_xlsx(document: Document) -> bytes:
    """One sheet per table (or figure's data), numbers as numbers, text never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for index, table in enumerate(document.tables(), start=1):
        name = re.sub(r"[\[\]:*?/\\]", "", table.caption)[:28] or f"Table {index}"
        while name in used:
            name = f"{name[:25]} {index}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(
                [
                    ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
                    for value in row
                ]
            )
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    if not workbook.worksheets:
        workbook.create_sheet("Report")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def document_bytes(document: Document, fmt: str, template: str = PRINT_TEMPLATE) -> bytes:
    """The document as a file; `template` is the print template for PDF."""
    if fmt == "pdf":
        return render_pdf(template, {"document": document})
    if fmt == "docx":
        return render_docx(document)
    if fmt == "xlsx":
        return render_xlsx(document)
    raise ValueError(f"Unknown document format {fmt!r}")


def document_response(
    document: Document, fmt: str, filename: str, template: str = PRINT_TEMPLATE
) -> HttpResponse:
    """A download of the document; `filename` has no extension."""
    response = HttpResponse(
        document_bytes(document, fmt, template), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
