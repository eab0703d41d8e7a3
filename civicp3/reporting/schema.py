"""The `reporting` schema on PostgreSQL: stable, documented views for Power BI and Excel.

The views belong to a role of their own, `civicp3_reporting_owner`, which may read the base
tables and is not a superuser, so PostgreSQL's row-level security binds it. Each council's
read-only login role (see services.py) may use the views and nothing else. The views join
`reporting.readers`, whose row-level-security policy shows each login role only its own row
(role name, council): so every view returns that council's rows and no other's. The app
manages the rows as a member of the owner role; a council's login role is never one. The columns
of each view are documented in docs/power-bi.md; change them only by adding columns.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

OWNER = "civicp3_reporting_owner"

REF = "'{prefix}-' || lpad({alias}.number::text, 4, '0')"

VIEWS: dict[str, str] = {
    "improvements": f"""
        SELECT i.council_id, {REF.format(prefix="IMP", alias="i")} AS reference,
               i.process_impacted, sa.name AS service_area, i.pathway, i.score, i.status,
               i.phase, i.created, i.went_live_at
        FROM improvements_improvementrequest i
        LEFT JOIN organisation_servicearea sa ON sa.id = i.service_area_id""",
    "projects": f"""
        SELECT p.council_id, {REF.format(prefix="PRJ", alias="p")} AS reference, p.title,
               p.kind, p.stage, p.tier, p.score, p.committed_finish, p.earliest_start,
               p.latest_start, sa.name AS service_area, p.created
        FROM portfolio_project p
        LEFT JOIN organisation_servicearea sa ON sa.id = p.service_area_id""",
    "highlight_reports": f"""
        SELECT h.council_id, {REF.format(prefix="PRJ", alias="p")} AS project, h.period,
               h.overall, h.schedule, h.cost, h.scope, h.quality, h.benefits, h.risk,
               h.submitted
        FROM portfolio_highlightreport h JOIN portfolio_project p ON p.id = h.project_id""",
    "risks": f"""
        SELECT r.council_id, {REF.format(prefix="RSK", alias="r")} AS reference, r.register,
               {REF.format(prefix="PRJ", alias="p")} AS project, r.title, r.owner,
               r.likelihood, r.impact, r.score, r.target_likelihood, r.target_impact,
               r.review_date, r.status, r.created
        FROM toolkit_risk r LEFT JOIN portfolio_project p ON p.id = r.project_id""",
    "benefits": f"""
        SELECT b.council_id, 'BEN-' || lpad(b.number::text, 4, '0') AS reference, b.title,
               {REF.format(prefix="PRJ", alias="p")} AS project,
               {REF.format(prefix="IMP", alias="i")} AS improvement, b.measure, b.baseline,
               b.target, b.owner, b.cashable, bp.period, bp.planned, bp.realised
        FROM performance_benefit b
        LEFT JOIN performance_benefitperiod bp ON bp.benefit_id = b.id
        LEFT JOIN portfolio_project p ON p.id = b.project_id
        LEFT JOIN improvements_improvementrequest i ON i.id = b.improvement_id""",
    "kpis": """
        SELECT k.council_id, k.id AS kpi_id, k.name, k.perspective, k.owner, k.unit, k.target,
               k.tolerance, k.polarity, k.frequency
        FROM performance_kpi k""",
    "kpi_actuals": """
        SELECT a.council_id, a.kpi_id, k.name AS kpi, a.period, a.value, a.status
        FROM performance_kpiactual a JOIN performance_kpi k ON k.id = a.kpi_id""",
    "capacity": """
        SELECT sa.council_id, sa.name AS service_area, sa.monthly_capacity_hours,
               d.month, COALESCE(SUM(d.hours), 0) AS demand_hours
        FROM organisation_servicearea sa
        LEFT JOIN portfolio_resourcedemand d ON d.service_area_id = sa.id
        GROUP BY sa.council_id, sa.id, sa.name, sa.monthly_capacity_hours, d.month""",
    "decisions": f"""
        SELECT d.council_id, {REF.format(prefix="PRJ", alias="p")} AS project,
               b.name AS board, d.meeting_date, d.decision, d.notes, d.recorded
        FROM portfolio_decision d JOIN portfolio_project p ON p.id = d.project_id
        LEFT JOIN organisation_board b ON b.id = d.board_id""",
}

BASE_TABLES = [
    "improvements_improvementrequest",
    "organisation_servicearea",
    "organisation_board",
    "portfolio_project",
    "portfolio_highlightreport",
    "portfolio_resourcedemand",
    "portfolio_decision",
    "toolkit_risk",
    "performance_benefit",
    "performance_benefitperiod",
    "performance_kpi",
    "performance_kpiactual",
]


def can_install(connection: BaseDatabaseWrapper) -> bool:
    """Whether this database connection may create the schema's owner role."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def install(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OWNER}') THEN
                CREATE ROLE {OWNER} NOLOGIN NOSUPERUSER NOBYPASSRLS;
              END IF;
            END $$;
            GRANT {OWNER} TO current_user;
            CREATE SCHEMA IF NOT EXISTS reporting;
            GRANT USAGE ON SCHEMA public TO {OWNER};
            GRANT USAGE, CREATE ON SCHEMA reporting TO {OWNER};
            GRANT SELECT ON {", ".join(BASE_TABLES)} TO {OWNER};
            CREATE TABLE IF NOT EXISTS reporting.readers (
              role_name name PRIMARY KEY,
              council_id bigint NOT NULL
            );
            ALTER TABLE reporting.readers OWNER TO {OWNER};
            ALTER TABLE reporting.readers ENABLE ROW LEVEL SECURITY;
            ALTER TABLE reporting.readers FORCE ROW LEVEL SECURITY;
            DROP POLICY IF EXISTS reader_sees_own_council ON reporting.readers;
            CREATE POLICY reader_sees_own_council ON reporting.readers FOR SELECT
              USING (role_name = current_user);
            DROP POLICY IF EXISTS app_manages_readers ON reporting.readers;
            CREATE POLICY app_manages_readers ON reporting.readers FOR ALL
              USING (pg_has_role(current_user, '{OWNER}', 'MEMBER'))
              WITH CHECK (pg_has_role(current_user, '{OWNER}', 'MEMBER'));
            """
        )
        for name, query in VIEWS.items():
            cursor.execute(
                f"CREATE OR REPLACE VIEW reporting.{name} WITH (security_barrier) AS "
                f"SELECT v.* FROM ({query}) v "
                "JOIN reporting.readers r ON r.council_id = v.council_id"
            )
            cursor.execute(f"ALTER VIEW reporting.{name} OWNER TO {OWNER}")


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA IF EXISTS reporting CASCADE")
