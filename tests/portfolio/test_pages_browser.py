"""Every council-wide PMO page, and each gate page, passes axe-core with the demo register."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.organisation.models import Board
from civicp3.portfolio.demo import load_demo
from tests.browser_support import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pmo_pages_are_accessible(page: Page, org) -> None:
    load_demo(org.a)
    board = Board.objects.get(council=org.a)
    sign_in(page, "pmo")
    for url, heading in (
        ("/projects/", "Projects, programmes and portfolios"),
        ("/projects/?stage=active&sort=score", "Projects, programmes and portfolios"),
        ("/projects/by-stage/", "Projects by stage"),
        ("/projects/waiting-list/", "Project waiting list"),
        ("/projects/capacity/", "Resource demand and capacity"),
        ("/projects/what-fits/", "What fits"),
        ("/projects/boards/", "Boards and decisions"),
        (f"/projects/boards/{board.pk}/", "CLT governance board"),
        ("/projects/lessons/", "Lessons learned"),
        ("/projects/configuration/", "Criteria, threshold and tiers"),
        ("/projects/configuration/edit/", "Change criteria, threshold and tiers"),
        ("/projects/audit/", "Audit sampling"),
        ("/projects/3/", "Digital parking permits"),
        ("/projects/3/demand/", "Resource demand"),
        ("/projects/3/health-check/", "Project health check"),
        ("/projects/3/prioritise/", "Prioritisation matrix"),
        ("/projects/6/business-case/", "Museum collection digitisation"),
        ("/projects/2/", "Customer access programme"),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_accessible(page)
    screenshot(page, "portfolio-programme")

    page.goto("/projects/what-fits/")
    expect(page.get_by_role("table", name="Chosen: 1")).to_contain_text("Garden waste")
    page.goto("/projects/audit/")
    page.get_by_label("How many projects to sample").fill("2")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page.get_by_text("Audit sample drawn and recorded")).to_be_visible()
    assert_accessible(page)
