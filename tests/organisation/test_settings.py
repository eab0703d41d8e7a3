"""A council administrator keeps the council's structure and rates in the app."""

import pytest
from django.urls import reverse

from civicp3.organisation.models import Council, ServiceArea

pytestmark = pytest.mark.django_db


def add_url(kind):
    return reverse("settings-add", kwargs={"kind": kind})


def test_it_adds_a_service_area_with_capacity(org):
    client = org.client_for("council_admin")
    area = ServiceArea.objects.get(council=org.a)
    response = client.post(
        add_url("service-areas"),
        {"name": "Planning", "directorate": area.directorate_id, "monthly_capacity_hours": "42.5"},
    )
    assert response.status_code == 302
    created = ServiceArea.objects.get(council=org.a, name="Planning")
    assert str(created.monthly_capacity_hours) == "42.5"


def test_it_shows_govuk_errors_for_missing_and_bad_values(org):
    client = org.client_for("council_admin")
    response = client.post(add_url("service-areas"), {"name": "", "monthly_capacity_hours": "-3"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter name" in body
    assert "Select directorate or AD area" in body
    assert 'href="#id_monthly_capacity_hours"' in body
    assert "<title>Error: " in body


def test_it_refuses_a_duplicate_name_in_the_same_council(org):
    client = org.client_for("council_admin")
    area = ServiceArea.objects.get(council=org.a)
    response = client.post(
        add_url("service-areas"),
        {"name": area.name, "directorate": area.directorate_id, "monthly_capacity_hours": "1"},
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert ServiceArea.objects.filter(council=org.a, name=area.name).count() == 1


def test_it_allows_the_same_name_in_another_council(org):
    client = org.client_for("council_admin", council="b")
    response = client.post(add_url("priorities"), {"name": "Greener future"})
    assert response.status_code == 302
    client = org.client_for("council_admin")
    assert client.post(add_url("priorities"), {"name": "Greener future"}).status_code == 302


@pytest.mark.parametrize("role", ["staff", "pmo", "auditor", "councillor", "board_member"])
def test_it_lets_only_the_administrator_change_settings(org, role):
    client = org.client_for(role)
    assert client.get(add_url("wage-rates")).status_code == 403
    response = client.post(add_url("wage-rates"), {"grade": "X", "hourly_cost": "10"})
    assert response.status_code == 403
    assert client.get(reverse("council-edit")).status_code == 403
    assert client.get(reverse("settings-section", kwargs={"kind": "wage-rates"})).status_code == 200


def test_it_updates_council_details(org):
    client = org.client_for("council_admin")
    response = client.post(
        reverse("council-edit"),
        {
            "name": "Alpha District Council",
            "kind": "district",
            "working_day_hours": "7.4",
            "on_cost_percent": "35",
            "corporate_plan_title": "Alpha Plan",
            "corporate_plan_start_year": "2024",
            "corporate_plan_end_year": "2028",
        },
    )
    assert response.status_code == 302
    org.a.refresh_from_db()
    assert str(org.a.working_day_hours) == "7.40"
    assert org.a.corporate_plan_period == "2024 to 2028"


def test_it_refuses_a_plan_that_ends_before_it_starts(org):
    client = org.client_for("council_admin")
    response = client.post(
        reverse("council-edit"),
        {
            "name": "Alpha District Council",
            "kind": "district",
            "working_day_hours": "7.5",
            "on_cost_percent": "30",
            "corporate_plan_start_year": "2027",
            "corporate_plan_end_year": "2023",
        },
    )
    assert response.status_code == 200
    assert "must be the same as or after its first year" in response.content.decode()
    assert Council.objects.get(pk=org.a.pk).corporate_plan_start_year is None


def test_it_shows_who_changed_what_in_the_history(org):
    client = org.client_for("council_admin")
    area = ServiceArea.objects.get(council=org.a)
    client.post(
        reverse("settings-edit", kwargs={"kind": "service-areas", "pk": area.pk}),
        {"name": area.name, "directorate": area.directorate_id, "monthly_capacity_hours": "75"},
    )
    history = org.client_for("auditor").get(
        reverse("settings-history", kwargs={"kind": "service-areas", "pk": area.pk})
    )
    body = history.content.decode()
    assert "Changed" in body
    assert "council_admin" in body or "Test" in body
    assert "Monthly capacity (hours): 60.0 → 75.0" in body


def test_it_hides_history_from_roles_without_it(org):
    area = ServiceArea.objects.get(council=org.a)
    url = reverse("settings-history", kwargs={"kind": "service-areas", "pk": area.pk})
    assert org.client_for("staff").get(url).status_code == 403


def test_it_returns_404_for_an_unknown_kind_of_setting(org):
    client = org.client_for("council_admin")
    assert client.get(reverse("settings-section", kwargs={"kind": "nothing"})).status_code == 404
