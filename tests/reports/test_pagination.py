"""Layout that survives pagination: read the PDFs back at lengths that force page breaks."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from civicp3.productivity import services
from civicp3.productivity.defaults import return_templates_create
from civicp3.productivity.documents import committee_document, plan_document, update_document
from civicp3.reports.document import Document, Heading, Paragraph, Table
from civicp3.reports.render import PRINT_TEMPLATE, render_pdf

FILLER = "This paragraph fills the page so that what follows lands near its foot. " * 4
LONG = " ".join(["the commitment is described at length"] * 5)


def _row(index: int) -> str:
    return f"Row{index}begins {LONG} row{index}ends"


def _pages(document: Document, template: str = PRINT_TEMPLATE) -> list[str]:
    pdf = PdfReader(io.BytesIO(render_pdf(template, {"document": document})))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in pdf.pages]


def _page_of(pages: list[str], text: str) -> int:
    found = [number for number, page in enumerate(pages) if text in page]
    assert len(found) == 1, f"{text!r} is on pages {found}"
    return found[0]


def _assert_rows_whole(pages: list[str], rows: int, header: str) -> None:
    """Each row begins and ends on the same page, and every page with rows repeats the
    header row."""
    for index in range(rows):
        start = _page_of(pages, f"Row{index}begins")
        assert start == _page_of(pages, f"row{index}ends"), f"row {index} split across pages"
        assert header in pages[start], f"no header row on page {start + 1}"


def _table(rows: int) -> Table:
    return Table(
        "Table of commitments",
        ("Commitment", "Owner", "Due date", "Status"),
        [(_row(index), "PMO", date(2024, 6, 13), "Done") for index in range(rows)],
    )


def test_rows_never_split_and_the_header_repeats() -> None:
    document = Document("Pagination", caption="Alpha District Council").add(
        Heading("Commitments"), _table(40)
    )
    pages = _pages(document)
    assert len(pages) >= 3
    _assert_rows_whole(pages, 40, "Commitment Owner Due date Status")


@pytest.mark.parametrize("fillers", range(6, 12))
def test_captions_keep_with_their_tables_and_headings_with_what_follows(fillers: int) -> None:
    document = Document("Pagination").add(
        *[Paragraph(FILLER) for _ in range(fillers)],
        Heading("A heading near the foot"),
        Paragraph("Startofthefollowingtext " + FILLER),
        *[Paragraph(FILLER) for _ in range(fillers // 2)],
        _table(3),
    )
    pages = _pages(document)
    heading = _page_of(pages, "A heading near the foot")
    assert heading == _page_of(pages, "Startofthefollowingtext")
    assert _page_of(pages, "Table of commitments") == _page_of(pages, "Row0begins")


def test_every_document_keeps_its_rows_whole(org) -> None:  # type: ignore[no-untyped-def]
    plan_a = services.plan_create(
        council=org.a, template=return_templates_create(org.a), title="Plan"
    )
    for index in range(30):
        services.commitment_add(plan=plan_a, text=_row(index), owner="PMO", due=date(2025, 3, 31))
    header = "Commitment Owner Due date Status"
    _assert_rows_whole(_pages(plan_document(plan_a)), 30, header)
    _assert_rows_whole(_pages(update_document(plan_a, date(2025, 1, 1))), 30, header)
    report = services.committee_report_save(
        council=org.a,
        values={
            "title": "Productivity Plan",
            "committee": "Cabinet",
            "meeting_date": date(2024, 7, 9),
            "author": "Director",
            "purpose": FILLER * 6,
            "recommendations": FILLER * 6,
        },
    )
    services.committee_appendix_add(report=report, kind="plan", plan=plan_a)
    pages = _pages(committee_document(report, org.a, date(2024, 7, 1)))
    _assert_rows_whole(pages, 30, header)
    for officer in ("Chief Executive", "Monitoring Officer"):
        assert "Officer Name Comments Date approved" in pages[_page_of(pages, officer)]
