"""A person in one council never reads another council's records, even by guessing URLs."""

import pytest
from django.urls import reverse

from civicp3.organisation.models import BoardMember, CorporatePriority, WageRate
from civicp3.organisation.sections import SECTIONS

pytestmark = pytest.mark.django_db


def other_council_records(org):
    CorporatePriority.objects.create(council=org.b, name="Beta priority")
    WageRate.objects.create(council=org.b, grade="Beta grade", hourly_cost="20.00")
    BoardMember.objects.create(
        council=org.b,
        board=SECTIONS["boards"].model.objects.get(council=org.b),
        user=org.people_b["board_member"],
    )
    return {kind: section.model.objects.get(council=org.b) for kind, section in SECTIONS.items()}


def test_it_returns_404_for_another_councils_records_by_url(org):
    client = org.client_for("council_admin")
    for kind, record in other_council_records(org).items():
        for name in ("settings-edit", "settings-history"):
            url = reverse(name, kwargs={"kind": kind, "pk": record.pk})
            assert client.get(url).status_code == 404, url
            assert client.post(url, {"name": "hijacked"}).status_code in {404, 405}, url


def test_it_does_not_list_another_councils_records(org):
    theirs = other_council_records(org)
    ours = {
        kind: section.model.objects.filter(council=org.a).first()
        for kind, section in SECTIONS.items()
    }
    client = org.client_for("auditor")
    for kind in SECTIONS:
        body = client.get(reverse("settings-section", kwargs={"kind": kind})).content.decode()
        assert reverse("settings-history", args=[kind, theirs[kind].pk]) not in body, kind
        if ours[kind] is not None:
            assert reverse("settings-history", args=[kind, ours[kind].pk]) in body, kind


def test_it_returns_404_for_a_person_of_another_council(org):
    client = org.client_for("council_admin")
    stranger = org.people_b["staff"]
    assert client.get(reverse("person-edit", kwargs={"pk": stranger.pk})).status_code == 404


def test_it_offers_only_own_council_choices_in_forms(org):
    client = org.client_for("council_admin")
    body = client.get(reverse("settings-add", kwargs={"kind": "service-areas"})).content.decode()
    assert "Alpha District Council AD area" in body
    assert "Beta Borough Council AD area" not in body


def test_it_refuses_a_posted_choice_from_another_council(org):
    client = org.client_for("council_admin")
    beta_directorate = SECTIONS["directorates"].model.objects.get(council=org.b)
    response = client.post(
        reverse("settings-add", kwargs={"kind": "service-areas"}),
        {"name": "Smuggled", "directorate": beta_directorate.pk, "monthly_capacity_hours": "10"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SECTIONS["service-areas"].model.objects.filter(name="Smuggled").exists()
