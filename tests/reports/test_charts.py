"""Charts are SVG with a title, a description and a round axis, whatever the data."""

from decimal import Decimal

from lxml import etree

from civicp3.reports.charts import _scale, bar_chart, line_chart, rag_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_the_axis_top_is_round() -> None:
    assert _scale([Decimal("2731")]) == 4000
    assert _scale([66]) == 80
    assert _scale([1], whole=True) == 4
    assert _scale([0]) == 4


def test_a_line_chart_has_a_dashed_target_line_and_a_point_per_month() -> None:
    svg = etree.fromstring(
        line_chart("Satisfaction", ["Jan", "Feb", "Mar"], {"Actual": [80, 85, 90]}, target=85)
    )
    assert svg.find(f"{SVG}title").text == "Satisfaction"
    assert len(svg.findall(f"{SVG}circle")) == 3
    assert any(line.get("stroke-dasharray") for line in svg.findall(f"{SVG}line"))


def test_bar_and_rag_charts_parse_with_no_data() -> None:
    for svg in (
        bar_chart("Nothing yet", [], {"Planned": []}),
        rag_chart("No reports", [], {"red": [], "amber": [], "green": []}),
    ):
        assert etree.fromstring(svg).get("role") == "img"


def test_text_in_a_chart_is_escaped() -> None:
    svg = bar_chart("Costs <&> more", ["A&B"], {"£": [1]})
    assert etree.fromstring(svg).find(f"{SVG}title").text == "Costs <&> more"
