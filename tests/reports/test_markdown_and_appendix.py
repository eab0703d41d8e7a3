"""The document layer's Markdown block, appendices and page count."""

import io

from docx import Document as Word

from civicp3.reports.document import Document, Heading, Markdown, Paragraph
from civicp3.reports.markdown import markdown_html
from civicp3.reports.render import document_pages, render_docx


def test_markdown_is_sanitised_and_given_govuk_classes() -> None:
    html = markdown_html(
        "# Title\n\n**Bold** <script>alert(1)</script> [bad](javascript:alert(1)) "
        "[good](https://example.org)\n\n<img src=x onerror=alert(1)>\n\n- one"
    )
    assert '<h3 class="govuk-heading-s">Title</h3>' in html
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert '<a class="govuk-link" href="https://example.org">good</a>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html


def test_word_gets_real_headings_lists_and_the_appendix_on_a_new_page() -> None:
    appendix = Document("The plan", blocks=[Heading("1. Theme"), Paragraph("Text")])
    doc = (
        Document("Report")
        .add(Markdown("## Part\n\n- a point\n\n1. first"))
        .append_appendix("Appendix 1", appendix)
    )
    word = Word(io.BytesIO(render_docx(doc)))
    styled = [(p.style.name, p.text) for p in word.paragraphs if p.text]
    assert ("Heading 3", "Part") in styled
    assert ("List Bullet", "a point") in styled
    assert ("List Number", "first") in styled
    assert ("Heading 1", "Appendix 1: The plan") in styled
    assert ("Heading 2", "1. Theme") in styled
    assert any('w:br w:type="page"' in p._p.xml for p in word.paragraphs)


def test_the_page_count_grows_with_the_document() -> None:
    short = Document("Short", blocks=[Paragraph("One line.")])
    long = Document("Long", blocks=[Paragraph("A line of text. " * 40) for _ in range(60)])
    assert document_pages(short) == 1
    assert document_pages(long) > 3
