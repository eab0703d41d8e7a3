"""Walks each role's guide on the demo council's data: each step's page is the one the guide
describes, passes axe-core, and is photographed for the guide (docs/guides/images/).

Every picture a guide shows is taken here, and every picture taken here is in its guide.
"""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from civicp3.guides import content
from tests.browser_support import assert_accessible, sign_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "guides" / "images"
COUNCIL = "Maldon District Council (demo)"


def _goto(name: str) -> Callable[[Page], None]:
    return lambda page: page.goto(reverse(name))


def _click(link: str) -> Callable[[Page], None]:
    return lambda page: page.get_by_role("main").get_by_role("link", name=link).click()


def _first_project(page: Page) -> None:
    page.goto(reverse("project-register"))
    page.get_by_role("main").get_by_role("table").first.get_by_role("link").first.click()


# guide: (the demo user who walks it, [(picture, how to get there, the page's heading)]).
WALKS: dict[str, tuple[str, list[tuple[str, Callable[[Page], None], str | None]]]] = {
    "pmo-officer": (
        "pmo",
        [
            ("pmo-officer-home", _goto("home"), COUNCIL),
            ("pmo-officer-register", _goto("project-register"), "Projects, programmes and"),
            ("pmo-officer-capacity", _goto("project-capacity"), "Resource demand and capacity"),
            ("pmo-officer-productivity-plan", _goto("productivity-plans"), "Productivity Plan"),
            ("pmo-officer-recent-work", _goto("jobs"), "Your recent work"),
        ],
    ),
    "project-manager": (
        "project_manager",
        [
            ("project-manager-home", _goto("home"), COUNCIL),
            ("project-manager-register", _goto("project-register"), "Projects, programmes and"),
            ("project-manager-project", _first_project, None),
            ("project-manager-risks", _goto("toolkit-service-risks"), "Service risk"),
        ],
    ),
    "sponsor-and-board-member": (
        "sponsor",
        [
            ("sponsor-and-board-member-home", _goto("home"), COUNCIL),
            ("sponsor-and-board-member-boards", _goto("project-boards"), "Boards and decisions"),
            ("sponsor-and-board-member-decisions", _goto("toolkit-decisions-log"), "Decisions log"),
            ("sponsor-and-board-member-benefits", _goto("performance-benefits"), "Benefits"),
        ],
    ),
    "improvement-team": (
        "improvement_team",
        [
            (
                "improvement-team-waiting-list",
                _goto("improvement-waiting-list"),
                "Improvement waiting list",
            ),
            ("improvement-team-import", _goto("improvement-import"), "Import a work list"),
            ("improvement-team-matrix", _goto("improvement-matrix"), "Technical matrix"),
        ],
    ),
    "improvement-team-champion": (
        "green_belt_champion",
        [("improvement-team-self-serve", _goto("improvement-self-serve"), "self-serve")],
    ),
    "service-manager": (
        "staff",
        [
            ("service-manager-home", _goto("home"), COUNCIL),
            (
                "service-manager-raise",
                _click("Raise an improvement request"),
                "Raise an improvement",
            ),
            ("service-manager-search", _goto("search"), "Search"),
        ],
    ),
    "council-administrator": (
        "council_admin",
        [
            ("council-administrator-onboarding", _goto("onboarding"), "Set up your council"),
            ("council-administrator-settings", _goto("settings"), "Council settings"),
            ("council-administrator-people", _goto("people"), "People and roles"),
        ],
    ),
}


@pytest.fixture
def demo(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_picture_in_the_guides_is_taken_by_a_walk() -> None:
    walked = {f"{image}.png" for _, steps in WALKS.values() for image, *_ in steps}
    shown = {name for guide in content.GUIDES for name in content.page(guide).images}
    assert walked == shown


def test_each_guide_is_walked_and_photographed(page: Page, demo, tmp_path) -> None:
    # `make guide-pictures` refreshes the guides' pictures; otherwise they go to a scratch folder,
    # so a test run leaves the checkout as it was.
    folder = IMAGES if os.environ.get("UPDATE_GUIDE_PICTURES") == "1" else tmp_path
    page.set_viewport_size({"width": 1280, "height": 900})
    for username, steps in WALKS.values():
        page.context.clear_cookies()
        sign_in(page, username)
        expect(page.get_by_role("heading", name=COUNCIL, level=1)).to_be_visible()
        for image, go, heading in steps:
            go(page)
            title = page.get_by_role("heading", level=1)
            expect(title).to_be_visible()
            if heading:
                expect(title).to_contain_text(heading)
            assert_accessible(page)
            page.screenshot(path=str(folder / f"{image}.png"))

    # The guides themselves, in the app, with their pictures.
    page.goto(reverse("guides"))
    expect(page.get_by_role("heading", name="Guides", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Civic P3 for council administrators").click()
    figure = page.get_by_role("img", name="The set-up task list")
    expect(figure).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", figure.element_handle()) > 0
    assert_accessible(page)
