"""Every PDF and Word file the app writes is A4, tagged (PDF) or styled (Word), in en-GB and
numbers its pages: each kind of document, through the renderer the pages and downloads use."""

import io

import pytest
from docx import Document as Word
from docx.oxml.ns import qn
from docx.shared import Cm
from pypdf import PdfReader

from civicp3.performance.documents import REPORTS
from civicp3.productivity import documents, services
from civicp3.productivity.defaults import return_templates_create
from civicp3.reports.document import Document
from civicp3.reports.render import PRINT_TEMPLATE, render_docx, render_pdf
from tests import clock
from tests.productivity.test_frameworks import FRAMEWORK
from tests.productivity.test_issuing import HEADER

A4_POINTS = (595.28, 841.89)


def _every_document(org) -> list[tuple[Document, str]]:  # type: ignore[no-untyped-def]
    today = clock.today()
    found = [(report.build(org.a, today), PRINT_TEMPLATE) for report in REPORTS.values()]
    plan = services.plan_create(council=org.a, template=return_templates_create(org.a), title="P")
    framework = services.framework_save(council=org.a, values=FRAMEWORK)
    report = services.committee_report_save(council=org.a, values=HEADER)
    services.committee_appendix_add(report=report, kind="update", plan=plan)
    for document in (
        documents.plan_document(plan),
        documents.update_document(plan, today),
        documents.framework_document(framework),
        documents.committee_document(report, org.a, today),
    ):
        found.append((document, documents.PRINT_TEMPLATE))
    return found


def test_every_pdf_is_a4_tagged_en_gb_and_numbers_its_pages(org) -> None:  # type: ignore[no-untyped-def]
    for document, template in _every_document(org):
        pdf = PdfReader(io.BytesIO(render_pdf(template, {"document": document})))
        root = pdf.trailer["/Root"]
        assert "/StructTreeRoot" in root, document.title
        assert root["/Lang"] == "en-GB", document.title
        count = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx(A4_POINTS, abs=1), document.title
            assert f"Page {number} of {count}" in page.extract_text(), document.title


def test_every_word_file_is_a4_en_gb_and_numbers_its_pages(org) -> None:  # type: ignore[no-untyped-def]
    for document, _ in _every_document(org):
        word = Word(io.BytesIO(render_docx(document)))
        for section in word.sections:
            assert section.page_width == pytest.approx(Cm(21), abs=Cm(0.01)), document.title
            assert section.page_height == pytest.approx(Cm(29.7), abs=Cm(0.01)), document.title
            footer = section.footer.paragraphs[0]._p
            fields = [f.get(qn("w:instr")) for f in footer.iter(qn("w:fldSimple"))]
            assert fields == ["PAGE", "NUMPAGES"], document.title
        assert word.core_properties.language == "en-GB", document.title
        assert word.styles["Heading 1"].element.rPr.find(qn("w:lang")) is not None
