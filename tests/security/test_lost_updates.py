"""M8: two people saving the same risk or brief: the later save silently overwrote the
earlier. Now the later one is refused, told who changed what, and shown both (their values in
the message, its own on the form); saving again from that page is a deliberate choice."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from civicp3.organisation.roles import Role
from civicp3.portfolio import services as portfolio
from civicp3.portfolio.models import ProjectBrief
from civicp3.toolkit import services as toolkit
from civicp3.toolkit.models import Risk, RiskLevel
from tests import clock

pytestmark = pytest.mark.django_db

RISK = {
    "title": "Depot lease ends early",
    "cause": "",
    "event": "",
    "effect": "",
    "owner": "Head of Waste",
    "likelihood": "4",
    "impact": "5",
    "target_likelihood": "2",
    "target_impact": "5",
    "review_date": "2030-01-31",
    "status": "open",
}


def version_on(page: str) -> str:
    found = re.search(r'name="version_seen" value="(\d+)"', page)
    assert found is not None, "the form carries the version it was drawn from"
    return found.group(1)


def colleague(org, role: str) -> User:
    person = User.objects.create_user(username="pat", first_name="Pat", last_name="Jones")
    person.memberships.create(council=org.a, role=role)
    return person


def corporate_risk(org) -> Risk:
    return toolkit.risk_save(
        council=org.a,
        register=RiskLevel.CORPORATE,
        fields={
            "title": RISK["title"], "likelihood": 4, "impact": 5, "target_likelihood": 2,
            "target_impact": 5, "review_date": clock.today() + timedelta(days=30),
        },
        actor=None,
    )  # fmt: skip


def test_the_later_of_two_risk_saves_is_refused_and_shown_both(org, client):
    risk = corporate_risk(org)
    url = f"/risks/RSK-{risk.number:04d}/edit/"
    mine = org.client_for("pmo")
    seen = version_on(mine.get(url).text)
    client.force_login(colleague(org, Role.PMO))
    theirs = client.post(url, {**RISK, "version_seen": seen, "owner": "Estates manager"})
    assert theirs.status_code == 302

    refused = mine.post(url, {**RISK, "version_seen": seen, "likelihood": "2"})
    assert refused.status_code == 200
    assert "Pat Jones changed this risk at" in refused.text
    assert "owner is now “Estates manager”" in refused.text
    assert 'value="Head of Waste"' in refused.text  # my values stay on the form
    risk.refresh_from_db()
    assert (risk.owner, risk.likelihood) == ("Estates manager", 4)

    again = mine.post(url, {**RISK, "version_seen": version_on(refused.text), "likelihood": "2"})
    assert again.status_code == 302
    risk.refresh_from_db()
    assert risk.likelihood == 2


def test_a_risk_save_on_the_latest_version_goes_through(org):
    risk = corporate_risk(org)
    url = f"/risks/RSK-{risk.number:04d}/edit/"
    mine = org.client_for("pmo")
    response = mine.post(url, {**RISK, "version_seen": version_on(mine.get(url).text)})
    assert response.status_code == 302


def test_the_service_refuses_a_risk_change_made_on_an_old_version(org):
    risk = corporate_risk(org)
    old = risk.history.latest().history_id
    toolkit.risk_save(council=org.a, risk=risk, fields={"owner": "Estates"}, actor=None)
    with pytest.raises(toolkit.ToolkitError, match="owner is now “Estates”"):
        toolkit.risk_save(council=org.a, risk=risk, fields={"owner": "Me"}, actor=None, seen=old)


@pytest.fixture
def project_at_brief(org):
    pmo = org.people_a["pmo"]
    project = portfolio.project_create(council=org.a, title="Parking permits", actor=pmo)
    portfolio.project_classify(project=project, kind="project", rationale="One", actor=pmo)
    return project


BRIEF = {
    "background": "Paper",
    "objectives": "Online",
    "scope": "Permits",
    "deliverables": "A form",
}


def test_the_later_of_two_brief_saves_is_refused_naming_who_changed_what(
    org, client, project_at_brief
):
    url = f"/projects/{project_at_brief.number}/brief/"
    mine = org.client_for("project_manager")
    seen = version_on(mine.get(url).text)
    client.force_login(colleague(org, Role.PMO))
    assert client.post(url, {**BRIEF, "version_seen": seen, "scope": "Theirs"}).status_code == 302

    refused = mine.post(url, {**BRIEF, "version_seen": seen, "scope": "Mine"})
    assert refused.status_code == 200
    assert "Pat Jones changed this brief at" in refused.text
    assert "scope is now “Theirs”" in refused.text
    assert re.search(r">\s*Mine</textarea>", refused.text)  # my text stays on the form
    assert ProjectBrief.objects.get(project=project_at_brief).scope == "Theirs"

    again = mine.post(url, {**BRIEF, "version_seen": version_on(refused.text), "scope": "Mine"})
    assert again.status_code == 302
    assert ProjectBrief.objects.get(project=project_at_brief).scope == "Mine"
