"""Charts in the Word reports are PNG pictures with alt text, each followed by its data table."""

import io
import struct

import pytest
from docx import Document as Word
from docx.oxml.ns import qn
from docx.table import Table as WordTable

from civicp3.performance import selectors
from civicp3.performance.documents import month_label
from civicp3.reports.document import Document, Figure, Table, money
from civicp3.reports.render import render_docx

pytestmark = pytest.mark.django_db

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def pictures_with_tables(data: bytes) -> list[tuple[str, bytes, list[list[str]]]]:
    """Each inline picture as (alt text, image bytes, rows of the first table after it)."""
    word = Word(io.BytesIO(data))
    body = list(word.element.body.iterchildren())
    found = []
    for index, element in enumerate(body):
        for inline in element.iter(qn("wp:inline")):
            descr = inline.find(qn("wp:docPr")).get("descr")
            blip = next(inline.iter(qn("a:blip")))
            image = word.part.related_parts[blip.get(qn("r:embed"))].blob
            table = next(e for e in body[index + 1 :] if e.tag == qn("w:tbl"))
            rows = [[cell.text for cell in row.cells] for row in WordTable(table, word).rows]
            found.append((descr, image, rows))
    return found


def png_size(image: bytes) -> tuple[int, int]:
    assert image[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", image[16:24])
    return width, height


def test_the_success_report_in_word_has_the_realisation_chart_as_a_picture(demo):
    data = demo.client_for("sponsor").get("/performance/reports/success/docx/").content
    pictures = pictures_with_tables(data)
    assert len(pictures) == 1
    alt, image, rows = pictures[0]
    assert alt.startswith("Benefits realisation: planned against realised.")
    points = selectors.realisation(demo.a)
    realised = sum(p.realised_exact for p in points)
    assert f"{money(realised)} realised" in alt
    assert png_size(image) == (1280, 560)  # the 640 by 280 chart at twice the size
    assert len(image) > 5_000  # bars, axes and labels, not a blank page
    assert rows[0] == ["Month", "Planned (£)", "Realised (£)"]
    assert rows[1:] == [
        [month_label(p.period), f"{p.planned:,.2f}", f"{p.realised:,.2f}"] for p in points
    ]


def test_each_report_in_word_has_its_charts_as_pictures(demo):
    client = demo.client_for("pmo")
    expected = {
        "exceptions": "trend against target",
        "headline": "RAG trend: overall status of highlight reports",
        "governance": "Demand trend: requests raised each month",
    }
    for slug, caption in expected.items():
        data = client.get(f"/performance/reports/{slug}/docx/").content
        pictures = pictures_with_tables(data)
        assert any(caption in alt for alt, _, _ in pictures), slug
        for alt, image, rows in pictures:
            assert png_size(image) == (1280, 560), (slug, alt)
            assert len(rows) > 1, (slug, alt)
    headline = pictures_with_tables(client.get("/performance/reports/headline/docx/").content)
    assert [alt.split(".")[0] for alt, _, _ in headline] == [
        "RAG trend: overall status of highlight reports",
        "Demand against capacity (hours)",
        "Benefits realisation: planned against realised",
    ]


def test_a_chart_with_no_data_is_explained_not_drawn() -> None:
    document = Document("Empty").add(
        Figure("Nothing yet", "<svg/>", Table("Data", ("Month", "Value"), [], empty="Add data."))
    )
    word = Word(io.BytesIO(render_docx(document)))
    assert not word.inline_shapes
    assert "Add data." in [p.text for p in word.paragraphs]
