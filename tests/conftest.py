"""The one fixture set every test reuses: two councils and a person per role in each."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client

from civicp3.onboarding.services import council_configure
from civicp3.organisation.models import Board, Council, Directorate, ServiceArea
from civicp3.organisation.roles import Role

PASSWORD = "correct-horse-battery-staple"

# The tests' frozen clock (every test runs at one fixed instant) and the browser fixtures
# (`browser`, `page`) for tests in any folder.
pytest_plugins = ["tests.clock", "tests.browser_support"]


@dataclass
class Org:
    """Council A (where most tests act), council B (the other tenant) and their people."""

    a: Council
    b: Council
    people_a: dict[str, User]
    people_b: dict[str, User]

    def client_for(self, role: str, council: str = "a") -> Client:
        client = Client()
        client.force_login((self.people_a if council == "a" else self.people_b)[role])
        return client


def make_council(name: str, slug: str) -> Council:
    council = Council.objects.create(name=name, slug=slug, kind=Council.Kind.DISTRICT)
    directorate = Directorate.objects.create(council=council, name=f"{name} AD area")
    ServiceArea.objects.create(
        council=council, directorate=directorate, name=f"{name} Waste", monthly_capacity_hours=60
    )
    Board.objects.create(council=council, name="CLT governance board", kind="clt_governance")
    council_configure(council)  # as `council_create` does
    return council


def make_people(council: Council, suffix: str) -> dict[str, User]:
    people = {}
    for role in Role:
        user = User.objects.create_user(
            username=f"{role.value}{suffix}", password=PASSWORD, first_name="Test"
        )
        user.memberships.create(council=council, role=role)
        people[role.value] = user
    return people


@pytest.fixture
def org(db: None) -> Org:
    a = make_council("Alpha District Council", "alpha")
    b = make_council("Beta Borough Council", "beta")
    return Org(a=a, b=b, people_a=make_people(a, ""), people_b=make_people(b, "-b"))


@pytest.fixture
def immediate_tasks(settings) -> None:  # type: ignore[no-untyped-def]
    """Background work runs inside the request that starts it (as with TASKS_IMMEDIATE=1)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def queued_tasks(settings) -> None:  # type: ignore[no-untyped-def]
    """Background work waits in the database queue for a worker, as on a real server."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:  # type: ignore[no-untyped-def]
    # PBKDF2 is slow on purpose; the tests make dozens of people.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """Stored files (uploads, snapshots of record) go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
