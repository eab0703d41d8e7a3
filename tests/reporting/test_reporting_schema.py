"""A council's reporting role reads its own council's rows through the views, and nothing else."""

from collections.abc import Iterator

import psycopg
import pytest
from django.db import connection

from civicp3.portfolio.services import project_create
from civicp3.reporting.schema import VIEWS
from civicp3.reporting.services import (
    ReportingError,
    reporting_role_create,
    reporting_role_drop,
)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-level security is PostgreSQL's"
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def alpha_role(org) -> Iterator[psycopg.Connection]:  # type: ignore[no-untyped-def]
    project_create(council=org.a, title="Alpha's waste round")
    project_create(council=org.b, title="Beta's secret project")
    # Beta's role exists too: only row-level security keeps its rows from Alpha's role.
    reporting_role_create(council=org.b)
    role, password = reporting_role_create(council=org.a)
    settings = connection.settings_dict
    reader = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        dbname=settings["NAME"],
        user=role,
        password=password,
        autocommit=True,
    )
    yield reader
    reader.close()
    reporting_role_drop(council=org.a)
    reporting_role_drop(council=org.b)


def test_the_role_reads_only_its_councils_rows(org, alpha_role) -> None:
    titles = [row[0] for row in alpha_role.execute("SELECT title FROM reporting.projects")]
    assert titles == ["Alpha's waste round"]
    councils = alpha_role.execute("SELECT DISTINCT council_id FROM reporting.projects").fetchall()
    assert councils == [(org.a.pk,)]


def test_every_view_answers_with_only_its_councils_rows(alpha_role, org) -> None:
    for view in VIEWS:
        cursor = alpha_role.execute(f"SELECT * FROM reporting.{view}")
        assert cursor.description[0].name == "council_id", view
        assert {row[0] for row in cursor.fetchall()} <= {org.a.pk}, view


def test_the_role_cannot_write(alpha_role) -> None:
    refused = (psycopg.errors.InsufficientPrivilege, psycopg.errors.ObjectNotInPrerequisiteState)
    with pytest.raises(refused):
        alpha_role.execute("UPDATE reporting.projects SET title = 'changed'")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        alpha_role.execute("CREATE TABLE reporting.mine (id int)")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        alpha_role.execute("INSERT INTO reporting.readers VALUES ('x', 1)")


@pytest.mark.parametrize("table", ["portfolio_project", "auth_user", "reporting.readers"])
def test_the_role_cannot_read_base_tables(alpha_role, table: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        alpha_role.execute(f"SELECT * FROM {table}")


def test_a_dropped_role_cannot_connect(org, alpha_role) -> None:
    reporting_role_drop(council=org.a)
    settings = connection.settings_dict
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"],
            dbname=settings["NAME"],
            user="civicp3_reporting_alpha",
            password="x",
        )
    reporting_role_create(council=org.a)  # for the fixture's own drop


def test_it_explains_when_the_database_is_not_postgresql_or_not_installed(org) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE reporting.readers RENAME TO readers_away")
    try:
        with pytest.raises(ReportingError, match="reporting schema is not installed"):
            reporting_role_create(council=org.a)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE reporting.readers_away RENAME TO readers")
