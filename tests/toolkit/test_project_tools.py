"""Decisions, requirements and traceability, options, stakeholders and budget pages."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from civicp3.organisation.models import Board
from civicp3.portfolio.models import BusinessCase
from civicp3.toolkit.models import (
    BudgetLine,
    ChecklistItem,
    ChecklistTick,
    Decision,
    Option,
    Requirement,
    Stakeholder,
)

pytestmark = pytest.mark.django_db


def _url(name, project, **kwargs):
    return reverse(name, kwargs={"number": project.number, **kwargs})


def _sheet(response):
    assert response.status_code == 200
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


def test_a_decision_is_recorded_with_its_options_and_exported(org, project):
    client = org.client_for("project_manager")
    response = client.post(
        _url("toolkit-project-decision-add", project),
        {
            "decision": "Lease a second depot",
            "options_considered": "Buy; lease; do nothing",
            "made_by": "Sponsor",
            "decided_on": "2026-02-03",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(project=project)
    assert decision.reference == "DEC-0001"
    page = client.get(_url("toolkit-project-decisions", project)).content.decode()
    assert "Lease a second depot" in page
    assert "Buy; lease; do nothing" in page
    rows = _sheet(client.get(_url("toolkit-project-decisions-export", project, fmt="xlsx")))
    assert rows[1][2] == "Lease a second depot"


def test_a_decision_without_a_date_is_refused(org, project):
    response = org.client_for("pmo").post(
        _url("toolkit-project-decision-add", project), {"decision": "x", "made_by": "y"}
    )
    assert "Enter date of decision" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_board_decision_goes_in_the_council_decisions_log(org):
    board = Board.objects.get(council=org.a)
    client = org.client_for("pmo")
    response = client.post(
        reverse("toolkit-board-decision-add"),
        {"decision": "Pause PRJ-0002", "made_by": "CLT", "decided_on": "2026-01-05",
         "board": board.pk},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(reverse("toolkit-decisions-log"), {"board": board.pk}).content.decode()
    assert "Pause PRJ-0002" in page
    other_board = Board.objects.get(council=org.b)
    refused = client.post(
        reverse("toolkit-board-decision-add"),
        {"decision": "x", "made_by": "y", "decided_on": "2026-01-05", "board": other_board.pk},
    )
    assert "Select one of the options in the list" in refused.content.decode()


def test_an_untraced_must_have_is_flagged_until_it_has_an_acceptance_test(org, project):
    client = org.client_for("project_manager")
    client.post(
        _url("toolkit-project-requirement-add", project),
        {"description": "Residents book a bulky waste collection online", "priority": "must"},
    )
    client.post(
        _url("toolkit-project-requirement-add", project),
        {"description": "Text reminders", "priority": "wont"},
    )
    requirement = Requirement.objects.get(project=project, priority="must")
    page = client.get(_url("toolkit-project-requirements", project)).content.decode()
    assert "Must have with no acceptance test" in page
    assert "1 requirement has gaps" in page
    trace = _url("toolkit-requirement-trace", project, requirement=requirement.number)
    for kind, name in [
        ("objective", "Smarter finances"),
        ("deliverable", "Online booking form"),
        ("acceptance_test", "A resident books and pays"),
    ]:
        assert client.post(trace, {"kind": kind, "name": name}).status_code == 302
    page = client.get(_url("toolkit-project-requirements", project)).content.decode()
    assert "Must have with no acceptance test" not in page
    assert "gaps in" not in page


def test_a_requirement_needs_a_moscow_priority(org, project):
    response = org.client_for("pmo").post(
        _url("toolkit-project-requirement-add", project), {"description": "Something"}
    )
    assert "Select a MoSCoW priority" in response.content.decode()
    assert not Requirement.objects.exists()


def test_options_are_compared_against_do_nothing_and_one_is_carried(org, project):
    client = org.client_for("project_manager")
    client.post(_url("toolkit-project-criterion-add", project), {"name": "Cost", "weight": 3})
    client.post(_url("toolkit-project-criterion-add", project), {"name": "Service", "weight": 1})
    client.post(_url("toolkit-project-option-add", project), {"name": "Lease a depot"})
    client.post(_url("toolkit-project-option-add", project), {"name": "Buy a depot"})
    options = {o.name: o for o in Option.objects.filter(project=project)}
    assert options["Do nothing"].is_baseline
    criteria = list(project.option_criteria.order_by("name"))  # Cost, Service
    for name, (cost, service) in {
        "Do nothing": (2, 2), "Lease a depot": (8, 5), "Buy a depot": (4, 9),
    }.items():  # fmt: skip
        url = _url("toolkit-option-scores", project, option=options[name].pk)
        data = {f"criterion_{criteria[0].pk}": cost, f"criterion_{criteria[1].pk}": service}
        assert client.post(url, data).status_code == 302
    page = client.get(_url("toolkit-project-options", project)).content.decode()
    assert "Recommended option: <strong>Lease a depot</strong>" in page  # 29 beats 21 and 8

    carry = _url("toolkit-option-carry", project, option=options["Lease a depot"].pk)
    assert client.post(carry).status_code == 302
    lease = Option.objects.get(pk=options["Lease a depot"].pk)
    assert lease.carried_by == org.people_a["project_manager"]
    case = BusinessCase.objects.get(project=project)
    assert case.economic_recommended_option.startswith("Lease a depot. Weighted score 29")
    baseline = _url("toolkit-option-carry", project, option=options["Do nothing"].pk)
    response = client.post(baseline, follow=True)
    assert "cannot be carried" in response.content.decode()


def test_a_score_above_ten_is_refused(org, project):
    client = org.client_for("pmo")
    client.post(_url("toolkit-project-criterion-add", project), {"name": "Cost", "weight": 3})
    option = Option.objects.get(project=project)
    criterion = project.option_criteria.get()
    response = client.post(
        _url("toolkit-option-scores", project, option=option.pk),
        {f"criterion_{criterion.pk}": 11},
    )
    assert "Enter a score of 10 or less" in response.content.decode()


def test_stakeholders_sit_on_the_grid_and_the_checklist_is_ticked(org, project):
    client = org.client_for("project_manager")
    response = client.post(
        _url("toolkit-project-stakeholder-add", project),
        {"name": "Ward members", "power": "high", "interest": "high", "engagement": "Monthly"},
    )
    assert response.status_code == 302
    assert Stakeholder.objects.get(project=project).approach == "Manage closely"
    page = client.get(_url("toolkit-project-stakeholders", project)).content.decode()
    assert "Sponsor agreed and named" in page
    assert "Ward members" in page
    first = ChecklistItem.objects.filter(council=org.a).first()
    client.post(_url("toolkit-project-stakeholders", project), {"done": [first.pk]})
    assert ChecklistTick.objects.get(project=project).item == first
    assert (
        org.client_for("auditor")
        .post(_url("toolkit-project-stakeholders", project), {"done": []})
        .status_code
        == 403
    )


def test_budget_lines_and_months_show_variance_and_export(org, project):
    client = org.client_for("pmo")
    client.post(
        _url("toolkit-budget-line-add", project),
        {"kind": "capital", "name": "Vehicles", "approved": "1000"},
    )
    line = BudgetLine.objects.get(project=project)
    client.post(
        _url("toolkit-budget-month", project),
        {"line": line.pk, "month": "2026-04-15", "forecast": "1200", "actual": "300"},
    )
    page = client.get(_url("toolkit-project-budget", project)).content.decode()
    assert "Forecast overspend" in page
    assert "April 2026" in page
    rows = _sheet(client.get(_url("toolkit-project-budget-export", project, fmt="xlsx")))
    assert rows[1][1] == "Vehicles"
    assert float(rows[1][6]) == 900.0
    refused = client.post(
        _url("toolkit-budget-line-add", project),
        {"kind": "capital", "name": "Vans", "approved": "-5"},
    )
    assert "There is a problem" in refused.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "toolkit-project-risks", "toolkit-project-raid", "toolkit-project-decisions",
        "toolkit-project-requirements", "toolkit-project-options",
        "toolkit-project-stakeholders", "toolkit-project-budget",
    ],
)  # fmt: skip
def test_each_tab_is_readable_by_an_auditor_but_not_another_council(org, project, name):
    assert org.client_for("auditor").get(_url(name, project)).status_code == 200
    assert org.client_for("pmo", council="b").get(_url(name, project)).status_code == 404
    assert org.client_for("staff").get(_url(name, project)).status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "toolkit-project-risk-add", "toolkit-project-raid-add", "toolkit-project-decision-add",
        "toolkit-project-requirement-add", "toolkit-project-criterion-add",
        "toolkit-project-option-add", "toolkit-project-stakeholder-add",
        "toolkit-budget-line-add", "toolkit-budget-month",
    ],
)  # fmt: skip
def test_read_only_roles_cannot_open_the_forms(org, project, name):
    for role in ("auditor", "councillor", "sponsor"):
        assert org.client_for(role).get(_url(name, project)).status_code == 403
    assert org.client_for("project_manager").get(_url(name, project)).status_code == 200


def test_a_raid_issue_is_added_then_closed_with_history(org, project):
    client = org.client_for("project_manager")
    response = client.post(
        _url("toolkit-project-raid-add", project),
        {"kind": "issue", "description": "Depot roof leaks", "status": "open"},
    )
    assert response.status_code == 302
    item = project.raid_items.get()
    edit = _url("toolkit-project-raid-edit", project, item=item.pk)
    data = {"kind": "issue", "description": "Depot roof leaks", "status": "closed"}
    assert client.post(edit, data).status_code == 302
    item.refresh_from_db()
    assert item.status == "closed"
    assert item.history.count() == 2
    page = client.get(_url("toolkit-project-raid", project)).content.decode()
    assert "Depot roof leaks" in page
    assert "Closed" in page
    assert org.client_for("pmo", council="b").post(edit, data).status_code == 404
    assert org.client_for("auditor").post(edit, data).status_code == 403
