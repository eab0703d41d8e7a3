"""A large council for the load bench, written with bulk inserts (no history: it is a bench).

5,000 projects (50 programmes above them), 20,000 improvement requests, 50,000 risks (on the
project, service and corporate registers) and a plan on every project: 100,000 tasks in all,
each plan a chain of linked tasks. Prints `key=value` lines for bench_load.py: the user,
password and API token to load with, and how many of each record exist.
"""

import itertools
import os
import random
import secrets
from datetime import date, timedelta
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicp3.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from civicp3.api.services import token_issue  # noqa: E402
from civicp3.delivery.models import Plan, PlanLink, PlanTask  # noqa: E402
from civicp3.improvements.lifecycle import Status  # noqa: E402
from civicp3.improvements.models import ImprovementRequest, Pathway  # noqa: E402
from civicp3.organisation.models import Council, Directorate, ServiceArea  # noqa: E402
from civicp3.portfolio.models import Kind, Project  # noqa: E402
from civicp3.toolkit.models import Risk, RiskLevel, RiskStatus  # noqa: E402

PROJECTS = 5_000
IMPROVEMENTS = 20_000
RISKS = 50_000
PLAN_TASKS = 100_000
BATCH = 5_000


@transaction.atomic
def main() -> None:
    rng = random.Random(20261124)
    council = Council.objects.create(name="Largeshire County Council", slug="largeshire")
    directorates = Directorate.objects.bulk_create(
        Directorate(council=council, name=f"Directorate {i}") for i in range(12)
    )
    areas = ServiceArea.objects.bulk_create(
        ServiceArea(
            council=council,
            directorate=directorates[i % len(directorates)],
            name=f"Service area {i}",
            monthly_capacity_hours=Decimal(rng.randint(40, 400)),
        )
        for i in range(120)
    )
    programmes = Project.objects.bulk_create(
        Project(council=council, number=n + 1, title=f"Programme {n + 1}", kind=Kind.PROGRAMME)
        for n in range(50)
    )
    projects = Project.objects.bulk_create(
        (
            Project(
                council=council,
                number=n + 1,
                title=f"Project {n + 1}: {rng.choice(['Digital', 'Housing', 'Waste', 'Leisure'])}",
                kind=Kind.PROJECT,
                parent=rng.choice(programmes),
                service_area=rng.choice(areas),
            )
            for n in range(len(programmes), PROJECTS)
        ),
        batch_size=BATCH,
    )
    statuses = [Status.WAITING_LIST] * 6 + [Status.SUBMITTED, Status.IN_DELIVERY, Status.LIVE]
    ImprovementRequest.objects.bulk_create(
        (
            ImprovementRequest(
                council=council,
                number=n + 1,
                process_impacted=f"Process {n + 1}",
                service_area=(area := rng.choice(areas)),
                service_area_text=area.name,
                directorate_id=area.directorate_id,
                problem_statement="Re-keying between systems",
                pathway=rng.choice(list(Pathway)),
                score=Decimal(rng.randint(5, 100)),
                status=rng.choice(statuses),
            )
            for n in range(IMPROVEMENTS)
        ),
        batch_size=BATCH,
    )
    risks(council, rng, projects, areas)
    plans(council, rng, projects)
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username="load-pmo", password=password)
    user.memberships.create(council=council, role="pmo")
    _token, raw = token_issue(council=council, user=user, name="load", scope="read")
    print(f"user={user.username}\npassword={password}\ntoken={raw}")
    print(f"projects={PROJECTS}\nimprovements={IMPROVEMENTS}")
    print(f"risks={RISKS}\nplans={len(projects)}\nplan_tasks={PLAN_TASKS}")


def risks(
    council: Council, rng: random.Random, projects: list[Project], areas: list[ServiceArea]
) -> None:
    today = date.today()
    registers = [RiskLevel.PROJECT] * 8 + [RiskLevel.SERVICE] + [RiskLevel.CORPORATE]

    def risk(n: int) -> Risk:
        register = rng.choice(registers)
        likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
        return Risk(
            council=council,
            number=n + 1,
            register=register,
            project=rng.choice(projects) if register == RiskLevel.PROJECT else None,
            service_area=rng.choice(areas) if register == RiskLevel.SERVICE else None,
            title=f"Risk {n + 1}: {rng.choice(['Supplier', 'Staffing', 'Budget', 'Data'])}",
            owner="Head of service",
            likelihood=likelihood,
            impact=impact,
            score=likelihood * impact,
            target_likelihood=1,
            target_impact=min(impact, 2),
            review_date=today + timedelta(days=rng.randint(-30, 90)),
            status=RiskStatus.OPEN if rng.random() < 0.8 else RiskStatus.CLOSED,
        )

    Risk.objects.bulk_create((risk(n) for n in range(RISKS)), batch_size=BATCH)


def plans(council: Council, rng: random.Random, projects: list[Project]) -> None:
    """A plan on every project, PLAN_TASKS tasks in all, each plan one chain of links."""
    made = Plan.objects.bulk_create(
        Plan(
            council=council,
            project=project,
            start=date(2026, 1, 5) + timedelta(weeks=rng.randint(0, 52)),
            hours_per_day=Decimal("7.5"),
            holidays="england-and-wales",
        )
        for project in projects
    )
    per_plan, extra = divmod(PLAN_TASKS, len(made))
    tasks = PlanTask.objects.bulk_create(
        (
            PlanTask(
                council=council,
                plan=plan,
                code=f"T{i + 1}",
                name=f"Task {i + 1}",
                position=i,
                duration=Decimal(rng.randint(1, 20)),
                cost=Decimal(rng.randint(0, 50) * 100),
            )
            for n, plan in enumerate(made)
            for i in range(per_plan + (n < extra))
        ),
        batch_size=BATCH,
    )
    PlanLink.objects.bulk_create(
        (
            PlanLink(council=council, plan_id=before.plan_id, predecessor=before, successor=after)
            for before, after in itertools.pairwise(tasks)
            if before.plan_id == after.plan_id
        ),
        batch_size=BATCH,
    )


def analyse() -> None:
    """Give the planner its statistics now, as autovacuum would soon after a real import."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
    analyse()
