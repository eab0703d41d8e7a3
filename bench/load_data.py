"""A large council for the load bench, written with bulk inserts (no history: it is a bench).

Prints `key=value` lines for bench_load.py: the user, password and API token to load with, and
how many projects and improvement requests exist.
"""

import os
import random
import secrets
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicp3.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402

from civicp3.api.services import token_issue  # noqa: E402
from civicp3.improvements.lifecycle import Status  # noqa: E402
from civicp3.improvements.models import ImprovementRequest, Pathway  # noqa: E402
from civicp3.organisation.models import Council, Directorate, ServiceArea  # noqa: E402
from civicp3.portfolio.models import Kind, Project  # noqa: E402

PROJECTS = 5_000
IMPROVEMENTS = 20_000
BATCH = 2_000


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
    Project.objects.bulk_create(
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
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username="load-pmo", password=password)
    user.memberships.create(council=council, role="pmo")
    _token, raw = token_issue(council=council, user=user, name="load", scope="read")
    print(f"user={user.username}\npassword={password}\ntoken={raw}")
    print(f"projects={PROJECTS}\nimprovements={IMPROVEMENTS}")


if __name__ == "__main__":
    main()
