"""`civicp3 load_demo`: the demo councils, their structure and one person per role.

Idempotent: running it again updates the same records (and resets the demo password).
"""

import csv
import os
import secrets
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from civicp3.delivery import demo as delivery_demo
from civicp3.engagement import demo as engagement_demo
from civicp3.improvements import demo as improvements_demo
from civicp3.improvements.models import ImprovementRequest
from civicp3.improvements.services import improvements_import
from civicp3.onboarding import demo as onboarding_demo
from civicp3.onboarding.services import council_configure
from civicp3.organisation.models import (
    Board,
    BoardMember,
    CorporatePriority,
    Council,
    Directorate,
    Membership,
    ServiceArea,
    WageRate,
)
from civicp3.organisation.roles import Role
from civicp3.outcomes import demo as outcomes_demo
from civicp3.performance import demo as performance_demo
from civicp3.portfolio import demo as portfolio_demo
from civicp3.productivity import best_value_demo
from civicp3.productivity import demo as productivity_demo
from civicp3.toolkit import demo as toolkit_demo

DEMO_DATA = Path(__file__).resolve().parents[3] / "demo_data"
WORKLIST = DEMO_DATA / "maldon-improvement-worklist-2024.csv"

APP_DEMOS = (
    improvements_demo.load_demo,
    portfolio_demo.load_demo,
    toolkit_demo.load_demo,
    delivery_demo.load_demo,
    performance_demo.load_demo,
    onboarding_demo.load_demo,
    productivity_demo.load_demo,
    engagement_demo.load_demo,
    best_value_demo.load_demo,
    outcomes_demo.load_demo,
)

# Corporate Plan 2023-27 goals the seed framework names (section 5).
MALDON_PRIORITIES = {
    "Smarter finances": "Digitally efficient and sustainable in our expenditure.",
    "Provide good quality services": "Improved processes that improve efficiency; value for money.",
    "Greener future": "The corporate plan priority the PMO and Improvement service supports.",
}
# Illustrative hourly costs by grade (before on-costs) for the demo.
DEMO_WAGE_RATES = {
    "Scale 3": Decimal("13.45"),
    "Scale 5": Decimal("15.80"),
    "Scale 6": Decimal("17.65"),
    "SO1": Decimal("20.10"),
    "PO1": Decimal("23.90"),
}


class Command(BaseCommand):
    help = "Load the demo councils (Maldon District Council and a second one) and demo users."

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("DEMO_PASSWORD") or secrets.token_urlsafe(12)
        with transaction.atomic():
            maldon = load_maldon()
            load_maldon_improvements(maldon)
            second = load_second_council()
            users = [*demo_users(maldon, "", password), *demo_users(second, "-2", password)]
            # Each app's own demo records for Maldon, once its people exist.
            for load_app_demo in APP_DEMOS:
                load_app_demo(maldon)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("Sign in at /sign-in/ with any of these usernames:")
        for council, names in ((maldon, users[: len(Role)]), (second, users[len(Role) :])):
            self.stdout.write(f"  {council.name}: {', '.join(names)}")
        self.stdout.write(f"Password for every demo user: {password}")


def load_maldon() -> Council:
    council, _ = Council.objects.update_or_create(
        slug="maldon",
        defaults={
            "name": "Maldon District Council (demo)",
            "kind": Council.Kind.DISTRICT,
            "working_day_hours": Decimal("7.50"),
            "on_cost_percent": Decimal("30.00"),
            "corporate_plan_title": "Corporate Plan 2023 to 2027",
            "corporate_plan_start_year": 2023,
            "corporate_plan_end_year": 2027,
        },
    )
    with WORKLIST.open(newline="", encoding="utf-8") as handle:
        pairs = [
            (row["AD area"].strip(), row["Service Area"].strip()) for row in csv.DictReader(handle)
        ]
    for ad_area, service_area in dict.fromkeys(pairs):
        directorate, _ = Directorate.objects.get_or_create(
            council=council, name=ad_area, defaults={"assistant_director": ad_area}
        )
        ServiceArea.objects.get_or_create(
            council=council,
            name=service_area,
            defaults={"directorate": directorate, "monthly_capacity_hours": Decimal("60")},
        )
    # The PMO and Improvement service itself (seed 001, sections 3 and 9), whose service risks
    # the demo loads.
    ppg, _ = Directorate.objects.get_or_create(
        council=council,
        name="Programmes, Performance and Governance",
        defaults={
            "assistant_director": "Assistant Director of Programmes, Performance and Governance"
        },
    )
    ServiceArea.objects.get_or_create(
        council=council,
        name="PMO and Improvements",
        defaults={"directorate": ppg, "monthly_capacity_hours": Decimal("220")},
    )
    for name, description in MALDON_PRIORITIES.items():
        CorporatePriority.objects.get_or_create(
            council=council, name=name, defaults={"description": description}
        )
    load_boards_and_rates(council)
    council_configure(council)
    return council


def load_maldon_improvements(council: Council) -> None:
    """The seed's 26 requests, through the same importer a council uses. The importer refuses
    requests the council already has, so this loads them only the first time."""
    if not ImprovementRequest.objects.for_council(council).exists():
        improvements_import(council=council, rows_or_file=WORKLIST, actor=None)


def load_second_council() -> Council:
    council, _ = Council.objects.update_or_create(
        slug="brightwell",
        defaults={
            "name": "Brightwell Borough Council (demo)",
            "kind": Council.Kind.BOROUGH,
            "working_day_hours": Decimal("7.40"),
            "on_cost_percent": Decimal("32.00"),
            "corporate_plan_title": "Brightwell Together 2024 to 2028",
            "corporate_plan_start_year": 2024,
            "corporate_plan_end_year": 2028,
        },
    )
    directorate, _ = Directorate.objects.get_or_create(
        council=council, name="Place", defaults={"assistant_director": "Director of Place"}
    )
    for name in ("Housing", "Parking"):
        ServiceArea.objects.get_or_create(
            council=council,
            name=name,
            defaults={"directorate": directorate, "monthly_capacity_hours": Decimal("40")},
        )
    CorporatePriority.objects.get_or_create(council=council, name="Thriving places")
    load_boards_and_rates(council)
    council_configure(council)
    return council


def load_boards_and_rates(council: Council) -> None:
    Board.objects.get_or_create(
        council=council,
        name="CLT governance board",
        defaults={"kind": Board.Kind.CLT_GOVERNANCE, "meets": "Monthly"},
    )
    Board.objects.get_or_create(
        council=council,
        name="ELT project board",
        defaults={"kind": Board.Kind.ELT_PROJECT, "meets": "Monthly"},
    )
    for grade, cost in DEMO_WAGE_RATES.items():
        WageRate.objects.get_or_create(council=council, grade=grade, defaults={"hourly_cost": cost})


def demo_users(council: Council, suffix: str, password: str) -> list[str]:
    """One person per role, named after the role (`pmo`, or `pmo-2` in the second council)."""
    names = []
    clt = Board.objects.get(council=council, kind=Board.Kind.CLT_GOVERNANCE)
    for role in Role:
        username = f"{role.value}{suffix}"
        user, _ = User.objects.get_or_create(username=username)
        user.first_name = "Demo"
        user.last_name = role.label
        user.email = f"{username}@example.invalid"
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(council=council, user=user, role=role)
        if role is Role.BOARD_MEMBER:
            BoardMember.objects.get_or_create(
                council=council, board=clt, user=user, defaults={"position": "Member"}
            )
        names.append(username)
    return names
