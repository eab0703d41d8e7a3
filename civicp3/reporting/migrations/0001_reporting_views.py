"""The `reporting` schema of views for Power BI and Excel, on PostgreSQL only.

It needs a role that may create roles; without one it is skipped with a notice, and running
`civicp3 migrate reporting zero` then `civicp3 migrate` as such a role installs it later.
"""

from django.db import migrations

from civicp3.reporting import schema


def install(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    if not schema.can_install(connection):
        print(
            "\n  The reporting schema was not installed: the database role may not create roles."
        )
        return
    schema.install(connection)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("improvements", "0004_waiting_list_order"),
        ("organisation", "0002_history_reason_as_text"),
        ("portfolio", "0004_highlight_quality_and_benefits"),
        ("performance", "0002_history_reason_as_text"),
        ("toolkit", "0004_risk_review_index"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
