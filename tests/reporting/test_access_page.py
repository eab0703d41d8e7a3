"""The council administrator makes, renews and removes the reporting login from a page."""

import psycopg
import pytest
from django.db import connection

from civicp3.reporting.models import ReportingAccess

ON_POSTGRES = connection.vendor == "postgresql"


def connect(role: str, password: str) -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        dbname=settings["NAME"],
        user=role,
        password=password,
        autocommit=True,
    )


def stored_password(role: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", [role])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_only_the_council_administrator_may_change_the_login(org):
    for role in ("pmo", "auditor", "sponsor"):
        response = org.client_for(role).post("/settings/reporting/", {"action": "password"})
        assert response.status_code == 403, role
    assert not ReportingAccess.objects.exists()


@pytest.mark.skipif(ON_POSTGRES, reason="the page's answer when the database is SQLite")
@pytest.mark.django_db
def test_on_sqlite_the_page_says_why_and_offers_the_downloads_instead(org):
    admin = org.client_for("council_admin")
    page = admin.get("/settings/reporting/").content.decode()
    assert "The reporting schema needs PostgreSQL" in page
    assert "Create the login" not in page
    response = admin.post("/settings/reporting/", {"action": "password"}, follow=True)
    assert "The reporting schema needs PostgreSQL" in response.content.decode()
    assert not ReportingAccess.objects.exists()


@pytest.mark.skipif(not ON_POSTGRES, reason="the reporting role is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_the_administrator_makes_renews_and_removes_the_login(org):
    admin = org.client_for("council_admin")
    assert "Create the login" in admin.get("/settings/reporting/").content.decode()

    made = admin.post("/settings/reporting/", {"action": "password"}).content.decode()
    role = made.split('<code id="reporting-role">')[1].split("<")[0]
    first = made.split('<code id="reporting-password">')[1].split("<")[0]
    with connect(role, first) as reader:
        assert reader.execute("SELECT count(*) FROM reporting.projects").fetchone() == (0,)
    access = ReportingAccess.objects.get(council=org.a)
    assert (access.role_name, access.active) == (role, True)
    assert access.password_set_by == org.people_a["council_admin"]
    page = admin.get("/settings/reporting/").content.decode()
    assert "Can connect" in page
    assert "Give the login a new password" in page

    before = stored_password(role)
    renewed = admin.post("/settings/reporting/", {"action": "password"}).content.decode()
    second = renewed.split('<code id="reporting-password">')[1].split("<")[0]
    assert second != first
    # The test cluster trusts loopback logins, so the old password is checked where PostgreSQL
    # keeps it: the role's stored verifier is the new one's.
    assert stored_password(role) != before

    admin.post("/settings/reporting/", {"action": "remove"})
    with pytest.raises(psycopg.OperationalError):
        connect(role, second)
    assert not ReportingAccess.objects.get(council=org.a).active
    assert ReportingAccess.history.filter(council=org.a).count() == 3  # made, renewed, removed
