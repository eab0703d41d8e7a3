"""KPIs through the API: the list, one KPI with its actuals, and recording an actual."""

from datetime import date
from decimal import Decimal

import pytest

from civicp3.performance.models import KpiActual
from civicp3.performance.services import kpi_actual_record, kpi_save

pytestmark = pytest.mark.django_db

ACTUAL = {"period": "2026-05-17", "value": "92", "commentary": "Two projects late"}


def kpi_for(council, name="Highlight reports on time"):
    return kpi_save(
        council=council, name=name, perspective="internal", owner="PMO", unit="%",
        target=Decimal(95), tolerance=Decimal(5), polarity="higher", frequency="monthly",
    )  # fmt: skip


def test_the_list_counts_actuals_and_exceptions(org, api_for):
    kpi = kpi_for(org.a)
    kpi_for(org.b, "Beta's own KPI")
    kpi_actual_record(kpi=kpi, period=date(2026, 4, 1), value=Decimal(96))
    kpi_actual_record(kpi=kpi, period=date(2026, 5, 1), value=Decimal(80), commentary="Late")
    body = api_for("councillor", scope="read").get("/api/kpis/").json()
    assert body["count"] == 1
    assert (body["items"][0]["name"], body["items"][0]["reported"]) == (kpi.name, 2)
    assert body["items"][0]["exceptions"] == 1


def test_recording_an_actual_gives_its_status_and_shows_on_the_kpi(org, api_for):
    kpi = kpi_for(org.a)
    response = api_for("pmo").post(f"/api/kpis/{kpi.pk}/actuals", ACTUAL)
    assert response.status_code == 201, response.content
    assert (response.json()["period"], response.json()["status"]) == ("2026-05-01", "amber")
    read = api_for("sponsor").get(f"/api/kpis/{kpi.pk}").json()
    assert read["actuals"] == [
        {
            "period": "2026-05-01",
            "value": "92.00",
            "status": "amber",
            "commentary": "Two projects late",
            "actions": "",
        }
    ]


def test_an_amber_actual_without_commentary_names_the_field(org, api_for):
    kpi = kpi_for(org.a)
    response = api_for("pmo").post(f"/api/kpis/{kpi.pk}/actuals", ACTUAL | {"commentary": ""})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "commentary"
    assert KpiActual.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"), [({"value": "lots"}, "value"), ({"period": ""}, "period")]
)
def test_bad_input_names_the_field(org, api_for, change, field):
    kpi = kpi_for(org.a)
    response = api_for("pmo").post(f"/api/kpis/{kpi.pk}/actuals", ACTUAL | change)
    assert response.status_code == 422
    assert field in [error["field"] for error in response.json()["errors"]]


def test_another_councils_kpi_is_a_404(org, api_for):
    theirs = kpi_for(org.b)
    api = api_for("pmo")
    assert api.get(f"/api/kpis/{theirs.pk}").status_code == 404
    assert api.post(f"/api/kpis/{theirs.pk}/actuals", ACTUAL).status_code == 404
    assert KpiActual.objects.count() == 0


def test_roles_and_read_only_tokens_are_refused(org, api_for):
    kpi = kpi_for(org.a)
    assert api_for("staff").get("/api/kpis/").status_code == 403
    assert api_for("sponsor").post(f"/api/kpis/{kpi.pk}/actuals", ACTUAL).status_code == 403
    assert (
        api_for("pmo", scope="read").post(f"/api/kpis/{kpi.pk}/actuals", ACTUAL).status_code == 403
    )
    assert KpiActual.objects.count() == 0
