"""The council changes its own limits, decision tree and feasibility questions in the app."""

import pytest

from civicp3.improvements.models import DecisionNode, FeasibilityQuestion
from civicp3.improvements.services import improvement_settings

pytestmark = pytest.mark.django_db


def test_the_team_changes_the_public_form_limits(org):
    client = org.client_for("improvement_team")
    response = client.post(
        "/improvements/matrix/limits/",
        {
            "public_submissions_per_hour": "3",
            "max_upload_mb": "4",
            "max_evidence_files": "2",
            "max_evidence_total_mb": "6",
        },
    )
    assert response.status_code == 302
    limits = improvement_settings(org.a)
    assert (limits.public_submissions_per_hour, limits.max_upload_mb) == (3, 4)
    assert (limits.max_evidence_files, limits.max_evidence_total_mb) == (2, 6)
    assert org.client_for("auditor").get("/improvements/matrix/limits/").status_code == 403


def test_the_team_adds_a_feasibility_question(org):
    client = org.client_for("improvement_team")
    response = client.post(
        "/improvements/matrix/feasibility/add/",
        {"category": "compliance", "text": "Is a data protection impact assessment needed?"},
    )
    assert response.status_code == 302
    assert FeasibilityQuestion.objects.filter(council=org.a).count() == 14


def test_a_decision_tree_answer_leads_to_a_question_or_a_pathway_and_never_loops(org):
    first, second, third = DecisionNode.objects.filter(council=org.a)
    client = org.client_for("improvement_team")
    url = f"/improvements/matrix/decision-tree/{third.pk}/"
    both = client.post(
        url, {"text": third.text, "yes_next": second.pk, "yes_pathway": "GBC", "no_pathway": "QW"}
    )
    assert (
        "Choose either the next question or a pathway for the answer yes" in both.content.decode()
    )
    loop = client.post(url, {"text": third.text, "yes_next": first.pk, "no_pathway": "QW"})
    assert "The tree would loop back" in loop.content.decode()
    third.refresh_from_db()
    assert third.yes_pathway == "GBC"
    fine = client.post(
        url, {"text": "Is there a champion?", "yes_pathway": "GBC", "no_pathway": "PIP"}
    )
    assert fine.status_code == 302
    third.refresh_from_db()
    assert (third.text, third.no_pathway) == ("Is there a champion?", "PIP")
    theirs = DecisionNode.objects.create(council=org.b, text="Other council's")
    assert client.get(f"/improvements/matrix/decision-tree/{theirs.pk}/").status_code == 404
