"""Per-tag measures: `tagged:<slug>` counts the delivered improvements with that tag, read like
any measure (a KPI, the measure's page with its records, the improvements dashboard)."""

import html
import re
from decimal import Decimal

import pytest

from civicp3.improvements.services import improvement_set_tags
from civicp3.performance import measures
from civicp3.performance.services import PerformanceError, kpi_save
from tests import clock
from tests.improvements.conftest import make_request

pytestmark = pytest.mark.django_db


def _page_text(response) -> str:
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def tagged_requests(org):
    """Two live requests tagged Covid-19 response (one also Website), and one not yet live."""
    first = make_request(org.a, "live", process_impacted="Food parcels", went_live_at=clock.now())
    second = make_request(org.a, "live", process_impacted="Test booking", went_live_at=clock.now())
    waiting = make_request(org.a, "waiting_list", process_impacted="Grants")
    improvement_set_tags(improvement=first, names="Covid-19 response, Website", actor=None)
    improvement_set_tags(improvement=second, names="Covid-19 response", actor=None)
    improvement_set_tags(improvement=waiting, names="Covid-19 response", actor=None)
    return first, second, waiting


def test_it_counts_delivered_improvements_with_the_tag_and_lists_them(org):
    first, second, waiting = tagged_requests(org)
    value = measures.value_of(org.a, "tagged:covid-19-response", clock.today())
    assert value.label == "improvements delivered tagged Covid-19 response"
    assert value.shown == "2"
    assert [r.text for r in value.records] == [
        f"{first.reference}: Food parcels",
        f"{second.reference}: Test booking",
    ]
    page = _page_text(org.client_for("pmo").get(value.url))
    assert "Improvements delivered tagged Covid-19 response" in page
    assert f"{first.reference}: Food parcels" in page
    assert waiting.reference not in page


def test_the_dashboard_shows_a_count_for_each_tag(org):
    tagged_requests(org)
    page = _page_text(org.client_for("improvement_team").get("/improvements/dashboard/"))
    assert "Delivered by tag" in page
    assert "Improvements delivered tagged Covid-19 response 2" in page
    assert "Improvements delivered tagged Website 1" in page


def test_the_dashboard_has_no_tag_section_without_tags(org):
    page = _page_text(org.client_for("improvement_team").get("/improvements/dashboard/"))
    assert "Delivered by tag" not in page


def test_a_kpi_may_be_computed_from_a_tag(org):
    tagged_requests(org)
    fields = {
        "name": "Processes made accessible during Covid-19",
        "perspective": "customer",
        "owner": "Improvements lead",
        "unit": "",
        "target": Decimal("15"),
        "tolerance": Decimal("2"),
        "polarity": "higher",
        "frequency": "monthly",
    }
    kpi_save(council=org.a, measure="tagged:covid-19-response", **fields)
    line = next(line for block in measures.scorecard(org.a, clock.today()) for line in block.lines)
    assert line.shown == "2"
    with pytest.raises(PerformanceError, match="Choose a measure"):
        kpi_save(council=org.a, measure="tagged:no-such-tag", **fields)


def test_another_councils_tag_is_not_a_measure_here(org):
    tagged_requests(org)
    client = org.client_for("pmo", "b")
    assert client.get("/performance/measures/tagged:covid-19-response/").status_code == 404
    theirs = make_request(org.b, "live", went_live_at=clock.now())
    improvement_set_tags(improvement=theirs, names="Covid-19 response", actor=None)
    assert measures.value_of(org.b, "tagged:covid-19-response", clock.today()).shown == "1"
    assert measures.value_of(org.a, "tagged:covid-19-response", clock.today()).shown == "2"
