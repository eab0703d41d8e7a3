"""No N+1 on any HTML list page: a page of 3N rows costs the same queries as a page of N.

Each list gets N records, is read once to warm what is read once (the session, the council's
settings), then counted; then 2N more records are added and it is counted again.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civicp3.delivery.services import forecast_request, plan_create, task_save
from civicp3.engagement import services as engagement
from civicp3.improvements.lifecycle import Status
from civicp3.improvements.models import ImprovementRequest, Pathway
from civicp3.improvements.selectors import waiting_list_for
from civicp3.improvements.services import improvement_raise
from civicp3.organisation.models import Board, ServiceArea
from civicp3.performance.services import benefit_create, kpi_actual_record, kpi_save
from civicp3.portfolio.models import Project
from civicp3.portfolio.services import project_create
from civicp3.productivity import services as productivity
from civicp3.productivity.defaults import return_templates_create
from civicp3.toolkit.models import RiskLevel
from civicp3.toolkit.services import decision_record, raid_item_save, risk_save

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def forecasts_wait(queued_tasks):  # type: ignore[no-untyped-def]
    """Forecasts wait in the queue: the list shows them, whatever TASKS_IMMEDIATE says."""


N = 3


@dataclass
class World:
    org: Any
    project: Project
    made: int = 0

    def next(self) -> int:
        self.made += 1
        return self.made


def improvements(world: World) -> None:
    n = world.next()
    improvement = improvement_raise(
        council=world.org.a,
        process_impacted=f"Garden waste renewals {n}",
        problem_statement="Renewals are keyed in by hand",
        service_area=ServiceArea.objects.filter(council=world.org.a).first(),
    )
    ImprovementRequest.objects.filter(pk=improvement.pk).update(
        status=Status.WAITING_LIST, pathway=Pathway.QW, score=Decimal(50 + n)
    )


def projects(world: World) -> None:
    org, pmo = world.org, world.org.people_a["pmo"]
    project = project_create(council=org.a, title=f"Garden waste portal {world.next()}")
    Project.objects.filter(pk=project.pk).update(
        manager=org.people_a["project_manager"], sponsor=org.people_a["sponsor"], initiator=pmo
    )


def risk(register: str) -> Callable[[World], None]:
    def add(world: World) -> None:
        fields = {
            "title": f"Supplier fails {world.next()}", "likelihood": 3, "impact": 4,
            "target_likelihood": 1, "target_impact": 2, "review_date": date(2026, 6, 30),
            "owner": "Head of waste",
        }  # fmt: skip
        if register == RiskLevel.SERVICE:
            fields["service_area"] = ServiceArea.objects.filter(council=world.org.a).first()
        risk_save(
            council=world.org.a, fields=fields, actor=world.org.people_a["pmo"],
            register=register, project=world.project if register == RiskLevel.PROJECT else None,
        )  # fmt: skip

    return add


def decision(on_project: bool) -> Callable[[World], None]:
    def add(world: World) -> None:
        fields: dict[str, Any] = {
            "decision": f"Go ahead with option {world.next()}", "made_by": "Sponsor",
            "decided_on": date(2026, 1, 1),
        }  # fmt: skip
        if not on_project:
            fields["board"] = Board.objects.filter(council=world.org.a).first()
        decision_record(
            council=world.org.a, fields=fields, actor=world.org.people_a["pmo"],
            project=world.project if on_project else None,
        )  # fmt: skip

    return add


def benefits(world: World) -> None:
    benefit_create(
        council=world.org.a, title=f"Fewer calls {world.next()}", measure="Calls",
        baseline="400", target="100", owner="Waste manager", project=world.project,
    )  # fmt: skip


def kpis(world: World) -> None:
    kpi = kpi_save(
        council=world.org.a, name=f"Calls answered {world.next()}", perspective="customer",
        owner="PMO", target=Decimal(95), tolerance=Decimal(5), polarity="higher",
        frequency="monthly",
    )  # fmt: skip
    kpi_actual_record(kpi=kpi, period=date(2026, 5, 1), value=Decimal(96))


def plan_tasks(world: World) -> None:
    plan = getattr(world.project, "plan", None) or plan_create(
        project=world.project, start=date(2026, 1, 5)
    )
    n = world.next()
    task_save(plan=plan, task=None, code=f"T{n}", name=f"Task {n}", duration=Decimal(5))


def productivity_plans(world: World) -> None:
    template = return_templates_create(world.org.a)
    productivity.plan_create(council=world.org.a, template=template, title=f"Plan {world.next()}")


def committee_reports(world: World) -> None:
    n = world.next()
    productivity.committee_report_save(
        council=world.org.a,
        values={
            "title": f"Garden waste report {n}", "committee": "Strategy and Resources",
            "meeting_date": date(2026, 3, n % 28 + 1), "author": "Head of PMO",
            "purpose": "To note progress", "recommendations": "That members note it",
        },
    )  # fmt: skip


def raid_items(world: World) -> None:
    fields = {"kind": "issue", "description": f"Supplier late {world.next()}", "owner": "PM"}
    raid_item_save(project=world.project, fields=fields, actor=world.org.people_a["pmo"])


def forecasts(world: World) -> None:
    if not hasattr(world.project, "plan"):
        plan_tasks(world)
    forecast_request(project=world.project, iterations=1000, seed=world.next())


def people(world: World) -> None:
    n = world.next()
    user = User.objects.create_user(username=f"officer{n}", first_name="Officer", last_name=f"{n}")
    user.memberships.create(council=world.org.a, role="project_manager")


def feedback(world: World) -> None:
    engagement.feedback_give(
        council=world.org.a, stars=world.next() % 5 + 1, comment="Slow",
        service_area=ServiceArea.objects.filter(council=world.org.a).first(),
    )  # fmt: skip


def champions(world: World) -> None:
    team, n = world.org.people_a["improvement_team"], world.next()
    appointment = engagement.appointment_save(
        council=world.org.a, actor=team, councillor=f"Cllr {n}", committee="Scrutiny",
        appointed_on=date(2026, 6, 1), term_start=date(2026, 6, 1),
    )  # fmt: skip
    meeting = engagement.meeting_record(council=world.org.a, actor=team, held_on=date(2026, 9, n))
    engagement.action_add(
        meeting=meeting, actor=team, text="Walk the journey", owner="Cllr", due_on=date(2026, 12, 1)
    )
    area = ServiceArea.objects.filter(council=world.org.a).first()
    engagement.insight_record(
        council=world.org.a, actor=team, heard_on=date(2026, 9, 1), summary=f"Heard {n}",
        appointment=appointment, service_area=area,
    )  # fmt: skip


@dataclass(frozen=True)
class ListPage:
    name: str
    path: Callable[[World], str]
    add: Callable[[World], None]
    role: str = "pmo"


PAGES = [
    ListPage("waiting list", lambda w: "/improvements/waiting-list/", improvements),
    ListPage("register", lambda w: "/projects/", projects),
    ListPage("project risks", lambda w: f"/projects/{w.project.number}/risks/", risk("project")),
    ListPage("service risks", lambda w: "/risks/service/", risk("service")),
    ListPage("corporate risks", lambda w: "/risks/corporate/", risk("corporate")),
    ListPage("decisions log", lambda w: "/decisions/", decision(on_project=False)),
    ListPage(
        "project decisions", lambda w: f"/projects/{w.project.number}/decisions/", decision(True)
    ),
    ListPage("benefits", lambda w: "/performance/benefits/", benefits),
    ListPage("KPIs (scorecard)", lambda w: "/performance/scorecard/", kpis),
    ListPage("plan tasks", lambda w: f"/projects/{w.project.number}/plan/", plan_tasks),
    ListPage("productivity plans", lambda w: "/productivity-plan/", productivity_plans),
    ListPage("search results", lambda w: "/search/?q=garden", improvements),
    ListPage("search, one kind", lambda w: "/search/?q=garden&kind=projects", projects),
    ListPage("committee reports", lambda w: "/committee-reports/", committee_reports),
    ListPage("RAID log", lambda w: f"/projects/{w.project.number}/raid/", raid_items),
    ListPage("forecasts", lambda w: f"/projects/{w.project.number}/forecast/", forecasts),
    ListPage("people", lambda w: "/settings/people/", people, role="council_admin"),
    ListPage("service feedback", lambda w: "/engagement/feedback/", feedback, "improvement_team"),
    ListPage("member champions", lambda w: "/engagement/champions/", champions, "improvement_team"),
]


def queries(client, path: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, f"{path} answered {response.status_code}"
    return len(context)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_a_list_page_costs_the_same_queries_for_more_rows(org, page: ListPage):
    world = World(org=org, project=project_create(council=org.a, title="Garden waste portal"))
    client = org.client_for(page.role)
    for _ in range(N):
        page.add(world)
    path = page.path(world)
    queries(client, path)
    few = queries(client, path)
    for _ in range(2 * N):
        page.add(world)
    many = queries(client, path)
    assert many == few, f"{page.name}: {few} queries for {N} rows, {many} for {3 * N}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plan")
def test_the_waiting_list_is_read_in_order_from_its_index(org):
    """The index's expression is the selector's order: a page needs no sort of every request."""
    sql, params = waiting_list_for(org.a)[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "improvement_waiting_order" in plan
    assert "Sort" not in plan
