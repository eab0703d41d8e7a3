"""Render a `Document` as HTML, PDF (WeasyPrint), Word (python-docx) or XLSX (openpyxl).

`render_pdf(template, context)` turns any template into a tagged A4 PDF; WeasyPrint is
imported inside it, so the rest of the app does not need Pango to start. `document_response`
is the one download helper a report view needs.
"""

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class RecordFiles:
    """A document rendered once for the record: its print page, PDF and Word file."""

    html: bytes
    pdf: bytes
    docx: bytes
    pages: int


def render_record(document: Document, template: str = PRINT_TEMPLATE) -> RecordFiles:
    """The print page, and the PDF laid out from exactly that page, and the Word file."""
    html = render_to_string(template, {"document": document})
    pdf, pages = _pdf_pages(html)
    return RecordFiles(html.encode(), pdf, render_docx(document), pages)


def _pdf_pages(html: str) -> tuple[bytes, int]:
    from weasyprint import HTML

    laid_out = HTML(string=html).render()
    return laid_out.write_pdf(pdf_tags=True), len(laid_out.pages)


def render_pdf_pages(template: str, context: Mapping[str, Any]) -> tuple[bytes, int]:
    """The PDF and its number of pages (from WeasyPrint's laid-out document)."""
    return _pdf_pages(render_to_string(template, dict(context)))


def document_pages(document: Document, template: str = PRINT_TEMPLATE) -> int:
    """How many A4 pages the document prints to."""
    return render_pdf_pages(template, {"document": document})[1]


# Word files are set out as the councils' own: A4, these margins, en-GB.
A4_CM = (21.0, 29.7)
DOCX_MARGINS_CM = {"top": 2.2, "bottom": 2.2, "left": 2.0, "right": 2.0}
LANGUAGE = "en-GB"


def render_docx(document: Document) -> bytes:
    from docx import Document as Word

    word = Word()
    _docx_page(word, document)
    _docx_properties(word, document)
    if document.caption:
        word.add_paragraph(document.caption)
    word.add_heading(document.title, level=0)
    if document.standing:
        word.add_paragraph().add_run(document.standing).bold = True
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


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in as it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _docx_page(word: Any, document: Document) -> None:
    """A4 with the margins, "Page N of M" in the footer and DRAFT in the header of a draft."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    section = word.sections[0]
    section.page_width, section.page_height = Cm(A4_CM[0]), Cm(A4_CM[1])
    for side, size in DOCX_MARGINS_CM.items():
        setattr(section, f"{side}_margin", Cm(size))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    if document.draft:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        mark = header.add_run("DRAFT")
        mark.bold, mark.font.size, mark.font.color.rgb = True, Pt(28), RGBColor(0xB1, 0xB4, 0xB6)


def _docx_properties(word: Any, document: Document) -> None:
    """en-GB on the default and every style; title, author and dates of this document."""
    from django.utils import timezone
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for lang in word.styles.element.iter(qn("w:lang")):  # the document default
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    for style in word.styles.element.iter(qn("w:style")):
        properties = style.get_or_add_rPr()
        if properties.find(qn("w:lang")) is None:
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), LANGUAGE)
            properties.append(lang)
    now = timezone.now()
    props = word.core_properties
    props.title = document.title
    props.author = props.last_modified_by = document.publisher
    props.subject = document.standing
    props.language = LANGUAGE
    props.created = props.modified = now
    for printed in props._element.findall(qn("cp:lastPrinted")):  # the template's, from 2013
        props._element.remove(printed)
    props.revision = 1
    props.comments = ""
    _docx_app_properties(word, document)


def _docx_app_properties(word: Any, document: Document) -> None:
    """The council as the file's company and Civic P3 as the application that wrote it, in
    place of the template's (python-docx has no API for docProps/app.xml)."""
    from lxml import etree

    app = next(p for p in word.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    properties = etree.fromstring(app.blob)
    namespace = etree.QName(properties).namespace
    for name, value in (("Company", document.publisher), ("Application", "Civic P3")):
        element = properties.find(f"{{{namespace}}}{name}")
        if element is None:
            element = etree.SubElement(properties, f"{{{namespace}}}{name}")
        element.text = value
    app._blob = etree.tostring(properties, xml_declaration=True, encoding="UTF-8", standalone=True)


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

    word.add_paragraph(figure.caption, style="Caption").paragraph_format.keep_with_next = True
    if not figure.table.rows:
        word.add_paragraph(figure.table.empty)
        return
    shape = word.add_picture(io.BytesIO(chart_png(figure.svg)), width=Cm(DOCX_CHART_WIDTH_CM))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", figure.alt_text)
    doc_pr.set("title", figure.caption)
    _docx_table(word, figure.table)


_DOCX_STYLES = {
    "heading": "Heading 3",
    "bullet": "List Bullet",
    "number": "List Number",
    "paragraph": None,
}


def _docx_markdown(word: Any, text: str) -> None:
    """Each part in its Word style, with its bold and italic runs."""
    for part in markdown_parts(text):
        paragraph = word.add_paragraph(style=_DOCX_STYLES[part.kind])
        for run in part.runs:
            added = paragraph.add_run(run.text)
            added.bold, added.italic = run.bold or None, run.italic or None


def _docx_row(row: Any, header: bool = False) -> None:
    """A row never splits across pages; the header row repeats on each page."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _docx_table(word: Any, table: Table) -> None:
    if table.caption:
        caption = word.add_paragraph(table.caption, style="Caption")
        caption.paragraph_format.keep_with_next = True
    if not table.rows:
        word.add_paragraph(table.empty)
        return
    grid = word.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    _docx_row(grid.rows[0], header=True)
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.text_rows():
        added = grid.add_row()
        _docx_row(added)
        for cell, text in zip(added.cells, row, strict=True):
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
