"""Health checks start unanswered; a failed one, or a red highlight report, raises a red flag
that the PMO and the board see on their home pages, linked to the project."""

import pytest

from civicp3.performance.attention import attention
from civicp3.portfolio import services
from tests.portfolio.helpers import decide, score, to_board

pytestmark = pytest.mark.django_db


def started(org):  # type: ignore[no-untyped-def]
    project = to_board(org.a, org.people_a["pmo"])
    score(project, org.people_a["pmo"], 3)
    decide(project, org.people_a["board_member"], "start")
    return project


def test_the_health_check_form_starts_unanswered_and_needs_every_answer(org):
    project = started(org)
    client = org.client_for("pmo")
    url = f"/projects/{project.number}/health-check/"
    form = client.get(url).content.decode()
    assert 'value="yes"' in form
    assert " checked" not in form
    refused = client.post(url, {"date": "2026-03-20"}).content.decode()
    assert "Answer yes or no: is the project still viable?" in refused
    assert not project.health_checks.exists()


def test_a_failed_health_check_raises_a_red_flag_to_the_board(org):
    project = started(org)
    client = org.client_for("pmo")
    done = client.post(
        f"/projects/{project.number}/health-check/",
        {
            "date": "2026-03-20",
            "viable": "yes",
            "governance_in_place": "no",
            "process_followed": "yes",
        },
        follow=True,
    ).content.decode()
    assert "it failed, so a red flag is raised to the board" in done
    for role in ("pmo", "board_member"):
        items = attention(org.a, frozenset({role}), user=org.people_a[role])
        flag = next(item for item in items if "red flag" in item.label)
        assert flag.urgent
        assert flag.url == project.get_absolute_url()
    staff = attention(org.a, frozenset({"staff"}), user=org.people_a["staff"])
    assert not any("red flag" in item.label for item in staff)


def test_a_red_highlight_report_raises_a_red_flag(org):
    project = started(org)
    services.highlight_submit(
        project=project,
        period=project.created.date(),
        actor=org.people_a["project_manager"],
        overall="red",
        schedule="red",
        cost="amber",
        scope="green",
        risk="amber",
        progress="Behind",
        next_steps="Re-plan",
    )
    items = attention(org.a, frozenset({"board_member"}), user=org.people_a["board_member"])
    assert any(item.label.startswith("1 red flag raised") for item in items)
