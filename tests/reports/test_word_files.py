"""Word files as councils use them: A4, margins, page numbers, en-GB, real styles and emphasis."""

import io
from datetime import date, timedelta

import pytest
from docx import Document as Word
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

from civicp3.reports.document import Document, Heading, Markdown, Table
from civicp3.reports.render import render_docx
from tests import clock


@pytest.fixture
def word() -> Word:
    document = Document(
        "Productivity Plan 2024",
        caption="Alpha District Council",
        status="Published",
        as_at=date(2024, 7, 15),
    ).add(
        Heading("1. Transforming services"),
        Markdown("We **saved** hours and *moved* forms online.\n\n- **Bold** point\n\n1. First"),
        Table("Commitments", ("Commitment", "Due date"), [("Ten forms", date(2025, 3, 31))]),
    )
    return Word(io.BytesIO(render_docx(document)))


def test_it_is_a4_with_the_margins(word: Word) -> None:
    section = word.sections[0]
    close = Cm(0.01)
    assert section.page_width == pytest.approx(Cm(21), abs=close)
    assert section.page_height == pytest.approx(Cm(29.7), abs=close)
    assert section.left_margin == pytest.approx(Cm(2), abs=close)
    assert section.top_margin == pytest.approx(Cm(2.2), abs=close)


def test_the_footer_numbers_the_pages(word: Word) -> None:
    footer = word.sections[0].footer.paragraphs[0]
    fields = [f.get(qn("w:instr")) for f in footer._p.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer.text == "Page  of "  # Word fills in the fields as it lays out the pages


def test_the_language_is_en_gb_everywhere(word: Word) -> None:
    languages = {lang.get(qn("w:val")) for lang in word.styles.element.iter(qn("w:lang"))}
    assert languages == {"en-GB"}
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "List Bullet", "Caption"):
        assert word.styles[name].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert word.core_properties.language == "en-GB"


def test_the_core_properties_name_the_document_and_the_council(word: Word) -> None:
    props = word.core_properties
    assert props.title == "Productivity Plan 2024"
    assert props.author == props.last_modified_by == "Alpha District Council"
    now = clock.now()
    for moment in (props.created, props.modified):
        assert now - timedelta(minutes=5) < moment <= now + timedelta(seconds=1)
    assert props.last_printed is None


def extended_properties(word: Word) -> dict[str, str | None]:
    """docProps/app.xml, where Word keeps the company and the application."""
    app = next(p for p in word.part.package.iter_parts() if p.partname == "/docProps/app.xml")
    return {etree.QName(e).localname: e.text for e in etree.fromstring(app.blob)}


def test_the_council_is_the_files_company(word: Word) -> None:
    extended = extended_properties(word)
    assert extended["Company"] == "Alpha District Council"
    assert extended["Application"] == "Civic P3"


def test_markdown_keeps_its_bold_italic_and_lists(word: Word) -> None:
    paragraph = next(p for p in word.paragraphs if p.text.startswith("We saved"))
    runs = [(run.text, bool(run.bold), bool(run.italic)) for run in paragraph.runs]
    assert ("saved", True, False) in runs
    assert ("moved", False, True) in runs
    styles = {p.text: p.style.name for p in word.paragraphs}
    assert styles["Bold point"] == "List Bullet"
    assert styles["First"] == "List Number"
    assert styles["1. Transforming services"] == "Heading 2"
    assert styles["Productivity Plan 2024"] == "Title"
    assert styles["Published · Figures as at 15 July 2024"] == "Normal"


def test_table_rows_hold_together_and_the_header_repeats(word: Word) -> None:
    table = word.tables[-1]
    header, row = table.rows[0]._tr.trPr, table.rows[1]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert header.find(qn("w:cantSplit")) is not None
    assert row.find(qn("w:cantSplit")) is not None
    caption = next(p for p in word.paragraphs if p.text == "Commitments")
    assert caption.style.name == "Caption"
    assert caption.paragraph_format.keep_with_next


def test_a_published_document_has_no_draft_mark_but_a_draft_does(word: Word) -> None:
    assert word.sections[0].header.paragraphs[0].text == ""
    draft = Word(io.BytesIO(render_docx(Document("Plan", status="Draft"))))
    assert draft.sections[0].header.paragraphs[0].text == "DRAFT"
