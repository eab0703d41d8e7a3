"""A new council is set up from nothing through every onboarding step, in a browser.

The operator creates the council; its administrator follows the invitation e-mail, sets a
password and works down the task list, importing files this test writes, the seed's
improvement work list and a Microsoft Project plan; every page passes axe-core.
"""

import csv
import re
import shutil
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from civicp3.organisation.services import AREA_COLUMNS, PEOPLE_COLUMNS
from tests.browser_support import assert_accessible, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
WORK_LIST = ROOT / "civicp3" / "demo_data" / "maldon-improvement-worklist-2024.csv"
PLAN = Path(__file__).parent / "data" / "officeimo_Project2024_relationships.xml"
PASSWORD = "tendring-improves-2026"


def _areas_csv(folder: Path) -> Path:
    """Every AD area and service area the seed's work list names, each with a capacity."""
    with WORK_LIST.open(encoding="utf-8-sig") as source:
        pairs = sorted({(row["AD area"], row["Service Area"]) for row in csv.DictReader(source)})
    path = folder / "service-areas.csv"
    with path.open("w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        writer.writerow(AREA_COLUMNS)
        for number, (ad_area, area) in enumerate(pairs, start=1):
            writer.writerow([ad_area, "", area, 10 * number])
    return path


def _people_xlsx(folder: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(PEOPLE_COLUMNS)
    sheet.append(["asmith", "Alex", "Smith", "alex.smith@tendring.gov.uk", "PMO"])
    sheet.append(["bpatel", "Bina", "Patel", "bina.patel@tendring.gov.uk", "Improvement team"])
    path = folder / "people.xlsx"
    workbook.save(path)
    return path


def _upload(page: Page, label: str, path: Path, done: str) -> None:
    page.get_by_label(label).set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Check before you import")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Import", exact=True).click()
    # The import runs as a background job; its page shows the rows done and links back.
    expect(page.get_by_role("heading", name="Finished")).to_be_visible()
    expect(page.get_by_text(done)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the step").click()


def _complete(page: Page, title: str) -> None:
    page.get_by_role("button", name="Mark this step as completed").click()
    expect(page.get_by_text(f"{title} marked as completed")).to_be_visible()


def _open(page: Page, title: str) -> None:
    page.get_by_role("main").get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    assert_accessible(page)


def test_a_new_council_is_onboarded_from_nothing(page: Page, live_server, tmp_path) -> None:
    call_command(
        "create_council",
        name="Tendring District Council",
        slug="tendring",
        admin_email="pmo.lead@tendring.gov.uk",
        site_url=live_server.url,
    )
    link = re.search(r"http://\S+/onboarding/invitation/\S+/", mail.outbox[-1].body)
    assert link is not None

    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Set your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("heading", name="Set up your council")).to_be_visible()
    expect(page.get_by_text("You have completed 0 of 8 steps.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "onboarding-task-list")

    _open(page, "Council details and working-day settings")
    page.get_by_label("Hours in a working day").fill("7.4")
    page.get_by_label("Corporate plan title").fill("Tendring Corporate Plan 2024 to 2028")
    page.get_by_role("button", name="Save and return to the task list").click()
    expect(page.get_by_text("Council details saved")).to_be_visible()

    _open(page, "Directorates, AD areas and service areas")
    expect(page.get_by_text("There are no service areas yet")).to_be_visible()
    page.get_by_role("link", name="Add a directorate or AD area").click()
    assert_accessible(page)
    page.get_by_label("Name of the directorate or AD area").fill("Sue")
    page.get_by_label("Assistant director").fill("Sue Green")
    page.get_by_role("button", name="Add directorate or AD area").click()
    expect(page.get_by_text("Directorate or AD area added")).to_be_visible()
    _upload(page, "Upload a file", _areas_csv(tmp_path), "19 service areas imported")
    expect(page.get_by_role("cell", name="Cemeteries")).to_be_visible()
    assert_accessible(page)
    _complete(page, "Directorates, AD areas and service areas")

    _open(page, "Corporate priorities")
    page.get_by_role("link", name="Add a corporate priority").click()
    page.get_by_label("Name").fill("A well-run council")
    page.get_by_role("button", name="Add corporate priority").click()
    expect(page.get_by_role("cell", name="A well-run council")).to_be_visible()
    _complete(page, "Corporate priorities")

    _open(page, "Boards")
    page.get_by_role("link", name="Add a board").click()
    assert_accessible(page)
    page.get_by_label("Name").fill("CLT governance board")
    page.get_by_label("CLT governance board").check()
    page.get_by_label("Meets").fill("Monthly")
    page.get_by_role("button", name="Add board").click()
    expect(page.get_by_role("cell", name="Monthly")).to_be_visible()
    _complete(page, "Boards")

    sent = len(mail.outbox)
    _open(page, "People and roles")
    _upload(
        page, "Upload a file", _people_xlsx(tmp_path), "2 people added and sent an invitation email"
    )
    expect(page.get_by_role("cell", name="bina.patel@tendring.gov.uk")).to_be_visible()
    assert [m.to for m in mail.outbox[sent:]] == [
        ["alex.smith@tendring.gov.uk"],
        ["bina.patel@tendring.gov.uk"],
    ]
    _complete(page, "People and roles")

    # A new council is made with the seed council's matrix and criteria: nothing to start.
    _open(page, "Scoring matrix and prioritisation criteria")
    expect(page.get_by_text("Your council has its scoring matrix and criteria")).to_be_visible()
    expect(
        page.get_by_role("link", name="technical matrix and pathway decision tree")
    ).to_be_visible()
    assert_accessible(page)
    _complete(page, "Scoring matrix and prioritisation criteria")

    _open(page, "Import the improvement work list")
    work_list = tmp_path / WORK_LIST.name
    shutil.copy(WORK_LIST, work_list)
    _upload(page, "Upload a file", work_list, "26 improvement requests imported")
    expect(page.get_by_role("cell", name="Contact us form and process")).to_be_visible()
    assert_accessible(page)
    _complete(page, "Import the improvement work list")

    _open(page, "Import MS Project plans")
    page.get_by_label("Title of the new project").fill("Office move")
    _upload(page, "Microsoft Project file", PLAN, "10 tasks imported into the plan of PRJ-0001")
    expect(page.get_by_role("cell", name="Office move")).to_be_visible()
    assert_accessible(page)
    _complete(page, "Import MS Project plans")

    expect(page.get_by_text("You have completed 8 of 8 steps.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Go to the home page").click()
    expect(page.get_by_role("heading", name="Tendring District Council")).to_be_visible()
    glance = page.get_by_role("term")
    expect(glance).to_have_text(
        [
            "Improvement requests",
            "Projects, programmes and portfolios",
            "Open risks",
            "Service areas",
            "Working day",
        ]
    )
    expect(page.get_by_role("link", name="26 improvement requests")).to_be_visible()
    expect(page.get_by_role("link", name="1 projects, programmes and portfolios")).to_be_visible()
    expect(page.get_by_role("link", name="19 service areas")).to_be_visible()
    expect(page.get_by_text("Your council is not fully set up yet")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "onboarding-home")
