"""The improvement pages besides the journey are accessible too, including their errors."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.organisation.management.commands.load_demo import WORKLIST
from tests.browser_support import assert_accessible, sign_in
from tests.improvements.conftest import give_seed_structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_public_forms_show_errors_accessibly(page: Page, org) -> None:
    page.goto("/improvements/raise/alpha/")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Which process needs improving?").fill("Bulky waste")
    page.get_by_label("Problem statement: what is the issue?").fill("Phone only")
    page.get_by_label("What is required?").fill("A form")
    page.get_by_role("group", name="Is an online form required?").get_by_label("Not sure").check()
    page.get_by_label("Evidence (optional)").set_input_files(
        [{"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"}]
    )
    page.get_by_label("Your name").fill("Sam")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("alert")).to_contain_text("invoice.pdf must be a PDF, an image")
    assert_accessible(page)


def test_the_teams_pages_are_accessible(page: Page, org) -> None:
    give_seed_structure(org.a)
    sign_in(page, "improvement_team")
    for url, heading in (
        ("/improvements/matrix/", "Technical matrix and pathway decision tree"),
        ("/improvements/matrix/add/", "Add a matrix question"),
        ("/improvements/matrix/limits/", "Public form limits"),
        ("/improvements/matrix/feasibility/add/", "Add a feasibility question"),
        ("/improvements/training/", "Training and champion coverage"),
        ("/improvements/workshops/", "Champions' workshop log"),
        ("/improvements/self-serve/", "Self-serve improvements"),
        ("/improvements/dashboard/", "Success headlines"),
        ("/improvements/raise/", "Raise an improvement request"),
        ("/improvements/requests/", "Improvement requests"),
    ):
        page.goto(url)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
        assert_accessible(page)

    page.goto("/improvements/import/")
    assert_accessible(page)
    page.get_by_label("Work list file").set_input_files(str(WORKLIST))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("button", name="Import 26 requests")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import 26 requests").click()
    expect(page.get_by_text("26 improvement requests imported")).to_be_visible()
