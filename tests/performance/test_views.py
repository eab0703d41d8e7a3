"""Who may read and change benefits, channel costs and KPIs, and council scoping."""

from decimal import Decimal as D

import pytest

from civicp3.performance.models import Benefit, ChannelCost, Kpi, KpiActual

pytestmark = pytest.mark.django_db


def test_a_user_of_another_council_gets_404_for_a_benefit_and_a_kpi(demo):
    benefit = Benefit.objects.for_council(demo.a).first()
    kpi = Kpi.objects.for_council(demo.a).first()
    client = demo.client_for("pmo", council="b")
    assert client.get(benefit.get_absolute_url()).status_code == 404
    assert client.get(kpi.get_absolute_url()).status_code == 404


def test_staff_without_a_p3_role_cannot_read_the_reports(demo):
    client = demo.client_for("staff")
    assert client.get("/performance/reports/exceptions/").status_code == 403
    assert client.get("/performance/reports/exceptions/pdf/").status_code == 403


def test_only_pmo_changes_the_cost_per_contact(demo):
    data = {"face_to_face": "9", "telephone": "3", "online": "0.20", "source": "Own study 2025"}
    assert (
        demo.client_for("project_manager").post("/performance/channel-costs/", data).status_code
        == 403
    )
    response = demo.client_for("pmo").post("/performance/channel-costs/", data)
    assert response.status_code == 302
    cost = ChannelCost.objects.for_council(demo.a).get(channel="online")
    assert (cost.cost_per_contact, cost.source) == (D("0.20"), "Own study 2025")


def test_the_socitm_defaults_are_shown_with_their_source(demo):
    page = demo.client_for("sponsor").get("/performance/channel-costs/").content.decode()
    for figure in ("£8.62", "£2.83", "£0.15", "Socitm benchmark"):
        assert figure in page
    assert "Save costs" not in page


def test_a_red_actual_without_commentary_is_shown_in_the_error_summary(demo):
    kpi = Kpi.objects.for_council(demo.a).get(name="Projects delivered within budget")
    response = demo.client_for("project_manager").post(
        kpi.get_absolute_url(), {"period": "2026-12-01", "value": "50"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Projects delivered within budget is red this period" in response.content.decode()


def test_the_project_manager_records_an_actual(demo):
    kpi = Kpi.objects.for_council(demo.a).get(name="Projects delivered within budget")
    response = demo.client_for("project_manager").post(
        kpi.get_absolute_url(), {"period": "2026-12-05", "value": "95", "commentary": ""}
    )
    assert response.status_code == 302
    assert KpiActual.objects.get(kpi=kpi, period="2026-12-01").status == "green"


def test_a_councillor_reads_a_kpi_but_cannot_record_an_actual(demo):
    kpi = Kpi.objects.for_council(demo.a).first()
    client = demo.client_for("councillor")
    assert client.get(kpi.get_absolute_url()).status_code == 200
    assert client.post(kpi.get_absolute_url(), {"value": "1"}).status_code == 403


def test_the_pmo_defines_a_kpi(demo):
    response = demo.client_for("pmo").post(
        "/performance/kpis/new/",
        {
            "name": "Business cases approved first time",
            "perspective": "internal",
            "owner": "PMO lead",
            "unit": "%",
            "target": "80",
            "tolerance": "10",
            "polarity": "higher",
            "frequency": "quarterly",
        },
    )
    assert response.status_code == 302
    assert Kpi.objects.for_council(demo.a).filter(frequency="quarterly").count() == 1


def test_adding_a_benefit_with_both_links_is_refused_on_the_page(demo):
    from civicp3.improvements.services import improvement_raise

    benefit = Benefit.objects.for_council(demo.a).exclude(project=None).first()
    improvement = improvement_raise(
        council=demo.a, process_impacted="Renewals", problem_statement="Keyed by hand"
    )
    response = demo.client_for("project_manager").post(
        "/performance/benefits/new/",
        {
            "title": "Both",
            "project": benefit.project_id,
            "improvement": improvement.pk,
            "measure": "m",
            "baseline": "b",
            "target": "t",
            "owner": "o",
            "valuation": "money",
        },
    )
    assert response.status_code == 200
    assert "Choose either a project or an improvement" in response.content.decode()


def test_the_benefits_register_exports_what_it_lists(demo):
    response = demo.client_for("pmo").get("/performance/benefits/export/csv/?cashable=yes")
    text = response.content.decode("utf-8-sig")
    assert "Printing and postage no longer needed" in text
    assert "Fewer telephone calls" not in text


def test_loading_the_demo_twice_changes_nothing(demo):
    from civicp3.performance.demo import load_demo
    from tests.performance.conftest import TODAY

    counts = (Kpi.objects.count(), KpiActual.objects.count(), Benefit.objects.count())
    load_demo(demo.a, today=TODAY)
    assert (Kpi.objects.count(), KpiActual.objects.count(), Benefit.objects.count()) == counts
    assert counts[0] == 8


def test_pmo_changes_a_target_and_the_status_follows(demo):
    kpi = Kpi.objects.for_council(demo.a).get(name="Projects delivered within budget")
    data = {
        "name": kpi.name,
        "perspective": kpi.perspective,
        "owner": kpi.owner,
        "unit": kpi.unit,
        "target": "75",
        "tolerance": "5",
        "polarity": "higher",
        "frequency": "monthly",
    }
    assert (
        demo.client_for("project_manager")
        .post(f"/performance/kpis/{kpi.pk}/edit/", data)
        .status_code
        == 403
    )
    assert (
        demo.client_for("pmo", council="b").get(f"/performance/kpis/{kpi.pk}/edit/").status_code
        == 404
    )
    response = demo.client_for("pmo").post(f"/performance/kpis/{kpi.pk}/edit/", data)
    assert response.status_code == 302
    assert kpi.actuals.order_by("-period").first().status == "green"  # 76% against 75%
