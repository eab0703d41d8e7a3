from datetime import timedelta

import pytest
from django.urls import reverse
from lxml import html

from civicp3.organisation.models import ServiceArea
from civicp3.toolkit import services
from civicp3.toolkit.demo import load_demo
from civicp3.toolkit.models import Risk, RiskLevel, RiskMatrixSettings
from tests import clock

pytestmark = pytest.mark.django_db

RISK = {
    "title": "Depot lease ends early",
    "cause": "The landlord may sell",
    "event": "We lose the depot",
    "effect": "Rounds stop",
    "owner": "Head of Waste",
    "likelihood": "4",
    "impact": "5",
    "target_likelihood": "2",
    "target_impact": "5",
    "review_date": "2030-01-31",
}


def _risk(council, project=None, likelihood=4, impact=5, register=RiskLevel.PROJECT, **extra):
    return services.risk_save(
        council=council,
        project=project,
        register=register,
        fields={
            "title": "A risk", "likelihood": likelihood, "impact": impact,
            "target_likelihood": 1, "target_impact": 1,
            "review_date": clock.today() + timedelta(days=30), **extra,
        },
        actor=None,
    )  # fmt: skip


def test_a_project_manager_adds_a_project_risk_and_sees_its_score_and_level(org, project):
    client = org.client_for("project_manager")
    url = reverse("toolkit-project-risk-add", args=[project.number])
    response = client.post(url, RISK)
    assert response.status_code == 302
    risk = Risk.objects.get(project=project)
    assert (risk.score, risk.register, risk.council) == (20, "project", org.a)
    page = client.get(reverse("toolkit-project-risks", args=[project.number])).content.decode()
    assert "Depot lease ends early" in page
    assert "20 Very high" in page
    assert "consider escalating" in page


