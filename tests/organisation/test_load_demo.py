import csv
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from civicp3.organisation.management.commands.load_demo import WORKLIST
from civicp3.organisation.models import (
    Board,
    CorporatePriority,
    Council,
    Membership,
    ServiceArea,
)
from civicp3.organisation.roles import Role

pytestmark = pytest.mark.django_db


def load(monkeypatch, password="demo-secret-1"):
    monkeypatch.setenv("DEMO_PASSWORD", password)
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_it_builds_maldon_from_the_seed_work_list(monkeypatch):
    load(monkeypatch)
    maldon = Council.objects.get(slug="maldon")
    assert maldon.name == "Maldon District Council (demo)"
    with WORKLIST.open(newline="") as handle:
        expected = {row["Service Area"].strip() for row in csv.DictReader(handle)}
    # and the PMO and Improvement service itself, whose service risks the demo carries
    expected.add("PMO and Improvements")
    assert (
        set(ServiceArea.objects.filter(council=maldon).values_list("name", flat=True)) == expected
    )
    assert set(CorporatePriority.objects.filter(council=maldon).values_list("name", flat=True)) == {
        "Smarter finances",
        "Provide good quality services",
        "Greener future",
    }
    assert set(Board.objects.filter(council=maldon).values_list("name", flat=True)) == {
        "CLT governance board",
        "ELT project board",
    }


def test_it_makes_one_person_per_role_in_each_council(monkeypatch):
    output = load(monkeypatch, "demo-secret-1")
    for role in Role:
        assert Membership.objects.get(user__username=role.value).council.slug == "maldon"
        assert Membership.objects.get(user__username=f"{role.value}-2").council.slug == "brightwell"
    assert "Password for every demo user: demo-secret-1" in output
    assert User.objects.get(username="pmo").check_password("demo-secret-1")


def test_it_can_run_twice(monkeypatch):
    load(monkeypatch, "first-pass-1")
    counts = (Council.objects.count(), ServiceArea.objects.count(), Membership.objects.count())
    load(monkeypatch, "second-pass-2")
    assert (
        Council.objects.count(),
        ServiceArea.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert User.objects.get(username="pmo").check_password("second-pass-2")


def test_it_prints_a_random_password_when_none_is_set(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("load_demo", stdout=out)
    password = out.getvalue().rsplit("Password for every demo user: ", 1)[1].strip()
    assert len(password) >= 12
    assert User.objects.get(username="staff").check_password(password)
