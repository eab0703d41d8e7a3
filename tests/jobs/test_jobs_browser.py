"""A work-list import runs in the background: its page shows it waiting, follows its progress by
itself and, once it is done, links to the imported work; every page passes axe-core."""

import pytest
from playwright.sync_api import Page, expect

from civicp3.jobs import services
from civicp3.jobs.models import Job
from civicp3.organisation.management.commands.load_demo import WORKLIST
from tests.browser_support import assert_accessible, screenshot, sign_in
from tests.improvements.conftest import give_seed_structure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_import_is_followed_to_its_result(page: Page, org, queued_tasks) -> None:
    # The job waits for the worker, as it does on a real server.
    give_seed_structure(org.a)
    sign_in(page, "improvement_team")
    page.goto("/improvements/import/")
    page.get_by_label("Work list file").set_input_files(str(WORKLIST))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 26 requests").click()

    expect(page.get_by_role("heading", name=f"Import of {WORKLIST.name}", level=1)).to_be_visible()
    expect(page.get_by_text("Waiting to start")).to_be_visible()
    expect(page.get_by_role("link", name="Refresh")).to_be_visible()
    expect(page.get_by_role("progressbar", name="Progress")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "job-waiting")

    services.run(Job.objects.get().pk)  # what the worker (`civicp3 db_worker`) does

    # No click: the page notices by itself within a few seconds.
    expect(page.get_by_role("heading", name="Finished")).to_be_visible(timeout=15_000)
    expect(page.get_by_role("status")).to_have_text("26 of 26 rows (100%)")
    expect(page.get_by_text("26 improvement requests imported")).to_be_visible()
    expect(page.get_by_role("link", name="Refresh")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "job-finished")

    page.get_by_role("link", name="Go to the improvement waiting list").click()
    expect(page.get_by_role("heading", name="Improvement waiting list")).to_be_visible()
    page.goto("/jobs/")
    expect(page.get_by_role("table", name="Work you started, newest first")).to_contain_text(
        "Finished"
    )
    assert_accessible(page)