def test_a_risk_without_a_likelihood_is_refused_with_a_message(org, project):
    client = org.client_for("project_manager")
    data = {**RISK, "likelihood": "", "title": ""}
    response = client.post(reverse("toolkit-project-risk-add", args=[project.number]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Select the likelihood" in page
    assert "Enter risk" in page
    assert not Risk.objects.exists()


def test_read_only_roles_cannot_add_or_escalate_risks(org, project):
    risk = _risk(org.a, project)
    for role in ("auditor", "councillor"):
        client = org.client_for(role)
        assert (
            client.get(reverse("toolkit-project-risks", args=[project.number])).status_code == 200
        )
        add = reverse("toolkit-project-risk-add", args=[project.number])
        assert client.post(add, RISK).status_code == 403
        escalate = reverse("toolkit-risk-escalate", args=[risk.number])
        assert client.post(escalate).status_code == 403
    risk.refresh_from_db()
    assert risk.register == RiskLevel.PROJECT


def test_another_councils_project_and_risk_are_not_found(org, project_b):
    risk = _risk(org.b, project_b)
    client = org.client_for("pmo")
    assert client.get(reverse("toolkit-project-risks", args=[project_b.number])).status_code == 404
    # Council A has no RSK-0001 of its own, and must not reach council B's.
    assert client.get(reverse("toolkit-risk", args=[risk.number])).status_code == 404
    assert client.post(reverse("toolkit-risk-escalate", args=[risk.number])).status_code == 404


def test_escalating_moves_the_risk_to_the_corporate_register_with_who_and_when(org, project):
    risk = _risk(org.a, project)
    client = org.client_for("pmo")
    response = client.post(reverse("toolkit-risk-escalate", args=[risk.number]))
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.register == RiskLevel.CORPORATE
    assert risk.escalated_from == RiskLevel.PROJECT
    assert risk.escalated_by == org.people_a["pmo"]
    page = client.get(reverse("toolkit-corporate-risks")).content.decode()
    assert "A risk" in page
    assert "Escalated from project" in page
    detail = client.get(reverse("toolkit-risk", args=[risk.number])).content.decode()
    assert "From the project register by" in detail


def test_a_risk_below_the_escalation_score_is_not_escalated(org, project):
    risk = _risk(org.a, project, likelihood=2, impact=4)
    client = org.client_for("pmo")
    response = client.post(reverse("toolkit-risk-escalate", args=[risk.number]), follow=True)
    assert "only risks scoring 15 or more" in response.content.decode()
    risk.refresh_from_db()
    assert risk.register == RiskLevel.PROJECT


def test_an_overdue_review_is_flagged_and_the_trend_comes_from_history(org, project):
    risk = _risk(org.a, project, likelihood=2, impact=2)
    services.risk_save(
        council=org.a,
        risk=risk,
        fields={"likelihood": 3, "review_date": clock.today() - timedelta(days=1)},
        actor=None,
    )
    page = org.client_for("auditor").get(reverse("toolkit-risk", args=[risk.number]))
    text = page.content.decode()
    assert "is overdue" in text
    assert "First scored" in text
    assert "Up from 4" in text


def test_the_service_register_shows_the_demo_risks_and_heat_map_counts(org):
    load_demo(org.a)
    page = org.client_for("councillor").get(reverse("toolkit-service-risks")).content.decode()
    assert "8 risks" in page
    assert page.count("12 High") == 4
    counts = {
        (cell.get("data-likelihood"), cell.get("data-impact")): int(
            cell.find_class("toolkit-heat-map__count")[0].text
        )
        for cell in html.fromstring(page).find_class("toolkit-heat-map__cell")
    }
    assert counts[("3", "4")] == 4
    assert counts[("2", "4")] == counts[("3", "2")] == counts[("2", "5")] == 1
    assert sum(counts.values()) == 8


def test_the_register_exports_to_xlsx(org):
    load_demo(org.a)
    response = org.client_for("pmo").get(
        reverse("toolkit-service-risks-export", kwargs={"fmt": "xlsx"})
    )
    assert response.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Reference"
    assert sorted(r[11] for r in rows[1:]) == [6, 8, 8, 10, 12, 12, 12, 12]


def test_the_council_administrator_changes_the_matrix_and_bad_bands_are_refused(org):
    url = reverse("toolkit-risk-matrix")
    data = {
        **{f"likelihood_{i}": label for i, label in enumerate(
            ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"], 1)},
        **{f"impact_{i}": f"I{i}" for i in range(1, 6)},
        "bands_text": "Low, 1, 9, green\nHigh, 10, 25, red",
        "escalation_score": "10",
    }  # fmt: skip
    admin = org.client_for("council_admin")
    assert admin.post(url, data).status_code == 302
    settings = RiskMatrixSettings.objects.get(council=org.a)
    assert settings.likelihood_labels[4] == "Almost certain"
    assert settings.escalation_score == 10

    bad = admin.post(url, {**data, "bands_text": "Low, 1, 9, green"})
    assert "no level band covers score(s) 10" in bad.content.decode()
    assert org.client_for("pmo").post(url, data).status_code == 403


def test_a_risk_is_rescored_and_given_a_mitigating_action(org, project):
    risk = _risk(org.a, project, likelihood=2, impact=2)
    client = org.client_for("project_manager")
    edit = reverse("toolkit-risk-edit", args=[risk.number])
    response = client.post(edit, {**RISK, "likelihood": "5", "status": "open"})
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.score == 25
    action = reverse("toolkit-risk-action-add", args=[risk.number])
    response = client.post(action, {"action": "Talk to the landlord", "owner": "Estates"})
    assert response.status_code == 302
    page = client.get(reverse("toolkit-risk", args=[risk.number])).content.decode()
    assert "Talk to the landlord" in page
    assert "Down from" not in page
    assert "Up from 4" in page
    # A sponsor may edit register risks but not a project's own risks.
    assert org.client_for("sponsor").get(edit).status_code == 403


def test_a_service_risk_is_added_to_the_service_register_by_a_sponsor(org):
    client = org.client_for("sponsor")
    waste = ServiceArea.objects.get(council=org.a)
    url = reverse("toolkit-register-risk-add", kwargs={"register": "service"})
    response = client.post(url, {**RISK, "service_area": waste.pk})
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert (risk.register, risk.service_area, risk.project) == ("service", waste, None)
    page = client.get(reverse("toolkit-service-risks"), {"service_area": waste.pk})
    assert "Depot lease ends early" in page.content.decode()
    assert org.client_for("auditor").post(url, RISK).status_code == 403
