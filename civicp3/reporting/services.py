"""Each council's read-only PostgreSQL role for Power BI and Excel."""

import secrets

from django.contrib.auth.models import AbstractBaseUser, User
from django.db import connection, transaction
from django.utils import timezone
from psycopg import sql

from civicp3.lib.errors import DomainError
from civicp3.organisation.models import Council
from civicp3.reporting.models import ReportingAccess
from civicp3.reporting.schema import VIEWS


class ReportingError(DomainError):
    """The reporting role cannot be made here; the message says why."""


def reporting_role_name(council: Council) -> str:
    return f"civicp3_reporting_{council.slug.replace('-', '_')}"[:63]


def unavailable_reason() -> str | None:
    """Why this installation cannot give a council a reporting role, or None if it can."""
    try:
        _check_schema()
    except ReportingError as error:
        return error.message
    return None


def _check_schema() -> None:
    if connection.vendor != "postgresql":
        raise ReportingError("The reporting schema needs PostgreSQL; this database is not.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('reporting.readers') IS NOT NULL")
        row = cursor.fetchone()
    if not (row and row[0]):
        raise ReportingError(
            "The reporting schema is not installed: run `civicp3 migrate` as a database role "
            "that may create roles (CREATEROLE)."
        )


@transaction.atomic
def reporting_role_create(
    *, council: Council, actor: AbstractBaseUser | None = None
) -> tuple[str, str]:
    """Create (or give a new password to) the council's read-only login role, recording who
    did it. Returns the role name and its new password, which is shown once and never kept."""
    _check_schema()
    role, password = reporting_role_name(council), secrets.token_urlsafe(24)
    name = sql.Identifier(role)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        verb = sql.SQL("ALTER") if cursor.fetchone() else sql.SQL("CREATE")
        cursor.execute(
            sql.SQL(
                "{} ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS "
                "PASSWORD {}"
            ).format(verb, name, sql.Literal(password))
        )
        cursor.execute(sql.SQL("GRANT USAGE ON SCHEMA reporting TO {}").format(name))
        for view in VIEWS:
            cursor.execute(
                sql.SQL("GRANT SELECT ON {} TO {}").format(sql.Identifier("reporting", view), name)
            )
        cursor.execute(
            "INSERT INTO reporting.readers (role_name, council_id) VALUES (%s, %s) "
            "ON CONFLICT (role_name) DO UPDATE SET council_id = EXCLUDED.council_id",
            [role, council.pk],
        )
    access = ReportingAccess.objects.filter(council=council).first() or ReportingAccess(
        council=council
    )
    access.role_name, access.active = role, True
    access.password_set_at = timezone.now()
    access.password_set_by = actor if isinstance(actor, User) else None
    access._history_user = actor  # type: ignore[attr-defined]
    access.save()
    return role, password


@transaction.atomic
def reporting_role_drop(*, council: Council, actor: AbstractBaseUser | None = None) -> str:
    """Remove the council's reporting role: Power BI and Excel can no longer connect."""
    _check_schema()
    role = reporting_role_name(council)
    name = sql.Identifier(role)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reporting.readers WHERE role_name = %s", [role])
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone():
            cursor.execute(
                sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA reporting FROM {}").format(name)
            )
            cursor.execute(sql.SQL("REVOKE USAGE ON SCHEMA reporting FROM {}").format(name))
            cursor.execute(sql.SQL("DROP ROLE {}").format(name))
    for access in ReportingAccess.objects.filter(council=council, active=True):
        access.active = False
        access._history_user = actor  # type: ignore[attr-defined]
        access.save()
    return role
