"""Delivery through DMAIC: phase-completion returns, champions' own work, change requests."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from civicp3.improvements.models import ChangeRequest, PhaseCompletionReturn
from civicp3.improvements.services import (
    ImprovementError,
    change_request_decide,
    change_request_raise,
    improvement_transition,
    phase_completion_file,
)
from tests.improvements.conftest import make_request, record_feasible

pytestmark = pytest.mark.django_db


def in_delivery(council, **fields):
    improvement = make_request(council, "waiting_list", score=Decimal("40"), **fields)
    record_feasible(improvement)
    improvement_transition(improvement=improvement, to="in_delivery", actor=None)
    return improvement


def file_return(improvement, actor=None):
    return phase_completion_file(
        improvement=improvement,
        templates_used="Project brief",
        documentation_complete=True,
        template_suggestions="Shorter brief",
        communications_needed="One Team article",
        actor=actor,
    )


def test_delivery_starts_at_define_and_each_return_completes_a_phase(org):
    improvement = in_delivery(org.a, pathway="PIP")
    assert improvement.phase == "define"
    phases = [file_return(improvement).phase for _ in range(5)]
    improvement.refresh_from_db()
    assert phases == ["define", "measure", "analyse", "improve", "control"]
    assert improvement.phase == "done"
    with pytest.raises(ImprovementError, match="all its phases are complete"):
        file_return(improvement)


def test_a_return_needs_the_templates_used(org):
    improvement = in_delivery(org.a, pathway="PIP")
    with pytest.raises(ImprovementError, match="Enter the templates used"):
        phase_completion_file(
            improvement=improvement, templates_used=" ", documentation_complete=False, actor=None
        )


def test_a_champion_runs_their_own_self_serve_work_but_not_anothers(org):
    champion = org.people_a["green_belt_champion"]
    mine = in_delivery(org.a, pathway="GBC", champion=champion)
    other = User.objects.create(username="another_champion")
    in_delivery(org.a, pathway="GBC", process_impacted="Someone else's", champion=other)
    client = org.client_for("green_belt_champion")
    data = {"templates_used": "SIPOC", "documentation_complete": "yes"}
    assert client.post("/improvements/IMP-0001/phase-return/", data).status_code == 302
    assert client.post("/improvements/IMP-0002/phase-return/", data).status_code == 403
    assert PhaseCompletionReturn.objects.get().improvement == mine
    own_list = client.get("/improvements/self-serve/").content.decode()
    assert "IMP-0001" in own_list
    assert "IMP-0002" not in own_list
    team_list = org.client_for("improvement_team").get("/improvements/self-serve/").content.decode()
    assert "IMP-0001" in team_list
    assert "IMP-0002" in team_list


def test_the_sponsor_agrees_or_declines_a_change_request_with_a_dated_reason(org):
    improvement = in_delivery(org.a, pathway="PIP")
    change = change_request_raise(
        improvement=improvement, change="Add a property list", reason="Customers ask", actor=None
    )
    client = org.client_for("sponsor")
    url = f"/improvements/IMP-0001/change-requests/{change.pk}/decide/"
    missing = client.post(url, {"decision": "decline"})
    assert "Enter reason for the decision" in missing.content.decode()
    assert (
        client.post(url, {"decision": "decline", "decision_reason": "Out of scope"}).status_code
        == 302
    )
    change.refresh_from_db()
    assert (change.decision, change.decision_reason) == ("declined", "Out of scope")
    assert change.decided_by == org.people_a["sponsor"]
    assert change.decided_on is not None
    with pytest.raises(ImprovementError, match="already declined"):
        change_request_decide(change_request=change, agree=True, reason="Changed mind", actor=None)


def test_only_the_sponsor_decides_change_requests(org):
    improvement = in_delivery(org.a, pathway="PIP")
    change = change_request_raise(improvement=improvement, change="X", reason="Y", actor=None)
    url = f"/improvements/IMP-0001/change-requests/{change.pk}/decide/"
    assert org.client_for("improvement_team").get(url).status_code == 403
    assert org.client_for("sponsor", "b").get(url).status_code == 404


def test_a_change_request_cannot_be_raised_on_a_closed_request(org):
    improvement = make_request(org.a, "closed")
    with pytest.raises(
        ImprovementError,
        match="Raise a change request is for requests that are on the waiting list, in delivery",
    ):
        change_request_raise(improvement=improvement, change="X", reason="Y", actor=None)
    assert not ChangeRequest.objects.exists()


def test_the_self_serve_list_filters_and_exports(org):
    champion = org.people_a["green_belt_champion"]
    in_delivery(org.a, pathway="GBC", champion=champion)
    make_request(org.a, "waiting_list", pathway="GBC", champion=champion, process_impacted="Later")
    client = org.client_for("green_belt_champion")
    page = client.get("/improvements/self-serve/?status=in_delivery").content.decode()
    assert "IMP-0001" in page
    assert "IMP-0002" not in page
    csv = client.get("/improvements/self-serve/export/csv/?status=waiting_list").content.decode(
        "utf-8-sig"
    )
    assert csv.splitlines()[0].startswith("Reference,Process impacted")
    assert "IMP-0002,Later" in csv
    assert "IMP-0001" not in csv
