"""One search box across the council's records, only what the person's role lets them see."""

import pytest
from django.urls import reverse

from civicp3.improvements.services import improvement_raise
from civicp3.portfolio.services import project_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(org):
    improvement_raise(
        council=org.a,
        process_impacted="Garden waste renewals",
        problem_statement="Renewals arrive by e-mail and are re-keyed into the waste system",
    )
    improvement_raise(
        council=org.a, process_impacted="Pest control bookings", problem_statement="Phone only"
    )
    project_create(council=org.a, title="Waste fleet replacement", summary="New refuse vehicles")
    improvement_raise(
        council=org.b, process_impacted="Beta garden waste", problem_statement="Beta's renewals"
    )


def search(client, **params):
    return client.get(reverse("search"), params).content.decode()


def test_it_finds_matching_records_of_every_kind_in_the_council(records, org):
    body = search(org.client_for("pmo"), q="waste")
    assert "IMP-0001: Garden waste renewals" in body
    assert "PRJ-0001: Waste fleet replacement" in body
    assert "Pest control" not in body
    assert "Beta garden waste" not in body


def test_every_word_must_match(records, org):
    body = search(org.client_for("pmo"), q="garden renewals")
    assert "Garden waste renewals" in body
    assert "Waste fleet" not in body


def test_it_shows_only_kinds_the_role_may_see(records, org):
    body = search(org.client_for("staff"), q="waste")
    assert "Garden waste renewals" not in body
    assert "Waste fleet replacement" not in body
    assert "Improvement requests" not in body


def test_one_kind_can_be_chosen(records, org):
    body = search(org.client_for("pmo"), q="waste", kind="projects")
    assert "Waste fleet replacement" in body
    assert "Garden waste renewals" not in body


def test_an_empty_search_explains_itself(org):
    body = search(org.client_for("pmo"), q="   ")
    assert "There is a problem" in body
    assert "Enter words to search for" in body


def test_nothing_found_is_said_plainly(records, org):
    body = search(org.client_for("pmo"), q="zebra")
    assert "Improvement requests: 0 found" in body
    assert "No improvement requests match “zebra”." in body


def test_a_reference_finds_its_record_in_the_council_only(records, org):
    body = search(org.client_for("pmo"), q="IMP-0002")
    assert "IMP-0002: Pest control bookings" in body
    assert "Garden waste renewals" not in body
    assert "PRJ-0001: Waste fleet replacement" in search(org.client_for("pmo"), q="prj-0001")
    assert "IMP-0001: Garden waste renewals" in search(org.client_for("pmo"), q="IMP1")
    # Council B's IMP-0001 is not council A's.
    assert "Beta garden waste" not in search(org.client_for("pmo"), q="IMP-0001")
