"""The "what needs my attention" panel shows each role what waits for it, and only that."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from civicp3.organisation.selectors import council_context_for
from civicp3.performance.attention import attention_for
from tests.clock import next_month
from tests.performance.conftest import TODAY

pytestmark = pytest.mark.django_db


def _request(org, role: str):
    request = RequestFactory().get("/")
    request.user = org.people_a[role]
    request.council_context = council_context_for(request.user, None)
    return request


def panel(org, role: str, today=TODAY) -> str:
    return render_to_string(
        "performance/_attention.html",
        {"attention": attention_for(_request(org, role), today=today)},
    )


def test_pmo_sees_red_kpis_first_as_urgent(demo):
    html = panel(demo, "pmo")
    assert "What needs my attention" in html
    assert "KPIs are red" in html
    assert html.index("Urgent") < html.index("KPIs are red")


def test_the_project_manager_is_asked_for_last_months_actuals_and_benefits(demo):
    html = panel(demo, "project_manager")
    # The demo's latest actuals are for this month, so last month's are all in.
    last_month = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
    assert f"without an actual for {last_month:%B %Y}" not in html
    assert "past months of benefits without a realised figure" not in html
    # Early in the month after next, next month has no actuals yet.
    later = (next_month() + timedelta(days=31)).replace(day=10)
    html_next_month = panel(demo, "project_manager", today=later)
    assert f"4 KPIs without an actual for {next_month():%B %Y}" in html_next_month
    assert "3 past months of benefits without a realised figure" in html_next_month


def test_a_member_of_staff_has_nothing_to_do(demo):
    assert "Nothing needs your attention." in panel(demo, "staff")
